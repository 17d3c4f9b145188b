"""Landscapes beyond triplets: InfoNCE/U0 on spheres, stationarity, Riemannian descent, Langevin, census.

- ``infonce``: the objectives (``InfoNCE``, ``U0``, ``Aligned``) and their closed forms;
- ``sphere``: calculus on products of spheres modulo rotations (``classify``, ``SecondOrder``);
- ``stationary``: interval certificates of stationarity (``certify_stationary``);
- ``rgd``: Riemannian gradient descent (``gradient_descent``);
- ``langevin`` (with the compiled ``langevin_kernel``): annealed Langevin dynamics and ``end_classes``;
- ``census``: seeded starts to certified stationary points, classes and basins (``sphere_census``).

The function ``langevin`` is reached as ``localsearch.landscape.langevin.langevin`` (the package
attribute ``langevin`` is the module).

>>> from localsearch.landscape import aligned_ntxent, certify_stationary, ngon
>>> certify_stationary(aligned_ntxent(5, 0.5), ngon(5), eps=1e-12).stationary
True
"""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submodules=[
    "infonce", "sphere", "stationary", "rgd", "langevin", "langevin_kernel", "census"], submod_attrs={
    "infonce": ["InfoNCE", "U0", "Aligned", "aligned_ntxent", "aligned_pairs", "anchor_terms", "ngon", "ngon_value",
                "simplex", "simplex_value", "collapse", "collapse_value", "closed_form", "closed_form_reference",
                "ngon_hessian_eigenvalues", "known_minimum", "toy_global_minimum", "triplet_instance"],
    "sphere": ["random_point", "normalise_rows", "classify", "SecondOrder", "rank_one"],
    "stationary": ["certify_stationary", "StationaryCertificate"],
    "rgd": ["gradient_descent", "GDResult"],
    "langevin": ["LangevinResult", "end_classes"],
    "census": ["sphere_census"],
})

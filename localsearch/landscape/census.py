"""Landscape census: many seeded starts -> local search to a certified local optimum -> classify, cluster.

Each start ends in one of three classes:

- ``collapsed``: all embeddings equal or of rank <= 1 (sphere); all vertices on one side (Max-Cut);
- ``global``: value equal to the reference optimum (within ``vtol`` on the sphere; exactly for Max-Cut);
- ``suboptimal``: any other certified local optimum (``noncollapsed`` when there is no reference;
  ``uncertified`` if certification failed).

Class counts come with 95% Wilson intervals (``localsearch.core.stats``). End points are clustered modulo
the gauge, value first: two end points of the same class can be one basin only if their values agree
within ``vtol`` (relative); then the geometry decides. On the sphere two end points are one basin iff
they are equal up to a rotation or reflection (and, with ``modulo_permutations``, a relabelling of the
points) within the sum of their radii, measured after optimal alignment (:func:`.sphere.align`:
orthogonal Procrustes, with a search over relabellings). The radius of a certified strict minimum
is 2 g / lambda, g the certified bound on its Riemannian gradient and lambda the smallest eigenvalue of
its Hessian modulo rotations: near a nondegenerate minimum x*, grad f(x) ~ H (x - x*), so the end
point lies within about g / lambda of x* (the factor 2 is a margin for the neglected second-order
terms). End points that are not certified strict minima get the radius ``gtol``. For Max-Cut, s and -s
are identified.

A comparison of Gram matrices (complete invariants modulo O(d)) would do without permutations, but
sorting Gram rows to remove the labels is not stable: when rows tie up to rounding (every row of a
centrally symmetric configuration has the entry -1), the order is decided by noise, and one optimum
splits into many "basins" (N = 16, tau = 0.1 on S^2 gave 15 for 2 distinct minima).

Sphere pipeline per start: uniform random start (seed, index) -> ``rgd.gradient_descent`` ->
``stationary.certify_stationary`` (interval bound on the Riemannian gradient) ->
``sphere.classify`` (second order modulo rotations). The Max-Cut flip census is ``localsearch.maxcut.census``.

>>> from localsearch.landscape.infonce import InfoNCE, Aligned, aligned_pairs, ngon_value
>>> c = sphere_census(Aligned(InfoNCE(6, aligned_pairs(3), 0.5)), 2, starts=5, reference=ngon_value(3, 0.5))
>>> c.counts["global"]["successes"], len(c.clusters)
(5, 1)

For aligned NT-Xent the reference is usually a closed form, :func:`.infonce.closed_form_reference`
(the regular n-gon or simplex).

Reference: for landscape censuses of this kind, e.g. D. J. Wales, "Energy Landscapes", Cambridge 2003;
the seed paper for Max-Cut local optima and flips.
"""
from __future__ import annotations

import time

import numpy as np

from ..core.census import Census, finish
from .rgd import gradient_descent
from .sphere import align, random_point, rank_one
from .stationary import certify_stationary


def basin_radius(cert_bound: float, second_order, gtol: float, floor: float = 1e-10) -> float:
    """How far an end point may be from the critical point it approximates, for clustering.

    Parameters
    ----------
    cert_bound : float
        Certified bound g on ||grad_R f|| at the end point (``inf`` if not certified).
    second_order : SecondOrder
        Its reading modulo rotations (:func:`.sphere.classify`).
    gtol : float
        The radius when the bound says nothing (not a certified strict minimum).
    floor : float, default 1e-10
        At least this (rounding of the end point's coordinates).

    Returns
    -------
    float
        ``max(floor, 2 g / lambda_min)`` for a certified strict minimum, else ``gtol``.

    Examples
    --------
    >>> from localsearch.landscape.sphere import SecondOrder
    >>> basin_radius(1e-10, SecondOrder("minimum", (0.02, 1.0), 1, 1e-7), 1e-5)
    1e-08
    >>> basin_radius(1e-10, SecondOrder("saddle", (-1.0, 1.0), 1, 1e-7), 1e-5)
    1e-05
    """
    if second_order.kind != "minimum" or not np.isfinite(cert_bound) or not second_order.eigenvalues:
        return gtol
    return max(floor, 2.0 * cert_bound / second_order.eigenvalues[0])


def sphere_census(obj, dim: int, starts: int = 50, seed: int = 0, reference: float | None = None,
                  reference_status: str = "closed-form", vtol: float = 1e-7, gtol: float = 1e-5,
                  tol: float = 1e-10, max_iter: int = 20_000, certify_eps: float = 1e-8,
                  modulo_permutations: bool = False, progress=None) -> Census:
    """Census of a smooth objective on (S^{dim-1})^M (``obj`` as in ``localsearch.landscape.infonce``).

    Start i is ``random_point(M, dim, seed=SeedSequence([seed, i]))``; Riemannian gradient descent
    (:func:`.rgd.gradient_descent`) runs from it, its end point is certified
    (:func:`.stationary.certify_stationary`), read to second order (``obj.second_order``), classified
    (see the module docstring; the first matching of uncertified, collapsed, noncollapsed when there is no
    reference, global, suboptimal) and clustered with the earlier end points of the same class.

    Parameters
    ----------
    obj : InfoNCE, U0 or Aligned
        A smooth objective with ``value_and_egrad``, ``rgrad`` and ``second_order`` (U0 end points are
        mostly not certifiable, see :mod:`.stationary`).
    dim : int
        Ambient dimension.
    starts : int, default 50
        Number of random starts.
    seed : int, default 0
        Seed of the starts.
    reference : float, optional
        The value of the (presumed) global minimum.
    reference_status : str, default "closed-form"
        Where the reference comes from (reported as ``"none"`` without a reference).
    vtol : float, default 1e-7
        *global* iff |value - reference| <= vtol * max(1, |reference|).
    gtol : float, default 1e-5
        The radius (see :func:`basin_radius`) of end points that are not certified strict minima: two
        end points are one basin iff their values agree within ``vtol`` and their aligned distance is
        at most the sum of their radii.
    tol : float, default 1e-10
        Gradient tolerance of the descent.
    max_iter : int, default 20000
        Iteration limit of the descent.
    certify_eps : float, default 1e-8
        Tolerance of the stationarity certificate.
    modulo_permutations : bool, default False
        Also identify end points that differ by relabelling the points.
    progress : callable, optional
        Called with 1 after every start.

    Returns
    -------
    Census
        Each record has ``start``, ``iterations``, ``value``, ``class``, ``second_order``,
        ``min_eigenvalue``, the certificate's keys (:meth:`.stationary.StationaryCertificate.to_json`)
        and ``alignment_capped`` (True if a comparison with a basin was cut short by the search bound of
        :func:`.sphere.align`, so the start may have been counted as a new basin);
        each cluster ``count``, ``value``, ``class``, ``second_order``, ``representative`` (the first
        end point of the basin, as nested lists), ``radius`` (of the representative, see
        :func:`basin_radius`) and ``spread`` (the largest aligned distance of a member to the
        representative found by :func:`.sphere.align`).

    Examples
    --------
    >>> from localsearch.landscape.infonce import aligned_ntxent
    >>> c = sphere_census(aligned_ntxent(4, 0.5), 3, starts=3)   # no reference: classes without "global"
    >>> c.reference_status, c.counts["global"]["successes"] + c.counts["suboptimal"]["successes"]
    ('none', 0)

    References
    ----------
    D. J. Wales, "Energy Landscapes", Cambridge University Press 2003.
    """
    t0 = time.perf_counter()
    recs, clusters, reps = [], [], []
    for i in range(starts):
        Z0 = random_point(obj.points, dim, seed=np.random.SeedSequence([seed, i]))
        run = gradient_descent(obj, Z0, tol=tol, max_iter=max_iter)
        cert = certify_stationary(obj, run.Z, eps=certify_eps)
        so = obj.second_order(run.Z)
        if not cert.stationary:
            cls = "uncertified"
        elif rank_one(run.Z):
            cls = "collapsed"
        elif reference is None:
            cls = "noncollapsed"
        elif abs(run.value - reference) <= vtol * max(1.0, abs(reference)):
            cls = "global"
        else:
            cls = "suboptimal"
        recs.append({"start": i, "iterations": run.iterations, "value": run.value, "class": cls,
                     "second_order": so.kind, "min_eigenvalue": min(so.eigenvalues, default=None),
                     **cert.to_json(), "alignment_capped": False})
        radius = basin_radius(cert.bound if cert.stationary else float("inf"), so, gtol)
        for c, (Z, r) in zip(clusters, reps):
            if c["class"] != cls or abs(c["value"] - run.value) > vtol * max(1.0, abs(run.value)):
                continue  # values first: equal configurations have equal values
            match = align(Z, run.Z, r + radius, modulo_permutations)
            recs[-1]["alignment_capped"] |= not match["exhausted"]
            if match["equal"]:
                c["count"] += 1
                c["spread"] = max(c["spread"], match["distance"])
                break
        else:
            reps.append((run.Z, radius))
            clusters.append({"count": 1, "value": run.value, "class": cls, "second_order": so.kind,
                             "representative": run.Z.tolist(), "radius": radius, "spread": 0.0})
        if progress is not None:
            progress(1)
    return finish(starts, seed, reference, reference_status if reference is not None else "none",
                   recs, clusters, t0)

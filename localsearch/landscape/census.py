"""Landscape census: many seeded starts -> local search to a certified local optimum -> classify, cluster.

Each start ends in one of three classes:

- ``collapsed``: all embeddings equal or of rank <= 1 (sphere); all vertices on one side (Max-Cut);
- ``global``: value equal to the reference optimum (within ``vtol`` on the sphere; exactly for Max-Cut);
- ``suboptimal``: any other certified local optimum (``noncollapsed`` when there is no reference;
  ``uncertified`` if certification failed).

Class counts come with 95% Wilson intervals (``localsearch.core.stats``). End points are clustered modulo
the gauge: on the sphere two optima are equal iff their Gram matrices Z Z^T agree within ``gtol``
(Gram matrices are complete invariants of configurations modulo O(d), i.e. rotations and reflections);
with ``modulo_permutations`` the comparison is of the sorted rows of the sorted Gram matrix, an
invariant under relabelling the points as well (equal configurations have equal invariants). For
Max-Cut, s and -s are identified.

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
from .sphere import random_point, rank_one
from .stationary import certify_stationary


def _invariant(Z: np.ndarray, modulo_permutations: bool) -> np.ndarray:
    """The Gram matrix of Z, or with ``modulo_permutations`` its sorted rows in lexicographic order."""
    G = Z @ Z.T
    if not modulo_permutations:
        return G
    rows = np.sort(G, axis=1)
    return rows[np.lexsort(rows.T[::-1])]


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
        Two end points are one basin iff their invariants differ by at most gtol entrywise.
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
        ``min_eigenvalue`` and the certificate's keys (:meth:`.stationary.StationaryCertificate.to_json`);
        each cluster ``count``, ``value``, ``class``, ``second_order`` and ``representative`` (the first
        end point of the basin, as nested lists).

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
    recs, clusters, invs = [], [], []
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
                     **cert.to_json()})
        inv = _invariant(run.Z, modulo_permutations)
        for c, other in zip(clusters, invs):
            if c["class"] == cls and np.max(np.abs(inv - other)) <= gtol:
                c["count"] += 1
                break
        else:
            invs.append(inv)
            clusters.append({"count": 1, "value": run.value, "class": cls, "second_order": so.kind,
                             "representative": run.Z.tolist()})
        if progress is not None:
            progress(1)
    return finish(starts, seed, reference, reference_status if reference is not None else "none",
                   recs, clusters, t0)

"""Landscape census: many seeded starts -> local search to a certified local optimum -> classify, cluster.

Each start ends in one of three classes:

- ``collapsed``: all embeddings equal or of rank <= 1 (sphere); all vertices on one side (Max-Cut);
- ``global``: value equal to the reference optimum (within ``vtol`` on the sphere; exactly for Max-Cut);
- ``suboptimal``: any other certified local optimum (``noncollapsed`` when there is no reference;
  ``uncertified`` if certification failed).

Class counts come with 95% Wilson intervals (``localsearch.wilson``). End points are clustered modulo
the gauge: on the sphere two optima are equal iff their Gram matrices Z Z^T agree within ``gtol``
(Gram matrices are complete invariants of configurations modulo O(d), i.e. rotations and reflections);
with ``modulo_permutations`` the comparison is of the sorted rows of the sorted Gram matrix, an
invariant under relabelling the points as well (equal configurations have equal invariants). For
Max-Cut, s and -s are identified.

Sphere pipeline per start: uniform random start (seed, index) -> ``rgd.gradient_descent`` ->
``stationary.certify_stationary`` (interval bound on the Riemannian gradient) ->
``sphere.classify`` (second order modulo rotations). Max-Cut: random assignment -> steepest flips
(``annealing.flip_descent``) -> ``certify_flip``; the reference is the brute-force optimum.

>>> from localsearch.infonce import InfoNCE, Aligned, aligned_pairs, ngon_value
>>> c = sphere_census(Aligned(InfoNCE(6, aligned_pairs(3), 0.5)), 2, starts=5, reference=ngon_value(3, 0.5))
>>> c.counts["global"]["successes"], len(c.clusters)
(5, 1)

Reference: for landscape censuses of this kind, e.g. D. J. Wales, "Energy Landscapes", Cambridge 2003;
the seed paper for Max-Cut local optima and flips.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from instances import Assignment, Graph, InstanceError

from .annealing import flip_descent
from .certificate import certify_flip
from .rgd import gradient_descent
from .sphere import random_point, rank_one
from .stationary import certify_stationary
from .wilson import rate

CLASSES = ("collapsed", "suboptimal", "global", "noncollapsed", "uncertified")


@dataclass
class Census:
    starts: int
    seed: int
    reference: float | int | None
    reference_status: str  # "exact" | "closed-form" | "none"
    counts: dict  # class -> rate dict (successes, runs, rate, wilson95)
    clusters: list  # [{"count", "value", "class", "second_order", "representative"}], by count
    records: list = field(default_factory=list)  # per start
    seconds: float = 0.0

    def to_json(self, records: bool = False) -> dict:
        out = {"starts": self.starts, "seed": self.seed, "reference": self.reference,
               "reference_status": self.reference_status, "counts": self.counts,
               "basins": len(self.clusters), "clusters": self.clusters, "seconds": self.seconds}
        if records:
            out["records"] = self.records
        return out


def _finish(starts, seed, reference, status, recs, clusters, t0) -> Census:
    counts = {k: rate(sum(r["class"] == k for r in recs), starts) for k in CLASSES}
    clusters.sort(key=lambda c: (-c["count"], c["value"]))
    return Census(starts, seed, reference, status, counts, clusters, recs, time.perf_counter() - t0)


def _invariant(Z: np.ndarray, modulo_permutations: bool) -> np.ndarray:
    G = Z @ Z.T
    if not modulo_permutations:
        return G
    rows = np.sort(G, axis=1)
    return rows[np.lexsort(rows.T[::-1])]


def sphere_census(obj, dim: int, starts: int = 50, seed: int = 0, reference: float | None = None,
                  reference_status: str = "closed-form", vtol: float = 1e-7, gtol: float = 1e-5,
                  tol: float = 1e-10, max_iter: int = 20_000, certify_eps: float = 1e-8,
                  modulo_permutations: bool = False, progress=None) -> Census:
    """Census of a smooth objective on (S^{dim-1})^M (``obj`` as in ``localsearch.infonce``)."""
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
    return _finish(starts, seed, reference, reference_status if reference is not None else "none",
                   recs, clusters, t0)


def brute_force_maxcut(graph: Graph, limit: int = 22) -> int:
    """Maximum cut by enumerating the 2^(n-1) assignments with s_0 = +1 (exact; n <= limit)."""
    n = graph.n
    if n > limit:
        raise InstanceError(f"brute force needs at most {limit} vertices, the graph has {n}")
    if n <= 1 or not graph.edges:
        return 0
    if graph.fits(2**62):
        bits = np.arange(1 << (n - 1), dtype=np.int64) << 1  # bit v set <=> s_v = -1; s_0 = +1
        best = np.zeros(len(bits), dtype=np.int64)
        for u, v, w in graph.edges:
            best += w * (((bits >> u) ^ (bits >> v)) & 1)
        return int(best.max())
    return max(graph.cut_value(Assignment.from_bits(b << 1, n).signs) for b in range(1 << (n - 1)))


def maxcut_census(graph: Graph, starts: int = 100, seed: int = 0, progress=None) -> Census:
    """Census of the flip landscape of a small Max-Cut instance (reference: brute-force optimum)."""
    t0 = time.perf_counter()
    opt = brute_force_maxcut(graph)
    recs, clusters, keys = [], [], []
    for i in range(starts):
        s0 = Assignment.random(graph.n, int(np.random.SeedSequence([seed, i]).generate_state(1)[0]))
        s, steps = flip_descent(graph, s0)
        cert = certify_flip(graph, s)
        if not cert.local_optimum:
            cls = "uncertified"
        elif len(set(s.signs)) == 1:
            cls = "collapsed"
        else:
            cls = "global" if cert.value == opt else "suboptimal"
        recs.append({"start": i, "steps": steps, "value": cert.value, "class": cls,
                     "local_optimum": cert.local_optimum})
        key = s.signs if s.signs[0] == 1 else tuple(-x for x in s.signs)
        if key in keys:
            clusters[keys.index(key)]["count"] += 1
        else:
            keys.append(key)
            clusters.append({"count": 1, "value": cert.value, "class": cls, "representative": list(key)})
        if progress is not None:
            progress(1)
    return _finish(starts, seed, opt, "exact", recs, clusters, t0)

"""Maximum cut by branch and bound with the semidefinite bound strengthened by odd clique inequalities.

With L = (Diag(W e) - W) / 4 the cut of s in {+1,-1}^n is s^T L s. Each node fixes some vertices
relative to vertex 0 (s_v = sigma_v s_0); with P mapping the node's free variables (z_0 = s_0 and one
per free vertex) to s, the node's problem is max z^T (P^T L P) z over z in {+1,-1}^k. Its bound is the
SDP relaxation (diag X = e, X psd) intersected with violated triangle, pentagonal and heptagonal
inequalities (:mod:`.cuts`), optimised by a proximal method on the dual (:mod:`.relaxation`), as in
Biq Mac / BiqBin (which use a bundle method for the same dual). Children start from their parent's
multipliers and inequalities. Nodes are explored best bound first, branching on the free vertex least
correlated with s_0 (|X_0v| smallest, the "most fractional" one); incumbents come from hyperplane
rounding of the relaxation's X after every round, each followed by a steepest descent of the flip
engine, and their values are recomputed exactly.

Certified bounds: every bound is sum(y) + sum_c gamma_c b_c + k * max(0, lambda_max(M)) for the
multipliers found, plus margins covering the floating-point error of forming M, of the eigenvalue
solver and of the sums (:func:`.relaxation.certified_bound`); weights are refused unless their total
is below 2^50 (so every L and P^T L P is exact in floating point). A node is pruned when that bound is
below incumbent + 1 (cuts are integers). Linear algebra runs on one BLAS thread (threadpoolctl): on
these small matrices more threads only wait for each other, and badly so when a core is busy.

>>> from instances import Graph
>>> solve_sdp(Graph(5, tuple((i, (i + 1) % 5, 1) for i in range(5)))).value
4

Reference: Rendl, Rinaldi & Wiegele, "Solving Max-Cut to optimality by intersecting semidefinite and
polyhedral relaxations", Math. Programming 121, 2010 (Biq Mac); Gusmeroli, Hrga, Lužar, Povh,
Siebenhofer & Wiegele, ACM TOMS 48(2), 2022 (BiqBin); Krislock, Malick & Roupin, Math. Programming
143, 2014 (BiqCrunch); Goemans & Williamson, JACM 42(6), 1995.
"""
from __future__ import annotations

import heapq
import math
import signal
import time

import numpy as np

from instances import Graph, InstanceError

from ...core.interrupt import deferred
from ..descent import Descent
from .base import check_hint, finish, greedy_assignment, trivial_bound
from .cuts import SIZES
from .relaxation import NodeStart, bound_relaxation, one_blas_thread

__all__ = ["solve_sdp", "cut_matrix", "CUT_FAMILIES"]

EXACT_LIMIT = 2**50  # every entry of every reduced L (multiples of 1/4) is then an exact double
#: the inequality families by name: none (plain Goemans-Williamson bound), triangles, cliques (3, 5, 7)
CUT_FAMILIES = {"none": (), "triangles": (3,), "cliques": SIZES}


def cut_matrix(graph: Graph) -> np.ndarray:
    """L = (Diag(W e) - W) / 4 as floats: the cut of s in {+1,-1}^n is s^T L s.

    Parameters
    ----------
    graph : Graph
        The weighted graph (exact in floating point when the sum of |w| is below 2^50).

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> import numpy as np
    >>> L = cut_matrix(Graph(2, ((0, 1, 3),)))
    >>> L.tolist(), float(np.array([1, -1]) @ L @ np.array([1, -1]))
    ([[0.75, -0.75], [-0.75, 0.75]], 3.0)
    """
    n = graph.n
    W = np.zeros((n, n))
    for u, v, w in graph.edges:
        W[u, v] = W[v, u] = float(w)
    return (np.diag(W.sum(1)) - W) / 4


def _improve(polish: Descent, s: np.ndarray) -> np.ndarray:
    """Steepest improving flips from the +-1 float vector ``s`` to a local optimum (exact: the flip engine)."""
    a, _ = polish(s.astype(np.int8))
    return np.array(a.signs, dtype=float)


def solve_sdp(graph: Graph, time_limit: float | None = None, hint=None, seed: int = 0, roundings: int = 5,
              max_nodes: int | None = None, cuts: str = "cliques", progress=None, **_ignored):
    """Maximum cut of ``graph`` by SDP branch and bound with odd clique cuts (see the module docstring).

    Parameters
    ----------
    graph : Graph
        The weighted graph (sum of |w| below 2^50).
    time_limit : float, optional
        Seconds (None: until proven optimal); when reached, the best cut and the best certified bound.
    hint : sequence of int, optional
        The first incumbent (None: :func:`greedy_assignment`); it is improved by steepest flips.
    seed : int, default 0
        Seed of the hyperplane roundings and of the separation noise.
    roundings : int, default 5
        Random hyperplane roundings per round of a node's bound, each followed by a steepest descent.
    max_nodes : int, optional
        The most nodes to solve.
    cuts : str, default "cliques"
        A key of ``CUT_FAMILIES``: ``"none"`` (the plain SDP bound), ``"triangles"`` or ``"cliques"``
        (triangle, pentagonal and heptagonal inequalities).
    progress : callable, optional
        Called after every round of a node's bound and after every node with a dict: ``nodes``,
        ``open_nodes``, ``bound`` (the best proven bound so far), ``value`` (the incumbent), ``gap``,
        ``seconds``.
    **_ignored
        Options of the other solvers (``workers``, ``triangles``), accepted and ignored.

    Returns
    -------
    MaxCutResult
        ``extra`` holds ``nodes`` (solved), ``open_nodes`` (left when stopped), ``root_bound`` (the
        certified bound of the root), ``max_depth``, ``evaluations`` (eigendecompositions),
        ``incumbent`` (how the best cut was found: ``"hint"``, ``"greedy"`` or ``"rounding"``, and the
        node), ``cuts``, ``seed`` and ``time_limit``.

    Raises
    ------
    InstanceError
        If the sum of |w| is 2^50 or more.
    ValueError
        If ``cuts`` is unknown.
    """
    if cuts not in CUT_FAMILIES:
        raise ValueError(f"unknown cut family {cuts!r} (one of {', '.join(CUT_FAMILIES)})")
    with one_blas_thread(graph.n):
        return _solve(graph, time_limit, hint, seed, roundings, max_nodes, cuts, progress)


def _solve(graph, time_limit, hint, seed, roundings, max_nodes, cuts, progress):
    t0 = time.perf_counter()
    n = graph.n
    if n == 0 or all(w == 0 for _, _, w in graph.edges):
        return finish(graph, (1,) * n, 0, time.perf_counter() - t0, "sdp", {"nodes": 0, "cuts": cuts})
    if graph.total_abs_weight >= EXACT_LIMIT:
        raise InstanceError(f"the SDP solver needs the total absolute weight below 2^50; this graph's is "
                            f"{graph.total_abs_weight.bit_length()} bits (use --solver maxsat)")
    sizes = CUT_FAMILIES[cuts]
    L = cut_matrix(graph)
    rng = np.random.default_rng(seed)
    start = greedy_assignment(graph) if hint is None else check_hint(graph, hint)
    polish = Descent(graph, "steepest")
    inc = {"s": np.array(start.signs, dtype=float), "value": graph.cut_value(start),
           "how": {"source": "greedy" if hint is None else "hint", "node": 0}}
    s = _improve(polish, inc["s"])
    if (c := graph.cut_value(tuple(int(x) for x in s))) > inc["value"]:
        inc.update(s=s, value=c)

    def offer(s, node):
        if s @ L @ s > inc["value"] + 0.5 and (c := graph.cut_value(tuple(int(x) for x in s))) > inc["value"]:
            inc.update(s=s, value=c, how={"source": "rounding", "node": node})

    top = trivial_bound(graph)
    deadline = None if time_limit is None else t0 + time_limit
    root_fixed = np.zeros(n, dtype=np.int8)
    root_fixed[0] = 1
    heap = [(-float(top), 0, 0, root_fixed, None)]
    counter, nodes, evaluations, max_depth, root_bound = 1, 0, 0, 0, None
    stopped = False

    def report(current=-math.inf):
        """Progress; ``current`` is a proven bound of the node being solved (it is off the heap)."""
        if progress is not None:
            open_bound = max(-heap[0][0] if heap else -math.inf, current)   # the heap's top: the largest bound
            bound = inc["value"] if open_bound < inc["value"] + 1 else min(top, math.floor(open_bound))
            progress({"nodes": nodes, "open_nodes": len(heap), "bound": bound, "value": inc["value"],
                      "gap": bound - inc["value"], "seconds": time.perf_counter() - t0})

    with deferred() as interrupted:  # SIGINT/SIGTERM stop between nodes, keeping incumbent and bound
        while heap:
            if deadline is not None and time.perf_counter() > deadline or max_nodes is not None and nodes >= max_nodes \
                    or interrupted:
                stopped = True
                break
            item = heapq.heappop(heap)
            neg, _, depth, fixed, warm = item
            if -neg < inc["value"] + 1:
                continue
            nodes += 1
            node = nodes
            max_depth = max(max_depth, depth)
            free = np.flatnonzero(fixed == 0)
            P = np.zeros((n, len(free) + 1))
            P[:, 0] = fixed
            P[free, np.arange(1, len(free) + 1)] = 1
            if len(free) == 0:
                offer(P[:, 0].copy(), node)
                report()
                continue
            Lk = P.T @ L @ P

            def on_round(F, node_bound, P=P, node=node, inherited=-neg):
                for i in range(roundings):
                    if i and deadline is not None and time.perf_counter() > deadline:
                        break                                      # past the time limit: one rounding only
                    z = np.sign(F @ rng.standard_normal(F.shape[1])) if F.shape[1] else np.ones(F.shape[0])
                    z[z == 0] = 1
                    offer(_improve(polish, P @ (z * z[0])), node)
                report(min(node_bound, inherited))
                return inc["value"] + 1

            warm = NodeStart.cold(Lk) if warm is None else warm[0].fix(*warm[1:])
            rel = bound_relaxation(Lk, warm, target=inc["value"] + 1, sizes=sizes, seed=seed + node,
                                   max_rounds=60 if depth == 0 else 30, deadline=deadline, on_round=on_round,
                                   stop=lambda: bool(interrupted))  # a signal ends the node as the deadline does
            evaluations += rel.evaluations
            bound = rel.bound
            if root_bound is None:
                root_bound = bound
            if bound < inc["value"] + 1:
                report()
                continue
            if interrupted or deadline is not None and time.perf_counter() > deadline:  # unfinished: bound stays open
                heapq.heappush(heap, (-bound, counter, depth, fixed, None))
                counter += 1
                stopped = True
                break
            X = rel.X
            if len(heap) > 2000:          # keep memory bounded: children of late nodes start without a centre
                rel.start.centre = None
            r = 1 + int(np.argmin(np.abs(X[0, 1:])))
            v = int(free[r - 1])
            for sign in ((1, -1) if X[0, r] >= 0 else (-1, 1)):
                child = fixed.copy()
                child[v] = sign
                heapq.heappush(heap, (-bound, counter, depth + 1, child, (rel.start, r, sign)))
                counter += 1
            report()
    open_bound = -heap[0][0] if stopped and heap else -math.inf
    bound = inc["value"] if open_bound < inc["value"] + 1 else min(top, math.floor(open_bound))
    extra = {"nodes": nodes, "open_nodes": len(heap) if stopped else 0,
             "root_bound": None if root_bound is None else float(root_bound), "max_depth": max_depth,
             "evaluations": evaluations, "incumbent": inc["how"], "cuts": cuts, "seed": seed,
             "time_limit": time_limit}
    if interrupted:
        extra["interrupted"] = signal.Signals(interrupted.signum).name
    return finish(graph, tuple(int(x) for x in inc["s"]), bound, time.perf_counter() - t0, "sdp", extra)

"""Maximum cut by branch and bound with the semidefinite (Goemans-Williamson) bound.

With L = (Diag(W e) - W) / 4 the cut of s in {+1,-1}^n is s^T L s, and for every y with
Diag(y) - L positive semidefinite, max cut <= sum(y) (the dual of max <L, X>, diag(X) = e, X psd).
Each node fixes some vertices relative to vertex 0 (s_v = sigma_v s_0); with P mapping the node's
free variables (z_0 = s_0 and one per free vertex) to s, the node's problem is max z^T (P^T L P) z,
bounded by its SDP. The SDP is solved by the primal-dual interior-point method of Helmberg, Rendl,
Vanderbei & Wolkowicz, which keeps Z = Diag(y) - L strictly feasible, so every iterate is a bound;
iterations stop as soon as the node can be pruned or cannot be. Nodes are explored best bound first,
branching on the free vertex least correlated with s_0 (|X_0v| smallest); incumbents come from
hyperplane rounding of X plus improving flips, and their values are recomputed exactly.

Certified bounds: a node's bound is sum(y) + n * max(0, -lambda_min(Z)) plus a margin covering the
floating-point error of the eigenvalue solver (backward stable, error O(n eps ||Z||)) and of the
sums; weights are refused unless their total is below 2^50 (so every L and P^T L P is exact in
floating point). A node is pruned when that bound is below incumbent + 1 (cuts are integers).

>>> from instances import Graph
>>> solve_sdp(Graph(5, tuple((i, (i + 1) % 5, 1) for i in range(5)))).value
4

Reference: Helmberg, Rendl, Vanderbei & Wolkowicz, "An interior-point method for semidefinite
programming", SIAM J. Optim. 6(2), 1996; Goemans & Williamson, JACM 42(6), 1995; Rendl, Rinaldi &
Wiegele, "Solving Max-Cut to optimality by intersecting semidefinite and polyhedral relaxations",
Math. Programming 121, 2010 (Biq Mac, which adds triangle inequalities to this bound).
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

EXACT_LIMIT = 2**50  # every entry of every reduced L (multiples of 1/4) is then an exact double
EPS = np.finfo(float).eps


def sdp_bound(L: np.ndarray, prune_below: float = -math.inf, keep_above: float = math.inf,
              tol: float = 1e-7, max_iter: int = 80):
    """An upper bound on max z^T L z over z in {+1,-1}^k, by the semidefinite relaxation.

    Primal-dual interior-point iterations (Helmberg, Rendl, Vanderbei & Wolkowicz) on
    max <L, X> s.t. diag(X) = e, X psd, and its dual min sum(y) s.t. Diag(y) - L psd.

    Parameters
    ----------
    L : numpy.ndarray
        A symmetric k x k matrix.
    prune_below : float, default -inf
        Stop once the certified bound is below this (the node can be pruned).
    keep_above : float, default inf
        Stop once the primal value exceeds this (the node cannot be pruned).
    tol : float, default 1e-7
        Relative duality gap at which to stop.
    max_iter : int, default 80
        The most iterations.

    Returns
    -------
    (bound, primal, X) : tuple
        A certified upper bound (dual value plus a floating-point error margin), the primal value
        <L, X> (a lower bound on the SDP value) and the primal matrix X (unit diagonal).

    Examples
    --------
    >>> import numpy as np
    >>> W = np.ones((3, 3)) - np.eye(3)  # the triangle: max cut 2, SDP value 9/4
    >>> bound, primal, X = sdp_bound((np.diag(W.sum(1)) - W) / 4)
    >>> bool(2.25 <= bound < 2.25 + 1e-5), round(primal, 4)
    (True, 2.25)

    References
    ----------
    Helmberg, Rendl, Vanderbei & Wolkowicz, "An interior-point method for semidefinite programming",
    SIAM J. Optim. 6(2), 1996; Goemans & Williamson, JACM 42(6), 1995.
    """
    k = L.shape[0]
    X = np.eye(k)
    y = 1.1 * np.abs(L).sum(1) + 1e-3
    Z = np.diag(y) - L
    phi, psi = y.sum(), float(np.trace(L))
    mu = float(np.sum(Z * X)) / (2 * k)
    ones = np.ones(k)
    for _ in range(max_iter):
        if phi - psi <= tol * (abs(phi) + 1) or phi < prune_below or psi > keep_above:
            break
        try:
            Zi = np.linalg.inv(Z)
            Zi = (Zi + Zi.T) / 2
            dy = np.linalg.solve(Zi * X, mu * np.diag(Zi) - ones)
        except np.linalg.LinAlgError:
            break
        dX = -Zi @ (dy[:, None] * X) + mu * Zi - X
        dX = (dX + dX.T) / 2
        ap = _step(X, dX)
        ad = _step(Z, np.diag(dy))
        if ap < 1e-10 and ad < 1e-10:
            break
        X = X + ap * dX
        y = y + ad * dy
        Z = np.diag(y) - L
        mu = float(np.sum(X * Z)) / (2 * k)
        if ap + ad > 1.8:
            mu /= 2
        phi, psi = float(y.sum()), float(np.sum(L * X))
    return _certify(y, L), psi, X


def _step(M, dM) -> float:
    """Largest step in (0.95 * 0.8^j) keeping M + a dM positive definite (Cholesky test)."""
    a = 1.0
    while a > 1e-12:
        try:
            np.linalg.cholesky(M + a * dM)
            return min(1.0, 0.95 * a)
        except np.linalg.LinAlgError:
            a *= 0.8
    return 0.0


def _certify(y, L) -> float:
    """sum(y) + k * max(0, -lambda_min(Diag(y) - L)), raised by a floating-point error margin."""
    k = len(y)
    Z = np.diag(y) - L
    lam = float(np.linalg.eigvalsh(Z)[0])
    norm = float(np.linalg.norm(Z))
    lam -= 64 * k * EPS * norm
    return float(y.sum()) + k * max(0.0, -lam) + 64 * k * EPS * (float(np.abs(y).sum()) + 1.0)


def _improve(polish: Descent, s: np.ndarray) -> np.ndarray:
    """Steepest improving flips from the +-1 float vector ``s`` to a local optimum (exact: the flip engine)."""
    a, _ = polish(s.astype(np.int8))
    return np.array(a.signs, dtype=float)


def solve_sdp(graph: Graph, time_limit: float | None = None, hint=None, seed: int = 0, roundings: int = 5,
              max_nodes: int | None = None, **_ignored):
    """Maximum cut of ``graph`` by SDP branch and bound (see the module docstring).

    Parameters
    ----------
    graph : Graph
        The weighted graph (sum of |w| below 2^50).
    time_limit : float, optional
        Seconds (None: until proven optimal).
    hint : sequence of int, optional
        The first incumbent (None: :func:`greedy_assignment`); it is improved by steepest flips.
    seed : int, default 0
        Seed of the hyperplane roundings.
    roundings : int, default 5
        Random hyperplane roundings per node, each followed by a steepest descent.
    max_nodes : int, optional
        The most nodes to solve.
    **_ignored
        Options of the other solvers (``workers``), accepted and ignored.

    Returns
    -------
    MaxCutResult
        ``extra`` holds ``nodes`` (solved), ``open_nodes`` (left when stopped), ``root_bound``, ``seed``
        and ``time_limit``.

    Raises
    ------
    InstanceError
        If the sum of |w| is 2^50 or more.
    """
    t0 = time.perf_counter()
    n = graph.n
    if n == 0 or all(w == 0 for _, _, w in graph.edges):
        return finish(graph, (1,) * n, 0, time.perf_counter() - t0, "sdp", {"nodes": 0})
    if graph.total_abs_weight >= EXACT_LIMIT:
        raise InstanceError(f"the SDP solver needs the total absolute weight below 2^50; this graph's is "
                            f"{graph.total_abs_weight.bit_length()} bits (use --solver maxsat)")
    W = np.zeros((n, n))
    for u, v, w in graph.edges:
        W[u, v] = W[v, u] = float(w)
    L = (np.diag(W.sum(1)) - W) / 4
    rng = np.random.default_rng(seed)
    start = greedy_assignment(graph) if hint is None else check_hint(graph, hint)
    best_s = np.array(start.signs, dtype=float)
    best = graph.cut_value(start)
    polish = Descent(graph, "steepest")
    s = _improve(polish, best_s)
    if graph.cut_value(tuple(int(x) for x in s)) > best:
        best_s, best = s, graph.cut_value(tuple(int(x) for x in s))

    top = trivial_bound(graph)
    root_fixed = np.zeros(n, dtype=np.int8)
    root_fixed[0] = 1
    heap = [(-float(top), 0, root_fixed)]
    counter, nodes, root_bound = 1, 0, None
    stopped = False
    with deferred() as interrupted:  # SIGINT/SIGTERM stop between nodes, keeping incumbent and bound
        while heap:
            if time_limit is not None and time.perf_counter() - t0 > time_limit or \
                    max_nodes is not None and nodes >= max_nodes or interrupted:
                stopped = True
                break
            neg, _, fixed = heapq.heappop(heap)
            if -neg < best + 1:
                continue
            nodes += 1
            free = np.flatnonzero(fixed == 0)
            P = np.zeros((n, len(free) + 1))
            P[:, 0] = fixed
            P[free, np.arange(1, len(free) + 1)] = 1
            if len(free) == 0:
                s = P[:, 0].copy()
                bound = -math.inf
            else:
                bound, _, X = sdp_bound(P.T @ L @ P, prune_below=best + 1, keep_above=best + 1.5)
                if root_bound is None:
                    root_bound = bound
                vals, vecs = np.linalg.eigh(X)
                F = vecs * np.sqrt(np.maximum(vals, 0))
                for _ in range(roundings):
                    z = np.sign(F @ rng.standard_normal(F.shape[1]))
                    z[z == 0] = 1
                    s = _improve(polish, P @ (z * z[0]))
                    if s @ L @ s > best + 0.5 and (c := graph.cut_value(tuple(int(x) for x in s))) > best:
                        best, best_s = c, s
                s = None
            if s is not None and (c := graph.cut_value(tuple(int(x) for x in s))) > best:
                best, best_s = c, s
            if bound < best + 1:
                continue
            k = int(np.argmin(np.abs(X[0, 1:])))
            v = int(free[k])
            for sign in ((1, -1) if X[0, k + 1] >= 0 else (-1, 1)):
                child = fixed.copy()
                child[v] = sign
                heapq.heappush(heap, (-bound, counter, child))
                counter += 1
    open_bound = max((-b for b, _, _ in heap), default=-math.inf) if stopped else -math.inf
    bound = best if open_bound < best + 1 else min(top, math.floor(open_bound))
    extra = {"nodes": nodes, "open_nodes": len(heap) if stopped else 0,
             "root_bound": None if root_bound is None else float(root_bound), "seed": seed, "time_limit": time_limit}
    if interrupted:
        extra["interrupted"] = signal.Signals(interrupted.signum).name
    return finish(graph, tuple(int(x) for x in best_s), bound, time.perf_counter() - t0, "sdp", extra)

"""Maximum cut as weighted MaxSAT, solved by PySAT's RC2 (core-guided, exact for weights of any size).

Variable x_v (1-based ``v + 1``) is true iff s_v = -1. An edge uv of weight w > 0 gives the soft
clauses (x_u or x_v) and (not x_u or not x_v), each of weight w: both hold iff uv is cut, otherwise
exactly one fails. An edge of weight w < 0 gives (x_u or not x_v) and (not x_u or x_v) of weight |w|:
both hold iff uv is not cut. So the falsified weight is

    cost(s) = sum_{w > 0, uv not cut} w + sum_{w < 0, uv cut} |w| = P - cut(s),   P = sum_{w > 0} w,

and maximising the cut is minimising the cost; the constant offset P turns RC2's cost back into a cut
value (and its lower bound on the cost into an upper bound on the cut). Weights stay Python ints
throughout, so any size is exact. A hard unit clause fixes one vertex (symmetry). With a time limit,
RC2 is interrupted and the best solution known is the hint (or the greedy one); the bound is P minus
the cost RC2 has proven so far.

>>> from instances import Graph
>>> solve_maxsat(Graph(3, ((0, 1, 2), (1, 2, -3), (0, 2, 1)))).value
3

Reference: Ignatiev, Morgado & Marques-Silva, "RC2: an efficient MaxSAT solver", JSAT 11, 2019;
PySAT (Ignatiev, Morgado & Marques-Silva, SAT 2018).
"""
from __future__ import annotations

import signal
import threading
import time

from instances import Graph

from ...core.interrupt import run_interruptible
from .base import check_hint, finish, greedy_assignment, trivial_bound


def maxsat_formula(graph: Graph, fix: int | None = 0):
    """The weighted CNF of the maximum cut (see the module docstring).

    Parameters
    ----------
    graph : Graph
        The weighted graph (weights of any size).
    fix : int or None, default 0
        A vertex fixed to s = +1 by a hard unit clause (None: no symmetry breaking).

    Returns
    -------
    (wcnf, P) : tuple
        The ``pysat.formula.WCNF`` (two soft clauses per non-zero edge, ``nv`` >= n) and the offset P,
        the sum of the positive weights: the cost of an assignment is P minus its cut.
    """
    from pysat.formula import WCNF

    wcnf = WCNF()
    for u, v, w in graph.edges:
        a, b = u + 1, v + 1
        if w > 0:
            wcnf.append([a, b], weight=w)
            wcnf.append([-a, -b], weight=w)
        elif w < 0:
            wcnf.append([a, -b], weight=-w)
            wcnf.append([-a, b], weight=-w)
    if fix is not None and graph.n:
        wcnf.append([-(fix + 1)])
    # every vertex a variable, even isolated ones, so models have n entries
    wcnf.nv = max(wcnf.nv, graph.n)
    return wcnf, trivial_bound(graph)


def solve_maxsat(graph: Graph, time_limit: float | None = None, hint=None, sat_solver: str = "g4",
                 symmetry: bool = True, **_ignored):
    """Maximum cut of ``graph`` with RC2 (stratified, with core exhaustion and minimisation).

    Parameters
    ----------
    graph : Graph
        The weighted graph (weights of any size).
    time_limit : float, optional
        Seconds (None: until proven optimal); then RC2 is interrupted.
    hint : sequence of int, optional
        Only the fallback solution when interrupted (RC2 has no warm start; None: the greedy hint).
    sat_solver : str, default "g4"
        The PySAT SAT solver RC2 runs on (Glucose 4).
    symmetry : bool, default True
        Fix the vertex of largest weighted degree (lowest index on ties) to +1.
    **_ignored
        Options of the other solvers (``workers``, ``seed``), accepted and ignored.

    Returns
    -------
    MaxCutResult
        ``extra`` holds ``status`` (``OPTIMAL``, ``INTERRUPTED`` or ``TRIVIAL``), the SAT solver, the
        number of soft clauses, the offset P and the fixed vertex.

    Raises
    ------
    RuntimeError
        If RC2's model does not cut P minus its cost (a bug).
    """
    from pysat.examples.rc2 import RC2Stratified

    t0 = time.perf_counter()
    if graph.n == 0 or all(w == 0 for _, _, w in graph.edges):
        return finish(graph, (1,) * graph.n, 0, time.perf_counter() - t0, "maxsat", {"status": "TRIVIAL"})
    fix = None
    if symmetry:
        deg = graph.abs_degree
        fix = max(range(graph.n), key=lambda v: (deg[v], -v))
    wcnf, P = maxsat_formula(graph, fix)
    extra = {"sat_solver": sat_solver, "time_limit": time_limit, "soft_clauses": len(wcnf.soft),
             "offset": P, "fixed_vertex": fix}
    with RC2Stratified(wcnf, solver=sat_solver, adapt=False, exhaust=True, minz=True, trim=5) as rc2:
        timer = None
        if time_limit is not None:
            timer = threading.Timer(float(time_limit), rc2.interrupt)
            timer.daemon = True
            timer.start()
        try:  # in a worker thread: SIGINT/SIGTERM interrupt RC2 like the time limit does
            model, stopped = run_interruptible(lambda: rc2.compute(expect_interrupt=True), rc2.interrupt)
        finally:
            if timer is not None:
                timer.cancel()
        cost = rc2.cost
    seconds = time.perf_counter() - t0
    if stopped:
        extra["interrupted"] = signal.Signals(stopped).name
    if model is None:
        extra["status"] = "INTERRUPTED"
        s = greedy_assignment(graph) if hint is None else check_hint(graph, hint)
        return finish(graph, s, min(P - cost, trivial_bound(graph)), seconds, "maxsat", extra)
    truth = {abs(lit): lit > 0 for lit in model}
    s = tuple(-1 if truth.get(v + 1, False) else 1 for v in range(graph.n))
    extra["status"] = "OPTIMAL"
    res = finish(graph, s, P - cost, seconds, "maxsat", extra)
    if not res.optimal:
        raise RuntimeError(f"RC2 returned cost {cost} but its model cuts {res.value} != {P} - {cost}")
    return res

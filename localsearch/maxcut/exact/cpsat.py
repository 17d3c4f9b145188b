"""Maximum cut with OR-Tools CP-SAT: a boolean per vertex, a linearised edge variable per edge.

Model: x_v = 1 iff s_v = -1; vertex ``fix`` (default: the largest weighted degree) is fixed to its
hint value (the cut is invariant under flipping every vertex, so this only breaks symmetry). For an
edge uv of weight w, y_uv means "uv is cut" and the objective is max sum w y_uv, with
``encoding="full"``: y = x_u XOR x_v by the four inequalities y <= x_u + x_v, y <= 2 - x_u - x_v,
y >= x_u - x_v, y >= x_v - x_u; ``encoding="onesided"``: only the two an optimum needs (upper
bounds when w > 0, lower bounds when w < 0), which is exact for the optimum and bound.
``triangles=True`` adds the triangle inequalities y_uv <= y_uw + y_vw and y_uv + y_uw + y_vw <= 2 on
every triangle of the graph (valid for cuts; they tighten CP-SAT's LP relaxation);
``complete=True`` also adds edge variables (weight 0) for non-adjacent pairs so that every triple of
vertices gets them (the triangle/metric relaxation of the complete graph: O(n^3) constraints).

Weights: CP-SAT coefficients are int64 and it reports its bound as a double, so the model is refused
(``InstanceError``) unless the sum of |w| is below 2^53, where both are exact. The returned value is
recomputed from the assignment with Python integers.

>>> from instances import Graph
>>> solve_cpsat(Graph(4, ((0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1)))).value
4

Reference: Barahona & Mahjoub, "On the cut polytope", Math. Programming 36, 1986 (triangle and odd
cycle inequalities); Perron & Furnon, OR-Tools CP-SAT (Google, 2023).
"""
from __future__ import annotations

import itertools
import signal
import time

from instances import Graph, InstanceError

from ...core.interrupt import solve_cp

from .base import check_hint, finish, greedy_assignment, trivial_bound

EXACT_LIMIT = 2**53
CPSAT_SEED_MODULUS = 2**31
"""CP-SAT's ``random_seed`` is a 32-bit integer: it gets ``seed mod 2**31``."""
ENCODINGS = ("full", "onesided")


def build_model(graph: Graph, hint=None, encoding: str = "full", triangles: bool = False,
                complete: bool = False, fix: int | None = None):
    """The CP-SAT model of the maximum cut (see the module docstring).

    Parameters
    ----------
    graph : Graph
        The weighted graph (sum of |w| below 2^53).
    hint : sequence of int, optional
        A +1/-1 assignment given to CP-SAT as a hint (and the value of the fixed vertex).
    encoding : str, default "full"
        ``"full"`` or ``"onesided"`` (``ENCODINGS``).
    triangles : bool, default False
        Add the triangle inequalities on every triangle of the graph.
    complete : bool, default False
        Add weight-0 edge variables for the non-adjacent pairs (so every triple gets triangle inequalities).
    fix : int, optional
        A vertex fixed to its hint value (or to +1 without a hint), breaking the s ~ -s symmetry.

    Returns
    -------
    (model, x, y) : tuple
        The ``cp_model.CpModel``, the vertex booleans x_v (true iff s_v = -1) and the edge booleans y
        keyed by the pair ``(u, v)``, u < v (true iff uv is cut).

    Raises
    ------
    ValueError
        If the encoding is unknown.
    InstanceError
        If the sum of |w| is 2^53 or more.
    """
    from ortools.sat.python import cp_model

    if encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r} (one of {', '.join(ENCODINGS)})")
    if graph.total_abs_weight >= EXACT_LIMIT:
        raise InstanceError(f"CP-SAT needs the total absolute weight below 2^53 to be exact; this graph's is "
                            f"{graph.total_abs_weight.bit_length()} bits (use --solver maxsat, exact for any size)")
    n = graph.n
    model = cp_model.CpModel()
    x = [model.NewBoolVar(f"x{v}") for v in range(n)]
    weight = {(min(u, v), max(u, v)): w for u, v, w in graph.edges}
    pairs = set(weight)
    if complete:
        pairs = set(itertools.combinations(range(n), 2))
    elif not triangles:
        pairs = {p for p in pairs if weight[p] != 0}
    y = {}
    for u, v in sorted(pairs):
        e = model.NewBoolVar(f"y{u}_{v}")
        y[u, v] = e
        w = weight.get((u, v), 0)
        if encoding == "full" or triangles or complete or w > 0:
            model.Add(e <= x[u] + x[v])
            model.Add(e <= 2 - x[u] - x[v])
        if encoding == "full" or triangles or complete or w < 0:
            model.Add(e >= x[u] - x[v])
            model.Add(e >= x[v] - x[u])
    if triangles or complete:
        nbrs = {v: set() for v in range(n)}
        for u, v in y:
            nbrs[u].add(v)
            nbrs[v].add(u)
        for u, v in y:
            for t in nbrs[u] & nbrs[v]:
                if t > v:  # each triangle u < v < t once
                    a, b, c = y[u, v], y[u, t], y[v, t]
                    model.Add(a <= b + c)
                    model.Add(b <= a + c)
                    model.Add(c <= a + b)
                    model.Add(a + b + c <= 2)
    model.Maximize(sum(weight.get(p, 0) * e for p, e in y.items() if weight.get(p, 0) != 0))
    if hint is not None:
        bits = [1 if s < 0 else 0 for s in hint]
        if fix is not None:
            model.Add(x[fix] == bits[fix])
        for v in range(n):
            model.AddHint(x[v], bits[v])
        for (u, v), e in y.items():
            model.AddHint(e, bits[u] ^ bits[v])
    elif fix is not None:
        model.Add(x[fix] == 0)
    return model, x, y


def solve_cpsat(graph: Graph, time_limit: float | None = None, workers: int = 1, hint=None, seed: int = 0,
                encoding: str = "full", triangles: bool = False, complete: bool = False,
                symmetry: bool = True, log: bool = False):
    """Maximum cut of ``graph`` with CP-SAT (see the module docstring for the model).

    Parameters
    ----------
    graph : Graph
        The weighted graph (sum of |w| below 2^53).
    time_limit : float, optional
        Seconds (None: until proven optimal).
    workers : int, default 1
        CP-SAT search workers.
    hint : sequence of int, optional
        A +1/-1 assignment to start from (None: :func:`greedy_assignment`); it is also the result when
        CP-SAT finds nothing in time.
    seed : int, default 0
        CP-SAT's random seed (taken mod 2^31, the range CP-SAT accepts).
    encoding, triangles, complete :
        Model options, see :func:`build_model`.
    symmetry : bool, default True
        Fix the vertex of largest weighted degree (lowest index on ties).
    log : bool, default False
        Let CP-SAT log its search progress.

    Returns
    -------
    MaxCutResult
        ``extra`` holds the CP-SAT status, the model options, the number of constraints and the fixed vertex
        (and ``interrupted``, the signal's name, when SIGINT/SIGTERM stopped the search: the best cut
        found so far and the proven bound are returned).

    Raises
    ------
    InstanceError
        If the sum of |w| is 2^53 or more.
    RuntimeError
        If CP-SAT calls the model infeasible or invalid (a bug).
    """
    from ortools.sat.python import cp_model

    t0 = time.perf_counter()
    if graph.n == 0 or all(w == 0 for _, _, w in graph.edges):
        return finish(graph, (1,) * graph.n, 0, time.perf_counter() - t0, "cpsat", {"status": "TRIVIAL"})
    hint = greedy_assignment(graph) if hint is None else check_hint(graph, hint)
    fix = None
    if symmetry:
        deg = graph.abs_degree
        fix = max(range(graph.n), key=lambda v: (deg[v], -v))
    model, x, y = build_model(graph, hint, encoding, triangles, complete, fix)
    solver = cp_model.CpSolver()
    if time_limit is not None:
        solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    solver.parameters.random_seed = int(seed) % CPSAT_SEED_MODULUS
    solver.parameters.log_search_progress = bool(log)
    status, stopped = solve_cp(solver, model)
    seconds = time.perf_counter() - t0
    extra = {"status": solver.StatusName(status), "encoding": encoding, "triangles": triangles,
             "complete": complete, "workers": workers, "seed": seed, "time_limit": time_limit,
             "constraints": len(model.Proto().constraints), "fixed_vertex": fix}
    if stopped:
        extra["interrupted"] = signal.Signals(stopped).name
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        assignment = tuple(-1 if solver.Value(v) else 1 for v in x)
        if status == cp_model.OPTIMAL:
            bound = graph.cut_value(assignment)
        else:
            import math

            bound = min(trivial_bound(graph), int(math.floor(solver.BestObjectiveBound() + 1e-6)))
        return finish(graph, assignment, bound, seconds, "cpsat", extra)
    if status == cp_model.INFEASIBLE or status == cp_model.MODEL_INVALID:
        raise RuntimeError(f"CP-SAT returned {solver.StatusName(status)} on a Max-Cut model")
    return finish(graph, hint, trivial_bound(graph), seconds, "cpsat", extra)

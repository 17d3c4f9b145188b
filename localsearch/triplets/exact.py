"""Exact global optima of small tree and (non-)betweenness triplet instances: CP-SAT and brute force.

CP-SAT models (OR-Tools):
- betweenness / non-betweenness: a position pos_i in 0..m-1 per point, all different; per triplet two
  literals, one per admissible arrangement (a < b < c or c < b < a; resp. b below both or above both),
  each enforcing its strict inequalities; maximise the weighted sum of the literals.
- trees, by an lca encoding: a merge level h_ij in 1..m-1 per pair (the height of lca(i, j)), subject
  to the ultrametric three-point condition h_ij <= max(h_ik, h_jk) for every triple; the triplet
  (a, b, c) may count only if h_ab < h_ac. Ultrametrics with levels 1..m-1 are exactly the rooted
  hierarchies (up to ranking internal nodes), and refining a hierarchy into a binary tree keeps every
  strict inequality, so the optimum equals the optimum over rooted binary trees; the decoded tree
  (polytomies joined as caterpillars) attains it.
Weights must fit CP-SAT's 64-bit coefficients (total weight < 2^62), else InstanceError.

``brute_force`` enumerates all m! orderings or all (2m-3)!! rooted binary trees (tiny m only).

>>> from instances import TripletInstance
>>> inst = TripletInstance(3, ((0, 1, 2, 2), (1, 0, 2, 3)), target="betweenness")
>>> solve(inst).value, brute_force(inst)[0]
(3, 3)

Reference: Perron & Furnon, OR-Tools CP-SAT; ultrametrics and hierarchies: Johnson, "Hierarchical
clustering schemes", Psychometrika 32, 1967.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

from instances import InstanceError, Ordering, Tree, TripletInstance

from ..core.interrupt import Interrupted, solve_cp


@dataclass(frozen=True)
class ExactTripletResult:
    """A global optimum (or the best solution found in the time limit) of a tree or ordering instance.

    Attributes
    ----------
    value : int
        The satisfied weight of ``solution``, recomputed from scratch.
    solution : Tree or Ordering
        The solution.
    optimal : bool
        Whether the solver proved optimality.
    bound : int
        The solver's upper bound on the optimum.
    seconds : float
        Wall time of the solve.
    """

    value: int
    solution: Any
    optimal: bool
    bound: int
    seconds: float


def _check_weights(inst: TripletInstance) -> None:
    if inst.total_weight >= 2**62:
        raise InstanceError(f"total weight has {inst.total_weight.bit_length()} bits: too large for CP-SAT")


def _solve(model, time_limit):
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    if time_limit is not None:
        solver.parameters.max_time_in_seconds = float(time_limit)
    status, stopped = solve_cp(solver, model)  # SIGINT/SIGTERM: the best solution so far
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if stopped:
            raise Interrupted(stopped)
        raise InstanceError("CP-SAT found no solution within the time limit")
    return solver, status == cp_model.OPTIMAL


def solve_ordering(inst: TripletInstance, time_limit=None) -> ExactTripletResult:
    """The best ordering of a betweenness or non-betweenness instance, by the CP-SAT positions model.

    Parameters
    ----------
    inst : TripletInstance
        A betweenness or non-betweenness instance.
    time_limit : float, optional
        Seconds for the solver.

    Returns
    -------
    ExactTripletResult

    Raises
    ------
    InstanceError
        If the weights are too large for CP-SAT or no solution was found in time.
    """
    from ortools.sat.python import cp_model

    _check_weights(inst)
    t0 = time.perf_counter()
    m = inst.points
    model = cp_model.CpModel()
    pos = [model.NewIntVar(0, max(m - 1, 0), f"pos{i}") for i in range(m)]
    model.AddAllDifferent(pos)
    terms = []
    for k, (a, b, c, w) in enumerate(inst.triplets):
        if inst.target == "betweenness":
            arrangements = [((a, b), (b, c)), ((c, b), (b, a))]
        else:
            arrangements = [((b, a), (b, c)), ((a, b), (c, b))]
        lits = []
        for j, pairs in enumerate(arrangements):
            lit = model.NewBoolVar(f"t{k}_{j}")
            for x, y in pairs:
                model.Add(pos[x] < pos[y]).OnlyEnforceIf(lit)
            lits.append(lit)
        model.AddBoolOr([lits[0].Not(), lits[1].Not()])
        terms += [w * lit for lit in lits]
    model.Maximize(sum(terms))
    solver, optimal = _solve(model, time_limit)
    order = Ordering(tuple(sorted(range(m), key=lambda i: solver.Value(pos[i]))))
    value = inst.satisfied_weight(order)
    return ExactTripletResult(value, order, optimal, int(round(solver.BestObjectiveBound())) if m else 0,
                       time.perf_counter() - t0)


def tree_from_levels(m: int, level) -> Tree:
    """A rooted binary tree refining the hierarchy of an ultrametric ``level(i, j)`` on 0..m-1.

    Pairs are merged by increasing level (Kruskal order); polytomies become caterpillars, which keeps
    every strict inequality between levels.

    Parameters
    ----------
    m : int
        The number of leaves.
    level : callable
        ``level(i, j)`` for i < j.

    Returns
    -------
    Tree

    Examples
    --------
    >>> tree_from_levels(3, lambda i, j: 1 if (i, j) == (0, 2) else 2).parent
    (3, 4, 3, 4, -1)
    """
    parent = [-1] * (2 * m - 1)
    top = list(range(m))  # top node of each leaf's current cluster, via find
    cluster = list(range(m))

    def find(i):
        while cluster[i] != i:
            cluster[i] = cluster[cluster[i]]
            i = cluster[i]
        return i

    nxt = m
    for _, i, j in sorted((level(i, j), i, j) for i, j in itertools.combinations(range(m), 2)):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        parent[top[ri]] = parent[top[rj]] = nxt
        cluster[rj] = ri
        top[ri] = nxt
        nxt += 1
    return Tree(tuple(parent))


def solve_tree(inst: TripletInstance, time_limit=None) -> ExactTripletResult:
    """The best rooted binary tree of a tree instance, by the CP-SAT ultrametric lca-level model.

    Parameters
    ----------
    inst : TripletInstance
        A tree instance.
    time_limit : float, optional
        Seconds for the solver.

    Returns
    -------
    ExactTripletResult

    Raises
    ------
    InstanceError
        If the weights are too large for CP-SAT or no solution was found in time.
    """
    from ortools.sat.python import cp_model

    _check_weights(inst)
    t0 = time.perf_counter()
    m = inst.points
    if m <= 2:
        tree = Tree((-1,)) if m == 1 else Tree((2, 2, -1))
        return ExactTripletResult(0, tree, True, 0, time.perf_counter() - t0)
    model = cp_model.CpModel()
    h = {}
    for i, j in itertools.combinations(range(m), 2):
        h[i, j] = h[j, i] = model.NewIntVar(1, m - 1, f"h{i}_{j}")
    for i, j, k in itertools.combinations(range(m), 3):
        for x, y, z in ((i, j, k), (i, k, j), (j, k, i)):
            mx = model.NewIntVar(1, m - 1, f"max{x}_{y}_{z}")
            model.AddMaxEquality(mx, [h[x, z], h[y, z]])
            model.Add(h[x, y] <= mx)
    terms = []
    for k, (a, b, c, w) in enumerate(inst.triplets):
        lit = model.NewBoolVar(f"t{k}")
        model.Add(h[a, b] < h[a, c]).OnlyEnforceIf(lit)
        terms.append(w * lit)
    model.Maximize(sum(terms))
    solver, optimal = _solve(model, time_limit)
    tree = tree_from_levels(m, lambda i, j: solver.Value(h[i, j]))
    value = inst.satisfied_weight(tree)
    return ExactTripletResult(value, tree, optimal, int(round(solver.BestObjectiveBound())), time.perf_counter() - t0)


def solve(inst: TripletInstance, time_limit=None) -> ExactTripletResult:
    """The global optimum of a tree, betweenness or non-betweenness (ordering form) instance, by CP-SAT.

    Parameters
    ----------
    inst : TripletInstance
    time_limit : float, optional
        Seconds for the solver.

    Returns
    -------
    ExactTripletResult

    Raises
    ------
    InstanceError
        For a euclidean instance (no exact model here), weights too large, or no solution in time.
    """
    if inst.target == "tree":
        return solve_tree(inst, time_limit)
    if inst.target in ("betweenness", "nonbetweenness"):
        return solve_ordering(inst, time_limit)
    raise InstanceError(f"no exact model for target {inst.target!r} here")


def all_trees(m: int):
    """Every rooted binary tree on leaves 0..m-1, each once ((2m-3)!! of them).

    Leaf k is inserted above every node of each tree on leaves 0..k-1, with new internal node m+k-1.

    Parameters
    ----------
    m : int
        The number of leaves (>= 1).

    Yields
    ------
    Tree

    Examples
    --------
    >>> sum(1 for _ in all_trees(4))
    15
    """
    if m == 1:
        yield Tree((-1,))
        return

    def grow(parent, k):
        if k == m:
            yield Tree(tuple(parent))
            return
        p = m + k - 1
        for u in [v for v in range(len(parent)) if v < k or m <= v < p]:
            q = list(parent)
            q[p], q[u], q[k] = q[u], p, p
            yield from grow(q, k + 1)

    base = [-1] * (2 * m - 1)
    base[0] = base[1] = m
    yield from grow(base, 2)


def brute_force(inst: TripletInstance):
    """The optimum and the first optimal solution, by enumerating every ordering or every tree.

    Parameters
    ----------
    inst : TripletInstance
        A tiny tree, betweenness or non-betweenness instance.

    Returns
    -------
    tuple
        ``(optimum, solution)``.
    """
    if inst.target == "tree":
        sols = all_trees(inst.points)
    else:
        sols = (Ordering(p) for p in itertools.permutations(range(inst.points)))
    best = None
    for s in sols:
        v = inst.satisfied_weight(s)
        if best is None or v > best[0]:
            best = (v, s)
    return best

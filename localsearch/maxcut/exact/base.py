"""Global optima of Max-Cut: the result shape shared by the exact solvers and a tiny hint heuristic.

The solvers (``cpsat.solve_cpsat``, ``maxsat.solve_maxsat``, ``sdp.solve_sdp``,
``brute_force.solve_brute_force``; dispatched by ``solvers.solve``) return a ``MaxCutResult``:
``value`` is the cut of ``assignment`` recomputed exactly from the graph (never a solver's float),
``bound`` an upper bound on the maximum cut proven by the solver, and ``optimal`` is true iff
``value == bound`` (then ``assignment`` is a maximum cut).

>>> from instances import Graph
>>> r = finish(Graph(3, ((0, 1, 2), (1, 2, 3), (0, 2, 1))), (1, -1, 1), 5, 0.0, "hand")
>>> r.value, r.bound, r.optimal, r.gap
(5, 5, True, 0)

Reference: Barahona, Grötschel, Jünger & Reinelt, "An application of combinatorial optimization to
statistical physics and circuit layout design", Operations Research 36(3), 1988 (cut polytope, odd
cycle inequalities); Wiegele, Biq Mac Library (2007) for the published optima.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

from instances import Assignment, Graph, InstanceError

from ..descent import descend


@dataclass(frozen=True)
class MaxCutResult:
    """What an exact Max-Cut solver found and proved.

    Attributes
    ----------
    value : int or None
        The cut of ``assignment``, recomputed exactly from the graph (never a solver's float); None
        when there is no solution.
    bound : int or None
        An upper bound on the maximum cut proven by the solver (None if it proved none).
    optimal : bool
        True iff ``value == bound``: ``assignment`` is then a maximum cut.
    assignment : Assignment or None
        The best assignment found.
    seconds : float
        Wall time of the solver call.
    solver : str
        The solver's name (``"cpsat"``, ``"maxsat"``, ``"sdp"``, ``"brute-force"``).
    status : str
        ``"optimal"``, ``"feasible"`` (stopped with a gap or without a bound) or ``"unknown"``
        (no solution).
    extra : dict
        Solver-specific data: its options and status, node counts, root bound, ...
    """

    value: int | None
    bound: int | None
    optimal: bool
    assignment: Assignment | None
    seconds: float
    solver: str
    status: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def gap(self) -> int | None:
        """``bound - value`` (0 when optimal), or None when either is unknown."""
        return None if self.value is None or self.bound is None else self.bound - self.value

    def to_json(self) -> dict:
        """The result as a JSON-able dict: the fields (``assignment`` as a list of signs) plus ``gap``."""
        d = asdict(self)
        d["assignment"] = None if self.assignment is None else list(self.assignment.signs)
        d["gap"] = self.gap
        return d


def finish(graph: Graph, assignment: Sequence[int] | None, bound: int | None, seconds: float, solver: str,
           extra: dict | None = None) -> MaxCutResult:
    """Build a solver's :class:`MaxCutResult`, recomputing the value from the assignment.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    assignment : Assignment, sequence of int or None
        The solver's best assignment (None: no solution, status ``"unknown"``).
    bound : int or None
        The solver's proven upper bound.
    seconds : float
        The solver's wall time.
    solver : str
        The solver's name.
    extra : dict, optional
        Solver-specific data (copied).

    Returns
    -------
    MaxCutResult

    Raises
    ------
    RuntimeError
        If the bound is below the value of the solver's own assignment (a solver bug).
    """
    if assignment is None:
        return MaxCutResult(None, bound, False, None, seconds, solver, "unknown", dict(extra or {}))
    s = assignment if isinstance(assignment, Assignment) else Assignment(tuple(assignment))
    value = graph.cut_value(s)
    if bound is not None and bound < value:
        raise RuntimeError(f"{solver}: proven bound {bound} below the value {value} of its own solution")
    optimal = bound is not None and bound == value
    return MaxCutResult(value, bound, optimal, s, seconds, solver, "optimal" if optimal else "feasible",
                       dict(extra or {}))


def trivial_bound(graph: Graph) -> int:
    """The sum of the positive weights: no cut is larger.

    Parameters
    ----------
    graph : Graph
        The weighted graph.

    Returns
    -------
    int

    Examples
    --------
    >>> from instances import Graph
    >>> trivial_bound(Graph(3, ((0, 1, 2), (1, 2, -5), (0, 2, 4))))
    6
    """
    return sum(w for _, _, w in graph.edges if w > 0)


def greedy_assignment(graph: Graph, max_flips: int | None = None) -> Assignment:
    """A quick good cut, used as the hint and fallback solution of the exact solvers.

    Vertices are placed in index order, each on the side that cuts more weight to the vertices already
    placed (+1 on ties); then improving flips by the ``first`` rule (lowest-index improving vertex)
    follow, until a local optimum or ``max_flips`` flips. Exact integer arithmetic throughout. It is a
    hint, not an engine: nothing about it is reported beyond the assignment.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    max_flips : int or None, default None
        The most improving flips after the placement (None: 50 n; zero or negative: none).

    Returns
    -------
    Assignment
        The greedy assignment after the flips.

    Examples
    --------
    >>> from instances import Graph
    >>> greedy_assignment(Graph(3, ((0, 1, 2), (1, 2, 3), (0, 2, 1)))).signs
    (1, -1, 1)
    """
    n = graph.n
    csr = graph.csr()
    indptr, indices, weights = csr.indptr.tolist(), csr.indices.tolist(), csr.weights.tolist()
    s = [0] * n
    for v in range(n):
        # cut weight if s_v = +1 minus if s_v = -1  =  -sum_{placed u} w * s_u  (unplaced u have s_u = 0)
        pull = -sum(weights[k] * s[indices[k]] for k in range(indptr[v], indptr[v + 1]))
        s[v] = 1 if pull >= 0 else -1
    budget = 50 * n if max_flips is None else max(int(max_flips), 0)
    return descend(graph, s, rule="first", max_steps=budget)[0]


def check_hint(graph: Graph, hint) -> Assignment:
    """A user's hint as an :class:`Assignment` of the graph's size.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    hint : Assignment or sequence of int
        One +1/-1 per vertex.

    Returns
    -------
    Assignment

    Raises
    ------
    InstanceError
        If an entry is not +1/-1 or the length is not the number of vertices.
    """
    s = hint if isinstance(hint, Assignment) else Assignment(tuple(hint))
    if len(s) != graph.n:
        raise InstanceError(f"hint has {len(s)} entries, the graph has {graph.n} vertices")
    return s

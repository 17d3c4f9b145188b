"""The exact Max-Cut solvers by name, and one entry point.

>>> from instances import Graph
>>> r = solve(Graph(3, ((0, 1, 2), (1, 2, 3), (0, 2, 1))), solver="cpsat")
>>> r.value, r.bound, r.optimal
(5, 5, True)
"""
from __future__ import annotations

from instances import Graph

from .base import MaxCutResult
from .brute_force import solve_brute_force
from .cpsat import solve_cpsat
from .maxsat import solve_maxsat
from .sdp import solve_sdp

SOLVERS = {"cpsat": solve_cpsat, "maxsat": solve_maxsat, "sdp": solve_sdp, "brute-force": solve_brute_force}


def solve(graph: Graph, solver: str = "cpsat", **options) -> MaxCutResult:
    """Maximum cut with the named solver.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    solver : str, default "cpsat"
        A key of ``SOLVERS``: ``"cpsat"``, ``"maxsat"``, ``"sdp"`` or ``"brute-force"``.
    **options
        Passed to the solver (every solver accepts and ignores the others' options).

    Returns
    -------
    MaxCutResult

    Raises
    ------
    ValueError
        If the solver is unknown.
    """
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r} (one of {', '.join(SOLVERS)})")
    return SOLVERS[solver](graph, **options)

"""Maximum cut by enumeration: the exact reference for small graphs (n <= 22 by default).

>>> from instances import Graph
>>> brute_force_maxcut(Graph(3, ((0, 1, 1), (1, 2, 1), (0, 2, 1))))
2
"""
from __future__ import annotations

import time

import numpy as np

from instances import Assignment, Graph, InstanceError

from .base import MaxCutResult, finish


def brute_force_maxcut(graph: Graph, limit: int = 22) -> int:
    """The maximum cut value, by enumerating the 2^(n-1) assignments with s_0 = +1.

    Vectorised over all assignments in int64 when every cut fits (``graph.fits(2**62)``), else with
    Python integers.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    limit : int, default 22
        The most vertices accepted.

    Returns
    -------
    int
        The maximum cut (0 for graphs with at most one vertex or no edge).

    Raises
    ------
    InstanceError
        If the graph has more than ``limit`` vertices.
    """
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


def solve_brute_force(graph: Graph, limit: int = 22, **_ignored) -> MaxCutResult:
    """A maximum cut by enumeration, as a :class:`MaxCutResult`.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    limit : int, default 22
        The most vertices accepted.
    **_ignored
        Options of the other solvers, accepted and ignored.

    Returns
    -------
    MaxCutResult
        Optimal (bound = value); the assignment is the first maximum cut in the enumeration order
        (bit v of the counter set iff s_v = -1, s_0 = +1).

    Raises
    ------
    InstanceError
        If the graph has more than ``limit`` vertices.

    Examples
    --------
    >>> from instances import Graph
    >>> r = solve_brute_force(Graph(3, ((0, 1, 2), (1, 2, -1))))
    >>> r.value, r.assignment.signs
    (2, (1, -1, -1))
    """
    t0 = time.perf_counter()
    value = brute_force_maxcut(graph, limit)
    n = graph.n
    best = next(Assignment.from_bits(b << 1, n) for b in range(1 << max(n - 1, 0))
                if graph.cut_value(Assignment.from_bits(b << 1, n).signs) == value) if n else Assignment(())
    return finish(graph, best, value, time.perf_counter() - t0, "brute-force")

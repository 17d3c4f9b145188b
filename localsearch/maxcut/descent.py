"""Plain flip descent: the one helper that runs improving flips to a local optimum and hands back the end point.

Callers that only want "a local optimum reached from here" (the polish of simulated annealing, the
landscape census, the greedy hint and the SDP incumbents of the exact solvers) all go through
:func:`descend` (or :class:`Descent`, the same for many starts on one graph), a thin wrapper around
the flip engine :class:`localsearch.maxcut.flip.FlipSearch`:
the same pivot rules, the same exact arithmetic paths (int64, int128, Python integers), hence the
same flips as ``local_search``. The two rules the callers use are

- ``steepest``: the vertex of largest gain, ties to the lowest index;
- ``first``: the lowest-index improving vertex, rescanning from vertex 0 after every flip.

The first descent of a process pays the compiled engine's start-up once (importing numba and loading
its cached kernels, about half a second); after that a descent on a graph of a few dozen vertices
costs tens of microseconds.

>>> from instances import Graph
>>> triangle = Graph(3, ((0, 1, 1), (1, 2, 1), (0, 2, 1)))
>>> s, steps = descend(triangle, (1, 1, 1))
>>> s.signs, steps, triangle.cut_value(s)
((-1, 1, 1), 1, 2)
>>> descend(triangle, (1, 1, 1), max_steps=0)[1]
0

Reference: Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988;
Schaeffer & Yannakakis, "Simple local search problems that are hard to solve", SIAM J. Comput. 20(1), 1991.
"""
from __future__ import annotations

from typing import Sequence

from instances import Assignment, Graph, InstanceError

from .flip import FlipSearch

__all__ = ["descend", "Descent"]


class Descent:
    """Repeated plain descents on one graph with one pivot rule, reusing the engine between calls.

    ``Descent(graph, rule)(start, max_steps)`` returns what ``descend(graph, start, rule, max_steps)``
    returns; the first call builds a :class:`~localsearch.maxcut.flip.FlipSearch`, later calls
    :meth:`~localsearch.maxcut.flip.FlipSearch.restart` it, so many short descents (the incumbents of
    the SDP branch and bound, the starts of a census) do not rebuild its arrays every time.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    rule : str, default "steepest"
        The pivot rule (see :func:`descend`).

    Examples
    --------
    >>> from instances import Graph
    >>> polish = Descent(Graph(3, ((0, 1, 2), (1, 2, 3))))
    >>> polish((1, 1, 1)), polish((-1, -1, 1))
    ((Assignment(signs=(1, -1, 1)), 1), (Assignment(signs=(1, -1, 1)), 1))
    """

    def __init__(self, graph: Graph, rule: str = "steepest"):
        self.graph, self.rule = graph, rule
        self._search: FlipSearch | None = None

    def __call__(self, start: Assignment | Sequence[int], max_steps: int | None = None) -> tuple[Assignment, int]:
        """Descend from ``start``; parameters, returns and errors as in :func:`descend` (``start`` may also
        be an integer numpy array of +-1, see :meth:`~localsearch.maxcut.flip.FlipSearch.restart`)."""
        if max_steps is not None and max_steps < 0:
            raise InstanceError(f"max_steps must be >= 0, got {max_steps}")
        if self._search is None:
            self._search = FlipSearch(self.graph, self.rule, start)
        else:
            self._search.restart(start)
        steps = self._search.advance(max_steps)
        return self._search.assignment(), steps


def descend(graph: Graph, start: Assignment | Sequence[int], rule: str = "steepest",
            max_steps: int | None = None) -> tuple[Assignment, int]:
    """Improving flips from ``start`` until a local optimum or ``max_steps`` flips.

    Runs :class:`~localsearch.maxcut.flip.FlipSearch` with pivot ``rule`` (seed 0) through its bare loop
    :meth:`~localsearch.maxcut.flip.FlipSearch.advance` and returns where it stopped. Gains are exact
    whatever the weights (the engine picks the narrowest exact arithmetic).

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    start : Assignment or sequence of int
        The start assignment, one +1/-1 per vertex.
    rule : str, default "steepest"
        A pivot rule of :mod:`localsearch.maxcut.pivots`; the callers use ``"steepest"`` (largest gain,
        ties to the lowest index) and ``"first"`` (lowest-index improving vertex).
    max_steps : int or None, default None
        The most flips to make (None: no limit, run to a local optimum).

    Returns
    -------
    assignment : Assignment
        The end point: a local optimum, unless ``max_steps`` flips were made first.
    steps : int
        The number of improving flips made.

    Raises
    ------
    InstanceError
        If ``start`` does not have one +1/-1 entry per vertex, the rule is unknown or ``max_steps < 0``.

    Examples
    --------
    >>> from instances import Graph
    >>> path = Graph(3, ((0, 1, 2), (1, 2, 3)))
    >>> descend(path, (1, 1, 1))
    (Assignment(signs=(1, -1, 1)), 1)
    >>> descend(path, (1, 1, 1), rule="first")  # flips 0, 1, 0: same end point, three flips
    (Assignment(signs=(1, -1, 1)), 3)
    """
    return Descent(graph, rule)(start, max_steps)

"""The flip engine: Local Max-Cut search behind the interface of the triplet engines.

A triplet engine (see :func:`localsearch.triplets.registry.engine_for`) is a module with
``local_search``, ``certify``, ``random_solution`` and ``RULES``. This module gives a Max-Cut graph the
same four names, built on :mod:`localsearch.maxcut` (the flip search and ``certify_flip``) and
``Assignment.random``, so that callers treat every instance kind alike.

>>> from instances import doubling_chain
>>> g = doubling_chain(3)
>>> res = local_search(g, rule="first")
>>> res.steps, res.status, certify(g, res.solution).local_optimum
(16, 'local_optimum', True)
"""
from __future__ import annotations

from instances import Assignment, Graph
from localsearch.core.rules import RULES

__all__ = ["RULES", "local_search", "certify", "random_solution"]


def local_search(graph: Graph, rule: str = "first", start=None, seed: int = 0, max_steps: int | None = None,
                 time_limit: float | None = None, progress=None, trajectory=None, arithmetic: str = "auto"):
    """Flip local search until a local optimum or a limit.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    rule : str
        Pivot rule, one of ``RULES``.
    start : Assignment or sequence of +1/-1, optional
        The start; None: the graph's own start, else all +1.
    seed : int
        Seed of the ``random`` rule.
    max_steps : int, optional
        Stop after this many flips.
    time_limit : float, optional
        Stop after this many seconds.
    progress : callable, optional
        Called with the number of flips made since the last call.
    trajectory : optional
        Receives the flipped vertices (a list, a callable, a path or a text file).
    arithmetic : str
        ``auto``, ``int64``, ``int128`` or ``python`` (see :func:`localsearch.maxcut.flip.choose_arithmetic`).

    Returns
    -------
    RunResult
        Steps, status, final cut and assignment; ``extra["arithmetic"]`` names the arithmetic path.
    """
    from localsearch.maxcut import local_search as flip_search

    return flip_search(graph, rule=rule, start=start, seed=seed, max_steps=max_steps, time_limit=time_limit,
                       arithmetic=arithmetic, trajectory=trajectory, progress=progress)


def certify(graph: Graph, solution):
    """The flip certificate of an assignment, from scratch (see :func:`localsearch.maxcut.certify_flip`).

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    solution : Assignment or sequence of +1/-1
        The assignment to certify.

    Returns
    -------
    Certificate
        ``value`` is the cut; the witness, if any, is ``{"flip": v}``.

    Examples
    --------
    >>> from instances import Graph
    >>> certify(Graph(2, ((0, 1, 3),)), (1, -1))
    Certificate(local_optimum=True, witness=None, gain=0, value=3)
    """
    from localsearch.maxcut import certify_flip

    return certify_flip(graph, solution)


def random_solution(graph: Graph, seed: int = 0) -> Assignment:
    """A seeded random assignment (``Assignment.random``), the ``--start random`` of flips.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance (only its vertex count is used).
    seed : int
        The seed.

    Returns
    -------
    Assignment

    Examples
    --------
    >>> from instances import Graph
    >>> random_solution(Graph(4, ()), 1) == random_solution(Graph(4, ()), 1)
    True
    """
    return Assignment.random(graph.n, seed)

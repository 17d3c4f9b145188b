"""Every improving flip sequence from a start, with its longest and shortest witnesses replayed and
certified independently of the exhaustive search (small graphs).

>>> from instances import doubling_chain
>>> g = doubling_chain(3)
>>> res, ends = certified_paths(g, g.start)
>>> res.longest >= 16 >= res.shortest, ends["longest"].local_optimum
(True, True)
"""
from __future__ import annotations

from instances import InstanceError


def replay(graph, start, path, label: str = "witness"):
    """Replay a flip sequence: every flip must improve the cut; certify where it ends.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    start : Assignment
        Where the sequence starts.
    path : sequence of int
        The vertices flipped, in order.
    label : str
        Names the sequence in the error.

    Returns
    -------
    Certificate
        The flip certificate of the end assignment.

    Raises
    ------
    RuntimeError
        If a flip does not improve the cut.

    Examples
    --------
    >>> from instances import Assignment, Graph
    >>> replay(Graph(2, ((0, 1, 3),)), Assignment.plus(2), [1]).local_optimum
    True
    """
    from localsearch.maxcut import certify_flip

    end = start
    for v in path:
        if graph.gains(end)[v] <= 0:
            raise RuntimeError(f"witness of {label} path flips vertex {v} without improvement")
        end = end.flipped(v)
    return certify_flip(graph, end)


def certified_paths(graph, start, max_states: int | None = None, where: str | None = None):
    """The longest and shortest improving flip sequences over all pivot rules, witnesses replayed.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance (n <= 30).
    start : Assignment
        The start assignment.
    max_states : int, optional
        Refuse when more assignments are reachable (default
        :data:`localsearch.maxcut.paths.DEFAULT_MAX_STATES`).
    where : str, optional
        The file named in errors.

    Returns
    -------
    (PathsResult, dict)
        The exhaustive result and, for ``"longest"`` and ``"shortest"``, the certificate of the
        replayed witness's end.

    Raises
    ------
    InstanceError
        If the graph is too large or too many states are reachable.
    """
    from localsearch.maxcut.paths import DEFAULT_MAX_STATES, improving_paths

    try:
        res = improving_paths(graph, start, max_states=max_states or DEFAULT_MAX_STATES)
    except InstanceError as e:
        raise e.at(where) from None
    ends = {key: replay(graph, start, path, key)
            for key, path in (("longest", res.longest_path), ("shortest", res.shortest_path))}
    return res, ends

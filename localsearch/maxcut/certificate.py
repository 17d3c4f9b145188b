"""The local-optimality certificate of the flip neighbourhood of Max-Cut, computed from scratch.

>>> from instances import Graph
>>> certify_flip(Graph(2, ((0, 1, 3),)), (1, 1))
Certificate(local_optimum=False, witness={'flip': 0}, gain=3, value=0)

Reference: Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988 (PLS).
"""
from __future__ import annotations

from typing import Sequence

from instances import Graph

from ..core.certificate import Certificate


def certify_flip(graph: Graph, s: Sequence[int]) -> Certificate:
    """Certify whether ``s`` is a local optimum of the flip neighbourhood, from scratch.

    Gains and cut are recomputed from the edge list with Python integers (independent of every engine).

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    s : Assignment or sequence of int
        One +1/-1 per vertex.

    Returns
    -------
    Certificate
        ``local_optimum`` iff no vertex has a positive gain; otherwise the witness ``{"flip": v}`` is the
        vertex of largest gain (ties to the lowest index) and ``gain`` its gain; ``value`` is the cut of s.

    Raises
    ------
    InstanceError
        If ``s`` does not have one entry per vertex.
    """
    gains = graph.gains(s)
    best = max(range(graph.n), key=lambda v: (gains[v], -v), default=None)
    value = graph.cut_value(s)
    if best is None or gains[best] <= 0:
        return Certificate(True, None, 0, value)
    return Certificate(False, {"flip": best}, gains[best], value)

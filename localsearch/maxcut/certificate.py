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
    """Certificate for the flip neighbourhood of Max-Cut; the witness is the lowest-index best flip."""
    gains = graph.gains(s)
    best = max(range(graph.n), key=lambda v: (gains[v], -v), default=None)
    value = graph.cut_value(s)
    if best is None or gains[best] <= 0:
        return Certificate(True, None, 0, value)
    return Certificate(False, {"flip": best}, gains[best], value)

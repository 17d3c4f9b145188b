"""Small shared pieces of the scaffold-based reductions (tree, betweenness, non-betweenness).

Edge gadgets are triplets whose weights come from the Max-Cut edge weights; scaffold triplets get
weights larger than everything a single move can lose elsewhere (``heavier_than``).

>>> loads(3, [(0, 1, 2, 5), (1, 0, 2, 1)])
[6, 6, 6]
"""
from __future__ import annotations

from instances import Assignment, Graph, jsonio


def source_start(graph: Graph) -> Assignment:
    """The source start assignment (all +1 if the graph has none)."""
    return graph.start if graph.start is not None else Assignment.plus(graph.n)


def loads(points: int, triplets) -> list[int]:
    """Total weight of the triplets at each point."""
    out = [0] * points
    for a, b, c, w in triplets:
        for p in (a, b, c):
            out[p] += w
    return out


def heavier_than(x: int) -> int:
    """A weight that beats any loss of at most x."""
    return x + 1


def reduction_meta(name: str, graph: Graph, **extra) -> dict:
    """``meta["reduction"]`` of a reduced instance: self-contained (the source travels with it)."""
    return {"reduction": {"name": name, "source": jsonio.to_json(graph), "vertex_points": graph.n,
                          "gain_factor": 1, **extra}}

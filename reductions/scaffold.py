"""Small shared pieces of the scaffold-based reductions (tree, betweenness, non-betweenness).

Edge gadgets are triplets whose weights come from the Max-Cut edge weights; scaffold and vertex
triplets get weights that outweigh everything a single move can lose elsewhere
(``least_outweighing``), which is what forces local optima to be clean.

>>> loads(3, [(0, 1, 2, 5), (1, 0, 2, 1)])
[6, 6, 6]
>>> least_outweighing(6)
7
"""
from __future__ import annotations

from instances import Assignment, Graph, jsonio


def source_start(graph: Graph) -> Assignment:
    """The source start assignment (all +1 if the graph has none).

    Parameters
    ----------
    graph : Graph

    Returns
    -------
    Assignment

    Examples
    --------
    >>> source_start(Graph(2, ((0, 1, 3),))).signs
    (1, 1)
    """
    return graph.start if graph.start is not None else Assignment.plus(graph.n)


def loads(points: int, triplets) -> list[int]:
    """Total weight of the triplets at each point.

    Parameters
    ----------
    points : int
        The number of points.
    triplets : iterable of tuple
        Triplets (a, b, c, w).

    Returns
    -------
    list of int
        Entry p is the sum of w over the triplets containing p.
    """
    out = [0] * points
    for a, b, c, w in triplets:
        for p in (a, b, c):
            out[p] += w
    return out


def least_outweighing(loss: int) -> int:
    """The least integer weight that outweighs any loss of at most ``loss``: loss + 1.

    A triplet of this weight, gained by a move that loses at most ``loss`` elsewhere, makes the move
    strictly improving (weights are integers).

    Parameters
    ----------
    loss : int
        The largest total weight a move can lose elsewhere.

    Returns
    -------
    int

    Examples
    --------
    >>> least_outweighing(0), least_outweighing(41)
    (1, 42)
    """
    return loss + 1


def reduction_meta(name: str, graph: Graph, **extra) -> dict:
    """``meta["reduction"]`` of a reduced instance: self-contained (the source travels with it).

    Parameters
    ----------
    name : str
        The reduction target (``reductions.TARGETS`` key).
    graph : Graph
        The source graph.
    **extra
        Further entries (scaffold indices, weights).

    Returns
    -------
    dict
        ``{"reduction": {"name", "source", "vertex_points", "gain_factor": 1, **extra}}``.
    """
    return {"reduction": {"name": name, "source": jsonio.to_json(graph), "vertex_points": graph.n,
                          "gain_factor": 1, **extra}}

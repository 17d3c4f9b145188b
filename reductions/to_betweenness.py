"""Local Max-Cut -> weighted betweenness on orderings (move one point), a tight PLS reduction.

Points: the vertices 0..n-1 (in vertex order), then L = n, M = n+1, R = n+2. A triplet (a, b, c) is
satisfied iff b lies strictly between a and c. Triplets:
- scaffold, weight H1: (L, M, R) (M between the poles);
- vertex v, weight H: (v, L, R) and (v, R, L) (v outside [L, R]: exactly one holds; inside: none);
- edge (u, v, w), w > 0: (u, M, v), weight w (M separates u and v); w < 0: (M, u, v) and (M, v, u),
  weight |w| each (exactly one holds iff u, v are on the same side of M, none otherwise).
H = 1 + max over v of the edge-triplet weight at v; H1 = 1 + the total weight of edge and vertex
triplets (more than the ordering form needs; the positions form of non-betweenness uses it).

Clean orderings: M between L and R, every vertex outside [L, R] (hence nothing else between L and R).
Side of v: -1 on L's side of M, +1 on R's side; the satisfied weight is H1 + n H + cut(s) + sum of |w|
over negative edges. Back map (any ordering): s_v = +1 iff v is on R's side of M (orientation from
L < R or R < L), else -1.

Proof sketch. Moving point x only changes triplets containing x.
(Soundness) At a local optimum: (1) M is between L and R, else moving M next to L, towards R, gains
H1 minus at most the edge weight, > 0 (vertex triplets do not contain M); (2) every vertex is outside
[L, R], else moving it just outside gains H minus at most its edge weight, > 0. So the ordering is clean,
and moving v beyond the other pole keeps it clean and gains exactly g(v): g(v) <= 0 for all v.
(Tightness) In a clean ordering, L and R satisfy the most possible of their triplets (H1 and one of each
pair), M can only move inside (L, R) (no change: it holds nothing else) or lose H1 > any edge gain, and
a vertex either stays on its side (gain 0), enters (L, R) (loses H > its edge weight) or crosses to the
other side (gain exactly g(v), still clean). So improving moves are exactly the improving flips with the
same gain, vertex point v <-> vertex v, and pivot rules on points reproduce pivot rules on vertices.
Size: n + 3 points, 1 + 2n + m+ + 2 m- triplets.

>>> from instances import Graph
>>> inst = reduce(Graph(2, ((0, 1, 3),)))
>>> inst.points, inst.start.order, backmap(inst, inst.start).signs
(5, (2, 3, 4, 0, 1), (1, 1))

Reference: the seed paper, "The Complexity of Finding Local Optima in Contrastive Learning" (NeurIPS
2025), hardness of local betweenness; Opatrny 1979 (betweenness); Schaeffer & Yannakakis 1991.
"""
from __future__ import annotations

from instances import Assignment, Graph, Ordering, TripletInstance
from instances.triplets import positions_from

from .scaffold import least_outweighing, loads, reduction_meta, source_start

SCAFFOLD = ("L", "M", "R")


def betweenness_triplets(graph: Graph) -> tuple[list, dict]:
    """The betweenness triplets of the reduction and the weights used.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.

    Returns
    -------
    triplets : list of tuple
        Scaffold, vertex, then edge triplets (a, b, c, w).
    weights : dict
        ``{"H1": ..., "H": ...}``.

    Examples
    --------
    >>> betweenness_triplets(Graph(1, ()))
    ([(1, 2, 3, 3), (0, 1, 3, 1), (0, 3, 1, 1)], {'H1': 3, 'H': 1})
    """
    n = graph.n
    L, M, R = n, n + 1, n + 2
    edges = []
    for u, v, w in graph.edges:
        if w > 0:
            edges.append((u, M, v, w))
        elif w < 0:
            edges += [(M, u, v, -w), (M, v, u, -w)]
    H = least_outweighing(max(loads(n + 3, edges)[:n], default=0))
    vertex = [t for v in range(n) for t in ((v, L, R, H), (v, R, L, H))]
    H1 = least_outweighing(sum(t[3] for t in edges + vertex))
    return [(L, M, R, H1)] + vertex + edges, {"H1": H1, "H": H}


def clean_ordering(n: int, signs) -> Ordering:
    """The clean ordering of an assignment: side -1 vertices (index order), L, M, R, side +1 vertices.

    Parameters
    ----------
    n : int
        The number of vertices.
    signs : sequence of +1/-1
        The assignment.

    Returns
    -------
    Ordering

    Examples
    --------
    >>> clean_ordering(3, (1, -1, 1)).order
    (1, 3, 4, 5, 0, 2)
    """
    return Ordering(tuple([v for v in range(n) if signs[v] < 0] + [n, n + 1, n + 2]
                          + [v for v in range(n) if signs[v] > 0]))


def reduce(graph: Graph, target: str = "betweenness") -> TripletInstance:
    """The forward map: the betweenness instance of ``graph``.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    target : str, default "betweenness"
        The target recorded in the instance (``reductions.to_nonbetweenness`` builds on this one).

    Returns
    -------
    TripletInstance
        Its start is the clean ordering of the graph's start (all +1 if none); ``meta["reduction"]`` has
        the scaffold indices and the weights H1, H.
    """
    n = graph.n
    trips, weights = betweenness_triplets(graph)
    names = tuple(graph.name(v) for v in range(n)) + SCAFFOLD
    return TripletInstance(n + 3, tuple(trips), target=target, start=clean_ordering(n, source_start(graph)),
                           names=names, meta=reduction_meta(target, graph, scaffold={"L": n, "M": n + 1, "R": n + 2},
                                                            weights=weights))


def backmap(inst: TripletInstance, solution) -> Assignment:
    """The back map: s_v = +1 iff v lies on R's side of M.

    Defined for every ordering, and for positions through the order by position (ties broken by point
    index).

    Parameters
    ----------
    inst : TripletInstance
        A betweenness or non-betweenness reduced instance.
    solution : Ordering or sequence
        Any ordering, or positions on the line.

    Returns
    -------
    Assignment
    """
    n = inst.meta["reduction"]["vertex_points"]
    if isinstance(solution, Ordering):
        rank = solution.positions()
    else:
        pos = positions_from(solution, 1)
        rank = [0] * len(pos)
        for i, p in enumerate(sorted(range(len(pos)), key=lambda q: (pos[q], q))):
            rank[p] = i
    L, M, R = n, n + 1, n + 2
    orient = 1 if rank[R] > rank[L] else -1
    return Assignment(tuple(1 if orient * (rank[v] - rank[M]) > 0 else -1 for v in range(n)))

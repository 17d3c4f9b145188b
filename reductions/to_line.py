"""Local Max-Cut -> weighted satisfied triplets on the line: a tight PLS reduction.

Construction (graph G on n vertices, m edges, start s). Points 0..n-1 are the VERTEX points, in G's
vertex order; then 11 SCAFFOLD points in this order, with canonical integer coordinates:

    P- = -256, M = -160, O = 0, P+ = 224, H+ = 160, G- = -224, G+ = 208, F- = -248, F+ = 220,
    Q- = -254, Q+ = 222.

Triplets, heaviest level first (each level's weight is 1 + the total weight of all lighter triplets;
"X between A and B" is the pair (A, X, B), (B, X, A); "A: X before Y" is the triplet (A, X, Y)):
  L1  M between P- and O;  M: P- before O.            (M on P-'s half of [P-, O])
  L2  O between P- and P+;  O: M before P+;  O: P+ before P-.    (d(O,M) < d(O,P+) < d(O,P-))
  L3  H+ between P+ and O;  H+: P+ before O.          L4  G- between P- and M;  G-: P- before M.
  L5  G+ between P+ and H+;  G+: P+ before H+.        L6  F- between P- and G-;  F-: P- before G-.
  L7  F+ between P+ and G+;  F+: P+ before G+.        L8  Q- between P- and F-.
  L9  Q+ between P+ and F+.
  Attraction, per vertex v, weight A_v = 1 + sum_u |w(u,v)|:  (P-, v, Q-) and (P+, v, Q+):
      v in the BALL B- = {x : |x - x_P-| < |x_Q- - x_P-|}, resp. B+ around P+.
  Edges, per edge (u, v, w) as listed: (u, O, v) with weight w if w > 0 (satisfied iff u, v on
      different sides), (u, v, O) with weight -w if w < 0 (satisfied iff same side); w = 0: none.
So the instance has n + 11 points and 26 + 2n + m' triplets (m' = nonzero edges): O(n + m).
Start: vertex v at x_P+ if s_v = +1 else at x_P-. Back map (any embedding): s_v = +1 iff
|x_v - x_P+| <= |x_v - x_P-| (the nearer pole; ties to +1).

Proof sketch.
(a) Scaffold is forced. The scaffold levels form a chain: the triplets of a level mention one NEW
point and earlier points only. L1 alone is repairable by one move from any configuration (if
P- != O move M to P- + (O - P-)/4; if P- = O move O away from M). For a later level, if the earlier
levels hold then the new point has a position satisfying all of its level (it only needs the two
named earlier points to be distinct, which the earlier levels imply). So at a local optimum, if a
first level were violated, moving its new point there would gain >= its weight, more than all
lighter triplets together, while no heavier triplet mentions that point: contradiction. Hence every
scaffold triplet holds. On the line (orient P- < O) that gives: R1/2 < d(O,M) < R2 < R1 where
R1 = d(O,P-), R2 = d(O,P+), P+ on the other side of O, and 0 < d1 < R1/8, 0 < d2 < R2/8 for the ball
radii d1 = d(P-,Q-), d2 = d(P+,Q+) (each "between + before" level halves a distance to its pole).
(b) Margins. Then R1 >= 3 d1, R2 >= 3 d2, R2 >= 2 d1 + d2 and R1 >= 2 d2 + d1, so for u, v in balls
(anywhere inside): same ball => |x_u - x_v| < 2d <= R - d < |x_u - x_O|; different balls =>
|x_u - x_v| > R1 + R2 - d1 - d2 >= R_u + d_u > |x_u - x_O|. Edge triplets are decided by the sides,
with strict margins, and the two balls are disjoint and miss O. Nothing relies on coincidences.
(c) Every vertex point is in a ball at a local optimum: otherwise moving it to its pole gains A_v and
loses at most sum_u |w(u,v)| < A_v (only its own edge triplets can change).
(d) Objective identity: in a clean configuration (all scaffold triplets hold, every vertex in a
ball) the satisfied weight is OFFSET + cut(s), OFFSET = scaffold weight + sum_v A_v + sum |w<0|,
because a positive edge counts w [cut] and a negative one |w| (1 - [cut]) = |w| + w [cut].
(e) Local optima map to local max-cuts: by (a)-(c) a local optimum is clean; if g(v) > 0 then moving v
to the other pole keeps its attraction and changes only its edge triplets, by exactly g(v) (d).
(f) Tightness. In a clean configuration: a vertex point moving outside both balls loses A_v minus at
most its edge weight; moving within its ball changes nothing; moving into the other ball gains
exactly g(v) (multiple 1). A scaffold point cannot improve: breaking a scaffold triplet costs more
than everything lighter, and if the scaffold still holds then (b) still holds, no attraction triplet
can be gained (disjoint balls) and edge triplets keep their values. So the improving moves are
exactly the improving flips, with the same gains; and from the image of an assignment the engine's
tie rule puts v at the other pole exactly (no breakpoint of v lies inside a ball: they are at 0,
2 x_P+-, and x_P+- / 2), so the configuration stays the image of the flipped assignment. With the
matching rule (first, last, steepest, least, cyclic, random) the runs coincide flip for flip,
because vertex points are 0..n-1 and scaffold points (never improving) come after them.

>>> from instances import Graph
>>> inst = reduce(Graph(2, ((0, 1, 3),), start=(1, 1)))
>>> inst.points, len(inst.triplets), tuple(backmap(inst, inst.start))
(13, 31, (1, 1))

Reference: the seed paper (Yan et al., NeurIPS 2025) proves PLS-hardness on the line with its own
gadgets; this construction is ours, in the spirit of Schaeffer & Yannakakis' tight reductions.
"""
from __future__ import annotations

from instances import Assignment, Graph, InstanceError, TripletInstance, jsonio
from instances.triplets import positions_from, sq_dist

NAME = "line"

# name, canonical coordinate, and the level's triplets over scaffold names (point x = the new one)
SCAFFOLD = ("P-", "M", "O", "P+", "H+", "G-", "G+", "F-", "F+", "Q-", "Q+")
COORD = {"P-": -256, "M": -160, "O": 0, "P+": 224, "H+": 160, "G-": -224, "G+": 208, "F-": -248,
         "F+": 220, "Q-": -254, "Q+": 222}


def _between(a, x, b):
    return [(a, x, b), (b, x, a)]


def _halving(pole, x, other):
    """x strictly between pole and other, nearer to pole."""
    return _between(pole, x, other) + [(x, pole, other)]


LEVELS = (
    _halving("P-", "M", "O"),
    _between("P-", "O", "P+") + [("O", "M", "P+"), ("O", "P+", "P-")],
    _halving("P+", "H+", "O"),
    _halving("P-", "G-", "M"),
    _halving("P+", "G+", "H+"),
    _halving("P-", "F-", "G-"),
    _halving("P+", "F+", "G+"),
    _between("P-", "Q-", "F-"),
    _between("P+", "Q+", "F+"),
)


def scaffold_index(n: int) -> dict[str, int]:
    """The point index of each scaffold point for a graph on n vertices (they follow the vertex points).

    Parameters
    ----------
    n : int
        The number of vertices.

    Returns
    -------
    dict
        Scaffold name (``SCAFFOLD``) -> point index n, n + 1, ...

    Examples
    --------
    >>> scaffold_index(2)["P-"], scaffold_index(2)["Q+"]
    (2, 12)
    """
    return {name: n + k for k, name in enumerate(SCAFFOLD)}


def line_triplets(graph: Graph) -> tuple[list[tuple[int, int, int, int]], int]:
    """All triplets of the reduced instance and the objective offset (construction in the module docstring).

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.

    Returns
    -------
    triplets : list of tuple
        (a, b, c, w): the scaffold levels (heaviest first), then attraction, then edge triplets.
    offset : int
        OFFSET of (d): the satisfied weight of a clean configuration is OFFSET + cut(s).

    Examples
    --------
    >>> trips, offset = line_triplets(Graph(2, ((0, 1, -3),)))
    >>> len(trips), trips[-1], offset - sum(t[3] for t in trips[:26])
    (31, (0, 1, 4, 3), 11)
    """
    n = graph.n
    S = scaffold_index(n)
    O, Pm, Pp, Qm, Qp = S["O"], S["P-"], S["P+"], S["Q-"], S["Q+"]
    edge_t = []
    for u, v, w in graph.edges:
        if w > 0:
            edge_t.append((u, O, v, w))
        elif w < 0:
            edge_t.append((u, v, O, -w))
    attract = []
    for v in range(n):
        A = 1 + graph.abs_degree[v]
        attract += [(Pm, v, Qm, A), (Pp, v, Qp, A)]
    lighter = sum(t[3] for t in edge_t) + sum(t[3] for t in attract)
    scaffold = []
    for level in reversed(LEVELS):
        W = 1 + lighter
        rows = [(S[a], S[b], S[c], W) for a, b, c in level]
        scaffold = rows + scaffold
        lighter += W * len(rows)
    offset = sum(t[3] for t in scaffold) + sum(A for _, v, _, A in attract[::2]) + sum(-w for _, _, w in graph.edges if w < 0)
    return scaffold + attract + edge_t, offset


def embed(graph: Graph, s, dim: int = 1):
    """The clean image of an assignment: vertex v at the pole P+ or P-, the scaffold at its coordinates.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    s : sequence of +1/-1
        The assignment.
    dim : int, default 1
        The dimension; for dim >= 2 every point is on the first axis.

    Returns
    -------
    tuple
        Positions (Fractions for dim 1, tuples of Fractions else).

    Examples
    --------
    >>> [str(x) for x in embed(Graph(2, ()), (1, -1))[:3]]
    ['224', '-256', '-256']
    """
    s = Assignment(tuple(s))
    xs = [COORD["P+"] if x > 0 else COORD["P-"] for x in s.signs] + [COORD[name] for name in SCAFFOLD]
    if dim == 1:
        return positions_from(xs, 1)
    return positions_from([(x,) + (0,) * (dim - 1) for x in xs], dim)


GUARANTEE = {
    "line": "PLS reduction (every local optimum back-maps to a local max-cut) and tight (gain = flip gain)",
    "rd": "tight from images of assignments (runs stay on the first axis, gain = flip gain); NOT a PLS "
          "reduction for arbitrary local optima in R^d: certified counterexamples in the plane, and for "
          "d >= C(m,2)+4m every triplet holds at once with any back-mapped cut (see reductions/rd.py)",
}


def build(graph: Graph, name: str, dim: int) -> TripletInstance:
    """The reduced instance in dimension ``dim`` (shared by the ``line`` and ``rd`` reductions).

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    name : {"line", "rd"}
        The reduction's name (``meta["reduction"]["name"]`` and its guarantee).
    dim : int
        The dimension of the target.

    Returns
    -------
    TripletInstance
        n + 11 points, start the image of the graph's start (all +1 if none).

    Raises
    ------
    InstanceError
        If the source is not a graph.
    """
    if not isinstance(graph, Graph):
        raise InstanceError(f"the {name} reduction needs a graph, got {getattr(graph, 'kind', type(graph).__name__)}")
    trips, offset = line_triplets(graph)
    start = graph.start if graph.start is not None else Assignment.plus(graph.n)
    names = tuple(graph.name(v) for v in range(graph.n)) + tuple("@" + s for s in SCAFFOLD)
    S = scaffold_index(graph.n)
    meta = {"reduction": {"name": name, "source": jsonio.to_json(graph), "vertex_points": graph.n,
                          "scaffold": S, "objective_offset": offset, "gain_multiple": 1,
                          "guarantee": GUARANTEE[name],
                          "backmap": "s_v = +1 iff |x_v - x_P+| <= |x_v - x_P-|"}}
    return TripletInstance(graph.n + len(SCAFFOLD), tuple(trips), dim=dim, target="euclidean",
                           start=embed(graph, start, dim), names=names, meta=meta)


def reduce(graph: Graph) -> TripletInstance:
    """The forward map: the reduced triplet instance on the line (dim 1), with the image of the graph's start.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.

    Returns
    -------
    TripletInstance

    Raises
    ------
    InstanceError
        If the source is not a graph.
    """
    return build(graph, NAME, 1)


def backmap(inst: TripletInstance, solution) -> Assignment:
    """The back map: the cut of ANY embedding, each vertex point taking the side of its nearer pole.

    Parameters
    ----------
    inst : TripletInstance
        A line (or rd) reduced instance.
    solution : sequence
        Any embedding.

    Returns
    -------
    Assignment
        s_v = +1 iff |x_v - x_P+| <= |x_v - x_P-| (ties to +1).

    Raises
    ------
    InstanceError
        If the instance carries no line/rd reduction data or the solution is malformed.
    """
    red = inst.meta.get("reduction") or {}
    n = red.get("vertex_points")
    if not isinstance(n, int):
        raise InstanceError("instance carries no line/rd reduction data (meta.reduction.vertex_points)")
    pos = inst.check_solution(solution)
    S = scaffold_index(n)
    pp, pm = pos[S["P+"]], pos[S["P-"]]
    return Assignment(tuple(1 if sq_dist(pos[v], pp) <= sq_dist(pos[v], pm) else -1 for v in range(n)))

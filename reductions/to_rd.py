"""Local Max-Cut -> weighted satisfied triplets in R^d (d >= 2): the line construction on the first axis.

The instance is exactly the one of ``reductions.to_line`` (same points, triplets, weights, back map:
the nearer pole), with every point at (x, 0, ..., 0).

What is guaranteed, and why.
(1) Moving off the line never helps from a clean configuration (all points on the axis, every
scaffold triplet satisfied, every vertex point in a ball). Margins of ``reductions.to_line`` (b) use only
the triangle inequality: for a vertex point y ANYWHERE in R^d within d_i of its pole, |y - x_O| and
|y - x_u| are within d_i of the pole's distances, so its edge triplets are still decided by the sides
with strict margins, its attraction is A_v inside a ball and 0 outside both. So a vertex point's
best move in R^d has exactly the gain of the line (max(0, g(v))). A scaffold point moving anywhere
in R^d while keeping every scaffold triplet satisfied keeps d(P+,Q+) < d(P+,P-) (the chain
(P+,Q+,F+), (P+,F+,G+), (P+,G+,H+), (P+,H+,O), (P+,O,P-) of satisfied triplets), the same from P-,
and d(P_i, O) < d(P+, P-): with vertex points exactly at the poles no attraction or edge triplet can
change, so it cannot improve. Hence from the image of a start the R^d run is the line run, flip for
flip (tight), and the exact checker ``localsearch.triplets.rd.certify`` applies along it (co-points collinear).
(2) Local optima in R^d that are reached from the image of an assignment by the engine are clean (by
(1) the run never leaves the axis) and back-map to local max-cuts as on the line.
(3) NOT guaranteed, and FALSE in general: an ARBITRARY local optimum in R^d need not back-map to a
local max-cut. In the plane the "between" triplets only put a point in a lens, not on a segment, so the
halving levels no longer shrink the balls: the exact plane engine (``localsearch.triplets.plane``) finds, from
random embeddings, certified local optima with every scaffold triplet satisfied, a ball of radius ~71
around P-, and a back map that is not a local max-cut (kept as a test in tests/reductions/test_to_rd.py).
(4) In high dimension no back map at all can repair it. The constraint graph of this instance (an arc
{a,b} -> {a,c} per triplet, ``localsearch.triplets.realisation``) is acyclic: every pair {u, v} of vertex
points carries one edge triplet, every pair {v, pole} one attraction triplet, and the scaffold is
realised on the line. So for d >= C(m,2) + 4m (m = n + 11 points) ``integer_embedding`` computes, in
polynomial time, an integer embedding satisfying EVERY triplet (a global, hence local, optimum) with
the distances of each vertex point to P+ and P- ordered as we like (``side_relations``): the nearer-
pole back map returns ANY cut, e.g. one that is not a local max-cut. Any other polynomial back map g
would then compute a local max-cut in polynomial time (g of that embedding), so unless PLS = FP no
back map makes this construction a PLS reduction to R^d for such d (already for d >= m - 1 with
algebraic coordinates: ``gram_pivots``). More generally, in R^d with d >= m - 1 a set of triplets that
can hold at once never forces a RATIO of distances (all distances can be within a factor 1 + 1/(8m)),
so margin-based gadgets (balls small against pole distances) are void there, and a PLS reduction must
produce instances whose constraint graph has cycles, with a purely order-theoretic proof valid in every
dimension. We do not have one: this construction is a tight reduction only for runs from the images of
assignments (1)-(2).

>>> from instances import Graph
>>> inst = reduce(Graph(2, ((0, 1, 3),), start=(1, -1)), dim=3)
>>> inst.dim, inst.start[0], tuple(backmap(inst, inst.start))
(3, (Fraction(224, 1), Fraction(0, 1), Fraction(0, 1)), (1, -1))
"""
from __future__ import annotations

from instances import Graph, InstanceError, TripletInstance

from . import to_line

NAME = "rd"


def reduce(graph: Graph, dim: int = 2) -> TripletInstance:
    """The forward map: the line instance embedded on the first axis of R^dim (dim >= 2).

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    dim : int, default 2
        The dimension, >= 2.

    Returns
    -------
    TripletInstance

    Raises
    ------
    InstanceError
        If dim < 2 or the source is not a graph.
    """
    if not isinstance(dim, int) or isinstance(dim, bool) or dim < 2:
        raise InstanceError(f"the rd reduction needs dim >= 2 (use --to line for dim 1), got {dim!r}")
    return to_line.build(graph, NAME, dim)


def side_relations(inst: TripletInstance, s) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Distance relations d(v, P_side) < d(v, P_other) for the assignment ``s``.

    Added to the triplets (``extra`` of ``localsearch.triplets.realisation``), they make the back map of
    a realising embedding read ``s``.

    Parameters
    ----------
    inst : TripletInstance
        A line/rd reduced instance.
    s : sequence of +1/-1
        One sign per vertex point.

    Returns
    -------
    list of tuple
        ``((v, P_side), (v, P_other))`` per vertex point: pairs of point indices, nearer pair first.

    Raises
    ------
    InstanceError
        If the instance is not line/rd reduced or ``s`` has the wrong length.

    Examples
    --------
    >>> side_relations(reduce(Graph(2, ((0, 1, 3),))), (1, -1))
    [((0, 5), (0, 2)), ((1, 2), (1, 5))]
    """
    S = (inst.meta.get("reduction") or {}).get("scaffold")
    if not isinstance(S, dict) or len(s) != inst.meta["reduction"].get("vertex_points"):
        raise InstanceError("side_relations needs a line/rd reduced instance and one sign per vertex point")
    return [((v, S["P+" if x > 0 else "P-"]), (v, S["P-" if x > 0 else "P+"])) for v, x in enumerate(s)]


def backmap(inst: TripletInstance, solution):
    """The back map: the nearer pole of each vertex point (Euclidean), for ANY embedding.

    Parameters
    ----------
    inst : TripletInstance
        An rd (or line) reduced instance.
    solution : sequence
        Any embedding.

    Returns
    -------
    Assignment
        As ``reductions.to_line.backmap``.
    """
    return to_line.backmap(inst, solution)

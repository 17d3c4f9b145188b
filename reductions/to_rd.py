"""Local Max-Cut -> weighted satisfied triplets in R^d, for every d >= 1: a tight PLS reduction ("radial").

A triplet (a, b, c) of weight w is satisfied iff |x_a - x_b| < |x_a - x_c| (strict); a move relocates
ONE point anywhere in R^d.

Why not the usual gadgets. Every satisfied set is open, so a set of triplets can never force an
EQUALITY: whatever embedding satisfies them, a small enough perturbation breaking an isosceles
triangle, a point on a ray or a regular simplex satisfies them too. Gadgets that rest on equalities
therefore do not survive arbitrary local optima, and gadgets that rest on metric margins (vertex
points in small balls around poles, as on the line) do not survive high dimension: in R^d with
d >= m - 1 a set of triplets that can hold at once never forces a ratio of distances
(``localsearch.triplets.realisation``), which is exactly what breaks the line instance placed in R^d
(``embedded_line`` below, kept as the counterexample). The construction here forces only ORDERS of
distances from one point O: every triplet containing a vertex point or a separator has apex O and
compares two radii around O. A radius can be given to a point along any ray, in any dimension, so
the whole argument is about the order of radii and is the same for every d >= 1.

Construction. G on vertices 0..n-1 with integer weights; edges of weight 0 are dropped, m' remain,
each written {u, v} with u > v.

- D_v = sum_u |w(u, v)|,  b_v = sum_{u > v} w(u, v) - sum_{u < v} w(u, v);
- A^L_v = 1 + 2 D_v + max(b_v, 0),  A^R_v = 1 + 2 D_v + max(-b_v, 0)  (so A^L_v - A^R_v = b_v);
- Lambda = sum_v 2 (A^L_v + A^R_v) + sum_e 2 |w_e|: the total weight of the shell and edge triplets;
- W_k = (2n + 2 - k)(1 + Lambda) for k = 1..2n+1;  W_O = 1 + Lambda + sum_k W_k;
  W_Y = 1 + W_O + Lambda + sum_k W_k.

Points (3n + 6): the vertex points x_0..x_{n-1} (indices 0..n-1, in G's order), then O, X, Y, Z, then
the separators T_0..T_{2n+1}. Radii are taken from O: r_p = |x_p - x_O|, t_k = r(T_k). The shell
S_j is the open annulus t_j < r < t_{j+1}; vertex v owns L(v) = S_v and R(v) = S_{n+1+v} (the
equator S_n belongs to nobody). Triplets (6n + 3 + m'), heaviest first:

========================================================  ==============================
pins: (X, Z, Y) and (X, O, Y)                              W_Y and W_O
chain: (O, T_{k-1}, T_k), k = 1..2n+1  (t_{k-1} < t_k)     W_k
shells, per v: (O, T_v, x_v), (O, x_v, T_{v+1})            A^L_v each (together: r_v in L(v))
               (O, T_{n+1+v}, x_v), (O, x_v, T_{n+2+v})    A^R_v each (together: r_v in R(v))
edges {u, v}, u > v: (O, x_u, x_v) if w > 0                2 w
                     (O, x_v, x_u) if w < 0                2 |w|
========================================================  ==============================

Weights are O(n^2 (n + sum |w|)). Back map (any embedding): s_v = +1 iff r_v > t_n, compared exactly
as squared distances. Canonical image of s (on the first axis, every other coordinate 0):
O = X = Z = 0, Y = 1/2, T_k = 2k + 2, x_v = 2v + 3 if s_v = -1, else 2(n + 1 + v) + 3 (the middle of
its shell).

Proof. "Value" is the satisfied weight; a configuration is any embedding.

(1) Levels hold at every local optimum. Y is the farther point of both of its triplets and of no
other: moving Y far from X satisfies both pins, so at a local optimum both pins hold (and X != Y).
If a chain triplet fails, let k be the smallest index with t_{k-1} >= t_k and put T_k at a radius
above t_{k-1} (any ray will do): it gains W_k and loses at most W_{k+1} (its other chain triplet;
none for k = 2n+1) plus its shell triplets, at most Lambda in all; W_k - W_{k+1} - Lambda = 1 > 0.
So at a local optimum t_0 < t_1 < ... < t_{2n+1}: the shells are non-empty, disjoint, ordered
outwards, and L(v) (index v) lies inside the equator, R(v) (index n+1+v) outside it.

(2) Vertex points sit in one of their shells. With the chain in order, the four shell triplets of
x_v are worth A^L_v + A^R_v when r_v is in neither of its shells (boundaries included), A^L_v more
inside L(v) and A^R_v more inside R(v). Its edge triplets weigh 2 D_v in all. Moving x_v from outside
both shells into L(v) gains at least A^L_v - 2 D_v >= 1. Call a configuration CLEAN when the pins,
the chain and "every x_v in L(v) or R(v)" hold: every local optimum is clean, and in a clean
configuration the back map reads the shell: in L(v), r_v < t_{v+1} <= t_n (s_v = -1); in R(v),
r_v > t_{n+1} > t_n (s_v = +1).

(3) Edges read the cut from the order alone. In a clean configuration, for u > v the shells involved
are ordered S_v < S_u < S_{n+1+v} < S_{n+1+u}, so r_u != r_v, and r_u < r_v iff x_u is in L(u) and
x_v in R(v), i.e. iff s_u = -1 and s_v = +1. No margin, ratio, angle or equality is used.

(4) The value of a clean configuration is C + cut_w(s). Write [L_v] for s_v = -1 and [L_u R_v] for
the event of (3). For u > v, [s_u != s_v] = [L_u R_v] + [R_u L_v] and [R_u L_v] = [L_v] - [L_u L_v]
= [L_v] - [L_u] + [L_u R_v], so [s_u != s_v] = 2 [L_u R_v] - [L_u] + [L_v]. A positive edge is worth
2 w [L_u R_v], a negative one 2 |w| (1 - [L_u R_v]) = 2 |w| + 2 w [L_u R_v]; summed, the edge
triplets are worth sum_{w<0} 2 |w| + cut_w(s) - sum_v b_v [L_v] (the coefficient of [L_x] collects
+w(x, y) for y < x and -w(x, y) for y > x, that is -b_x). The shell triplets are worth
sum_v (A^L_v + A^R_v + [L_v] A^L_v + [R_v] A^R_v) = sum_v (A^L_v + 2 A^R_v) + sum_v b_v [L_v]. The b
terms cancel: the value is C + cut_w(s) with
C = W_Y + W_O + sum_k W_k + sum_v (A^L_v + 2 A^R_v) + sum_{w<0} 2 |w| (``objective_offset``).

(5) PLS-correct in every d >= 1. A local optimum is clean by (1) and (2). If flipping v gained g > 0
in G, moving x_v to any point of its other shell would keep the configuration clean with s flipped
at v, hence gain exactly g by (4): so the back map of every local optimum is a local max-cut. Only
"every radius around O is realisable by one point" was used: the statement holds in every dimension
d >= 1 and for local optima reached from ANY embedding.

(6) Tight. A clean configuration is M-CLEAN if 4 |XY| <= t_{n+1+v} - t_{v+1} for every v (the gap
between L(v) and R(v)); the canonical image is (4 * 1/2 = 2 <= 2n). In an M-clean configuration:
- X, Y and Z: every triplet they are in holds; no move of theirs can gain.
- T_k: keeping both of its chain triplets keeps t_k in (t_{k-1}, t_{k+1}). Its shell triplets
  compare t_k with the radius of the owner of S_{k-1} or of S_k, and such a comparison can change
  only if that owner sits in that shell, where the triplet holds already: no gain. Breaking a chain
  triplet loses at least W_{2n+1} = 1 + Lambda, more than anything it can gain.
- O: breaking (X, O, Y) loses W_O, more than all other triplets of O together, and breaking a
  chain triplet loses more than Lambda. Otherwise |O' - X| < |XY| and |O - X| < |XY|, so O moves by
  delta < 2 |XY| and every radius changes by less than delta. No vertex point reaches its other
  shell: from L(v), r'_v < t_{v+1} + delta <= t_{n+1+v} - delta < t'_{n+1+v} since 2 delta < 4 |XY|
  <= the gap, and symmetrically from R(v). So each vertex point is either in its old shell (for the
  new radii) or in neither. Compared with the clean configuration that puts the latter back into
  their old shells, whose value is C + cut_w(s), the current value, each of them loses its A^side
  >= 1 + 2 D_v and its edge triplets change by at most 2 D_v: O cannot gain.
- x_v: anywhere in its own shell nothing changes (every radius it is compared with lies in another
  shell); in the other shell the configuration is clean with s flipped at v, so the gain is exactly
  the flip gain g(v) by (4); anywhere else it loses A^side and regains at most 2 D_v: gain <= -1.
So the improving moves of an M-clean configuration are exactly "x_v into its other shell" for the
improving flips v, with the flip's gain, and the result is M-clean again (vertex moves leave O, X,
Y and the T_k alone). By induction, from the canonical image every pivot rule of
``localsearch.triplets.driver`` (first, last, steepest, least, cyclic, random with the same seed)
makes the choices of the flip engine on G, flip for flip: the vertex points come first in G's order
and nothing else is ever improving. Step counts are preserved in every dimension; e.g. DC_n under
``first`` takes 5 * 2^(n-1) - 4 moves.

(7) Why the pin (X, O, Y) is there. (1)-(5) do not use it; (6) does. Without it O moves freely and
may carry several vertex points into their other shells at once: n = 3, edges {0, 2}: +1 and
{1, 2}: +1, on one axis O = 0, T_k = 2k + 2 and x = (-11, -13, 15), all three in R. Moving O to -4
shifts the radii to t_k = 2k + 6 and r = (7, 9, 19): x_0 and x_1 land in L, a gain of 2 in one move
that is two flips (``PINLESS_EXAMPLE``; a test checks it). With the pin, |XY| = 1/2 keeps O within 1
of where it was. The second pin (X, Z, Y) is not used by these arguments; like every pin it holds at
every local optimum and in every M-clean configuration.

>>> from instances import Graph
>>> g = Graph(2, ((0, 1, 3),), start=(1, -1))
>>> inst = reduce(g, dim=3)
>>> inst.points, len(inst.triplets), inst.start[0], tuple(backmap(inst, inst.start))
(12, 16, (Fraction(9, 1), Fraction(0, 1), Fraction(0, 1)), (1, -1))
>>> inst.satisfied_weight(inst.start) == inst.meta["reduction"]["objective_offset"] + g.cut_value((1, -1))
True

Reference: Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988 (PLS);
Schaeffer & Yannakakis, "Simple local search problems that are hard to solve", SIAM J. Comput. 20(1),
1991 (tight reductions). The triplet problem is the seed paper's (Yan et al., NeurIPS 2025); this
construction is ours.
"""
from __future__ import annotations

from fractions import Fraction

from instances import Assignment, Graph, InstanceError, TripletInstance, jsonio
from instances.triplets import positions_from, sq_dist

from . import to_line

NAME = "rd"

#: the largest number of coordinates (points x dimension) a reduced instance may carry
MAX_COORDINATES = 10**7

#: the counterexample of (7): (graph, positions of the vertex points, new position of O, gain)
PINLESS_EXAMPLE = (Graph(3, ((0, 2, 1), (1, 2, 1))), (-11, -13, 15), -4, 2)

GUARANTEE = ("PLS reduction in every dimension d >= 1 (every local optimum, from any embedding, back-maps "
             "to a local max-cut) and tight from M-clean configurations such as the canonical image "
             "(improving moves = improving flips, same gains)")
EMBEDDED_GUARANTEE = ("tight from the image of an assignment only; NOT a reduction: local optima from other "
                      "embeddings may back-map to cuts that are not local max-cuts (reductions/to_rd.py)")


def layout(n: int) -> dict:
    """The point indices of the radial instance of a graph on n vertices.

    Parameters
    ----------
    n : int
        The number of vertices.

    Returns
    -------
    dict
        ``{"O": n, "X": n + 1, "Y": n + 2, "Z": n + 3, "T": [n + 4, ..., 3n + 5]}`` (T_0..T_{2n+1});
        the vertex points are 0..n-1.

    Examples
    --------
    >>> layout(2)
    {'O': 2, 'X': 3, 'Y': 4, 'Z': 5, 'T': [6, 7, 8, 9, 10, 11]}
    """
    return {"O": n, "X": n + 1, "Y": n + 2, "Z": n + 3, "T": [n + 4 + k for k in range(2 * n + 2)]}


def weights(graph: Graph) -> dict:
    """The weights of the construction (module docstring) for a graph.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.

    Returns
    -------
    dict
        ``AL``, ``AR`` (lists per vertex), ``Lambda``, ``W`` (``W[k]`` for k = 1..2n+1; ``W[0]`` is
        unused and 0), ``WO``, ``WY`` and ``offset`` (C of (4)).

    Examples
    --------
    >>> w = weights(Graph(2, ((0, 1, 3),)))
    >>> w["AL"], w["AR"], w["Lambda"], w["W"][1:], w["WO"], w["WY"], w["offset"]
    ([10, 7], [7, 10], 74, [375, 300, 225, 150, 75], 1200, 2400, 4776)
    """
    n = graph.n
    D = [0] * n
    b = [0] * n
    neg = 0
    for u, v, w in graph.edges:
        if w == 0:
            continue
        hi, lo = max(u, v), min(u, v)
        D[hi] += abs(w)
        D[lo] += abs(w)
        b[lo] += w  # sum over the larger endpoints
        b[hi] -= w  # minus the sum over the smaller ones
        if w < 0:
            neg += 2 * -w
    AL = [1 + 2 * D[v] + max(b[v], 0) for v in range(n)]
    AR = [1 + 2 * D[v] + max(-b[v], 0) for v in range(n)]
    lam = sum(2 * (AL[v] + AR[v]) for v in range(n)) + sum(2 * abs(w) for _, _, w in graph.edges)
    W = [0] + [(2 * n + 2 - k) * (1 + lam) for k in range(1, 2 * n + 2)]
    WO = 1 + lam + sum(W)
    WY = 1 + WO + lam + sum(W)
    offset = WY + WO + sum(W) + sum(AL[v] + 2 * AR[v] for v in range(n)) + neg
    return {"AL": AL, "AR": AR, "Lambda": lam, "W": W, "WO": WO, "WY": WY, "offset": offset}


def radial_triplets(graph: Graph) -> tuple[list[tuple[int, int, int, int]], int]:
    """All triplets of the radial instance, heaviest first, and the offset C of (4).

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.

    Returns
    -------
    triplets : list of tuple
        (a, b, c, w): the two pins, the chain, four shell triplets per vertex, one per nonzero edge.
    offset : int
        The value of every clean configuration minus its back-mapped cut.

    Examples
    --------
    >>> trips, offset = radial_triplets(Graph(2, ((0, 1, -3),)))
    >>> len(trips), trips[-1], offset
    (16, (2, 0, 1, 6), 4782)
    """
    n = graph.n
    L = layout(n)
    O, X, Y, Z, T = L["O"], L["X"], L["Y"], L["Z"], L["T"]
    w = weights(graph)
    trips = [(X, Z, Y, w["WY"]), (X, O, Y, w["WO"])]
    trips += [(O, T[k - 1], T[k], w["W"][k]) for k in range(1, 2 * n + 2)]
    for v in range(n):
        AL, AR = w["AL"][v], w["AR"][v]
        trips += [(O, T[v], v, AL), (O, v, T[v + 1], AL), (O, T[n + 1 + v], v, AR), (O, v, T[n + 2 + v], AR)]
    for u, v, wt in graph.edges:
        hi, lo = max(u, v), min(u, v)
        if wt > 0:
            trips.append((O, hi, lo, 2 * wt))
        elif wt < 0:
            trips.append((O, lo, hi, -2 * wt))
    return trips, w["offset"]


def canonical_image(graph: Graph, s, dim: int = 1):
    """The canonical image of an assignment (module docstring): every point on the first axis.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    s : sequence of +1/-1
        The assignment.
    dim : int, default 1
        The dimension.

    Returns
    -------
    tuple
        Positions (Fractions for dim 1, tuples of Fractions else).

    Examples
    --------
    >>> [str(x) for x in canonical_image(Graph(2, ()), (1, -1))]
    ['9', '5', '0', '0', '1/2', '0', '2', '4', '6', '8', '10', '12']
    """
    n = graph.n
    s = Assignment(tuple(s))
    if len(s.signs) != n:
        raise InstanceError(f"assignment has {len(s.signs)} signs for {n} vertices")
    xs = [Fraction(2 * v + 3 if x < 0 else 2 * (n + 1 + v) + 3) for v, x in enumerate(s.signs)]
    xs += [Fraction(0), Fraction(0), Fraction(1, 2), Fraction(0)] + [Fraction(2 * k + 2) for k in range(2 * n + 2)]
    if dim == 1:
        return positions_from(xs, 1)
    return positions_from([(x,) + (0,) * (dim - 1) for x in xs], dim)


def _check_dim(dim, points: int) -> None:
    if not isinstance(dim, int) or isinstance(dim, bool) or dim < 1:
        raise InstanceError(f"the rd reduction needs an integer dimension >= 1, got {dim!r}")
    if dim * points > MAX_COORDINATES:
        raise InstanceError(f"dimension {dim} is too large for {points} points (at most {MAX_COORDINATES} coordinates)")


def reduce(graph: Graph, dim: int = 2, construction: str = "radial") -> TripletInstance:
    """The forward map: the radial instance in R^dim, started at the canonical image of the graph's start.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance (start all +1 if it has none).
    dim : int, default 2
        The dimension, >= 1 (dim 1 is searched by the line engine).
    construction : {"radial", "embedded-line"}, default "radial"
        ``embedded-line`` returns ``embedded_line(graph, dim)`` instead: tight from its start, NOT a
        reduction (the counterexample).

    Returns
    -------
    TripletInstance
        3n + 6 points, 6n + 3 + m' triplets; ``meta["reduction"]`` carries the source graph, the
        ``layout``, ``objective_offset`` (C) and ``gain_multiple`` 1.

    Raises
    ------
    InstanceError
        If the source is not a graph, dim is not an integer >= 1 (or absurdly large), or the
        construction is unknown.

    Examples
    --------
    >>> inst = reduce(Graph(3, ((0, 1, 2), (1, 2, -1))), dim=1)
    >>> inst.points, len(inst.triplets), inst.dim, inst.meta["reduction"]["construction"]
    (15, 23, 1, 'radial')
    """
    if construction == "embedded-line":
        return embedded_line(graph, dim)
    if construction != "radial":
        raise InstanceError(f"unknown rd construction {construction!r} (expected radial or embedded-line)")
    if not isinstance(graph, Graph):
        raise InstanceError(f"the rd reduction needs a graph, got {getattr(graph, 'kind', type(graph).__name__)}")
    n = graph.n
    _check_dim(dim, 3 * n + 6)
    trips, offset = radial_triplets(graph)
    start = graph.start if graph.start is not None else Assignment.plus(n)
    L = layout(n)
    names = tuple(graph.name(v) for v in range(n)) + ("@O", "@X", "@Y", "@Z")
    names += tuple(f"@T{k}" for k in range(2 * n + 2))
    meta = {"reduction": {"name": NAME, "construction": "radial", "source": jsonio.to_json(graph), "vertex_points": n,
                          "layout": L, "objective_offset": offset, "gain_multiple": 1, "guarantee": GUARANTEE,
                          "backmap": "s_v = +1 iff |x_v - O| > |T_n - O|"}}
    return TripletInstance(3 * n + 6, tuple(trips), dim=dim, target="euclidean",
                           start=canonical_image(graph, start, dim), names=names, meta=meta)


def embedded_line(graph: Graph, dim: int) -> TripletInstance:
    """The line instance on the first axis of R^dim: tight from its start, NOT a reduction.

    The instance of ``reductions.to_line`` with every point at (x, 0, ..., 0). From the image of an
    assignment its runs are the line runs, flip for flip (moving off the axis never helps there), but
    local optima reached from other embeddings need not back-map to local max-cuts: certified
    counterexamples exist in the plane (tests/reductions/test_to_rd.py), and for
    dim >= C(m, 2) + 4m every triplet holds at once with ANY back-mapped cut
    (``localsearch.triplets.realisation.integer_embedding`` with ``side_relations``), so no back map
    can repair it. Kept as the executable form of that counterexample; ``reduce`` is the reduction.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    dim : int
        The dimension, >= 1.

    Returns
    -------
    TripletInstance
        n + 11 points; ``meta["reduction"]`` has name ``rd`` and construction ``embedded-line``.

    Raises
    ------
    InstanceError
        If the source is not a graph or dim is not an integer >= 1 (or absurdly large).

    Examples
    --------
    >>> inst = embedded_line(Graph(2, ((0, 1, 3),), start=(1, -1)), dim=3)
    >>> inst.points, inst.start[0], tuple(backmap(inst, inst.start))
    (13, (Fraction(224, 1), Fraction(0, 1), Fraction(0, 1)), (1, -1))
    """
    if isinstance(graph, Graph):
        _check_dim(dim, graph.n + len(to_line.SCAFFOLD))
    inst = to_line.build(graph, NAME, dim)
    red = dict(inst.meta["reduction"], construction="embedded-line", guarantee=EMBEDDED_GUARANTEE)
    return TripletInstance(inst.points, inst.triplets, dim=inst.dim, target=inst.target, start=inst.start,
                           names=inst.names, meta={"reduction": red})


def construction(inst: TripletInstance) -> str:
    """Which construction made an rd instance: ``radial`` or ``embedded-line``.

    Parameters
    ----------
    inst : TripletInstance
        An instance made by ``reduce`` or ``embedded_line`` (or by ``reductions.to_line``).

    Returns
    -------
    str

    Raises
    ------
    InstanceError
        If the instance carries no rd/line reduction data.

    Examples
    --------
    >>> construction(reduce(Graph(1, ()))), construction(embedded_line(Graph(1, ()), 2))
    ('radial', 'embedded-line')
    """
    red = inst.meta.get("reduction") if isinstance(inst.meta, dict) else None
    if not isinstance(red, dict) or not isinstance(red.get("vertex_points"), int):
        raise InstanceError("instance carries no rd reduction data (meta.reduction.vertex_points)")
    if red.get("construction") == "radial":
        if layout(red["vertex_points"]) != red.get("layout"):
            raise InstanceError("rd reduction data: the layout does not match the number of vertex points")
        return "radial"
    return "embedded-line"  # also the files written before the radial construction (no "construction" key)


def radii(inst: TripletInstance, solution) -> tuple[list, list]:
    """Squared radii from O of the vertex points and of the separators T_0..T_{2n+1} (radial instances).

    Parameters
    ----------
    inst : TripletInstance
        A radial instance.
    solution : sequence
        Any embedding.

    Returns
    -------
    (list of Fraction, list of Fraction)
        ``r2[v] = |x_v - O|^2`` and ``t2[k] = |T_k - O|^2``.

    Examples
    --------
    >>> inst = reduce(Graph(1, ()), dim=1)
    >>> radii(inst, inst.start)
    ([Fraction(49, 1)], [Fraction(4, 1), Fraction(16, 1), Fraction(36, 1), Fraction(64, 1)])
    """
    if construction(inst) != "radial":
        raise InstanceError("radii are defined for the radial rd construction only")
    n = inst.meta["reduction"]["vertex_points"]
    pos = inst.check_solution(solution)
    L = layout(n)
    o = pos[L["O"]]
    return [sq_dist(pos[v], o) for v in range(n)], [sq_dist(pos[t], o) for t in L["T"]]


def clean_assignment(inst: TripletInstance, solution):
    """The assignment a CLEAN configuration (proof step (2)) stands for, or None if it is not clean.

    Parameters
    ----------
    inst : TripletInstance
        A radial instance.
    solution : sequence
        Any embedding.

    Returns
    -------
    Assignment or None
        s_v = -1 for x_v in L(v), +1 for x_v in R(v), when both pins and the chain hold and every
        vertex point is in one of its shells; else None.

    Examples
    --------
    >>> inst = reduce(Graph(2, ((0, 1, 1),), start=(-1, 1)))
    >>> clean_assignment(inst, inst.start).signs
    (-1, 1)
    """
    n = inst.meta["reduction"]["vertex_points"] if construction(inst) == "radial" else None
    if n is None:
        raise InstanceError("clean configurations are defined for the radial rd construction only")
    pos = inst.check_solution(solution)
    if not all(inst.is_satisfied(t, pos) for t in inst.triplets[:2 * n + 3]):  # pins and chain
        return None
    r2, t2 = radii(inst, pos)
    s = []
    for v in range(n):
        if t2[v] < r2[v] < t2[v + 1]:
            s.append(-1)
        elif t2[n + 1 + v] < r2[v] < t2[n + 2 + v]:
            s.append(1)
        else:
            return None
    return Assignment(tuple(s))


def m_clean(inst: TripletInstance, solution) -> bool:
    """Whether a configuration is M-clean (proof step (6)): clean and 4 |XY| <= t_{n+1+v} - t_{v+1} for all v.

    Decided exactly: with a = |XY|^2, b = t_{n+1+v}^2, c = t_{v+1}^2 the condition
    4 sqrt(a) <= sqrt(b) - sqrt(c) reads e = b - c - 16 a >= 0 and e^2 >= 64 a c.

    Parameters
    ----------
    inst : TripletInstance
        A radial instance.
    solution : sequence
        Any embedding.

    Returns
    -------
    bool

    Examples
    --------
    >>> inst = reduce(Graph(2, ((0, 1, 1),)))
    >>> m_clean(inst, inst.start)
    True
    """
    pos = inst.check_solution(solution)
    if clean_assignment(inst, pos) is None:
        return False
    n = inst.meta["reduction"]["vertex_points"]
    L = layout(n)
    a = sq_dist(pos[L["X"]], pos[L["Y"]])
    _, t2 = radii(inst, pos)
    for v in range(n):
        b, c = t2[n + 1 + v], t2[v + 1]
        e = b - c - 16 * a
        if e < 0 or e * e < 64 * a * c:
            return False
    return True


def side_relations(inst: TripletInstance, s) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Distance relations that make the back map of an embedding satisfying them read ``s``.

    Embedded line: d(v, P_side) < d(v, P_other). Radial: d(O, T_n) < d(O, x_v) for s_v = +1 and
    d(O, x_v) < d(O, T_n) for s_v = -1. Added to the triplets (``extra`` of
    ``localsearch.triplets.realisation``): for the embedded line every triplet and relation can hold at
    once in high dimension, for the radial instance never (the shells of a vertex form a cycle).

    Parameters
    ----------
    inst : TripletInstance
        An rd (or line) reduced instance.
    s : sequence of +1/-1
        One sign per vertex point.

    Returns
    -------
    list of tuple
        ``(nearer pair, farther pair)`` per vertex point, pairs of point indices.

    Raises
    ------
    InstanceError
        If the instance is not rd/line reduced or ``s`` has the wrong length.

    Examples
    --------
    >>> side_relations(embedded_line(Graph(2, ((0, 1, 3),)), 2), (1, -1))
    [((0, 5), (0, 2)), ((1, 2), (1, 5))]
    >>> side_relations(reduce(Graph(2, ((0, 1, 3),))), (1, -1))
    [((2, 8), (2, 0)), ((2, 1), (2, 8))]
    """
    red = inst.meta.get("reduction") if isinstance(inst.meta, dict) else None
    if not isinstance(red, dict) or len(s) != red.get("vertex_points"):
        raise InstanceError("side_relations needs a line/rd reduced instance and one sign per vertex point")
    n = red["vertex_points"]
    if red.get("construction") == "radial":
        L = layout(n)
        O, Tn = L["O"], L["T"][n]
        return [((O, Tn), (O, v)) if x > 0 else ((O, v), (O, Tn)) for v, x in enumerate(s)]
    S = red.get("scaffold")
    if not isinstance(S, dict):
        raise InstanceError("side_relations needs a line/rd reduced instance and one sign per vertex point")
    return [((v, S["P+" if x > 0 else "P-"]), (v, S["P-" if x > 0 else "P+"])) for v, x in enumerate(s)]


def backmap(inst: TripletInstance, solution) -> Assignment:
    """The back map, for ANY embedding: s_v = +1 iff r_v > t_n (radial), the nearer pole (embedded line).

    Parameters
    ----------
    inst : TripletInstance
        An rd reduced instance (either construction).
    solution : sequence
        Any embedding.

    Returns
    -------
    Assignment

    Raises
    ------
    InstanceError
        If the instance carries no rd reduction data or the solution is malformed.

    Examples
    --------
    >>> inst = reduce(Graph(2, ((0, 1, 3),), start=(-1, 1)), dim=2)
    >>> backmap(inst, inst.start).signs
    (-1, 1)
    """
    if construction(inst) == "embedded-line":
        return to_line.backmap(inst, solution)
    r2, t2 = radii(inst, solution)
    n = len(r2)
    return Assignment(tuple(1 if r2[v] > t2[n] else -1 for v in range(n)))

"""Hypothesis strategies that generate structured instances (shared by the test modules)."""
from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from instances import Assignment, Graph, Ordering, Tree, TripletInstance, TripletLoss

# weights that exercise every arithmetic path: small, around int64's edge, and far beyond
weights = st.one_of(
    st.integers(-10, 10),
    st.integers(-(2**70), 2**70),
    st.sampled_from([2**63 - 1, -(2**63), 2**64, -(2**127), 2**200 + 1]),
)


@st.composite
def graphs(draw, min_n=1, max_n=10, weight=weights, with_start=None):
    n = draw(st.integers(min_n, max_n))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    edges = tuple((u, v, draw(weight)) if draw(st.booleans()) else (v, u, draw(weight)) for u, v in chosen)
    start = None
    if with_start or (with_start is None and draw(st.booleans())):
        start = Assignment(tuple(draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n))))
    names = tuple(f"v{i}" for i in range(n)) if draw(st.booleans()) else None
    return Graph(n, edges, names=names, start=start)


def assignments(n):
    return st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n).map(tuple)


rationals = st.fractions(max_denominator=50).filter(lambda x: abs(x) < 10**6)


@st.composite
def trees(draw, m):
    """A uniformly-built random rooted binary tree over leaves 0..m-1 (random merge order)."""
    if m == 1:
        return Tree((-1,))
    parent = [-1] * (2 * m - 1)
    roots = list(range(m))
    nxt = m
    while len(roots) > 1:
        i = draw(st.integers(0, len(roots) - 1))
        a = roots.pop(i)
        j = draw(st.integers(0, len(roots) - 1))
        b = roots.pop(j)
        parent[a] = parent[b] = nxt
        roots.append(nxt)
        nxt += 1
    return Tree(tuple(parent))


@st.composite
def triplet_instances(draw, min_m=3, max_m=8, target=None, dim=None):
    m = draw(st.integers(min_m, max_m))
    target = target or draw(st.sampled_from(["euclidean", "tree", "betweenness", "nonbetweenness"]))
    d = dim or (draw(st.integers(1, 3)) if target in ("euclidean", "nonbetweenness") else 1)
    trip = st.permutations(range(m)).map(lambda p: p[:3])
    rows = draw(st.lists(st.tuples(trip, st.integers(1, 2**80)), max_size=12))
    triplets = tuple((a, b, c, w) for (a, b, c), w in rows)
    start = None
    if draw(st.booleans()):
        if target == "tree":
            start = draw(trees(m))
        elif target == "betweenness" or (target == "nonbetweenness" and draw(st.booleans())):
            start = Ordering(tuple(draw(st.permutations(range(m)))))
        elif d == 1:
            start = tuple(draw(st.lists(rationals, min_size=m, max_size=m)))
        else:
            start = tuple(tuple(draw(st.lists(rationals, min_size=d, max_size=d))) for _ in range(m))
    return TripletInstance(m, triplets, dim=d, target=target, start=start)


SMALL = st.integers(-10, 10)
BIG = st.one_of(st.integers(-10, 10), st.integers(-2**100, 2**100))
POSITIVE = st.integers(1, 10)


@st.composite
def small_graphs(draw, min_n=1, max_n=12, weights=SMALL, with_start=False):
    """Graphs on 1..12 vertices with weights from ``weights`` (default -10..10)."""
    n = draw(st.integers(min_n, max_n))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    edges = tuple((u, v, draw(weights)) for u, v in chosen)
    start = tuple(draw(st.lists(st.sampled_from((1, -1)), min_size=n, max_size=n))) if with_start else None
    return Graph(n, edges, start=start)


@st.composite
def signed_graphs(draw, max_n=6, max_w=6, negative=True, min_n=1, min_edges=0):
    """Random small graphs with positive and negative integer weights and a start assignment
    (``min_n`` vertices and ``min_edges`` edges at least, drawn so, not filtered)."""
    n = draw(st.integers(min_n, max_n))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, min_size=min(min_edges, len(pairs)),
                           max_size=len(pairs))) if pairs else []
    nonzero = st.integers(-max_w, max_w - 1).map(lambda w: w if w < 0 else w + 1)  # drawn, not filtered
    ws = [draw(nonzero if negative else st.integers(1, max_w)) for _ in chosen]
    start = draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n))
    return Graph(n, tuple((u, v, w) for (u, v), w in zip(chosen, ws)), start=Assignment(tuple(start)))


@st.composite
def target_triplets(draw, target, min_m=3, max_m=7, max_t=10):
    """Triplet instances of one target with 1..max_t triplets on distinct points, weights 1..9."""
    m = draw(st.integers(min_m, max_m))
    trip = st.tuples(st.permutations(range(m)).map(lambda p: p[:3]), st.integers(1, 9))
    rows = draw(st.lists(trip, min_size=1, max_size=max_t))
    return TripletInstance(m, tuple((a, b, c, w) for (a, b, c), w in rows), target=target)


@st.composite
def started_graphs(draw, max_n=6, big=False):
    """Graphs with a start assignment; weights up to 7 (or 2^70 with ``big``)."""
    n = draw(st.integers(1, max_n))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    wmax = 2**70 if big else 7
    ws = draw(st.lists(st.integers(-wmax, wmax), min_size=len(chosen), max_size=len(chosen)))
    start = draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n))
    return Graph(n, tuple((u, v, w) for (u, v), w in zip(chosen, ws)), start=tuple(start))


small_rationals = st.builds(Fraction, st.integers(-6, 6), st.integers(1, 3))


def triplet_lists(m, max_size=7):
    # three distinct points drawn directly (a filter on three free draws rejects 78% of them when m = 3,
    # which trips Hypothesis' filter_too_much health check at random)
    triple = st.permutations(range(m)).map(lambda p: tuple(p[:3]))
    return st.lists(st.tuples(triple, st.integers(1, 9)).map(lambda t: (*t[0], t[1])),
                    min_size=1, max_size=max_size)


@st.composite
def tiny_line_instances(draw):
    """Line instances (dim 1) on 3..5 points with 1..7 triplets and a start of small rationals (ties likely)."""
    m = draw(st.integers(3, 5))
    trips = draw(triplet_lists(m))
    pos = draw(st.lists(small_rationals, min_size=m, max_size=m))
    return TripletInstance(m, tuple(trips), dim=1, start=tuple(pos))


halves = st.builds(Fraction, st.integers(-5, 5), st.integers(1, 2))


@st.composite
def collinear_instances(draw, general=False):
    """Tiny 2D instances whose points lie on a random rational line, except possibly point 0
    (``general``: every point anywhere, so the plane sweep is used)."""
    m = draw(st.integers(3, 5))
    trips = draw(triplet_lists(m, 6))
    ts = draw(st.lists(halves, min_size=m, max_size=m))
    e = draw(st.sampled_from([(1, 0), (0, 1), (1, 1), (2, -1)]))
    pos = [(t * e[0], t * e[1] + 1) for t in ts]
    pos[0] = (draw(halves), draw(halves))
    if general:
        pos = [(x, draw(halves)) for x, _ in pos]
    return TripletInstance(m, tuple(trips), dim=2, start=tuple(pos))


# --- small TripletLoss instances with rational boxes (shared by the continuous tests) ---------------
@st.composite
def loss_instances(draw, losses=("squared_hinge", "hinge", "softplus", "torch"), max_points=5, max_dim=3):
    m = draw(st.integers(3, max_points))
    d = draw(st.integers(1, max_dim))
    rat = st.fractions(min_value=-3, max_value=3, max_denominator=7)
    trips = draw(st.lists(st.tuples(st.permutations(range(m)), st.fractions(Fraction(1, 5), 5, max_denominator=5)),
                          min_size=1, max_size=8))
    rows = tuple((p[0], p[1], p[2], w) for p, w in trips)
    lo = draw(st.lists(st.lists(rat, min_size=d, max_size=d), min_size=m, max_size=m))
    width = draw(st.lists(st.lists(st.fractions(Fraction(1, 4), 3, max_denominator=4), min_size=d, max_size=d),
                          min_size=m, max_size=m))
    hi = [[l + w for l, w in zip(lr, wr)] for lr, wr in zip(lo, width)]
    return TripletLoss(m, rows, dim=d, loss=draw(st.sampled_from(losses)), margin=draw(rat), lo=lo, hi=hi)


def box_point(inst, rng, denominator=97):
    return tuple(tuple(l + (h - l) * Fraction(rng.randint(0, denominator), denominator) for l, h in zip(lr, hr))
                 for lr, hr in zip(inst.lo, inst.hi))


def as_array(inst, X):
    return np.array([[float(c) for c in row] for row in X]).reshape(inst.points, inst.dim)


@st.composite
def embeddings(draw, points, dim, spread=None):
    """Any embedding of ``points`` points in R^dim (dim 1: a flat tuple): coordinates k/q, q in {1, 2},
    |k| <= spread (default 2 * points), so coincident points and equal distances occur."""
    spread = 2 * points if spread is None else spread
    coord = st.builds(Fraction, st.integers(-spread, spread), st.integers(1, 2))
    pts = draw(st.lists(st.tuples(*[coord] * dim), min_size=points, max_size=points))
    return tuple(x[0] for x in pts) if dim == 1 else tuple(pts)


@st.composite
def arrangements(draw, max_dim=3, max_points=4, max_planes=6):
    """Weighted bisector half-spaces of a few co-points in R^k (coincidences and concurrent planes likely),
    a reference point and maybe a ball: (planes, k, g, ball) for ``localsearch.triplets.cells.best_cell``."""
    k = draw(st.integers(1, max_dim))
    m = draw(st.integers(2, max_points))
    pts = draw(embeddings(m, k, spread=2))
    pts = [p if k > 1 else (p,) for p in pts]
    pairs = [(i, j) for i in range(m) for j in range(m) if i != j]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=max_planes))
    planes = []
    for i, j in chosen:
        xb, xc = pts[i], pts[j]
        a = tuple(2 * (u - v) for u, v in zip(xc, xb))
        b = sum(u * u for u in xc) - sum(v * v for v in xb)
        planes.append((a, b, draw(st.integers(0, 5)), draw(st.sampled_from([0, 0, 3]))))
    g = draw(embeddings(1, k, spread=3))[0]
    g = g if k > 1 else (g,)
    ball = draw(st.one_of(st.none(), st.tuples(st.builds(Fraction, st.integers(1, 9), st.integers(1, 2)),
                                              st.integers(0, 20))))
    return planes, k, g, ball

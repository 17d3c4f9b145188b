"""The exact best cell of weighted half-spaces and one ball (localsearch.triplets.cells): against an
independent sign-vector oracle (Fourier-Motzkin feasibility, exact distance to a cell), the line sweep
against the plain candidate enumeration, the returned point's value, and small numbers."""
import doctest
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localsearch.triplets import cells
from tests.helpers.oracles import best_cell_by_sign_vectors, strict_system_feasible
from tests.helpers.strategies import arrangements


def value_at(planes, y, g, ball):
    v = 0
    for a, b, wl, wg in planes:
        s = sum(Fraction(x) * c for x, c in zip(a, y)) - b
        v += wl if s < 0 else (wg if s > 0 else 0)
    if ball is not None and sum((c - Fraction(x)) ** 2 for c, x in zip(y, g)) < ball[0]:
        v += ball[1]
    return v


@settings(max_examples=150, deadline=None)
@given(arrangements())
def test_best_cell_equals_the_sign_vector_oracle_and_its_point_reaches_it(case):
    planes, k, g, ball = case
    val, y = cells.best_cell(planes, k, g, ball)
    assert val == best_cell_by_sign_vectors(planes, k, g, ball)
    assert value_at(planes, y, g, ball) == val
    assert all(isinstance(c, Fraction) for c in y)


@settings(max_examples=150, deadline=None)
@given(arrangements(max_dim=4, max_points=6, max_planes=9))
def test_the_line_sweep_finds_the_plain_enumeration_s_winner(case):
    """Both enumerate the same candidates in the same order; the sweep counts each vertex once on its line."""
    planes, k, g, ball = case
    merged, const = cells._merge(planes)
    G, Dg = cells._homogeneous(g)
    spec = None if ball is None else (Fraction(ball[0]).numerator, Fraction(ball[0]).denominator, ball[1])
    a = cells._search(merged, const, k, G, Dg, spec)
    b = cells._search(merged, const, k, G, Dg, spec, sweep=False)
    assert a[0] == b[0] and a[4] == b[4]
    assert tuple(Fraction(x, a[2]) for x in a[1]) == tuple(Fraction(x, b[2]) for x in b[1])
    assert [t[0] for t in a[3]] == [t[0] for t in b[3]]


def test_concurrent_planes_need_the_central_arrangement():
    """Three lines through the origin (bisectors of a triangle's vertices): the cyclic sign vectors are
    impossible, so the best is 2 of the 3 weights around 0, not 3 (an independent-normals shortcut would
    say 3)."""
    pts = [(0, 0), (4, 0), (0, 4)]
    planes = []
    for i, j in ((0, 1), (1, 2), (2, 0)):  # closer to i than to j: cyclic, never all three
        xb, xc = pts[i], pts[j]
        a = tuple(2 * (u - v) for u, v in zip(xc, xb))
        planes.append((a, sum(u * u for u in xc) - sum(v * v for v in xb), 1, 0))
    assert cells.best_cell(planes, 2, (Fraction(2), Fraction(2)))[0] == 2
    assert not strict_system_feasible([(a, b) for a, b, _, _ in planes])
    val, y = cells.best_cell(planes, 2, (Fraction(2), Fraction(2)), ball=(Fraction(1, 100), 7))
    assert val == 9 and (y[0] - 2) ** 2 + (y[1] - 2) ** 2 < Fraction(1, 100)


def test_rank_three_dependent_central_arrangement_uses_the_slices():
    """Four planes through one point of R^3 whose normals are dependent and connected (no direct sum):
    the slice recursion; value checked against the oracle."""
    planes = [((1, 0, 0), 0, 2, 1), ((0, 1, 0), 0, 2, 1), ((0, 0, 1), 0, 2, 1), ((1, 1, 1), 0, 0, 5)]
    g = (Fraction(0),) * 3
    val, y = cells.best_cell(planes, 3, g)
    assert val == best_cell_by_sign_vectors(planes, 3, g) == 10  # two negatives, one positive, sum > 0
    assert value_at(planes, y, g, None) == 10


def test_points_stay_small():
    """The returned point is snapped to the coarsest dyadic grid inside its cell: a wide cell gives integers."""
    planes = [((1, 0), Fraction(1, 3), 0, 4), ((0, 1), Fraction(-7, 5), 2, 0)]
    val, y = cells.best_cell(planes, 2, (Fraction(100, 7), Fraction(3, 11)))
    assert val == 6 and all(c.denominator == 1 for c in y)


@pytest.mark.parametrize("k", [0, 1, 2, 3])
def test_degenerate_inputs(k):
    g = (Fraction(0),) * k
    assert cells.best_cell([], k, g) == (0, g)
    assert cells.best_cell([((0,) * k, 1, 5, 7)], k, g)[0] == 5  # 0 < 1 always holds
    assert cells.best_cell([], k, g, ball=(Fraction(0), 9))[0] == 0  # an empty ball


def test_anchor_parts_and_anchor_best():
    assert cells.anchor_parts(0, [(0, 1, 2, 1), (3, 0, 2, 1), (4, 0, 2, 1)]) is None  # two balls
    assert cells.anchor_parts(0, [(0, 1, 2, 1), (3, 2, 0, 1)]) is None  # p farther: not convex
    pos = [(9, 9), (0, 0), (4, 0), (5, 5), (0, 3)]
    trips = [(0, 1, 2, 2), (3, 0, 4, 7)]
    val, y = cells.anchor_best(0, pos, trips)
    moved = list(pos)
    moved[0] = y
    assert val == 9 and sum(w for a, b, c, w in trips
                            if sum((u - v) ** 2 for u, v in zip(moved[a], moved[b]))
                            < sum((u - v) ** 2 for u, v in zip(moved[a], moved[c]))) == 9


@given(st.integers(-50, 50), st.integers(1, 9), st.integers(-50, 50), st.integers(1, 9))
def test_normalise_plane_is_primitive_and_keeps_the_sides(p, q, r, s):
    a, b = (Fraction(p, q), Fraction(1, 3)), Fraction(r, s)
    if not any(a):
        return
    ia, ib, flip = cells.normalise_plane(a, b)
    lam = Fraction(ia[1], 1) / a[1]  # positive or negative scale of the whole row
    assert all(isinstance(x, int) for x in ia + (ib,)) and (lam < 0) == flip
    assert tuple(lam * x for x in a) == tuple(Fraction(x) for x in ia) and lam * b == ib


def test_docstring_examples():
    assert doctest.testmod(cells).failed == 0

"""The exact best move of a concentric point (localsearch.triplets.radial): against every class of radii
tried by brute force, in dimensions 1 to 4, and its tie rule (innermost interval, current direction,
integer radii kept)."""
import doctest
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from instances import TripletInstance
from localsearch.triplets import radial
from tests.helpers.strategies import embeddings


@st.composite
def concentric(draw):
    """Point 1's triplets all have apex 0: (0, 1, q) or (0, q, 1) for co-points q >= 2; any embedding."""
    dim = draw(st.integers(1, 4))
    m = draw(st.integers(3, 6))
    rows = []
    for q in draw(st.lists(st.integers(2, m - 1), min_size=1, max_size=6)):
        w = draw(st.integers(1, 9))
        rows.append((0, 1, q, w) if draw(st.booleans()) else (0, q, 1, w))
    pos = draw(embeddings(m, dim, spread=4))
    pos = tuple(p if dim > 1 else (p,) for p in pos)
    return TripletInstance(m, tuple(rows), dim=max(dim, 2)) if dim > 1 else TripletInstance(m, tuple(rows), dim=1), pos


def _sq(x, y):
    return sum((Fraction(a) - b) ** 2 for a, b in zip(x, y))


@settings(max_examples=120, deadline=None)
@given(concentric())
def test_best_value_is_the_best_radius_and_the_position_reaches_it(case):
    inst, pos = case
    trips = list(inst.triplets)
    assert radial.apex_of(1, trips) == 0
    val, y = radial.best_position(1, pos, trips, 0)

    def value(r2):
        near = [r2 if b == 1 else _sq(pos[a], pos[b]) for a, b, c, _ in trips]
        far = [r2 if c == 1 else _sq(pos[a], pos[c]) for a, b, c, _ in trips]
        return sum(t[3] for t, x, y in zip(trips, near, far) if x < y)

    bps = sorted({_sq(pos[0], pos[q]) for q in range(2, inst.points)} | {Fraction(0)})
    probes = bps + [(x + z) / 2 for x, z in zip(bps, bps[1:])] + [bps[-1] + 1]
    assert val == max(value(r) for r in probes)
    assert value(_sq(y, pos[0])) == val
    lo, hi = radial.radius_sweep(1, pos, trips, 0)[1:]
    assert lo < _sq(y, pos[0]) and (hi is None or _sq(y, pos[0]) < hi)
    assert all(value(r) < val for r in probes if r < lo)  # innermost best interval


def test_direction_is_kept_and_integer_radii_stay_integers():
    pos = [(0, 0, 0), (5, 0, 0), (10, 0, 0), (4, 0, 0)]
    trips = [(0, 2, 1, 3), (0, 1, 3, 1)]  # point 1 farther than x_2 (radius > 10) and nearer than x_3 (< 4)
    assert radial.best_position(1, pos, trips, 0) == (3, (Fraction(11), Fraction(0), Fraction(0)))
    at_apex = [(1, 1), (1, 1), (1, 4)]
    val, y = radial.best_position(1, at_apex, [(0, 2, 1, 1)], 0)  # on the apex: along the first axis
    assert val == 1 and y[1] == 1 and y[0] > 4


def test_apex_of_needs_one_anchor_other_than_the_point():
    assert radial.apex_of(0, []) is None
    assert radial.apex_of(2, [(1, 2, 0, 1), (1, 0, 2, 1)]) == 1
    assert radial.apex_of(2, [(1, 2, 0, 1), (3, 0, 2, 1)]) is None


def test_docstring_examples():
    assert doctest.testmod(radial).failed == 0

"""The exact plane sweep (localsearch.triplets.plane): best position of one point in R^2, others anywhere."""
import doctest
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from localsearch.triplets import plane
from localsearch.triplets.driver import incidence
from tests.helpers.strategies import collinear_instances


@settings(max_examples=40)
@given(collinear_instances(general=True), st.integers(0, 10**6))
def test_best_value_is_attained_and_never_beaten_by_sampling(inst, seed):
    """The value of the sweep is reached at its rational position (objective recomputed from scratch),
    and no sampled position (a grid, and points near every other point) reaches more."""
    trips = incidence(inst)[0]
    val, y = plane.best_value(0, list(inst.start), trips)

    def value_at(q):
        moved = (tuple(q),) + inst.start[1:]
        return sum(t[3] for t in trips if inst.is_satisfied(t, moved))

    if val is None:  # no triplet of point 0 can hold anywhere (degenerate ones only)
        assert y is None and value_at((0, 0)) == 0
        val = 0
    else:
        assert all(isinstance(c, Fraction) for c in y) and value_at(y) == val
    rng = np.random.default_rng(seed)
    probes = [(Fraction(int(a), 8), Fraction(int(b), 8)) for a, b in rng.integers(-60, 61, size=(150, 2))]
    probes += [(x + Fraction(int(a), 16), z + Fraction(int(b), 16))
               for x, z in inst.start[1:] for a, b in rng.integers(-4, 5, size=(10, 2))]
    assert max(value_at(q) for q in probes) <= val


def test_off_the_line_optimum():
    """Only a lens off the axis satisfies all three triplets of point 0 (see the module docstring)."""
    pos = [(Fraction(9), Fraction(0)), (Fraction(0), Fraction(0)), (Fraction(2), Fraction(0)),
           (Fraction(-2), Fraction(0)), (Fraction(4), Fraction(0)), (Fraction(1), Fraction(0))]
    val, (x, y) = plane.best_value(0, pos, [(1, 0, 3, 1), (2, 0, 4, 1), (5, 1, 0, 1)])
    assert val == 3 and y != 0
    assert x * x + y * y < 4 and (x - 2) ** 2 + y * y < 4 and (x - 1) ** 2 + y * y > 1


def test_docstring_examples():
    assert doctest.testmod(plane).failed == 0

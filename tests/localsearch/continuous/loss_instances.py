"""Shared by the tests of ``localsearch.continuous``: a Hypothesis strategy of small ``TripletLoss`` instances
with rational boxes, and exact random points of their boxes."""
from fractions import Fraction as F

import numpy as np
from hypothesis import strategies as st

from instances import TripletLoss


@st.composite
def instances(draw, losses=("squared_hinge", "hinge", "softplus", "torch"), max_points=5, max_dim=3):
    m = draw(st.integers(3, max_points))
    d = draw(st.integers(1, max_dim))
    rat = st.fractions(min_value=-3, max_value=3, max_denominator=7)
    trips = draw(st.lists(st.tuples(st.permutations(range(m)), st.fractions(F(1, 5), 5, max_denominator=5)),
                          min_size=1, max_size=8))
    rows = tuple((p[0], p[1], p[2], w) for p, w in trips)
    lo = draw(st.lists(st.lists(rat, min_size=d, max_size=d), min_size=m, max_size=m))
    width = draw(st.lists(st.lists(st.fractions(F(1, 4), 3, max_denominator=4), min_size=d, max_size=d),
                          min_size=m, max_size=m))
    hi = [[l + w for l, w in zip(lr, wr)] for lr, wr in zip(lo, width)]
    return TripletLoss(m, rows, dim=d, loss=draw(st.sampled_from(losses)), margin=draw(rat), lo=lo, hi=hi)


def random_point(inst, rng, denominator=97):
    return tuple(tuple(l + (h - l) * F(rng.randint(0, denominator), denominator) for l, h in zip(lr, hr))
                 for lr, hr in zip(inst.lo, inst.hi))


def as_array(inst, X):
    return np.array([[float(c) for c in row] for row in X]).reshape(inst.points, inst.dim)

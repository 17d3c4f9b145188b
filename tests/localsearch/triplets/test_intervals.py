"""The interval sweep behind the exact best moves (localsearch.triplets.intervals), against evaluating
every position."""
import doctest

from hypothesis import given, settings
from hypothesis import strategies as st

from localsearch.triplets import intervals
from localsearch.triplets.intervals import best_position, value_at


@st.composite
def cases(draw):
    N = draw(st.integers(1, 12))
    end = st.integers(-3, N + 3)
    ivs = draw(st.lists(st.tuples(end, end, st.integers(-5, 5)), max_size=10))
    masked = draw(st.sets(st.integers(0, N - 1), max_size=N))
    return N, ivs, masked


@settings(max_examples=300)
@given(cases())
def test_best_position_equals_evaluating_every_position(case):
    N, ivs, masked = case
    values = {j: sum(w for lo, hi, w in ivs if lo <= j <= hi) for j in range(N) if j not in masked}
    res = best_position(N, ivs, masked=masked)
    if not values:
        assert res is None
        return
    best = max(values.values())
    assert res == (best, min(j for j, v in values.items() if v == best))  # ties to the smallest position
    assert all(value_at(j, ivs) == v for j, v in values.items())


def test_docstring_examples():
    assert doctest.testmod(intervals).failed == 0

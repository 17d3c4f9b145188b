"""Exact quadratic irrationals (localsearch.triplets.surds): order against high precision, rationals between."""
import doctest
from decimal import Decimal, getcontext
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from localsearch.triplets import surds
from localsearch.triplets.surds import between, bounds, compare, surd

small_fractions = st.builds(Fraction, st.integers(-30, 30), st.integers(1, 7))


def dec(q):
    return Decimal(q.numerator) / Decimal(q.denominator)


@settings(max_examples=200)
@given(small_fractions, small_fractions, small_fractions, small_fractions, st.integers(0, 40), st.integers(0, 40),
       st.booleans())
def test_surd_order_matches_high_precision(a, b, d, e, c, f, equal):
    """Exact sign of a + b sqrt(c) - (e + d sqrt(f)) against 60-digit decimals (and exact ties)."""
    if equal:
        e, d, f = a, b, c
    x, y = surd(a, b, c), surd(e, d, f)
    getcontext().prec = 60
    diff = dec(a) + dec(b) * Decimal(c).sqrt() - dec(e) - dec(d) * Decimal(f).sqrt()
    expected = 0 if abs(diff) < Decimal(10) ** -40 else (1 if diff > 0 else -1)
    assert compare(x, y) == expected
    if expected:
        lo, hi = (x, y) if expected < 0 else (y, x)
        r = between(lo, hi)
        assert compare(lo, surd(r)) < 0 < compare(hi, surd(r))


@settings(max_examples=100)
@given(small_fractions, small_fractions, st.integers(0, 40), st.integers(1, 12))
def test_bounds_enclose_the_value_within_the_stated_width(a, b, c, k):
    getcontext().prec = 60
    x = surd(a, b, c)
    lo, hi = bounds(x, k)
    if x.b == 0:  # rational (b = 0, c = 0 or c a square): exact
        assert lo == hi == x.a == a + b * Fraction(Decimal(c).sqrt())
        return
    value = dec(x.a) + dec(x.b) * dec(x.c).sqrt()
    assert dec(lo) <= value <= dec(hi)
    assert hi - lo <= abs(x.b) / 2**k


def test_normalisation_and_unbounded_between():
    assert surd(1, 2, Fraction(9, 4)) == surd(4) == (Fraction(4), 0, 0)  # a perfect square is rational
    assert surd(1, 0, 5).c == 0 and surd(1, 1, 2).c == 2
    assert between(None, surd(0, 1, 2)) < 1.4142 and between(surd(0, 1, 2), None) > 1.4143


def test_docstring_examples():
    assert doctest.testmod(surds).failed == 0

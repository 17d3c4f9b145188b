"""The compiled exact integers (localsearch.core.jit_int) against Python integers."""
import numpy as np
from hypothesis import given, settings, strategies as st

from localsearch.core import jit_int as J

U = np.uint64
I128 = st.integers(-(2**127), 2**127 - 1)


def limbs(x):
    """Two's-complement (hi, lo) uint64 limbs of an int128, written from the definition."""
    x %= 2**128
    return (U(x >> 64), U(x & (2**64 - 1)))


def value(t):
    x = (int(t[0]) << 64) | int(t[1])
    return x - 2**128 if x >= 2**127 else x


@settings(max_examples=300)
@given(I128, I128)
def test_int128_limb_arithmetic_matches_python_integers(x, y):
    a, b = limbs(x), limbs(y)
    assert value(J.addv(a, b, True)) == (x + y + 2**127) % 2**128 - 2**127
    assert value(J.addv(a, b, False)) == (x - y + 2**127) % 2**128 - 2**127
    assert J.gt(a, b) == (x > y) and J.pos(a) == (x > 0)
    assert value(J.neg(a)) == (-x + 2**127) % 2**128 - 2**127
    assert value(J.half(limbs(2 * (x >> 1)))) == x >> 1  # halving is only asked of even values


@settings(max_examples=100)
@given(st.integers(-(2**62) + 1, 2**62 - 1), st.integers(-(2**62) + 1, 2**62 - 1))
def test_int64_values_take_the_same_helpers(x, y):
    a, b = np.int64(x), np.int64(y)
    assert J.addv(a, b, True) == x + y and J.addv(a, b, False) == x - y
    assert J.gt(a, b) == (x > y) and J.pos(a) == (x > 0) and J.neg(a) == -x and J.half(np.int64(2 * (x // 2))) == x // 2


@settings(max_examples=100)
@given(st.lists(I128, max_size=20))
def test_limb_conversion_round_trips(xs):
    a = J.to_limbs(xs)
    assert a.shape == (len(xs), 2) and J.from_limbs(a) == xs
    assert [value(row) for row in a] == xs


def test_load_store_and_zero_on_both_widths():
    a = J.to_limbs([5, -7])
    J.st(a, 0, J.ld(a, 1))
    assert J.from_limbs(a) == [-7, -7] and value(J.zero(a)) == 0
    b = np.array([5, -7], dtype=np.int64)
    J.st(b, 1, J.ld(b, 0))
    assert b.tolist() == [5, 5] and J.zero(b) == 0


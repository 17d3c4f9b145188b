"""Exact quadratic irrationals A + B*sqrt(C) (A, B, C rational, C >= 0): sign, order, rational between.

Enough algebra for the exact plane sweep of ``localsearch.triplets.plane``: every coordinate there (circle
extremes, circle/circle and circle/line crossings, circle heights over a rational abscissa) has this
form, and the sign of A + B sqrt(C) + D sqrt(E) is decided by at most two squarings.

>>> from fractions import Fraction as F
>>> compare(Surd(F(1), F(1), F(2)), Surd(F(0), F(1), F(6)))   # 1 + sqrt 2 < sqrt 6
-1
>>> between(Surd(F(0), F(1), F(2)), Surd(F(3, 2)))
Fraction(13, 9)
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple


class Surd(NamedTuple):
    a: Fraction
    b: Fraction = Fraction(0)
    c: Fraction = Fraction(0)


def surd(a, b=0, c=0) -> Surd:
    """Normalised: rational when b = 0 or c = 0 or c is the square of a rational."""
    a, b, c = Fraction(a), Fraction(b), Fraction(c)
    if c < 0:
        raise ValueError("negative radicand")
    if b == 0 or c == 0:
        return Surd(a)
    rn, rd = math.isqrt(c.numerator), math.isqrt(c.denominator)
    if rn * rn == c.numerator and rd * rd == c.denominator:
        return Surd(a + b * Fraction(rn, rd))
    return Surd(a, b, c)


def _sgn(x) -> int:
    return (x > 0) - (x < 0)


def sign1(a, b, c) -> int:
    """Sign of a + b sqrt(c)."""
    if b == 0 or c == 0:
        return _sgn(a)
    sa, sb = _sgn(a), _sgn(b)
    if sa == 0 or sa == sb:
        return sb if sa == 0 else sa
    return sa * _sgn(a * a - b * b * c)


def sign2(a, b, c, d, e) -> int:
    """Sign of a + b sqrt(c) + d sqrt(e)."""
    if d == 0 or e == 0:
        return sign1(a, b, c)
    if b == 0 or c == 0:
        return sign1(a, d, e)
    if c == e:
        return sign1(a, b + d, c)
    s1, s2 = sign1(a, b, c), _sgn(d)
    if s1 == 0 or s1 == s2:
        return s2 if s1 == 0 else s1
    return s1 * sign1(a * a + b * b * c - d * d * e, 2 * a * b, c)


def compare(x: Surd, y: Surd) -> int:
    """Sign of x - y. Float filter first: each float term below is within 4 ulps of its exact value,
    so when |fx - fy| exceeds 1e-9 times the sum of the terms' magnitudes the float sign is the exact
    sign; otherwise (near ties, overflow) the exact algebra decides."""
    try:
        tx, ty = float(x.b) * math.sqrt(float(x.c)), float(y.b) * math.sqrt(float(y.c))
        fx, fy = float(x.a) + tx, float(y.a) + ty
        scale = abs(float(x.a)) + abs(tx) + abs(float(y.a)) + abs(ty)
        if math.isfinite(scale) and abs(fx - fy) > 1e-9 * scale:
            return 1 if fx > fy else -1
    except OverflowError:
        pass
    return sign2(x.a - y.a, x.b, x.c, -y.b, y.c)


def bounds(x: Surd, k: int) -> tuple[Fraction, Fraction]:
    """Rationals lo <= x <= hi with hi - lo <= |b| 2^-k."""
    if x.b == 0:
        return x.a, x.a
    s = math.isqrt(math.floor(x.c * 4**k))
    lo, hi = Fraction(s, 2**k), Fraction(s + 1, 2**k)
    ends = (x.a + x.b * lo, x.a + x.b * hi)
    return min(ends), max(ends)


def between(x: Surd, y: Surd) -> Fraction:
    """A rational strictly between x < y (None: -inf or +inf), simplest in a separating interval."""
    from .line import representative

    k = 4
    while True:
        hi_x = None if x is None else bounds(x, k)[1]
        lo_y = None if y is None else bounds(y, k)[0]
        if hi_x is None or lo_y is None or hi_x < lo_y:
            return Fraction(representative(hi_x, lo_y))
        k *= 2

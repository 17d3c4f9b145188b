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

from .line import representative


class Surd(NamedTuple):
    """The real number a + b sqrt(c), with a, b, c rational and c >= 0 (build it with ``surd``)."""

    a: Fraction
    b: Fraction = Fraction(0)
    c: Fraction = Fraction(0)


def surd(a, b=0, c=0) -> Surd:
    """The surd a + b sqrt(c), normalised: rational (b = c = 0) when b = 0, c = 0 or c is a rational square.

    Parameters
    ----------
    a, b, c : int, Fraction or str
        Rationals, c >= 0.

    Returns
    -------
    Surd

    Raises
    ------
    ValueError
        If c < 0.

    Examples
    --------
    >>> surd(1, 2, Fraction(9, 4)), surd(0, 1, 2)
    (Surd(a=Fraction(4, 1), b=Fraction(0, 1), c=Fraction(0, 1)), Surd(a=Fraction(0, 1), b=Fraction(1, 1), c=Fraction(2, 1)))
    """
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
    """The sign (-1, 0 or 1) of a + b sqrt(c), exactly (c >= 0).

    Parameters
    ----------
    a, b, c : int or Fraction

    Returns
    -------
    int

    Examples
    --------
    >>> sign1(-3, 2, 2), sign1(3, -2, 2), sign1(2, -1, 4)
    (-1, 1, 0)
    """
    if b == 0 or c == 0:
        return _sgn(a)
    sa, sb = _sgn(a), _sgn(b)
    if sa == 0 or sa == sb:
        return sb if sa == 0 else sa
    return sa * _sgn(a * a - b * b * c)


def sign2(a, b, c, d, e) -> int:
    """The sign (-1, 0 or 1) of a + b sqrt(c) + d sqrt(e), exactly (c, e >= 0; at most two squarings).

    Parameters
    ----------
    a, b, c, d, e : int or Fraction

    Returns
    -------
    int

    Examples
    --------
    >>> sign2(0, 1, 2, 1, 3) , sign2(0, 1, 8, -2, 2)
    (1, 0)
    """
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
    """The sign of x - y, exactly.

    A float filter first: each float term below is within 4 ulps of its exact value, so when |fx - fy|
    exceeds 1e-9 times the sum of the terms' magnitudes the float sign is the exact sign; otherwise
    (near ties, overflow) the exact algebra (``sign2``) decides.

    Parameters
    ----------
    x, y : Surd

    Returns
    -------
    int
        -1, 0 or 1.
    """
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
    """Rational bounds lo <= x <= hi with hi - lo <= |b| 2^-k (from an integer square root).

    Parameters
    ----------
    x : Surd
    k : int
        The precision in bits of the square root.

    Returns
    -------
    tuple of Fraction

    Examples
    --------
    >>> bounds(surd(0, 1, 2), 4)
    (Fraction(11, 8), Fraction(23, 16))
    """
    if x.b == 0:
        return x.a, x.a
    s = math.isqrt(math.floor(x.c * 4**k))
    lo, hi = Fraction(s, 2**k), Fraction(s + 1, 2**k)
    ends = (x.a + x.b * lo, x.a + x.b * hi)
    return min(ends), max(ends)


def between(x: Surd, y: Surd) -> Fraction:
    """A rational strictly between x < y: the representative (``line.representative``) of an
    interval of rationals separating them, refining the bounds until they separate.

    Parameters
    ----------
    x, y : Surd or None
        x < y; None is minus (for x) or plus (for y) infinity.

    Returns
    -------
    Fraction
    """
    k = 4
    while True:
        hi_x = None if x is None else bounds(x, k)[1]
        lo_y = None if y is None else bounds(y, k)[0]
        if hi_x is None or lo_y is None or hi_x < lo_y:
            return Fraction(representative(hi_x, lo_y))
        k *= 2

"""Exact numbers from whatever users hold: ints, Fractions, finite floats (taken exactly), Decimals.

A finite binary float is a dyadic rational m * 2^e, so it converts to a ``Fraction`` without rounding
(``0.1`` is 3602879701896397/36028797018963968, not 1/10). A list of such numbers becomes integers by
multiplying with the least common multiple L of their denominators (a power of two for floats):
nothing is rounded, and every value computed on the integers is divided by L at the end.

>>> exact_number(0.75), exact_number(3)
(Fraction(3, 4), 3)
>>> exact_number("x", "edge (a, b)")
Traceback (most recent call last):
...
TypeError: edge (a, b): weight 'x' is a str; expected an int, a Fraction or a finite float
>>> scaled([Fraction(1, 2), 0.25, 3])
(4, [2, 1, 12])
>>> unscale(7, 4)
Fraction(7, 4)
"""
from __future__ import annotations

import math
import numbers
from decimal import Decimal
from fractions import Fraction

import numpy as np

__all__ = ["exact_number", "scaled", "unscale", "as_exact"]


def exact_number(x, where: str = "", what: str = "weight"):
    """The exact value of a number: an ``int``, or a ``Fraction`` when it is not integral.

    Parameters
    ----------
    x : int, Fraction, float, Decimal or numpy number
        The number. Floats (numpy's included, any width) are taken at their exact binary value.
    where : str, optional
        Where the number comes from (e.g. ``"edge ('a', 'b')"``), put in front of error messages.
    what : str, default "weight"
        What the number is, for error messages.

    Returns
    -------
    int or Fraction

    Raises
    ------
    TypeError
        If ``x`` is a bool or not a real number of an accepted type.
    ValueError
        If ``x`` is NaN or infinite.

    Examples
    --------
    >>> exact_number(0.1) == Fraction(3602879701896397, 36028797018963968)
    True
    >>> exact_number(np.float32(1.5)), exact_number(Fraction(4, 2)), exact_number(Decimal("0.5"))
    (Fraction(3, 2), 2, Fraction(1, 2))
    >>> exact_number(float("nan"), "edge (0, 1)")
    Traceback (most recent call last):
    ...
    ValueError: edge (0, 1): weight nan is not finite
    """
    prefix = f"{where}: " if where else ""
    if isinstance(x, (bool, np.bool_)):
        raise TypeError(f"{prefix}{what} {x!r} is a bool, not a number")
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating, Decimal)):
        if not math.isfinite(x):
            raise ValueError(f"{prefix}{what} {x!r} is not finite")
        p, q = x.as_integer_ratio()
        return p if q == 1 else Fraction(p, q)
    if isinstance(x, numbers.Rational):
        return as_exact(Fraction(x.numerator, x.denominator))
    raise TypeError(f"{prefix}{what} {x!r} is a {type(x).__name__}; expected an int, a Fraction or a finite float")


def scaled(values) -> tuple[int, list[int]]:
    """Exact rationals as integers over one common positive denominator.

    Parameters
    ----------
    values : iterable of int or Fraction
        Exact numbers (see :func:`exact_number`).

    Returns
    -------
    (L, ints)
        L >= 1 the least common multiple of the denominators, and ``v * L`` for every value (ints).

    Examples
    --------
    >>> scaled([1, Fraction(-3, 8)])
    (8, [8, -3])
    """
    vals = [Fraction(v) for v in values]
    L = math.lcm(*(v.denominator for v in vals)) if vals else 1
    return L, [int(v * L) for v in vals]


def unscale(value: int, L: int):
    """``value / L`` exactly: an ``int`` when it divides, else a ``Fraction``.

    Parameters
    ----------
    value : int
        A value computed on the scaled integers.
    L : int
        The common denominator of :func:`scaled`.

    Returns
    -------
    int or Fraction

    Examples
    --------
    >>> unscale(12, 4), unscale(3, 2)
    (3, Fraction(3, 2))
    """
    return as_exact(Fraction(value, L))


def as_exact(x):
    """A rational as an ``int`` when it is integral, else as a ``Fraction``.

    Examples
    --------
    >>> as_exact(Fraction(4, 2)), as_exact(0.5)
    (2, Fraction(1, 2))
    """
    f = Fraction(x)
    return f.numerator if f.denominator == 1 else f

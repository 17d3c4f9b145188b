"""Compiled (numba) exact integers of two widths behind one set of helpers: int64, and int128 held in two
uint64 limbs.

A vector of values is either an int64 array (one value per entry) or an ``(k, 2)`` uint64 array of
two's-complement ``(hi, lo)`` limbs; a single value is then an ``np.int64`` or a ``(hi, lo)`` tuple. The
helpers below (load, store, zero, sign test, compare, add, negate, halve) are written once for both:
numba prunes the branch that does not match the argument types (``isinstance`` and ``ndim`` are known at
compile time), so each width gets straight-line code. Helpers take and return values and never write
into arrays except :func:`st`, which keeps them inlinable.

Definition (int128 limbs): the value of ``(hi, lo)`` is ``hi * 2^64 + lo`` read modulo 2^128 as a
two's-complement integer in [-2^127, 2^127). Addition carries from the low limb (``lo' < lo`` after an
unsigned add); subtraction borrows when ``x.lo < d.lo``. Callers must prove that every result fits the
width (the kernels check a bound before they run); the helpers never check.

:func:`to_limbs` / :func:`from_limbs` convert between Python integers and limb arrays.

>>> a = to_limbs([2**100, -5])
>>> from_limbs(a)
[1267650600228229401496703205376, -5]
>>> from_limbs(np.array([addv(tuple(a[0]), tuple(a[1]), True)], dtype=np.uint64).reshape(-1, 2))
[1267650600228229401496703205371]

Reference: Warren, *Hacker's Delight*, 2nd ed., 2012, section 2-16 (multi-word add and subtract).
"""
from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["ld", "st", "ld2", "st2", "zero", "pos", "gt", "addv", "neg", "half", "to_limbs", "from_limbs",
           "INT64_LIMIT", "INT128_LIMIT"]

#: the largest magnitude of an int64 / int128 value
INT64_LIMIT = 2**63 - 1
INT128_LIMIT = 2**127 - 1

_U0 = np.uint64(0)
_U1 = np.uint64(1)
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)
_MASK = (1 << 64) - 1


@njit(cache=True)
def ld(a, i):
    """a[i] as a value."""
    if a.ndim == 2:
        return (a[i, 0], a[i, 1])
    else:
        return a[i]


@njit(cache=True)
def st(a, i, x):
    """a[i] = x."""
    if a.ndim == 2:
        a[i, 0] = x[0]
        a[i, 1] = x[1]
    else:
        a[i] = x


@njit(cache=True)
def ld2(a, i, j):
    """a[i, j] as a value, for a table of values (int64 ``(n, k)`` or limbs ``(n, k, 2)``)."""
    if a.ndim == 3:
        return (a[i, j, 0], a[i, j, 1])
    else:
        return a[i, j]


@njit(cache=True)
def st2(a, i, j, x):
    """a[i, j] = x, for a table of values."""
    if a.ndim == 3:
        a[i, j, 0] = x[0]
        a[i, j, 1] = x[1]
    else:
        a[i, j] = x


@njit(cache=True)
def zero(a):
    """The value 0 of a's element type (a: a vector of values)."""
    if a.ndim == 2:
        return (_U0, _U0)
    else:
        return np.int64(0)


@njit(cache=True)
def pos(x):
    """x > 0."""
    if isinstance(x, tuple):
        return np.int64(x[0]) > 0 or (x[0] == _U0 and x[1] != _U0)
    else:
        return x > 0


@njit(cache=True)
def gt(x, y):
    """x > y."""
    if isinstance(x, tuple):
        return np.int64(x[0]) > np.int64(y[0]) or (x[0] == y[0] and x[1] > y[1])
    else:
        return x > y


@njit(cache=True)
def addv(x, d, plus):
    """x + d if plus else x - d."""
    if isinstance(x, tuple):
        if plus:
            lo = x[1] + d[1]
            return (x[0] + d[0] + (_U1 if lo < x[1] else _U0), lo)
        lo = x[1] - d[1]
        return (x[0] - d[0] - (_U1 if x[1] < d[1] else _U0), lo)
    else:
        return x + d if plus else x - d


@njit(cache=True)
def neg(x):
    """-x."""
    if isinstance(x, tuple):
        lo = (x[1] ^ _ALL) + _U1
        return ((x[0] ^ _ALL) + (_U1 if lo == _U0 else _U0), lo)
    else:
        return -x


@njit(cache=True)
def half(x):
    """x // 2 (exact when x is even, which is how the callers use it)."""
    if isinstance(x, tuple):
        return (np.uint64(np.int64(x[0]) >> np.int64(1)), (x[1] >> _U1) | (x[0] << np.uint64(63)))
    else:
        return x >> 1


def to_limbs(values) -> np.ndarray:
    """Python integers in [-2^127, 2^127) as an ``(k, 2)`` uint64 array of two's-complement (hi, lo) limbs.

    Parameters
    ----------
    values : iterable of int

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> to_limbs([-1, 3]).tolist()
    [[18446744073709551615, 18446744073709551615], [0, 3]]
    """
    rows = []
    for x in values:
        x = int(x) % (1 << 128)
        rows.append(((x >> 64) & _MASK, x & _MASK))
    return np.array(rows, dtype=np.uint64).reshape(-1, 2)


def from_limbs(a: np.ndarray) -> list[int]:
    """The Python integers of an ``(k, 2)`` limb array (inverse of :func:`to_limbs`).

    Parameters
    ----------
    a : numpy.ndarray
        uint64 limbs, shape ``(k, 2)``.

    Returns
    -------
    list of int

    Examples
    --------
    >>> from_limbs(to_limbs([-(2**127), 2**127 - 1, 0]))
    [-170141183460469231731687303715884105728, 170141183460469231731687303715884105727, 0]
    """
    out = []
    for hi, lo in a.tolist():
        x = (int(hi) << 64) | int(lo)
        out.append(x - (1 << 128) if x >> 127 else x)
    return out

"""Exact best move of a point whose triplets are concentric, in any dimension: a sweep over its radius.

If every triplet at p has the same anchor a (the APEX of p) and p is its nearer or farther point, the
satisfied weight of p depends only on rho = |x_p - x_a|^2: (a, p, c) holds iff rho < rho_c and
(a, b, p) iff rho > rho_b, with rho_q = |x_a - x_q|^2. It is piecewise constant in rho, with
breakpoints at the positive rho_q, and lower semicontinuous (every satisfied set is open), so its
maximum is reached on an open interval between consecutive breakpoints; rho = 0 (p on the apex) is
never better than the interval just above it. Every open interval of radii is reached in every
dimension d >= 1 by a rational point: along a rational direction u from the apex, at apex + lambda u
with lambda rational and lambda^2 |u|^2 inside the interval. So the best move is exact, in any d,
after one sort of the K breakpoints. In the radial instance of ``reductions.to_rd`` every vertex
point, every separator and Y and Z are concentric (apex O, resp. X).

Tie rule (documented, deterministic): the innermost best interval; the direction u is p's current
direction from the apex (the first axis if p is on the apex); if |u| is rational the new radius is
the ``localsearch.triplets.surds.between`` point of the interval of radii (for integer radii the
integer nearest the middle: the canonical image of ``reductions.to_rd`` stays canonical), otherwise
lambda is the ``between`` point of (sqrt(lo / |u|^2), sqrt(hi / |u|^2)); the position is then the
first of the points round(y 2^j) / 2^j (j = 0, 1, 2, ...) whose squared radius is still in the
interval, so that coordinates stay small from move to move (y itself when it is integral). A point
moves only if its best value is strictly larger than its current one.

>>> from fractions import Fraction as F
>>> pos = [(F(0), F(0)), (F(3), F(0)), (F(0), F(5)), (F(1), F(1))]
>>> trips = [(0, 3, 2, 4), (0, 1, 3, 1)]   # point 3: nearer than x_2 (radius < 5), farther than x_1 (> 3)
>>> apex_of(3, trips), radius_sweep(3, pos, trips, 0)
(0, (5, Fraction(9, 1), Fraction(25, 1)))
>>> best_position(3, pos, trips, 0)
(5, (Fraction(3, 1), Fraction(3, 1)))
"""
from __future__ import annotations

import math
from fractions import Fraction

from .line import dyadic_roundings
from .surds import between, surd

__all__ = ["apex_of", "radius_sweep", "best_position"]


def apex_of(p: int, trips):
    """The common anchor of p's triplets when p is never an anchor, else None.

    Parameters
    ----------
    p : int
        The point.
    trips : list of tuple
        The triplets (a, b, c, w) at p.

    Returns
    -------
    int or None

    Examples
    --------
    >>> apex_of(1, [(0, 1, 2, 1), (0, 3, 1, 2)]), apex_of(1, [(0, 1, 2, 1), (2, 1, 0, 1)]), apex_of(0, [(0, 1, 2, 1)])
    (0, None, None)
    """
    anchors = {t[0] for t in trips}
    if len(anchors) != 1:
        return None
    a = anchors.pop()
    return None if a == p else a


def _sq(x, y):
    return sum((u - v) * (u - v) for u, v in zip(x, y))


def radius_sweep(p: int, pos, trips, apex: int):
    """The best value of p's concentric triplets over its squared radius, and the innermost best interval.

    Parameters
    ----------
    p : int
        The point.
    pos : sequence of tuple
        Positions of all points (``pos[p]`` is not read).
    trips : list of tuple
        The triplets (a, b, c, w) at p, all with anchor ``apex`` and p as b or c.
    apex : int
        Their common anchor.

    Returns
    -------
    (int, Fraction, Fraction or None)
        The best value and the open interval (lo, hi) of squared radii reaching it (hi None: no upper
        end; lo 0: down to the apex, excluded).

    Examples
    --------
    >>> radius_sweep(1, [(0,), None, (2,)], [(0, 1, 2, 3)], 0)
    (3, Fraction(0, 1), Fraction(4, 1))
    """
    xa = pos[apex]
    inner, outer = {}, {}  # breakpoint -> weight held below it (p nearer) / above it (p farther)
    for _, b, c, w in trips:
        if b == p:
            r = _sq(xa, pos[c])
            if r > 0:
                inner[r] = inner.get(r, 0) + w
        else:
            r = _sq(xa, pos[b])
            outer[r] = outer.get(r, 0) + w
    bps = sorted({r for r in list(inner) + list(outer) if r > 0})
    value = sum(inner.values()) + outer.get(0, 0)  # on the first interval (0, bps[0])
    best = (value, 0, bps[0] if bps else None)
    for i, r in enumerate(bps):
        value += outer.get(r, 0) - inner.get(r, 0)
        if value > best[0]:
            best = (value, r, bps[i + 1] if i + 1 < len(bps) else None)
    return best[0], Fraction(best[1]), None if best[2] is None else Fraction(best[2])


def _sqrt_if_square(x: Fraction):
    n, d = math.isqrt(x.numerator), math.isqrt(x.denominator)
    return Fraction(n, d) if n * n == x.numerator and d * d == x.denominator else None


def best_position(p: int, pos, trips, apex: int):
    """The best value of a concentric point over R^d, others fixed, and a rational position reaching it.

    Parameters
    ----------
    p : int
        The point.
    pos : sequence of tuple
        Positions of all points (tuples of ints/Fractions of one dimension).
    trips : list of tuple
        The triplets (a, b, c, w) at p (``apex_of(p, trips) == apex``).
    apex : int
        Their common anchor.

    Returns
    -------
    (int, tuple of Fraction)
        The best value and the position (module docstring: tie rule).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> best_position(1, [(F(0), F(0)), (F(1), F(1)), (F(0), F(2))], [(0, 2, 1, 1)], 0)
    (1, (Fraction(3, 1), Fraction(3, 1)))
    """
    val, lo, hi = radius_sweep(p, pos, trips, apex)
    xa = tuple(Fraction(x) for x in pos[apex])
    u = tuple(Fraction(x) - y for x, y in zip(pos[p], xa))
    if not any(u):
        u = (Fraction(1),) + (Fraction(0),) * (len(xa) - 1)
    U = sum(x * x for x in u)
    root = _sqrt_if_square(U)
    if root is not None:
        lam = between(surd(0, 1, lo), None if hi is None else surd(0, 1, hi)) / root
    else:
        lam = between(surd(0, 1, lo / U), None if hi is None else surd(0, 1, hi / U))
    y = tuple(a + lam * x for a, x in zip(xa, u))
    return val, next(z for z in dyadic_roundings(y) if lo < _sq(z, xa) and (hi is None or _sq(z, xa) < hi))

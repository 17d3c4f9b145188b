"""A compiled exact best move on the line for dyadic embeddings (the fast path of ``LocalSearchEmbedding``).

Positions are dyadic rationals x = U / 2^s held as int64 U with one shared exponent s (the objective is
invariant under scaling, so only U matters). Breakpoints of the sweep (``localsearch.triplets.line``)
are computed doubled, as integers: a midpoint (x_b + x_c)/2 is (U_b + U_c) / 2^(s+1), a reflection
x_a +- |x_a - x_c| is 2 (U_a +- |U_a - U_c|) / 2^(s+1). With |U| < 2^57 every such integer and every
difference stays below 2^62 in absolute value, so all comparisons are exact. The best value and the
leftmost best open piece are exactly those of the Python sweep.

Position rule (this path's tie rule): inside the leftmost best open piece (lo, hi) (doubled
coordinates), the multiple of 2^e with the largest e (the piece's simplest dyadic: unique, since two
consecutive multiples of 2^e would enclose one of 2^(e+1)); it must be even to be a position U on the
current grid, so when the piece holds no even integer the caller doubles every U (s + 1) and asks
again. An unbounded piece (-inf, B_0) is replaced by (B_0 - 2D, B_0), D = max(B_last - B_0, 4), and
(B_last, inf) likewise.

>>> import numpy as np
>>> ptr, idx = np.array([0, 1, 2, 3]), np.array([0, 0, 0])
>>> A, B, C, W = (np.array([v]) for v in (0, 1, 2, 5))
>>> best_move(0, np.array([0, 3, 1]), ptr, idx, A, B, C, W)  # point 0 goes right of 2 = (3 + 1)/2
(5, 4, 0)
"""
from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["LIMIT", "OK", "REFINE", "best_move"]

LIMIT = 1 << 57
"""Positions U must stay below this in absolute value (see the module docstring)."""
OK, REFINE = 0, 1
"""Statuses of :func:`best_move`: a result, or "double the grid and ask again"."""


@njit(cache=True)
def _simplest_even(lo, hi):
    """The multiple of 2^e (e >= 1 largest) strictly inside (lo, hi), or lo if there is none (odd only)."""
    for e in range(61, 0, -1):
        g = np.int64(1) << e
        m = (lo // g + 1) * g
        if m < hi:
            return m, True
    return lo, False


@njit(cache=True)
def _holds(xa, xb, xc):
    return abs(xa - xb) < abs(xa - xc)


@njit(cache=True)
def best_move(p, U, ptr, idx, A, B, C, W):
    """The exact best move of point p: (gain, new U, status), gain 0 when p cannot improve.

    Parameters
    ----------
    p : int
        The point.
    U : numpy.ndarray
        int64 positions on the shared grid, |U| < ``LIMIT``.
    ptr, idx : numpy.ndarray
        The triplets at each point: ``idx[ptr[p]:ptr[p+1]]`` index into A, B, C, W.
    A, B, C, W : numpy.ndarray
        int64 triplets (a, b, c) and weights.

    Returns
    -------
    (int, int, int)
        The gain (best value - current value, or 0), the new position U (meaningful for a positive
        gain) and ``OK`` or ``REFINE`` (no position on the current grid: double it).
    """
    k0, k1 = ptr[p], ptr[p + 1]
    K = k1 - k0
    kinds = np.empty(K, np.int64)
    los = np.empty(K, np.int64)
    his = np.empty(K, np.int64)
    ws = np.empty(K, np.int64)
    bps = np.empty(2 * K, np.int64)
    nb, ns, current = 0, 0, 0
    up = U[p]
    for t in range(k0, k1):
        j = idx[t]
        a, b, c, w = A[j], B[j], C[j], W[j]
        xa = up if a == p else U[a]
        xb = up if b == p else U[b]
        xc = up if c == p else U[c]
        if _holds(xa, xb, xc):
            current += w
        if a == p:
            if xb == xc:
                continue
            kinds[ns] = 0 if xb < xc else 1
            los[ns] = xb + xc
            his[ns] = xb + xc
            bps[nb] = xb + xc
            nb += 1
        else:
            r = abs(xa - (xc if b == p else xb))
            if b == p and r == 0:
                continue
            kinds[ns] = 2 if b == p else 3
            los[ns] = 2 * (xa - r)
            his[ns] = 2 * (xa + r)
            bps[nb] = los[ns]
            bps[nb + 1] = his[ns]
            nb += 2
        ws[ns] = w
        ns += 1
    if nb == 0:
        return 0, up, 0
    Bk = np.unique(bps[:nb])
    M = len(Bk)
    diff = np.zeros(2 * M + 2, np.int64)
    for s in range(ns):
        i = np.searchsorted(Bk, los[s])
        j = np.searchsorted(Bk, his[s])
        kind, w = kinds[s], ws[s]
        if kind == 0:
            diff[0] += w
            diff[2 * i + 1] -= w
        elif kind == 1:
            diff[2 * i + 2] += w
            diff[2 * M + 1] -= w
        elif kind == 2:
            if 2 * i + 2 <= 2 * j:
                diff[2 * i + 2] += w
                diff[2 * j + 1] -= w
        else:
            diff[0] += w
            diff[2 * i + 1] -= w
            diff[2 * j + 2] += w
            diff[2 * M + 1] -= w
    best, arg, acc = np.int64(0), -1, np.int64(0)
    for k in range(2 * M + 1):
        acc += diff[k]
        if arg < 0 or acc > best:
            best, arg = acc, k
    if best <= current:
        return 0, up, 0
    i = arg // 2  # an open piece (lower semicontinuity): (B_{i-1}, B_i)
    if i == 0:
        D = max(Bk[M - 1] - Bk[0], 4)
        lo, hi = Bk[0] - 2 * D, Bk[0]
    elif i == M:
        D = max(Bk[M - 1] - Bk[0], 4)
        lo, hi = Bk[M - 1], Bk[M - 1] + 2 * D
    else:
        lo, hi = Bk[i - 1], Bk[i]
    m, found = _simplest_even(lo, hi)
    if not found:
        return best - current, up, 1
    return best - current, m // 2, 0

"""The compiled line kernel: exact best moves of points on the line over int64 positions on a grid.

Positions. Every coordinate is kept as ``x = X / D`` with X an int64 and D a common denominator (D = 1
for integer embeddings such as the images of the Max-Cut reduction). In "doubled" units T = 2 X every
breakpoint of :func:`localsearch.triplets.line.satisfied_sets` is an integer: the anchor's midpoint
(x_b + x_c)/2 is T = X_b + X_c, and the ends x_a -+ r of the balls are T = 2 X_a -+ 2 |X_a - X_o|.

Bound (why nothing overflows). Let LIM = 2^58 and suppose every |X| <= LIM and 1 <= D <= LIM. Then
every breakpoint has |T| <= 2 LIM + 4 LIM = 6 LIM; a midpoint sum of two breakpoints is at most
12 LIM; the representative of the best piece (the tie rule of :mod:`localsearch.triplets.line`) is
computed from floor/ceil divisions of such values by 2D or 4D and lies within 3 LIM + D of 0, so the
products 4D c and D c that place it are at most 16 LIM = 2^62 < 2^63. The simplest rational in a piece
with no integer inside (ends L/2D < H/2D) comes from Euclid-style continued-fraction steps whose
numerators and denominators never exceed those of the ends, and its denominator q is at most 4D (the
rational (2L+1)/4D lies inside). A move is accepted only when the new |X| <= LIM (else OVERFLOW: the run
continues on the exact rational path), so the invariant holds along the whole run. When q does not
divide D the kernel asks for RESCALE: Python multiplies every X and D by D'/D, D' = lcm(D, q), if the
invariant still holds, else falls back to the exact path. Distances |X_a - X_b| <= 2 LIM.

Weights. Weights are positive; for a point p with S_p the sum of the weights at p, every value of p's
triplets and every gain lies in [-S_p, S_p]. They are summed in int64 when every S_p <= 2^63 - 1, else
in int128 limbs (:mod:`localsearch.core.jit_int`) when S_p <= 2^127 - 1; a point above that is
``wide``: the kernel hands it to Python (NEED_EVAL), which evaluates it exactly and stores its gain if
that fits (a non-improving point stores 0).

Exact semantics: the same pieces, values, leftmost best piece and representative as the Python sweep
(breakpoints of triplets that never hold are skipped; the ``out`` ball of radius 0 keeps its
breakpoint), so runs are move for move those of :func:`localsearch.triplets.line.local_search`.

>>> simplest_between(1, 3, 1, 2, np.empty(130, dtype=np.int64))   # the simplest rational in (1/3, 1/2)
(2, 5)
"""
from __future__ import annotations

import numpy as np
from numba import njit

from localsearch.core.jit_int import addv, gt, ld, ld2, st, st2, zero

from .common import (ARG, EVAL, EVALS, FILTERED, LIMIT, NEED_EVAL, OPT, OPTIMUM, OVERFLOW, RESCALE, pv_moved, pv_next,
                     sort_events)

__all__ = ["LIM", "simplest_between", "line_eval", "line_filter", "run"]

#: the largest |X| the kernel accepts (see the module docstring's bound)
LIM = 1 << 58


# The kernel's cache besides the gains: per point, values ``vals[p, j]`` (value on the piece holding p,
# best value off it, best value, best value off the best piece) and coordinates ``pc[p, j]`` (best
# move, the piece holding p as (lo, hi, flags), the best piece likewise; flags: bit 0 lo finite, bit 1
# hi finite, bit 2 the piece exists, bit 3 the snapshot exists); per triplet entry k, ``ec[k, j]``: the other two positions at
# the last full evaluation and whether the triplet held then.
CURE, SBP, BESTV, SEC = 0, 1, 2, 3
MV, PL, PH, PF, BL, BH, BF = 0, 1, 2, 3, 4, 5, 6
S1, S2, SE = 0, 1, 2


@njit(cache=True)
def simplest_between(a1, b1, a2, b2, terms):
    """The rational of smallest denominator in the open interval (a1/b1, a2/b2), b1, b2 > 0, as (num, den).

    The continued-fraction recursion of :func:`localsearch.triplets.line.simplest_between`, unrolled;
    ``terms`` is scratch space for the partial quotients (130 int64 suffice: Euclid's algorithm on
    63-bit numbers takes fewer steps).
    """
    nt = 0
    while True:
        fl = a1 // b1
        if (fl + 1) * b2 < a2:
            terms[nt] = fl + 1
            nt += 1
            break
        xn = a1 - fl * b1
        yn = a2 - fl * b2
        if xn == 0:
            terms[nt] = fl
            terms[nt + 1] = b2 // yn + 1
            nt += 2
            break
        terms[nt] = fl
        nt += 1
        a1, b1, a2, b2 = b2, yn, b1, xn
    num, den = terms[nt - 1], np.int64(1)
    for i in range(nt - 2, -1, -1):
        num, den = terms[i] * num + den, num
    return num, den


@njit(cache=True, inline="always")
def _place(lo, hi, bounded_lo, bounded_hi, D, terms):
    """(code, X) of the representative of the piece (lo, hi) in doubled units (the tie rule); code
    RESCALE with X = q when the representative's denominator q does not divide D."""
    D2 = 2 * D
    if not bounded_lo:
        return 0, D * (hi // D2 - 1)
    if not bounded_hi:
        return 0, D * (-((-lo) // D2) + 1)
    a = lo // D2 + 1           # smallest integer > lo / 2D
    b = -((-hi) // D2) - 1     # largest integer < hi / 2D
    if a <= b:
        mid2 = lo + hi         # the midpoint is mid2 / 4D
        D4 = 2 * D2
        k = mid2 // D4
        best, bd = np.int64(0), np.int64(-1)
        for c in (k, k + 1):
            if a <= c <= b:
                d = abs(D4 * c - mid2)
                if bd < 0 or d < bd:
                    best, bd = c, d
        if bd < 0:
            best = a if mid2 < D4 * a else b
        return 0, D * best
    num, den = simplest_between(lo, D2, hi, D2, terms)
    if D % den != 0:
        return RESCALE, den
    return 0, num * (D // den)


@njit(cache=True, inline="always")
def _sat(r, x, u, v):
    """Whether the triplet at the point of role r (0 anchor, 1 near, 2 far), at x, with the two other
    points at u, v (in the order of ``o1``, ``o2``), holds."""
    if r == 0:
        return abs(x - u) < abs(x - v)
    if r == 1:
        return abs(u - x) < abs(u - v)
    return abs(u - v) < abs(u - x)


@njit(cache=True, inline="always")
def _meets(r, u, v, lo, hi, flags):
    """Whether the triplet's satisfied set (doubled units; others at u, v) meets the open piece
    (lo, hi) (flags: bit 0 lo finite, bit 1 hi finite)."""
    has_lo, has_hi = (flags & 1) != 0, (flags & 2) != 0
    if r == 0:
        if u == v:
            return False
        m = u + v
        return (not has_lo or lo < m) if u < v else (not has_hi or hi > m)
    rr = abs(u - v)
    a, b = 2 * u - 2 * rr, 2 * u + 2 * rr
    if r == 1:
        return rr != 0 and (not has_lo or lo < b) and (not has_hi or hi > a)
    return not has_lo or lo < a or not has_hi or hi > b


@njit(cache=True, inline="always")
def line_filter(p, X, ip, role, o1, o2, w, vals, pc, ec):
    """True if point p surely has no improving move (so its full evaluation can be skipped).

    Since p's last full evaluation (its snapshot: the others' positions per triplet, the satisfaction
    ``SE`` on the piece P that held p, P itself, the value ``CURE`` on P and the best value ``SBP`` of
    the other pieces) only the triplets whose other points moved (set D) changed. For x in P the new
    value is at most CURE + sum over D of (meets(P) - SE) w, and off P at most SBP + sum over D of w
    (every open piece of the new function meets P or lies in pieces of the old one other than P); the
    current value is CURE + sum over D of (holds now - SE) w. If neither bound beats the current value,
    no move of p improves.
    """
    x = X[p]
    flags = pc[p, PF]
    if flags & 8 == 0:  # no snapshot yet
        return False
    cur = ld2(vals, p, CURE)
    inp = cur
    out = ld2(vals, p, SBP)
    for k in range(ip[p], ip[p + 1]):
        u, v = X[o1[k]], X[o2[k]]
        if u == ec[k, S1] and v == ec[k, S2]:
            continue
        wk = ld(w, k)
        r = role[k]
        now = _sat(r, x, u, v)
        was = ec[k, SE] != 0
        if now != was:
            cur = addv(cur, wk, now)
        out = addv(out, wk, True)
        if flags & 4:
            hit = _meets(r, u, v, pc[p, PL], pc[p, PH], flags)
            if hit != was:
                inp = addv(inp, wk, hit)
    if gt(out, cur):
        return False
    return (flags & 4) == 0 or not gt(inp, cur)


@njit(cache=True, inline="always")
def line_eval(p, X, D, ip, role, o1, o2, w, g, vals, pc, ec, dirty, bp, bk, state):
    """Evaluate point p exactly: its best gain into ``g[p]`` (0 if none), its best position into
    ``pc[p, MV]``, its snapshot for :func:`line_filter`, ``dirty[p] = 0``; returns 0, or RESCALE /
    OVERFLOW (then nothing is written)."""
    xp = X[p]
    cur = zero(w)
    base = zero(w)
    ne = 0
    for k in range(ip[p], ip[p + 1]):
        r = role[k]
        u, v = X[o1[k]], X[o2[k]]
        if _sat(r, xp, u, v):
            cur = addv(cur, ld(w, k), True)
        if r == 0:
            if u == v:
                continue
            bp[ne] = u + v
            if u < v:
                base = addv(base, ld(w, k), True)
                bk[ne] = 2 * k
            else:
                bk[ne] = 2 * k + 1
            ne += 1
        else:
            rr = abs(u - v)
            if r == 1:
                if rr == 0:
                    continue
                bp[ne] = 2 * u - 2 * rr
                bk[ne] = 2 * k + 1
                bp[ne + 1] = 2 * u + 2 * rr
                bk[ne + 1] = 2 * k
            else:
                base = addv(base, ld(w, k), True)
                bp[ne] = 2 * u - 2 * rr
                bk[ne] = 2 * k
                bp[ne + 1] = 2 * u + 2 * rr
                bk[ne + 1] = 2 * k + 1
            ne += 2
    if ne == 0:
        _snapshot(p, X, ip, role, o1, o2, ec)
        st(g, p, zero(w))
        for j in range(4):
            st2(vals, p, j, cur)
        pc[p, PF] = 8
        pc[p, BF] = 8
        dirty[p] = 0
        return 0
    sort_events(bp, bk, ne)
    # pieces between the distinct breakpoints: the leftmost best piece, the best value off it (second),
    # and the piece holding p (if p is not on a breakpoint)
    T = 2 * xp
    val = base
    best = base
    b_lo, b_hi = -1, 0          # best piece: after event b_lo (-1: -inf), before event b_hi (ne: +inf)
    second = base
    have_second = False
    c_lo, c_hi, c_ok = -1, 0, bp[0] > T
    i = 0
    while i < ne:
        B = bp[i]
        while i < ne and bp[i] == B:
            e = bk[i]
            val = addv(val, ld(w, e >> 1), (e & 1) == 1)
            i += 1
        if gt(val, best):
            second, have_second = best, True
            best = val
            b_lo, b_hi = i - 1, i
        elif not have_second or gt(val, second):
            second, have_second = val, True
        if B < T and (i == ne or bp[i] > T):
            c_lo, c_hi, c_ok = i - 1, i, True
    if not have_second:
        second = best
    improving = gt(best, cur)
    if improving:
        code, x = _place(bp[b_lo] if b_lo >= 0 else 0, bp[b_hi] if b_hi < ne else 0, b_lo >= 0, b_hi < ne, D, bk[ne:])
        if code != 0:
            state[ARG] = x
            return code
        if abs(x) > LIM:
            return OVERFLOW
        pc[p, MV] = x
        st(g, p, addv(best, cur, False))
    else:
        st(g, p, zero(w))
    _snapshot(p, X, ip, role, o1, o2, ec)
    st2(vals, p, CURE, cur)
    st2(vals, p, SBP, second if c_ok and c_lo == b_lo else best)   # the best value off the piece holding p
    st2(vals, p, BESTV, best)
    st2(vals, p, SEC, second)
    pc[p, PL] = bp[c_lo] if c_lo >= 0 else 0
    pc[p, PH] = bp[c_hi] if c_hi < ne else 0
    pc[p, PF] = (1 if c_lo >= 0 else 0) | (2 if c_hi < ne else 0) | (4 if c_ok else 0) | 8
    pc[p, BL] = bp[b_lo] if b_lo >= 0 else 0
    pc[p, BH] = bp[b_hi] if b_hi < ne else 0
    pc[p, BF] = (1 if b_lo >= 0 else 0) | (2 if b_hi < ne else 0) | 4 | 8
    dirty[p] = 0
    return 0


@njit(cache=True, inline="always")
def _snapshot(p, X, ip, role, o1, o2, ec):
    """Record, per triplet at p, the two other positions and whether it holds at p's position."""
    xp = X[p]
    for k in range(ip[p], ip[p + 1]):
        u, v = X[o1[k]], X[o2[k]]
        ec[k, S1] = u
        ec[k, S2] = v
        ec[k, SE] = 1 if _sat(role[k], xp, u, v) else 0


@njit(cache=True, inline="always")
def line_moved(p, X, ip, role, o1, o2, w, g, vals, pc, ec):
    """After p moved into its best piece: its snapshot is that piece (same breakpoints, value BESTV, the
    best value off it SEC), its gain 0."""
    xp = X[p]
    for k in range(ip[p], ip[p + 1]):
        ec[k, SE] = 1 if _sat(role[k], xp, X[o1[k]], X[o2[k]]) else 0
    st2(vals, p, CURE, ld2(vals, p, BESTV))
    st2(vals, p, SBP, ld2(vals, p, SEC))
    pc[p, PL] = pc[p, BL]
    pc[p, PH] = pc[p, BH]
    pc[p, PF] = pc[p, BF]
    st(g, p, zero(w))


@njit(cache=True, _nrt=False)  # no reference counting: it cost 4/5 of the time (arrays are only borrowed)
def run(rule, limit, X, D, ip, role, o1, o2, w, wide, nbptr, nb, g, vals, pc, ec, pv, bp, bk, traj_p, traj_g, traj_x,
        counts):
    """Up to ``limit`` improving moves by the rule with code ``rule``; returns (moves, code) (see
    :mod:`localsearch.triplets.kernels.common`). Moves go to ``traj_*[0:moves]`` when ``traj_p`` is not
    empty (point, gain, new X); ``counts[p] += 1`` per move of p."""
    state = pv[7]
    dirty = pv[0]
    steps = 0
    while True:
        kind, v = pv_next(rule, g, pv, steps < limit)
        if kind == EVAL:
            if wide[v]:
                state[ARG] = v
                return steps, NEED_EVAL
            if line_filter(v, X, ip, role, o1, o2, w, vals, pc, ec):
                st(g, v, zero(w))
                dirty[v] = 0
                state[FILTERED] += 1
                continue
            state[EVALS] += 1
            code = line_eval(v, X, D, ip, role, o1, o2, w, g, vals, pc, ec, dirty, bp, bk, state)
            if code != 0:
                return steps, code
            continue
        if kind == OPT:
            return steps, OPTIMUM
        if steps >= limit:
            return steps, LIMIT
        x = pc[v, MV]
        if traj_p.size:
            traj_p[steps] = v
            st(traj_g, steps, ld(g, v))
            traj_x[steps] = x
        X[v] = x
        counts[v] += 1
        pv_moved(rule, v, nbptr, nb, pv)
        if not wide[v]:
            line_moved(v, X, ip, role, o1, o2, w, g, vals, pc, ec)
            dirty[v] = 0
        steps += 1

"""The compiled orderings kernel: exact best one-point moves for betweenness and non-betweenness.

The state is the order and the index (rank) of every point, both int64 arrays. Evaluating point p
reads the ranks of its partners in O(1) each: with p taken out, a partner q sits at r(q) = rank[q] -
[rank[q] > rank[p]], and each triplet at p holds on an interval of the m insertion slots of p
(:class:`localsearch.triplets.orderings.OrderState`), so the best slot is a sweep over at most 2t
interval ends (Shell sort, no allocation), the leftmost best slot winning ties. A move of p from index
i to j shifts only the points between i and j (their ranks change by one): O(|i - j|) words, and no
rebuild of the positions.

Bound: the positions are indices < m; the values of p's triplets lie in [0, S_p] (betweenness) or
[-S_p, 0] (the interval part of non-betweenness), S_p the sum of the weights at p, and gains in
[-S_p, S_p]: exact in int64 when every S_p <= 2^63 - 1, in int128 limbs when S_p <= 2^127 - 1
(:func:`localsearch.triplets.compiled.weight_width`); beyond that the search runs on the exact path.

Gains are stable under moves of points sharing no triplet with p, but moves (indices) are not: a
cached move is used only if no move happened since p was evaluated (``stamp``), else p is evaluated
again before it moves (the driver recomputes the chosen point's move in the same way).
"""
from __future__ import annotations

import numpy as np
from numba import njit

from localsearch.core.jit_int import addv, gt, ld, ld2, st, st2, zero

from .common import EVAL, EVALS, FILTERED, LIMIT, MOVES, OPT, OPTIMUM, pv_moved, pv_next, sort_events

__all__ = ["order_eval", "order_filter", "run", "CUR", "BEST"]

#: columns of the per-point value table: the value at the evaluation, the best value then
CUR, BEST = 0, 1


@njit(cache=True, inline="always")
def _interval(k, rp, m, rank, role, o1, o2):
    """The slots lo..hi (ranks without p, p at rank rp) where the interval condition of entry k holds:
    p strictly between its partners (p = b), or beyond b away from the other partner (p = a or c)."""
    ru, rv = rank[o1[k]], rank[o2[k]]
    ru -= 1 if ru > rp else 0
    rv -= 1 if rv > rp else 0
    r = role[k]
    if r == 1:
        lo, hi = (ru, rv) if ru < rv else (rv, ru)
        return lo + 1, hi
    rb, ro = (ru, rv) if r == 0 else (rv, ru)
    if rb < ro:
        return 0, rb
    return rb + 1, m - 1


@njit(cache=True, inline="always")
def order_filter(p, between, rank, ip, role, o1, o2, w, vals, se, stamp, last):
    """True if point p surely has no improving move: since its evaluation (``stamp[p]``), only the
    triplets with a partner that moved since (``last[q] > stamp[p]``) changed, by at most their weight
    each, so the best value is at most BEST + their weights; the current value is recomputed from the
    changed triplets (``se``: whether each held at the evaluation). (The triplets without a moved partner
    keep their function of p's placement relative to the points that did not move.)"""
    t0 = stamp[p]
    if t0 < 0:
        return False
    m = rank.size
    rp = rank[p]
    cur = ld2(vals, p, CUR)
    top = ld2(vals, p, BEST)
    for k in range(ip[p], ip[p + 1]):
        if last[o1[k]] <= t0 and last[o2[k]] <= t0:
            continue
        wk = ld(w, k)
        top = addv(top, wk, True)
        lo, hi = _interval(k, rp, m, rank, role, o1, o2)
        now = lo <= rp <= hi
        if now != (se[k] != 0):
            cur = addv(cur, wk, now == between)
    return not gt(top, cur)


@njit(cache=True, inline="always")
def order_snapshot(p, rank, ip, role, o1, o2, se):
    """Whether each triplet's interval condition holds at p's rank (for :func:`order_filter`)."""
    m = rank.size
    rp = rank[p]
    for k in range(ip[p], ip[p + 1]):
        lo, hi = _interval(k, rp, m, rank, role, o1, o2)
        se[k] = 1 if lo <= rp <= hi else 0


@njit(cache=True, inline="always")
def order_eval(p, between, rank, ip, role, o1, o2, w, g, mv, vals, se, stamp, moves, dirty, bp, bk):
    """Evaluate point p: its best gain into ``g[p]`` (0 if none), its best index into ``mv[p]``, its
    current and best values and ``se`` (for :func:`order_filter`), ``stamp[p] = moves``, ``dirty[p] = 0``."""
    m = rank.size
    rp = rank[p]
    cur = zero(w)
    ne = 0
    for k in range(ip[p], ip[p + 1]):
        lo, hi = _interval(k, rp, m, rank, role, o1, o2)
        inside = lo <= rp <= hi
        se[k] = 1 if inside else 0
        if lo > hi:
            continue
        plus = between
        if inside:
            cur = addv(cur, ld(w, k), plus)
        bp[ne] = lo
        bk[ne] = 2 * k + (1 if plus else 0)
        ne += 1
        if hi + 1 < m:
            bp[ne] = hi + 1
            bk[ne] = 2 * k + (0 if plus else 1)
            ne += 1
    sort_events(bp, bk, ne)
    val = zero(w)
    best = zero(w)
    bj = 0
    i = 0
    while i < ne and bp[i] == 0:
        e = bk[i]
        val = addv(val, ld(w, e >> 1), (e & 1) == 1)
        i += 1
    best = val
    while i < ne:
        x = bp[i]
        while i < ne and bp[i] == x:
            e = bk[i]
            val = addv(val, ld(w, e >> 1), (e & 1) == 1)
            i += 1
        if gt(val, best):
            best = val
            bj = x
    if gt(best, cur):
        st(g, p, addv(best, cur, False))
        mv[p] = bj
    else:
        st(g, p, zero(w))
    st2(vals, p, CUR, cur)
    st2(vals, p, BEST, best)
    stamp[p] = moves
    dirty[p] = 0


@njit(cache=True, inline="always")
def order_move(p, j, order, rank):
    """Move p to index j, shifting the points in between."""
    i = rank[p]
    if j > i:
        for k in range(i, j):
            q = order[k + 1]
            order[k] = q
            rank[q] = k
    else:
        for k in range(i, j, -1):
            q = order[k - 1]
            order[k] = q
            rank[q] = k
    order[j] = p
    rank[p] = j


@njit(cache=True, _nrt=False)  # no reference counting (arrays are only borrowed): see kernels.line
def run(rule, limit, between, order, rank, ip, role, o1, o2, w, nbptr, nb, g, mv, vals, se, stamp, last, pv, bp, bk,
        traj_p, traj_g, traj_x, counts):
    """Up to ``limit`` improving moves by the rule with code ``rule``; returns (moves, code) (see
    :mod:`localsearch.triplets.kernels.common`); the trajectory gets (point, gain, new index)."""
    state = pv[7]
    dirty = pv[0]
    steps = 0
    while True:
        kind, v = pv_next(rule, g, pv, steps < limit)
        if kind == EVAL:
            if order_filter(v, between, rank, ip, role, o1, o2, w, vals, se, stamp, last):
                st(g, v, zero(w))
                dirty[v] = 0
                state[FILTERED] += 1
                continue
            state[EVALS] += 1
            order_eval(v, between, rank, ip, role, o1, o2, w, g, mv, vals, se, stamp, state[MOVES], dirty, bp, bk)
            continue
        if kind == OPT:
            return steps, OPTIMUM
        if steps >= limit:
            return steps, LIMIT
        if stamp[v] != state[MOVES]:   # the cached index is stale: the gain is not, recompute the move
            state[EVALS] += 1
            order_eval(v, between, rank, ip, role, o1, o2, w, g, mv, vals, se, stamp, state[MOVES], dirty, bp, bk)
        j = mv[v]
        if traj_p.size:
            traj_p[steps] = v
            st(traj_g, steps, ld(g, v))
            traj_x[steps] = j
        order_move(v, j, order, rank)
        state[MOVES] += 1
        last[v] = state[MOVES]
        counts[v] += 1
        pv_moved(rule, v, nbptr, nb, pv)
        # v sits in its best place now: its function is unchanged, its value is the best, its gain 0
        st2(vals, v, CUR, ld2(vals, v, BEST))
        order_snapshot(v, rank, ip, role, o1, o2, se)
        st(g, v, zero(w))
        stamp[v] = state[MOVES]
        dirty[v] = 0
        steps += 1

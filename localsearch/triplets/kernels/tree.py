"""The compiled tree kernel: exact best leaf regrafts with an incrementally maintained preorder.

The tree is held as parent pointers, the two children of every internal node (ordered by node index,
as :class:`localsearch.triplets.tree.TreeState` orders them), and the preorder: ``tin[v]`` (position),
``tout[v]`` (last position of v's subtree) and ``order`` (the node at each position). Subtrees are
preorder intervals, so "z is an ancestor of u" is ``tin[z] <= tin[u] <= tout[z]``, O(1).

Lowest common ancestors come from the preorder and the depths: for distinct nodes a, b with
tin[a] < tin[b], the shallowest node at positions tin[a]+1 .. tin[b] is the child of lca(a, b) on the
path to b (every node there lies in that child's subtree, or in the part of the other child's subtree
after a, which is deeper), so one range-minimum query over depths by position answers lca(a, b) and the
child of the lca towards either point. The queries go to a segment tree over positions (``seg``:
O(log m) per query, O(k + log m) to refresh k positions); the walk-up :func:`lca` (the shorter side)
serves the one query per move that needs ancestors (:func:`regraft`).

A regraft of leaf x above u (its parent p reused, its sibling s taking p's place) changes the preorder
and the depths only inside the subtree of w = lca(old grandparent of x, old parent of u): w's subtree
keeps its node set, its depth and its interval of positions, so the kernel renumbers that subtree alone
(O(|subtree(w)|); the whole tree only when the move passes through the root) and refreshes the segment
tree over those positions; no index over the whole tree is rebuilt.

Exact semantics: the intervals, the sweep over preorder positions with the positions of x and p
masked, ties to the smallest position, and the gain against the value at the sibling's position are
those of ``TreeState.best``; moves are ``(x, u)`` with the same parent-array updates as
``TreeState.apply``. Values and gains are exact in int64 / int128 under the bound of
:func:`localsearch.triplets.compiled.weight_width`; positions are < 2m. Cached moves are stamped with
the move count, as in :mod:`localsearch.triplets.kernels.orderings`.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from localsearch.core.jit_int import addv, gt, ld, ld2, st, st2, zero

from .common import EVAL, EVALS, FILTERED, LIMIT, MOVES, OPT, OPTIMUM, pv_moved, pv_next, sort_events
from .orderings import BEST, CUR

__all__ = ["renumber", "lca", "shallowest", "tree_eval", "tree_filter", "regraft", "run"]


@njit(cache=True, inline="always")
def _anc(z, u, tin, tout):
    """z is an ancestor of u (or u itself)."""
    return tin[z] <= tin[u] and tin[u] <= tout[z]


@njit(cache=True, inline="always")
def lca(a, b, par, tin, tout):
    """The lowest common ancestor of nodes a and b (walks the shorter side)."""
    x, y = a, b
    while True:
        if _anc(x, b, tin, tout):
            return x
        if _anc(y, a, tin, tout):
            return y
        x = par[x]
        y = par[y]


@njit(cache=True, inline="always")
def _toward(z, v, ch, tin, tout):
    """The child of z on the path to its descendant v."""
    c = ch[z, 0]
    return c if _anc(c, v, tin, tout) else ch[z, 1]


@njit(cache=True)
def renumber(w, start, ch, tin, tout, order, stack, dep, seg):
    """Number the subtree of w in preorder from position ``start`` (children in index order), with the
    depths below w (``dep[w]`` is kept), and refresh the minimum-depth tree ``seg`` over those positions."""
    sp = 0
    stack[0] = w
    sp = 1
    idx = start
    while sp > 0:
        sp -= 1
        v = stack[sp]
        tin[v] = idx
        order[idx] = v
        idx += 1
        if ch[v, 0] >= 0:
            dep[ch[v, 0]] = dep[v] + 1
            dep[ch[v, 1]] = dep[v] + 1
            stack[sp] = ch[v, 1]
            stack[sp + 1] = ch[v, 0]
            sp += 2
    for i in range(idx - 1, start - 1, -1):
        v = order[i]
        tout[v] = tin[v] if ch[v, 0] < 0 else tout[ch[v, 1]] if tin[ch[v, 1]] > tin[ch[v, 0]] else tout[ch[v, 0]]
    # the minimum-depth segment tree: leaves P + position hold the node there
    P = seg.size >> 1
    lo, hi = P + start, P + idx - 1
    for i in range(start, idx):
        seg[P + i] = order[i]
    while lo > 1:
        lo >>= 1
        hi >>= 1
        for j in range(lo, hi + 1):
            seg[j] = _shallower(seg[2 * j], seg[2 * j + 1], dep)


@njit(cache=True, inline="always")
def _shallower(a, b, dep):
    """The shallower of nodes a and b (-1: none)."""
    if a < 0:
        return b
    if b < 0:
        return a
    return a if dep[a] <= dep[b] else b


@njit(cache=True, inline="always")
def shallowest(lo, hi, seg, dep):
    """The node of least depth at preorder positions lo..hi (lo <= hi)."""
    P = seg.size >> 1
    res = -1
    lo += P
    hi += P + 1
    while lo < hi:
        if lo & 1:
            res = _shallower(res, seg[lo], dep)
            lo += 1
        if hi & 1:
            hi -= 1
            res = _shallower(res, seg[hi], dep)
        lo >>= 1
        hi >>= 1
    return res


@njit(cache=True, inline="always")
def _split(a, b, tin, seg, dep):
    """For distinct nodes a, b with tin[a] < tin[b]: the child of lca(a, b) on the path to b (the shallowest
    node at positions tin[a]+1..tin[b]: everything there lies below that child or in a's part)."""
    return shallowest(tin[a] + 1, tin[b], seg, dep)


@njit(cache=True, inline="always")
def _set_children(z, a, b, ch):
    if a < b:
        ch[z, 0], ch[z, 1] = a, b
    else:
        ch[z, 0], ch[z, 1] = b, a


@njit(cache=True, inline="always")
def _replace_child(z, old, new, ch):
    other = ch[z, 1] if ch[z, 0] == old else ch[z, 0]
    _set_children(z, new, other, ch)


@njit(cache=True)
def regraft(x, u, par, ch, tin, tout, order, stack, dep, seg):
    """Prune leaf x and regraft it above u (the moves of ``TreeState.apply``); renumber what changed."""
    p = par[x]
    s = ch[p, 0] if ch[p, 1] == x else ch[p, 1]
    g = par[p]
    q = par[u]
    w = -1
    if g >= 0 and q >= 0:
        w = lca(g, q, par, tin, tout)       # in the old tree: its subtree keeps its nodes and positions
    start = tin[w] if w >= 0 else 0
    par[s] = g
    if g >= 0:
        _replace_child(g, p, s, ch)
    q = par[u]                              # as TreeState.apply reads it, after the prune
    par[p] = q
    if q >= 0:
        _replace_child(q, u, p, ch)
    par[u] = p
    _set_children(p, x, u, ch)
    if w < 0:
        w = x
        while par[w] >= 0:
            w = par[w]
        dep[w] = 0
    renumber(w, start, ch, tin, tout, order, stack, dep, seg)


@njit(cache=True, inline="always")
def _interval(k, par, ch, tin, tout, role, o1, o2, dep, seg):
    """Entry k of leaf x as a preorder interval (lo, hi) of regraft targets: where the triplet holds
    (roles a, b: the subtree towards the near point), or for role c where it FAILS (the strict
    descendants of lca(a, b)). The partners are distinct leaves; lca and the children below it come from
    one minimum-depth query (:func:`_split`)."""
    a, b = o1[k], o2[k]
    if tin[a] < tin[b]:
        c = _split(a, b, tin, seg, dep)     # the child of the lca towards b
        z = par[c]
        zb = ch[z, 0] if ch[z, 1] == c else ch[z, 1]
    else:
        zb = _split(b, a, tin, seg, dep)    # the child of the lca towards a
        z = par[zb]
    if role[k] == 2:
        return tin[z] + 1, tout[z]
    return tin[zb], tout[zb]


@njit(cache=True, inline="always")
def _holds(k, ts, par, ch, tin, tout, role, o1, o2, dep, seg):
    """Whether entry k holds with x regrafted at preorder position ts (at its sibling: the current tree)."""
    lo, hi = _interval(k, par, ch, tin, tout, role, o1, o2, dep, seg)
    inside = lo <= ts and ts <= hi
    return inside != (role[k] == 2)


@njit(cache=True, inline="always")
def _sibling_pos(x, par, ch, tin):
    p = par[x]
    return tin[ch[p, 0] if ch[p, 1] == x else ch[p, 1]]


@njit(cache=True, inline="always")
def tree_filter(x, par, ch, tin, tout, ip, role, o1, o2, w, vals, se, stamp, last, dep, seg):
    """True if leaf x surely has no improving regraft: as :func:`localsearch.triplets.kernels.orderings.
    order_filter` (a regraft of another leaf keeps the tree restricted to the other leaves, so only the
    triplets with a moved partner change, each by at most its weight)."""
    t0 = stamp[x]
    if t0 < 0 or par[x] < 0:
        return False
    ts = _sibling_pos(x, par, ch, tin)
    cur = ld2(vals, x, CUR)
    top = ld2(vals, x, BEST)
    for k in range(ip[x], ip[x + 1]):
        if last[o1[k]] <= t0 and last[o2[k]] <= t0:
            continue
        wk = ld(w, k)
        top = addv(top, wk, True)
        now = _holds(k, ts, par, ch, tin, tout, role, o1, o2, dep, seg)
        if now != (se[k] != 0):
            cur = addv(cur, wk, now)
    return not gt(top, cur)


@njit(cache=True, inline="always")
def tree_snapshot(x, par, ch, tin, tout, ip, role, o1, o2, se, dep, seg):
    """Whether each triplet at x holds in the current tree (for :func:`tree_filter`)."""
    ts = _sibling_pos(x, par, ch, tin)
    for k in range(ip[x], ip[x + 1]):
        se[k] = 1 if _holds(k, ts, par, ch, tin, tout, role, o1, o2, dep, seg) else 0


@njit(cache=True, inline="always")
def tree_eval(x, par, ch, tin, tout, order, ip, role, o1, o2, w, g, mv, vals, se, stamp, moves, dirty, bp, bk, dep,
              seg):
    """Evaluate leaf x: its best gain into ``g[x]`` (0 if none), its best regraft target into ``mv[x]``,
    its current and best values and ``se`` (for :func:`tree_filter`), ``stamp[x] = moves``,
    ``dirty[x] = 0``."""
    N = par.size
    p = par[x]
    if p < 0:
        st(g, x, zero(w))
        stamp[x] = moves
        dirty[x] = 0
        return
    s = ch[p, 0] if ch[p, 1] == x else ch[p, 1]
    ts = tin[s]
    cur = zero(w)
    base = zero(w)
    ne = 0
    for k in range(ip[x], ip[x + 1]):
        lo, hi = _interval(k, par, ch, tin, tout, role, o1, o2, dep, seg)
        inside = lo <= ts and ts <= hi
        if role[k] == 2:       # x = c: every u except the strict descendants of lca(a, b)
            base = addv(base, ld(w, k), True)
            se[k] = 0 if inside else 1
            if not inside:
                cur = addv(cur, ld(w, k), True)
            bp[ne] = lo
            bk[ne] = 2 * k
            ne += 1
            if hi + 1 < N:
                bp[ne] = hi + 1
                bk[ne] = 2 * k + 1
                ne += 1
        else:                  # x = a (near b, far c) or x = b (near a, far c): the subtree towards near
            se[k] = 1 if inside else 0
            if inside:
                cur = addv(cur, ld(w, k), True)
            bp[ne] = lo
            bk[ne] = 2 * k + 1
            ne += 1
            if hi + 1 < N:
                bp[ne] = hi + 1
                bk[ne] = 2 * k
                ne += 1
    sort_events(bp, bk, ne)
    m1, m2 = tin[x], tin[p]
    val = base
    found = False
    best = base
    bj = 0
    i = 0
    first = True
    while True:
        if first and (ne == 0 or bp[0] > 0):
            start = 0
        else:
            start = bp[i]
            while i < ne and bp[i] == start:
                e = bk[i]
                val = addv(val, ld(w, e >> 1), (e & 1) == 1)
                i += 1
        first = False
        end = bp[i] if i < ne else N
        if not found or gt(val, best):
            j = start
            while j < end and (j == m1 or j == m2):
                j += 1
            if j < end:
                found, best, bj = True, val, j
        if i >= ne:
            break
    if found and gt(best, cur):
        st(g, x, addv(best, cur, False))
        mv[x] = order[bj]
    else:
        st(g, x, zero(w))
    st2(vals, x, CUR, cur)
    st2(vals, x, BEST, best if found else cur)
    stamp[x] = moves
    dirty[x] = 0


@njit(cache=True, _nrt=False)  # no reference counting (arrays are only borrowed): see kernels.line
def run(rule, limit, par, ch, tin, tout, order, stack, dep, seg, ip, role, o1, o2, w, nbptr, nb, g, mv, vals, se, stamp,
        last, pv, bp, bk, traj_p, traj_g, traj_x, counts):
    """Up to ``limit`` improving regrafts by the rule with code ``rule``; returns (moves, code) (see
    :mod:`localsearch.triplets.kernels.common`); the trajectory gets (leaf, gain, target node u)."""
    state = pv[7]
    dirty = pv[0]
    steps = 0
    while True:
        kind, v = pv_next(rule, g, pv, steps < limit)
        if kind == EVAL:
            if tree_filter(v, par, ch, tin, tout, ip, role, o1, o2, w, vals, se, stamp, last, dep, seg):
                st(g, v, zero(w))
                dirty[v] = 0
                state[FILTERED] += 1
                continue
            state[EVALS] += 1
            tree_eval(v, par, ch, tin, tout, order, ip, role, o1, o2, w, g, mv, vals, se, stamp, state[MOVES], dirty,
                      bp, bk, dep, seg)
            continue
        if kind == OPT:
            return steps, OPTIMUM
        if steps >= limit:
            return steps, LIMIT
        if stamp[v] != state[MOVES]:   # the cached target is stale (preorder ties): recompute the move
            state[EVALS] += 1
            tree_eval(v, par, ch, tin, tout, order, ip, role, o1, o2, w, g, mv, vals, se, stamp, state[MOVES], dirty,
                      bp, bk, dep, seg)
        u = mv[v]
        if traj_p.size:
            traj_p[steps] = v
            st(traj_g, steps, ld(g, v))
            traj_x[steps] = u
        regraft(v, u, par, ch, tin, tout, order, stack, dep, seg)
        state[MOVES] += 1
        last[v] = state[MOVES]
        counts[v] += 1
        pv_moved(rule, v, nbptr, nb, pv)
        # v hangs at its best place now: its function is unchanged, its value is the best, its gain 0
        st2(vals, v, CUR, ld2(vals, v, BEST))
        tree_snapshot(v, par, ch, tin, tout, ip, role, o1, o2, se, dep, seg)
        st(g, v, zero(w))
        stamp[v] = state[MOVES]
        dirty[v] = 0
        steps += 1

"""Compiled (numba) pivot-rule structures shared by every compiled engine: which improving element moves next.

The six rules of :mod:`localsearch.core.rules` over a vector of exact gains (int64, or int128 limbs of
:mod:`localsearch.core.jit_int`):

- a hierarchical bitset of improving elements (``first``: lowest, ``last``: highest, ``cyclic``: next
  at or after a pointer), O(log_64 n) per update and query; all levels in one uint64 array;
- a tournament tree over the gains (``steepest``: largest gain; ``least``: smallest positive gain;
  the left, lower-index, child wins ties), O(log n) per changed gain;
- a Fenwick tree of improving indicators with order-statistics select (``random``: the k-th improving
  element in index order, k uniform from splitmix64 by rejection, exactly the stream of
  :func:`localsearch.core.rules.uniform_below`), O(log n).

The flip kernel (:mod:`localsearch.maxcut.kernel`) and the triplet kernels share them, so a compiled
engine and its exact Python reference make the same choices, and a tight reduction keeps random runs
move for move across engines.

>>> hoff = hb_layout(100)
>>> hb = np.zeros(hoff[-1], dtype=np.uint64)
>>> hb_set(hb, hoff, 70); hb_set(hb, hoff, 5)
>>> hb_min(hb, hoff), hb_max(hb, hoff), hb_next(hb, hoff, 6)
(5, 70, 70)
>>> rng = np.array([0], dtype=np.uint64)
>>> int(splitmix(rng)) == 0xE220A8397B1DCDAF
True

References: Warren, *Hacker's Delight*, 2nd ed., 2012 (bit tricks); Fenwick, "A new data structure for
cumulative frequency tables", Software: Practice and Experience 24(3), 1994; Steele, Lea & Flood,
"Fast splittable pseudorandom number generators", OOPSLA 2014.
"""
from __future__ import annotations

import numpy as np
from numba import njit
from numba.cpython.unsafe.numbers import leading_zeros, trailing_zeros

from .jit_int import gt, ld, pos

__all__ = ["RULE_CODES", "FIRST", "LAST", "CYCLIC", "STEEPEST", "LEAST", "RANDOM", "hb_layout", "hb_set",
           "hb_clear", "hb_min", "hb_max", "hb_next", "tree_size", "tree_build", "tree_pick", "tree_fix",
           "fen_add", "fen_select", "splitmix", "uniform_below"]

#: the rule codes the compiled kernels take
RULE_CODES = {"first": 0, "last": 1, "cyclic": 2, "steepest": 3, "least": 4, "random": 5}
FIRST, LAST, CYCLIC, STEEPEST, LEAST, RANDOM = range(6)

_U0 = np.uint64(0)
_U1 = np.uint64(1)
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)


# ---- hierarchical bitset (levels concatenated in one uint64 array; hoff[l] = start of level l) ----
@njit(cache=True)
def ctz(x):
    """Index of the lowest set bit of a nonzero uint64."""
    return np.int64(trailing_zeros(x))


@njit(cache=True)
def top(x):
    """Index of the highest set bit of a nonzero uint64."""
    return np.int64(63) - np.int64(leading_zeros(x))


@njit(cache=True)
def hb_set(hb, hoff, i):
    """Insert index i into the hierarchical bitset ``hb`` with level offsets ``hoff`` (from :func:`hb_layout`)."""
    for lv in range(hoff.size - 1):
        w = hoff[lv] + (i >> 6)
        old = hb[w]
        hb[w] = old | (_U1 << np.uint64(i & 63))
        if old != _U0:
            return
        i >>= 6


@njit(cache=True)
def hb_clear(hb, hoff, i):
    """Remove index i from the hierarchical bitset."""
    for lv in range(hoff.size - 1):
        w = hoff[lv] + (i >> 6)
        hb[w] &= ~(_U1 << np.uint64(i & 63))
        if hb[w] != _U0:
            return
        i >>= 6


@njit(cache=True)
def hb_has(hb, i):
    """Whether index i is in the hierarchical bitset."""
    return (hb[i >> 6] >> np.uint64(i & 63)) & _U1 != _U0


@njit(cache=True)
def _hb_descend(hb, hoff, lv, p, highest):
    while lv > 0:
        lv -= 1
        x = hb[hoff[lv] + p]
        p = (p << 6) | (top(x) if highest else ctz(x))
    return p


@njit(cache=True)
def hb_min(hb, hoff):
    """The lowest member of the hierarchical bitset, or -1 if it is empty."""
    t = hoff.size - 2
    x = hb[hoff[t]]
    return -1 if x == _U0 else _hb_descend(hb, hoff, t, ctz(x), False)


@njit(cache=True)
def hb_max(hb, hoff):
    """The highest member of the hierarchical bitset, or -1 if it is empty."""
    t = hoff.size - 2
    x = hb[hoff[t]]
    return -1 if x == _U0 else _hb_descend(hb, hoff, t, top(x), True)


@njit(cache=True)
def hb_next(hb, hoff, i):
    """Lowest member >= i, or -1."""
    p = i
    for lv in range(hoff.size - 1):
        w = p >> 6
        if w >= hoff[lv + 1] - hoff[lv]:
            return -1
        x = hb[hoff[lv] + w] & (_ALL << np.uint64(p & 63))
        if x != _U0:
            return _hb_descend(hb, hoff, lv, (w << 6) | ctz(x), False)
        p = w + 1
    return -1


def hb_layout(n: int) -> np.ndarray:
    """Level offsets of a hierarchical bitset over n indices, all levels in one uint64 array.

    Parameters
    ----------
    n : int
        The size of the universe.

    Returns
    -------
    numpy.ndarray
        int64 offsets: level l occupies words ``hoff[l]:hoff[l + 1]``; the last entry is the total.

    Examples
    --------
    >>> hb_layout(64).tolist(), hb_layout(65).tolist(), hb_layout(5000).tolist()
    ([0, 1], [0, 2, 3], [0, 79, 81, 82])
    """
    offs, words = [0], max(1, (n + 63) >> 6)
    while True:
        offs.append(offs[-1] + words)
        if words == 1:
            return np.array(offs, dtype=np.int64)
        words = (words + 63) >> 6


# ---- tournament tree (steepest: largest gain; least: smallest positive gain; left wins ties) ------
def tree_size(n: int) -> int:
    """The length of a tournament tree array over n leaves (2P, P the least power of two >= n).

    Parameters
    ----------
    n : int

    Returns
    -------
    int

    Examples
    --------
    >>> tree_size(5), tree_size(1)
    (16, 2)
    """
    P = 1
    while P < n:
        P <<= 1
    return 2 * P


@njit(cache=True)
def tree_pick(g, rule, a, b):
    """The winner of leaves a and b (-1: empty) under ``rule`` (STEEPEST or LEAST); a is the left one."""
    if a < 0:
        return b
    if b < 0:
        return a
    ga, gb = ld(g, a), ld(g, b)
    if rule == STEEPEST:
        return b if gt(gb, ga) else a
    if pos(gb) and (not pos(ga) or gt(ga, gb)):
        return b
    return a


@njit(cache=True)
def tree_build(g, rule, t, n):
    """Fill the tournament tree ``t`` (length :func:`tree_size`) over the gains g[0:n]."""
    P = t.size // 2
    for i in range(P):
        t[P + i] = i if i < n else -1
    for p in range(P - 1, 0, -1):
        t[p] = tree_pick(g, rule, t[2 * p], t[2 * p + 1])


@njit(cache=True)
def tree_fix(g, rule, t, v):
    """Recompute the winners above leaf v after g[v] changed; stop once a winner other than v is
    unchanged (then nothing above can change)."""
    P = t.size // 2
    p = (P + v) >> 1
    while p > 0:
        w = tree_pick(g, rule, t[2 * p], t[2 * p + 1])
        if w == t[p] and w != v:
            return
        t[p] = w
        p >>= 1


# ---- Fenwick tree of improving indicators (random rule) -------------------------------------------
@njit(cache=True)
def fen_add(fen, v, d):
    """Add d to the indicator of element v (``fen`` has length n + 1)."""
    n = fen.size - 1
    i = v + 1
    while i <= n:
        fen[i] += d
        i += i & -i


@njit(cache=True)
def fen_select(fen, k):
    """0-based index of the (k+1)-th member."""
    n = fen.size - 1
    step = np.int64(1) << top(np.uint64(n))
    p, rem = np.int64(0), k + 1
    while step > 0:
        if p + step <= n and fen[p + step] < rem:
            p += step
            rem -= fen[p]
        step >>= 1
    return p


# ---- splitmix64 (the ``random`` rule's stream, as localsearch.core.rules) -------------------------
@njit(cache=True)
def splitmix(rng):
    """One splitmix64 output; advances the state ``rng[0]`` (uint64)."""
    s = rng[0] + np.uint64(0x9E3779B97F4A7C15)
    rng[0] = s
    z = (s ^ (s >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


@njit(cache=True)
def uniform_below(rng, count):
    """Exactly uniform k in [0, count) by rejection, as :func:`localsearch.core.rules.uniform_below`."""
    c = np.uint64(count)
    threshold = (_U0 - c) % c
    while True:
        r = splitmix(rng)
        if r >= threshold:
            return np.int64(r % c)

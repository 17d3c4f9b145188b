"""The compiled pivot loop shared by the triplet kernels: lazy gains, the six rules, and the run protocol.

Every triplet kernel keeps, per point p, a cached best gain ``g[p]`` (0 when p has no improving move)
and its best move, and a ``dirty`` flag: the cache is stale and p must be re-evaluated before it is
trusted. A move of point v makes v and every point sharing a triplet with v dirty (the incremental-gain
argument of :mod:`localsearch.triplets.driver`). Dirty points are re-evaluated lazily, exactly when the
Python driver would look at them:

- ``first`` / ``last`` / ``cyclic`` keep a hierarchical bitset ``cand`` of the points that are dirty or
  improving; the scan takes its lowest (highest, next after the cyclic pointer) member, evaluates it if
  dirty, moves it if improving, else drops it and scans on. Gains are pure functions of the current
  solution, so evaluating lazily gives the driver's choices;
- ``steepest`` / ``least`` / ``random`` evaluate every dirty point (a stack of them) and keep the
  tournament tree or the Fenwick tree of :mod:`localsearch.core.jit_pivots` over the gains; ``random``
  draws k uniform in [0, count) from the shared splitmix64 stream, only when a move is actually made.

Run protocol: an engine kernel loops ``pv_next`` (returns EVAL p, MOVE p or OPT), evaluates p with its
own exact best-move routine (which clears ``dirty[p]``), or moves p and calls ``pv_moved``. It returns
``(steps, code)`` with code LIMIT (the chunk's step limit was reached), OPTIMUM, or a hand-over to
Python: NEED_EVAL (p = ``state[ARG]`` must be evaluated outside, e.g. its weights are too wide),
RESCALE (the line's position grid must be refined, ``state[ARG]`` = the denominator asked for) or
OVERFLOW (a proven bound would be exceeded: the run continues on the exact Python path). A hand-over
happens before anything is changed, and Python evaluating p itself just writes ``g[p]``, the move and
``dirty[p] = 0``: the next ``pv_next`` files p into the rule's structure.

The pivot arrays travel as one tuple ``pv = (dirty, cand, hoff, stack, t, fen, imp, state, rng)``, made
by :func:`pivot_arrays`.

>>> import numpy as np
>>> g = np.zeros(3, dtype=np.int64)
>>> pv = pivot_arrays(3, RULE_CODES["first"], 0, g)
>>> pv_next(0, g, pv, True)                 # everything starts dirty: evaluate point 0 first
(0, 0)
>>> g[0], g[1], pv[0][0], pv[0][1] = 0, 4, 0, 0   # 0 does not improve, 1 gains 4
>>> pv_next(0, g, pv, True)
(1, 1)
"""
from __future__ import annotations

import numpy as np
from numba import njit

from localsearch.core.jit_int import ld, pos
from localsearch.core.jit_pivots import (CYCLIC, FIRST, LAST, RANDOM, RULE_CODES, fen_add, fen_select, hb_clear,
                                         hb_layout, hb_max, hb_min, hb_next, hb_set, tree_build, tree_fix, tree_size,
                                         uniform_below)
from localsearch.core.rules import MASK64

__all__ = ["RULE_CODES", "EVAL", "MOVE", "OPT", "LIMIT", "OPTIMUM", "NEED_EVAL", "RESCALE", "OVERFLOW", "PTR", "COUNT",
           "SP", "ARG", "EVALS", "FILTERED", "MOVES", "pivot_arrays", "pv_next", "pv_moved", "sort_events", "build_csr",
           "neighbour_csr"]

# pv_next answers
EVAL, MOVE, OPT = 0, 1, 2
# kernel return codes
LIMIT, OPTIMUM, NEED_EVAL, RESCALE, OVERFLOW = 0, 1, 2, 3, 4
# slots of the state vector: cyclic pointer, improving count (random), stack size, hand-over argument,
# counters of full evaluations, of evaluations a kernel's filter settled without one, and of all moves
PTR, COUNT, SP, ARG, EVALS, FILTERED, MOVES = 0, 1, 2, 3, 4, 5, 6


def pivot_arrays(m: int, rule: int, rng: int, g=None, ptr: int = 0) -> tuple:
    """Fresh pivot arrays for m points under rule code ``rule``: every point dirty.

    Parameters
    ----------
    m : int
        The number of points.
    rule : int
        A code of ``RULE_CODES``.
    rng : int
        The splitmix64 state of the ``random`` rule.
    g : numpy.ndarray, optional
        The gains (int64 or int128 limbs; default int64 zeros), for the tournament tree.
    ptr : int, default 0
        The cyclic rule's pointer (the point after the last one moved).

    Returns
    -------
    tuple
        ``(dirty, cand, hoff, stack, t, fen, imp, state, rng)``.
    """
    hoff = hb_layout(m)
    cand = np.zeros(hoff[-1], dtype=np.uint64)
    dirty = np.ones(m, dtype=np.int8)
    stack = np.arange(m - 1, -1, -1, dtype=np.int64)
    state = np.zeros(8, dtype=np.int64)
    state[PTR] = ptr
    if rule <= CYCLIC:
        for p in range(m):
            hb_set(cand, hoff, p)
    else:
        state[SP] = m
    t = np.full(tree_size(m) if rule in (3, 4) else 2, -1, dtype=np.int64)
    if rule in (3, 4):
        tree_build(np.zeros(m, dtype=np.int64) if g is None else g, rule, t, m)
    fen = np.zeros(m + 1, dtype=np.int64)
    imp = np.zeros(m, dtype=np.int8)
    return dirty, cand, hoff, stack, t, fen, imp, state, np.array([rng & MASK64], dtype=np.uint64)


@njit(cache=True, inline="always")
def pv_next(rule, g, pv, draw):
    """What the loop does next: ``(EVAL, p)`` evaluate dirty p, ``(MOVE, p)`` move p, ``(OPT, -1)`` stop.

    ``draw`` is False when no move may be made (the chunk's limit is reached): then ``random`` reports
    MOVE -1 without drawing, so the stream advances only on real moves.
    """
    dirty, cand, hoff, stack, t, fen, imp, state, rng = pv
    if rule <= CYCLIC:
        while True:
            if rule == FIRST:
                v = hb_min(cand, hoff)
            elif rule == LAST:
                v = hb_max(cand, hoff)
            else:
                v = hb_next(cand, hoff, state[PTR])
                if v < 0:
                    v = hb_min(cand, hoff)
            if v < 0:
                return OPT, -1
            if dirty[v]:
                return EVAL, v
            if pos(ld(g, v)):
                return MOVE, v
            hb_clear(cand, hoff, v)
    while state[SP] > 0:
        q = stack[state[SP] - 1]
        if dirty[q]:
            return EVAL, q
        state[SP] -= 1
        if rule == RANDOM:
            now = 1 if pos(ld(g, q)) else 0
            if now != imp[q]:
                fen_add(fen, q, 1 if now else -1)
                state[COUNT] += 1 if now else -1
                imp[q] = now
        else:
            tree_fix(g, rule, t, q)
    if rule == RANDOM:
        if state[COUNT] == 0:
            return OPT, -1
        if not draw:
            return MOVE, -1
        return MOVE, fen_select(fen, uniform_below(rng, state[COUNT]))
    v = t[1]
    if v < 0 or not pos(ld(g, v)):
        return OPT, -1
    return MOVE, v


@njit(cache=True, inline="always")
def _mark(rule, q, dirty, cand, hoff, stack, state):
    """Make point q dirty (its cached gain and move may be stale)."""
    if dirty[q]:
        return
    dirty[q] = 1
    if rule <= CYCLIC:
        hb_set(cand, hoff, q)
    else:
        stack[state[SP]] = q
        state[SP] += 1


@njit(cache=True, inline="always")
def pv_moved(rule, v, nbptr, nb, pv):
    """After a move of v: v and its neighbours (CSR ``nbptr``/``nb``) are dirty; the cyclic pointer moves on."""
    dirty, cand, hoff, stack, state = pv[0], pv[1], pv[2], pv[3], pv[7]
    _mark(rule, v, dirty, cand, hoff, stack, state)
    for k in range(nbptr[v], nbptr[v + 1]):
        _mark(rule, nb[k], dirty, cand, hoff, stack, state)
    if rule == CYCLIC:
        state[PTR] = v + 1 if v + 1 < dirty.size else 0


@njit(cache=True)
def sort_events(bp, bk, ne):
    """Sort the events bp[0:ne] (payload bk) by position: Shell sort (Ciura's gaps, then insertion), in place,
    no allocation (the sweeps of every triplet kernel)."""
    for gap in (57, 23, 10, 4, 1):
        if gap >= ne:
            continue
        for i in range(gap, ne):
            x, y = bp[i], bk[i]
            j = i
            while j >= gap and bp[j - gap] > x:
                bp[j] = bp[j - gap]
                bk[j] = bk[j - gap]
                j -= gap
            bp[j] = x
            bk[j] = y



def build_csr(rows: list[list], dtype=np.int64) -> tuple[np.ndarray, np.ndarray]:
    """A CSR (indptr, flat values) of lists.

    Parameters
    ----------
    rows : list of list
    dtype : numpy dtype, default int64

    Returns
    -------
    (indptr, values) : tuple of numpy.ndarray

    Examples
    --------
    >>> [a.tolist() for a in build_csr([[1, 2], [], [0]])]
    [[0, 2, 2, 3], [1, 2, 0]]
    """
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    flat = np.array([x for r in rows for x in r], dtype=dtype)
    return indptr, flat


def neighbour_csr(points: int, triplets) -> tuple[np.ndarray, np.ndarray]:
    """For each point, the other points sharing a triplet with it (sorted), as a CSR.

    Parameters
    ----------
    points : int
    triplets : iterable of (a, b, c, w)

    Returns
    -------
    (indptr, indices) : tuple of numpy.ndarray

    Examples
    --------
    >>> [a.tolist() for a in neighbour_csr(4, [(0, 1, 2, 1)])]
    [[0, 2, 4, 6, 6], [1, 2, 0, 2, 0, 1]]
    """
    nbs: list[set] = [set() for _ in range(points)]
    for a, b, c, _ in triplets:
        nbs[a].update((b, c))
        nbs[b].update((a, c))
        nbs[c].update((a, b))
    return build_csr([sorted(s) for s in nbs])

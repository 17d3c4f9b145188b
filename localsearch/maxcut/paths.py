"""All improving paths at once: the DAG of assignments reachable from a start by improving flips.

Every improving flip strictly increases the cut, so the states reachable from a start s_0 by
improving flips form a directed acyclic graph whose sinks are the reachable local optima. A pivot
rule picks one path of this DAG, so

- ``longest``  = the most flips ANY pivot rule can make from s_0 (worst case over all rules),
- ``shortest`` = the fewest flips any rule can make (the best rule for this start),

and every rule's step count lies in [shortest, longest]. We report the number of reachable states,
of reachable local optima, of improving moves (DAG arcs), both path lengths and a witness flip
sequence for each (ties broken towards the lowest vertex index).

Method: a state is a bitmask (bit v set iff s_v = -1, as ``Assignment.to_bits``); breadth-first
exploration, then a dynamic programme over the states in decreasing cut order (successors have
strictly larger cuts). Up to ``DENSE_MAX_VERTICES`` a dense int32 array of 2^n entries maps a state to
its position (visited test and successor lookup in one memory access); beyond, a visited bitset of
2^n bits and binary search in the sorted state array. Both loops are compiled with numba when every gain and cut fits int64
(``Graph.int64_safe``); otherwise exploration runs with exact Python integers. Memory is about
``BYTES_PER_STATE`` bytes per reachable state plus 4 * 2^n (dense) or 2^n / 8 bytes: exploration stops with
``TooManyStates`` beyond ``max_states``, and ``max_states`` is refused if it would not fit in memory.

>>> from instances import Graph
>>> r = improving_paths(Graph(3, ((0, 1, 1), (1, 2, 1))), start=(1, 1, 1))
>>> r.reachable, r.local_optima, r.longest, r.shortest
(5, 2, 2, 1)

Reference: Schaeffer & Yannakakis, "Simple local search problems that are hard to solve", SIAM J.
Comput. 20(1), 1991; Monien & Tscheuschner, CIAC 2010 (exponentially long improving flip sequences).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Sequence

import numba
import numpy as np

from instances import Assignment, Graph, InstanceError

MAX_VERTICES = 30  # the visited bitset has 2^n bits (128 MiB at n = 30)
DENSE_MAX_VERTICES = 26  # up to here a dense int32 index of 2^n entries (256 MiB at n = 26) replaces it
DEFAULT_MAX_STATES = 8_000_000
BYTES_PER_STATE = 56  # states, masks, cut ranks, order, L, S, witnesses (+ sorting scratch)


class TooManyStates(InstanceError):
    """The reachable set is larger than ``max_states``."""


@dataclass(frozen=True)
class PathsResult:
    """The improving-flip DAG seen from one start.

    Attributes
    ----------
    n : int
        Number of vertices.
    start : Assignment
        The start assignment.
    reachable : int
        Number of assignments reachable from the start by improving flips (the start included).
    local_optima : int
        Number of reachable local optima (the sinks of the DAG).
    moves : int
        Number of improving flips between reachable assignments (the arcs of the DAG).
    longest : int
        The most flips any pivot rule can make from the start.
    shortest : int
        The fewest flips any pivot rule can make from the start.
    longest_path, shortest_path : tuple of int
        Witness flip sequences of those lengths (ties to the lowest vertex at every step).
    seconds : float
        Time of the exploration and the dynamic programme.
    arithmetic : str
        ``"int64"`` (compiled) or ``"python"`` (exact integers of any size).
    """

    n: int
    start: Assignment
    reachable: int
    local_optima: int
    moves: int
    longest: int
    shortest: int
    longest_path: tuple[int, ...]
    shortest_path: tuple[int, ...]
    seconds: float
    arithmetic: str

    def to_json(self) -> dict:
        """The result as a JSON-able dict (``n`` is reported as ``vertices``)."""
        return {"vertices": self.n, "start": list(self.start), "reachable": self.reachable,
                "local_optima": self.local_optima, "moves": self.moves, "longest": self.longest,
                "shortest": self.shortest, "longest_path": list(self.longest_path),
                "shortest_path": list(self.shortest_path), "seconds": self.seconds,
                "arithmetic": self.arithmetic}


def _available_bytes() -> int | None:
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def improving_paths(graph: Graph, start: Sequence[int] | None = None, max_states: int = DEFAULT_MAX_STATES,
                    arithmetic: str = "auto") -> PathsResult:
    """Explore every improving flip sequence from ``start`` at once (see the module docstring).

    Parameters
    ----------
    graph : Graph
        The weighted graph, at most ``MAX_VERTICES`` vertices.
    start : Assignment or sequence of int, optional
        The start (None: the graph's own start, else all +1).
    max_states : int, default DEFAULT_MAX_STATES
        The most reachable assignments to store.
    arithmetic : str, default "auto"
        ``"auto"`` (the compiled int64 path when provably exact, else Python integers), ``"int64"``
        (refused if not exact) or ``"python"``.

    Returns
    -------
    PathsResult

    Raises
    ------
    TooManyStates
        If more than ``max_states`` assignments are reachable.
    InstanceError
        If n > ``MAX_VERTICES``, ``max_states`` < 1 or does not fit in the free memory, the start has
        the wrong length, or ``"int64"`` is forced on weights beyond it.
    ValueError
        If ``arithmetic`` is unknown.

    References
    ----------
    Monien & Tscheuschner, "On the power of nodes of degree four in the local max-cut problem", CIAC 2010.
    """
    n = graph.n
    if n > MAX_VERTICES:
        raise InstanceError(f"exhaustive path analysis needs at most {MAX_VERTICES} vertices, got {n}")
    if max_states < 1:
        raise InstanceError(f"max_states must be positive, got {max_states}")
    avail = _available_bytes()
    need = max_states * BYTES_PER_STATE + ((4 << n) if n <= DENSE_MAX_VERTICES else (1 << n) // 8)
    if avail is not None and need > avail:
        raise InstanceError(f"max_states={max_states} needs about {need >> 20} MiB, only {avail >> 20} MiB free")
    if start is None:
        start = graph.start if graph.start is not None else Assignment.plus(n)
    s0 = start if isinstance(start, Assignment) else Assignment(tuple(start))
    if len(s0) != n:
        raise InstanceError(f"start has {len(s0)} entries, the graph has {n} vertices")
    if arithmetic not in ("auto", "int64", "python"):
        raise ValueError(f"unknown arithmetic {arithmetic!r}")
    if arithmetic == "int64" and not graph.int64_safe:
        raise InstanceError("weights too large for int64 arithmetic; use arithmetic='python'")
    fast = arithmetic != "python" and graph.int64_safe
    t0 = time.perf_counter()
    if fast:
        states, masks, rank, index = _explore_int64(graph, s0.to_bits(), max_states)
    else:
        states, masks, rank, index = _explore_python(graph, s0.to_bits(), max_states)
    longest_len, shortest_len, lnext, snext, optima, moves = _dp(states, masks, rank, index)
    start_idx = int(_lookup(states, index, s0.to_bits()))
    lpath = _follow(states, index, lnext, start_idx)
    spath = _follow(states, index, snext, start_idx)
    return PathsResult(n, s0, len(states), int(optima), int(moves), int(longest_len[start_idx]),
                       int(shortest_len[start_idx]), lpath, spath, time.perf_counter() - t0,
                       "int64" if fast else "python")


def _follow(states, index, nxt, idx) -> tuple[int, ...]:
    path = []
    while nxt[idx] >= 0:
        v = int(nxt[idx])
        path.append(v)
        idx = int(_lookup(states, index, int(states[idx]) ^ (1 << v)))
    return tuple(path)


# --- exploration ------------------------------------------------------------------------------------
def _explore_int64(graph: Graph, start_bits: int, max_states: int):
    csr = graph.csr()
    dense = graph.n <= DENSE_MAX_VERTICES
    index = np.full(1 << graph.n if dense else 0, -1, dtype=np.int32)
    states, masks, cuts, count = _bfs(graph.n, csr.indptr, csr.indices, csr.weights, np.int64(start_bits),
                                      np.int64(max_states), index)
    if count < 0:
        raise TooManyStates(f"more than {max_states} assignments reachable by improving flips "
                            f"(raise max_states if memory allows)")
    states, masks, cuts = states[:count], masks[:count], cuts[:count]
    if not dense:
        order = np.argsort(states, kind="stable")
        states, masks, cuts = states[order], masks[order], cuts[order]
    return states, masks, np.argsort(-cuts, kind="stable"), index


def _explore_python(graph: Graph, start_bits: int, max_states: int):
    """The same exploration with exact Python integers (weights beyond int64)."""
    n = graph.n
    csr = graph.csr()
    indptr, indices, weights = csr.indptr.tolist(), csr.indices.tolist(), csr.weights.tolist()
    seen = {start_bits}
    queue = [start_bits]
    masks, cuts = [], []
    head = 0
    while head < len(queue):
        b = queue[head]
        head += 1
        mask = 0
        cut = 0
        for v in range(n):
            bv = (b >> v) & 1
            g = 0
            for k in range(indptr[v], indptr[v + 1]):
                u, w = indices[k], weights[k]
                if (b >> u) & 1 == bv:
                    g += w
                else:
                    g -= w
                    if u < v:
                        cut += w
            if g > 0:
                mask |= 1 << v
                nb = b ^ (1 << v)
                if nb not in seen:
                    if len(seen) >= max_states:
                        raise TooManyStates(f"more than {max_states} assignments reachable by improving flips "
                                            f"(raise max_states if memory allows)")
                    seen.add(nb)
                    queue.append(nb)
        masks.append(mask)
        cuts.append(cut)
    states = np.array(queue, dtype=np.int64)
    order = np.argsort(states, kind="stable")
    by_cut = sorted(range(len(queue)), key=lambda i: cuts[order[i]], reverse=True)
    return (states[order], np.array(masks, dtype=np.int64)[order], np.array(by_cut, dtype=np.int64),
            np.empty(0, dtype=np.int32))


def _bfs_impl(n, indptr, indices, weights, start, max_states, index):
    """Breadth-first search over improving flips; returns (states, masks, cuts, count), count = -1
    when more than max_states states are reachable. With a dense ``index`` (size 2^n, all -1) it
    records each state's position there; otherwise a visited bitset is used."""
    dense = index.shape[0] > 0
    words = 1 if dense else ((1 << n) + 63) >> 6
    seen = np.zeros(words, dtype=np.uint64)
    cap = min(max_states, 1 << 12)
    states = np.empty(cap, dtype=np.int64)
    masks = np.empty(cap, dtype=np.int64)
    cuts = np.empty(cap, dtype=np.int64)
    states[0] = start
    if dense:
        index[start] = 0
    else:
        seen[start >> 6] |= np.uint64(1) << np.uint64(start & 63)
    count = 1
    head = 0
    while head < count:
        b = states[head]
        mask = 0
        cut = 0
        for v in range(n):
            bv = (b >> v) & 1
            g = 0
            for k in range(indptr[v], indptr[v + 1]):
                u = indices[k]
                if ((b >> u) & 1) == bv:
                    g += weights[k]
                else:
                    g -= weights[k]
                    if u < v:
                        cut += weights[k]
            if g > 0:
                mask |= 1 << v
                nb = b ^ (1 << v)
                if dense:
                    new = index[nb] < 0
                else:
                    word = nb >> 6
                    bit = np.uint64(1) << np.uint64(nb & 63)
                    new = (seen[word] & bit) == 0
                if new:
                    if count >= max_states:
                        return states, masks, cuts, -1
                    if dense:
                        index[nb] = count
                    else:
                        seen[word] |= bit
                    if count == cap:
                        cap = min(max_states, 2 * cap)
                        states2 = np.empty(cap, dtype=np.int64)
                        states2[:count] = states[:count]
                        states = states2
                        masks2 = np.empty(cap, dtype=np.int64)
                        masks2[:count] = masks[:count]
                        masks = masks2
                        cuts2 = np.empty(cap, dtype=np.int64)
                        cuts2[:count] = cuts[:count]
                        cuts = cuts2
                    states[count] = nb
                    count += 1
        masks[head] = mask
        cuts[head] = cut
        head += 1
    return states, masks, cuts, count


def _lookup(states, index, b):
    """Position of state ``b``: the dense index if there is one, else binary search (sorted states)."""
    if index.shape[0] > 0:
        return index[b]
    return np.searchsorted(states, b)


def _dp_impl(states, masks, order, index):
    """Longest/shortest improving path from each state to a sink, processing states by decreasing cut."""
    r = states.shape[0]
    dense = index.shape[0] > 0
    longest = np.zeros(r, dtype=np.int64)
    shortest = np.zeros(r, dtype=np.int64)
    lnext = np.full(r, -1, dtype=np.int8)
    snext = np.full(r, -1, dtype=np.int8)
    optima = 0
    moves = 0
    for t in range(r):
        i = order[t]
        mask = masks[i]
        if mask == 0:
            optima += 1
            continue
        best_l = -1
        best_s = 1 << 62
        v = 0
        while mask != 0:
            if mask & 1:
                moves += 1
                nb = states[i] ^ (1 << v)
                j = index[nb] if dense else np.searchsorted(states, nb)
                if longest[j] + 1 > best_l:
                    best_l = longest[j] + 1
                    lnext[i] = v
                if shortest[j] + 1 < best_s:
                    best_s = shortest[j] + 1
                    snext[i] = v
            mask >>= 1
            v += 1
        longest[i] = best_l
        shortest[i] = best_s
    return longest, shortest, lnext, snext, optima, moves


_bfs = numba.njit(cache=True, nogil=True)(_bfs_impl)
_dp = numba.njit(cache=True, nogil=True)(_dp_impl)

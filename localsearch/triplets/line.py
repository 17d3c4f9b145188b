"""Local search for weighted triplets on the line (target ``euclidean``, dim 1), exact.

A triplet (a, b, c) with weight w is satisfied iff |x_a - x_b| < |x_a - x_c| (strict). The objective is
the total satisfied weight; a move puts ONE point anywhere on the line (SPEC section 3).

Exact best position of one point p (all others fixed). The satisfied weight of p's triplets, as a
function of p's coordinate x, is piecewise constant. Each triplet of p is satisfied on an open set:
- p is the anchor a: x on b's side of the midpoint (x_b + x_c)/2 (never if x_b = x_c);
- p is b: x in the open interval (x_a - r, x_a + r), r = |x_a - x_c|;
- p is c: x outside the closed interval [x_a - r, x_a + r], r = |x_a - x_b|.
Sorting the breakpoints B_0 < ... < B_{K-1} cuts the line into 2K + 1 pieces (open intervals and the
breakpoints themselves); a difference array over the pieces gives every piece's value in
O(K log K). All arithmetic is exact (ints, and ``Fraction`` only where a coordinate is not integral).
Since every satisfied set is open the function is lower semicontinuous, so the best value is always
reached on an open interval, never only at a breakpoint.

Tie rule (documented, deterministic): the new position is in the LEFTMOST best open interval, at its
representative: for (L, U) bounded, the integer nearest the midpoint (ties to the smaller) if the
interval contains an integer, else the unique rational of smallest denominator in it; for
(-inf, B_0) it is floor(B_0) - 1 and for (B_{K-1}, inf) it is ceil(B_{K-1}) + 1. A point moves only
if its best value is strictly larger than its current one.

Pivot rules (SPEC section 1, on points): ``first`` (lowest-index point with an improving move,
rescanning from 0), ``last``, ``steepest`` (largest gain, ties to the lowest index), ``least``
(smallest positive gain, ties lowest), ``cyclic`` (scan on from the point after the last one moved,
wrapping) and ``random`` (the k-th improving point in index order, k from the splitmix64 stream of
``localsearch.core.rules.random_pick``, the same as the flip engine's). Each chosen point goes to its
best position.

>>> from instances import TripletInstance
>>> inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1, start=(0, 3, 1))
>>> res = local_search(inst)
>>> res.steps, res.value, [str(x) for x in res.solution]
(1, 5, ['3', '3', '1'])

Reference: the seed paper, Yan et al., "The Complexity of Finding Local Optima in Contrastive
Learning", NeurIPS 2025 (PLS-hardness of weighted satisfied triplets, already for d = 1).
"""
from __future__ import annotations

import math
import time
from fractions import Fraction

import numpy as np

from instances import InstanceError, TripletInstance
from instances.triplets import positions_from

from ..core.certificate import Certificate
from ..core.result import RunResult
from ..core.rules import MASK64, random_pick

RULES = ("first", "last", "steepest", "least", "cyclic", "random")


# --- exact numbers ---------------------------------------------------------------------------------
def norm(x):
    """An int when the rational is integral (fast path), else a Fraction."""
    if isinstance(x, Fraction) and x.denominator == 1:
        return x.numerator
    return x


def half(x):
    if isinstance(x, int):
        return x // 2 if x % 2 == 0 else Fraction(x, 2)
    return norm(x / 2)


def simplest_between(lo, hi):
    """The unique rational of smallest denominator in the open interval (lo, hi), lo < hi."""
    lo, hi = Fraction(lo), Fraction(hi)
    fl = math.floor(lo)
    if fl + 1 < hi:
        return Fraction(fl + 1)
    # (lo, hi) lies in [fl, fl + 1]: recurse on the reciprocals of the fractional parts
    x, y = lo - fl, hi - fl
    if x == 0:
        return fl + 1 / Fraction(math.floor(1 / y) + 1)
    return fl + 1 / simplest_between(1 / y, 1 / x)


def representative(lo, hi):
    """The documented point of an open interval (lo, hi); None bounds mean infinity."""
    if lo is None and hi is None:
        return 0
    if lo is None:
        return math.floor(hi) - 1
    if hi is None:
        return math.ceil(lo) + 1
    a, b = math.floor(lo) + 1, math.ceil(hi) - 1  # integers strictly inside
    if a <= b:
        mid = Fraction(lo + hi) / 2
        k = math.floor(mid)
        cands = [c for c in (k, k + 1) if a <= c <= b] or [a if mid < a else b]
        return min(cands, key=lambda c: (abs(c - mid), c))
    return norm(simplest_between(lo, hi))


# --- per-point data ----------------------------------------------------------------------------------
def point_triplets(inst: TripletInstance) -> list[list[tuple[int, int, int, int]]]:
    """For every point, the triplets (a, b, c, w) it takes part in."""
    out: list[list] = [[] for _ in range(inst.points)]
    for t in inst.triplets:
        for q in t[:3]:
            out[q].append(t)
    return out


def co_points(inst: TripletInstance) -> list[set[int]]:
    """For every point, the other points sharing a triplet with it (their best moves may change)."""
    out: list[set] = [set() for _ in range(inst.points)]
    for a, b, c, _ in inst.triplets:
        out[a].update((b, c))
        out[b].update((a, c))
        out[c].update((a, b))
    return out


def point_value(p: int, x, pos, trips, dist=lambda u, v: abs(u - v)) -> int:
    """Satisfied weight of p's triplets with p at x (others at ``pos``); ``dist`` any monotone
    function of the distance (|u - v| on the line, the squared norm in R^d)."""
    total = 0
    for a, b, c, w in trips:
        xa = x if a == p else pos[a]
        xb = x if b == p else pos[b]
        xc = x if c == p else pos[c]
        if dist(xa, xb) < dist(xa, xc):
            total += w
    return total


def best_move(p: int, pos, trips):
    """(gain, new position) of p's exact best move, gain = best value - current value (>= 0).

    The position is None when the gain is 0 (p stays).
    """
    current = point_value(p, pos[p], pos, trips)
    best, x = sweep(p, pos, trips)
    if best is None or best <= current:
        return 0, None
    return best - current, x


def sweep(p: int, pos, trips):
    """(best value, leftmost best position) of p's triplets over the whole line, others fixed
    (``pos[p]`` is not read). (None, None) when p is in no triplet that can ever be satisfied."""
    sets = []  # (kind, lo, hi, w): 'lt' x < lo, 'gt' x > lo, 'in' lo < x < hi, 'out' x < lo or x > hi
    bps = set()
    for a, b, c, w in trips:
        if a == p:
            xb, xc = pos[b], pos[c]
            if xb == xc:
                continue
            m = half(xb + xc)
            sets.append(("lt" if xb < xc else "gt", m, m, w))
            bps.add(m)
        else:
            xa = pos[a]
            r = abs(xa - pos[c if b == p else b])
            if b == p and r == 0:
                continue
            lo, hi = xa - r, xa + r
            sets.append(("in" if b == p else "out", lo, hi, w))
            bps.add(lo)
            bps.add(hi)
    if not bps:
        return None, None
    B = sorted(bps)
    idx = {v: i for i, v in enumerate(B)}
    K = len(B)
    diff = [0] * (2 * K + 2)  # pieces: 0 = (-inf, B0), 2i+1 = {B_i}, 2i+2 = (B_i, B_{i+1}), 2K = (B_{K-1}, inf)

    def add(first, last, w):
        if first <= last:
            diff[first] += w
            diff[last + 1] -= w

    for kind, lo, hi, w in sets:
        i, j = idx[lo], idx[hi]
        if kind == "lt":
            add(0, 2 * i, w)
        elif kind == "gt":
            add(2 * i + 2, 2 * K, w)
        elif kind == "in":
            add(2 * i + 2, 2 * j, w)
        else:
            add(0, 2 * i, w)
            add(2 * j + 2, 2 * K, w)
    best, arg, run = None, 0, 0
    for k in range(2 * K + 1):
        run += diff[k]
        if best is None or run > best:
            best, arg = run, k
    if arg % 2 == 1:  # cannot happen (lower semicontinuity); kept exact anyway
        return best, B[arg // 2]
    i = arg // 2
    lo = B[i - 1] if i > 0 else None
    hi = B[i] if i < K else None
    return best, representative(lo, hi)


# --- the engine ----------------------------------------------------------------------------------------
def _check(inst: TripletInstance):
    if inst.target != "euclidean" or inst.dim != 1:
        raise InstanceError(f"the line engine needs target 'euclidean' with dim 1, got {inst.target!r} dim {inst.dim}")


def _start_positions(inst: TripletInstance, start):
    if start is None:
        start = inst.start
    if start is None:
        raise InstanceError("no start embedding given and the instance has none")
    return [norm(x) for x in inst.check_solution(start)]


def local_search(inst: TripletInstance, rule: str = "first", start=None, seed: int = 0, max_steps=None,
                 time_limit=None, progress=None, trajectory=None) -> RunResult:
    """Improving single-point moves until none is left (or a limit), each to the exact best position.

    ``trajectory``, if a list, receives ``(point, new_position)`` per move.
    """
    _check(inst)
    return run(inst, rule, _start_positions(inst, start), best_move, seed, max_steps, time_limit, progress,
               trajectory)


def run(inst: TripletInstance, rule, pos, best_fn, seed=0, max_steps=None, time_limit=None, progress=None,
        trajectory=None) -> RunResult:
    """The pivot-rule loop shared by the line and R^d engines: ``best_fn(p, pos, trips_of_p)`` gives
    (gain, position); only co-points of the moved point are recomputed (lazily)."""
    if rule not in RULES:
        raise InstanceError(f"unknown rule {rule!r} (supported: {', '.join(RULES)})")
    N = inst.points
    trips = point_triplets(inst)
    co = co_points(inst)
    cache: list = [None] * N  # (gain, position) or None when stale
    rng = [seed & MASK64]  # splitmix64 state, shared with the flip engine's random rule
    moves = [0] * N
    start_value = inst.satisfied_weight(tuple(pos))
    value = start_value
    steps, status, last_moved = 0, "local_optimum", -1
    t0 = time.perf_counter()

    def get(p):
        if cache[p] is None:
            cache[p] = best_fn(p, pos, trips[p])
        return cache[p]

    def choose():
        if rule == "first":
            return next((p for p in range(N) if get(p)[0] > 0), None)
        if rule == "last":
            return next((p for p in range(N - 1, -1, -1) if get(p)[0] > 0), None)
        if rule == "cyclic":
            return next((p for p in ((last_moved + 1 + k) % N for k in range(N)) if get(p)[0] > 0), None)
        improving = [p for p in range(N) if get(p)[0] > 0]
        if not improving:
            return None
        if rule == "steepest":
            return max(improving, key=lambda p: (get(p)[0], -p))
        if rule == "least":
            return min(improving, key=lambda p: (get(p)[0], p))
        rng[0], p = random_pick(rng[0], improving)
        return p

    while True:
        if max_steps is not None and steps >= max_steps:
            status = "max_steps" if choose() is not None else "local_optimum"
            break
        if time_limit is not None and time.perf_counter() - t0 > time_limit:
            status = "time_limit"
            break
        p = choose()
        if p is None:
            break
        gain, x = cache[p]
        pos[p] = x
        value += gain
        steps += 1
        moves[p] += 1
        last_moved = p
        cache[p] = None
        for q in co[p]:
            cache[q] = None
        if trajectory is not None:
            trajectory.append((p, x))
        if progress is not None:
            progress(1)
    seconds = time.perf_counter() - t0
    solution = positions_from(pos, inst.dim)
    return RunResult(steps, status, value, start_value, solution, seconds, rule, seed,
                     {"moves_per_point": moves, "arithmetic": "python-exact"})


def certify(inst: TripletInstance, solution) -> Certificate:
    """Exact certificate: no single point has an improving move; else the best one (ties lowest index).

    Recomputed from scratch (no engine state); ``value`` is the satisfied weight.
    """
    _check(inst)
    return certify_with(inst, solution, best_move, lambda x: str(Fraction(x)))


def certify_with(inst: TripletInstance, solution, best_fn, fmt) -> Certificate:
    sol = inst.check_solution(solution)
    pos = [norm(x) if inst.dim == 1 else tuple(norm(c) for c in x) for x in sol]
    trips = point_triplets(inst)
    value = inst.satisfied_weight(sol)
    best = (0, None, None)
    for p in range(inst.points):
        gain, x = best_fn(p, pos, trips[p])
        if gain > best[0]:
            best = (gain, p, x)
    if best[1] is None:
        return Certificate(True, None, 0, value)
    return Certificate(False, {"point": best[1], "position": fmt(best[2])}, best[0], value)


def random_solution(inst: TripletInstance, seed: int = 0):
    """Any embedding (not a clean one): coordinates k/q with q in {1, 2, 3, 4} and |k| <= 4 * points,
    so coincident points and ties occur with positive probability."""
    rng = np.random.default_rng(seed)
    M = 4 * max(inst.points, 1)
    xs = [Fraction(int(rng.integers(-M, M + 1)), int(rng.integers(1, 5))) for _ in range(inst.points)]
    return positions_from(xs, 1)


def brute_force_gain(inst: TripletInstance, solution, p: int):
    """Slow reference for tests: the best gain of point p over a superset of all breakpoints (every
    other coordinate, midpoint of two others and reflection of one other about another), the points
    between consecutive candidates and beyond the extremes, each scored by the full objective."""
    pos = list(inst.check_solution(solution))
    others = [pos[q] for q in range(inst.points) if q != p]
    cands = set(others)
    for u in others:
        for v in others:
            cands.add((u + v) / 2)
            cands.add(2 * u - v)
    cs = sorted(cands)
    probe = list(cs) + [cs[0] - 1, cs[-1] + 1] if cs else [Fraction(0)]
    probe += [(x + y) / 2 for x, y in zip(cs, cs[1:])]
    current = inst.satisfied_weight(tuple(pos))
    best = current
    for x in probe:
        pos[p] = Fraction(x)
        best = max(best, inst.satisfied_weight(tuple(pos)))
    return best - current

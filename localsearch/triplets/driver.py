"""The pivot-rule driver for neighbourhoods that move one point (triplets on trees, betweenness, ...).

An engine supplies a state with ``best(p) -> (gain, move)`` (the exact best move of point p; gain <= 0
means p has no improving move), ``apply(move)`` and ``inc`` (the triplets at each point). The driver
picks the point by the pivot rule (SPEC section 1, with "vertex" read as "point", points in index
order), applies its best move, counts steps, and stops at a local optimum, after ``max_steps`` moves or
after ``time_limit`` seconds.

Incremental gains: moving x does not change the best gain of a point y that shares no triplet with x
(y's triplets only see the relative placement of y and points other than x, and the set of placements
reachable by moving y is the same before and after x moves: e.g. for trees, regrafting x leaves the
tree restricted to the other leaves unchanged). So after a move only x and the points sharing a triplet
with x are re-evaluated; cached gains of the others stay exact. Moves are always recomputed fresh for
the chosen point (and checked against the cached gain).

Reference: Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988.
"""
from __future__ import annotations

import time

from instances import TripletInstance

from ..core.certificate import Certificate
from ..core.result import RunResult
from ..core.rules import MASK64, RULES, random_pick


def incidence(inst: TripletInstance) -> list[list[tuple[int, int, int, int]]]:
    """The triplets at each point."""
    inc: list[list] = [[] for _ in range(inst.points)]
    for t in inst.triplets:
        for p in set(t[:3]):
            inc[p].append(t)
    return inc


class GainCache:
    """Best gain of every point, re-evaluated only where a move can have changed it."""

    def __init__(self, state, m: int, incremental: bool = True):
        self.state, self.m, self.incremental = state, m, incremental
        self.gains: list = [None] * m
        self.moves: dict = {}
        self.neighbours = [sorted({q for t in state.inc[p] for q in t[:3]}) for p in range(m)]

    def gain(self, p: int) -> int:
        if self.gains[p] is None:
            self.gains[p], self.moves[p] = self.state.best(p)
        return self.gains[p]

    def move(self, p: int):
        if p not in self.moves:
            gain, self.moves[p] = self.state.best(p)
            if gain != self.gains[p]:
                raise AssertionError(f"cached gain {self.gains[p]} of point {p} is stale (now {gain})")
        return self.moves[p]

    def apply(self, p: int, move) -> None:
        self.state.apply(move)
        self.moves = {}
        if not self.incremental:
            self.gains = [None] * self.m
            return
        self.gains[p] = None
        for q in self.neighbours[p]:
            self.gains[q] = None


def pick(cache: GainCache, rule: str, last: int, rng):
    """The point chosen by ``rule`` among points with an improving move, or None."""
    m = cache.m
    if rule in ("first", "last", "cyclic"):
        if rule == "first":
            scan = range(m)
        elif rule == "last":
            scan = range(m - 1, -1, -1)
        else:
            scan = ((last + k) % m for k in range(1, m + 1))
        return next((p for p in scan if cache.gain(p) > 0), None)
    improving = [p for p in range(m) if cache.gain(p) > 0]
    if not improving:
        return None
    if rule == "steepest":
        return max(improving, key=lambda p: (cache.gains[p], -p))
    if rule == "least":
        return min(improving, key=lambda p: (cache.gains[p], p))
    if rule == "random":
        rng[0], p = random_pick(rng[0], improving)
        return p
    raise ValueError(f"unknown pivot rule {rule!r} (expected one of {', '.join(RULES)})")


def run(state, m: int, value0: int, solution, rule="first", seed=0, max_steps=None, time_limit=None,
        progress=None, trajectory=None, incremental=True) -> RunResult:
    """Local search from ``state``; ``solution()`` returns the current solution. ``trajectory`` (a list)
    receives ``(point, gain, move)`` per step; ``incremental=False`` re-evaluates every point each step.
    ``extra["moves_per_point"]`` counts the moves of each point."""
    if rule not in RULES:
        raise ValueError(f"unknown pivot rule {rule!r} (expected one of {', '.join(RULES)})")
    rng = [seed & MASK64]  # splitmix64 state, shared with the flip engine's random rule
    cache = GainCache(state, m, incremental)
    t0 = time.perf_counter()
    steps, value, last = 0, value0, -1
    per_point = [0] * m
    while True:
        if time_limit is not None and time.perf_counter() - t0 > time_limit:
            status = "time_limit"
            break
        p = pick(cache, rule, last, rng)
        if p is None:
            status = "local_optimum"
            break
        if max_steps is not None and steps >= max_steps:
            status = "max_steps"
            break
        gain, move = cache.gains[p], cache.move(p)
        cache.apply(p, move)
        value += gain
        steps += 1
        per_point[p] += 1
        last = p
        if trajectory is not None:
            trajectory.append((p, gain, move))
        if progress is not None:
            progress(1)
    return RunResult(steps=steps, status=status, value=value, start_value=value0, solution=solution(),
                     seconds=time.perf_counter() - t0, rule=rule, seed=seed, extra={"moves_per_point": per_point})


def search(inst, state, start, rule="first", seed=0, max_steps=None, time_limit=None, progress=None,
           trajectory=None, incremental=True) -> RunResult:
    """``run`` from ``start`` (already loaded into ``state``), exact Python-int arithmetic."""
    res = run(state, inst.points, inst.satisfied_weight(start), state.solution, rule, seed, max_steps,
              time_limit, progress, trajectory, incremental)
    res.extra["arithmetic"] = "python"
    return res


def certify_moves(inst, state, value, describe) -> Certificate:
    """Certificate of the solution loaded into a fresh ``state`` (objective ``value``): the best move over
    all points (largest gain, lowest point), described by ``describe(move) -> dict`` (called before the
    move is applied), its gain re-checked by recomputing the objective after the move from scratch."""
    best = None
    for p in range(inst.points):
        gain, move = state.best(p)
        if gain > 0 and (best is None or gain > best[0]):
            best = (gain, move)
    if best is None:
        return Certificate(True, None, 0, value)
    gain, move = best
    witness = {**describe(move), "gain": gain}
    state.apply(move)
    if inst.satisfied_weight(state.solution()) != value + gain:
        raise AssertionError(f"certificate: witness {witness} does not match the recomputed objective")
    return Certificate(False, witness, gain, value)

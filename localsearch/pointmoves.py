"""The pivot-rule driver for neighbourhoods that move one point (triplets on trees, betweenness, ...).

An engine supplies a state with ``best(p) -> (gain, move)`` (the exact best move of point p; gain <= 0
means p has no improving move) and ``apply(move)``. The driver picks the point by the pivot rule (SPEC
section 1, with "vertex" read as "point", points in index order), applies its best move, counts steps,
and stops at a local optimum, after ``max_steps`` moves or after ``time_limit`` seconds.

Reference: Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988.
"""
from __future__ import annotations

import time

import numpy as np

from .result import RunResult
from .rules import RULES


def pick(state, m: int, rule: str, last: int, rng):
    """(point, gain, move) chosen by ``rule`` among points with an improving move, or None."""
    if rule in ("first", "last", "cyclic"):
        if rule == "first":
            scan = range(m)
        elif rule == "last":
            scan = range(m - 1, -1, -1)
        else:
            scan = ((last + k) % m for k in range(1, m + 1))
        for p in scan:
            gain, move = state.best(p)
            if gain > 0:
                return p, gain, move
        return None
    improving = []
    for p in range(m):
        gain, move = state.best(p)
        if gain > 0:
            improving.append((p, gain, move))
    if not improving:
        return None
    if rule == "steepest":
        return max(improving, key=lambda x: (x[1], -x[0]))
    if rule == "least":
        return min(improving, key=lambda x: (x[1], x[0]))
    if rule == "random":
        return improving[int(rng.integers(len(improving)))]
    raise ValueError(f"unknown pivot rule {rule!r} (expected one of {', '.join(RULES)})")


def run(state, m: int, value0: int, solution, rule="first", seed=0, max_steps=None, time_limit=None,
        progress=None, trajectory=None) -> RunResult:
    """Local search from ``state``; ``solution()`` returns the current solution. ``trajectory`` (a list)
    receives ``(point, gain, move)`` per step."""
    if rule not in RULES:
        raise ValueError(f"unknown pivot rule {rule!r} (expected one of {', '.join(RULES)})")
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    steps, value, last = 0, value0, -1
    while True:
        if time_limit is not None and time.perf_counter() - t0 > time_limit:
            status = "time_limit"
            break
        choice = pick(state, m, rule, last, rng)
        if choice is None:
            status = "local_optimum"
            break
        if max_steps is not None and steps >= max_steps:
            status = "max_steps"
            break
        p, gain, move = choice
        state.apply(move)
        value += gain
        steps += 1
        last = p
        if trajectory is not None:
            trajectory.append((p, gain, move))
        if progress is not None:
            progress(1)
    return RunResult(steps=steps, status=status, value=value, start_value=value0, solution=solution(),
                     seconds=time.perf_counter() - t0, rule=rule, seed=seed)

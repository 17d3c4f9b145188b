"""Simulated annealing (Metropolis) with single-point moves on a line ``TripletInstance`` (target
euclidean, dim 1), with move counting.

Propose a uniformly random point i and a uniformly random *candidate position* for it (see
``line_candidates``); the change is the exact difference of satisfied weight over the triplets
containing i; accept by the Metropolis rule of ``localsearch.core.metropolis``. The end point is
certified independently (``certify_line``); with ``polish=True`` the run then finishes with best
improving moves (counted as ``polish_steps``) so that it ends at a certified local optimum.

Line candidates. For point i with the others fixed, each triplet containing i changes status only at
finitely many breakpoints: as anchor (i, b, c) at (x_b + x_c)/2; as b in (a, i, c) at x_a +- |x_a - x_c|;
as c in (a, b, i) at x_a +- |x_a - x_b|. The satisfied weight is constant on every open interval between
consecutive breakpoints (and beyond the extreme ones), so the breakpoints, one point inside every
interval (the rational with the smallest denominator, to keep positions short) and one point beyond
each end realise every value a single move of i can reach. Hence a brute-force pass over these
candidates for every point decides local optimality exactly.

>>> from instances import TripletInstance
>>> inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1, start=(0, 3, 1))
>>> r = anneal_line(inst, cap=50, seed=1, polish=True)
>>> r.extra["certificate"]["local_optimum"], r.value
(True, 5)

Reference: S. Kirkpatrick, C. D. Gelatt, M. P. Vecchi, "Optimization by simulated annealing", Science
220, 1983.
"""
from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Sequence

import numpy as np

from instances import InstanceError, TripletInstance
from instances.triplets import positions_from

from ..core.certificate import Certificate
from ..core.metropolis import metropolis
from ..core.result import RunResult
from ..core.schedules import beta as beta_of, planned_steps


def simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The rational with the smallest denominator strictly between lo < hi (continued fractions)."""
    if not lo < hi:
        raise ValueError(f"empty interval ({lo}, {hi})")
    fl = math.floor(lo)
    if fl + 1 < hi:  # an integer lies strictly inside (fl <= lo < fl + 1)
        return Fraction(fl + 1)
    lo_r, hi_r = lo - fl, hi - fl  # 0 <= lo_r < hi_r <= 1
    if lo_r == 0:
        return fl + Fraction(1, math.floor(1 / hi_r) + 1)
    return fl + 1 / simplest_between(1 / hi_r, 1 / lo_r)


def _incident(inst: TripletInstance) -> list[list[tuple[int, int, int, int]]]:
    inc = [[] for _ in range(inst.points)]
    for t in inst.triplets:
        for q in set(t[:3]):
            inc[q].append(t)
    return inc


def _local_weight(trips, x: Sequence[Fraction]) -> int:
    return sum(w for a, b, c, w in trips if abs(x[a] - x[b]) < abs(x[a] - x[c]))


def line_candidates(inst_incident, i: int, x: Sequence[Fraction]) -> list[Fraction]:
    """Breakpoints of point i, one simplest rational inside every gap and one beyond each end."""
    bps = set()
    for a, b, c, _ in inst_incident[i]:
        if i == a:
            bps.add((x[b] + x[c]) / 2)
        else:
            r = abs(x[a] - (x[c] if i == b else x[b]))
            bps.update((x[a] - r, x[a] + r))
    if not bps:
        return [x[i]]
    pts = sorted(bps)
    out = [Fraction(math.floor(pts[0]) - 1)] + pts + [Fraction(math.ceil(pts[-1]) + 1)]
    out += [simplest_between(l, r) for l, r in zip(pts, pts[1:])]
    return out


def _check_line(inst: TripletInstance) -> None:
    if inst.target != "euclidean" or inst.dim != 1:
        raise InstanceError(f"single-point line moves need a euclidean instance of dim 1, got "
                            f"{inst.target} in dim {inst.dim}")


def certify_line(inst: TripletInstance, positions) -> Certificate:
    """Local brute force: the best single-point move over all candidates of every point (exact)."""
    _check_line(inst)
    x = list(inst.check_solution(positions))
    inc = _incident(inst)
    best = (0, None)
    for i in range(inst.points):
        here = _local_weight(inc[i], x)
        old = x[i]
        for cand in line_candidates(inc, i, x):
            x[i] = cand
            gain = _local_weight(inc[i], x) - here
            if gain > best[0]:
                best = (gain, {"point": i, "to": str(cand)})
        x[i] = old
    value = inst.satisfied_weight(tuple(x))
    return Certificate(best[1] is None, best[1], best[0], value)


def random_line_positions(inst: TripletInstance, seed: int) -> tuple[Fraction, ...]:
    """Integer positions uniform in [0, 4m) (ties allowed): any embedding, not only clean ones."""
    rng = np.random.default_rng(seed)
    return tuple(Fraction(int(v)) for v in rng.integers(0, 4 * max(inst.points, 1), size=inst.points))


def line_descent(inst: TripletInstance, positions, inc=None) -> tuple[tuple, int]:
    """Best improving single-point moves until ``certify_line`` finds none; returns (positions, steps)."""
    x = tuple(positions)
    steps = 0
    while True:
        cert = certify_line(inst, x)
        if cert.local_optimum:
            return x, steps
        w = cert.witness
        x = x[: w["point"]] + (Fraction(w["to"]),) + x[w["point"] + 1:]
        steps += 1


def anneal_line(inst: TripletInstance, schedule: str = "log", c: float = 1.0, dt: float = 0.01,
                beta_target: float = 10.0, cap: int = 20_000, seed: int = 0, start=None, scale=1,
                polish: bool = False, progress=None) -> RunResult:
    """Metropolis single-point moves on a line triplet instance (maximising satisfied weight)."""
    _check_line(inst)
    if inst.points == 0:
        raise InstanceError("the instance has no point")
    x = list(positions_from(start, 1) if start is not None else (inst.start or random_line_positions(inst, seed)))
    inc = _incident(inst)
    value = [inst.satisfied_weight(tuple(x))]
    start_value = value[0]
    K, stop = planned_steps(schedule, c, dt, beta_target, cap)
    beta_k = lambda k: beta_of(schedule, k, c, dt, beta_target)  # noqa: E731

    def propose(rng):
        i = int(rng.integers(inst.points))
        cands = line_candidates(inc, i, x)
        new = cands[int(rng.integers(len(cands)))]
        here = _local_weight(inc[i], x)
        old, x[i] = x[i], new
        delta = _local_weight(inc[i], x) - here
        x[i] = old
        return (i, new), delta

    def apply(move, delta):
        x[move[0]] = move[1]
        value[0] += delta

    t0 = time.perf_counter()
    counts = metropolis(K, seed + 1, propose, apply, beta_k, scale, progress)  # seed: the random start
    anneal_end_value = value[0]
    sol, polish_steps = line_descent(inst, tuple(x)) if polish else (tuple(x), 0)
    seconds = time.perf_counter() - t0
    cert = certify_line(inst, sol)
    extra = dict(counts, schedule=schedule, c=c, dt=dt, beta_target=beta_target, cap=cap, stop=stop,
                 final_beta=float(beta_of(schedule, max(K - 1, 0), c, dt, beta_target)), scale=scale,
                 anneal_end_value=anneal_end_value, polish_steps=polish_steps, certificate=cert.to_json())
    return RunResult(K + polish_steps, "local_optimum" if cert.local_optimum else "max_steps", cert.value,
                     start_value, sol, seconds, f"anneal-{schedule}", seed, extra)

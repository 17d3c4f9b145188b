"""Simulated annealing (Metropolis) with single-point moves on a line ``TripletInstance`` (target
euclidean, dim 1), with move counting.

Propose a uniformly random point i and a uniformly random *candidate position* for it (see
``line_candidates``); the change is the exact difference of satisfied weight over the triplets
containing i; accept by the Metropolis rule of ``localsearch.core.metropolis``. The end point is
certified independently (``certify_line``); with ``polish=True`` the run then finishes with best
improving moves (counted as ``polish_steps``) so that it ends at a certified local optimum.

Line candidates. For point i with the others fixed, each triplet containing i changes status only at
finitely many breakpoints (``localsearch.triplets.line.satisfied_sets``, here with the would-be
breakpoints of triplets that never hold): as anchor (i, b, c) at (x_b + x_c)/2; as b in (a, i, c) at
x_a +- |x_a - x_c|; as c in (a, b, i) at x_a +- |x_a - x_b|. The satisfied weight is constant on every
open interval between consecutive breakpoints (and beyond the extreme ones), so the breakpoints, one
point inside every interval (the rational with the smallest denominator, to keep positions short) and
one point beyond each end realise every value a single move of i can reach. Hence a brute-force pass
over these candidates for every point decides local optimality exactly (``certify_line``, on the
certificate routine of ``localsearch.triplets.driver``), and the polish is the driver's steepest
descent over the same candidates.

>>> from instances import TripletInstance
>>> inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1, start=(0, 3, 1))
>>> r = anneal_line(inst, cap=50, seed=1, polish=True)
>>> r.extra["certificate"]["local_optimum"], r.value
(True, 5)

Reference: S. Kirkpatrick, C. D. Gelatt, M. P. Vecchi, "Optimization by simulated annealing", Science
220, 1983.
"""
from __future__ import annotations

import time
from fractions import Fraction

import numpy as np

from instances import InstanceError, TripletInstance
from instances.triplets import positions_from

from ..core.certificate import Certificate
from ..core.metropolis import metropolis
from ..core.result import RunResult
from ..core.schedules import beta as beta_of, planned_steps
from .driver import certify_moves, incidence, run
from .line import point_value, representative, satisfied_sets, simplest_between

__all__ = ["anneal_line", "certify_line", "line_descent", "line_candidates", "random_line_positions",
           "CandidateState"]


def line_candidates(inc, i: int, x) -> list[Fraction]:
    """The candidate positions of point i: breakpoints, one simplest rational inside every gap, one beyond each end.

    Parameters
    ----------
    inc : list of list of tuple
        The triplets at each point (``driver.incidence``).
    i : int
        The point.
    x : sequence of Fraction
        Positions of all points.

    Returns
    -------
    list of Fraction
        ``[floor(B_0) - 1] + [B_0, ..., B_K-1] + [ceil(B_K-1) + 1] + [simplest rational in (B_k, B_k+1)
        for each k]`` for the sorted breakpoints B (degenerate ones included); ``[x[i]]`` if i is in no
        triplet. The order matters: the annealing draws an index into this list.

    Examples
    --------
    >>> x = [Fraction(0), Fraction(4), Fraction(1)]
    >>> [str(c) for c in line_candidates([[(0, 1, 2, 5), (1, 0, 2, 1)]], 0, x)]
    ['0', '1', '5/2', '7', '8', '2', '3']
    """
    _, bps = satisfied_sets(i, x, inc[i], degenerate=True)
    if not bps:
        return [x[i]]
    pts = sorted(b if isinstance(b, Fraction) else Fraction(b) for b in bps)
    out = [Fraction(representative(None, pts[0]))] + pts + [Fraction(representative(pts[-1], None))]
    out += [simplest_between(lo, hi) for lo, hi in zip(pts, pts[1:])]
    return out


def _check_line(inst: TripletInstance) -> None:
    if inst.target != "euclidean" or inst.dim != 1:
        raise InstanceError(f"single-point line moves need a euclidean instance of dim 1, got "
                            f"{inst.target} in dim {inst.dim}")


class CandidateState:
    """Points on the line, each moving only to its ``line_candidates``: the annealing's neighbourhood.

    The best move of a point is found by brute force over its candidates (the first best in candidate
    order), an engine state of ``localsearch.triplets.driver`` (``MoveState``); the candidates and their
    values depend only on the positions of the point's co-points, so moves are stable.

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance of dim 1.
    positions : sequence of Fraction
        The positions (copied).
    inc : list, optional
        The triplets at each point (``driver.incidence``), if already computed.

    Examples
    --------
    >>> inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1)
    >>> CandidateState(inst, [Fraction(0), Fraction(3), Fraction(1)]).best(0)
    (5, (0, Fraction(3, 1)))
    """

    stable_moves = True
    arithmetic = "python-exact"

    def __init__(self, inst: TripletInstance, positions, inc=None):
        self.x = list(positions)
        self.inc = incidence(inst) if inc is None else inc

    def best(self, i: int):
        """(gain, (i, position)) of the best candidate of point i, or (0, None)."""
        x, trips = self.x, self.inc[i]
        here = point_value(i, x[i], x, trips)
        best = (0, None)
        for cand in line_candidates(self.inc, i, x):
            gain = point_value(i, cand, x, trips) - here
            if gain > best[0]:
                best = (gain, (i, cand))
        return best

    def apply(self, move) -> None:
        """Put point ``move[0]`` at ``move[1]``."""
        i, cand = move
        self.x[i] = cand

    def solution(self) -> tuple:
        """The current positions."""
        return tuple(self.x)


def certify_line(inst: TripletInstance, positions) -> Certificate:
    """Local brute force: the best single-point move over all candidates of every point (exact).

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance of dim 1.
    positions : sequence
        The positions to certify.

    Returns
    -------
    Certificate
        The witness of a non-optimum is ``{"point": i, "to": "p/q"}``: the largest gain, ties to the
        lowest point, then to the first candidate.

    Raises
    ------
    InstanceError
        If the instance is not on the line.

    Examples
    --------
    >>> inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1)
    >>> certify_line(inst, (0, 3, 1)).witness
    {'point': 0, 'to': '3'}
    """
    _check_line(inst)
    state = CandidateState(inst, inst.check_solution(positions))
    return certify_moves(inst, state, lambda move, gain: {"point": move[0], "to": str(move[1])})


def random_line_positions(inst: TripletInstance, seed: int) -> tuple[Fraction, ...]:
    """Integer positions uniform in [0, 4m) (ties allowed): any embedding, not only clean ones.

    Parameters
    ----------
    inst : TripletInstance
        The instance (only its number of points is read).
    seed : int

    Returns
    -------
    tuple of Fraction
    """
    rng = np.random.default_rng(seed)
    return tuple(Fraction(int(v)) for v in rng.integers(0, 4 * max(inst.points, 1), size=inst.points))


def line_descent(inst: TripletInstance, positions, inc=None) -> tuple[tuple, int]:
    """Best improving candidate moves (steepest, ties to the lowest point) until ``certify_line`` finds none.

    Each step is the witness move of ``certify_line`` (the driver's ``steepest`` rule on
    ``CandidateState``).

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance of dim 1.
    positions : sequence of Fraction
        The start.
    inc : list, optional
        The triplets at each point (``driver.incidence``), if already computed.

    Returns
    -------
    tuple
        ``(positions, steps)``.

    Examples
    --------
    >>> inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1)
    >>> line_descent(inst, (Fraction(0), Fraction(3), Fraction(1)))
    ((Fraction(3, 1), Fraction(3, 1), Fraction(1, 1)), 1)
    """
    res = run(inst, CandidateState(inst, positions, inc), rule="steepest")
    return res.solution, res.steps


def anneal_line(inst: TripletInstance, schedule: str = "log", c: float = 1.0, dt: float = 0.01,
                beta_target: float = 10.0, cap: int = 20_000, seed: int = 0, start=None, scale=1,
                polish: bool = False, progress=None) -> RunResult:
    """Metropolis single-point moves on a line triplet instance (maximising satisfied weight).

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance of dim 1 with at least one point.
    schedule, c, dt, beta_target, cap
        The inverse-temperature schedule and its step plan (``localsearch.core.schedules``).
    seed : int, default 0
        Seed of the random start (if needed); the Metropolis stream uses seed + 1.
    start : sequence, optional
        The start positions (default: the instance's start, else ``random_line_positions``).
    scale : number, default 1
        Changes of the objective are divided by ``scale`` in the acceptance rule.
    polish : bool, default False
        Finish with ``line_descent`` so that the run ends at a certified local optimum.
    progress : callable, optional
        Progress callback of ``localsearch.core.metropolis.metropolis``.

    Returns
    -------
    RunResult
        ``steps`` = proposals + polish steps; ``status`` ``local_optimum`` iff ``certify_line`` says so;
        ``value`` the final satisfied weight; ``extra`` the Metropolis counts, the schedule, the value at
        the end of the annealing (``anneal_end_value``), ``polish_steps`` and the certificate (JSON).

    Raises
    ------
    InstanceError
        If the instance is not on the line or has no point.

    References
    ----------
    Kirkpatrick, Gelatt & Vecchi, "Optimization by simulated annealing", Science 220, 1983.
    """
    _check_line(inst)
    if inst.points == 0:
        raise InstanceError("the instance has no point")
    x = list(positions_from(start, 1) if start is not None else (inst.start or random_line_positions(inst, seed)))
    inc = incidence(inst)
    value = [inst.satisfied_weight(tuple(x))]
    start_value = value[0]
    K, stop = planned_steps(schedule, c, dt, beta_target, cap)
    beta_k = lambda k: beta_of(schedule, k, c, dt, beta_target)  # noqa: E731

    def propose(rng):
        i = int(rng.integers(inst.points))
        cands = line_candidates(inc, i, x)
        new = cands[int(rng.integers(len(cands)))]
        delta = point_value(i, new, x, inc[i]) - point_value(i, x[i], x, inc[i])
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

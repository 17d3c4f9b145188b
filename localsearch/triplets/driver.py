"""The one pivot-rule driver of the triplet engines (line, R^d, trees, orderings) and their certificate.

Every triplet engine moves ONE point at a time to its exact best place (a position on the line, a
point of R^d, a regraft edge, a slot of the order). An engine describes its current solution by a
small state object (``MoveState``):

- ``inc``: the triplets (a, b, c, w) at each point (``incidence``);
- ``best(p) -> (gain, move)``: the exact best move of point p and its gain over the current solution
  (``(0, None)`` when p has no improving move);
- ``apply(move)``: make the move;
- ``solution()``: the current solution, in the instance's solution form;
- ``stable_moves``: True when the move of p computed earlier stays the best move of p as long as no
  point sharing a triplet with p moves (moves name absolute places: coordinates on the line or in
  R^d); False when moves name places that shift as other points move (ranks in an order, tie breaks
  by preorder in a tree), so the driver recomputes the chosen point's move fresh;
- ``arithmetic``: the label reported as ``extra["arithmetic"]`` (the engine's number type).

``run`` picks the point by the pivot rule (SPEC section 1, with "vertex" read as "point", points in
index order), applies its best move, counts steps, and stops at a local optimum, after ``max_steps``
moves (status ``max_steps`` unless the solution then is a local optimum) or after ``time_limit``
seconds. The rules: ``first`` (lowest-index improving point, rescanning from 0), ``last``,
``steepest`` (largest gain, ties to the lowest index), ``least`` (smallest positive gain, ties
lowest), ``cyclic`` (scan on from the point after the last one moved, wrapping) and ``random`` (the
k-th improving point in index order, k from the splitmix64 stream of
``localsearch.core.rules.random_pick``, the same stream as the flip engine's).

Incremental gains: moving x does not change the best gain of a point y that shares no triplet with x
(y's triplets only see the relative placement of y and points other than x, and the set of placements
reachable by moving y is the same before and after x moves: e.g. for trees, regrafting x leaves the
tree restricted to the other leaves unchanged). So after a move only x and the points sharing a triplet
with x are re-evaluated; cached gains of the others stay exact.

``certify_moves`` is the certificate of every triplet engine: the best move over all points (largest
gain, ties to the lowest point), its gain re-checked by recomputing the objective from scratch.

>>> from instances import TripletInstance
>>> inst = TripletInstance(3, ((0, 1, 2, 4), (1, 0, 2, 1)), dim=1)
>>> incidence(inst)[2], neighbours(incidence(inst))[2]
([(0, 1, 2, 4), (1, 0, 2, 1)], [0, 1])

Reference: Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Protocol

from instances import InstanceError, TripletInstance

from ..core.certificate import Certificate
from ..core.interrupt import deferred
from ..core.result import RunResult
from ..core.rules import MASK64, RULES, random_pick


class MoveState(Protocol):
    """What ``run`` and ``certify_moves`` need of an engine's state (see the module docstring).

    Attributes
    ----------
    inc : list of list of tuple
        The triplets (a, b, c, w) at each point.
    stable_moves : bool
        Whether a move of p stays valid while points sharing no triplet with p move.
    arithmetic : str
        The label reported as ``RunResult.extra["arithmetic"]``.
    """

    inc: list
    stable_moves: bool
    arithmetic: str

    def best(self, p: int) -> tuple[Any, Any]:
        """(gain, move) of the exact best move of point p; (0, None) if it has no improving move."""

    def apply(self, move) -> None:
        """Make ``move``."""

    def solution(self) -> Any:
        """The current solution."""


def incidence(inst: TripletInstance) -> list[list[tuple[int, int, int, int]]]:
    """The triplets at each point, in instance order (a triplet has three distinct points).

    Parameters
    ----------
    inst : TripletInstance
        Any triplet instance.

    Returns
    -------
    list of list of tuple
        Entry p lists the triplets (a, b, c, w) with p in {a, b, c}.

    Examples
    --------
    >>> from instances import TripletInstance
    >>> incidence(TripletInstance(4, ((0, 1, 2, 3), (3, 2, 1, 1))))
    [[(0, 1, 2, 3)], [(0, 1, 2, 3), (3, 2, 1, 1)], [(0, 1, 2, 3), (3, 2, 1, 1)], [(3, 2, 1, 1)]]
    """
    inc: list[list] = [[] for _ in range(inst.points)]
    for t in inst.triplets:
        a, b, c, _ = t
        inc[a].append(t)
        inc[b].append(t)
        inc[c].append(t)
    return inc


def neighbours(inc) -> list[list[int]]:
    """For each point, the other points sharing a triplet with it (sorted): the points whose best
    moves a move of it can change.

    Parameters
    ----------
    inc : list of list of tuple
        The triplets at each point (``incidence``).

    Returns
    -------
    list of list of int

    Examples
    --------
    >>> neighbours([[(0, 1, 2, 1)], [(0, 1, 2, 1)], [(0, 1, 2, 1)], []])
    [[1, 2], [0, 2], [0, 1], []]
    """
    return [sorted({q for t in trips for q in t[:3]} - {p}) for p, trips in enumerate(inc)]


class GainCache:
    """The best gain of every point, re-evaluated only where a move can have changed it.

    Parameters
    ----------
    state : MoveState
        The engine state the gains are computed on.
    m : int
        The number of points.
    incremental : bool, default True
        Re-evaluate only the moved point and its ``neighbours`` after a move; False re-evaluates every
        point (the reference the incremental run must equal).

    Attributes
    ----------
    gains : list
        ``gains[p]`` is p's best gain, or None when it must be recomputed.
    moves : dict
        Best moves matching the cached gains, while they are valid (see ``MoveState.stable_moves``).
    """

    def __init__(self, state: MoveState, m: int, incremental: bool = True):
        self.state, self.m, self.incremental = state, m, incremental
        self.stable = state.stable_moves
        self.gains: list = [None] * m
        self.moves: dict = {}
        self.neighbours = neighbours(state.inc)

    def gain(self, p: int):
        """The best gain of point p (computed on demand)."""
        g = self.gains[p]
        if g is None:
            g, self.moves[p] = self.state.best(p)
            self.gains[p] = g
        return g

    def move(self, p: int):
        """The best move of point p, whose gain is cached; recomputed when it may be out of date.

        Raises
        ------
        AssertionError
            If a recomputed gain differs from the cached one (incremental gains would be wrong).
        """
        move = self.moves.get(p)
        if move is None:
            gain, move = self.state.best(p)
            if gain != self.gains[p]:
                raise AssertionError(f"cached gain {self.gains[p]} of point {p} is stale (now {gain})")
            self.moves[p] = move
        return move

    def apply(self, p: int, move) -> None:
        """Make ``move`` (of point p) and forget what it may have changed."""
        self.state.apply(move)
        if not self.incremental:
            self.gains = [None] * self.m
            self.moves = {}
            return
        if not self.stable:
            self.moves = {}
        gains = self.gains
        gains[p] = None
        for q in self.neighbours[p]:
            gains[q] = None


def pick(cache: GainCache, rule: str, last: int, rng: list):
    """The point chosen by ``rule`` among the points with an improving move, or None.

    Parameters
    ----------
    cache : GainCache
        The gains.
    rule : str
        A pivot rule (``localsearch.core.rules.RULES``).
    last : int
        The last point moved (-1 before the first move), for ``cyclic``.
    rng : list
        ``[state]`` of the splitmix64 stream, advanced by ``random``.

    Returns
    -------
    int or None
    """
    m, gains, gain = cache.m, cache.gains, cache.gain
    if rule in ("first", "last", "cyclic"):
        if rule == "first":
            scan = range(m)
        elif rule == "last":
            scan = range(m - 1, -1, -1)
        else:
            scan = ((last + k) % m for k in range(1, m + 1))
        for p in scan:
            g = gains[p]
            if (gain(p) if g is None else g) > 0:
                return p
        return None
    improving = [p for p in range(m) if (gain(p) if gains[p] is None else gains[p]) > 0]
    if not improving:
        return None
    if rule == "steepest":
        return max(improving, key=lambda p: (gains[p], -p))
    if rule == "least":
        return min(improving, key=lambda p: (gains[p], p))
    rng[0], p = random_pick(rng[0], improving)
    return p


def run(inst: TripletInstance, state: MoveState, rule: str = "first", seed: int = 0, max_steps=None,
        time_limit=None, progress=None, trajectory=None, incremental: bool = True, resume: dict | None = None,
        start_value=None) -> RunResult:
    """Improving one-point moves chosen by a pivot rule, from the solution loaded into ``state``.

    Parameters
    ----------
    inst : TripletInstance
        The instance (its points are the points of ``state``).
    state : MoveState
        The engine state holding the start; it is moved along.
    rule : str, default "first"
        A pivot rule of ``localsearch.core.rules.RULES``.
    seed : int, default 0
        Seed of the splitmix64 stream of the ``random`` rule (taken mod 2^64).
    max_steps : int, optional
        Stop after this many moves.
    time_limit : float, optional
        Stop after this many seconds (checked before every move).
    progress : callable, optional
        Called with 1 after every move.
    trajectory : list, optional
        Receives ``(point, gain, move)`` per move.
    incremental : bool, default True
        Re-evaluate only the points sharing a triplet with the moved one (False: every point).
    resume : dict, optional
        Continue a run that stopped (e.g. a compiled run handing over to this exact path, or a
        checkpoint): ``steps`` made so far, ``per_point`` moves, ``rng`` (the splitmix64 state) and
        ``last`` (the last point moved, -1 if none). ``max_steps`` then counts from the very start.
    start_value : int, optional
        The objective of the run's start, if known (default: the objective of ``state`` now).

    Returns
    -------
    RunResult
        ``status`` is ``local_optimum``, ``max_steps`` (checked first: a run that reaches the step
        limit at a local optimum reports ``local_optimum``), ``time_limit`` or ``interrupted`` (SIGINT or
        SIGTERM, see :mod:`localsearch.core.interrupt`); ``value`` and ``start_value`` are exact;
        ``extra`` has ``moves_per_point`` (moves of each point), ``arithmetic`` (``state.arithmetic``)
        and ``rule_state`` (``rng`` and ``last``, to resume).

    Raises
    ------
    InstanceError
        For an unknown pivot rule.
    """
    if rule not in RULES:
        raise InstanceError(f"unknown pivot rule {rule!r} (expected one of {', '.join(RULES)})")
    m = inst.points
    value = inst.satisfied_weight(state.solution())
    if start_value is None:
        start_value = value
    resume = resume or {}
    rng = [int(resume.get("rng", seed)) & MASK64]  # splitmix64 state, shared with the flip engine's random rule
    cache = GainCache(state, m, incremental)
    steps, last = int(resume.get("steps", 0)), int(resume.get("last", -1))
    per_point = list(resume.get("per_point", [0] * m))
    t0 = time.perf_counter()
    with deferred() as interrupted:  # SIGINT/SIGTERM: stop between moves, the state consistent
        while True:
            if max_steps is not None and steps >= max_steps:  # local optimum or not, without drawing
                status = "local_optimum" if pick(cache, "first", last, rng) is None else "max_steps"
                break
            if time_limit is not None and time.perf_counter() - t0 > time_limit:
                status = "time_limit"
                break
            if interrupted:
                status = "interrupted"
                break
            p = pick(cache, rule, last, rng)
            if p is None:
                status = "local_optimum"
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
    seconds = time.perf_counter() - t0
    return RunResult(steps=steps, status=status, value=value, start_value=start_value, solution=state.solution(),
                     seconds=seconds, rule=rule, seed=seed,
                     extra={"moves_per_point": per_point, "arithmetic": state.arithmetic,
                            "rule_state": {"rng": rng[0], "last": last}})


def certify_moves(inst: TripletInstance, state: MoveState, describe: Callable[[Any, Any], dict],
                  value=None) -> Certificate:
    """Certificate of the solution loaded into a fresh ``state``: is any one-point move improving?

    Parameters
    ----------
    inst : TripletInstance
        The instance.
    state : MoveState
        A state holding the solution to certify (it is changed: the witness move is applied).
    describe : callable
        ``describe(move, gain) -> dict``: the JSON witness of an improving move (called before the
        move is applied).
    value : int, optional
        The objective of the solution, if already known (else recomputed from scratch).

    Returns
    -------
    Certificate
        Local optimum, or the best move over all points (largest gain, ties to the lowest point)
        described by ``describe``, with its gain.

    Raises
    ------
    AssertionError
        If the objective recomputed after the witness move is not ``value + gain``.
    """
    if value is None:
        value = inst.satisfied_weight(state.solution())
    best = None
    for p in range(inst.points):
        gain, move = state.best(p)
        if gain > 0 and (best is None or gain > best[0]):
            best = (gain, move)
    if best is None:
        return Certificate(True, None, 0, value)
    gain, move = best
    witness = describe(move, gain)
    state.apply(move)
    if inst.satisfied_weight(state.solution()) != value + gain:
        raise AssertionError(f"certificate: witness {witness} does not match the recomputed objective")
    return Certificate(False, witness, gain, value)

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

The pivot rules and the loop are those of ``localsearch.triplets.driver`` (every rule of SPEC section
1, on points); each chosen point goes to its best position. Only the moved point and the points sharing
a triplet with it are re-evaluated after a move: the best move of any other point depends on
unchanged positions only.

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
from fractions import Fraction

import numpy as np

from instances import InstanceError, TripletInstance
from instances.triplets import positions_from

from ..core.certificate import Certificate
from ..core.result import RunResult
from ..core.rules import RULES
from .driver import certify_moves, incidence, run

__all__ = ["RULES", "LineState", "local_search", "certify", "random_solution", "best_move", "sweep",
           "satisfied_sets", "point_value", "representative", "simplest_between", "int_if_integral", "half",
           "dyadic_roundings"]


# --- exact numbers ---------------------------------------------------------------------------------
def int_if_integral(x):
    """The same rational, as an ``int`` when it is integral (the fast path of the exact arithmetic).

    Parameters
    ----------
    x : int or Fraction

    Returns
    -------
    int or Fraction

    Examples
    --------
    >>> int_if_integral(Fraction(6, 3)), int_if_integral(Fraction(1, 2)), int_if_integral(7)
    (2, Fraction(1, 2), 7)
    """
    if isinstance(x, Fraction) and x.denominator == 1:
        return x.numerator
    return x


def half(x):
    """x / 2, exact (an ``int`` when it is integral).

    Parameters
    ----------
    x : int or Fraction

    Returns
    -------
    int or Fraction

    Examples
    --------
    >>> half(6), half(3), half(Fraction(3, 2))
    (3, Fraction(3, 2), Fraction(3, 4))
    """
    if isinstance(x, int):
        return x // 2 if x % 2 == 0 else Fraction(x, 2)
    return int_if_integral(x / 2)


def simplest_between(lo, hi) -> Fraction:
    """The unique rational of smallest denominator in the open interval (lo, hi).

    Among the rationals with that denominator in the interval it is the one of smallest absolute
    numerator; computed by the continued-fraction recursion on the reciprocals of the fractional parts.

    Parameters
    ----------
    lo, hi : int or Fraction
        The interval's ends, lo < hi.

    Returns
    -------
    Fraction

    Raises
    ------
    ValueError
        If the interval is empty (lo >= hi).

    Examples
    --------
    >>> simplest_between(Fraction(1, 3), Fraction(1, 2)), simplest_between(Fraction(5, 2), 7)
    (Fraction(2, 5), Fraction(3, 1))

    References
    ----------
    Hardy & Wright, "An Introduction to the Theory of Numbers", ch. 10 (continued fractions).
    """
    if not isinstance(lo, Fraction):
        lo = Fraction(lo)
    if not isinstance(hi, Fraction):
        hi = Fraction(hi)
    if not lo < hi:
        raise ValueError(f"empty interval ({lo}, {hi})")
    fl = math.floor(lo)
    if fl + 1 < hi:  # an integer lies strictly inside (fl <= lo < fl + 1)
        return Fraction(fl + 1)
    x, y = lo - fl, hi - fl  # (lo, hi) lies in [fl, fl + 1]: 0 <= x < y <= 1
    if x == 0:
        return fl + Fraction(1, math.floor(1 / y) + 1)
    return fl + 1 / simplest_between(1 / y, 1 / x)


def representative(lo, hi):
    """The documented point of the open interval (lo, hi) (the tie rule of the module docstring).

    Parameters
    ----------
    lo, hi : int, Fraction or None
        The ends; None is minus (for ``lo``) or plus (for ``hi``) infinity.

    Returns
    -------
    int or Fraction
        For bounded intervals containing an integer: the integer nearest the midpoint (ties to the
        smaller); else ``simplest_between(lo, hi)``. For (-inf, hi): floor(hi) - 1; for (lo, inf):
        ceil(lo) + 1; for the whole line: 0.

    Examples
    --------
    >>> representative(Fraction(1, 3), Fraction(1, 2)), representative(-258, -254), representative(None, Fraction(7, 2))
    (Fraction(2, 5), -256, 2)
    """
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
    return int_if_integral(simplest_between(lo, hi))


def dyadic_roundings(y):
    """The points round(y 2^j) / 2^j for j = 0, 1, 2, ... (halves rounded up): ever finer, converging to y.

    The R^d engines move a point to the FIRST of them inside the open set they computed, so that
    coordinates stay small from move to move instead of compounding.

    Parameters
    ----------
    y : sequence of int or Fraction
        A point.

    Yields
    ------
    tuple of Fraction

    Examples
    --------
    >>> from itertools import islice
    >>> [tuple(map(str, p)) for p in islice(dyadic_roundings((Fraction(1, 3), 2)), 3)]
    [('0', '2'), ('1/2', '2'), ('1/4', '2')]
    """
    M = 1
    while True:
        yield tuple(Fraction(math.floor(c * M + Fraction(1, 2)), M) for c in y)
        M *= 2


# --- one point ----------------------------------------------------------------------------------------
def point_value(p: int, x, pos, trips, dist=None) -> int:
    """Satisfied weight of p's triplets with p at x and every other point q at ``pos[q]``.

    Parameters
    ----------
    p : int
        The point.
    x : number or tuple
        Its trial position (``pos[p]`` is not read).
    pos : sequence
        Positions of all points.
    trips : list of tuple
        The triplets (a, b, c, w) at p.
    dist : callable, optional
        Any strictly increasing function of the distance of two positions; default |u - v| (the line).
        The R^d engine passes the squared Euclidean distance.

    Returns
    -------
    int

    Examples
    --------
    >>> point_value(0, 5, [0, 4, 1], [(0, 1, 2, 3)]), point_value(0, 0, [0, 4, 1], [(0, 1, 2, 3)])
    (3, 0)
    """
    total = 0
    if dist is None:
        for a, b, c, w in trips:
            xa = x if a == p else pos[a]
            if abs(xa - (x if b == p else pos[b])) < abs(xa - (x if c == p else pos[c])):
                total += w
        return total
    for a, b, c, w in trips:
        xa = x if a == p else pos[a]
        if dist(xa, x if b == p else pos[b]) < dist(xa, x if c == p else pos[c]):
            total += w
    return total


def satisfied_sets(p: int, pos, trips, degenerate: bool = False):
    """Where on the line each triplet at p holds, as p moves and the other points stay.

    Parameters
    ----------
    p : int
        The moving point.
    pos : sequence of int or Fraction
        Positions of all points (``pos[p]`` is not read).
    trips : list of tuple
        The triplets (a, b, c, w) at p.
    degenerate : bool, default False
        Also put into the breakpoints the would-be boundaries of the triplets that never hold (p the
        anchor with x_b = x_c: their midpoint; p = b with x_a = x_c: x_a).

    Returns
    -------
    sets : list of tuple
        ``(kind, lo, hi, w)`` per triplet that can hold: ``"lt"`` x < lo, ``"gt"`` x > lo (lo = hi
        for both), ``"in"`` lo < x < hi, ``"out"`` x < lo or x > hi.
    breakpoints : set
        Every lo and hi (the coordinates where p's satisfied weight can change).

    Examples
    --------
    >>> satisfied_sets(0, [None, 4, 1], [(0, 1, 2, 3), (1, 0, 2, 1)])
    ([('gt', Fraction(5, 2), Fraction(5, 2), 3), ('in', 1, 7, 1)], {1, Fraction(5, 2), 7})
    """
    sets = []
    bps = set()
    for a, b, c, w in trips:
        if a == p:
            xb, xc = pos[b], pos[c]
            if xb == xc:
                if degenerate:
                    bps.add(xb)
                continue
            m = half(xb + xc)
            sets.append(("lt" if xb < xc else "gt", m, m, w))
            bps.add(m)
        else:
            xa = pos[a]
            r = abs(xa - pos[c if b == p else b])
            if b == p and r == 0:
                if degenerate:
                    bps.add(xa)
                continue
            lo, hi = xa - r, xa + r
            sets.append(("in" if b == p else "out", lo, hi, w))
            bps.add(lo)
            bps.add(hi)
    return sets, bps


def sweep(p: int, pos, trips):
    """The best value of p's triplets over the whole line, others fixed, and the leftmost best position.

    Parameters
    ----------
    p : int
        The moving point.
    pos : sequence of int or Fraction
        Positions of all points (``pos[p]`` is not read).
    trips : list of tuple
        The triplets (a, b, c, w) at p.

    Returns
    -------
    tuple
        ``(best value, position)``: the position is the ``representative`` of the leftmost open
        interval between breakpoints reaching the best value; ``(None, None)`` when no triplet at p can
        ever hold.

    Examples
    --------
    >>> sweep(0, [None, 4, 1], [(0, 1, 2, 3), (1, 0, 2, 1)])
    (4, 5)
    """
    sets, bps = satisfied_sets(p, pos, trips)
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
    best, arg, acc = None, 0, 0
    for k in range(2 * K + 1):
        acc += diff[k]
        if best is None or acc > best:
            best, arg = acc, k
    if arg % 2 == 1:  # cannot happen (lower semicontinuity); kept exact anyway
        return best, B[arg // 2]
    i = arg // 2
    lo = B[i - 1] if i > 0 else None
    hi = B[i] if i < K else None
    return best, representative(lo, hi)


def best_move(p: int, pos, trips):
    """The exact best move of point p on the line, others fixed.

    Parameters
    ----------
    p : int
        The point.
    pos : sequence of int or Fraction
        Positions of all points.
    trips : list of tuple
        The triplets (a, b, c, w) at p.

    Returns
    -------
    tuple
        ``(gain, position)`` with gain = best value - current value > 0, or ``(0, None)`` when p
        cannot improve.

    Examples
    --------
    >>> best_move(0, [0, 4, 1], [(0, 1, 2, 3), (1, 0, 2, 1)]), best_move(0, [3, 4, 1], [(0, 1, 2, 3)])
    ((4, 5), (0, None))
    """
    current = point_value(p, pos[p], pos, trips)
    best, x = sweep(p, pos, trips)
    if best is None or best <= current:
        return 0, None
    return best - current, x


# --- the engine ----------------------------------------------------------------------------------------
class LineState:
    """Points on the line under moves of one point, with exact best moves (``driver.MoveState``).

    Parameters
    ----------
    inst : TripletInstance
        The instance (euclidean).
    solution : sequence
        The positions (any form ``inst.check_solution`` accepts).
    inc : list, optional
        The triplets at each point (``driver.incidence``), if already computed.

    Attributes
    ----------
    pos : list
        The current positions (ints where integral, else Fractions).
    inc : list of list of tuple
        The triplets at each point.

    Notes
    -----
    A move is ``(p, x)``: point p goes to x. Moves are coordinates, hence stable under moves of other
    points (``stable_moves``).

    Examples
    --------
    >>> state = LineState(TripletInstance(3, ((0, 1, 2, 5),), dim=1), (0, 3, 1))
    >>> state.best(0)
    (5, (0, 3))
    """

    stable_moves = True
    arithmetic = "python-exact"

    def __init__(self, inst: TripletInstance, solution, inc=None):
        self.dim = inst.dim
        self.pos = [self.exact(x) for x in inst.check_solution(solution)]
        self.inc = incidence(inst) if inc is None else inc

    @staticmethod
    def exact(x):
        """A position in the state's number form."""
        return int_if_integral(x)

    def best(self, p: int):
        """(gain, (p, x)) of p's exact best move, or (0, None)."""
        gain, x = best_move(p, self.pos, self.inc[p])
        return (gain, (p, x)) if gain > 0 else (0, None)

    def apply(self, move) -> None:
        """Put point ``move[0]`` at ``move[1]``."""
        p, x = move
        self.pos[p] = x

    def solution(self):
        """The current positions (Fractions, ``instances.triplets.positions_from``)."""
        return positions_from(self.pos, self.dim)


def _check(inst: TripletInstance):
    if inst.target != "euclidean" or inst.dim != 1:
        raise InstanceError(f"the line engine needs target 'euclidean' with dim 1, got {inst.target!r} dim {inst.dim}")


def local_search(inst: TripletInstance, rule: str = "first", start=None, seed: int = 0, max_steps=None,
                 time_limit=None, progress=None, trajectory=None, incremental: bool = True) -> RunResult:
    """Improving single-point moves until none is left (or a limit), each to the exact best position.

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance of dim 1.
    rule : str, default "first"
        The pivot rule (``localsearch.triplets.driver``).
    start : sequence, optional
        The start positions (default: the instance's start).
    seed, max_steps, time_limit, progress, trajectory, incremental
        As in ``localsearch.triplets.driver.run``; ``trajectory`` receives ``(point, gain, (point,
        position))`` per move.

    Returns
    -------
    RunResult
        ``solution`` is a tuple of Fractions; ``extra["arithmetic"]`` is ``"python-exact"``.

    Raises
    ------
    InstanceError
        If the instance is not on the line, has no start when none is given, or the rule is unknown.

    Examples
    --------
    >>> res = local_search(TripletInstance(3, ((0, 1, 2, 5),), dim=1, start=(0, 3, 1)))
    >>> res.steps, res.status, res.value
    (1, 'local_optimum', 5)
    """
    _check(inst)
    if start is None:
        start = inst.start
    if start is None:
        raise InstanceError("no start embedding given and the instance has none")
    return run(inst, LineState(inst, start), rule, seed, max_steps, time_limit, progress, trajectory, incremental)


def certify(inst: TripletInstance, solution) -> Certificate:
    """Exact certificate: no single point has an improving move; else the best one.

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance of dim 1.
    solution : sequence
        The positions to certify.

    Returns
    -------
    Certificate
        ``value`` is the satisfied weight; the witness of a non-optimum is ``{"point": p, "position":
        "p/q"}``, the best move over all points (largest gain, ties to the lowest point).

    Raises
    ------
    InstanceError
        If the instance is not on the line or the solution is malformed.

    Examples
    --------
    >>> inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1)
    >>> cert = certify(inst, (0, 3, 1))
    >>> cert.local_optimum, cert.witness, cert.gain
    (False, {'point': 0, 'position': '3'}, 5)
    """
    _check(inst)
    return certify_moves(inst, LineState(inst, solution),
                         lambda move, gain: {"point": move[0], "position": str(Fraction(move[1]))})


def random_solution(inst: TripletInstance, seed: int = 0):
    """Any embedding (not a clean one), seeded.

    Coordinates k/q with q in {1, 2, 3, 4} and |k| <= 4 * points, so that coincident points and ties
    occur with positive probability.

    Parameters
    ----------
    inst : TripletInstance
        The instance (only its number of points is read).
    seed : int, default 0

    Returns
    -------
    tuple of Fraction
    """
    rng = np.random.default_rng(seed)
    M = 4 * max(inst.points, 1)
    xs = [Fraction(int(rng.integers(-M, M + 1)), int(rng.integers(1, 5))) for _ in range(inst.points)]
    return positions_from(xs, 1)

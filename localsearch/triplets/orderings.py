"""Local search for betweenness and non-betweenness triplets on orderings (move one point).

A triplet (a, b, c) with weight w is satisfied by an ordering iff b lies strictly between a and c
(target ``betweenness``) or iff it does not (target ``nonbetweenness``, ordering form; SPEC section 3).
The neighbourhood moves ONE point to any other position in the order. For point p, with the other
points keeping their relative order, a triplet at p is satisfied exactly on an interval of the m
insertion gaps (bounded by the other two points' ranks), so the exact best position of p is a sweep
over 2t interval ends: O(t log t) for the t triplets at p (``localsearch.triplets.intervals``).

A move is ``(p, j)``: afterwards p is at index j of the order. The certificate's witness is
``{"point": p, "position": j, "gain": g}``.

Supported solutions: ``instances.Ordering`` for both targets, and for ``nonbetweenness`` with dim = 1
also the positions form (exact rationals on the line, ties allowed): (a, b, c) is satisfied iff
|x_a - x_c| < max(|x_a - x_b|, |x_b - x_c|), i.e. iff x_b lies outside the closed interval [x_a, x_c].
A point moves anywhere on the line; for the triplets at p the violated positions form closed intervals
or rays bounded by the other points' positions, so the objective of p is piecewise constant on 2k+1
slots (k distinct positions of p's partners and the open gaps between them). Satisfied sets are open, so
a best position always lies in a gap: the engine moves p to the gap's midpoint (or partner min - 1 /
max + 1), with the same O(t log t) sweep. Its witness is ``{"point": p, "to": "p/q", "gain": g}``.
Other positions forms (betweenness with positions, dim >= 2) raise InstanceError.

>>> from instances import TripletInstance, Ordering
>>> inst = TripletInstance(3, ((0, 1, 2, 5),), target="betweenness")
>>> res = local_search(inst, start=Ordering((1, 0, 2)))
>>> res.steps, res.value, res.solution.order
(1, 5, (0, 1, 2))

Reference: Opatrny, "Total ordering problem", SIAM J. Comput. 8(1), 1979 (betweenness); the seed paper,
"The Complexity of Finding Local Optima in Contrastive Learning" (NeurIPS 2025), for local betweenness.
"""
from __future__ import annotations

from bisect import bisect_left
from fractions import Fraction

import numpy as np

from instances import InstanceError, Ordering, TripletInstance

from ..core.certificate import Certificate
from ..core.result import RunResult
from ..core.rules import RULES
from .compiled import KernelAdapter, TripletSearch, incidence_arrays, weight_width
from .driver import certify_moves, incidence, run
from .intervals import best_position, value_at

TARGETS = ("betweenness", "nonbetweenness")


class OrderState:
    """An ordering under one-point moves, with the exact best move of each point.

    The engine state of ``localsearch.triplets.driver`` (``MoveState``) for orderings: a move is
    ``(p, j)``, p goes to index j of the order. Indices shift when other points move, so moves are not
    stable (the driver recomputes the chosen point's move).

    Parameters
    ----------
    inst : TripletInstance
        A betweenness or non-betweenness instance.
    ordering : Ordering
        The start ordering (copied).
    inc : list, optional
        The triplets at each point (``driver.incidence``), if already computed.

    Attributes
    ----------
    between : bool
        True for betweenness, False for non-betweenness.
    order, rank : list of int
        The current order and the index of each point in it.

    Raises
    ------
    InstanceError
        If the target is neither betweenness nor non-betweenness.

    Examples
    --------
    >>> state = OrderState(TripletInstance(3, ((0, 1, 2, 5),), target="betweenness"), Ordering((1, 0, 2)))
    >>> state.best(1)
    (5, (1, 1))
    """

    stable_moves = False
    arithmetic = "python"

    def __init__(self, inst: TripletInstance, ordering: Ordering, inc=None):
        if inst.target not in TARGETS:
            raise InstanceError(f"betweenness engine: target {inst.target!r} is not betweenness/nonbetweenness")
        self.between = inst.target == "betweenness"
        self.inc = incidence(inst) if inc is None else inc
        self.order = list(ordering.order)
        self.rank = list(ordering.positions())

    def intervals(self, p: int):
        """Gaps 0..m-1 of the order without p where each triplet at p is satisfied, as (lo, hi, w);
        for non-betweenness also the constant part. Returns (constant, intervals)."""
        rank, rp, m = self.rank, self.rank[p], len(self.order)

        def r(q):
            return rank[q] - (rank[q] > rp)

        const, out = 0, []
        for a, b, c, w in self.inc[p]:
            if p == b:
                lo, hi = sorted((r(a), r(c)))
                iv = (lo + 1, hi)
            else:
                other = c if p == a else a
                rb, ro = r(b), r(other)
                iv = (0, rb) if rb < ro else (rb + 1, m - 1)
            if self.between:
                out.append((iv[0], iv[1], w))
            else:
                const += w
                out.append((iv[0], iv[1], -w))
        return const, out

    def best(self, p: int):
        """(gain, move) of the best position of p; ties to the smallest index; gain 0 if none better."""
        if len(self.order) < 2:
            return 0, None
        _, ivs = self.intervals(p)
        val, j = best_position(len(self.order), ivs)
        gain = val - value_at(self.rank[p], ivs)
        return (gain, (p, j)) if gain > 0 else (0, None)

    def apply(self, move) -> None:
        """Move point p to index j (``move = (p, j)``)."""
        p, j = move
        self.order.remove(p)
        self.order.insert(j, p)
        for i, q in enumerate(self.order):
            self.rank[q] = i

    def solution(self) -> Ordering:
        """The current ordering."""
        return Ordering(tuple(self.order))


class PositionsState:
    """Non-betweenness in the positions form on the line, under moves of one point anywhere.

    The engine state of ``localsearch.triplets.driver`` (``MoveState``): a move is ``(p, x)``, p goes to
    the rational x (the midpoint of the leftmost best gap between partner positions, or one beyond the
    ends). The move depends only on the positions of p's partners: stable under moves of other points.

    Parameters
    ----------
    inst : TripletInstance
        A non-betweenness instance of dim 1.
    positions : sequence of Fraction
        The start positions (copied).
    inc : list, optional
        The triplets at each point (``driver.incidence``), if already computed.

    Examples
    --------
    >>> inst = TripletInstance(3, ((0, 1, 2, 5),), target="nonbetweenness")
    >>> PositionsState(inst, inst.check_solution((0, 1, 2))).best(1)
    (5, (1, Fraction(-1, 1)))
    """

    stable_moves = True
    arithmetic = "python"

    def __init__(self, inst: TripletInstance, positions, inc=None):
        self.inc = incidence(inst) if inc is None else inc
        self.x = list(positions)

    def slots(self, p: int):
        """(partner positions sorted, intervals of violated slots with weight -w)."""
        x = self.x
        vals = sorted({x[q] for t in self.inc[p] for q in t[:3] if q != p})
        top = 2 * len(vals)

        def idx(v):
            return 2 * bisect_left(vals, v) + 1

        out = []
        for a, b, c, w in self.inc[p]:
            if p == b:
                lo, hi = sorted((x[a], x[c]))
                out.append((idx(lo), idx(hi), -w))
            else:
                xb, xo = x[b], x[c if p == a else a]
                iv = (0, top) if xb == xo else (0, idx(xb)) if xb < xo else (idx(xb), top)
                out.append((iv[0], iv[1], -w))
        return vals, out

    def best(self, p: int):
        """(gain, (p, x)) of the best position of p (leftmost best gap); (0, None) if none is better."""
        vals, ivs = self.slots(p)
        if not vals:
            return 0, None
        k = len(vals)
        val, j = best_position(2 * k + 1, ivs, masked=set(range(1, 2 * k, 2)))
        i = bisect_left(vals, self.x[p])
        here = 2 * i + 1 if i < k and vals[i] == self.x[p] else 2 * i
        gain = val - value_at(here, ivs)
        if gain <= 0:
            return 0, None
        i = j // 2
        to = vals[0] - 1 if i == 0 else vals[-1] + 1 if i == k else (vals[i - 1] + vals[i]) / 2
        return gain, (p, to)

    def apply(self, move) -> None:
        """Put point p at x (``move = (p, x)``)."""
        p, to = move
        self.x[p] = Fraction(to)

    def solution(self) -> tuple:
        """The current positions."""
        return tuple(self.x)


class OrderKernel(KernelAdapter):
    """The compiled orderings kernel (:mod:`localsearch.triplets.kernels.orderings`) on one instance and
    start ordering: the order and ranks as int64 arrays, moves ``(p, j)`` as in :class:`OrderState`.

    :meth:`make` returns None for the positions form (no kernel) or when some point's weights exceed
    int128 (then the exact path runs).

    Examples
    --------
    >>> inst = TripletInstance(3, ((0, 1, 2, 5),), target="betweenness")
    >>> k = OrderKernel.make(inst, Ordering((1, 0, 2)), "first", 0, -1)
    >>> k.width, k.order.tolist(), k.rank.tolist()
    ('int64', [1, 0, 2], [1, 0, 2])
    """

    @classmethod
    def make(cls, inst: TripletInstance, start, rule: str, rng: int, last: int):
        """The kernel adapter, or None where the kernel does not apply."""
        if not isinstance(start, Ordering):
            return None
        inc = incidence(inst)
        width, wide = weight_width(inst, inc)
        if wide.any():
            return None
        return cls(inst, inc, start, rule, rng, last, width, wide)

    def __init__(self, inst, inc, start, rule, rng, last, width, wide):
        from .kernels.common import neighbour_csr

        super().__init__(inst, rule, rng, last, width, wide)
        self.inc = inc
        self.between = inst.target == "betweenness"
        self.order = np.array(start.order, dtype=np.int64)
        self.rank = np.array(start.positions(), dtype=np.int64)
        self.ip, self.role, self.o1, self.o2, self.w = incidence_arrays(inc, width)
        self.nbptr, self.nb = neighbour_csr(inst.points, inst.triplets)
        self.alloc_cache(len(self.role))

    def chunk(self, limit, traj):
        from .kernels.orderings import run as krun

        k, code = krun(self.code, limit, self.between, self.order, self.rank, self.ip, self.role, self.o1, self.o2,
                       self.w, self.nbptr, self.nb, self.g, self.mv, self.vals, self.se, self.stamp, self.lastmv,
                       self.pv, self.bp, self.bk, traj[0], traj[1], traj[2], self.counts)
        return int(k), int(code)

    def solution(self):
        return Ordering(tuple(self.order.tolist()))

    def exact_state(self):
        return OrderState(self.inst, self.solution(), self.inc)

    def decode(self, p, mv):
        return (p, mv)


ADAPTER = OrderKernel


def _solution(inst: TripletInstance, sol):
    if inst.target not in TARGETS:
        raise InstanceError(f"betweenness engine: target {inst.target!r} is not betweenness/nonbetweenness")
    sol = inst.check_solution(sol)
    if not isinstance(sol, Ordering) and (inst.target != "nonbetweenness" or inst.dim != 1):
        raise InstanceError("the betweenness engine searches orderings, and positions only for "
                            "non-betweenness on the line (dim 1)")
    return sol


def _state(inst: TripletInstance, sol):
    return OrderState(inst, sol) if isinstance(sol, Ordering) else PositionsState(inst, sol)


def check_start(inst: TripletInstance, start):
    """The start of a search, validated (default: the instance's start, else the identity order).

    Parameters
    ----------
    inst : TripletInstance
        A betweenness or non-betweenness instance.
    start : Ordering, positions or None

    Returns
    -------
    Ordering or tuple of Fraction

    Raises
    ------
    InstanceError
        For another target or an unsupported solution form.
    """
    if start is None:
        start = inst.start if inst.start is not None else Ordering(tuple(range(inst.points)))
    return _solution(inst, start)


def exact_state(inst: TripletInstance, start):
    """The exact Python state (:class:`OrderState` or :class:`PositionsState`) at ``start``."""
    return _state(inst, start)


def random_solution(inst: TripletInstance, seed=0):
    """A random solution, seeded.

    A uniform ordering, or, when the instance's start is in the positions form, integer positions in
    0..m//2 (so coinciding points are common).

    Parameters
    ----------
    inst : TripletInstance
        The instance (its number of points and the form of its start are read).
    seed : int, default 0

    Returns
    -------
    Ordering or tuple of Fraction
    """
    rng = np.random.default_rng(seed)
    if inst.start is not None and not isinstance(inst.start, Ordering):
        return inst.check_solution([int(v) for v in rng.integers(0, inst.points // 2 + 1, size=inst.points)])
    return Ordering(tuple(int(x) for x in rng.permutation(inst.points)))


def local_search(inst: TripletInstance, rule="first", start=None, seed=0, max_steps=None, time_limit=None,
                 progress=None, trajectory=None, incremental=True, arithmetic="auto") -> RunResult:
    """Improving one-point moves, each to the exact best place of the chosen point, until a local optimum.

    Parameters
    ----------
    inst : TripletInstance
        A betweenness or non-betweenness instance.
    rule : str, default "first"
        The pivot rule (``localsearch.triplets.driver``).
    start : Ordering or sequence, optional
        The start (default: the instance's start, else the identity order); positions only for
        non-betweenness of dim 1.
    seed, max_steps, time_limit, progress, trajectory, incremental
        As in ``localsearch.triplets.driver.run``; ``trajectory`` receives ``(point, gain, (point,
        index or position))``. ``incremental=False`` runs the exact driver re-evaluating every point.
    arithmetic : str, default "auto"
        ``"auto"``: the compiled kernel (:class:`OrderKernel`, orderings only) when its bound holds,
        else the exact path; ``"compiled"``: the kernel or an error; ``"python"``: the exact engine.

    Returns
    -------
    RunResult
        ``solution`` is an Ordering (or positions); ``extra["arithmetic"]`` is ``"int64"``/``"int128"``
        (compiled) or ``"python"``; the same moves on every path.

    Raises
    ------
    InstanceError
        For another target, an unsupported solution form, or an unknown rule.
    """
    start = check_start(inst, start)
    if not incremental:
        return run(inst, _state(inst, start), rule, seed, max_steps, time_limit, progress, trajectory, False)
    return TripletSearch(inst, rule, start, seed, arithmetic).run(max_steps=max_steps, time_limit=time_limit,
                                                                  trajectory=trajectory, progress=progress)


def certify(inst: TripletInstance, solution) -> Certificate:
    """Certificate from scratch: is any one-point move improving?

    Parameters
    ----------
    inst : TripletInstance
        A betweenness or non-betweenness instance.
    solution : Ordering or sequence
        The solution to certify.

    Returns
    -------
    Certificate
        The witness of a non-optimum is the best move over all points (largest gain, lowest point):
        ``{"point": p, "position": j, "gain": g}`` for orderings, ``{"point": p, "to": "p/q", "gain": g}``
        for positions; its gain is re-checked by recomputing the objective of the moved solution.

    Raises
    ------
    InstanceError
        For another target or an unsupported solution form.

    Examples
    --------
    >>> certify(TripletInstance(3, ((0, 1, 2, 5),), target="betweenness"), Ordering((1, 0, 2))).witness
    {'point': 0, 'position': 0, 'gain': 5}
    """
    sol = _solution(inst, solution)
    if isinstance(sol, Ordering):
        def describe(mv, gain):
            return {"point": mv[0], "position": mv[1], "gain": gain}
    else:
        def describe(mv, gain):
            return {"point": mv[0], "to": str(Fraction(mv[1])), "gain": gain}
    return certify_moves(inst, _state(inst, sol), describe)


__all__ = ["RULES", "local_search", "certify", "random_solution", "OrderState", "PositionsState", "OrderKernel",
           "check_start", "exact_state"]

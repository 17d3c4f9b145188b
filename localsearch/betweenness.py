"""Local search for betweenness and non-betweenness triplets on orderings (move one point).

A triplet (a, b, c) with weight w is satisfied by an ordering iff b lies strictly between a and c
(target ``betweenness``) or iff it does not (target ``nonbetweenness``, ordering form; SPEC section 3).
The neighbourhood moves ONE point to any other position in the order. For point p, with the other
points keeping their relative order, a triplet at p is satisfied exactly on an interval of the m
insertion gaps (bounded by the other two points' ranks), so the exact best position of p is a sweep
over 2t interval ends: O(t log t) for the t triplets at p (``localsearch.intervals``).

A move is ``(p, j)``: afterwards p is at index j of the order. The certificate's witness is
``{"point": p, "position": j, "gain": g}``.

Supported solutions: ``instances.Ordering`` for both targets. The positions form of non-betweenness
(points on a line, ties allowed) is not searched here: ``local_search`` and ``certify`` raise
InstanceError for it.

>>> from instances import TripletInstance, Ordering
>>> inst = TripletInstance(3, ((0, 1, 2, 5),), target="betweenness")
>>> res = local_search(inst, start=Ordering((1, 0, 2)))
>>> res.steps, res.value, res.solution.order
(1, 5, (0, 1, 2))

Reference: Opatrny, "Total ordering problem", SIAM J. Comput. 8(1), 1979 (betweenness); the seed paper,
"The Complexity of Finding Local Optima in Contrastive Learning" (NeurIPS 2025), for local betweenness.
"""
from __future__ import annotations

import numpy as np

from instances import InstanceError, Ordering, TripletInstance

from .certificate import Certificate
from .intervals import best_position, value_at
from .pointmoves import run
from .rules import RULES

TARGETS = ("betweenness", "nonbetweenness")


def incidence(inst: TripletInstance) -> list[list[tuple[int, int, int, int]]]:
    """The triplets at each point."""
    inc: list[list] = [[] for _ in range(inst.points)]
    for t in inst.triplets:
        for p in set(t[:3]):
            inc[p].append(t)
    return inc


class OrderState:
    """An ordering under one-point moves, with the exact best move of each point."""

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
        p, j = move
        self.order.remove(p)
        self.order.insert(j, p)
        for i, q in enumerate(self.order):
            self.rank[q] = i

    def solution(self) -> Ordering:
        return Ordering(tuple(self.order))


def _ordering(inst: TripletInstance, sol) -> Ordering:
    if inst.target not in TARGETS:
        raise InstanceError(f"betweenness engine: target {inst.target!r} is not betweenness/nonbetweenness")
    sol = inst.check_solution(sol)
    if not isinstance(sol, Ordering):
        raise InstanceError("the betweenness engine searches orderings; the positions form of "
                            "non-betweenness is not supported (give an ordering)")
    return sol


def random_solution(inst: TripletInstance, seed=0) -> Ordering:
    """A uniformly random ordering (seeded)."""
    rng = np.random.default_rng(seed)
    return Ordering(tuple(int(x) for x in rng.permutation(inst.points)))


def local_search(inst: TripletInstance, rule="first", start=None, seed=0, max_steps=None, time_limit=None,
                 progress=None, trajectory=None, incremental=True):
    """Improving one-point moves from ``start`` (default: the instance's start, else the identity order)
    until a local optimum; ``trajectory`` (a list) receives ``(point, gain, (point, position))`` per step;
    ``incremental`` re-evaluates only points sharing a triplet with the moved one (``localsearch.pointmoves``)."""
    if start is None:
        start = inst.start if inst.start is not None else Ordering(tuple(range(inst.points)))
    start = _ordering(inst, start)
    state = OrderState(inst, start)
    res = run(state, inst.points, inst.satisfied_weight(start), state.solution, rule, seed, max_steps,
              time_limit, progress, trajectory, incremental)
    res.extra["arithmetic"] = "python"
    return res


def certify(inst: TripletInstance, solution) -> Certificate:
    """Certificate from scratch: the best move over all points (largest gain, lowest point), its gain
    re-checked by recomputing the objective of the moved ordering."""
    sol = _ordering(inst, solution)
    value = inst.satisfied_weight(sol)
    state = OrderState(inst, sol)
    best = None
    for p in range(inst.points):
        gain, move = state.best(p)
        if gain > 0 and (best is None or gain > best[0]):
            best = (gain, move)
    if best is None:
        return Certificate(True, None, 0, value)
    gain, (p, j) = best
    state.apply((p, j))
    if inst.satisfied_weight(state.solution()) != value + gain:
        raise AssertionError("betweenness certificate: witness gain does not match recomputation")
    return Certificate(False, {"point": p, "position": j, "gain": gain}, gain, value)


__all__ = ["RULES", "local_search", "certify", "random_solution", "OrderState", "incidence"]

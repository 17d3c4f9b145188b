"""Local search for weighted triplets in R^d (target ``euclidean``, dim >= 2): exact, or it refuses.

A move puts ONE point p anywhere in R^d. Its exact best position (``best_move``) comes from the first
of these methods that applies to p:

1. CONCENTRIC points (every triplet at p has one anchor, the apex, and p is never the anchor): a sweep
   over p's radius around the apex (``localsearch.triplets.radial``), in every d;
2. ANCHOR points (p is the anchor of all its triplets but at most one, of which it is the nearer
   point): the best cell of an arrangement of half-spaces inside at most one ball
   (``localsearch.triplets.cells``), in every d, with sum_{j <= d} C(K, j) candidate points for K
   distinct bisector hyperplanes (K + 1 when they are parallel);
3. collinear CO-POINTS (the other points of p's triplets on one line), in every d: below;
4. d = 2: the exact plane sweep of ``localsearch.triplets.plane`` (O(K^3 log K) surd comparisons);
5. otherwise (d >= 3, roles mixed, co-points not collinear) no exact method is implemented:
   ``NotCollinear`` (an ``InstanceError``) is raised rather than a guess.

Every point of the radial instance of ``reductions.to_rd`` is concentric (vertex points, separators,
Y, Z) or an anchor (O with the ball of (X, O, Y), and X), so its runs and certificates are exact in
every dimension from ANY embedding. ``exact_everywhere`` tells whether an instance is in that case
(or d = 2); ``random_solution`` then draws every coordinate of every point, and refuses otherwise.

Method 3, and why its finite candidate set is exact. Let the co-points lie on the line o + t e
(E = e.e) and write p = o + t e + z with z orthogonal to e, s = |z|^2 / E >= 0. Then
|p - q|^2 = E((t - t_q)^2 + s) for every co-point q, so with u = s + t^2 every triplet of p becomes a
LINEAR condition in (t, u):
  p anchor of (p, b, c): t on b's side of (t_b + t_c)/2 (a vertical line);
  p = b of (a, p, c):  u < 2 t_a t + r^2 - t_a^2,  r = |t_a - t_c|;   p = c of (a, b, p): u > the same.
Positions are the points with u >= t^2 (u = t^2: on the line; u > t^2: off it, realisable as soon as
d >= 2). The objective is constant on the open cells of this arrangement of lines; every satisfied set
is open, so the objective is lower semicontinuous and its maximum is attained on an open cell, i.e.
in {u > t^2}. Cut the t-axis at every vertical line, every crossing of two lines above the parabola
and every crossing of a line with the parabola u = t^2 (t = t_a +- r, rational). Inside a slab no
two relevant curves cross, so the cells in it are the strips between consecutive lines above the
parabola; one rational t per slab and a sweep in u visit every cell: the best value is exact. All
numbers are rational; an off-line point with rational coordinates inside a strip exists (pick a
rational lambda with lambda^2 in the strip's range of s E / |n|^2, n a rational normal of e).
Tie rule: if the best value is reached ON the line (the exact 1D sweep of ``localsearch.triplets.line``
on the t-coordinates), the 1D leftmost rule picks the position; otherwise the leftmost slab, lowest
strip. The tie rules of methods 1 and 2 are in their modules.

>>> from instances import TripletInstance
>>> inst = TripletInstance(3, ((0, 1, 2, 5), (2, 0, 1, 1)), dim=2, start=((0, 0), (3, 0), (1, 0)))
>>> certify(inst, inst.start).local_optimum
False

Reference: the lifting u = |y|^2 turns spheres into hyperplanes (Edelsbrunner, "Algorithms in
Combinatorial Geometry", 1987); the triplet problem is the seed paper's (Yan et al., NeurIPS 2025).
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
from . import cells, line, plane, radial
from .driver import certify_moves, incidence, run

__all__ = ["RULES", "NotCollinear", "SpaceState", "local_search", "certify", "random_solution", "best_move",
           "frame", "point_value", "point_kind", "exact_everywhere"]


class NotCollinear(InstanceError):
    """No exact best move is implemented for this point here: d >= 3, its triplets mix roles (neither
    concentric nor anchored at it) and the points sharing them are not collinear."""


def point_kind(p: int, trips) -> str:
    """Which exact method computes the best move of p (module docstring): by the roles in its triplets.

    Parameters
    ----------
    p : int
        The point.
    trips : list of tuple
        The triplets (a, b, c, w) at p.

    Returns
    -------
    str
        ``"concentric"`` (one apex, p never the anchor), ``"anchor"`` (p the anchor of all its triplets
        but at most one, of which it is the nearer point) or ``"mixed"``.

    Examples
    --------
    >>> point_kind(1, [(0, 1, 2, 1), (0, 3, 1, 1)]), point_kind(0, [(0, 1, 2, 1), (3, 0, 2, 1)])
    ('concentric', 'anchor')
    >>> point_kind(2, [(0, 1, 2, 1), (2, 1, 0, 1)])
    'mixed'
    """
    if trips and radial.apex_of(p, trips) is not None:
        return "concentric"
    if cells.anchor_parts(p, trips) is not None:
        return "anchor"
    return "mixed"


def exact_everywhere(inst: TripletInstance) -> bool:
    """Whether every best move of ``inst`` is exact from every embedding (d <= 2, or no mixed point).

    Parameters
    ----------
    inst : TripletInstance

    Returns
    -------
    bool

    Examples
    --------
    >>> exact_everywhere(TripletInstance(3, ((0, 1, 2, 1), (2, 1, 0, 1)), dim=3))
    False
    """
    if inst.dim <= 2:
        return True
    return all(point_kind(p, trips) != "mixed" for p, trips in enumerate(incidence(inst)))


def _first_mixed(inst: TripletInstance):
    return next((p for p, trips in enumerate(incidence(inst)) if point_kind(p, trips) == "mixed"), None)


def _dot(x, y):
    return sum((a * b for a, b in zip(x, y)), Fraction(0))


def _sub(x, y):
    return tuple(a - b for a, b in zip(x, y))


def frame(p: int, pos, trips):
    """The line through the co-points of p (the other points of its triplets), if there is one.

    Parameters
    ----------
    p : int
        The point.
    pos : sequence of tuple
        Positions of all points (tuples of ints/Fractions).
    trips : list of tuple
        The triplets (a, b, c, w) at p.

    Returns
    -------
    tuple
        ``(o, e, t)``: every co-point q is at o + t[q] e (t a dict point -> rational parameter).

    Raises
    ------
    NotCollinear
        If the co-points are not collinear.

    Examples
    --------
    >>> frame(0, [(5, 5), (1, 1), (3, 3)], [(0, 1, 2, 1)])
    ((1, 1), (2, 2), {1: 0, 2: 1})
    """
    dim = len(pos[p])
    co = sorted({q for t in trips for q in t[:3] if q != p})
    if not co:
        return pos[p], (Fraction(1),) + (Fraction(0),) * (dim - 1), {}
    o = pos[co[0]]
    e = next((_sub(pos[q], o) for q in co if pos[q] != o), (Fraction(1),) + (Fraction(0),) * (dim - 1))
    E = _dot(e, e)
    ts = {}
    for q in co:
        d = _sub(pos[q], o)
        lam = _dot(d, e) / E
        if any(di != lam * ei for di, ei in zip(d, e)):
            raise NotCollinear(f"point {p}: no exact best move in R^{dim}: its triplets mix roles (neither one apex "
                           "nor anchored at it) and the points sharing them are not collinear")
        ts[q] = line.int_if_integral(lam)
    return o, e, ts


def _normal(e):
    i = next(k for k, x in enumerate(e) if x != 0)
    j = 1 if i == 0 else 0
    n = [Fraction(0)] * len(e)
    n[j], n[i] = e[i], -e[j]
    return tuple(n)


def _rational_sqrt_between(a, b):
    """A rational lam > 0 with a < lam^2 < b (b None = infinity), a >= 0."""
    if b is None:
        return Fraction(math.isqrt(math.ceil(a)) + 1)
    D = 1
    while True:
        lam = Fraction(math.isqrt(math.floor((a + b) / 2 * D * D)), D)
        if a < lam * lam < b:
            return lam
        D *= 2


def _sq_dist(u, v):
    return sum((a - b) * (a - b) for a, b in zip(u, v))


def point_value(p: int, y, pos, trips) -> int:
    """Satisfied weight of p's triplets with p at y in R^d (``line.point_value`` with squared distances).

    Parameters
    ----------
    p : int
        The point.
    y : tuple
        Its trial position (``pos[p]`` is not read).
    pos : sequence of tuple
        Positions of all points.
    trips : list of tuple
        The triplets (a, b, c, w) at p.

    Returns
    -------
    int

    Examples
    --------
    >>> point_value(0, (0, 3), [None, (0, 2), (0, -1)], [(0, 1, 2, 4)])
    4
    """
    return line.point_value(p, y, pos, trips, _sq_dist)


def _offline_best(p, ts, trips):
    """(best value, t, u) over the open cells u > t^2 (see module docstring); None if no triplet."""
    verticals, anchors, lines = set(), [], {}
    for a, b, c, w in trips:
        if a == p:
            tb, tc = ts[b], ts[c]
            if tb != tc:
                m = Fraction(tb + tc) / 2
                anchors.append((m, tb < tc, w))
                verticals.add(m)
        else:
            ta = Fraction(ts[a])
            r = abs(ta - ts[c if b == p else b])
            if b == p and r == 0:
                continue
            key = (2 * ta, r * r - ta * ta)
            lw = lines.setdefault(key, [0, 0])  # [weight if below (b-role), weight if above (c-role)]
            lw[0 if b == p else 1] += w
            verticals.update((ta - r, ta + r))  # where the line meets the parabola
    keys = list(lines)
    crit = set(verticals)
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            (a1, b1), (a2, b2) = keys[i], keys[j]
            if a1 != a2:
                t = (b2 - b1) / (a1 - a2)
                if a1 * t + b1 >= t * t:
                    crit.add(t)
    cs = sorted(crit)
    slabs = [cs[0] - 1] + [(x + y) / 2 for x, y in zip(cs, cs[1:])] + [cs[-1] + 1] if cs else [Fraction(0)]
    best = None
    for t in slabs:
        base = sum(w for m, left, w in anchors if (t < m) == left)
        floor_u = t * t
        events = []
        for (al, be), (wb, wc) in lines.items():
            g = al * t + be
            if g > floor_u:
                base += wb
                events.append((g, wb, wc))
            else:
                base += wc
        events.sort()
        run, k = base, 0
        lo = floor_u
        candidates = [(run, lo, events[0][0] if events else None)]
        while k < len(events):
            g = events[k][0]
            while k < len(events) and events[k][0] == g:
                run += events[k][2] - events[k][1]
                k += 1
            candidates.append((run, g, events[k][0] if k < len(events) else None))
        for val, lo, hi in candidates:
            if best is None or val > best[0]:
                best = (val, t, lo, hi)
    return best


def best_move(p: int, pos, trips, kind: str | None = None):
    """The exact best move of point p in R^d, others fixed (methods 1-5 of the module docstring).

    Parameters
    ----------
    p : int
        The point.
    pos : sequence of tuple
        Positions of all points (tuples of ints/Fractions).
    trips : list of tuple
        The triplets (a, b, c, w) at p.
    kind : str, optional
        ``point_kind(p, trips)``, if known.

    Returns
    -------
    tuple
        ``(gain, position)`` with gain > 0, or ``(0, None)`` when p cannot improve.

    Raises
    ------
    NotCollinear
        If d >= 3, p is a mixed point and its co-points are not collinear.

    Examples
    --------
    >>> best_move(0, [(9, 0), (0, 0), (2, 0), (-2, 0), (4, 0), (1, 0)], [(1, 0, 3, 1), (2, 0, 4, 1), (5, 1, 0, 1)])
    (2, (Fraction(1, 2), 1))
    >>> best_move(1, [(0, 0, 0), (1, 1, 1), (0, 0, 2)], [(0, 2, 1, 1)])    # concentric: radius > 2
    (1, (3, 3, 3))
    """
    if not trips:
        return 0, None
    current = point_value(p, pos[p], pos, trips)
    kind = kind or point_kind(p, trips)
    if kind == "concentric":
        val, y = radial.best_position(p, pos, trips, trips[0][0])
    elif kind == "anchor":
        val, y = cells.anchor_best(p, pos, trips)
    else:
        return _mixed_best(p, pos, trips, current)
    if val <= current:
        return 0, None
    return val - current, tuple(line.int_if_integral(c) for c in y)


def _mixed_best(p, pos, trips, current):
    try:
        o, e, ts = frame(p, pos, trips)
    except NotCollinear:
        if len(pos[p]) != 2:
            raise
        val, y = plane.best_value(p, pos, trips)
        if val is None or val <= current:
            return 0, None
        return val - current, tuple(line.int_if_integral(c) for c in y)
    tpos = dict(ts)
    tpos[p] = 0
    v1, t1 = line.sweep(p, tpos, trips)
    off = _offline_best(p, ts, trips)
    if off is None or (v1 is not None and v1 >= off[0]):
        if v1 is None or v1 <= current:
            return 0, None
        return v1 - current, tuple(line.int_if_integral(oi + t1 * ei) for oi, ei in zip(o, e))
    val, t, lo, hi = off
    if val <= current:
        return 0, None
    E = _dot(e, e)
    n = _normal(e)
    N = _dot(n, n)
    lam = _rational_sqrt_between((lo - t * t) * E / N, None if hi is None else (hi - t * t) * E / N)
    return val - current, tuple(line.int_if_integral(oi + t * ei + lam * ni) for oi, ei, ni in zip(o, e, n))


class SpaceState(line.LineState):
    """Points of R^d under moves of one point, with exact best moves (``driver.MoveState``).

    As ``line.LineState`` (moves ``(p, y)``, stable), with positions tuples of ints/Fractions and the
    best moves of ``best_move`` (which may raise ``NotCollinear``); the kind of every point
    (``point_kind``) is computed once.

    Attributes
    ----------
    kinds : list of str
        ``point_kind`` of every point.

    Examples
    --------
    >>> state = SpaceState(TripletInstance(3, ((0, 1, 2, 5),), dim=2), ((0, 0), (3, 0), (1, 0)))
    >>> state.kinds, state.best(0)
    (['anchor', 'concentric', 'concentric'], (5, (0, (3, 0))))
    """

    def __init__(self, inst: TripletInstance, solution, inc=None):
        super().__init__(inst, solution, inc)
        self.kinds = [point_kind(p, trips) for p, trips in enumerate(self.inc)]

    @staticmethod
    def exact(x):
        """A position in the state's number form (a tuple)."""
        return tuple(line.int_if_integral(c) for c in x)

    def best(self, p: int):
        """(gain, (p, y)) of p's exact best move in R^d, or (0, None)."""
        gain, y = best_move(p, self.pos, self.inc[p], self.kinds[p])
        return (gain, (p, y)) if gain > 0 else (0, None)

    def check_exact(self) -> None:
        """Refuse now, rather than in the middle of a run, a start where a best move is not exact.

        Raises
        ------
        NotCollinear
            If d >= 3 and a mixed point's co-points are not collinear.
        """
        if self.dim <= 2:
            return
        for p, kind in enumerate(self.kinds):
            if kind == "mixed":
                frame(p, self.pos, self.inc[p])


def _check(inst: TripletInstance):
    if inst.target != "euclidean" or inst.dim < 2:
        raise InstanceError(f"the R^d engine needs target 'euclidean' with dim >= 2, got {inst.target!r} dim {inst.dim}")


def local_search(inst: TripletInstance, rule: str = "first", start=None, seed: int = 0, max_steps=None,
                 time_limit=None, progress=None, trajectory=None, incremental: bool = True) -> RunResult:
    """As ``localsearch.triplets.line.local_search``, in R^d.

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance of dim >= 2.
    rule, start, seed, max_steps, time_limit, progress, trajectory, incremental
        As in ``localsearch.triplets.line.local_search``.

    Returns
    -------
    RunResult
        ``solution`` is a tuple of tuples of Fractions; ``extra["arithmetic"]`` is ``"python-exact"``.

    Raises
    ------
    InstanceError
        If the instance is not euclidean of dim >= 2, has no start, or a needed best move is not exactly
        computable (``NotCollinear``: d >= 3, a mixed point with non-collinear co-points; checked at
        the start, and again whenever such a point is evaluated).

    Examples
    --------
    >>> inst = TripletInstance(3, ((0, 1, 2, 5),), dim=2, start=((0, 0), (3, 0), (1, 0)))
    >>> res = local_search(inst)
    >>> res.steps, res.value, res.solution[0]
    (1, 5, (Fraction(3, 1), Fraction(0, 1)))
    """
    _check(inst)
    if start is None:
        start = inst.start
    if start is None:
        raise InstanceError("no start embedding given and the instance has none")
    state = SpaceState(inst, start)
    state.check_exact()
    return run(inst, state, rule, seed, max_steps, time_limit, progress, trajectory, incremental)


def certify(inst: TripletInstance, solution) -> Certificate:
    """Exact certificate wherever the best moves are exact (``best_move``), or when EVERY triplet holds.

    A solution satisfying every triplet is a global, hence local, optimum (e.g. from
    ``localsearch.triplets.realisation.integer_embedding``): certified without any sweep.

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance of dim >= 2.
    solution : sequence
        The positions to certify.

    Returns
    -------
    Certificate
        The witness of a non-optimum is ``{"point": p, "position": ["p/q", ...]}``, the best move over
        all points (largest gain, ties to the lowest point).

    Raises
    ------
    InstanceError
        If the instance is not euclidean of dim >= 2, or (``NotCollinear``) a best move is needed where
        it is not exactly computable.
    """
    _check(inst)
    sol = inst.check_solution(solution)
    value = inst.satisfied_weight(sol)
    if value == inst.total_weight:
        return Certificate(True, None, 0, value)
    state = SpaceState(inst, sol)
    state.check_exact()
    return certify_moves(inst, state,
                         lambda move, gain: {"point": move[0], "position": [str(Fraction(c)) for c in move[1]]},
                         value)


def random_solution(inst: TripletInstance, seed: int = 0):
    """A random embedding of EVERY point, seeded: coordinates k/q with q in 1..4 and |k| <= 4 * points.

    Coincident points and ties occur with positive probability. Refused where the engine could not
    search from it exactly (``exact_everywhere``): d >= 3 with a mixed point.

    Parameters
    ----------
    inst : TripletInstance
        The instance (its number of points and dim are read).
    seed : int, default 0

    Returns
    -------
    tuple of tuple of Fraction

    Raises
    ------
    NotCollinear
        If d >= 3 and some point's triplets mix roles (no exact best move from a general embedding).

    Examples
    --------
    >>> inst = TripletInstance(4, ((0, 1, 2, 1), (0, 3, 2, 1)), dim=3)
    >>> random_solution(inst, 5) == random_solution(inst, 5), len(random_solution(inst, 5)[0])
    (True, 3)
    """
    if not exact_everywhere(inst):
        p = _first_mixed(inst)
        raise NotCollinear(f"no random start in R^{inst.dim}: point {p}'s triplets mix roles (neither one apex nor "
                           "anchored at it), and its exact best move needs collinear co-points for d >= 3")
    rng = np.random.default_rng(seed)
    M = 4 * max(inst.points, 1)
    coords = [Fraction(int(k), int(q)) for k, q in zip(rng.integers(-M, M + 1, size=inst.points * inst.dim),
                                                       rng.integers(1, 5, size=inst.points * inst.dim))]
    return positions_from([coords[i * inst.dim:(i + 1) * inst.dim] for i in range(inst.points)], inst.dim)

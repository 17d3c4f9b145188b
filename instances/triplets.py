"""Weighted triplet instances and their solutions: embeddings, rooted binary trees, orderings.

A triplet (a, b, c) with weight w > 0 says "anchor a is closer to b than to c" (SPEC section 3).
Targets:
- ``euclidean``: points in R^dim (dim = 1 is the line); satisfied iff ||x_a-x_b|| < ||x_a-x_c||.
- ``tree``: a rooted binary tree with the points as leaves; satisfied iff lca(a,b) is a strict
  descendant of lca(a,c).
- ``betweenness``: an ordering; satisfied iff b lies strictly between a and c.
- ``nonbetweenness``: satisfied iff b is NOT between a and c (ordering form, or positions in R^dim).

>>> inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1)
>>> inst.satisfied_weight(positions_from((0, 1, 3)))
5

Reference: the seed paper, "The Complexity of Finding Local Optima in Contrastive Learning" (NeurIPS
2025); triplet embeddings as in Tamuz et al., "Adaptively learning the crowd kernel", ICML 2011.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence, Union

import numpy as np

from .errors import InstanceError

TARGETS = ("euclidean", "tree", "betweenness", "nonbetweenness")

Point = Union[Fraction, tuple]  # a Fraction (dim 1) or a tuple of Fractions
Positions = tuple  # one Point per point


def as_fraction(x) -> Fraction:
    """Exact rational from an int, a Fraction, a float (exact binary value) or a "p/q" string."""
    if isinstance(x, bool):
        raise InstanceError(f"{x!r} is not a number")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, (float, np.floating)):
        if not np.isfinite(x):
            raise InstanceError(f"{x!r} is not a finite number")
        return Fraction(float(x))
    if isinstance(x, str):
        try:
            return Fraction(x.strip())
        except (ValueError, ZeroDivisionError):
            raise InstanceError(f"{x!r} is not a rational number 'p/q'") from None
    raise InstanceError(f"{x!r} is not a number")


def positions_from(values, dim: int | None = None) -> Positions:
    """Normalise positions: dim 1 -> tuple of Fractions; dim >= 2 -> tuple of tuples of Fractions."""
    vals = list(values)
    if dim is None:
        dim = len(vals[0]) if vals and isinstance(vals[0], (list, tuple, np.ndarray)) else 1
    if dim == 1:
        out = []
        for x in vals:
            if isinstance(x, (list, tuple, np.ndarray)):
                if len(x) != 1:
                    raise InstanceError(f"position {list(x)!r} has {len(x)} coordinates, expected 1")
                x = x[0]
            out.append(as_fraction(x))
        return tuple(out)
    out = []
    for x in vals:
        if not isinstance(x, (list, tuple, np.ndarray)) or len(x) != dim:
            raise InstanceError(f"position {x!r} does not have {dim} coordinates")
        out.append(tuple(as_fraction(c) for c in x))
    return tuple(out)


def sq_dist(p: Point, q: Point) -> Fraction:
    if isinstance(p, tuple):
        return sum(((a - b) ** 2 for a, b in zip(p, q)), Fraction(0))
    return (p - q) ** 2


@dataclass(frozen=True)
class Tree:
    """A rooted binary tree over m leaves: ``parent[i]`` for nodes 0..2m-2; leaves are 0..m-1,
    internal nodes m..2m-2, the root's parent is -1. (m = 1: the single leaf is the root.)"""

    parent: tuple[int, ...]

    def __post_init__(self):
        parent = tuple(int(p) for p in self.parent)
        object.__setattr__(self, "parent", parent)
        N = len(parent)
        if N == 0 or N % 2 == 0:
            raise InstanceError(f"a binary tree over m leaves has 2m-1 nodes, got {N}")
        m = (N + 1) // 2
        roots = [i for i, p in enumerate(parent) if p == -1]
        if len(roots) != 1:
            raise InstanceError(f"tree must have exactly one root (parent -1), found {len(roots)}")
        nchild = [0] * N
        for i, p in enumerate(parent):
            if p == -1:
                continue
            if not (0 <= p < N) or p == i:
                raise InstanceError(f"node {i} has invalid parent {p}")
            if p < m:
                raise InstanceError(f"node {i} has a leaf ({p}) as parent")
            nchild[p] += 1
        bad = [i for i in range(m, N) if nchild[i] != 2]
        if bad:
            raise InstanceError(f"internal node {bad[0]} has {nchild[bad[0]]} children, expected 2")
        for i in range(N):  # acyclic: every node reaches the root
            seen, j = 0, i
            while parent[j] != -1:
                j = parent[j]
                seen += 1
                if seen > N:
                    raise InstanceError(f"tree has a cycle through node {i}")

    @property
    def leaves(self) -> int:
        return (len(self.parent) + 1) // 2

    @property
    def root(self) -> int:
        return self.parent.index(-1)

    def depth(self, v: int) -> int:
        d = 0
        while self.parent[v] != -1:
            v = self.parent[v]
            d += 1
        return d

    def ancestors(self, v: int) -> list[int]:
        """v, its parent, ..., the root."""
        out = [v]
        while self.parent[v] != -1:
            v = self.parent[v]
            out.append(v)
        return out

    def lca(self, a: int, b: int) -> int:
        anc = set(self.ancestors(a))
        for v in self.ancestors(b):
            if v in anc:
                return v
        raise AssertionError("unreachable: a tree is connected")

    def is_strict_descendant(self, u: int, v: int) -> bool:
        """True iff u != v and v is an ancestor of u."""
        return u != v and v in self.ancestors(u)


@dataclass(frozen=True)
class Ordering:
    """A left-to-right order of the points 0..m-1 (a permutation)."""

    order: tuple[int, ...]

    def __post_init__(self):
        order = tuple(int(x) for x in self.order)
        if sorted(order) != list(range(len(order))):
            raise InstanceError(f"order must be a permutation of 0..{len(order) - 1}")
        object.__setattr__(self, "order", order)

    def positions(self) -> tuple[int, ...]:
        """rank[p] = index of point p in the order."""
        rank = [0] * len(self.order)
        for i, p in enumerate(self.order):
            rank[p] = i
        return tuple(rank)


@dataclass(frozen=True)
class TripletInstance:
    """Weighted triplets over points 0..points-1 for one target (see module docstring).

    ``start`` is an optional start solution: positions (euclidean / nonbetweenness), a ``Tree`` or an
    ``Ordering``. ``meta`` is free JSON-able data, e.g. what a reduction needs for its back map.
    """

    points: int
    triplets: tuple[tuple[int, int, int, int], ...]
    dim: int = 1
    target: str = "euclidean"
    start: Any = None
    names: tuple[str, ...] | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    kind = "triplets"

    def __post_init__(self):
        if not isinstance(self.points, int) or isinstance(self.points, bool) or self.points < 0:
            raise InstanceError(f"number of points must be a non-negative integer, got {self.points!r}")
        if self.target not in TARGETS:
            raise InstanceError(f"unknown triplet target {self.target!r} (expected one of {', '.join(TARGETS)})")
        if not isinstance(self.dim, int) or isinstance(self.dim, bool) or self.dim < 1:
            raise InstanceError(f"dimension must be a positive integer, got {self.dim!r}")
        trips = []
        for k, t in enumerate(self.triplets):
            if len(t) != 4:
                raise InstanceError(f"triplet {k} must be [a, b, c, w], got {list(t)!r}")
            a, b, c, w = t
            for x in (a, b, c, w):
                if isinstance(x, bool) or not isinstance(x, (int, np.integer)):
                    raise InstanceError(f"triplet {k}: {x!r} is not an integer")
            a, b, c, w = int(a), int(b), int(c), int(w)
            if not all(0 <= x < self.points for x in (a, b, c)):
                raise InstanceError(f"triplet {k} ({a}, {b}, {c}): point out of range 0..{self.points - 1}")
            if len({a, b, c}) != 3:
                raise InstanceError(f"triplet {k} ({a}, {b}, {c}): points must be distinct")
            if w <= 0:
                raise InstanceError(f"triplet {k}: weight {w} must be positive")
            trips.append((a, b, c, w))
        object.__setattr__(self, "triplets", tuple(trips))
        if self.names is not None:
            names = tuple(str(x) for x in self.names)
            if len(names) != self.points:
                raise InstanceError(f"{len(names)} names given for {self.points} points")
            object.__setattr__(self, "names", names)
        if self.start is not None:
            object.__setattr__(self, "start", self.check_solution(self.start))
        object.__setattr__(self, "meta", dict(self.meta or {}))

    @property
    def total_weight(self) -> int:
        return sum(t[3] for t in self.triplets)

    @property
    def max_weight_bits(self) -> int:
        return max((t[3] for t in self.triplets), default=0).bit_length()

    def check_solution(self, sol):
        """Validate and normalise a solution for this target; raises InstanceError."""
        if isinstance(sol, Tree):
            if self.target != "tree":
                raise InstanceError(f"a tree is not a solution for target {self.target!r}")
            if sol.leaves != self.points and self.points > 0:
                raise InstanceError(f"tree has {sol.leaves} leaves for {self.points} points")
            return sol
        if isinstance(sol, Ordering):
            if self.target not in ("betweenness", "nonbetweenness"):
                raise InstanceError(f"an ordering is not a solution for target {self.target!r}")
            if len(sol.order) != self.points:
                raise InstanceError(f"ordering has {len(sol.order)} entries for {self.points} points")
            return sol
        if self.target in ("tree", "betweenness"):
            raise InstanceError(f"target {self.target!r} needs a {'tree' if self.target == 'tree' else 'ordering'}")
        pos = positions_from(sol, self.dim)
        if len(pos) != self.points:
            raise InstanceError(f"{len(pos)} positions given for {self.points} points")
        return pos

    # --- the objective (reference semantics, exact) ------------------------------------------
    def is_satisfied(self, t, sol) -> bool:
        a, b, c = t[0], t[1], t[2]
        if isinstance(sol, Tree):
            return sol.is_strict_descendant(sol.lca(a, b), sol.lca(a, c))
        if isinstance(sol, Ordering):
            r = sol.positions()
            between = min(r[a], r[c]) < r[b] < max(r[a], r[c])
            return between if self.target == "betweenness" else not between
        if self.target == "nonbetweenness":
            dac = sq_dist(sol[a], sol[c])
            return dac < max(sq_dist(sol[a], sol[b]), sq_dist(sol[b], sol[c]))
        return sq_dist(sol[a], sol[b]) < sq_dist(sol[a], sol[c])

    def satisfied_weight(self, sol) -> int:
        """Total weight of satisfied triplets, recomputed from scratch (slow, exact, independent)."""
        sol = self.check_solution(sol)
        if isinstance(sol, Ordering):
            r = sol.positions()
            total = 0
            for a, b, c, w in self.triplets:
                between = min(r[a], r[c]) < r[b] < max(r[a], r[c])
                total += w if between == (self.target == "betweenness") else 0
            return total
        return sum(t[3] for t in self.triplets if self.is_satisfied(t, sol))

    def with_start(self, start) -> "TripletInstance":
        return TripletInstance(self.points, self.triplets, self.dim, self.target, start, self.names, self.meta)


def to_cblearn(inst: TripletInstance) -> tuple[np.ndarray, np.ndarray]:
    """Triplets as cblearn's ``(i, j, k)`` integer array ("i is closer to j than to k") plus weights.

    Weights beyond int64 come back as an object array.
    """
    arr = np.array([t[:3] for t in inst.triplets], dtype=np.int64).reshape(-1, 3)
    ws = [t[3] for t in inst.triplets]
    try:
        w = np.array(ws, dtype=np.int64)
    except OverflowError:
        w = np.array(ws, dtype=object)
    return arr, w


def from_cblearn(triplets, weights=None, points: int | None = None, dim: int = 1,
                 target: str = "euclidean") -> TripletInstance:
    """Build an instance from a cblearn-style ``(t, 3)`` integer array (anchor, near, far)."""
    arr = np.asarray(triplets)
    if arr.ndim != 2 or (arr.size and arr.shape[1] != 3):
        raise InstanceError(f"triplet array must have shape (t, 3), got {arr.shape}")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        raise InstanceError(f"triplet array must hold integers, got dtype {arr.dtype}")
    if weights is None:
        weights = [1] * len(arr)
    if len(weights) != len(arr):
        raise InstanceError(f"{len(weights)} weights for {len(arr)} triplets")
    if points is None:
        points = int(arr.max()) + 1 if arr.size else 0
    rows = tuple((int(a), int(b), int(c), int(w)) for (a, b, c), w in zip(arr.tolist(), weights))
    return TripletInstance(points, rows, dim=dim, target=target)

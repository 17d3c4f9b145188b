"""Weighted triplet instances and their solutions: embeddings, rooted binary trees, orderings.

A triplet (a, b, c) with weight w > 0 says "anchor a is closer to b than to c" (SPEC section 3). The
objective of a solution is the total weight of its satisfied triplets (to be maximised). Targets:

- ``euclidean``: points in R^dim (dim = 1 is the line); satisfied iff ||x_a-x_b|| < ||x_a-x_c||.
- ``tree``: a rooted binary tree with the points as leaves; satisfied iff lca(a,b) is a strict
  descendant of lca(a,c).
- ``betweenness``: an ordering; satisfied iff b lies strictly between a and c.
- ``nonbetweenness``: satisfied iff b is NOT between a and c. Ordering form: b is not strictly
  between a and c in the order. Positions form (points in R^dim): ||x_a-x_c||^2 is smaller than
  ||x_a-x_b||^2 or ||x_b-x_c||^2, so that a-c is not the longest side of the triangle.

Ties never satisfy a triplet. Positions are exact rationals (``Fraction``).

>>> inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1)
>>> inst.satisfied_weight(positions_from((0, 1, 3)))
5
>>> TripletInstance(3, ((0, 1, 2, 5),), target="betweenness").satisfied_weight(Ordering((2, 1, 0)))
5

Reference: the seed paper, "The Complexity of Finding Local Optima in Contrastive Learning" (NeurIPS
2025); triplet embeddings as in Tamuz et al., "Adaptively learning the crowd kernel", ICML 2011.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence, Union

import numpy as np

from . import limits
from .errors import InstanceError
from .limits import check_count

__all__ = ["TARGETS", "Point", "Positions", "check_sizes", "as_fraction", "positions_from", "sq_dist", "Tree", "Ordering",
           "TripletInstance", "to_cblearn", "from_cblearn"]

TARGETS = ("euclidean", "tree", "betweenness", "nonbetweenness")
"""The solution spaces a triplet instance can target (see the module docstring)."""

Point = Union[Fraction, tuple]  # a Fraction (dim 1) or a tuple of Fractions
Positions = tuple  # one Point per point


def check_sizes(points: int, dim: int, triplets: int, path: str | None = None) -> None:
    """Refuse declared sizes beyond ``instances.limits`` (points, triplets, points x dim), before allocating.

    Parameters
    ----------
    points, dim, triplets : int
        The declared sizes.
    path : str, optional
        The file that declared them.

    Raises
    ------
    InstanceError
        If a size exceeds its limit.

    Examples
    --------
    >>> check_sizes(10**6, 10**6, 1)
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: 1000000000000 coordinates exceed the limit of 10000000 (instances.limits.MAX_COORDINATES)
    """
    check_count("points", points, limits.MAX_VERTICES, path)
    check_count("triplets", triplets, limits.MAX_EDGES, path)
    check_count("coordinates", points * dim, limits.MAX_COORDINATES, path)


def as_fraction(x) -> Fraction:
    """An exact rational from an int, a Fraction, a float or a string ``"p/q"`` (or ``"p"``, ``"1.5"``).

    A float is converted to its exact binary value, so ``0.1`` is not 1/10.

    Parameters
    ----------
    x : int, Fraction, float, str or numpy scalar
        The number. Booleans are refused.

    Returns
    -------
    Fraction

    Raises
    ------
    InstanceError
        If ``x`` is a bool, not a number, a non-finite float or a string that is not a rational.

    Examples
    --------
    >>> as_fraction("3/6"), as_fraction(0.5), as_fraction(2)
    (Fraction(1, 2), Fraction(1, 2), Fraction(2, 1))
    >>> as_fraction("1/0")
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: '1/0' is not a rational number 'p/q'
    """
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
    """Normalise positions to exact rationals: one ``Point`` per point.

    Parameters
    ----------
    values : iterable
        One position per point: numbers (dim 1; one-element lists are accepted too) or sequences of
        ``dim`` numbers, each anything ``as_fraction`` accepts.
    dim : int, optional
        The dimension. By default it is read off the first position (1 for a number).

    Returns
    -------
    tuple
        For dim 1 a tuple of Fractions; for dim >= 2 a tuple of tuples of ``dim`` Fractions.

    Raises
    ------
    InstanceError
        If a position has the wrong number of coordinates or a coordinate is not a number.

    Examples
    --------
    >>> positions_from([0, "1/2"])
    (Fraction(0, 1), Fraction(1, 2))
    >>> positions_from([[0, 1], [2, 3]])
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(2, 1), Fraction(3, 1)))
    """
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
    """The squared Euclidean distance between two points (exact).

    Parameters
    ----------
    p, q : Fraction or tuple of Fraction
        Two points of the same dimension, as returned by ``positions_from``.

    Returns
    -------
    Fraction

    Examples
    --------
    >>> sq_dist((Fraction(0), Fraction(0)), (Fraction(3), Fraction(4)))
    Fraction(25, 1)
    """
    if isinstance(p, tuple):
        return sum(((a - b) ** 2 for a, b in zip(p, q)), Fraction(0))
    return (p - q) ** 2


@dataclass(frozen=True)
class Tree:
    """A rooted binary tree whose leaves are the points 0..m-1 (the ``tree`` target's solutions).

    Nodes are 0..2m-2: the leaves 0..m-1 and the internal nodes m..2m-2, each with exactly two
    children. For m = 1 the single leaf is the root.

    Attributes
    ----------
    parent : tuple of int
        ``parent[i]`` is the parent of node i, -1 for the root (exactly one). Stored as Python ints.

    Raises
    ------
    InstanceError
        If the length is not odd, there is not exactly one root, a parent is out of range, is the
        node itself or a leaf, an internal node does not have two children, or there is a cycle.

    Examples
    --------
    The tree ((0, 1), 2): node 3 joins leaves 0 and 1, the root 4 joins 3 and leaf 2.

    >>> t = Tree((3, 3, 4, 4, -1))
    >>> t.leaves, t.root, t.lca(0, 1), t.lca(0, 2), t.depth(0)
    (3, 4, 3, 4, 2)
    """

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
        """The number m of leaves."""
        return (len(self.parent) + 1) // 2

    @property
    def root(self) -> int:
        """The root node (the one whose parent is -1)."""
        return self.parent.index(-1)

    def depth(self, v: int) -> int:
        """The number of edges from node ``v`` up to the root (0 for the root).

        Parameters
        ----------
        v : int
            A node.

        Returns
        -------
        int
        """
        d = 0
        while self.parent[v] != -1:
            v = self.parent[v]
            d += 1
        return d

    def ancestors(self, v: int) -> list[int]:
        """The path from node ``v`` up to the root: v, its parent, ..., the root.

        Parameters
        ----------
        v : int
            A node.

        Returns
        -------
        list of int
            Starts with ``v`` and ends with the root.
        """
        out = [v]
        while self.parent[v] != -1:
            v = self.parent[v]
            out.append(v)
        return out

    def lca(self, a: int, b: int) -> int:
        """The lowest common ancestor of nodes ``a`` and ``b`` (``a`` itself if a == b).

        Parameters
        ----------
        a, b : int
            Two nodes.

        Returns
        -------
        int
            The deepest node that is an ancestor of both (a node is its own ancestor).
        """
        anc = set(self.ancestors(a))
        for v in self.ancestors(b):
            if v in anc:
                return v
        raise AssertionError("unreachable: a tree is connected")

    def is_strict_descendant(self, u: int, v: int) -> bool:
        """True iff u lies strictly below v: u != v and v is an ancestor of u.

        Parameters
        ----------
        u, v : int
            Two nodes.

        Returns
        -------
        bool
        """
        return u != v and v in self.ancestors(u)


@dataclass(frozen=True)
class Ordering:
    """A left-to-right order of the points 0..m-1 (the (non-)betweenness targets' solutions).

    Attributes
    ----------
    order : tuple of int
        The points from left to right: a permutation of 0..m-1, stored as Python ints.

    Raises
    ------
    InstanceError
        If ``order`` is not a permutation of 0..m-1.

    Examples
    --------
    >>> Ordering((2, 0, 1)).positions()
    (1, 2, 0)
    """

    order: tuple[int, ...]

    def __post_init__(self):
        order = tuple(int(x) for x in self.order)
        if sorted(order) != list(range(len(order))):
            raise InstanceError(f"order must be a permutation of 0..{len(order) - 1}")
        object.__setattr__(self, "order", order)

    def positions(self) -> tuple[int, ...]:
        """The rank of every point: ``rank[p]`` is the index of point p in ``order`` (the inverse permutation).

        Returns
        -------
        tuple of int
        """
        rank = [0] * len(self.order)
        for i, p in enumerate(self.order):
            rank[p] = i
        return tuple(rank)


@dataclass(frozen=True)
class TripletInstance:
    """Weighted triplets over the points 0..points-1 for one target (see the module docstring).

    Two instances are equal iff every field but ``meta`` is.

    Attributes
    ----------
    points : int
        The number m of points (0 allowed).
    triplets : tuple of (int, int, int, int)
        The triplets ``(a, b, c, w)``: distinct points a, b, c in 0..m-1 ("a is closer to b than to c")
        and a positive integer weight w of any size. Stored as Python ints.
    dim : int, default 1
        The dimension of the positions (``euclidean`` and the positions form of ``nonbetweenness``).
    target : str, default "euclidean"
        One of ``TARGETS``: what a solution is and when a triplet is satisfied.
    start : positions, Tree, Ordering or None, default None
        A start solution for local search, normalised by ``check_solution``: positions (``euclidean``
        or ``nonbetweenness``), a ``Tree`` (``tree``) or an ``Ordering`` ((non-)betweenness).
    names : tuple of str or None, default None
        Display names of the points, in order.
    meta : dict
        Free JSON-able data, e.g. what a reduction needs for its back map; not compared by ``==``.
    kind : str
        Class attribute ``"triplets"``: the ``kind`` key of the project's JSON.

    Raises
    ------
    InstanceError
        If ``points`` or ``dim`` is not a valid int, the points, triplets or points x dim exceed their
        limits in ``instances.limits``, ``target`` is unknown, a triplet is not four integers, has a
        point out of range, repeats a point or has a weight <= 0, ``names`` has the wrong length, or
        ``start`` is not a solution for the target.

    Examples
    --------
    >>> inst = TripletInstance(4, ((0, 1, 2, 3), (3, 2, 0, 4)), target="tree")
    >>> inst.total_weight, inst.satisfied_weight(Tree((4, 4, 5, 6, 5, 6, -1)))
    (7, 3)
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
        check_sizes(self.points, self.dim, len(self.triplets))
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
        """The sum of all triplet weights: the objective's largest possible value."""
        return sum(t[3] for t in self.triplets)

    @property
    def max_weight_bits(self) -> int:
        """The bit length of the largest weight (0 without triplets)."""
        return max((t[3] for t in self.triplets), default=0).bit_length()

    def check_solution(self, sol):
        """Validate a solution for this instance's target and return it normalised.

        Parameters
        ----------
        sol : Tree, Ordering or sequence of positions
            A ``Tree`` (target ``tree``), an ``Ordering`` (``betweenness`` or ``nonbetweenness``) or
            one position per point (``euclidean`` or ``nonbetweenness``).

        Returns
        -------
        Tree, Ordering or tuple
            The tree or ordering unchanged, or the positions as returned by ``positions_from``.

        Raises
        ------
        InstanceError
            If the kind of solution does not suit the target or its size does not match ``points``.
        """
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
        """Whether one triplet is satisfied by a solution (the reference semantics, exact).

        Parameters
        ----------
        t : sequence of int
            A triplet ``(a, b, c, ...)``; only the first three entries are read.
        sol : Tree, Ordering or tuple
            An already normalised solution (see ``check_solution``); it is not checked here.

        Returns
        -------
        bool
            True iff the triplet holds strictly (ties do not satisfy it).
        """
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
        """The objective: the total weight of the satisfied triplets, recomputed from scratch.

        Slow, exact and independent of every engine, so it serves as the reference.

        Parameters
        ----------
        sol : Tree, Ordering or sequence of positions
            A solution for the target (validated with ``check_solution``).

        Returns
        -------
        int

        Raises
        ------
        InstanceError
            If ``sol`` is not a solution for this instance.
        """
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
        """The same instance with another start solution.

        Parameters
        ----------
        start : Tree, Ordering, positions or None
            The new start (validated; None removes it).

        Returns
        -------
        TripletInstance

        Raises
        ------
        InstanceError
            If ``start`` is not a solution for this instance.
        """
        return TripletInstance(self.points, self.triplets, self.dim, self.target, start, self.names, self.meta)


def to_cblearn(inst: TripletInstance) -> tuple[np.ndarray, np.ndarray]:
    """The triplets in cblearn's array form, plus their weights.

    Parameters
    ----------
    inst : TripletInstance
        Any instance (the target is not recorded).

    Returns
    -------
    triplets : numpy.ndarray
        int64, shape ``(t, 3)``: rows ``(i, j, k)``, "i is closer to j than to k".
    weights : numpy.ndarray
        Shape ``(t,)``: int64, or an object array of Python ints when a weight does not fit in int64.

    References
    ----------
    Künstle & von Luxburg, "cblearn: Comparison-based Machine Learning in Python", Journal of Open
    Source Software 9(98), 6139, 2024.

    Examples
    --------
    >>> arr, w = to_cblearn(TripletInstance(3, ((0, 1, 2, 5),)))
    >>> arr.tolist(), w.tolist()
    ([[0, 1, 2]], [5])
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
    """An instance from cblearn's array form: rows ``(anchor, near, far)``.

    Parameters
    ----------
    triplets : array_like
        Integers of shape ``(t, 3)``.
    weights : sequence of int, optional
        One positive integer weight per row; all 1 by default.
    points : int, optional
        The number of points; by default one more than the largest index (0 without rows).
    dim : int, default 1
        The dimension of the instance.
    target : str, default "euclidean"
        One of ``TARGETS``.

    Returns
    -------
    TripletInstance

    Raises
    ------
    InstanceError
        If the array is not ``(t, 3)`` integers, the number of weights differs from t, or the rows do
        not make a valid instance (see ``TripletInstance``).

    References
    ----------
    Künstle & von Luxburg, "cblearn: Comparison-based Machine Learning in Python", Journal of Open
    Source Software 9(98), 6139, 2024.

    Examples
    --------
    >>> from_cblearn([[0, 1, 2], [2, 1, 0]], weights=[1, 3]).triplets
    ((0, 1, 2, 1), (2, 1, 0, 3))
    """
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

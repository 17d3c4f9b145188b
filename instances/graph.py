"""Weighted graphs and +1/-1 assignments: the source side of every reduction (Local Max-Cut).

Definitions (SPEC section 1). G = (V, E), V = {0..n-1}, integer weights of any size (negative allowed).
For s in {+1,-1}^n the cut value is c(s) = sum of w(u,v) over edges with s_u != s_v, and the flip gain of
v is g(v) = sum_{u in N(v)} w(u,v) s_u s_v: flipping v changes the cut by exactly g(v).

>>> g = Graph(3, ((0, 1, 2), (1, 2, -1)))
>>> s = Assignment((1, -1, -1))
>>> g.cut_value(s), g.gains(s)
(2, (-2, -3, -1))

Reference: Schaeffer & Yannakakis, "Simple local search problems that are hard to solve", SIAM J.
Comput. 20(1), 1991 (Local Max-Cut is PLS-complete under the flip neighbourhood).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from .errors import InstanceError

INT64_MAX = 2**63 - 1


@dataclass(frozen=True)
class Assignment:
    """A +1/-1 value per vertex (immutable)."""

    signs: tuple[int, ...]

    def __post_init__(self):
        signs = tuple(int(x) for x in self.signs)
        bad = [i for i, x in enumerate(signs) if x not in (1, -1)]
        if bad:
            raise InstanceError(f"assignment entry {bad[0]} is {signs[bad[0]]}, expected +1 or -1")
        object.__setattr__(self, "signs", signs)

    def __len__(self) -> int:
        return len(self.signs)

    def __iter__(self):
        return iter(self.signs)

    def __getitem__(self, i):
        return self.signs[i]

    def flipped(self, v: int) -> "Assignment":
        s = list(self.signs)
        s[v] = -s[v]
        return Assignment(tuple(s))

    def to_array(self) -> np.ndarray:
        return np.array(self.signs, dtype=np.int8)

    def to_bits(self) -> int:
        """Bitmask with bit v set iff s_v = -1 (a compact state for exhaustive search)."""
        return sum(1 << v for v, x in enumerate(self.signs) if x < 0)

    @classmethod
    def from_bits(cls, bits: int, n: int) -> "Assignment":
        return cls(tuple(-1 if (bits >> v) & 1 else 1 for v in range(n)))

    @classmethod
    def plus(cls, n: int) -> "Assignment":
        return cls((1,) * n)

    @classmethod
    def random(cls, n: int, seed: int | None) -> "Assignment":
        """Uniform random assignment; ``seed`` makes it reproducible."""
        rng = np.random.default_rng(seed)
        return cls(tuple(int(x) for x in rng.choice(np.array([1, -1]), size=n)))


@dataclass(frozen=True)
class CSR:
    """Compressed adjacency: neighbours of v are ``indices[indptr[v]:indptr[v+1]]`` (both directions).

    ``weights`` is int64 when every weight fits, else an object array of Python ints.
    """

    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray

    @property
    def int64(self) -> bool:
        return self.weights.dtype == np.int64


@dataclass(frozen=True, eq=True)
class Graph:
    """An undirected weighted simple graph on vertices 0..n-1.

    ``edges`` holds ``(u, v, w)`` with u != v, each unordered pair at most once, w a Python int.
    ``names`` (optional) are display names in vertex order; ``start`` an optional start assignment;
    ``meta`` free JSON-able provenance (family, parameters, seed).
    """

    n: int
    edges: tuple[tuple[int, int, int], ...]
    names: tuple[str, ...] | None = None
    start: Assignment | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        if not isinstance(self.n, int) or isinstance(self.n, bool) or self.n < 0:
            raise InstanceError(f"number of vertices must be a non-negative integer, got {self.n!r}")
        edges = tuple((int(u), int(v), _as_int_weight(w)) for u, v, w in self.edges)
        seen: set[tuple[int, int]] = set()
        for k, (u, v, _) in enumerate(edges):
            if not (0 <= u < self.n and 0 <= v < self.n):
                raise InstanceError(f"edge {k} ({u}, {v}): vertex out of range 0..{self.n - 1}")
            if u == v:
                raise InstanceError(f"edge {k} ({u}, {v}): self-loop")
            key = (min(u, v), max(u, v))
            if key in seen:
                raise InstanceError(f"edge {k} ({u}, {v}): duplicate edge")
            seen.add(key)
        object.__setattr__(self, "edges", edges)
        if self.names is not None:
            names = tuple(str(x) for x in self.names)
            if len(names) != self.n:
                raise InstanceError(f"{len(names)} names given for {self.n} vertices")
            object.__setattr__(self, "names", names)
        if self.start is not None:
            start = self.start if isinstance(self.start, Assignment) else Assignment(tuple(self.start))
            if len(start) != self.n:
                raise InstanceError(f"start assignment has {len(start)} entries for {self.n} vertices")
            object.__setattr__(self, "start", start)
        object.__setattr__(self, "meta", dict(self.meta or {}))

    kind = "graph"

    @property
    def m(self) -> int:
        return len(self.edges)

    def name(self, v: int) -> str:
        return self.names[v] if self.names is not None else str(v)

    # --- objective -------------------------------------------------------------------------
    def cut_value(self, s: Sequence[int]) -> int:
        """Total weight of edges whose endpoints have different signs (exact)."""
        self._check_len(s)
        return sum(w for u, v, w in self.edges if s[u] != s[v])

    def gains(self, s: Sequence[int]) -> tuple[int, ...]:
        """Flip gain g(v) = sum_u w(u,v) s_u s_v for every v, recomputed from scratch (exact)."""
        self._check_len(s)
        g = [0] * self.n
        for u, v, w in self.edges:
            t = w * s[u] * s[v]
            g[u] += t
            g[v] += t
        return tuple(g)

    def _check_len(self, s: Sequence[int]) -> None:
        if len(s) != self.n:
            raise InstanceError(f"assignment has {len(s)} entries, graph has {self.n} vertices")

    # --- weight bounds (choose arithmetic) ---------------------------------------------------
    @cached_property
    def abs_degree(self) -> tuple[int, ...]:
        """S_v = sum of |w| over edges at v: every gain and partial gain of v lies in [-S_v, S_v]."""
        d = [0] * self.n
        for u, v, w in self.edges:
            d[u] += abs(w)
            d[v] += abs(w)
        return tuple(d)

    @cached_property
    def total_abs_weight(self) -> int:
        return sum(abs(w) for _, _, w in self.edges)

    @property
    def max_abs_weight(self) -> int:
        return max((abs(w) for _, _, w in self.edges), default=0)

    @property
    def max_weight_bits(self) -> int:
        return self.max_abs_weight.bit_length()

    def fits(self, limit: int) -> bool:
        """True iff every gain, every incremental update (+-2w) and every cut lies in [-limit, limit].

        An engine on a signed integer type with maximum ``limit`` is then exact.
        """
        return 2 * max(self.abs_degree, default=0) <= limit and self.total_abs_weight <= limit

    @property
    def int64_safe(self) -> bool:
        return self.fits(INT64_MAX)

    # --- conversions ---------------------------------------------------------------------------
    @cached_property
    def _csr(self) -> CSR:
        n, m = self.n, len(self.edges)
        u = np.fromiter((e[0] for e in self.edges), dtype=np.int64, count=m)
        v = np.fromiter((e[1] for e in self.edges), dtype=np.int64, count=m)
        small = all(-INT64_MAX <= e[2] <= INT64_MAX for e in self.edges)
        if small:
            w = np.fromiter((e[2] for e in self.edges), dtype=np.int64, count=m)
        else:
            w = np.empty(m, dtype=object)
            w[:] = [e[2] for e in self.edges]
        src = np.concatenate([u, v])
        dst = np.concatenate([v, u])
        ww = np.concatenate([w, w])
        order = np.lexsort((dst, src))
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.add.at(indptr, src + 1, 1)
        np.cumsum(indptr, out=indptr)
        for arr in (src, dst, ww):
            arr.setflags(write=False)
        csr = CSR(indptr, dst[order], ww[order])
        for arr in (csr.indptr, csr.indices, csr.weights):
            arr.setflags(write=False)
        return csr

    def csr(self) -> CSR:
        """Adjacency in CSR form (read-only arrays, computed once)."""
        return self._csr

    def to_networkx(self):
        """A ``networkx.Graph`` with edge attribute ``weight`` and node attribute ``name``."""
        import networkx as nx

        G = nx.Graph()
        for v in range(self.n):
            G.add_node(v, name=self.name(v))
        G.add_weighted_edges_from(self.edges)
        return G

    @classmethod
    def from_networkx(cls, G, weight: str = "weight", default: int = 1) -> "Graph":
        """Vertices numbered in ``G``'s node order; names are ``str(node)``; weights must be integers."""
        index = {node: i for i, node in enumerate(G.nodes)}
        edges = [(index[a], index[b], d.get(weight, default)) for a, b, d in G.edges(data=True)]
        return cls(len(index), tuple(edges), names=tuple(str(x) for x in G.nodes))

    def with_start(self, start: Assignment | Sequence[int] | None) -> "Graph":
        return Graph(self.n, self.edges, self.names, start, self.meta)


def _as_int_weight(w) -> int:
    if isinstance(w, bool):
        raise InstanceError(f"weight {w!r} is not an integer")
    if isinstance(w, (int, np.integer)):
        return int(w)
    if isinstance(w, float) and w.is_integer():
        return int(w)
    raise InstanceError(f"weight {w!r} is not an integer")


def edges_from_pairs(pairs: Iterable[tuple[int, int]], weights: Iterable[int]) -> tuple:
    return tuple((int(u), int(v), int(w)) for (u, v), w in zip(pairs, weights))

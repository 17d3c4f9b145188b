"""Weighted graphs and +1/-1 assignments: the source side of every reduction (Local Max-Cut).

Definitions (SPEC section 1). G = (V, E), V = {0..n-1}, integer weights of any size (negative allowed).
For s in {+1,-1}^n the cut value is c(s) = sum of w(u,v) over edges with s_u != s_v, and the flip gain of
v is g(v) = sum_{u in N(v)} w(u,v) s_u s_v: flipping v changes the cut by exactly g(v). An assignment is
a local optimum (a local max-cut) iff no vertex has a positive gain.

>>> g = Graph(3, ((0, 1, 2), (1, 2, -1)))
>>> s = Assignment((1, -1, -1))
>>> g.cut_value(s), g.gains(s)
(2, (-2, -3, -1))
>>> g.cut_value(s.flipped(2)) - g.cut_value(s)  # the gain of vertex 2
-1

Reference: Schaeffer & Yannakakis, "Simple local search problems that are hard to solve", SIAM J.
Comput. 20(1), 1991 (Local Max-Cut is PLS-complete under the flip neighbourhood).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from . import limits
from .errors import InstanceError
from .limits import check_count

__all__ = ["INT64_MAX", "Assignment", "CSR", "Graph", "edges_from_pairs"]

INT64_MAX = 2**63 - 1
"""The largest int64, 2^63 - 1: the bound ``Graph.int64_safe`` checks gains and cuts against."""


@dataclass(frozen=True)
class Assignment:
    """A +1/-1 value per vertex (immutable): one side of a cut.

    Behaves as a read-only sequence of ints (``len``, iteration, indexing), so it can be passed
    wherever a sequence of signs is expected, e.g. to ``Graph.cut_value``.

    Attributes
    ----------
    signs : tuple of int
        ``signs[v]`` is +1 or -1, the side of vertex v. Any iterable of integer-valued entries is
        accepted at construction and stored as a tuple of Python ints.

    Raises
    ------
    InstanceError
        If an entry is not +1 or -1 (the message names the first bad entry).

    Examples
    --------
    >>> s = Assignment((1, -1, 1))
    >>> len(s), s[1], list(s.flipped(0))
    (3, -1, [-1, -1, 1])
    >>> Assignment((1, 0))
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: assignment entry 1 is 0, expected +1 or -1
    """

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
        """The assignment with the sign of vertex ``v`` reversed (a flip move).

        Parameters
        ----------
        v : int
            The vertex to flip.

        Returns
        -------
        Assignment
            A new assignment; ``self`` is unchanged.
        """
        s = list(self.signs)
        s[v] = -s[v]
        return Assignment(tuple(s))

    def to_array(self) -> np.ndarray:
        """The signs as a new int8 numpy array (for the compiled engines).

        Returns
        -------
        numpy.ndarray
            Shape ``(n,)``, dtype int8, entries +1/-1.
        """
        return np.array(self.signs, dtype=np.int8)

    def to_bits(self) -> int:
        """The assignment as a bitmask: bit v is set iff s_v = -1 (a compact state for exhaustive search).

        Returns
        -------
        int
            A non-negative int below 2^n; the all-+1 assignment is 0.

        Examples
        --------
        >>> Assignment((1, -1, -1)).to_bits()
        6
        """
        return sum(1 << v for v, x in enumerate(self.signs) if x < 0)

    @classmethod
    def from_bits(cls, bits: int, n: int) -> "Assignment":
        """The inverse of ``to_bits``: s_v = -1 iff bit v of ``bits`` is set.

        Parameters
        ----------
        bits : int
            The bitmask (bits n and above are ignored).
        n : int
            The number of vertices.

        Returns
        -------
        Assignment

        Examples
        --------
        >>> Assignment.from_bits(6, 4).signs
        (1, -1, -1, 1)
        """
        return cls(tuple(-1 if (bits >> v) & 1 else 1 for v in range(n)))

    @classmethod
    def plus(cls, n: int) -> "Assignment":
        """The all-+1 assignment on ``n`` vertices (the default start, an empty cut).

        Parameters
        ----------
        n : int
            The number of vertices.

        Returns
        -------
        Assignment
        """
        return cls((1,) * n)

    @classmethod
    def random(cls, n: int, seed: int | None) -> "Assignment":
        """A uniformly random assignment: each sign +1 or -1 with probability 1/2.

        Parameters
        ----------
        n : int
            The number of vertices.
        seed : int or None
            Seed of numpy's ``default_rng``; the same seed gives the same assignment, None fresh entropy.

        Returns
        -------
        Assignment

        Examples
        --------
        >>> Assignment.random(5, 1) == Assignment.random(5, 1)
        True
        """
        rng = np.random.default_rng(seed)
        return cls(tuple(int(x) for x in rng.choice(np.array([1, -1]), size=n)))


@dataclass(frozen=True)
class CSR:
    """A graph's adjacency in compressed sparse row form (both directions of every edge).

    The neighbours of v are ``indices[indptr[v]:indptr[v+1]]``, in increasing order, with the weights of
    the joining edges at the same positions of ``weights``. Built by ``Graph.csr``, whose arrays are
    read-only.

    Attributes
    ----------
    indptr : numpy.ndarray
        int64, shape ``(n + 1,)``: where each vertex's neighbour list starts (``indptr[n] == 2m``).
    indices : numpy.ndarray
        int64, shape ``(2m,)``: the neighbours.
    weights : numpy.ndarray
        Shape ``(2m,)``: the edge weights; dtype int64 when every weight fits in int64, else an object
        array of Python ints.

    Examples
    --------
    >>> c = Graph(3, ((0, 2, 5), (0, 1, -1))).csr()
    >>> c.indptr.tolist(), c.indices.tolist(), c.weights.tolist(), c.int64
    ([0, 2, 3, 4], [1, 2, 0, 0], [-1, 5, -1, 5], True)
    """

    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray

    @property
    def int64(self) -> bool:
        """True iff ``weights`` has dtype int64 (every weight fits); False for an object array."""
        return self.weights.dtype == np.int64


@dataclass(frozen=True, eq=True)
class Graph:
    """An undirected weighted simple graph on vertices 0..n-1: an instance of Local Max-Cut.

    Weights are Python ints of any size (negative and zero allowed), so every objective computed here
    is exact. Two graphs are equal iff ``n``, ``edges`` (in order), ``names`` and ``start`` are;
    ``meta`` is not compared.

    Attributes
    ----------
    n : int
        The number of vertices (0 allowed).
    edges : tuple of (int, int, int)
        The edges ``(u, v, w)``: u != v in 0..n-1, each unordered pair at most once, w an int. At
        construction integral floats and numpy integers are accepted as weights and stored as ints.
    names : tuple of str or None, default None
        Display names in vertex order (``str`` of what was given), or None: vertex v is shown as ``v``.
    start : Assignment or None, default None
        A start assignment for local search (a sequence of +1/-1 is accepted and converted).
    meta : dict
        Free JSON-able provenance (family, parameters, seed, source file); not compared by ``==``.
    kind : str
        Class attribute ``"graph"``: the ``kind`` key of the project's JSON.

    Raises
    ------
    InstanceError
        If ``n`` is not a non-negative int, ``n`` or the number of edges exceeds its limit in
        ``instances.limits``, an edge has an endpoint out of range, is a self-loop, repeats a pair or has
        a non-integer weight, or ``names`` or ``start`` has the wrong length.

    See Also
    --------
    instances.jsonio : the JSON form; instances.gset : the Gset text form.

    Examples
    --------
    >>> g = Graph(3, ((0, 1, 2), (1, 2, -1)), names=("a", "b", "c"), start=(1, 1, -1))
    >>> g.m, g.name(2), g.cut_value(g.start)
    (2, 'c', -1)
    >>> Graph(2, ((0, 1, 1), (1, 0, 2)))
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: edge 1 (1, 0): duplicate edge
    """

    n: int
    edges: tuple[tuple[int, int, int], ...]
    names: tuple[str, ...] | None = None
    start: Assignment | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        if not isinstance(self.n, int) or isinstance(self.n, bool) or self.n < 0:
            raise InstanceError(f"number of vertices must be a non-negative integer, got {self.n!r}")
        check_count("vertices", self.n, limits.MAX_VERTICES)
        check_count("edges", len(self.edges), limits.MAX_EDGES)
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
        """The number of edges."""
        return len(self.edges)

    def name(self, v: int) -> str:
        """The display name of vertex ``v``: ``names[v]``, or ``str(v)`` when the graph has no names.

        Parameters
        ----------
        v : int
            A vertex.

        Returns
        -------
        str
        """
        return self.names[v] if self.names is not None else str(v)

    # --- objective -------------------------------------------------------------------------
    def cut_value(self, s: Sequence[int]) -> int:
        """The cut value c(s): the total weight of the edges whose endpoints have different signs.

        Parameters
        ----------
        s : sequence of int
            One sign (+1/-1) per vertex, e.g. an ``Assignment``.

        Returns
        -------
        int
            The exact cut value (negative weights can make it negative).

        Raises
        ------
        InstanceError
            If ``s`` does not have n entries.
        """
        self._check_len(s)
        return sum(w for u, v, w in self.edges if s[u] != s[v])

    def gains(self, s: Sequence[int]) -> tuple[int, ...]:
        """The flip gain g(v) = sum_u w(u,v) s_u s_v of every vertex, recomputed from scratch.

        Flipping v changes the cut value by exactly g(v); s is a local optimum iff every gain is <= 0.

        Parameters
        ----------
        s : sequence of int
            One sign (+1/-1) per vertex.

        Returns
        -------
        tuple of int
            ``gains[v]`` = g(v), exact.

        Raises
        ------
        InstanceError
            If ``s`` does not have n entries.
        """
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
        """S_v, the sum of |w| over the edges at v, for every vertex (computed once).

        Every gain and every partial sum of a gain of v lies in [-S_v, S_v].
        """
        d = [0] * self.n
        for u, v, w in self.edges:
            d[u] += abs(w)
            d[v] += abs(w)
        return tuple(d)

    @cached_property
    def total_abs_weight(self) -> int:
        """The sum of |w| over all edges: a bound on |c(s)| for every s (computed once)."""
        return sum(abs(w) for _, _, w in self.edges)

    @property
    def max_abs_weight(self) -> int:
        """The largest |w| over the edges (0 without edges)."""
        return max((abs(w) for _, _, w in self.edges), default=0)

    @property
    def max_weight_bits(self) -> int:
        """The bit length of the largest |w| (0 without edges): how big the weights are."""
        return self.max_abs_weight.bit_length()

    def fits(self, limit: int) -> bool:
        """True iff every gain, every gain update and every cut value lies in [-limit, limit].

        A flip of u changes the gain of a neighbour v by +-2w(u,v), so intermediate values stay within
        2 S_v (see ``abs_degree``); cuts stay within ``total_abs_weight``. An engine on a signed integer
        type whose maximum is ``limit`` is then exact.

        Parameters
        ----------
        limit : int
            The largest representable value of the integer type.

        Returns
        -------
        bool

        Examples
        --------
        >>> g = Graph(2, ((0, 1, 100),))
        >>> g.fits(200), g.fits(199)
        (True, False)
        """
        return 2 * max(self.abs_degree, default=0) <= limit and self.total_abs_weight <= limit

    @property
    def int64_safe(self) -> bool:
        """True iff int64 arithmetic is exact on this graph: ``fits(INT64_MAX)``."""
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
        """The adjacency in compressed sparse row form (computed once, then cached).

        Returns
        -------
        CSR
            Read-only arrays; int64 weights when every weight fits in int64, else Python ints.
        """
        return self._csr

    def to_networkx(self):
        """The graph as a ``networkx.Graph``.

        Returns
        -------
        networkx.Graph
            Nodes 0..n-1 with attribute ``name`` (see ``name``), edges with attribute ``weight``.
            ``start`` and ``meta`` are not carried over.
        """
        import networkx as nx

        G = nx.Graph()
        for v in range(self.n):
            G.add_node(v, name=self.name(v))
        G.add_weighted_edges_from(self.edges)
        return G

    @classmethod
    def from_networkx(cls, G, weight: str = "weight", default: int = 1) -> "Graph":
        """A graph from a ``networkx.Graph``.

        Vertices are numbered in ``G``'s node order and named ``str(node)``.

        Parameters
        ----------
        G : networkx.Graph
            An undirected graph without self-loops.
        weight : str, default "weight"
            The edge attribute holding the weight (an integer).
        default : int, default 1
            The weight of an edge without that attribute.

        Returns
        -------
        Graph

        Raises
        ------
        InstanceError
            If a weight is not an integer or an edge is a self-loop.

        Examples
        --------
        >>> import networkx as nx
        >>> g = Graph.from_networkx(nx.path_graph(["p", "q", "r"]))
        >>> g.edges, g.names
        (((0, 1, 1), (1, 2, 1)), ('p', 'q', 'r'))
        """
        index = {node: i for i, node in enumerate(G.nodes)}
        edges = [(index[a], index[b], d.get(weight, default)) for a, b, d in G.edges(data=True)]
        return cls(len(index), tuple(edges), names=tuple(str(x) for x in G.nodes))

    def with_start(self, start: Assignment | Sequence[int] | None) -> "Graph":
        """The same graph with another start assignment.

        Parameters
        ----------
        start : Assignment or sequence of int or None
            The new start (None removes it).

        Returns
        -------
        Graph
            A new graph sharing edges, names and meta.

        Raises
        ------
        InstanceError
            If ``start`` is not a +1/-1 sequence of length n.
        """
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
    """Edges ``(u, v, w)`` from vertex pairs and weights taken in parallel (as ints).

    Parameters
    ----------
    pairs : iterable of (int, int)
        The endpoints.
    weights : iterable of int
        One weight per pair; the shorter of the two iterables decides the length.

    Returns
    -------
    tuple of (int, int, int)
        Suitable as ``Graph.edges``.

    Examples
    --------
    >>> edges_from_pairs([(0, 1), (1, 2)], [3, -1])
    ((0, 1, 3), (1, 2, -1))
    """
    return tuple((int(u), int(v), int(w)) for (u, v), w in zip(pairs, weights))

"""Seeded random Max-Cut instances: G(n,p), G(n,m), toroidal grids, random regular graphs.

Every generator takes ``seed`` (an int, or None for fresh entropy) and records its parameters and seed
in ``graph.meta``, so the same call always returns the same graph.

Weight distributions (``weights=``):
- ``unit``: all 1;  ``pm1``: +1 or -1 with equal probability;
- ``uniform``: integers uniform in [wmin, wmax];  ``gaussian``: round(N(0, sigma^2)) (zeros kept).

>>> g = gnp(10, 0.5, seed=1)
>>> g == gnp(10, 0.5, seed=1)
True
>>> g.meta
{'family': 'gnp', 'n': 10, 'p': 0.5, 'weights': 'unit', 'seed': 1}
>>> t = torus((3, 4), weights="unit", seed=0)
>>> t.n, t.m, t.names[:2]
(12, 24, ('(0,0)', '(0,1)'))

References: Erdős & Rényi (1959); the DIMACS torus set (pm3-8-50, g3-8, ...) of the 7th DIMACS
Implementation Challenge; the rudy generator used for Gset and Biq Mac.
"""
from __future__ import annotations

import itertools
from typing import Sequence

import numpy as np

from . import limits
from .errors import InstanceError
from .limits import check_count
from .graph import Graph

__all__ = ["WEIGHTS", "draw_weights", "gnp", "gnm", "torus", "random_regular"]

WEIGHTS = ("unit", "pm1", "uniform", "gaussian")
"""The weight distributions of the generators (see the module docstring)."""


def draw_weights(rng: np.random.Generator, k: int, weights: str = "unit", wmin: int = -10,
                 wmax: int = 10, sigma: float = 100.0) -> list[int]:
    """``k`` integer weights drawn from a named distribution.

    Parameters
    ----------
    rng : numpy.random.Generator
        The source of randomness (consumed by every distribution but ``unit``).
    k : int
        The number of weights.
    weights : {"unit", "pm1", "uniform", "gaussian"}, default "unit"
        All 1; +1 or -1 with probability 1/2 each; integers uniform in [wmin, wmax]; or
        round(N(0, sigma^2)) (zeros are kept).
    wmin, wmax : int, default -10, 10
        The range of ``uniform`` weights (both ends included).
    sigma : float, default 100.0
        The standard deviation of ``gaussian`` weights.

    Returns
    -------
    list of int

    Raises
    ------
    InstanceError
        If the distribution is unknown, wmin > wmax (``uniform``) or sigma <= 0 (``gaussian``).

    Examples
    --------
    >>> ws = draw_weights(np.random.default_rng(0), 6, "uniform", wmin=-2, wmax=2)
    >>> len(ws), all(-2 <= w <= 2 for w in ws)
    (6, True)
    """
    if weights == "unit":
        return [1] * k
    if weights == "pm1":
        return [int(x) for x in rng.choice(np.array([1, -1]), size=k)]
    if weights == "uniform":
        if wmin > wmax:
            raise InstanceError(f"wmin {wmin} > wmax {wmax}")
        return [int(x) for x in rng.integers(wmin, wmax, size=k, endpoint=True)]
    if weights == "gaussian":
        if not sigma > 0:
            raise InstanceError(f"sigma must be positive, got {sigma}")
        return [int(x) for x in np.rint(rng.normal(0.0, sigma, size=k))]
    raise InstanceError(f"unknown weight distribution {weights!r} (expected one of {', '.join(WEIGHTS)})")


def _check_n(n: int, pairs: bool = False) -> None:
    """A valid vertex count within ``instances.limits`` (and, for G(n,p)/G(n,m), its pairs within MAX_PAIRS)."""
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise InstanceError(f"number of vertices must be a positive integer, got {n!r}")
    check_count("vertices", int(n), limits.MAX_VERTICES)
    if pairs:
        check_count("vertex pairs", int(n) * (int(n) - 1) // 2, limits.MAX_PAIRS)


def _finish(n, pairs, rng, meta, **wopts) -> Graph:
    ws = draw_weights(rng, len(pairs), **wopts)
    return Graph(int(n), tuple((int(u), int(v), w) for (u, v), w in zip(pairs, ws)), meta=meta)


def gnp(n: int, p: float, *, weights: str = "unit", wmin: int = -10, wmax: int = 10,
        sigma: float = 100.0, seed: int | None = None) -> Graph:
    """An Erdős–Rényi random graph G(n, p): each of the n(n-1)/2 pairs is an edge with probability p.

    Parameters
    ----------
    n : int
        The number of vertices (>= 1).
    p : float
        The edge probability, in [0, 1].
    weights : {"unit", "pm1", "uniform", "gaussian"}, default "unit"
        The weight distribution (see ``draw_weights``).
    wmin, wmax : int, default -10, 10
        The range of ``uniform`` weights.
    sigma : float, default 100.0
        The standard deviation of ``gaussian`` weights.
    seed : int or None, default None
        Seed of numpy's ``default_rng`` (recorded in ``meta``); None draws fresh entropy.

    Returns
    -------
    Graph
        Edges in increasing (u, v) order with u < v; ``meta`` holds family ``"gnp"``, n, p, weights, seed.

    Raises
    ------
    InstanceError
        If n < 1, p is outside [0, 1], or the weight options are invalid.

    References
    ----------
    Gilbert, "Random graphs", Ann. Math. Statist. 30(4), 1959; Erdős & Rényi, "On random graphs I",
    Publ. Math. Debrecen 6, 1959.

    Examples
    --------
    >>> gnp(5, 1.0, seed=0).m, gnp(5, 0.0, seed=0).m
    (10, 0)
    """
    _check_n(n, pairs=True)
    if not 0 <= p <= 1:
        raise InstanceError(f"edge probability must be in [0, 1], got {p}")
    check_count("edges (expected)", round(p * (n * (n - 1) // 2)), limits.MAX_EDGES)
    rng = np.random.default_rng(seed)
    iu, ju = np.triu_indices(n, k=1)
    keep = rng.random(iu.size) < p
    pairs = list(zip(iu[keep].tolist(), ju[keep].tolist()))
    meta = {"family": "gnp", "n": n, "p": p, "weights": weights, "seed": seed}
    return _finish(n, pairs, rng, meta, weights=weights, wmin=wmin, wmax=wmax, sigma=sigma)


def gnm(n: int, m: int, *, weights: str = "unit", wmin: int = -10, wmax: int = 10,
        sigma: float = 100.0, seed: int | None = None) -> Graph:
    """An Erdős–Rényi random graph G(n, m): m distinct pairs chosen uniformly among the n(n-1)/2.

    Parameters
    ----------
    n : int
        The number of vertices (>= 1).
    m : int
        The number of edges, in 0..n(n-1)/2.
    weights : {"unit", "pm1", "uniform", "gaussian"}, default "unit"
        The weight distribution (see ``draw_weights``).
    wmin, wmax : int, default -10, 10
        The range of ``uniform`` weights.
    sigma : float, default 100.0
        The standard deviation of ``gaussian`` weights.
    seed : int or None, default None
        Seed of numpy's ``default_rng`` (recorded in ``meta``); None draws fresh entropy.

    Returns
    -------
    Graph
        Edges in increasing (u, v) order with u < v; ``meta`` holds family ``"gnm"``, n, m, weights, seed.

    Raises
    ------
    InstanceError
        If n < 1, m is out of range, or the weight options are invalid.

    References
    ----------
    Erdős & Rényi, "On random graphs I", Publ. Math. Debrecen 6, 1959.

    Examples
    --------
    >>> gnm(6, 7, weights="pm1", seed=2).m
    7
    """
    _check_n(n, pairs=True)
    total = n * (n - 1) // 2
    if not 0 <= m <= total:
        raise InstanceError(f"G({n}, m) needs 0 <= m <= {total}, got {m}")
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(total, size=m, replace=False)) if m else np.array([], dtype=np.int64)
    iu, ju = np.triu_indices(n, k=1)
    pairs = list(zip(iu[chosen].tolist(), ju[chosen].tolist()))
    meta = {"family": "gnm", "n": n, "m": m, "weights": weights, "seed": seed}
    return _finish(n, pairs, rng, meta, weights=weights, wmin=wmin, wmax=wmax, sigma=sigma)


def torus(shape: Sequence[int], *, weights: str = "pm1", wmin: int = -10, wmax: int = 10,
          sigma: float = 100000.0, seed: int | None = None) -> Graph:
    """A toroidal grid with the given side lengths (2D or 3D, as in the DIMACS torus set).

    Vertices are the grid points in lexicographic order, named ``"(i,j)"`` or ``"(i,j,k)"``; each is
    joined to its successor along every axis, wrapping around, so there are d * n edges in dimension d.
    Sides must be >= 3 so that the wrap-around never duplicates an edge. DIMACS's pm3-L-50 is
    ``torus((L, L, L), weights="pm1")`` and g3-L is ``torus((L, L, L), weights="gaussian")`` (sigma
    100000, the default here).

    Parameters
    ----------
    shape : sequence of int
        Two or three side lengths, each >= 3.
    weights : {"unit", "pm1", "uniform", "gaussian"}, default "pm1"
        The weight distribution (see ``draw_weights``).
    wmin, wmax : int, default -10, 10
        The range of ``uniform`` weights.
    sigma : float, default 100000.0
        The standard deviation of ``gaussian`` weights.
    seed : int or None, default None
        Seed of numpy's ``default_rng`` (recorded in ``meta``); None draws fresh entropy.

    Returns
    -------
    Graph
        With vertex names; ``meta`` holds family ``"torus"``, shape (a list), weights, seed.

    Raises
    ------
    InstanceError
        If the shape is not 2 or 3 sides >= 3, or the weight options are invalid.

    References
    ----------
    The 7th DIMACS Implementation Challenge (2000), Max-Cut instances of the torus set.

    Examples
    --------
    >>> g = torus((3, 3, 3), seed=5)
    >>> g.n, g.m, {w for *_, w in g.edges} <= {1, -1}
    (27, 81, True)
    """
    shape = tuple(int(x) for x in shape)
    if len(shape) not in (2, 3) or any(L < 3 for L in shape):
        raise InstanceError(f"torus needs 2 or 3 side lengths, each >= 3, got {shape}")
    check_count("vertices", int(np.prod(shape, dtype=object)), limits.MAX_VERTICES)
    check_count("edges", len(shape) * int(np.prod(shape, dtype=object)), limits.MAX_EDGES)
    rng = np.random.default_rng(seed)
    coords = list(itertools.product(*(range(L) for L in shape)))
    index = {c: i for i, c in enumerate(coords)}
    pairs = []
    for c in coords:
        for ax, L in enumerate(shape):
            d = list(c)
            d[ax] = (d[ax] + 1) % L
            pairs.append((index[c], index[tuple(d)]))
    meta = {"family": "torus", "shape": list(shape), "weights": weights, "seed": seed}
    g = _finish(len(coords), pairs, rng, meta, weights=weights, wmin=wmin, wmax=wmax, sigma=sigma)
    names = tuple("(" + ",".join(map(str, c)) + ")" for c in coords)
    return Graph(g.n, g.edges, names=names, meta=g.meta)


def random_regular(n: int, d: int, *, weights: str = "unit", wmin: int = -10, wmax: int = 10,
                   sigma: float = 100.0, seed: int | None = None) -> Graph:
    """A random d-regular simple graph (networkx's ``random_regular_graph``, seeded from ``seed``).

    The graph is close to uniform among the d-regular graphs on n vertices (the pairing model with
    restarts), not exactly uniform.

    Parameters
    ----------
    n : int
        The number of vertices (>= 1).
    d : int
        The degree of every vertex: 0 <= d < n with n * d even.
    weights : {"unit", "pm1", "uniform", "gaussian"}, default "unit"
        The weight distribution (see ``draw_weights``).
    wmin, wmax : int, default -10, 10
        The range of ``uniform`` weights.
    sigma : float, default 100.0
        The standard deviation of ``gaussian`` weights.
    seed : int or None, default None
        Seed of numpy's ``default_rng`` (recorded in ``meta``); None draws fresh entropy.

    Returns
    -------
    Graph
        Edges sorted, each as (u, v) with u < v; ``meta`` holds family ``"regular"``, n, d, weights, seed.

    Raises
    ------
    InstanceError
        If no d-regular graph on n vertices exists, n < 1, or the weight options are invalid.

    References
    ----------
    Steger & Wormald, "Generating random regular graphs quickly", Combin. Probab. Comput. 8(4), 1999
    (the algorithm networkx implements).

    Examples
    --------
    >>> g = random_regular(8, 3, seed=1)
    >>> g.m, sorted(set(g.abs_degree))
    (12, [3])
    """
    import networkx as nx

    _check_n(n)
    if not (0 <= d < n) or (n * d) % 2:
        raise InstanceError(f"no {d}-regular graph on {n} vertices (need 0 <= d < n and n*d even)")
    check_count("edges", n * d // 2, limits.MAX_EDGES)
    rng = np.random.default_rng(seed)
    G = nx.random_regular_graph(d, n, seed=int(rng.integers(2**31)))
    pairs = sorted((min(u, v), max(u, v)) for u, v in G.edges)
    meta = {"family": "regular", "n": n, "d": d, "weights": weights, "seed": seed}
    return _finish(n, pairs, rng, meta, weights=weights, wmin=wmin, wmax=wmax, sigma=sigma)

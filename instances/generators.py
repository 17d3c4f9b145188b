"""Seeded random Max-Cut instances: G(n,p), G(n,m), toroidal grids, random regular graphs.

Every generator takes ``seed`` (an int, or None for fresh entropy) and records its parameters and seed
in ``graph.meta``, so the same call always returns the same graph.

Weight distributions (``weights=``):
- ``unit``: all 1;  ``pm1``: +1 or -1 with equal probability;
- ``uniform``: integers uniform in [wmin, wmax];  ``gaussian``: round(N(0, sigma^2)) (zeros kept).

>>> g = gnp(10, 0.5, seed=1)
>>> g == gnp(10, 0.5, seed=1)
True

References: Erdős & Rényi (1959); the DIMACS torus set (pm3-8-50, g3-8, ...) of the 7th DIMACS
Implementation Challenge; the rudy generator used for Gset and Biq Mac.
"""
from __future__ import annotations

import itertools
from typing import Sequence

import numpy as np

from .errors import InstanceError
from .graph import Graph

WEIGHTS = ("unit", "pm1", "uniform", "gaussian")


def draw_weights(rng: np.random.Generator, k: int, weights: str = "unit", wmin: int = -10,
                 wmax: int = 10, sigma: float = 100.0) -> list[int]:
    """k integer weights from the named distribution."""
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


def _check_n(n: int) -> None:
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise InstanceError(f"number of vertices must be a positive integer, got {n!r}")


def _finish(n, pairs, rng, meta, **wopts) -> Graph:
    ws = draw_weights(rng, len(pairs), **wopts)
    return Graph(int(n), tuple((int(u), int(v), w) for (u, v), w in zip(pairs, ws)), meta=meta)


def gnp(n: int, p: float, *, weights: str = "unit", wmin: int = -10, wmax: int = 10,
        sigma: float = 100.0, seed: int | None = None) -> Graph:
    """Erdős–Rényi G(n, p): each of the n(n-1)/2 pairs independently with probability p."""
    _check_n(n)
    if not 0 <= p <= 1:
        raise InstanceError(f"edge probability must be in [0, 1], got {p}")
    rng = np.random.default_rng(seed)
    iu, ju = np.triu_indices(n, k=1)
    keep = rng.random(iu.size) < p
    pairs = list(zip(iu[keep].tolist(), ju[keep].tolist()))
    meta = {"family": "gnp", "n": n, "p": p, "weights": weights, "seed": seed}
    return _finish(n, pairs, rng, meta, weights=weights, wmin=wmin, wmax=wmax, sigma=sigma)


def gnm(n: int, m: int, *, weights: str = "unit", wmin: int = -10, wmax: int = 10,
        sigma: float = 100.0, seed: int | None = None) -> Graph:
    """Erdős–Rényi G(n, m): m distinct pairs chosen uniformly."""
    _check_n(n)
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
    """Toroidal grid with the given side lengths (2D or 3D, as in the DIMACS torus set).

    Each vertex is joined to its successor along every axis, wrapping around. Sides must be >= 3 so
    the wrap-around never duplicates an edge. DIMACS's pm3-L-50 is ``torus((L, L, L), weights="pm1")``
    and g3-L is ``weights="gaussian"`` with sigma 100000.
    """
    shape = tuple(int(x) for x in shape)
    if len(shape) not in (2, 3) or any(L < 3 for L in shape):
        raise InstanceError(f"torus needs 2 or 3 side lengths, each >= 3, got {shape}")
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
    """Uniform-ish random d-regular simple graph (networkx's pairing algorithm, seeded)."""
    import networkx as nx

    _check_n(n)
    if not (0 <= d < n) or (n * d) % 2:
        raise InstanceError(f"no {d}-regular graph on {n} vertices (need 0 <= d < n and n*d even)")
    rng = np.random.default_rng(seed)
    G = nx.random_regular_graph(d, n, seed=int(rng.integers(2**31)))
    pairs = sorted((min(u, v), max(u, v)) for u, v in G.edges)
    meta = {"family": "regular", "n": n, "d": d, "weights": weights, "seed": seed}
    return _finish(n, pairs, rng, meta, weights=weights, wmin=wmin, wmax=wmax, sigma=sigma)

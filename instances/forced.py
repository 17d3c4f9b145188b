"""FC_n, the forced chain: a Max-Cut family on which EVERY improving path from the start is one and the
same path of 5 * 2^n - 4 flips (n >= 2): at each step exactly one vertex improves. So every pivot rule
(first, last, steepest, cyclic, least, random with any seed) makes exactly 5 * 2^n - 4 flips, and the
shortest improving path is exponential ("all-exp" in its strongest form).

Vertices in index order (5n + 3): ``r, r', D``, then for j = 1..n the level ``a_j, b_j, c_j, d_j, e_j``.
Edges: r to every level vertex and to D; D to every vertex of level 1; every pair inside a level; every
pair (x_j, y_{j+1}) between consecutive levels; and the pin pair (r, r'). Weights (integers):

    w(x_j, y_j)     = IN[xy] * 4^(n-j)         w(r, x_j) = PIN_j[x] * 4^(n-j)
    w(x_j, y_{j+1}) = DOWN[xy] * 4^(n-j-1)     w(D, x_1) = DRIVE[x] * 4^(n-1),  w(r, D) = RD * 4^n

with the constants of ``IN``, ``DOWN``, ``DRIVE``, ``PIN`` (middle levels), ``PIN_TOP`` (j = 1) and
``PIN_BOTTOM`` (j = n) below (|constant| <= 92; the one zero, DOWN[bb], leaves 39n - 17 edges), and
w(r, r') = 1 + the total |weight| at r (so r and r' never move): weights of 2n + 7 bits. Start: r = +1,
every other vertex -1. There are no ties: at every step every vertex but the one that flips has a
NEGATIVE gain (the weights were designed with that margin), so the path survives small changes of the
weights (about 4 in 5 of the changes by +-1 of a single constant, at n = 7).

The path (``forced_sequence``): D, then R(1), where level j's two kinds of activation are

    R(j) = a_j  R(j+1)  b_j c_j d_j  F(j+1)  a_j        F(j) = c_j  R(j+1)  e_j d_j b_j  F(j+1)  e_j

and R(n+1) = F(n+1) = nothing: T(n) = 1 + 5 (2^n - 1) flips; level j runs 2^(j-1) times.

How it was found. The weight designer (``localsearch.maxcut.design``, rule ``only``) was run on a
dense skeleton (5 vertices per level) for every pair of activation words of length <= 5 that pass a
parity test (consecutive flips u, v need the edge uv in the same cut state each time they follow one
another); 72 pairs are feasible for n = 1..3, many up to n = 6. For this pair a weight TEMPLATE
(constant x 4^(level depth)) was fitted jointly on n = 2..6 (``design_joint``) and then checked on
larger n, asking for no ties (``strict``). The constants are one vertex of that linear programme, not a
pattern we can explain.

Why the law holds for every n >= 2 (an exact inductive check, not a symbolic proof).
(1) Locality. A level-j vertex is adjacent only to levels j-1, j, j+1 (D for j = 1) and to r, so its
gain is a function of the states of those levels. With the weights above it equals 4^(n-j-1) times
a linear form in those states whose coefficients depend only on the TYPE of the level: 1, 2, middle
(3..n-2), n-1 or n (pin constants differ at j = 1 and j = n; level n has no level below).
(2) Periodicity. Over one R(j) followed by F(j) every vertex of level j flips twice, so a level returns
to its state after each pair. Hence what the levels j-1, j, j+1 go through -- their joint states
between flips, and which of their vertices flips next, or that the next flip is elsewhere -- repeats
with the activations of level j-1 and is the same finite list of situations for every level of the
same type and for every n >= 7. (A level-j vertex must be improving exactly when it flips next; the
next flip is outside levels j-1..j+1 only right after a level-(j+1) flip that calls level j+2, or
after the last flip of a level-(j-1) activation, and the template says when.)
(3) So every requirement "v improves iff v flips next" that arises for any n >= 7 already arises, with
the same sign, in FC_7, where each type occurs (levels 1, 2, 3-5, 6, 7). ``verify_forced(n)`` replays
the run exactly (integer gains, incrementally) and checks that at every step the intended vertex is the
only improving one, every other gain negative, and that the end is a local optimum; it passes for n =
2..7 (and the tests run it further), which by (1)-(3) proves the law for all n >= 2. ``paths`` confirms
it for n <= 5 by exhausting every improving path (shortest = longest = 5 * 2^n - 4).

>>> g = forced_chain(2)
>>> g.n, g.names[:5], forced_steps(2)
(13, ('r', "r'", 'D', 'a1', 'b1'), 16)
>>> verify_forced(3)
True

References
----------
Monien & Tscheuschner, "On the power of nodes of degree four in the local max-cut problem", CIAC 2010,
and Schaeffer & Yannakakis, SIAM J. Comput. 20(1), 1991 (instances on which every improving path is
exponentially long; their constructions are not reproduced here). Michel & Scott, arXiv 2310.19594
(a smaller all-pivot-rules construction, from its abstract).
"""
from __future__ import annotations

from typing import Iterator

from .errors import InstanceError
from .graph import Assignment, Graph

__all__ = ["forced_chain", "forced_steps", "forced_sequence", "verify_forced", "LETTERS"]

LETTERS = "abcde"
"""The five vertices of a level, in index order."""

LAMBDA = 4
"""The ratio between the weights of consecutive levels."""

IN = {"ab": -8, "ac": -76, "ad": 92, "ae": 36, "bc": -56, "bd": -92, "be": -56, "cd": -52, "ce": 23, "de": 48}
"""Constants of the edges inside a level (x_j, y_j)."""

DOWN = {"aa": -8, "ab": -36, "ac": -22, "ad": -70, "ae": -24, "ba": 32, "bb": 0, "bc": -45, "bd": -59, "be": 92,
        "ca": 16, "cb": 92, "cc": 54, "cd": 70, "ce": -92, "da": -40, "db": -36, "dc": 22, "dd": -10, "de": -68,
        "ea": 40, "eb": 20, "ec": 10, "ed": -70, "ee": -92}
"""Constants of the edges (x_j, y_{j+1}) between consecutive levels (key: x then y)."""

PIN = {"a": 54, "b": -41, "c": 92, "d": 65, "e": 46}
"""Constants of the edges (r, x_j) of the middle levels 1 < j < n."""
PIN_TOP = {"a": -2, "b": -92, "c": -28, "d": 15, "e": 92}
"""Constants of the edges (r, x_1)."""
PIN_BOTTOM = {"a": 92, "b": -92, "c": 92, "d": 92, "e": 59}
"""Constants of the edges (r, x_n)."""
DRIVE = {"a": -8, "b": -61, "c": 56, "d": 50, "e": 11}
"""Constants of the edges (D, x_1)."""
RD = -11
"""Constant of the edge (r, D)."""

_R = (("a",), ("b", "c", "d"), ("a",))
_F = (("c",), ("e", "d", "b"), ("e",))


def _check(n):
    if not isinstance(n, int) or isinstance(n, bool) or n < 2:
        raise InstanceError(f"FC_n needs an integer n >= 2, got {n!r}")


def forced_steps(n: int) -> int:
    """5 * 2^n - 4: the length of the one improving path of FC_n (every pivot rule makes it).

    Parameters
    ----------
    n : int
        The number of levels (>= 2).

    Returns
    -------
    int

    Examples
    --------
    >>> [forced_steps(n) for n in (2, 3, 4, 10)]
    [16, 36, 76, 5116]
    """
    return 5 * 2 ** n - 4


def forced_sequence(n: int) -> Iterator[str]:
    """The vertex names of the one improving path of FC_n, in order (a generator; see the module docstring).

    Parameters
    ----------
    n : int
        The number of levels (>= 2).

    Yields
    ------
    str

    Examples
    --------
    >>> list(forced_sequence(2))[:8]
    ['D', 'a1', 'a2', 'b2', 'c2', 'd2', 'a2', 'b1']
    """
    _check(n)

    def act(j, word):
        if j > n:
            return
        x1, x2, x3 = word
        for c in x1:
            yield f"{c}{j}"
        yield from act(j + 1, _R)
        for c in x2:
            yield f"{c}{j}"
        yield from act(j + 1, _F)
        for c in x3:
            yield f"{c}{j}"

    yield "D"
    yield from act(1, _R)


def forced_chain(n: int) -> Graph:
    """The forced chain FC_n (see the module docstring), with its start assignment and vertex names.

    Parameters
    ----------
    n : int
        The number of levels, an int >= 2.

    Returns
    -------
    Graph
        5n + 3 vertices, 39n - 17 edges, ``start`` set, ``meta`` ``{"family": "forced", "n": n}``.

    Raises
    ------
    InstanceError
        If n is not an int >= 2.

    Examples
    --------
    >>> g = forced_chain(20)
    >>> g.n, g.m, g.max_weight_bits, g.int64_safe
    (103, 763, 47, True)
    """
    _check(n)
    order = ["r", "r'", "D"] + [f"{c}{j}" for j in range(1, n + 1) for c in LETTERS]
    idx = {name: k for k, name in enumerate(order)}
    edges: list[tuple[int, int, int]] = []

    def e(a, b, w):
        if w:
            edges.append((idx[a], idx[b], w))

    e("r", "D", RD * LAMBDA ** n)
    for x in LETTERS:
        e("D", f"{x}1", DRIVE[x] * LAMBDA ** (n - 1))
    for j in range(1, n + 1):
        scale = LAMBDA ** (n - j)
        pin = PIN_TOP if j == 1 else PIN_BOTTOM if j == n else PIN
        for x in LETTERS:
            e("r", f"{x}{j}", pin[x] * scale)
        for k, x in enumerate(LETTERS):
            for y in LETTERS[k + 1:]:
                e(f"{x}{j}", f"{y}{j}", IN[x + y] * scale)
        if j < n:
            for x in LETTERS:
                for y in LETTERS:
                    e(f"{x}{j}", f"{y}{j + 1}", DOWN[x + y] * LAMBDA ** (n - j - 1))
    at_r = sum(abs(w) for u, v, w in edges if idx["r"] in (u, v))
    e("r", "r'", at_r + 1)
    start = Assignment(tuple(1 if v == "r" else -1 for v in order))
    return Graph(len(order), tuple(edges), names=tuple(order), start=start, meta={"family": "forced", "n": n})


def verify_forced(n: int) -> bool:
    """Replay the path of FC_n exactly and check it is forced: at every step the intended vertex is the
    ONLY one with a positive gain and every other gain is negative (no ties), and at the end every gain
    is negative.

    Gains are exact integers, updated incrementally (O(degree) per flip), so this runs in
    O(5 * 2^n * degree) time, independently of the flip engine.

    Parameters
    ----------
    n : int
        The number of levels (>= 2).

    Returns
    -------
    bool

    Examples
    --------
    >>> all(verify_forced(n) for n in (2, 3, 4))
    True
    """
    g = forced_chain(n)
    idx = {name: k for k, name in enumerate(g.names)}
    adj: list[list[tuple[int, int]]] = [[] for _ in range(g.n)]
    for u, v, w in g.edges:
        adj[u].append((v, w))
        adj[v].append((u, w))
    s = list(g.start)
    gains = list(g.gains(g.start))
    improving = {v for v in range(g.n) if gains[v] >= 0}  # "improving or tied"
    for name in forced_sequence(n):
        v = idx[name]
        if improving != {v} or gains[v] <= 0:
            return False
        s[v] = -s[v]
        gains[v] = -gains[v]
        for u, w in adj[v]:
            gains[u] += 2 * w * s[u] * s[v]
        for u in [v] + [u for u, _ in adj[v]]:
            if gains[u] >= 0:
                improving.add(u)
            else:
                improving.discard(u)
    return not improving

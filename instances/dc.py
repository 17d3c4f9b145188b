"""DC_n, the doubling chain: a positive-weight Max-Cut family on which the `first` pivot rule makes
exactly T(n) = 5*2^(n-1) - 4 improving flips (SPEC section 2).

Vertices in index order (this order is the pivot order):
``r, r', a_1, x_1, ..., a_{n-1}, x_{n-1}, x_n, y_1, ..., y_n`` (3n+1 vertices, 8n-5 edges).
With C_i = 8*12^(i-1), E_1 = 4 and E_i = 6*C_{i-1}: for i < n, w(a_i,r) = w(x_{i+1},a_i) = w(y_{i+1},a_i)
= 4C_i, w(x_i,r) = w(x_{i+1},x_i) = w(y_{i+1},x_i) = C_i, w(a_i,x_i) = 2C_i; w(x_i,y_i) = E_i for all i;
w(x_n,r') = 12C_n; and w(r,r') = 1 + the larger total weight at r or r' (pins them).

>>> g = doubling_chain(2)
>>> g.n, g.m, g.names[:4]
(7, 11, ('r', "r'", 'a1', 'x1'))
>>> dc_steps(2), g.int64_safe, doubling_chain(17).int64_safe
(6, True, False)

Reference: the seed paper's exponential family; compare Monien & Tscheuschner, "On the power of nodes
of degree four in the local max-cut problem", CIAC 2010.
"""
from __future__ import annotations

from . import limits
from .errors import InstanceError
from .graph import Assignment, Graph
from .limits import check_count

__all__ = ["dc_steps", "doubling_chain"]


def dc_steps(n: int) -> int:
    """T(n) = 5*2^(n-1) - 4: the number of improving flips the ``first`` rule makes on DC_n.

    Parameters
    ----------
    n : int
        The size of the chain.

    Returns
    -------
    int

    Examples
    --------
    >>> [dc_steps(n) for n in (2, 3, 4, 5)]
    [6, 16, 36, 76]
    """
    return 5 * 2 ** (n - 1) - 4


def doubling_chain(n: int) -> Graph:
    """The doubling chain DC_n (see the module docstring), with its start assignment and vertex names.

    All weights are positive. Started from ``graph.start``, the ``first`` pivot rule makes exactly
    ``dc_steps(n)`` improving flips. The weights grow like 12^n: from n = 17 on they exceed int64 gains
    (``graph.int64_safe`` is False).

    Parameters
    ----------
    n : int
        The size, an int >= 2.

    Returns
    -------
    Graph
        3n+1 vertices in pivot order, 8n-5 edges, ``start`` set, ``meta`` ``{"family": "dc", "n": n}``.

    Raises
    ------
    InstanceError
        If n is not an int >= 2, or exceeds ``instances.limits.MAX_DC_LEVELS`` (its weights have about
        3.6 n bits: DC_100000 would need tens of gigabytes).

    References
    ----------
    Monien & Tscheuschner, "On the power of nodes of degree four in the local max-cut problem",
    CIAC 2010.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 2:
        raise InstanceError(f"DC_n needs an integer n >= 2, got {n!r}")
    check_count("levels", n, limits.MAX_DC_LEVELS)
    order = (["r", "r'"] + [f"{c}{i}" for i in range(1, n) for c in ("a", "x")]
             + [f"x{n}"] + [f"y{i}" for i in range(1, n + 1)])
    idx = {name: k for k, name in enumerate(order)}

    def C(i):
        return 8 * 12 ** (i - 1)

    def E(i):
        return 4 if i == 1 else 6 * C(i - 1)

    edges: list[tuple[int, int, int]] = []

    def e(a, b, w):
        edges.append((idx[a], idx[b], w))

    for i in range(1, n):
        e(f"a{i}", "r", 4 * C(i))
        e(f"x{i+1}", f"a{i}", 4 * C(i))
        e(f"y{i+1}", f"a{i}", 4 * C(i))
        e(f"x{i}", "r", C(i))
        e(f"x{i+1}", f"x{i}", C(i))
        e(f"y{i+1}", f"x{i}", C(i))
        e(f"a{i}", f"x{i}", 2 * C(i))
    for i in range(1, n + 1):
        e(f"x{i}", f"y{i}", E(i))
    e(f"x{n}", "r'", 12 * C(n))
    at_r = sum(w for u, v, w in edges if idx["r"] in (u, v))
    at_rp = sum(w for u, v, w in edges if idx["r'"] in (u, v))
    e("r", "r'", max(at_r, at_rp) + 1)
    start = {"r": 1, "r'": -1, f"x{n}": -1, f"y{n}": 1}
    for i in range(1, n):
        start.update({f"a{i}": -1, f"x{i}": 1, f"y{i}": -1})
    return Graph(3 * n + 1, tuple(edges), names=tuple(order),
                 start=Assignment(tuple(start[v] for v in order)),
                 meta={"family": "dc", "n": n})

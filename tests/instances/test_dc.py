"""The doubling chain DC_n (instances.dc) against SPEC section 2: sizes, vertex order, start, weights, pins."""
from __future__ import annotations

import pytest

from instances import InstanceError, dc_steps, doubling_chain


def C(i):
    return 8 * 12 ** (i - 1)


def test_dc_has_the_spec_sizes_order_start_and_pins():
    for n in range(2, 30):
        g = doubling_chain(n)
        assert (g.n, g.m) == (3 * n + 1, 8 * n - 5)
        names = list(g.names)
        assert names[:2] == ["r", "r'"] and names[-n:] == [f"y{i}" for i in range(1, n + 1)]
        s = dict(zip(names, g.start))
        assert (s["r"], s["r'"], s[f"x{n}"], s[f"y{n}"]) == (1, -1, -1, 1)
        assert all(s[f"a{i}"] == -1 and s[f"x{i}"] == 1 and s[f"y{i}"] == -1 for i in range(1, n))
        assert all(w > 0 for _, _, w in g.edges)
        r, rp = names.index("r"), names.index("r'")
        pin = next(w for u, v, w in g.edges if {u, v} == {r, rp})
        others = [(u, v, w) for u, v, w in g.edges if {u, v} != {r, rp}]
        assert pin == 1 + max(sum(w for u, v, w in others if r in (u, v)), sum(w for u, v, w in others if rp in (u, v)))
    assert [dc_steps(n) for n in (2, 3, 4, 5)] == [6, 16, 36, 76]


def test_dc_sizes_and_weights_match_the_spec():
    for n in range(2, 12):
        g = doubling_chain(n)
        assert (g.n, g.m) == (3 * n + 1, 8 * n - 5)
        w = {frozenset((g.names[u], g.names[v])): wt for u, v, wt in g.edges}
        for i in range(1, n):
            assert w[frozenset((f"a{i}", "r"))] == 4 * C(i)
            assert w[frozenset((f"a{i}", f"x{i}"))] == 2 * C(i)
            assert w[frozenset((f"x{i+1}", f"x{i}"))] == C(i)
        assert w[frozenset(("x1", "y1"))] == 4
        assert w[frozenset((f"x{n}", "r'"))] == 12 * C(n)
        assert dc_steps(n) == 5 * 2 ** (n - 1) - 4


def test_dc_overflows_int64_exactly_from_n17():
    assert doubling_chain(16).int64_safe and not doubling_chain(17).int64_safe


def test_dc_rejects_small_n():
    with pytest.raises(InstanceError):
        doubling_chain(1)

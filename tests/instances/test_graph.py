"""Graphs and assignments (instances.graph): cut values, gains, weight bounds and conversions, checked
against independent computations."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from instances import Assignment, Graph, InstanceError

from tests.helpers.strategies import assignments, graphs


@given(graphs(max_n=8), st.data())
def test_flip_gain_is_the_change_in_cut(g, data):
    s = data.draw(assignments(g.n))
    gains = g.gains(s)
    for v in range(g.n):
        t = list(s)
        t[v] = -t[v]
        assert g.cut_value(t) - g.cut_value(s) == gains[v]


@given(graphs(max_n=8))
def test_cut_value_by_definition(g):
    s = Assignment.random(g.n, 7)
    side = {v for v in range(g.n) if s[v] == 1}
    assert g.cut_value(s) == sum(w for u, v, w in g.edges if (u in side) != (v in side))


@given(graphs(max_n=9))
def test_csr_matches_edge_list(g):
    csr = g.csr()
    seen = {}
    for v in range(g.n):
        for k in range(csr.indptr[v], csr.indptr[v + 1]):
            seen[(v, int(csr.indices[k]))] = int(csr.weights[k])
    expect = {}
    for u, v, w in g.edges:
        expect[(u, v)] = w
        expect[(v, u)] = w
    assert seen == expect
    assert csr.int64 == all(abs(w) < 2**63 for _, _, w in g.edges)


@given(graphs(max_n=8))
def test_int64_safe_bound_is_the_gain_bound(g):
    # every gain of every assignment lies within abs_degree, so the bound is sound
    for bits in range(min(2**g.n, 64)):
        s = Assignment.from_bits(bits, g.n)
        assert all(abs(x) <= d for x, d in zip(g.gains(s), g.abs_degree))
    assert g.int64_safe == (2 * max(g.abs_degree, default=0) < 2**63 and g.total_abs_weight < 2**63)


@given(graphs(max_n=8))
def test_networkx_round_trip(g):
    back = Graph.from_networkx(g.to_networkx())
    assert back.n == g.n
    assert {frozenset((u, v)): w for u, v, w in back.edges} == {frozenset((u, v)): w for u, v, w in g.edges}


def test_assignment_bits_and_validation():
    s = Assignment((1, -1, -1, 1))
    assert Assignment.from_bits(s.to_bits(), 4) == s and s.flipped(1) == Assignment((1, 1, -1, 1))
    with pytest.raises(InstanceError):
        Assignment((1, 0))

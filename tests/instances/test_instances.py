"""Instance types and generators: semantics checked against independent computations."""
from __future__ import annotations

import itertools
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from instances import (Assignment, Graph, InstanceError, Ordering, Tree, TripletInstance, dc_steps,
                       doubling_chain, gnm, gnp, random_regular, torus)

from tests.helpers.strategies import assignments, graphs, trees


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


# --- DC_n against SPEC section 2 ------------------------------------------------------------------------
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


def test_dc_overflows_int64_exactly_from_n17():
    assert doubling_chain(16).int64_safe and not doubling_chain(17).int64_safe


def test_dc_rejects_small_n():
    with pytest.raises(InstanceError):
        doubling_chain(1)


# --- random generators ------------------------------------------------------------------------------------
@pytest.mark.parametrize("make", [
    lambda s: gnp(30, 0.3, weights="uniform", seed=s),
    lambda s: gnm(30, 50, weights="gaussian", seed=s),
    lambda s: torus((4, 5, 3), seed=s),
    lambda s: random_regular(20, 3, weights="pm1", seed=s),
])
def test_generators_are_seeded(make):
    assert make(1) == make(1)
    assert make(1) != make(2)
    assert make(3).meta["seed"] == 3


def test_gnm_and_regular_sizes():
    assert gnm(20, 37, seed=0).m == 37
    g = random_regular(30, 4, seed=0)
    degrees = [0] * g.n
    for u, v, _ in g.edges:
        degrees[u] += 1
        degrees[v] += 1
    assert set(degrees) == {4}


def test_gnp_edge_density_is_plausible():
    g = gnp(400, 0.06, seed=5)
    pairs = 400 * 399 // 2
    # binomial(pairs, p): mean 4788, sd ~ 67; 6 sd is a sound bound
    assert abs(g.m - 0.06 * pairs) < 6 * (pairs * 0.06 * 0.94) ** 0.5


@pytest.mark.parametrize("shape", [(3, 3), (4, 6), (3, 4, 5), (8, 8, 8)])
def test_torus_is_the_cartesian_product_of_cycles(shape):
    g = torus(shape, weights="unit", seed=0)
    expect = nx.cycle_graph(shape[0])
    for L in shape[1:]:
        expect = nx.cartesian_product(expect, nx.cycle_graph(L))
    assert nx.is_isomorphic(g.to_networkx(), expect)
    assert g.m == len(shape) * g.n


def test_weight_distributions():
    assert {w for *_, w in gnp(30, 0.5, weights="pm1", seed=0).edges} == {1, -1}
    ws = [w for *_, w in gnp(30, 0.5, weights="uniform", wmin=-3, wmax=5, seed=0).edges]
    assert min(ws) >= -3 and max(ws) <= 5 and len(set(ws)) == 9
    with pytest.raises(InstanceError):
        gnp(5, 0.5, weights="cauchy", seed=0)


# --- triplet semantics -----------------------------------------------------------------------------------
def _lca_by_leaf_sets(tree, a, b):
    """lca as the smallest subtree containing both leaves (independent of Tree.lca)."""
    m = tree.leaves
    kids = {}
    for v, p in enumerate(tree.parent):
        kids.setdefault(p, []).append(v)

    def leaves(v):
        return {v} if v < m else set().union(*(leaves(c) for c in kids[v]))

    best = None
    for v in range(len(tree.parent)):
        L = leaves(v)
        if a in L and b in L and (best is None or len(L) < len(leaves(best))):
            best = v
    return best


@given(st.integers(2, 7).flatmap(lambda m: st.tuples(st.just(m), trees(m))))
def test_tree_lca(mt):
    m, t = mt
    for a, b in itertools.combinations(range(m), 2):
        assert t.lca(a, b) == _lca_by_leaf_sets(t, a, b)


def test_tree_validation():
    Tree((3, 3, 4, 4, -1))
    for bad in [(3, 3, 3, 4, -1), (-1, 3, 4, 4, -1), (3, 3, 4, 4), (1, 3, 4, 4, -1)]:
        with pytest.raises(InstanceError):
            Tree(bad)


def test_triplet_targets_by_hand():
    t = (0, 1, 2, 1)
    inst = TripletInstance(3, (t,))
    assert inst.satisfied_weight((0, 1, 3)) == 1 and inst.satisfied_weight((0, 2, 1)) == 0
    assert inst.satisfied_weight((0, Fraction(1), Fraction(-1))) == 0  # a tie is not satisfied
    b = TripletInstance(3, (t,), target="betweenness")
    assert b.satisfied_weight(Ordering((0, 1, 2))) == 1 and b.satisfied_weight(Ordering((1, 0, 2))) == 0
    nb = TripletInstance(3, (t,), target="nonbetweenness")
    assert nb.satisfied_weight(Ordering((1, 0, 2))) == 1
    assert nb.satisfied_weight((0, 1, 2)) == 0 and nb.satisfied_weight((0, 5, 2)) == 1
    tr = TripletInstance(3, (t,), target="tree")
    assert tr.satisfied_weight(Tree((3, 3, 4, 4, -1))) == 1 and tr.satisfied_weight(Tree((3, 4, 3, 4, -1))) == 0

"""Maximum cut with CP-SAT (localsearch.maxcut.exact.cpsat) against brute force."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from instances import Graph, InstanceError, doubling_chain
from localsearch.maxcut.exact.cpsat import build_model, solve_cpsat
from tests.helpers.oracles import assert_exact, brute_force_maxcut
from tests.helpers.strategies import SMALL, small_graphs


@settings(max_examples=40)
@given(small_graphs(max_n=12, weights=SMALL))
def test_cpsat_equals_brute_force(g):
    assert_exact(solve_cpsat(g), g, brute_force_maxcut(g))


@settings(max_examples=15)
@given(small_graphs(min_n=3, max_n=9, weights=SMALL), st.sampled_from(["full", "onesided"]), st.booleans(), st.booleans())
def test_cpsat_formulations_agree(g, encoding, triangles, complete):
    res = solve_cpsat(g, encoding=encoding, triangles=triangles, complete=complete, symmetry=not complete)
    assert_exact(res, g, brute_force_maxcut(g))


def test_cpsat_refuses_weights_beyond_exact_range():
    g = doubling_chain(18)  # > 64-bit weights
    with pytest.raises(InstanceError, match="2\\^53"):
        solve_cpsat(g)


def test_model_has_one_boolean_per_vertex_and_one_per_edge():
    g = Graph(4, ((0, 1, 1), (1, 2, -2), (2, 3, 3)))
    model, x, y = build_model(g)
    assert len(x) == 4 and sorted(y) == [(0, 1), (1, 2), (2, 3)]
    # full encoding: four inequalities per edge (no symmetry fix asked here)
    assert len(model.Proto().constraints) == 4 * 3
    # one-sided: the two inequalities an optimum needs per edge (upper bounds if w > 0, lower if w < 0)
    assert len(build_model(g, encoding="onesided")[0].Proto().constraints) == 2 * 3
    with pytest.raises(ValueError):
        build_model(g, encoding="half")
    _, _, y = build_model(Graph(3, ((0, 1, 1),)), complete=True, triangles=True)
    assert sorted(y) == [(0, 1), (0, 2), (1, 2)]

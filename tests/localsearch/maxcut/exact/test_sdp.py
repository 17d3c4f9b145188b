"""Maximum cut by SDP branch and bound (localsearch.maxcut.exact.sdp) against brute force."""
from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from instances import Graph, InstanceError, doubling_chain, read_instance
from localsearch.maxcut.descent import Descent
from localsearch.maxcut.exact.sdp import _improve, sdp_bound, solve_sdp
from tests.helpers.data import DATA, PUBLISHED
from tests.helpers.oracles import assert_exact, brute_force_maxcut, naive_flip_run
from tests.helpers.strategies import SMALL, small_graphs


@settings(max_examples=40)
@given(small_graphs(max_n=12, weights=st.integers(-1000, 1000)), st.integers(0, 3))
def test_sdp_branch_and_bound_equals_brute_force(g, seed):
    assert_exact(solve_sdp(g, seed=seed), g, brute_force_maxcut(g))


@settings(max_examples=30)
@given(small_graphs(min_n=2, max_n=10, weights=SMALL))
def test_sdp_bound_is_an_upper_bound_with_unit_diagonal(g):
    W = np.zeros((g.n, g.n))
    for u, v, w in g.edges:
        W[u, v] = W[v, u] = w
    bound, _, X = sdp_bound((np.diag(W.sum(1)) - W) / 4)
    assert bound >= brute_force_maxcut(g) and np.allclose(np.diag(X), 1)


def test_sdp_proves_an_odd_cycle_and_refuses_huge_weights():
    c7 = Graph(7, tuple((i, (i + 1) % 7, 1) for i in range(7)))
    assert_exact(solve_sdp(c7), c7, 6)
    with pytest.raises(InstanceError, match="2\\^50"):
        solve_sdp(doubling_chain(18))


@settings(max_examples=40)
@given(small_graphs(min_n=1, max_n=12, weights=st.integers(-(2**40), 2**40)), st.data())
def test_incumbents_are_improved_by_steepest_flips(g, data):
    """The incumbent polish is the steepest descent (ties to the lowest index), on +-1 float vectors."""
    s = data.draw(st.lists(st.sampled_from([1.0, -1.0]), min_size=g.n, max_size=g.n))
    polish = Descent(g, "steepest")
    for start in (s, [-x for x in s]):  # the second call reuses the engine
        out = _improve(polish, np.array(start))
        assert out.dtype == float and out.tolist() == naive_flip_run(g, [int(x) for x in start], "steepest")[1]


def test_max_nodes_stops_with_a_sound_bracket():
    g = read_instance(os.path.join(DATA, "g05_60.0"))
    res = solve_sdp(g, max_nodes=3)
    assert res.extra["nodes"] == 3 and res.extra["open_nodes"] > 0 and not res.optimal
    assert res.value == g.cut_value(res.assignment) <= PUBLISHED["g05_60.0"] <= res.bound
    assert res.extra["root_bound"] >= PUBLISHED["g05_60.0"]


@pytest.mark.slow
def test_sdp_proves_g05_60_optimal():
    g = read_instance(os.path.join(DATA, "g05_60.0"))
    assert_exact(solve_sdp(g, time_limit=600), g, PUBLISHED["g05_60.0"])

"""Maximum cut by SDP branch and bound with odd clique cuts (localsearch.maxcut.exact.sdp)."""
from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from instances import Graph, InstanceError, doubling_chain, read_instance
from localsearch.maxcut.descent import Descent
from localsearch.maxcut.exact.sdp import CUT_FAMILIES, _improve, solve_sdp
from tests.helpers.data import BEST_KNOWN, DATA, PUBLISHED
from tests.helpers.oracles import assert_exact, brute_force_maxcut, naive_flip_run
from tests.helpers.strategies import small_graphs


@settings(max_examples=40, deadline=None)
@given(small_graphs(max_n=12, weights=st.integers(-1000, 1000)), st.integers(0, 3), st.sampled_from(sorted(CUT_FAMILIES)))
def test_sdp_branch_and_bound_equals_brute_force(g, seed, cuts):
    assert_exact(solve_sdp(g, seed=seed, cuts=cuts), g, brute_force_maxcut(g))


@settings(max_examples=15, deadline=None)
@given(small_graphs(min_n=8, max_n=13, weights=st.integers(-3, 3)), st.integers(0, 100))
def test_branching_with_one_round_per_node_is_still_exact(g, seed):
    """max_nodes is not hit and the tree is deep when nodes are cut short: soundness of the pruning,
    of the children's inherited cuts and of the leaves."""
    res = solve_sdp(g, seed=seed, roundings=0, hint=[1] * g.n)
    assert_exact(res, g, brute_force_maxcut(g))


def test_sdp_proves_an_odd_cycle_and_refuses_huge_weights():
    c7 = Graph(7, tuple((i, (i + 1) % 7, 1) for i in range(7)))
    assert_exact(solve_sdp(c7), c7, 6)
    with pytest.raises(InstanceError, match="2\\^50"):
        solve_sdp(doubling_chain(18))
    with pytest.raises(ValueError, match="cut family"):
        solve_sdp(c7, cuts="squares")


@settings(max_examples=40)
@given(small_graphs(min_n=1, max_n=12, weights=st.integers(-(2**40), 2**40)), st.data())
def test_incumbents_are_improved_by_steepest_flips(g, data):
    """The incumbent polish is the steepest descent (ties to the lowest index), on +-1 float vectors."""
    s = data.draw(st.lists(st.sampled_from([1.0, -1.0]), min_size=g.n, max_size=g.n))
    polish = Descent(g, "steepest")
    for start in (s, [-x for x in s]):  # the second call reuses the engine
        out = _improve(polish, np.array(start))
        assert out.dtype == float and out.tolist() == naive_flip_run(g, [int(x) for x in start], "steepest")[1]


def test_g05_60_is_proven_at_the_root_and_progress_is_reported():
    """g05_60.0 (published optimum 536): the cliques bound proves it at the root; the plain SDP bound of
    the root is far above (the reason the plain solver needs thousands of nodes)."""
    g = read_instance(os.path.join(DATA, "g05_60.0"))
    seen = []
    res = solve_sdp(g, progress=seen.append)
    assert_exact(res, g, PUBLISHED["g05_60.0"])
    assert res.extra["nodes"] <= 3 and res.extra["root_bound"] < PUBLISHED["g05_60.0"] + 2
    assert res.extra["incumbent"]["source"] in ("greedy", "rounding")
    assert seen and seen[-1]["value"] == 536 and seen[-1]["bound"] == 536 and seen[-1]["gap"] == 0
    assert all(d["bound"] >= 536 >= d["value"] and d["open_nodes"] >= 0 for d in seen)
    plain = solve_sdp(g, cuts="none", max_nodes=1)
    assert plain.extra["root_bound"] > PUBLISHED["g05_60.0"] + 10 and not plain.optimal


def test_max_nodes_and_time_limit_stop_with_a_sound_bracket():
    g = read_instance(os.path.join(DATA, "pm1s_100.0"))
    for res in (solve_sdp(g, max_nodes=1, cuts="none"), solve_sdp(g, time_limit=0.3)):
        assert res.extra["open_nodes"] > 0 and not res.optimal and res.status == "feasible"
        assert res.value == g.cut_value(res.assignment) <= PUBLISHED["pm1s_100.0"] <= res.bound
    assert res.seconds < 10


@pytest.mark.slow
@pytest.mark.parametrize("name", ["pm1s_100.0", "w01_100.0", "bqp100-1.sparse.mc"])
def test_sdp_proves_biq_mac_instances(name):
    """A pm1s_100 and a w01_100 instance of the Biq Mac library (and Beasley's bqp100-1) are proven."""
    g = read_instance(os.path.join(DATA, name))
    res = solve_sdp(g, time_limit=600)
    assert_exact(res, g, PUBLISHED[name])


@pytest.mark.parametrize("name", ["G43.txt", pytest.param("G1.txt", marks=pytest.mark.slow)])
def test_time_limit_is_kept_on_large_gset_graphs(name):
    """Gset G43 (1000 vertices) / G1 (800): a 2 s limit stops inside the root's first round (one
    eigendecomposition of order 1000 and a triangle enumeration take seconds) with a sound bracket
    around the best known cut."""
    g = read_instance(os.path.join(DATA, name))
    res = solve_sdp(g, time_limit=2.0)
    assert not res.optimal and res.extra["open_nodes"] == 1 and res.extra["nodes"] == 1
    assert res.value == g.cut_value(res.assignment) <= BEST_KNOWN[name] <= res.bound < g.total_abs_weight
    assert res.seconds < 6


def test_progress_during_a_long_root_is_sound():
    """Progress is reported after every round too (a large root takes minutes): every reported bound is
    at least the best known cut, every incumbent at most it, and the bound only decreases."""
    g = read_instance(os.path.join(DATA, "G43.txt"))
    seen = []
    res = solve_sdp(g, time_limit=2.0, progress=seen.append)
    assert seen and all(d["nodes"] == 1 and d["value"] <= BEST_KNOWN["G43.txt"] <= d["bound"] for d in seen)
    assert [d["bound"] for d in seen] == sorted((d["bound"] for d in seen), reverse=True)
    assert seen[-1]["bound"] >= res.bound

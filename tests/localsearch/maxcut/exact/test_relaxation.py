"""Certified SDP bounds with odd clique cuts (localsearch.maxcut.exact.relaxation) against brute force."""
from __future__ import annotations

import math
import os

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from instances import Graph, read_instance
from localsearch.maxcut.exact.cuts import CliqueCuts, separate_triangles
from localsearch.maxcut.exact.relaxation import NodeStart, bound_relaxation, certified_bound
from tests.helpers.data import DATA, PUBLISHED
from tests.helpers.oracles import brute_force_maxcut
from tests.helpers.strategies import SMALL, small_graphs


def laplacian(g: Graph) -> np.ndarray:
    W = np.zeros((g.n, g.n))
    for u, v, w in g.edges:
        W[u, v] = W[v, u] = w
    return (np.diag(W.sum(1)) - W) / 4


@settings(max_examples=60)
@given(small_graphs(min_n=3, max_n=9, weights=st.integers(-1000, 1000)), st.integers(0, 2**32 - 1))
def test_any_multipliers_give_a_sound_bound(g, seed):
    """Whatever y and gamma >= 0 (random, even poor ones), the certified value is >= the maximum cut."""
    rng = np.random.default_rng(seed)
    L = laplacian(g)
    X = rng.uniform(-1, 1, (g.n, g.n))
    cuts = separate_triangles((X + X.T) / 2, 20, -2.0)
    y = rng.normal(0, 1 + np.abs(L).sum() / g.n, g.n)
    gamma = rng.exponential(1.0, len(cuts)) * rng.integers(0, 2, len(cuts))
    assert certified_bound(L, y, cuts, gamma) >= brute_force_maxcut(g)


@settings(max_examples=30, deadline=None)
@given(small_graphs(min_n=2, max_n=10, weights=SMALL), st.sampled_from([(), (3,), (3, 5, 7)]))
def test_relaxation_bound_is_above_the_maximum_cut_and_x_has_unit_diagonal(g, sizes):
    res = bound_relaxation(laplacian(g), sizes=sizes)
    assert res.bound >= brute_force_maxcut(g) and res.bound == min(res.history)
    assert np.allclose(np.diag(res.X), 1, atol=0.05) and np.allclose(res.factor @ res.factor.T, res.X)


def test_triangles_close_the_gap_of_odd_cycles():
    """C5 with unit weights: max cut 4, SDP value 5/2 (1 + cos(pi/5)) = 4.52; the pentagonal and triangle
    inequalities of the relaxation close the gap (the bound reaches 4)."""
    g = Graph(5, tuple((i, (i + 1) % 5, 1) for i in range(5)))
    L = laplacian(g)
    plain = bound_relaxation(L, sizes=())
    assert 5 / 2 * (1 + math.cos(math.pi / 5)) - 1e-9 <= plain.bound < 4.53
    assert 4 <= bound_relaxation(L, sizes=(3, 5)).bound < 4.05


def test_certified_bound_refuses_negative_multipliers_and_covers_rounding():
    L = np.array([[0.5, -0.5], [-0.5, 0.5]])
    with pytest.raises(ValueError, match="non-negative"):
        certified_bound(L, np.ones(2), CliqueCuts(2, np.zeros((1, 7), int), np.zeros((1, 7), int), [3]), [-1.0])
    assert certified_bound(L, np.array([np.nan, 1.0]), CliqueCuts(2), np.zeros(0)) == math.inf
    # y = (1, 1) is optimal: the bound is 2 plus a margin far below one cut unit
    assert 2 < certified_bound(L, np.ones(2), CliqueCuts(2), np.zeros(0)) < 2 + 1e-9


def test_children_start_from_the_parents_cuts():
    """The child where s_5 = s_0 inherits the parent's inequalities (re-indexed) and multipliers, and its
    bound stays above every cut with s_5 = s_0 (here: random ones)."""
    g = read_instance(os.path.join(DATA, "g05_60.0"))
    L = laplacian(g)
    root = bound_relaxation(L, max_rounds=3, min_rounds=3)
    assert len(root.start.cuts) > 0 and root.history[-1] < root.history[0] and root.bound >= PUBLISHED["g05_60.0"]
    child = root.start.fix(5, 1)
    assert child.cuts.k == 59 and len(child.gamma) == len(child.cuts) > 0 and child.centre.shape == (59, 59)
    P = np.delete(np.eye(60), 5, 1)
    P[5, 0] = 1                                    # s = P z with s_5 = z_0 = s_0
    res = bound_relaxation(P.T @ L @ P, child, max_rounds=2)
    rng = np.random.default_rng(0)
    for _ in range(20):
        z = rng.choice([-1, 1], 59)
        assert res.bound >= g.cut_value((P @ z).astype(int).tolist())


@settings(max_examples=30, deadline=None)
@given(small_graphs(min_n=3, max_n=10, weights=SMALL), st.integers(1, 40))
def test_a_deadline_inside_a_round_still_gives_a_sound_bound(g, ticks):
    """The clock passes the deadline after ``ticks`` readings, possibly in the middle of an L-BFGS-B run
    or of a separation: the bound (certified at the last multipliers evaluated) stays above the optimum."""
    clock = iter(range(10**6)).__next__
    res = bound_relaxation(laplacian(g), deadline=ticks, clock=clock, stall=0.0)
    assert res.evaluations >= 1 and res.bound >= brute_force_maxcut(g)
    assert len(res.start.gamma) == len(res.start.cuts) and len(res.start.y) == g.n


def test_deadline_stops_mid_round():
    """With the deadline already past, one evaluation is made (not a whole L-BFGS-B run of 60)."""
    g = read_instance(os.path.join(DATA, "g05_60.0"))
    res = bound_relaxation(laplacian(g), deadline=0.0, clock=lambda: 1.0)
    assert res.evaluations == 1 and len(res.history) == 1 and res.bound >= PUBLISHED["g05_60.0"]


@settings(max_examples=20, deadline=None)
@given(small_graphs(min_n=3, max_n=10, weights=SMALL), st.integers(1, 40))
def test_a_stop_request_ends_the_relaxation_like_a_deadline(g, calls):
    """``stop`` (a signal, in the solver) is checked where the deadline is: the relaxation ends after the
    same number of checks, at a bound that is still sound, and without a deadline set at all."""
    asked = iter(range(10**6)).__next__
    res = bound_relaxation(laplacian(g), stop=lambda: asked() >= calls, stall=0.0)
    clock = iter(range(10**6)).__next__
    same = bound_relaxation(laplacian(g), deadline=calls - 1, clock=clock, stall=0.0)
    assert res.evaluations == same.evaluations and res.bound == same.bound >= brute_force_maxcut(g)

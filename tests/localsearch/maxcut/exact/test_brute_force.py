"""Maximum cut by enumeration (localsearch.maxcut.exact.brute_force) against the Gray-code oracle and CP-SAT."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings, strategies as st

from instances import Graph, InstanceError, gnp
from localsearch.maxcut.exact import solve
from localsearch.maxcut.exact.brute_force import brute_force_maxcut, solve_brute_force
from tests.helpers.oracles import assert_exact, brute_force_maxcut as gray_code_maxcut
from tests.helpers.strategies import small_graphs

HUGE = st.one_of(st.integers(-10, 10), st.integers(-(2**100), 2**100),
                 st.sampled_from([2**62, -(2**62), 2**63 - 1, -(2**63), 2**64 + 1, -(2**127)]))


@settings(max_examples=80)
@given(small_graphs(max_n=11, weights=HUGE))
def test_solve_brute_force_equals_the_gray_code_oracle(g):
    res = solve_brute_force(g)
    assert_exact(res, g, gray_code_maxcut(g))
    assert brute_force_maxcut(g) == res.value and res.solver == "brute-force"
    assert res.assignment[0] == 1 or g.n == 0  # the enumeration fixes s_0 = +1


@settings(max_examples=30)
@given(small_graphs(max_n=10, weights=st.integers(-(2**20), 2**20)))
def test_solve_brute_force_equals_cpsat(g):
    a, b = solve(g, "brute-force"), solve(g, "cpsat")
    assert a.value == a.bound == b.value == b.bound and a.optimal and b.optimal


def test_brute_force_maxcut_against_exhaustive_python():
    for seed in range(4):
        g = gnp(9, 0.5, seed=seed, weights="uniform")
        best = max(g.cut_value(s) for s in itertools.product((1, -1), repeat=9))
        assert brute_force_maxcut(g) == best


def test_limit_and_trivial_graphs():
    with pytest.raises(InstanceError):
        brute_force_maxcut(Graph(5, ()), limit=4)
    with pytest.raises(InstanceError):
        solve_brute_force(Graph(5, ((0, 1, 1),)), limit=4)
    for g in (Graph(0, ()), Graph(1, ()), Graph(4, ())):
        res = solve_brute_force(g)
        assert res.value == 0 and res.optimal and len(res.assignment) == g.n
    # all-negative weights: the best cut is empty
    assert brute_force_maxcut(Graph(3, ((0, 1, -1), (1, 2, -5)))) == 0

"""The exact solvers by name (localsearch.maxcut.exact.solvers): dispatch, agreement between solvers,
time limits. (The ``exact`` command that drives them is tested in tests/tripletpls/commands/test_exact.py.)"""
from __future__ import annotations

import os

import pytest
from hypothesis import given, settings

from instances import Graph, doubling_chain, read_instance
from localsearch.maxcut.exact import SOLVERS, solve
from localsearch.maxcut.exact.brute_force import solve_brute_force
from localsearch.maxcut.exact.cpsat import solve_cpsat
from localsearch.maxcut.exact.maxsat import solve_maxsat
from localsearch.maxcut.exact.sdp import solve_sdp
from tests.helpers.data import DATA, PUBLISHED
from tests.helpers.oracles import assert_exact, brute_force_maxcut
from tests.helpers.strategies import SMALL, small_graphs


def test_solvers_by_name():
    assert SOLVERS == {"cpsat": solve_cpsat, "maxsat": solve_maxsat, "sdp": solve_sdp, "brute-force": solve_brute_force}
    g = Graph(3, ((0, 1, 2), (1, 2, 3), (0, 2, 1)))
    for name in SOLVERS:
        res = solve(g, name)
        assert res.solver == name and res.value == res.bound == 5 and res.optimal
    assert solve(g).solver == "cpsat"
    with pytest.raises(ValueError, match="unknown solver"):
        solve(g, "simplex")


@settings(max_examples=20)
@given(small_graphs(min_n=2, max_n=10, weights=SMALL, with_start=True))
def test_any_hint_gives_the_optimum(g):
    opt = brute_force_maxcut(g)
    assert_exact(solve_cpsat(g, hint=g.start), g, opt)
    assert_exact(solve_maxsat(g, hint=g.start), g, opt)
    assert_exact(solve_sdp(g, hint=g.start), g, opt)


def test_dc_optimum_both_solvers_agree_with_brute_force():
    g = doubling_chain(4)  # 13 vertices
    opt = brute_force_maxcut(g)
    assert_exact(solve(g, "cpsat", workers=2), g, opt)
    assert_exact(solve(g, "maxsat"), g, opt)


@pytest.mark.parametrize("solver", ["cpsat", "maxsat", "sdp"])
def test_time_limited_result_brackets_the_published_optimum(solver):
    g = read_instance(os.path.join(DATA, "g05_60.0"))
    res = solve(g, solver, time_limit=0.2 if solver == "sdp" else 1.0)  # sdp proves it in about a second
    assert res.value == g.cut_value(res.assignment)
    assert res.value <= PUBLISHED["g05_60.0"] <= res.bound
    assert not res.optimal and res.seconds < 30


def test_empty_and_edgeless_graphs():
    for g in (Graph(0, ()), Graph(3, ()), Graph(2, ((0, 1, 0),))):
        for solver in ("cpsat", "maxsat", "sdp"):
            res = solve(g, solver)
            assert res.optimal and res.value == 0 and len(res.assignment) == g.n


# CP-SAT's linearised model reliably reaches the optimum of w01_100 in 120 s on 2 cores, but not of the
# others (measured: g05_60 534/536, bqp100 7840/7970, pm1s_100 125 or 127/127, bounds 885, 17208, 260):
# those are asserted only to be sound (cut <= optimum <= bound); the SDP bound proves all four.
CPSAT_REACHES = {"w01_100.0"}


@pytest.mark.slow
@pytest.mark.parametrize("solver", ["cpsat", "sdp"])
@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_solvers_reach_published_optimum(name, solver):
    """Within 120 s the proven bound is above the published optimum and the best cut below it; the cut
    equals it for the SDP solver and for CP-SAT on the instances in CPSAT_REACHES."""
    g = read_instance(os.path.join(DATA, name))
    res = solve(g, solver, time_limit=120, workers=2)
    assert res.value <= PUBLISHED[name] <= res.bound
    assert g.cut_value(res.assignment) == res.value
    if solver == "sdp" or name in CPSAT_REACHES:
        assert res.value == PUBLISHED[name]

"""The exact solvers by name (localsearch.maxcut.exact.solvers): dispatch, agreement between solvers,
time limits, and the ``exact`` command that drives them."""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings, strategies as st

from instances import Graph, doubling_chain, read_instance, write_instance
from localsearch.maxcut.exact import SOLVERS, solve
from localsearch.maxcut.exact.brute_force import solve_brute_force
from localsearch.maxcut.exact.cpsat import solve_cpsat
from localsearch.maxcut.exact.maxsat import solve_maxsat
from localsearch.maxcut.exact.sdp import solve_sdp
from tests.helpers.cli import run_cli
from tests.helpers.oracles import brute_force_maxcut
from tests.helpers.strategies import SMALL, small_graphs
from tests.localsearch.maxcut.exact import PUBLISHED, SHARED_DATA, assert_exact


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
    g = read_instance(os.path.join(SHARED_DATA, "g05_60.0"))
    res = solve(g, solver, time_limit=1.0)
    assert res.value == g.cut_value(res.assignment)
    assert res.value <= PUBLISHED["g05_60.0"] <= res.bound
    assert not res.optimal and res.seconds < 30


def test_empty_and_edgeless_graphs():
    for g in (Graph(0, ()), Graph(3, ()), Graph(2, ((0, 1, 0),))):
        for solver in ("cpsat", "maxsat", "sdp"):
            res = solve(g, solver)
            assert res.optimal and res.value == 0 and len(res.assignment) == g.n


def test_cli_exact_json_and_output(tmp_path):
    g = doubling_chain(3)
    f = tmp_path / "dc3.json"
    write_instance(g, str(f))
    out = tmp_path / "best.json"
    code, stdout, err = run_cli("exact", f, "--solver", "maxsat", "-o", out, "--json")
    assert code == 0, err
    d = json.loads(stdout)
    opt = brute_force_maxcut(g)
    assert d["value"] == d["bound"] == opt and d["optimal"] is True and d["seconds"] >= 0
    sol = json.loads(out.read_text())
    assert g.cut_value(sol["assignment"]) == opt
    code, stdout, err = run_cli("exact", f, "--solver", "cpsat", "--hint", out, "--workers", "2", "--json")
    assert code == 0 and json.loads(stdout)["value"] == opt


def test_cli_exact_bad_input(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("3 1\n1 2 x\n")
    code, stdout, err = run_cli("exact", bad, "--json")
    assert code == 2 and str(bad) in err and stdout == "" and len(err.splitlines()) == 1
    big = tmp_path / "big.txt"
    big.write_text(f"2 1\n1 2 {2**70}\n")
    code, stdout, err = run_cli("exact", big, "--solver", "cpsat", "--json")
    assert code == 2 and "2^53" in err


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
    g = read_instance(os.path.join(SHARED_DATA, name))
    res = solve(g, solver, time_limit=120, workers=2)
    assert res.value <= PUBLISHED[name] <= res.bound
    assert g.cut_value(res.assignment) == res.value
    if solver == "sdp" or name in CPSAT_REACHES:
        assert res.value == PUBLISHED[name]


@settings(max_examples=6, deadline=None)
@given(small_graphs(max_n=3), st.sampled_from(["tree", "betweenness", "nonbetweenness"]))
def test_cli_exact_on_reduced_triplets_backmaps_to_a_maximum_cut(tmp_path_factory, g, target):
    """The global optimum of a reduced instance (CP-SAT) is certified from scratch and maps back to a
    maximum cut (brute force): the reductions carry global optima, not only local ones."""
    from reductions import target_module

    d = tmp_path_factory.mktemp("red")
    f, out = d / "r.json", d / "sol.json"
    write_instance(target_module(target).reduce(g), str(f))
    code, stdout, err = run_cli("exact", f, "-o", out, "--json")
    assert code == 0, err
    res = json.loads(stdout)
    assert res["optimal"] and res["value"] == res["bound"] and res["local_optimum"] is True
    assert res["backmapped_cut"] == brute_force_maxcut(g) and res["backmapped_local_optimum"] is True
    assert json.loads(out.read_text())["backmapped_assignment"]
    code, _, err = run_cli("exact", f, "--solver", "maxsat", "--json")
    assert code == 2 and len(err.splitlines()) == 1


"""`tripletpls paths`: longest and shortest improving flip sequences with replayed witnesses."""
from __future__ import annotations

from instances import Assignment, dc_steps, doubling_chain, write_instance

from tests.helpers.cli import assert_bad_input, run_cli, run_json


def test_paths_from_each_start(tmp_path):
    f = tmp_path / "dc3.json"
    write_instance(doubling_chain(3), str(f))
    d = run_json("paths", f)
    g = doubling_chain(3)
    assert d["shortest"] <= 2 and d["longest"] >= 5 * 2 ** 2 - 4 and d["vertices"] == g.n
    assert d["start_assignment"] == list(g.start) and (d["start"], d["seed"]) == ("instance", 0)
    assert len(d["longest_path"]) == d["longest"] and d["longest_end_local_optimum"] and d["shortest_end_local_optimum"]
    r = run_json("paths", f, "--start", "random", "--seed", 3, "--no-witness")
    assert r["start_assignment"] == list(Assignment.random(g.n, 3)) and "longest_path" not in r
    p = run_json("paths", f, "--start", "plus")
    assert p["start_assignment"] == [1] * g.n
    assert_bad_input("paths", f, "--max-states", 5, mentions=str(f))


def test_paths_of_dc3_are_witnessed_and_max_states_is_enforced(tmp_path):
    g = doubling_chain(3)
    f = tmp_path / "dc3.json"
    write_instance(g, str(f))
    d = run_json("paths", f)
    assert d["longest"] == dc_steps(3) == len(d["longest_path"]) and d["shortest"] == len(d["shortest_path"])
    assert d["reachable"] >= d["longest"] + 1 and d["local_optima"] >= 1
    assert d["longest_end_local_optimum"] is True and d["shortest_end_local_optimum"] is True
    code, stdout, err = run_cli("paths", f, "--max-states", "5", "--json")
    assert code == 2 and "--max-states" in err and str(f) in err and stdout == ""

"""`tripletpls paths`: longest and shortest improving flip sequences with replayed witnesses."""
from __future__ import annotations

from instances import Assignment, doubling_chain, write_instance

from tests.helpers.cli import assert_bad_input, run_json


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

"""`tripletpls exact`: Max-Cut optima with certificates and -o, triplet optima with back maps, option checks."""
from __future__ import annotations

import json
import os

from hypothesis import given, settings, strategies as st

from instances import doubling_chain, gnp, write_instance
from reductions import target_module

from tests.helpers.cli import assert_bad_input, run_cli, run_json
from tests.helpers.data import DATA, PUBLISHED
from tests.helpers.oracles import brute_force_maxcut
from tests.helpers.strategies import small_graphs


def test_maxcut_optimum_hint_and_output(tmp_path):
    g = gnp(10, 0.5, weights="uniform", seed=5)
    f, out = tmp_path / "g.json", tmp_path / "best.json"
    write_instance(g, str(f))
    d = run_json("exact", f, "--solver", "maxsat", "-o", out)
    assert d["value"] == brute_force_maxcut(g) and d["optimal"] and d["local_optimum"] is True
    assert (d["workers"], d["hinted"], d["output"]) == (1, False, str(out))
    doc = json.loads(out.read_text())
    assert doc["value"] == d["value"] and len(doc["assignment"]) == g.n
    h = run_json("exact", f, "--hint", out, "--workers", 2)
    assert h["value"] == d["value"] and (h["workers"], h["hinted"]) == (2, True)


def test_triplet_optimum_is_back_mapped(tmp_path):
    src, red, sol = tmp_path / "dc2.json", tmp_path / "red.json", tmp_path / "sol.json"
    write_instance(doubling_chain(2), str(src))
    run_json("reduce", src, "--to", "nonbetweenness", "-o", red)
    d = run_json("exact", red, "-o", sol)
    assert d["optimal"] and d["gap"] == 0 and d["target"] == "nonbetweenness" and d["backmapped_local_optimum"]
    assert "backmapped_assignment" not in d
    doc = json.loads(sol.read_text())
    assert (doc["solver"], doc["value"], doc["optimal"]) == ("cpsat", d["value"], True)
    assert len(doc["backmapped_assignment"]) == doubling_chain(2).n
    c = run_json("check", red, "--solution", sol)
    assert c["local_optimum"] and c["satisfied_weight"] == d["value"]


def test_option_checks(tmp_path):
    g, src, line, tree = tmp_path / "g.json", tmp_path / "dc2.json", tmp_path / "l.json", tmp_path / "t.json"
    write_instance(gnp(6, 0.5, seed=1), str(g))
    write_instance(doubling_chain(2), str(src))
    run_json("reduce", src, "--to", "line", "-o", line)
    run_json("reduce", src, "--to", "tree", "-o", tree)
    assert_bad_input("exact", g, "--solver", "maxsat", "--triangles", mentions="--triangles")
    assert_bad_input("exact", g, "--solver", "cpsat", "--cuts", "none", mentions="--cuts")
    assert_bad_input("exact", g, "--solver", "sdp", "--cuts", "squares", mentions="--cuts")
    assert run_json("exact", g, "--solver", "sdp", "--triangles")["optimal"]  # as before: sdp ignores it
    assert_bad_input("exact", tree, "--solver", "maxsat", mentions="--solver")
    line_err = assert_bad_input("exact", line, "--solver", "maxsat", mentions=str(line))
    assert "no exact model for target 'euclidean'" in line_err  # the instance is checked before the options


def test_dc3_optimum_is_written_and_reused_as_a_hint(tmp_path):
    g = doubling_chain(3)
    f = tmp_path / "dc3.json"
    write_instance(g, str(f))
    out = tmp_path / "best.json"
    d = run_json("exact", f, "--solver", "maxsat", "-o", out)
    opt = brute_force_maxcut(g)
    assert d["value"] == d["bound"] == opt and d["optimal"] is True and d["seconds"] >= 0
    sol = json.loads(out.read_text())
    assert g.cut_value(sol["assignment"]) == opt
    assert run_json("exact", f, "--solver", "cpsat", "--hint", out, "--workers", "2")["value"] == opt


def test_bad_files_and_weights_beyond_cpsat(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("3 1\n1 2 x\n")
    code, stdout, err = run_cli("exact", bad, "--json")
    assert code == 2 and str(bad) in err and stdout == "" and len(err.splitlines()) == 1
    big = tmp_path / "big.txt"
    big.write_text(f"2 1\n1 2 {2**70}\n")
    code, stdout, err = run_cli("exact", big, "--solver", "cpsat", "--json")
    assert code == 2 and "2^53" in err


@settings(max_examples=6, deadline=None)
@given(small_graphs(max_n=3), st.sampled_from(["tree", "betweenness", "nonbetweenness"]))
def test_reduced_triplet_optimum_backmaps_to_a_maximum_cut(tmp_path_factory, g, target):
    """The global optimum of a reduced instance (CP-SAT) is certified from scratch and maps back to a
    maximum cut (brute force): the reductions carry global optima, not only local ones."""
    d = tmp_path_factory.mktemp("red")
    f, out = d / "r.json", d / "sol.json"
    write_instance(target_module(target).reduce(g), str(f))
    res = run_json("exact", f, "-o", out)
    assert res["optimal"] and res["value"] == res["bound"] and res["local_optimum"] is True
    assert res["backmapped_cut"] == brute_force_maxcut(g) and res["backmapped_local_optimum"] is True
    assert json.loads(out.read_text())["backmapped_assignment"]
    code, _, err = run_cli("exact", f, "--solver", "maxsat", "--json")
    assert code == 2 and len(err.splitlines()) == 1


def test_sdp_proves_g05_60_with_progress_and_stops_at_the_time_limit(monkeypatch):
    """The cliques bound proves g05_60.0 (536) at the root and reports how; progress lines go to stderr
    (every PROGRESS_EVERY seconds, here every node); a time limit returns a sound bracket, optimal false."""
    from tripletpls.commands import exact

    monkeypatch.setattr(exact, "PROGRESS_EVERY", 0.0)
    f = os.path.join(DATA, "g05_60.0")
    code, out, err = run_cli("exact", f, "--solver", "sdp", "--json")
    d = json.loads(out)
    assert code == 0 and d["optimal"] and d["value"] == d["bound"] == PUBLISHED["g05_60.0"] and d["gap"] == 0
    assert d["cuts"] == "cliques" and d["nodes"] >= 1 and d["root_bound"] >= 536 and d["local_optimum"]
    assert d["incumbent"]["source"] in ("greedy", "rounding") and d["open_nodes"] == 0
    assert "nodes" in err and "incumbent 536" in err and "gap 0" in err
    quiet = run_cli("exact", f, "--solver", "sdp", "--quiet", "--cuts", "none", "--time-limit", "0.3", "--json")
    t = json.loads(quiet[1])
    assert quiet[2] == "" and t["optimal"] is False and t["status"] == "feasible" and t["open_nodes"] > 0
    assert t["value"] <= 536 <= t["bound"] and t["cuts"] == "none" and t["time_limit"] == 0.3

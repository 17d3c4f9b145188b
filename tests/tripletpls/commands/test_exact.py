"""`tripletpls exact`: Max-Cut optima with certificates and -o, triplet optima with back maps, option checks."""
from __future__ import annotations

import json

from instances import doubling_chain, gnp, write_instance

from tests.helpers.cli import assert_bad_input, run_json
from tests.helpers.oracles import brute_force_maxcut


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
    assert run_json("exact", g, "--solver", "sdp", "--triangles")["optimal"]  # as before: sdp ignores it
    assert_bad_input("exact", tree, "--solver", "maxsat", mentions="--solver")
    line_err = assert_bad_input("exact", line, "--solver", "maxsat", mentions=str(line))
    assert "no exact model for target 'euclidean'" in line_err  # the instance is checked before the options

"""`tripletpls search`: reduce DC_n to every discrete target, search, certify, back-map, write and read back."""
import json
from fractions import Fraction

import pytest

from instances import Ordering, Tree, dc_steps, doubling_chain, read_instance, write_instance
from reductions import target_module

from tests.helpers.cli import assert_bad_input, run_cli, run_json


def run(*args):
    code, out, err = run_cli(*args)
    return code, out


def test_reduce_and_search_on_the_line(tmp_path):
    src = tmp_path / "dc4.json"
    write_instance(doubling_chain(4), str(src))
    out = tmp_path / "dc4.line.json"
    code, text = run("reduce", str(src), "--to", "line", "-o", str(out), "--json")
    assert code == 0, text
    info = json.loads(text)
    assert info["points"] == 13 + 11 and info["triplets"] == 26 + 2 * 13 + 27
    sol = tmp_path / "sol.line.json"
    code, text = run("search", str(out), "--rule", "first", "-o", str(sol), "--json")
    assert code == 0, text
    r = json.loads(text)
    assert r["steps"] == dc_steps(4) and r["local_optimum"] and r["backmapped_local_optimum"]
    doc = json.loads(sol.read_text())
    assert len(doc["backmapped_assignment"]) == 13 and len(doc["positions"]) == 24
    assert all(isinstance(x, str) for x in doc["positions"])
    assert (doc["kind"], doc["rule"], doc["seed"], doc["steps"]) == ("solution", "first", 0, r["steps"])


@pytest.mark.parametrize("dim", [1, 2, 3])
def test_reduce_and_search_in_rd(tmp_path, dim):
    """The radial reduction in every dimension: DC_3 keeps its steps under `first`; the solution file holds
    exact positions ("p/q", one list per point for d >= 2) and the back-mapped assignment."""
    src, out, sol = tmp_path / "dc3.json", tmp_path / "dc3.rd.json", tmp_path / "sol.json"
    write_instance(doubling_chain(3), str(src))
    info = run_json("reduce", src, "--to", "rd", "--dim", dim, "-o", out)
    n = 10
    assert (info["points"], info["triplets"], info["dim"]) == (3 * n + 6, 6 * n + 3 + 19, dim)
    assert info["construction"] == "radial"
    r = run_json("search", out, "--rule", "first", "-o", sol)
    assert r["steps"] == dc_steps(3) and r["local_optimum"] and r["backmapped_local_optimum"]
    assert {"steps", "satisfied_weight", "local_optimum", "backmapped_cut", "backmapped_local_optimum"} <= set(r)
    doc = json.loads(sol.read_text())
    inst = read_instance(str(out))
    pos = doc["positions"]
    assert len(pos) == inst.points and all(isinstance(x, str) if dim == 1 else len(x) == dim for x in pos)
    final = inst.check_solution(pos)
    assert inst.satisfied_weight(final) == r["satisfied_weight"]
    assert list(target_module("rd").backmap(inst, final)) == doc["backmapped_assignment"]
    assert r["backmapped_cut"] == doubling_chain(3).cut_value(doc["backmapped_assignment"])


def test_rd_rules_match_flip_and_random_starts_move_every_point(tmp_path):
    """Every rule from the canonical start takes the flip engine's steps (tightness, from the CLI); a random
    start randomises every point, anchors included, with rational coordinates off the axis."""
    src, red = tmp_path / "g.json", tmp_path / "g.rd.json"
    run_json("generate", "random", "--n", 5, "--seed", 3, "-o", src)
    run_json("reduce", src, "--to", "rd", "--dim", 2, "-o", red)
    for rule in ("first", "last", "steepest", "least", "cyclic", "random"):
        assert run_json("search", red, "--rule", rule, "--seed", 4)["steps"] == \
            run_json("flip", src, "--rule", rule, "--seed", 4)["steps"]
    start = tmp_path / "start.json"
    r = run_json("search", red, "--start", "random", "--seed", 11, "--max-steps", 0, "-o", start)
    assert (r["steps"], r["start"], r["seed"]) == (0, "random", 11)
    inst = read_instance(str(red))
    pos = inst.check_solution(json.loads(start.read_text())["positions"])
    assert all(p != q for p, q in zip(pos, inst.start))  # every point moved from the canonical image
    assert sum(x[1] != 0 for x in pos) > inst.points // 2  # off the axis
    r = run_json("search", red, "--start", "random", "--seed", 11, "--rule", "steepest")
    assert r["local_optimum"] and r["backmapped_local_optimum"]


def test_random_start_on_the_line_and_bad_dim(tmp_path):
    src = tmp_path / "dc3.json"
    write_instance(doubling_chain(3), str(src))
    out = tmp_path / "dc3.line.json"
    assert run("reduce", str(src), "--to", "line", "-o", str(out), "--json")[0] == 0
    code, text = run("search", str(out), "--rule", "random", "--start", "random", "--seed", "7", "--json")
    r = json.loads(text)
    assert code == 0 and r["local_optimum"] and r["backmapped_local_optimum"]
    assert (r["start"], r["seed"]) == ("random", 7)
    for bad in ("0", "-2", "1.5", "two"):
        assert_bad_input("reduce", src, "--to", "rd", "--dim", bad, "-o", tmp_path / "x.json", mentions="--dim")
    assert_bad_input("reduce", src, "--to", "rd", "--dim", 10**8, "-o", tmp_path / "x.json", mentions="dimension")
    assert_bad_input("reduce", src, "--to", "line", "--construction", "radial", "-o", tmp_path / "x.json",
                     mentions="--construction")
    assert not (tmp_path / "x.json").exists()


def test_a_general_instance_in_3d_without_an_exact_method_exits_2(tmp_path):
    """Points in triplets with two apexes, in R^3, off a line: no exact best move, so no search (and no
    random start); one line naming the file."""
    f = tmp_path / "mixed.json"
    f.write_text(json.dumps({"kind": "triplets", "points": 4, "dim": 3, "triplets": [[0, 1, 2, 1], [3, 2, 1, 1]],
                             "start": [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0]]}))
    assert "mix roles" in assert_bad_input("search", f, "--json", mentions=str(f))
    assert "mix roles" in assert_bad_input("search", f, "--start", "random", "--json", mentions=str(f))
    flat = tmp_path / "flat.json"
    flat.write_text(f.read_text().replace("[0, 1, 0], [1, 1, 0]", "[2, 0, 0], [3, 0, 0]"))
    assert run_json("search", flat)["local_optimum"] is True  # collinear co-points: exact


@pytest.mark.parametrize("target", ["tree", "betweenness", "nonbetweenness"])
def test_reduce_search_and_solution_file(tmp_path, target):
    src, red, sol = tmp_path / "dc4.json", tmp_path / "red.json", tmp_path / "sol.json"
    write_instance(doubling_chain(4), str(src))
    code, out = run("reduce", str(src), "--to", target, "-o", str(red), "--json")
    assert code == 0
    info = json.loads(out)
    inst = read_instance(str(red))
    assert info["points"] == inst.points and info["triplets"] == len(inst.triplets) and inst.target == target
    code, out = run("search", str(red), "--rule", "first", "-o", str(sol), "--json")
    assert code == 0
    r = json.loads(out)
    assert r["steps"] == dc_steps(4) and r["local_optimum"] and r["backmapped_local_optimum"]
    doc = json.loads(sol.read_text())
    final = Tree(tuple(doc["parent"])) if target == "tree" else Ordering(tuple(doc["order"]))
    assert inst.satisfied_weight(final) == r["satisfied_weight"]
    assert list(target_module(target).backmap(inst, final)) == doc["backmapped_assignment"]
    code, out = run("search", str(red), "--rule", "random", "--start", "random", "--seed", "7", "--json")
    assert code == 0 and json.loads(out)["backmapped_local_optimum"]
    code, out = run("search", str(red), "--max-steps", "1", "--json")
    r = json.loads(out)
    assert code == 0 and r["steps"] == 1 and not r["local_optimum"] and r["witness"]["gain"] > 0


def test_positions_form_nonbetweenness_on_the_line_and_a_clean_error_in_the_plane(tmp_path):
    f, sol = tmp_path / "nb.json", tmp_path / "sol.json"
    doc = {"kind": "triplets", "target": "nonbetweenness", "points": 3, "dim": 1,
           "triplets": [[0, 1, 2, 1]], "start": [0, 1, 2]}
    f.write_text(json.dumps(doc))
    code, out = run("search", str(f), "-o", str(sol), "--json")
    assert code == 0 and json.loads(out)["satisfied_weight"] == 1 and json.loads(out)["steps"] == 1
    final = [Fraction(x) for x in json.loads(sol.read_text())["positions"]]
    assert not min(final[0], final[2]) <= final[1] <= max(final[0], final[2])
    f.write_text(json.dumps({**doc, "dim": 2, "start": [[0, 0], [1, 0], [2, 0]]}))
    code, _ = run("search", str(f), "--json")
    assert code == 2


def test_an_instance_without_start_needs_a_random_start(tmp_path):
    f = tmp_path / "t.json"
    f.write_text(json.dumps({"kind": "triplets", "target": "tree", "points": 3, "dim": 1,
                             "triplets": [[0, 1, 2, 1]], "start": None}))
    line = assert_bad_input("search", f, "--json", mentions=str(f))
    assert "--start random" in line
    code, out = run("search", str(f), "--start", "random", "--json")
    assert code == 0 and json.loads(out)["local_optimum"] is True and json.loads(out)["satisfied_weight"] == 1


def test_a_graph_is_not_a_triplet_instance(tmp_path):
    src = tmp_path / "dc2.json"
    write_instance(doubling_chain(2), str(src))
    assert_bad_input("search", src, "--json", mentions=str(src))


@pytest.mark.parametrize("form", ["ordering", "positions"])
def test_reduce_search_all_targets_on_dc(tmp_path, form):
    """reduce + search from the CLI: DC_n first takes T(n) steps on trees and (non-)betweenness in
    both solution forms, and the end back-maps to a certified local max-cut."""
    n = 4
    src = tmp_path / "dc.json"
    write_instance(doubling_chain(n), str(src))
    targets = ["nonbetweenness"] if form == "positions" else ["tree", "betweenness", "nonbetweenness"]
    for target in targets:
        out = tmp_path / f"{target}.json"
        extra = ("--form", form) if target == "nonbetweenness" else ()
        run_json("reduce", src, "--to", target, *extra, "-o", out)
        d = run_json("search", out, "--rule", "first")
        assert d["steps"] == dc_steps(n) and d["local_optimum"] and d["backmapped_local_optimum"]
    assert_bad_input("reduce", src, "--to", "tree", "--form", "positions", "-o", tmp_path / "x.json")

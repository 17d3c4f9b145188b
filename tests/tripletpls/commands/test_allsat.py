"""`tripletpls allsat`: cycles, integer embeddings with a forced cut, and bad input."""
from __future__ import annotations

import json

from instances import Graph, TripletInstance, doubling_chain, write_instance
from localsearch.triplets.realisation import embedding_dim

from tests.helpers.cli import assert_bad_input, run_json


def test_a_cycle_is_reported_and_refused_as_output(tmp_path):
    cyc = tmp_path / "c.json"
    write_instance(TripletInstance(3, ((0, 1, 2, 1), (1, 2, 0, 1), (2, 0, 1, 1))), str(cyc))
    d = run_json("allsat", cyc)
    assert d["cycle"] == [[0, 1], [0, 2], [1, 2]] and d["all_satisfiable"] is False and d["dim_gram"] == 2
    line = assert_bad_input("allsat", cyc, "-o", tmp_path / "x.json", mentions=str(cyc))
    assert "(cycle of distance relations [(0, 1), (0, 2), (1, 2)]); nothing written" in line
    assert not (tmp_path / "x.json").exists()


def test_embedding_with_a_cut_and_bad_options(tmp_path):
    src, red, cut, sol = (tmp_path / f for f in ("g.json", "g.rd.json", "cut.json", "sol.json"))
    write_instance(Graph(2, ((0, 1, 3),), start=(1, -1)), str(src))
    cut.write_text('{"assignment": [-1, -1]}')
    info = run_json("reduce", src, "--to", "rd", "--dim", 130, "--construction", "embedded-line", "-o", red)
    d = run_json("allsat", red, "--cut", cut, "-o", sol)
    assert d["satisfied_weight"] == d["total_weight"] and d["dim_integer"] <= 130 and d["points"] == info["points"]
    assert d["backmapped_cut"] == 0 and d["backmapped_local_optimum"] is False and "backmapped_assignment" not in d
    doc = json.loads(sol.read_text())
    assert (doc["method"], doc["backmapped_assignment"]) == ("allsat", [-1, -1])
    dc = tmp_path / "dc2.json"
    write_instance(doubling_chain(2), str(dc))
    tree = tmp_path / "t.json"
    run_json("reduce", dc, "--to", "tree", "-o", tree)
    assert_bad_input("allsat", tree, mentions="euclidean")
    plain = tmp_path / "p.json"
    write_instance(TripletInstance(3, ((0, 1, 2, 1),)), str(plain))
    assert_bad_input("allsat", plain, "--cut", cut, mentions="--cut")
    low = tmp_path / "low.json"
    run_json("reduce", src, "--to", "rd", "--dim", 2, "--construction", "embedded-line", "-o", low)
    assert_bad_input("allsat", low, "-o", tmp_path / "x.json", mentions="--dim")


def test_end_to_end_with_a_cut_that_is_no_local_optimum(tmp_path):
    """reduce --to rd --construction embedded-line in high dimension, allsat --cut writes a global optimum
    whose back map is the given (non locally maximal) cut; check certifies it; a cyclic instance yields its
    cycle, and so does the radial rd instance (its shells exclude each other)."""
    src, red_file, cut, sol = (str(tmp_path / f) for f in ("g.json", "g.rd.json", "cut.json", "sol.json"))
    write_instance(Graph(2, ((0, 1, 3),), start=(1, -1)), src)
    (tmp_path / "cut.json").write_text('{"assignment": [1, 1]}')
    run_json("reduce", src, "--to", "rd", "--dim", str(embedding_dim(13)), "--construction", "embedded-line",
             "-o", red_file)
    r = run_json("allsat", red_file, "--cut", cut, "-o", sol)
    assert r["all_satisfiable"] and r["gram_positive_definite"] and r["satisfied_weight"] == r["total_weight"]
    assert r["backmapped_local_optimum"] is False and r["backmapped_cut"] == 0
    assert run_json("check", red_file, "--solution", sol)["local_optimum"] is True
    low = str(tmp_path / "g2.json")
    run_json("reduce", src, "--to", "rd", "--dim", "2", "--construction", "embedded-line", "-o", low)
    assert_bad_input("allsat", low, "-o", str(tmp_path / "x.json"), "--json")  # dimension too small: exit 2
    radial = str(tmp_path / "g.radial.json")
    run_json("reduce", src, "--to", "rd", "--dim", str(embedding_dim(12)), "-o", radial)
    r = run_json("allsat", radial, "--cut", cut)
    assert r["all_satisfiable"] is False and r["cycle"]
    assert_bad_input("allsat", radial, "--cut", cut, "-o", str(tmp_path / "z.json"), mentions="cycle")
    cyc = str(tmp_path / "c.json")
    write_instance(TripletInstance(3, ((0, 1, 2, 1), (1, 2, 0, 1), (2, 0, 1, 1))), cyc)
    assert run_json("allsat", cyc)["cycle"] == [[0, 1], [0, 2], [1, 2]]
    assert_bad_input("allsat", cyc, "-o", str(tmp_path / "y.json"), "--json")
    assert_bad_input("allsat", src, "--json")  # a graph is not a triplet instance

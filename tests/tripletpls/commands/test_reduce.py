"""`tripletpls reduce`: sizes of the reduced instances it reports, and bad input."""
import json

import pytest

from instances import doubling_chain, read_instance, write_instance

from tests.helpers.cli import assert_bad_input, run_cli, run_json


@pytest.mark.parametrize("target", ["line", "tree", "betweenness", "nonbetweenness"])
def test_reported_sizes_are_those_of_the_written_instance(tmp_path, target):
    src, out = tmp_path / "dc3.json", tmp_path / "red.json"
    write_instance(doubling_chain(3), str(src))
    d = run_json("reduce", src, "--to", target, "-o", out)
    inst = read_instance(str(out))
    assert (d["points"], d["triplets"], d["dim"], d["target"]) == (inst.points, len(inst.triplets), inst.dim, inst.target)
    assert inst.target == ("euclidean" if target == "line" else target)
    assert (d["output"], d["source"]) == (str(out), str(src))
    assert inst.meta["reduction"]["name"] == target


def test_bad_input_exits_2(tmp_path):
    graph = tmp_path / "g.json"
    run_json("generate", "random", "--n", 5, "-o", graph)
    q = tmp_path / "q.json"
    run_json("generate", "qp", "--n", 2, "-o", q)
    cases = [("reduce", graph, "--to", "triplet-loss", "-o", tmp_path / "x.json"),
             ("reduce", q, "--to", "triplet-loss", "--loss", "squared_hinge", "-o", tmp_path / "x.json"),
             ("reduce", q, "--to", "triplet-loss", "--loss", "squared_hinge", "--eps", "abc", "-o", tmp_path / "x.json"),
             ("reduce", graph, "--to", "line", "--loss", "hinge", "-o", tmp_path / "x.json"),
             ("reduce", graph, "--to", "line", "--dim", "2", "-o", tmp_path / "x.json"),
             ("reduce", graph, "--to", "line", "--form", "positions", "-o", tmp_path / "x.json"),
             ("reduce", graph, "--to", "tree", "--construction", "radial", "-o", tmp_path / "x.json"),
             ("reduce", graph, "--to", "rd", "--construction", "cone", "-o", tmp_path / "x.json"),
             ("reduce", graph, "--to", "rd", "--dim", "0", "-o", tmp_path / "x.json")]
    for args in cases:
        code, out, err = run_cli(*args, "--json")
        assert code == 2, (args, code, err)
        assert out == "" and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.json").exists()
    assert_bad_input("reduce", graph, "--to", "line", "--dim", "2", "-o", tmp_path / "x.json", mentions="--dim")
    assert json.loads(graph.read_text())["kind"] == "graph"  # the input is never touched


def test_reduce_writes_cblearn_arrays(tmp_path):
    """-o x.csv keeps the weights in a column; -o x.npy repeats rows (small totals only); search reads both."""
    import numpy as np

    g = tmp_path / "g.txt"
    g.write_text("2 1\n1 2 1\n")
    csv = tmp_path / "g.csv"
    out = run_json("reduce", g, "--to", "line", "-o", csv)
    assert csv.read_text().startswith("i,j,k,w\n") and out["triplets"] == len(csv.read_text().splitlines()) - 1
    via_csv = run_json("search", csv, "--start", "random", "--seed", "3")
    js = tmp_path / "g.json"
    run_json("reduce", g, "--to", "line", "-o", js)
    via_json = run_json("search", js, "--start", "random", "--seed", "3")
    for key in ("steps", "satisfied_weight", "total_weight", "local_optimum"):
        assert via_csv[key] == via_json[key]
    assert_bad_input("reduce", g, "--to", "line", "-o", tmp_path / "g.npy", mentions="total weight")
    assert not (tmp_path / "g.npy").exists()
    np.save(tmp_path / "p.npy", np.array([[0, 1, 2], [2, 1, 0], [1, 0, 2]]))
    res = run_json("search", tmp_path / "p.npy", "--start", "random", "--rule", "steepest")
    assert res["local_optimum"] and res["total_weight"] == 3
    assert_bad_input("search", tmp_path / "p.npy", mentions="no start")

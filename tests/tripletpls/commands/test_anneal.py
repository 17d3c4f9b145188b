"""`tripletpls anneal`: simulated annealing on a graph or a line instance, and other kinds refused."""
from __future__ import annotations

from instances import doubling_chain, gnp, write_instance

from tests.helpers.cli import assert_bad_input, run_json


def test_anneal_on_a_graph_and_on_the_line(tmp_path):
    g, src, line = tmp_path / "g.json", tmp_path / "dc2.json", tmp_path / "l.json"
    write_instance(gnp(8, 0.5, seed=2), str(g))
    d = run_json("anneal", g, "--cap", 200, "--polish")
    assert d["neighbourhood"] == "flip" and d["kind"] == "graph" and d["local_optimum"] is True
    assert d["value"] == d["best_value"] and d["success"]["successes"] == 1 and d["file"] == str(g)
    write_instance(doubling_chain(2), str(src))
    run_json("reduce", src, "--to", "line", "-o", line)
    d = run_json("anneal", line, "--runs", 2, "--cap", 100)
    assert d["neighbourhood"] == "line-move" and d["cap"] == 100 and len(d["runs"]) == 2 and "value" not in d
    q = tmp_path / "q.json"
    run_json("generate", "qp", "--n", 2, "-o", q)
    assert_bad_input("anneal", q, mentions=str(q))


def test_polished_runs_on_a_graph_are_all_certified(tmp_path):
    f = tmp_path / "g.json"
    write_instance(gnp(8, 0.5, seed=1), str(f))
    out = run_json("anneal", f, "--cap", "500", "--polish", "--runs", "3")
    assert out["success"]["successes"] == 3 and len(out["runs"]) == 3

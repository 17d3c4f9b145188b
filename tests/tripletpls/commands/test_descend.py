"""`tripletpls descend`: PGD on a reduced triplet-loss instance (keys, exact certificate, back map, -o),
directly on a QP, on a plain instance, and bad input."""
import json
from fractions import Fraction as F

from instances import jsonio, read_instance
from localsearch.continuous.qp_kkt import certify_qp

from tests.helpers.cli import run_cli, run_json


def test_generate_reduce_descend_pipeline(tmp_path):
    q, red, sol = tmp_path / "q.json", tmp_path / "q.loss.json", tmp_path / "sol.json"
    g = run_json("generate", "qp", "--n", 4, "--seed", 3, "-o", q)
    assert g["variables"] == 4 and g["seed"] == 3
    r = run_json("reduce", q, "--to", "triplet-loss", "--dim", 2, "-o", red)
    assert r["points"] == 7 and r["dim"] == 2 and r["variables"] == 14 and r["terms"] > 0
    d = run_json("descend", red, "--eps", "1e-3", "--step", "backtracking", "-o", sol)
    for key in ("iterations", "loss", "kkt_violation", "status", "seconds", "backmapped_kkt", "backmapped_violation"):
        assert key in d
    assert d["status"] == "eps_kkt" and d["eps_kkt"] and d["backmapped_kkt"] and d["kkt_violation"] <= 1e-3
    assert "backmapped_x" not in d and d["output"] == str(sol)
    doc = json.loads(sol.read_text())
    qp = read_instance(str(q))
    x = [F(v) for v in doc["backmapped_x"]]
    assert certify_qp(qp, x, F(d["backmapped_eps"])).eps_kkt  # the written point is what was certified
    assert [row[0] for row in doc["x"][:4]] == doc["backmapped_x"]
    assert doc["iterations"] == d["iterations"] and "trajectory" not in doc
    sq = run_json("reduce", q, "--to", "triplet-loss", "--loss", "squared_hinge", "--eps", "1/10", "-o", red)
    assert sq["loss"] == "squared_hinge"
    alpha = F(json.loads(red.read_text())["meta"]["reduction"]["alpha"])
    d = run_json("descend", red, "--step", "backtracking", "--eps", float(alpha / 20))
    assert d["eps_kkt"] and d["backmapped_kkt"] and d["backmapped_eps"] <= 0.1 + 1e-12
    direct = run_json("descend", q, "--eps", "1e-3")
    assert direct["kind"] == "qp" and direct["eps_kkt"] and "backmapped_kkt" not in direct
    assert "start" not in direct and "loss_function" not in direct


def test_descend_plain_instance_and_limits(tmp_path):
    f = tmp_path / "t.json"
    f.write_text(json.dumps({"kind": "triplet-loss", "points": 3, "dim": 1, "loss": "softplus", "margin": "1/2",
                             "triplets": [[0, 1, 2, "3/2"]], "box": {"lo": -1, "hi": 1}}))
    d = run_json("descend", f, "--max-iter", 2, "--eps", "1e-9", "--start", "random", "--seed", 4)
    assert d["iterations"] <= 2 and d["certificate_exact"] is False and "backmapped_kkt" not in d
    assert (d["start"], d["seed"], d["loss_function"]) == ("random", 4, "softplus")
    d = run_json("descend", f, "--eps", "1e-2", "-o", tmp_path / "o.json", "--trajectory")
    assert d["start"] == "centre"  # no start of its own: the box centre
    traj = json.loads((tmp_path / "o.json").read_text())["trajectory"]
    assert len(traj) == d["iterations"] + 1


def test_bad_input_exits_2(tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"kind": "triplet-loss", "points": 3, "triplets": [[0, 1, 2, -1]]}')
    graph = tmp_path / "g.json"
    run_json("generate", "random", "--n", 5, "-o", graph)
    torch = tmp_path / "torch.json"
    torch.write_text(jsonio.dumps(jsonio.loads('{"kind": "triplet-loss", "points": 3, "loss": "torch", '
                                                '"triplets": [[0, 1, 2, 1]]}')))
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    q = tmp_path / "q.json"
    run_json("generate", "qp", "--n", 2, "-o", q)
    cases = [("descend", bad_json), ("descend", graph), ("descend", broken), ("descend", tmp_path / "missing.json"),
             ("descend", torch, "--step", "fixed"), ("descend", q, "--eps", "0"), ("descend", q, "--eps", "-1"),
             ("descend", q, "--start", "random")]
    for args in cases:
        code, out, err = run_cli(*args, "--json")
        assert code == 2, (args, code, err)
        assert out == "" and len(err.strip().splitlines()) == 1

"""`tripletpls flip` and `tripletpls check`: the SPEC section 5 contract, outputs and bad input."""
import json

import pytest
from click.testing import CliRunner

from instances import Assignment, dc_steps, doubling_chain, write_instance
from localsearch.maxcut.certificate import certify_flip
from tripletpls.cli import main


def invoke(*args):
    res = CliRunner().invoke(main, [str(a) for a in args])
    return res.exit_code, res.stdout, res.stderr


def run_json(*args):
    code, out, err = invoke(*args, "--json")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


@pytest.fixture
def dc(tmp_path):
    def make(n, fmt="json"):
        path = tmp_path / (f"dc{n}.json" if fmt == "json" else f"dc{n}.gset")
        write_instance(doubling_chain(n), str(path), fmt=fmt)
        return path
    return make


def test_flip_counts_dc_steps_and_writes_a_checkable_assignment(dc, tmp_path):
    path, out = dc(10), tmp_path / "a.json"
    d = run_json("flip", path, "--rule", "first", "-o", out)
    assert d["steps"] == dc_steps(10) and d["local_optimum"] is True and d["status"] == "local_optimum"
    assert d["seconds"] >= 0 and d["arithmetic"] == "int64" and d["start"] == "instance"
    g = doubling_chain(10)
    s = json.loads(out.read_text())["assignment"]
    assert d["cut"] == g.cut_value(s) and d["start_cut"] == g.cut_value(g.start)
    c = run_json("check", path, "--assignment", out)
    assert c["local_optimum"] is True and c["witness"] is None and c["cut"] == d["cut"]


def test_check_gives_an_improving_witness(dc, tmp_path):
    path = dc(5)
    start = tmp_path / "start.txt"
    start.write_text("\n".join("+1" if x > 0 else "-1" for x in doubling_chain(5).start) + "\n")
    c = run_json("check", path, "--assignment", start)
    cert = certify_flip(doubling_chain(5), doubling_chain(5).start)
    assert c["local_optimum"] is False and c["witness"] == cert.witness and c["gain"] == cert.gain > 0


def test_flip_big_weights_and_starts(dc):
    d = run_json("flip", dc(18), "--rule", "steepest")
    assert d["steps"] == 2 and d["arithmetic"] == "int128" and d["local_optimum"]
    d = run_json("flip", dc(6, "gset"), "--start", "random", "--seed", "3", "--rule", "random")
    assert d["start"] == "random" and d["seed"] == 3 and d["local_optimum"]
    g = doubling_chain(6)
    assert d["start_cut"] == g.cut_value(Assignment.random(g.n, 3))
    d = run_json("flip", dc(6), "--start", "plus", "--max-steps", "0")
    assert d["steps"] == 0 and d["start_cut"] == 0 and d["status"] in ("max_steps", "local_optimum")


def test_flip_checkpoint_and_resume_finish_the_same_run(dc, tmp_path):
    path, ck, traj = dc(9), tmp_path / "ck.json", tmp_path / "traj.txt"
    d1 = run_json("flip", path, "--max-steps", "100", "--checkpoint", ck, "--trajectory", traj)
    assert d1["status"] == "max_steps" and d1["steps"] == 100
    d2 = run_json("flip", path, "--resume", ck, "--trajectory", traj)
    assert d2["steps"] == dc_steps(9) and d2["local_optimum"]
    assert len(traj.read_text().split()) == dc_steps(9)
    full = tmp_path / "full.txt"
    run_json("flip", path, "--trajectory", full)
    assert full.read_text().split() == traj.read_text().split()


def test_flip_time_limit_stops(dc):
    d = run_json("flip", dc(30), "--time-limit", "0.05", "--arithmetic", "python")
    assert d["status"] == "time_limit" and d["local_optimum"] is False and d["witness"] is not None


@pytest.mark.parametrize("args", [
    ("flip", "{missing}"),
    ("flip", "{bad}"),
    ("flip", "{dc}", "--rule", "nope"),
    ("flip", "{dc}", "--max-steps", "-1"),
    ("flip", "{dc18}", "--arithmetic", "int64"),
    ("flip", "{dc}", "--resume", "{bad}"),
    ("check", "{dc}", "--assignment", "{short}"),
    ("check", "{dc}", "--assignment", "{bad}"),
    ("check", "{dc}"),
])
def test_bad_input_exits_2_with_one_line(args, dc, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("3 1\n1 2 x\n")
    short = tmp_path / "short.txt"
    short.write_text("+1\n-1\n")
    names = {"missing": tmp_path / "none.json", "bad": bad, "dc": dc(4), "dc18": dc(18), "short": short}
    code, out, err = invoke(*[a.format(**names) for a in args], "--json")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("tripletpls: error:")


def test_flip_on_gset_without_start_uses_all_plus(dc):
    d = run_json("flip", dc(5, "gset"), "--rule", "cyclic")
    assert d["start"] == "plus" and d["start_cut"] == 0 and d["local_optimum"]


def test_check_solution_dispatches_to_the_triplet_engine(tmp_path, monkeypatch):
    import sys
    import types

    from instances import Ordering
    from localsearch.core.certificate import Certificate
    from localsearch.triplets import registry

    seen = []
    fake = types.ModuleType("fake_betweenness_engine")
    fake.certify = lambda inst, sol: seen.append(sol) or Certificate(False, {"move": [1, 0]}, 2, 5)
    monkeypatch.setitem(sys.modules, "fake_betweenness_engine", fake)
    monkeypatch.setitem(registry.ENGINES, ("betweenness", None), "fake_betweenness_engine")
    inst = tmp_path / "t.json"
    inst.write_text(json.dumps({"kind": "triplets", "points": 3, "dim": 1, "target": "betweenness",
                                "triplets": [[0, 1, 2, 5]], "start": None}))
    sol = tmp_path / "s.json"
    sol.write_text(json.dumps({"kind": "solution", "order": [2, 0, 1]}))
    d = run_json("check", inst, "--solution", sol)
    assert seen == [Ordering((2, 0, 1))]
    assert (d["local_optimum"], d["witness"], d["gain"], d["satisfied_weight"]) == (False, {"move": [1, 0]}, 2, 5)

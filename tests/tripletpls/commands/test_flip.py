"""`tripletpls flip`: the SPEC section 5 contract, outputs, checkpoints and bad input."""
import json

import pytest

from instances import Assignment, dc_steps, doubling_chain, write_instance

from tests.helpers.cli import assert_bad_input, run_cli, run_json


@pytest.fixture
def dc(tmp_path):
    def make(n, fmt="json"):
        path = tmp_path / (f"dc{n}.json" if fmt == "json" else f"dc{n}.gset")
        write_instance(doubling_chain(n), str(path), fmt=fmt, drop_start=fmt == "gset")
        return path
    return make


def test_flip_counts_dc_steps_and_writes_a_checkable_assignment(dc, tmp_path):
    path, out = dc(10), tmp_path / "a.json"
    d = run_json("flip", path, "--rule", "first", "-o", out)
    assert d["steps"] == dc_steps(10) == 5 * 2 ** 9 - 4
    assert d["local_optimum"] is True and d["status"] == "local_optimum"
    assert d["seconds"] >= 0 and d["arithmetic"] == "int64" and d["start"] == "instance"
    g = doubling_chain(10)
    doc = json.loads(out.read_text())
    s = doc["assignment"]
    assert d["cut"] == g.cut_value(s) and d["start_cut"] == g.cut_value(g.start)
    assert (doc["kind"], doc["rule"], doc["seed"], doc["start"], doc["steps"], doc["cut"]) == \
        ("assignment", "first", 0, "instance", d["steps"], d["cut"])
    c = run_json("check", path, "--assignment", out)
    assert c["local_optimum"] is True and c["witness"] is None and c["cut"] == d["cut"]


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
    state = json.loads(ck.read_text())
    assert (state["kind"], state["steps"], state["start"]) == ("flip-checkpoint", 100, "instance")
    d2 = run_json("flip", path, "--resume", ck, "--trajectory", traj)
    assert d2["steps"] == dc_steps(9) and d2["local_optimum"] and d2["start"] == "instance"
    assert len(traj.read_text().split()) == dc_steps(9)
    full = tmp_path / "full.txt"
    run_json("flip", path, "--trajectory", full)
    assert full.read_text().split() == traj.read_text().split()
    # a new trajectory file at a resume gets the flips after the checkpoint; a shorter old one is refused
    tail = tmp_path / "tail.txt"
    run_json("flip", path, "--resume", ck, "--trajectory", tail)
    assert tail.read_text().split() == full.read_text().split()[100:]
    short = tmp_path / "short.txt"
    short.write_text("0\n1\n")
    assert "does not exist yet" in assert_bad_input("flip", path, "--resume", ck, "--trajectory", short,
                                                    mentions="short.txt")
    assert short.read_text() == "0\n1\n"


def test_resume_takes_rule_and_seed_from_the_checkpoint(dc, tmp_path):
    path, ck = dc(7), tmp_path / "ck.json"
    run_json("flip", path, "--rule", "random", "--seed", "5", "--max-steps", "20", "--checkpoint", ck)
    resumed = run_json("flip", path, "--resume", ck, "--rule", "first", "--seed", "0")
    whole = run_json("flip", path, "--rule", "random", "--seed", "5")
    assert (resumed["rule"], resumed["seed"]) == ("random", 5)
    assert (resumed["steps"], resumed["cut"]) == (whole["steps"], whole["cut"])


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
    ("flip", "{dc}", "--resume", "{other}"),
    ("flip", "{dc}", "--resume", "{notck}"),
])
def test_bad_input_exits_2_with_one_line(args, dc, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("3 1\n1 2 x\n")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"kind": "flip-checkpoint", "graph": "0123456789abcdef", "rule": "first"}))
    notck = tmp_path / "notck.json"
    notck.write_text(json.dumps({"kind": "assignment", "assignment": [1]}))
    names = {"missing": tmp_path / "none.json", "bad": bad, "dc": dc(4), "dc18": dc(18), "other": other,
             "notck": notck}
    code, out, err = run_cli(*[a.format(**names) for a in args], "--json")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("tripletpls: error:")


def test_flip_on_gset_without_start_uses_all_plus(dc):
    d = run_json("flip", dc(5, "gset"), "--rule", "cyclic")
    assert d["start"] == "plus" and d["start_cut"] == 0 and d["local_optimum"]

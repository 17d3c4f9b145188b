"""`tripletpls demo`: the story end to end, quickly; the JSON result, the files, the rendered tables."""
from __future__ import annotations

import json

from instances import dc_steps

from tests.helpers.cli import run_cli, run_json


def test_demo_tells_the_story_quickly(tmp_path):
    args = ["--max-n", "9", "--target-max-n", "4", "--gnp-sizes", "8,16,32", "--out", tmp_path / "demo"]
    out = run_json("demo", *args, "--jobs", "1")
    assert out["dc_first_matches_closed_form"] is True
    for key in ("plot", "report", "csv", "db"):
        assert (tmp_path / "demo" / out[key].split("/")[-1]).exists()
    series = {s["label"]: s for s in out["series"]}
    assert series["dc first"]["growth"]["base"] == "2" and series["dc first"]["deterministic"] is True
    assert series["dc first"]["growth"]["recurrence"] == {"r": "2", "c": "4", "step": 1}
    assert series["dc steepest"]["growth"]["pattern"] == "constant"
    assert series["gnp first"]["growth"]["method"] == "regression" and series["gnp first"]["deterministic"] is False
    assert series["steep steepest"]["growth"]["base"] == "2"     # SC_n: the other way round
    assert series["steep steepest"]["growth"]["recurrence"] == {"r": "2", "c": "3", "step": 1}
    assert series["steep first"]["growth"]["pattern"] == "constant"
    assert series["forced first"]["growth"]["recurrence"] == series["forced steepest"]["growth"]["recurrence"] \
        == {"r": "2", "c": "4", "step": 1}
    assert all(s["certified"] == "yes" for s in out["series"])
    # flips: DC and FC 8 sizes x 2 rules, SC 9 x 2; line: 3 sizes x 2 rules; G(n, p): 3 sizes x 3 seeds x 2 rules
    assert out["sweep"] == {"planned": 16 + 18 + 16 + 6 + 18, "skipped": 0, "ran": 16 + 18 + 16 + 6 + 18}
    assert out["targets"] == {"line": "ran"}
    report = (tmp_path / "demo" / "report.md").read_text()
    assert "| dc first | 2..9 |" in report and "| gnp first | 8..32 |" in report
    again = run_json("demo", *args, "--resume")
    assert again["sweep"]["ran"] == 0 and again["sweep"]["skipped"] == out["sweep"]["planned"]
    assert json.loads(json.dumps(again["series"])) == json.loads(json.dumps(out["series"]))


def test_demo_renders_the_closed_form_check(tmp_path):
    code, text, err = run_cli("demo", "--max-n", "5", "--target-max-n", "3", "--targets", "line,tree",
                              "--gnp-sizes", "8", "--out", tmp_path / "d", "--jobs", "1")
    assert code == 0, err
    assert "1. DC_n, the doubling chain" in text and "3. DC_n reduced to line, tree, searched again" in text
    rows = {ln.split()[0]: ln.split() for ln in text.splitlines() if ln.strip()[:1].isdigit() and "│" in ln}
    for n in (2, 3):  # first on flips, line and tree: T(n) each, ticked
        cells = [c for c in rows[str(n)] if c != "│"]
        assert cells[1:7] == [f"{dc_steps(n)}", "✓", f"{dc_steps(n)}", "✓", f"{dc_steps(n)}", "✓"]
        assert cells[-2:] == ["int64", "yes"]
    words = " ".join(text.split())  # the console wraps long lines
    assert "steps(n+1) = 2*steps(n) + 4 exactly at every n, so the growth base is exactly 2" in words
    assert "every run takes exactly T(n) = 5*2^(n-1)-4 steps" in words


def test_unavailable_targets_are_skipped_with_a_reason(tmp_path):
    out = run_json("demo", "--max-n", "3", "--targets", "triplet-loss", "--gnp-sizes", "8", "--out", tmp_path / "d",
                   "--jobs", "1")
    assert out["targets"]["triplet-loss"].startswith("skipped: ") and "triplet-loss" in out["targets"]["triplet-loss"]
    assert [s["label"] for s in out["series"]] == ["dc first", "dc steepest", "steep first", "steep steepest",
                                                   "forced first", "forced steepest", "gnp first", "gnp steepest"]

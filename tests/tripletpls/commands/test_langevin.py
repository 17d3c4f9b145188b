"""`tripletpls langevin`: the sweep's JSON and table, and bad pairs."""
from __future__ import annotations

from tests.helpers.cli import assert_bad_input, run_cli, run_json


def test_langevin_json_and_table():
    d = run_json("langevin", "--runs", 3, "--cap", 100, "--c", 2, "--objective", "infonce", "--tau", 0.3)
    assert d["global_minimum"] is None and d["tau"] == 0.3 and [r["schedule"] for r in d["results"]] == ["log", "fixed"]
    assert all(r["end_classes"]["global"] == 0 for r in d["results"])  # no known global value
    h = run_json("langevin", "--runs", 2, "--cap", 50, "--schedule", "fixed", "--no-fixed", "--objective", "u0-hinge")
    assert h["objective"] == "U0-hinge" and h["tau"] is None and [r["c"] for r in h["results"]] == [None]
    code, text, err = run_cli("langevin", "--runs", 2, "--cap", 50, "--c", 1)
    assert code == 0 and "annealed Langevin: success rates" in text
    assert_bad_input("langevin", "--pairs", "0-1-2", mentions="--pairs")

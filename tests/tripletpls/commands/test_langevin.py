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


def test_langevin_toy_json_with_a_plot(tmp_path):
    png = tmp_path / "toy.png"
    out = run_json("langevin", "--c", "1", "--c", "4", "--runs", "8", "--cap", "300", "--plot", png)
    assert out["global_minimum"] == -2.0 and len(out["results"]) == 3
    assert out["results"][-1]["schedule"] == "fixed"
    for row in out["results"]:
        assert row["runs"] == 8 and row["wilson95"][0] <= row["rate"] <= row["wilson95"][1]
        ec = row["end_classes"]
        assert ec["global"] + ec["collapsed"] + ec["other"] == 8
        # quenched end points: the value of a global one is -2, so the mean is -2 exactly when all are global
        assert ec["mean_quenched_value"] >= -2 - 1e-9
        assert (ec["global"] == 8) == (abs(ec["mean_quenched_value"] + 2) <= 1e-3)
    assert png.stat().st_size > 1000


def test_a_pair_of_one_point_is_refused():
    assert_bad_input("langevin", "--pairs", "0-0", "--json", mentions="(0, 0)")

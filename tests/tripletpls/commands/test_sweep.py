"""`tripletpls sweep`: certified DC_n runs matching the closed form, reduced runs, dry runs, bad input."""
from __future__ import annotations

import pytest

from instances import dc_steps, doubling_chain
from tripletpls.experiments.store import Store

from tests.helpers.cli import assert_bad_input, run_json


def test_dc_first_runs_in_a_sweep_are_certified_and_match_the_closed_form(tmp_path):
    out = run_json("sweep", "--family", "dc", "--sizes", "2..9", "--rules", "first,cyclic", "--jobs", "1",
                   "--db", tmp_path / "r.sqlite")
    assert out["ran"] == 16 and out["statuses"] == {"local_optimum": 16}
    assert (out["planned"], out["skipped"], out["rows_in_store"], out["executor"]) == (16, 0, 16, "local (1 jobs)")
    with Store(str(tmp_path / "r.sqlite")) as s:
        rows = s.rows()
    for r in rows:
        g = doubling_chain(r["size"])
        assert r["local_optimum"] and int(r["start_value"]) == g.cut_value(g.start)
        if r["rule"] == "first":
            assert r["steps"] == dc_steps(r["size"])


@pytest.mark.parametrize("target", ["tree", "betweenness", "nonbetweenness"])
def test_reduced_dc_runs_keep_the_exponential_step_count_and_back_map_to_local_optima(tmp_path, target):
    out = run_json("sweep", "--family", "dc", "--sizes", "2..5", "--rules", "first,steepest", "--targets", target,
                   "--jobs", "1", "--db", tmp_path / "r.sqlite")
    assert out["ran"] == 8
    with Store(str(tmp_path / "r.sqlite")) as s:
        rows = s.rows()
    for r in rows:
        assert r["target"] == target and r["points"] > r["vertices"] and r["triplets"] > 0
        assert r["local_optimum"] is True and r["backmapped_local_optimum"] is True
        if r["rule"] == "first":  # tight reductions preserve the flip count of DC_n (SPEC section 3)
            assert r["steps"] == dc_steps(r["size"])


def test_dry_run_counts_without_running(tmp_path):
    db = tmp_path / "r.sqlite"
    run_json("sweep", "--family", "dc", "--sizes", "2..4", "--db", db, "--jobs", "1")
    out = run_json("sweep", "--family", "dc", "--sizes", "2..6", "--db", db, "--dry-run")
    assert (out["planned"], out["done"]) == (5, 3)
    with Store(str(db)) as s:
        assert len(s) == 3


def test_export_after_a_sweep(tmp_path):
    out = run_json("sweep", "--family", "dc", "--sizes", "2..3", "--db", tmp_path / "r.sqlite", "--jobs", "1",
                   "--export", tmp_path / "r.csv")
    assert out["export"] == {"path": str(tmp_path / "r.csv"), "format": "csv"}
    assert len((tmp_path / "r.csv").read_text().strip().splitlines()) == 1 + 2


@pytest.mark.parametrize("text, mentions", [
    ("family = 'dc'\nsizes = [2, 3\n", "malformed TOML"),
    ("family = 'moon'\nsizes = [2]\n", "unknown family"),
    ("family = 'dc'\nsizes = [2]\nrules = ['fastest']\n", "unknown rule"),
    ("family = 'dc'\nsizes = '2..x'\n", "sizes"),
    ("family = 'dc'\nsizes = [1]\n", "sizes >= 2"),
    ("family = 'dc'\nsize = [3]\n", "unknown key"),
    ("family = 'gnp'\nsizes = [5]\nparams = { q = 1 }\n", "no parameter 'q'"),
    ("family = 'dc'\nsizes = [3]\ntargets = ['moon']\n", "unknown reduction target"),
    ("family = 'dc'\nsizes = [3]\nmax_steps = -1\n", "max_steps"),
    ("[[grid]]\nsizes = [3]\n", "needs 'family'"),
])
def test_bad_grid_files_exit_2_naming_the_file(tmp_path, text, mentions):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    line = assert_bad_input("sweep", path, "--db", tmp_path / "r.sqlite", mentions=mentions)
    assert "bad.toml" in line


@pytest.mark.parametrize("args, mentions", [
    (["--family", "moon", "--sizes", "3"], "unknown family"),
    (["--family", "dc"], "--sizes"),
    (["--family", "dc", "--sizes", "3", "--param", "p"], "KEY=VALUE"),
    (["--family", "dc", "--sizes", "3", "--jobs", "0"], "--jobs"),
    (["no-such-grid.toml"], "no such file"),
    (["--family", "dc", "--sizes", "3", "--scheduler", "nonsense:::"], "Dask scheduler"),
    (["--family", "gnp", "--sizes", "5", "--param", "p=1.5"], "probability"),
    (["--family", "regular", "--sizes", "5", "--param", "degree=3"], "regular"),
])
def test_bad_sweep_options_exit_2(tmp_path, args, mentions):
    assert_bad_input("sweep", *args, "--db", tmp_path / "r.sqlite", mentions=mentions)


def test_a_grid_file_and_family_options_do_not_mix(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text("family = 'dc'\nsizes = [2]\n")
    assert_bad_input("sweep", path, "--family", "dc", "--db", tmp_path / "r.sqlite", mentions="not both")


def test_continuous_targets_are_rejected_by_sweeps(tmp_path):
    assert_bad_input("sweep", "--family", "dc", "--sizes", "3", "--targets", "triplet-loss", "--db", tmp_path / "r.sqlite",
                     mentions="triplet-loss")

"""Sweeps: grid parsing, the crash-safe store (kill + resume), local vs Dask executors, export, bad input."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings, strategies as st

from instances import dc_steps, doubling_chain
from instances import InstanceError
from tripletpls.experiments.grid import (FAMILIES, GRID_KEYS, RunSpec, expand, grids_from_doc, make_grid,
                                         make_instance, parse_ints, read_grid_file)
from tripletpls.experiments.runner import run_one, run_serial
from tripletpls.experiments.store import NAMES, TIMING, Store, export
from tripletpls.experiments.sweep import sweep

from tests.helpers.cli import assert_bad_input, run_json
from tests.helpers.data import ROOT

GRID_TOML = """
max_steps = 1000000
[[grid]]
family = "dc"
sizes = "2..12"
rules = ["first", "steepest", "last"]
[[grid]]
family = "gnp"
sizes = [8, 16, 24]
seeds = "0..1"
rules = ["first", "random"]
start = "random"
params = { p = 0.4, weights = "gaussian" }
"""
GRID_RUNS = 11 * 3 + 3 * 2 * 2


def _comparable(rows):
    """Rows keyed by run, without the columns that measure time."""
    return {r["run_key"]: {k: v for k, v in r.items() if k not in TIMING} for r in rows}


def _cli_subprocess(*args, env_extra=None, **kw):
    env = dict(os.environ, PYTHONPATH=ROOT)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "tripletpls", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, **kw)


# --- grids ---------------------------------------------------------------------------------------
@given(st.integers(-5, 50), st.integers(0, 30), st.integers(1, 5))
@settings(max_examples=50)
def test_parse_ints_ranges_match_python_range(lo, length, step):
    hi = lo + length
    assert parse_ints(f"{lo}..{hi}:{step}", "sizes") == tuple(range(lo, hi + 1, step))
    assert parse_ints(",".join(map(str, range(lo, hi + 1))), "sizes") == tuple(range(lo, hi + 1))


def test_grid_file_expands_to_the_cross_product(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text(GRID_TOML)
    specs = expand(read_grid_file(str(path)))
    assert len(specs) == GRID_RUNS == len({s.key for s in specs})
    assert all(s.max_steps == 1000000 for s in specs)
    gnp_specs = [s for s in specs if s.family == "gnp"]
    assert {s.seed for s in gnp_specs} == {0, 1} and dict(gnp_specs[0].params) == {"p": 0.4, "weights": "gaussian"}
    # the same grid written as YAML gives the same runs
    yaml_path = tmp_path / "g.yaml"
    import tomllib

    import yaml

    yaml_path.write_text(yaml.safe_dump(tomllib.loads(GRID_TOML)))
    assert [s.key for s in expand(read_grid_file(str(yaml_path)))] == [s.key for s in specs]


scalars = st.one_of(st.integers(-3, 30), st.floats(allow_nan=True), st.text(max_size=8), st.booleans(),
                    st.sampled_from(["dc", "gnp", "torus", "first", "steepest", "2..5", "none", "line", "random"]))
grid_values = st.one_of(scalars, st.lists(scalars, max_size=4), st.dictionaries(st.text(max_size=3), scalars, max_size=2))
grid_docs = st.dictionaries(st.sampled_from(list(GRID_KEYS) + ["grid", "junk"]),
                            st.one_of(grid_values, st.lists(st.dictionaries(st.sampled_from(GRID_KEYS), grid_values,
                                                                             max_size=5), max_size=2)), max_size=7)


@given(grid_docs)
@settings(max_examples=150)
def test_any_grid_document_is_accepted_or_rejected_with_instance_error(doc):
    try:
        grids = grids_from_doc(doc, "fuzz.toml")
    except InstanceError as e:
        assert e.path == "fuzz.toml"
        return
    for spec in expand(grids)[:3]:
        assert spec.family in FAMILIES and spec.size >= 1


def test_instances_are_deterministic_and_seeded():
    a = RunSpec("gnp", 20, "first", seed=3, start="random", params=(("p", 0.3),))
    b = RunSpec("gnp", 20, "first", seed=4, start="random", params=(("p", 0.3),))
    assert make_instance(a) == make_instance(a) and make_instance(a) != make_instance(b)
    assert make_instance(RunSpec("dc", 5, "first")) == doubling_chain(5)
    assert make_instance(RunSpec("gnp", 9, "first", start="plus")).start.signs == (1,) * 9


# --- one run ----------------------------------------------------------------------------------------
def test_run_rows_carry_exact_values_and_certificates():
    spec = RunSpec("dc", 20, "steepest")  # weights beyond int64
    row = run_one(spec)
    g = doubling_chain(20)
    assert row["status"] == "local_optimum" and row["local_optimum"] is True
    assert int(row["start_value"]) == g.cut_value(g.start) and int(row["value"]) > 2**64
    assert row["vertices"] == g.n and row["edges"] == g.m and len(row["instance_hash"]) == 64
    first = [run_one(RunSpec("dc", n, "first")) for n in range(2, 8)]
    assert [r["steps"] for r in first] == [dc_steps(n) for n in range(2, 8)]


def test_max_steps_stops_runs_and_is_recorded():
    row = run_one(RunSpec("dc", 8, "first", max_steps=100))
    assert (row["steps"], row["status"], row["local_optimum"]) == (100, "max_steps", False)
    assert row["certificate"] == "not_local_optimum"


# --- the store --------------------------------------------------------------------------------------
@given(st.lists(st.integers(-(2**300), 2**300), min_size=1, max_size=5))
@settings(max_examples=30)
def test_store_keeps_big_values_exactly_and_each_run_once(values):
    with Store(":memory:") as store:
        for i, v in enumerate(values):
            row = {"run_key": f"k{i}", "family": "dc", "size": 2, "params": {"p": 0.5}, "rule": "first",
                   "steps": i, "status": "local_optimum", "value": str(v), "local_optimum": True}
            assert store.add(row) is True
            assert store.add(row) is False  # a second copy of a run is never stored
        rows = store.rows()
    assert [int(r["value"]) for r in rows] == values and len(rows) == len(values)
    assert rows[0]["params"] == {"p": 0.5} and rows[0]["local_optimum"] is True


def test_export_csv_and_parquet_round_trip(tmp_path):
    specs = expand([make_grid("dc", "2..4,20", ("first", "steepest"), max_steps=1000)])
    with Store(str(tmp_path / "r.sqlite")) as store:
        sweep(specs, store, run_serial)
        rows = store.rows()
    code = run_json("export", tmp_path / "r.sqlite", "-o", tmp_path / "r.parquet")
    assert code["rows"] == len(specs) == 8 and code["format"] == "parquet"
    import pyarrow.parquet as pq

    table = pq.read_table(str(tmp_path / "r.parquet")).to_pylist()
    assert [r["run_key"] for r in table] == [r["run_key"] for r in rows]
    assert [r["value"] for r in table] == [r["value"] for r in rows]  # big ints as exact text
    assert any(int(r["value"]) > 2**63 for r in table)
    export(rows, str(tmp_path / "r.csv"))
    import csv

    with open(tmp_path / "r.csv") as f:
        back = list(csv.DictReader(f))
    assert list(back[0]) == list(NAMES)
    assert [int(r["steps"]) for r in back] == [r["steps"] for r in rows]
    assert [json.loads(r["params"]) for r in back] == [r["params"] for r in rows]


# --- crash safety ----------------------------------------------------------------------------------
KILLER = textwrap.dedent("""
    import os, signal, sys
    from tripletpls.experiments import store
    from tripletpls.cli import main

    limit, stored = int(sys.argv[1]), [0]
    real_add = store.Store.add

    def add(self, row):
        out = real_add(self, row)
        stored[0] += 1
        if stored[0] == limit:  # a hard kill of the whole sweep (workers included), no clean-up
            os.killpg(0, signal.SIGKILL)
        return out

    store.Store.add = add
    main(sys.argv[2:], prog_name="tripletpls")
""")


def test_killed_sweep_resumes_to_the_same_rows_as_an_uninterrupted_one(tmp_path):
    grid = tmp_path / "grid.toml"
    grid.write_text(GRID_TOML)
    killed, clean = str(tmp_path / "killed.sqlite"), str(tmp_path / "clean.sqlite")
    args = ["sweep", str(grid), "--jobs", "2", "--db", killed, "--json"]
    proc = subprocess.run([sys.executable, "-c", KILLER, "12", *args], cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT),
                          capture_output=True, text=True, timeout=120, start_new_session=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with Store(killed) as s:
        assert len(s) == 12  # every row committed before the kill survived
    resumed = _cli_subprocess(*args)
    assert resumed.returncode == 0, resumed.stderr
    out = json.loads(resumed.stdout)
    assert (out["planned"], out["skipped"], out["ran"], out["rows_in_store"]) == (GRID_RUNS, 12, GRID_RUNS - 12, GRID_RUNS)
    with Store(clean) as s:
        sweep(expand(read_grid_file(str(grid))), s, run_serial)
        reference = s.rows()
    with Store(killed) as s:
        rows = s.rows()
    keys = [r["run_key"] for r in rows]
    assert len(keys) == len(set(keys)) == GRID_RUNS
    assert _comparable(rows) == _comparable(reference)
    assert run_json(*args[:-1])["ran"] == 0  # nothing left to do


# --- executors ------------------------------------------------------------------------------------
def test_dask_and_local_processes_give_identical_rows(tmp_path):
    from distributed import Client, LocalCluster

    grid = tmp_path / "grid.toml"
    grid.write_text(GRID_TOML)
    local = _cli_subprocess("sweep", grid, "--jobs", "2", "--db", tmp_path / "local.sqlite", "--json")
    assert local.returncode == 0, local.stderr
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        out = run_json("sweep", grid, "--scheduler", cluster.scheduler_address, "--db", tmp_path / "dask.sqlite")
        assert out["ran"] == GRID_RUNS and out["executor"] == "dask"
        with Client(cluster) as client, Store(str(tmp_path / "api.sqlite")) as s:  # an existing Client works too
            from tripletpls.experiments.runner import executor

            sweep(expand(read_grid_file(str(grid)))[:5], s, executor(scheduler=client))
            api_rows = s.rows()
    with Store(str(tmp_path / "local.sqlite")) as a, Store(str(tmp_path / "dask.sqlite")) as b:
        local_rows, dask_rows = _comparable(a.rows()), _comparable(b.rows())
    assert len(local_rows) == GRID_RUNS and local_rows == dask_rows
    assert all(local_rows[k] == v for k, v in _comparable(api_rows).items())


def test_dc_first_runs_in_a_sweep_are_certified_and_match_the_closed_form(tmp_path):
    out = run_json("sweep", "--family", "dc", "--sizes", "2..9", "--rules", "first,cyclic", "--jobs", "1",
                   "--db", tmp_path / "r.sqlite")
    assert out["ran"] == 16 and out["statuses"] == {"local_optimum": 16}
    with Store(str(tmp_path / "r.sqlite")) as s:
        rows = s.rows()
    for r in rows:
        g = doubling_chain(r["size"])
        assert r["local_optimum"] and int(r["start_value"]) == g.cut_value(g.start)
        if r["rule"] == "first":
            assert r["steps"] == dc_steps(r["size"])


# --- bad input ----------------------------------------------------------------------------------------
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


def test_a_file_that_is_not_sqlite_is_bad_input(tmp_path):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("not a database, just text " * 100)
    assert_bad_input("sweep", "--family", "dc", "--sizes", "3", "--db", bogus, mentions="bogus.sqlite")
    assert_bad_input("report", bogus, mentions="bogus.sqlite")
    assert_bad_input("report", tmp_path / "absent.sqlite", mentions="no such result store")


def test_sweep_preflight_rejects_unavailable_engines_before_running(tmp_path, monkeypatch):
    import tripletpls.experiments.sweep as sw

    def missing(graph, target):
        raise ImportError("No module named 'reductions.to_line'")

    monkeypatch.setattr(sw, "reduce_for", missing)
    assert_bad_input("sweep", "--family", "dc", "--sizes", "3", "--targets", "line", "--db", tmp_path / "r.sqlite",
                     mentions="not available")
    with Store(str(tmp_path / "r.sqlite")) as s:
        assert len(s) == 0


def test_dry_run_counts_without_running(tmp_path):
    db = tmp_path / "r.sqlite"
    run_json("sweep", "--family", "dc", "--sizes", "2..4", "--db", db, "--jobs", "1")
    out = run_json("sweep", "--family", "dc", "--sizes", "2..6", "--db", db, "--dry-run")
    assert (out["planned"], out["done"]) == (5, 3)


@pytest.mark.parametrize("module", ["grid", "store", "sweep", "growth", "report"])
def test_docstring_examples_hold(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"tripletpls.experiments.{module}"))
    assert result.attempted > 0 and result.failed == 0


def test_an_interrupted_run_is_not_stored_and_stops_the_sweep():
    specs = expand(make_grid("dc", "2..5", ("first",)))

    def fake(todo):
        yield None
        for i, spec in enumerate(todo):
            yield {"run_key": spec.key, "family": "dc", "size": spec.size, "rule": "first", "steps": 1,
                   "status": "interrupted" if i == 2 else "local_optimum"}

    with Store(":memory:") as store:
        with pytest.raises(KeyboardInterrupt):
            sweep(specs, store, fake)
        assert store.done_keys() == {specs[0].key, specs[1].key}


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


def test_continuous_targets_are_rejected_by_sweeps(tmp_path):
    assert_bad_input("sweep", "--family", "dc", "--sizes", "3", "--targets", "triplet-loss", "--db", tmp_path / "r.sqlite",
                     mentions="triplet-loss")

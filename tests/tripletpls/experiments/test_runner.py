"""One run as a result row (exact values, certificates, back maps) and the executors (serial, local
processes, Dask) that must all give the same rows."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from instances import dc_steps, doubling_chain
from tripletpls.experiments.grid import RunSpec, expand, read_grid_file
from tripletpls.experiments.runner import run_local, run_one, run_serial
from tripletpls.experiments.store import NAMES, TIMING, Store
from tripletpls.experiments.sweep import sweep

from tests.helpers.cli import run_json
from tests.helpers.data import ROOT
from tests.tripletpls.experiments.test_grid import GRID_RUNS, GRID_TOML


def _comparable(rows):
    """Rows keyed by run, without the columns that measure time."""
    return {r["run_key"]: {k: v for k, v in r.items() if k not in TIMING} for r in rows}


def test_run_rows_carry_exact_values_and_certificates():
    spec = RunSpec("dc", 20, "steepest")  # weights beyond int64
    row = run_one(spec)
    g = doubling_chain(20)
    assert row["status"] == "local_optimum" and row["local_optimum"] is True
    assert int(row["start_value"]) == g.cut_value(g.start) and int(row["value"]) > 2**64
    assert row["vertices"] == g.n and row["edges"] == g.m and len(row["instance_hash"]) == 64
    assert row["arithmetic"] == "int128" and row["points"] is None and row["backmapped_value"] is None
    assert set(row) == set(NAMES)
    first = [run_one(RunSpec("dc", n, "first")) for n in range(2, 8)]
    assert [r["steps"] for r in first] == [dc_steps(n) for n in range(2, 8)]


def test_max_steps_stops_runs_and_is_recorded():
    row = run_one(RunSpec("dc", 8, "first", max_steps=100))
    assert (row["steps"], row["status"], row["local_optimum"]) == (100, "max_steps", False)
    assert row["certificate"] == "not_local_optimum"


@pytest.mark.parametrize("target", ["line", "tree", "betweenness", "nonbetweenness"])
def test_reduced_rows_back_map_to_a_certified_cut(target):
    row = run_one(RunSpec("dc", 3, "first", target=target))
    g = doubling_chain(3)
    assert row["steps"] == 5 * 2 ** 2 - 4 and row["local_optimum"] and row["backmapped_local_optimum"] is True
    flips = run_one(RunSpec("dc", 3, "first"))
    assert int(row["backmapped_value"]) == int(flips["value"])  # the tight reduction ends on the same cut
    assert row["points"] > g.n and row["triplets"] > 0


def test_local_processes_give_the_serial_rows():
    specs = [RunSpec("dc", n, rule) for n in (3, 4, 5) for rule in ("first", "cyclic")]
    serial = [r for r in run_serial(specs) if r is not None]
    local = [r for r in run_local(specs, 2) if r is not None]
    assert _comparable(local) == _comparable(serial) and len(serial) == 6


def _cli_subprocess(*args):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "tripletpls", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


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


def test_docstring_examples_hold():
    import doctest

    import tripletpls.experiments.runner as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0

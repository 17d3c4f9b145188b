"""Sweeps: resuming a killed sweep gives the rows of an uninterrupted one, an interrupted run is not
stored, and the preflight refuses what cannot run before anything runs."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from instances import InstanceError
from tripletpls.experiments.grid import Grid, RunSpec, expand, make_grid, read_grid_file
from tripletpls.experiments.runner import run_serial
from tripletpls.experiments.store import TIMING, Store
from tripletpls.experiments.sweep import preflight, sweep

from tests.helpers.cli import assert_bad_input, run_json
from tests.helpers.data import ROOT
from tests.tripletpls.experiments.test_grid import GRID_RUNS, GRID_TOML


def _comparable(rows):
    """Rows keyed by run, without the columns that measure time."""
    return {r["run_key"]: {k: v for k, v in r.items() if k not in TIMING} for r in rows}


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
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.run([sys.executable, "-c", KILLER, "12", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, start_new_session=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with Store(killed) as s:
        assert len(s) == 12  # every row committed before the kill survived
    resumed = subprocess.run([sys.executable, "-m", "tripletpls", *args], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
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


def test_sweep_counts_progress_and_rows():
    seen, ticks = [], []

    class Bar:
        def __init__(self, todo):
            seen.append(len(todo))

        def __enter__(self):
            return lambda k=1: ticks.append(k)

        def __exit__(self, *exc):
            return False

    with Store(":memory:") as store:
        out = sweep(expand(Grid("dc", (2, 3, 4))), store, run_serial, progress=Bar, on_row=lambda r: None)
        again = sweep(expand(Grid("dc", (2, 3, 4, 5))), store, run_serial, progress=Bar)
    assert (out["planned"], out["skipped"], out["ran"], out["statuses"]) == (3, 0, 3, {"local_optimum": 3})
    assert (again["skipped"], again["ran"]) == (3, 1)
    assert seen == [3, 1] and ticks == [1, 1, 1, 1]


def test_sweep_preflight_rejects_unavailable_engines_before_running(tmp_path, monkeypatch):
    import tripletpls.experiments.sweep as sw

    def missing(graph, target):
        raise ImportError("No module named 'reductions.to_line'")

    monkeypatch.setattr(sw, "reduce_for", missing)
    assert_bad_input("sweep", "--family", "dc", "--sizes", "3", "--targets", "line", "--db", tmp_path / "r.sqlite",
                     mentions="not available")
    with Store(str(tmp_path / "r.sqlite")) as s:
        assert len(s) == 0


def test_preflight_checks_rules_and_source_kinds_for_every_target():
    preflight([RunSpec("dc", 2, "first"), RunSpec("dc", 3, "least", target="tree")])  # all supported
    with pytest.raises(InstanceError, match="triplet-loss"):
        preflight([RunSpec("dc", 2, "first", target="triplet-loss")])
    with pytest.raises(InstanceError, match="probability"):
        preflight([RunSpec("gnp", 5, "first", params=(("p", 1.5),))])


def test_docstring_examples_hold():
    import doctest

    import tripletpls.experiments.sweep as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0

"""Signals with a real process: SIGINT exits 130 and SIGTERM 143 after saving what was computed (the flip
checkpoint, the partial result, a sweep's stored rows); after kill -9 a resumed trajectory is cut back to
the checkpoint, so it holds every flip exactly once."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from instances import dc_steps, doubling_chain, write_instance

from tests.helpers.data import ROOT

pytestmark = pytest.mark.timeout(300)


def start(*args, cwd=None):
    """``python -m tripletpls ARGS`` in a new process, with SIGINT at its default (a background job of a
    shell ignores it, and the child would inherit that)."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.Popen([sys.executable, "-m", "tripletpls", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for(predicate, timeout=120.0):
    t0 = time.monotonic()
    while not predicate():
        if time.monotonic() - t0 > timeout:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def stop(proc, sig, grace=60):
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=grace)
    return proc.returncode, out, err


@pytest.fixture
def dc(tmp_path):
    def make(n):
        p = tmp_path / f"dc{n}.json"
        write_instance(doubling_chain(n), str(p))
        return p
    return make


def test_the_exit_codes_are_documented_in_the_help():
    from tests.helpers.cli import run_cli

    code, out, _ = run_cli("--help")
    codes = out.split("Exit codes:")[1]
    assert code == 0 and all(f"  {k} " in codes for k in (0, 1, 2, 70, 130, 141, 143))
    assert "SIGINT" in codes and "SIGTERM" in codes


def test_an_internal_error_exits_70_not_1_which_means_a_failed_check(monkeypatch, tmp_path):
    from tests.helpers.cli import run_cli
    from tripletpls.pipeline import descend

    g = tmp_path / "q.json"
    code, _, err = run_cli("generate", "qp", "--n", 2, "-o", g)
    assert code == 0, err

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    for name in dir(descend):  # whatever the descend flow calls first breaks
        if callable(getattr(descend, name)) and not name.startswith("_") and name[0].islower():
            monkeypatch.setattr(descend, name, broken)
    code, out, err = run_cli("descend", g, "--json")
    assert code == 70 and "internal error: ZeroDivisionError: a bug" in err and err.count("\n") == 1


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_closed_stdout_pipe_exits_141_quietly(tmp_path, unbuffered):
    # PYTHONUNBUFFERED (set in many containers) makes stdout a raw file that can take part of a write
    # silently: the command line puts a buffered writer back, so the closed pipe is seen
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update(PYTHONPATH=ROOT, **({"PYTHONUNBUFFERED": unbuffered} if unbuffered else {}))
    cmd = [sys.executable, "-m", "tripletpls", "generate", "dc", "--n", "600", "-o", "-"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdout.read(10)
    proc.stdout.close()  # as `| head -c 10` does
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141 and err == b""


def _flip_stopped_by(sig, dc, tmp_path):
    ck, sol = tmp_path / "ck.json", tmp_path / "sol.json"
    proc = start("flip", dc(34), "--checkpoint", ck, "--checkpoint-every", 0.2, "-o", sol, "--json")
    wait_for(ck.exists)  # the run is under way
    code, out, err = stop(proc, sig)
    assert code == 128 + sig, err
    assert err.count("\n") == 1 and signal.Signals(sig).name in err
    result = json.loads(out)  # the partial result, one JSON object
    state = json.loads(ck.read_text())
    assert result["status"] == "interrupted" and 0 < result["steps"] == state["steps"] < dc_steps(34)
    assert json.loads(sol.read_text())["steps"] == state["steps"]
    return ck, state


def test_sigterm_saves_the_checkpoint_and_exits_143(dc, tmp_path):
    ck, state = _flip_stopped_by(signal.SIGTERM, dc, tmp_path)
    more = state["steps"] + 1000
    proc = start("flip", dc(34), "--resume", ck, "--checkpoint", ck, "--max-steps", more, "--json")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert json.loads(out)["steps"] == more == json.loads(ck.read_text())["steps"]


@pytest.mark.slow
def test_sigint_saves_the_checkpoint_and_exits_130(dc, tmp_path):
    _flip_stopped_by(signal.SIGINT, dc, tmp_path)


def test_sigterm_stops_a_triplet_search_with_its_checkpoint_and_it_resumes(tmp_path):
    from reductions import target_module

    line, ck = tmp_path / "line.json", tmp_path / "ck.json"
    write_instance(target_module("line").reduce(doubling_chain(24)), str(line))  # about a minute compiled
    proc = start("search", line, "--checkpoint", ck, "--checkpoint-every", 0.2, "--json")
    wait_for(ck.exists)
    code, out, err = stop(proc, signal.SIGTERM)
    assert code == 143 and err.count("\n") == 1 and "SIGTERM" in err, err
    result, state = json.loads(out), json.loads(ck.read_text())
    assert result["status"] == "interrupted" and 0 < result["steps"] == state["steps"] < dc_steps(24)
    more = state["steps"] + 1000
    proc = start("search", line, "--resume", ck, "--max-steps", more, "--json")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and json.loads(out)["steps"] == more, err


def test_kill_9_then_resume_leaves_every_flip_in_the_trajectory_exactly_once(dc, tmp_path):
    from localsearch.maxcut import local_search

    n = 20
    ck, traj = tmp_path / "ck.json", tmp_path / "flips.txt"
    # the exact Python path (about 200,000 flips/s) keeps DC_20's 2.6 million flips running long enough
    proc = start("flip", dc(n), "--arithmetic", "python", "--checkpoint", ck, "--checkpoint-every", 0.3,
                 "--trajectory", traj)
    wait_for(lambda: ck.exists() and traj.stat().st_size > 0)
    time.sleep(0.5)
    proc.kill()
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    saved = json.loads(ck.read_text())["steps"]
    assert saved < dc_steps(n)
    resumed = start("flip", dc(n), "--resume", ck, "--checkpoint", ck, "--trajectory", traj, "--json")
    out, err = resumed.communicate(timeout=240)
    assert resumed.returncode == 0, err
    assert json.loads(out)["steps"] == dc_steps(n)
    expected = []
    local_search(doubling_chain(n), trajectory=expected)
    assert traj.read_text().split() == [str(v) for v in expected]  # 2,621,436 flips, none twice


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_sweep_keeps_its_stored_rows_and_reports_the_signal(sig, tmp_path):
    from tripletpls.experiments.store import Store

    db = tmp_path / "s.sqlite"
    proc = start("sweep", "--family", "dc", "--sizes", "2..30", "--jobs", 2, "--db", db)

    def rows():
        if not db.exists():
            return 0
        try:
            with Store(str(db), readonly=True) as s:
                return len(s)
        except Exception:  # noqa: BLE001  (the store is being created)
            return 0
    wait_for(lambda: rows() >= 10)
    code, _, err = stop(proc, sig)
    assert code == 128 + sig and err.count("\n") == 1, err
    with Store(str(db), readonly=True) as s:
        kept = s.rows()
    assert len(kept) >= 10 and all(r["steps"] == dc_steps(r["size"]) for r in kept)  # complete rows only


@pytest.mark.slow
@pytest.mark.parametrize("args,key", [
    (("search", "{line}"), "status"),
    (("exact", "{g05}"), "stopped_by"),
    (("exact", "{g43}", "--solver", "sdp"), "stopped_by"),  # g05_60 is proven in about a second
    (("exact", "{g05}", "--solver", "maxsat"), "stopped_by"),
    (("descend", "{qp}", "--eps", "1e-300", "--max-iter", "100000000", "--step", "backtracking"), "status"),
])
def test_long_commands_print_their_partial_result_and_exit_143(args, key, tmp_path):
    from reductions import target_module
    from instances.qp_generators import random_qp

    from tests.helpers.data import SHARED_DATA

    g05, g43 = os.path.join(SHARED_DATA, "g05_60.0"), os.path.join(SHARED_DATA, "G43.txt")
    line = tmp_path / "line.json"
    write_instance(target_module("line").reduce(doubling_chain(24)), str(line))  # compiled: about a minute
    qp = tmp_path / "q.json"
    write_instance(random_qp(60, seed=3), str(qp))
    proc = start(*[a.format(line=line, g05=g05, g43=g43, qp=qp) for a in args], "--json")
    time.sleep(8)
    assert proc.poll() is None, "finished before the signal"
    code, out, err = stop(proc, signal.SIGTERM)
    assert code == 143, err
    result = json.loads(out)
    assert result[key] in ("interrupted", "SIGTERM")

"""The CLI's generate and info commands, and the bad-input contract (exit 2, one line)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from instances import doubling_chain, jsonio, read_instance

from tests.helpers.cli import assert_bad_input, run_json
from tests.helpers.data import ROOT, SHARED_DATA
from tests.instances.test_io import MALFORMED


def test_generate_dc40_and_info_show_big_weights(tmp_path):
    out = str(tmp_path / "x.json")
    run_json("generate", "dc", "--n", 40, "-o", out)
    info = run_json("info", out)
    assert info["kind"] == "graph" and info["vertices"] == 121 and info["edges"] == 315
    assert info["max_weight_bits"] > 64 and info["int64_safe"] is False
    assert read_instance(out) == doubling_chain(40)
    with open(out) as f:
        assert json.load(f)["edges"] == [list(e) for e in doubling_chain(40).edges]


@pytest.mark.parametrize("args", [
    ["random", "--n", 30, "--p", 0.2],
    ["gnm", "--n", 30, "--m", 40, "--weights", "uniform"],
    ["torus", "--shape", "4x4x4"],
    ["regular", "--n", 20, "--degree", 3, "--weights", "gaussian"],
])
def test_generate_families_are_reproducible(tmp_path, args):
    a, b = str(tmp_path / "a.json"), str(tmp_path / "b.txt")
    run_json("generate", *args, "--seed", 4, "-o", a)
    run_json("generate", *args, "--seed", 4, "-o", b)
    ga, gb = read_instance(a), read_instance(b)
    assert (ga.n, ga.edges) == (gb.n, gb.edges) and ga.meta["seed"] == 4


def test_generate_random_start_is_recorded(tmp_path):
    out = str(tmp_path / "g.json")
    run_json("generate", "random", "--n", 10, "--start", "random", "--seed", 3, "-o", out)
    g = read_instance(out)
    assert g.start is not None and g.meta["start_seed"] == 3


@pytest.mark.parametrize("name", ["g05_60.0", "G1.txt", "bqp100-1.sparse.mc"])
def test_info_on_shared_data(name):
    path = os.path.join(SHARED_DATA, name)
    if not os.path.exists(path):
        pytest.skip("shared data not present")
    info = run_json("info", path)
    g = read_instance(path)
    assert (info["vertices"], info["edges"], info["int64_safe"]) == (g.n, g.m, True)


CORRUPT = [(f"{k}{name}", text, needle) for k, (name, text, needle) in enumerate(MALFORMED)]


@pytest.mark.parametrize("name,text,needle", CORRUPT, ids=[c[0] for c in CORRUPT])
def test_corrupted_files_exit_2_with_one_line(tmp_path, name, text, needle):
    p = tmp_path / name
    p.write_text(text)
    line = assert_bad_input("info", str(p), "--json", mentions=str(p))
    assert needle in line


@pytest.mark.parametrize("args,mentions", [
    (["generate", "dc", "--n", 1, "-o", "x.json"], "--n"),
    (["generate", "torus", "-o", "x.json"], "--shape"),
    (["generate", "torus", "--shape", "2x9", "-o", "x.json"], "torus"),
    (["generate", "random", "--n", 10, "--p", 1.5, "-o", "x.json"], "--p"),
    (["generate", "cube", "--n", 3, "-o", "x.json"], "cube"),
    (["generate", "regular", "--n", 5, "--degree", 3, "-o", "x.json"], "regular"),
    (["info", "/nonexistent/file.txt"], "/nonexistent/file.txt"),
])
def test_bad_options_exit_2(tmp_path, args, mentions):
    os.chdir(tmp_path)
    assert_bad_input(*args, mentions=mentions)


def test_console_process_contract(tmp_path):
    """The real process: exit 2, one stderr line, nothing on stdout."""
    bad = tmp_path / "bad.txt"
    bad.write_text("3 2\n1 2 1\n")
    env = dict(os.environ, PYTHONPATH=ROOT)
    r = subprocess.run([sys.executable, "-m", "tripletpls", "info", str(bad), "--json"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 2 and r.stdout == "" and len(r.stderr.strip().splitlines()) == 1
    assert str(bad) in r.stderr

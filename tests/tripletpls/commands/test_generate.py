"""`tripletpls generate`: DC_n with big weights, seeded random families, starts, QPs; bad options."""
from __future__ import annotations

import json
import os

import pytest

from instances import doubling_chain, read_instance

from tests.helpers.cli import assert_bad_input, run_cli, run_json


def test_generate_dc40_writes_the_doubling_chain_with_big_weights(tmp_path):
    out = str(tmp_path / "x.json")
    d = run_json("generate", "dc", "--n", 40, "-o", out)
    assert (d["vertices"], d["edges"], d["int64_safe"], d["seed"]) == (3 * 40 + 1, 8 * 40 - 5, False, None)
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


def test_generate_qp(tmp_path):
    out = tmp_path / "q.json"
    d = run_json("generate", "qp", "--n", 3, "--seed", 2, "-o", out)
    q = read_instance(str(out))
    assert (d["variables"], d["seed"], q.kind, q.n) == (3, 2, "qp", 3)


@pytest.mark.parametrize("args,mentions", [
    (["generate", "dc", "--n", 1, "-o", "x.json"], "--n"),
    (["generate", "torus", "-o", "x.json"], "--shape"),
    (["generate", "torus", "--shape", "2x9", "-o", "x.json"], "torus"),
    (["generate", "random", "--n", 10, "--p", 1.5, "-o", "x.json"], "--p"),
    (["generate", "cube", "--n", 3, "-o", "x.json"], "cube"),
    (["generate", "regular", "--n", 5, "--degree", 3, "-o", "x.json"], "regular"),
])
def test_bad_options_exit_2(tmp_path, args, mentions):
    os.chdir(tmp_path)
    assert_bad_input(*args, mentions=mentions)
    assert not (tmp_path / "x.json").exists()


def test_a_qp_with_an_empty_weight_range_is_bad_input(tmp_path):
    code, out, err = run_cli("generate", "qp", "--n", 3, "--wmin", 1, "--wmax", 5, "-o", tmp_path / "y.json", "--json")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_generate_steep_writes_the_steepest_chain_and_flip_takes_its_steps(tmp_path):
    from instances import steep_chain, steep_steps

    out = str(tmp_path / "sc.json")
    d = run_json("generate", "steep", "--n", 6, "-o", out)
    assert (d["vertices"], d["edges"], d["seed"], d["has_start"]) == (4 * 6 + 3, 11 * 6 - 1, None, True)
    assert read_instance(out) == steep_chain(6)
    assert run_json("flip", out, "--rule", "steepest")["steps"] == steep_steps(6)
    assert run_json("flip", out, "--rule", "first")["steps"] == 3
    assert_bad_input("generate", "steep", "-o", str(tmp_path / "x.json"), mentions="--n")


def test_generate_forced_every_rule_takes_the_one_path(tmp_path):
    from instances import forced_chain, forced_steps

    out = str(tmp_path / "fc.json")
    d = run_json("generate", "forced", "--n", 4, "-o", out)
    assert (d["vertices"], d["seed"]) == (23, None) and read_instance(out) == forced_chain(4)
    for rule in ("first", "steepest", "least"):
        assert run_json("flip", out, "--rule", rule)["steps"] == forced_steps(4)
    p = run_json("paths", out, "--no-witness")
    assert p["shortest"] == p["longest"] == forced_steps(4)
    assert_bad_input("generate", "forced", "--n", 1, "-o", str(tmp_path / "x.json"), mentions="n >= 2")

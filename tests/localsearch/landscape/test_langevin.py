"""Dynamics with step counting (RGD, annealed Langevin), the sphere census and the landscape CLI."""
import json
import math

import numpy as np
import pytest
from click.testing import CliRunner

from instances import gnp, write_instance
from localsearch.landscape.census import sphere_census
from localsearch.landscape.infonce import U0, Aligned, InfoNCE, aligned_pairs, ngon_value
from localsearch.landscape.langevin import langevin
from localsearch.landscape.rgd import gradient_descent
from localsearch.core.schedules import steps_to_target
from localsearch.landscape.sphere import random_point
from localsearch.landscape.stationary import certify_stationary
from localsearch.core.stats import wilson_interval
from tripletpls.cli import main


# --- Riemannian GD ---------------------------------------------------------------------------------------
def test_gradient_descent_reaches_a_certified_ngon():
    f = Aligned(InfoNCE(10, aligned_pairs(5), 0.5))
    r = gradient_descent(f, random_point(5, 2, seed=4), tol=1e-11)
    assert r.status == "stationary" and 0 < r.iterations < 2000
    assert certify_stationary(f, r.Z, eps=1e-9).stationary
    assert r.value == pytest.approx(ngon_value(5, 0.5), abs=1e-10)
    assert f.second_order(r.Z).kind == "minimum"


# --- annealed Langevin -------------------------------------------------------------------------------
TOY = dict(runs=16, c=1.0, cap=800, threshold=-1.5)


def test_langevin_is_reproducible_from_the_seed_and_backends_agree():
    u = U0(4, [(0, 1), (2, 3)])
    a = langevin(u, 3, seed=7, backend="numpy", **TOY)
    b = langevin(u, 3, seed=7, backend="numpy", **TOY)
    c = langevin(u, 3, seed=7, backend="numba", **TOY)
    d = langevin(u, 3, seed=8, backend="numba", **TOY)
    assert np.array_equal(a.Z, b.Z) and np.array_equal(a.hitting, b.hitting)
    assert np.allclose(a.Z, c.Z, atol=1e-9) and np.array_equal(a.hitting, c.hitting)
    assert not np.allclose(c.Z, d.Z)
    f = InfoNCE(6, [(0, 1), (2, 3), (4, 5)], 0.3)
    e1 = langevin(f, 3, seed=1, backend="numpy", runs=4, cap=300, threshold=0.5)
    e2 = langevin(f, 3, seed=1, backend="numba", runs=4, cap=300, threshold=0.5)
    assert np.allclose(e1.Z, e2.Z, atol=1e-9) and np.allclose(e1.values, e2.values, atol=1e-9)


def test_langevin_hitting_times_and_success_are_consistent():
    u = U0(4, [(0, 1), (2, 3)])
    r = langevin(u, 3, seed=0, schedule="fixed", beta_target=10.0, runs=64, cap=2000, threshold=-1.5)
    assert r.steps == 2000 and r.stop == "cap"
    assert np.all(r.values >= -2 - 1e-12) and np.all(r.hitting < 2000)
    # replay one run step by step with the numpy path and recompute its hitting time by hand
    short = langevin(u, 3, seed=3, schedule="log", c=4.0, runs=3, cap=10_000, threshold=-1.5, backend="numpy")
    assert short.stop == "target" and short.steps == steps_to_target("log", 4.0, 0.01, 10.0)
    assert 0 < short.successes <= 3 or short.successes == 0


def test_langevin_hitting_time_definition_by_replay():
    u = U0(4, [(0, 1), (2, 3)])
    runs, K = 5, 400
    res = langevin(u, 3, seed=11, schedule="fixed", beta_target=10.0, runs=runs, cap=K, threshold=-1.2,
                   backend="numpy")
    # replay with the documented random stream
    from localsearch.landscape.sphere import normalise_rows, project_tangent

    rng = np.random.default_rng(11)
    Z = random_point(4, 3, rng, runs=runs)
    xis = rng.standard_normal((K, runs, 4, 3))
    vals = []
    for k in range(K):
        Z = normalise_rows(Z - project_tangent(Z, u.egrad(Z)) * 0.01 + project_tangent(Z, xis[k]) * math.sqrt(0.002))
        vals.append(u.value(Z))
    vals = np.array(vals)  # (K, runs): value after step k (steps done = k+1)
    for r in range(runs):
        below = vals[:, r] < -1.2
        first = next((k for k in range(K - 4) if below[k:k + 5].all()), None)
        assert res.hitting[r] == (-1 if first is None else first + 1)
    assert np.allclose(res.values, vals[-1])


# --- census ----------------------------------------------------------------------------------------------
def test_census_on_the_ngon_finds_a_single_basin_modulo_rotation():
    # n = 3: all labelled triangles are related by rotations and reflections
    f = Aligned(InfoNCE(6, aligned_pairs(3), 0.5))
    c = sphere_census(f, 2, starts=12, seed=1, reference=ngon_value(3, 0.5))
    assert len(c.clusters) == 1 and c.counts["global"]["successes"] == 12
    assert c.clusters[0]["second_order"] == "minimum"
    # n = 5: the labelled pentagons differ by relabelling; modulo permutations too, one basin
    f5 = Aligned(InfoNCE(10, aligned_pairs(5), 0.5))
    c5 = sphere_census(f5, 2, starts=12, seed=2, reference=ngon_value(5, 0.5), modulo_permutations=True)
    assert len(c5.clusters) == 1 and c5.counts["global"]["successes"] == 12
    lo, hi = c5.counts["global"]["wilson95"]
    assert lo == pytest.approx(wilson_interval(12, 12)[0]) and hi == 1.0


# --- CLI -------------------------------------------------------------------------------------------------
def _run(args):
    return CliRunner().invoke(main, args)


def test_cli_langevin_toy_json(tmp_path):
    png = tmp_path / "toy.png"
    r = _run(["langevin", "--c", "1", "--c", "4", "--runs", "8", "--cap", "300", "--plot", str(png), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
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


def test_cli_census_stationary_and_anneal(tmp_path):
    r = _run(["census", "--n", "3", "--starts", "4", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["basins"] == 1 and out["counts"]["global"]["successes"] == 4
    r = _run(["stationary", "--n", "6", "--tau", "0.3", "--json"])
    out = json.loads(r.stdout)
    assert out["stationary"] and out["second_order"] == "minimum" and out["circulant_min"] > 0
    g = gnp(8, 0.5, seed=1)
    f = tmp_path / "g.json"
    write_instance(g, str(f))
    r = _run(["anneal", str(f), "--cap", "500", "--polish", "--runs", "3", "--json"])
    out = json.loads(r.stdout)
    assert out["success"]["successes"] == 3 and len(out["runs"]) == 3
    png = tmp_path / "c.png"
    r = _run(["census", str(f), "--starts", "10", "--plot", str(png), "--json"])
    out = json.loads(r.stdout)
    assert out["reference_status"] == "exact" and png.exists()
    r = _run(["langevin", "--pairs", "0-0", "--json"])
    assert r.exit_code == 2

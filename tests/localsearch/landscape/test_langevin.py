"""Annealed Langevin dynamics with step counting: reproducibility, hitting times (by replay), planned steps,
bad parameters, and the classification of quenched end points (``end_classes``)."""
import math

import numpy as np
import pytest

from localsearch.core.schedules import steps_to_target
from localsearch.landscape.infonce import U0, InfoNCE, aligned_ntxent, ngon, toy_global_minimum
from localsearch.landscape.langevin import LangevinResult, end_classes, langevin
from localsearch.landscape.sphere import normalise_rows, project_tangent, random_point

TOY = dict(runs=16, c=1.0, cap=800, threshold=-1.5)


def test_langevin_is_reproducible_from_the_seed():
    u = U0(4, [(0, 1), (2, 3)])
    a = langevin(u, 3, seed=7, backend="numpy", **TOY)
    b = langevin(u, 3, seed=7, backend="numpy", **TOY)
    c = langevin(u, 3, seed=7, backend="numba", **TOY)
    d = langevin(u, 3, seed=8, backend="numba", **TOY)
    assert np.array_equal(a.Z, b.Z) and np.array_equal(a.hitting, b.hitting)
    assert not np.allclose(c.Z, d.Z)


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


def test_result_fields_start_points_and_progress():
    u = U0(4, [(0, 1), (2, 3)])
    calls = []
    r = langevin(u, 3, runs=2, seed=5, schedule="fixed", cap=2500, threshold=-1.5, hold=3, backend="numba",
                 progress=calls.append)
    assert isinstance(r, LangevinResult) and r.seed == 5 and r.final_beta == 10.0 and r.seconds >= 0
    assert r.params == dict(schedule="fixed", c=1.0, dt=0.01, beta_target=10.0, cap=2500, threshold=-1.5, hold=3,
                            runs=2, dim=3, backend="numba")
    assert r.successes == int(np.sum(r.values < -1.5)) and calls == [1000, 1000, 500]
    # no steps: the start is the end, and beta is the schedule's at step 0
    z = langevin(u, 3, runs=3, cap=0, Z0=toy_global_minimum(), threshold=-1.5)
    assert z.steps == 0 and z.stop == "cap" and np.allclose(z.Z, toy_global_minimum()) and z.successes == 3
    assert np.all(z.hitting == -1)  # a hit needs `hold` evaluations after steps


@pytest.mark.parametrize("kw", [dict(runs=0), dict(dt=0.0), dict(cap=-1), dict(hold=0)])
def test_bad_parameters_are_refused(kw):
    with pytest.raises(ValueError, match="need runs"):
        langevin(U0(4, [(0, 1), (2, 3)]), 3, **kw)


def test_objectives_without_a_kernel_run_on_numpy_only():
    f = aligned_ntxent(3, 0.5)
    with pytest.raises(ValueError, match="no numba kernel for Aligned"):
        langevin(f, 2, runs=2, cap=10, backend="numba")
    r = langevin(f, 2, runs=2, cap=10, backend="auto")
    assert r.params["backend"] == "numpy" and r.Z.shape == (2, 3, 2)


# --- end classes of quenched end points ------------------------------------------------------------------
def test_end_classes_of_known_configurations():
    toy = U0(4, [(0, 1), (2, 3)])
    e = np.array([1.0, 0.0, 0.0])
    glob = np.stack([toy_global_minimum()] * 3)
    collapsed = np.stack([np.stack([e] * 4)] * 2)
    assert end_classes(toy, glob, -2.0, dt=0.01, steps=200) == {
        "quench_steps": 200, "global": 3, "collapsed": 0, "other": 0, "mean_quenched_value": pytest.approx(-2.0)}
    got = end_classes(toy, collapsed, -2.0, dt=0.01, steps=200)
    assert (got["global"], got["collapsed"], got["other"]) == (0, 2, 0)  # a stationary point it stays at
    # without a known global value nothing is global; the toy's minimum z0 = z1 = -z2 = -z3 has rank one, so
    # only the known value tells it from collapse (global is decided first)
    both = np.concatenate([glob, collapsed])
    none = end_classes(toy, both, None, dt=0.01, steps=50)
    assert (none["global"], none["collapsed"], none["other"]) == (0, 5, 0)
    # the tolerance on the value decides what counts as global
    assert end_classes(toy, glob, -1.99, dt=0.01, steps=10, vtol=0.02)["global"] == 3
    assert end_classes(toy, glob, -1.99, dt=0.01, steps=10)["global"] == 0  # default vtol 1e-3


def test_end_classes_quench_is_the_noiseless_fixed_schedule():
    f = InfoNCE(6, [(0, 1), (2, 3), (4, 5)], 0.5)
    Z = random_point(6, 3, seed=1, runs=4)
    got = end_classes(f, Z, None, dt=0.01, steps=300, seed=2)
    q = langevin(f, 3, runs=4, seed=2, schedule="fixed", beta_target=1e30, cap=300, dt=0.01, Z0=Z)
    assert got["mean_quenched_value"] == float(np.mean(q.values)) and got["quench_steps"] == 300
    assert got["global"] == 0 and got["collapsed"] + got["other"] == 4
    # the aligned n-gon is a minimum: a quench from it stays there, rank 2, not collapsed
    ng = end_classes(aligned_ntxent(4, 0.5), np.stack([ngon(4)]), None, dt=0.01, steps=100)
    assert (ng["collapsed"], ng["other"]) == (0, 1)

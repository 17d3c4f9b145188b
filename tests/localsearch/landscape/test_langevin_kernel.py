"""The numba kernels of the pair objectives: value and gradient against ``infonce``, and the compiled Langevin
loop against the numpy one (same random stream, same end points up to rounding)."""
import numpy as np
import pytest

from localsearch.landscape.infonce import U0, InfoNCE, toy_global_minimum
from localsearch.landscape.langevin import langevin
from localsearch.landscape.langevin_kernel import KIND_INFONCE, KIND_U0, KIND_U0_HINGE, langevin_chunk, value_grad
from localsearch.landscape.sphere import normalise_rows, project_tangent, random_point

TOY = dict(runs=16, c=1.0, cap=800, threshold=-1.5)


def _kernel(obj):
    if isinstance(obj, InfoNCE):
        return obj.a, obj.p, obj.mask, KIND_INFONCE, float(obj.tau)
    return obj.a, obj.p, obj.mask, KIND_U0_HINGE if obj.hinge else KIND_U0, 1.0


@pytest.mark.parametrize("obj", [U0(4, [(0, 1), (2, 3)]), U0(5, [(0, 1), (2, 3), (1, 4)], hinge=True),
                                 InfoNCE(6, [(0, 1), (2, 3), (4, 5)], 0.3),
                                 InfoNCE(5, [(0, 1), (1, 2), (3, 4)], 0.8, include_positive=False)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_value_grad_matches_the_objectives(obj, seed):
    Z = random_point(obj.points, 3, seed=seed)
    M = obj.points
    g = np.full((M, 3), np.nan)
    v = value_grad(Z, *_kernel(obj), np.empty((M, M)), g, np.empty(M))
    assert v == pytest.approx(float(obj.value(Z)), abs=1e-12)
    assert np.allclose(g, obj.egrad(Z), atol=1e-12)


def test_value_grad_breaks_ties_like_the_objective():
    u = U0(4, [(0, 1), (2, 3)])
    Z = toy_global_minimum()  # both negatives of every anchor are tied
    g = np.empty((4, 3))
    assert value_grad(Z, *_kernel(u), np.empty((4, 4)), g, np.empty(4)) == -2.0
    assert np.array_equal(g, u.egrad(Z))


def test_chunk_is_one_numpy_step_per_noise_sample():
    u = InfoNCE(4, [(0, 1), (2, 3)], 0.5)
    rng = np.random.default_rng(4)
    Z0 = random_point(4, 3, rng, runs=2)
    xis = rng.standard_normal((3, 2, 4, 3))
    scales = np.array([0.1, 0.05, 0.02])
    Z = Z0.copy()
    run_len, hit, values = np.zeros(2, np.int64), np.full(2, -1, np.int64), np.zeros(2)
    langevin_chunk(Z, xis, scales, 0, 0.01, *_kernel(u), np.inf, 2, run_len, hit, values)
    ref = Z0.copy()
    for s in range(3):
        ref = normalise_rows(ref - project_tangent(ref, u.egrad(ref)) * 0.01 + project_tangent(ref, xis[s]) * scales[s])
    assert np.allclose(Z, ref, atol=1e-12) and np.allclose(values, u.value(ref), atol=1e-12)
    assert run_len.tolist() == [3, 3] and hit.tolist() == [1, 1]  # below +inf from the first step, held 2 steps


def test_numba_and_numpy_backends_agree():
    u = U0(4, [(0, 1), (2, 3)])
    a = langevin(u, 3, seed=7, backend="numpy", **TOY)
    c = langevin(u, 3, seed=7, backend="numba", **TOY)
    assert np.allclose(a.Z, c.Z, atol=1e-9) and np.array_equal(a.hitting, c.hitting)
    f = InfoNCE(6, [(0, 1), (2, 3), (4, 5)], 0.3)
    e1 = langevin(f, 3, seed=1, backend="numpy", runs=4, cap=300, threshold=0.5)
    e2 = langevin(f, 3, seed=1, backend="numba", runs=4, cap=300, threshold=0.5)
    assert np.allclose(e1.Z, e2.Z, atol=1e-9) and np.allclose(e1.values, e2.values, atol=1e-9)
    assert (e1.params["backend"], e2.params["backend"]) == ("numpy", "numba")
    assert langevin(f, 3, seed=1, runs=4, cap=300).params["backend"] == "numba"  # auto picks the kernel

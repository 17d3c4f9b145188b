"""Calculus on products of spheres: retraction, tangent spaces, the Riemannian gradient and Hessian (against
geodesics), the rotation gauge and the second-order reading modulo rotations."""
import numpy as np
import pytest

from localsearch.landscape.infonce import U0, Aligned, InfoNCE, aligned_pairs, simplex
from localsearch.landscape.sphere import (
    SecondOrder, classify, gauge_basis, normalise_rows, project_tangent, quotient_basis, random_point, rank_one,
    riemannian_gradient, riemannian_hessian, skew_basis, tangent_basis)

OBJECTIVES = [
    lambda: InfoNCE(6, [(0, 1), (2, 3), (4, 5)], 0.3),
    lambda: InfoNCE(5, [(0, 1), (1, 2), (3, 4)], 0.8, include_positive=False),
    lambda: Aligned(InfoNCE(6, aligned_pairs(3), 0.5)),
]


@pytest.mark.parametrize("make", OBJECTIVES)
def test_riemannian_gradient_and_hessian_along_geodesics(make):
    obj = make()
    rng = np.random.default_rng(3)
    Z = random_point(obj.points, 3, rng)
    X = project_tangent(Z, rng.standard_normal(Z.shape))
    X /= np.linalg.norm(X, axis=1, keepdims=True)  # unit speed on every sphere

    def geo(t):
        return np.cos(t) * Z + np.sin(t) * X

    h = 1e-4
    f0, fp, fm = obj.value(Z), obj.value(geo(h)), obj.value(geo(-h))
    assert np.sum(obj.rgrad(Z) * X) == pytest.approx((fp - fm) / (2 * h), abs=1e-7)
    # along a geodesic d^2/dt^2 f = <Hess f[X], X> (exact second-order curve)
    B = tangent_basis(Z)
    x = B.T @ X.ravel()
    H = riemannian_hessian(Z, obj.egrad(Z), obj.ehess(Z))
    assert x @ H @ x == pytest.approx((fp - 2 * f0 + fm) / h**2, abs=1e-4)


def test_gauge_is_in_the_kernel_at_a_stationary_point_and_has_the_right_dimension():
    f = Aligned(InfoNCE(8, aligned_pairs(4), 0.5))
    Z = simplex(4)
    assert gauge_basis(Z).shape[1] == 3  # d(d-1)/2 for d = 3, generic configuration
    H = riemannian_hessian(Z, f.egrad(Z), f.ehess(Z))
    gB = tangent_basis(Z).T @ gauge_basis(Z)
    assert np.allclose(H @ gB, 0, atol=1e-10)


def test_classify_reads_signs_on_rotation_invariant_functions():
    # f = s(0,1) on S^1 x S^1: maximum at z0 = z1, minimum at z0 = -z1 (modulo the common rotation)
    e = np.array([1.0, 0.0])
    H2 = np.kron(np.array([[0.0, 1.0], [1.0, 0.0]]), np.eye(2))
    same, opp = np.array([e, e]), np.array([e, -e])
    assert classify(same, same[::-1], H2).kind == "maximum"
    so = classify(opp, opp[::-1], H2)
    assert so.kind == "minimum" and so.gauge_dim == 1
    # f = s(0,1) - s(1,2) at z0 = -z1 = z2: minimum in one direction, maximum in another
    Z = np.array([-e, e, -e])
    eg = np.array([Z[1], Z[0] - Z[2], -Z[1]])
    H3 = np.kron(np.array([[0.0, 1, 0], [1, 0, -1], [0, -1, 0]]), np.eye(2))
    assert classify(Z, eg, H3).kind == "saddle"


def test_retraction_projection_and_random_points():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 5, 3))
    Z = normalise_rows(X)
    assert np.allclose(np.linalg.norm(Z, axis=-1), 1) and np.allclose(Z * np.linalg.norm(X, axis=-1)[..., None], X)
    V = rng.standard_normal(Z.shape)
    P = project_tangent(Z, V)
    assert np.allclose(np.sum(P * Z, axis=-1), 0) and np.allclose(project_tangent(Z, P), P)  # a projection
    assert np.array_equal(riemannian_gradient(Z, V), P)
    a, b = random_point(4, 3, seed=9), random_point(4, 3, seed=9)
    assert a.shape == (4, 3) and np.array_equal(a, b) and not np.array_equal(a, random_point(4, 3, seed=10))
    g = np.random.default_rng(1)
    batch = random_point(4, 3, g, runs=5)  # a generator is drawn from and advanced
    assert batch.shape == (5, 4, 3) and np.allclose(np.linalg.norm(batch, axis=-1), 1)
    assert not np.array_equal(random_point(4, 3, g), batch[0])


@pytest.mark.parametrize("M,d", [(1, 2), (3, 2), (4, 3), (2, 5)])
def test_tangent_gauge_and_quotient_bases(M, d):
    Z = random_point(M, d, seed=M * d)
    B = tangent_basis(Z)
    assert B.shape == (M * d, M * (d - 1)) and np.allclose(B.T @ B, np.eye(M * (d - 1)))
    assert np.allclose(np.sum(B.T.reshape(-1, M, d) * Z, axis=-1), 0)  # every column is tangent
    S = skew_basis(d)
    assert len(S) == d * (d - 1) // 2 and all(np.array_equal(A, -A.T) for A in S)
    G = gauge_basis(Z)
    # a generic configuration of M points: the stabiliser in SO(d) has dimension (d-M)(d-M-1)/2 when M < d
    free = max(d - M, 0)
    assert G.shape == (M * d, d * (d - 1) // 2 - free * (free - 1) // 2)
    Q = quotient_basis(Z)
    assert Q.shape == (M * (d - 1), M * (d - 1) - G.shape[1]) and np.allclose(Q.T @ (B.T @ G), 0)


def test_gauge_dimension_drops_at_collapse():
    e = np.array([1.0, 0.0, 0.0, 0.0])
    assert gauge_basis(np.stack([e, e, -e])).shape[1] == 3  # d - 1 for d = 4: the stabiliser is SO(3)
    assert gauge_basis(np.array([[1.0]])).shape == (1, 0)  # d = 1: no rotations


def test_second_order_result_and_rank_one():
    H = np.kron(np.array([[0.0, 1.0], [1.0, 0.0]]), np.eye(2))
    opp = np.array([[1.0, 0.0], [-1.0, 0.0]])
    so = classify(opp, opp[::-1], H)
    assert isinstance(so, SecondOrder) and so.strict_minimum and so.eigenvalues == pytest.approx((2.0,))
    assert so.tol == pytest.approx(1e-7 * 2)  # rtol times the largest |eigenvalue| (or 1)
    # a zero mode left after the gauge: f = 0 reads as degenerate, not as a minimum
    zero = classify(opp, np.zeros((2, 2)), np.zeros((4, 4)))
    assert zero.kind == "degenerate" and not zero.strict_minimum
    e = np.array([1.0, 0.0, 0.0])
    assert rank_one(np.stack([e, -e, e])) and rank_one(np.stack([e])) and not rank_one(np.eye(3))
    assert rank_one(np.array([[1.0, 0.0], [1.0, 1e-8]])) and not rank_one(np.array([[1.0, 0.0], [1.0, 1e-3]]))
    assert rank_one(np.array([[1.0, 0.0], [1.0, 1e-3]]), rtol=1e-3)


def test_u0_hessian_is_the_bilinear_form_of_the_active_piece():
    u = U0(4, [(0, 1), (2, 3)])
    Z = random_point(4, 3, seed=4)
    H = u.ehess(Z)
    # U0's active piece is bilinear in Z: its value is (1/2) vec(Z)^T H vec(Z)
    assert u.value(Z) == pytest.approx(0.5 * Z.ravel() @ H @ Z.ravel())

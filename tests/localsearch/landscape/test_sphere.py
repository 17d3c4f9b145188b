"""Calculus on products of spheres: retraction, tangent spaces, the Riemannian gradient and Hessian (against
geodesics), the rotation gauge and the second-order reading modulo rotations."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from localsearch.landscape.infonce import U0, Aligned, InfoNCE, aligned_pairs, simplex
from localsearch.landscape.sphere import (
    SecondOrder, align, classify, gauge_basis, normalise_rows, procrustes, project_tangent, quotient_basis,
    random_point, rank_one, riemannian_gradient, riemannian_hessian, skew_basis, tangent_basis)

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


# --- alignment modulo rotations, reflections and relabelling ------------------------------------------
def _orthogonal(rng, d):
    """A uniformly random orthogonal matrix (QR of a Gaussian with signs fixed), reflections included."""
    q, r = np.linalg.qr(rng.standard_normal((d, d)))
    return q * np.sign(np.diag(r))


@given(st.integers(2, 6), st.integers(2, 4), st.integers(0, 2**32 - 1), st.booleans())
@settings(max_examples=40, deadline=None)
def test_align_finds_the_brute_force_optimum_over_relabellings(M, d, seed, related):
    from tests.helpers.oracles import brute_force_alignment

    rng = np.random.default_rng(seed)
    A = random_point(M, d, seed=rng)
    if related:  # B = P A Q plus noise of size 1e-9: must be recognised
        B = normalise_rows(A[rng.permutation(M)] @ _orthogonal(rng, d) + 1e-9 * rng.standard_normal((M, d)))
    else:
        B = random_point(M, d, seed=rng)
    truth = brute_force_alignment(A, B)
    got = align(A, B, tol=truth * (1 + 1e-6) + 1e-12, modulo_permutations=True)
    assert got["equal"] and got["distance"] <= truth * (1 + 1e-6) + 1e-12
    assert got["distance"] >= truth - 1e-12  # nothing beats the brute force
    perm, Q = got["permutation"], got["Q"]
    assert sorted(perm) == list(range(M)) and np.allclose(Q.T @ Q, np.eye(d))
    assert np.linalg.norm(A[perm] @ Q - B) == pytest.approx(got["distance"], abs=1e-12)
    if truth > 1e-6:  # a tolerance below the true distance never merges
        assert not align(A, B, tol=truth / 2, modulo_permutations=True)["equal"]


@given(st.integers(0, 2**32 - 1))
@settings(max_examples=20, deadline=None)
def test_procrustes_matches_scipy_and_handles_reflections(seed):
    from scipy.linalg import orthogonal_procrustes

    rng = np.random.default_rng(seed)
    A, B = rng.standard_normal((6, 3)), rng.standard_normal((6, 3))
    Q, dist = procrustes(A, B)
    R, _ = orthogonal_procrustes(A, B)
    assert dist == pytest.approx(np.linalg.norm(A @ R - B), rel=1e-12)
    mirror = np.diag([1.0, 1.0, -1.0])
    Q, dist = procrustes(A, A @ mirror)
    assert dist < 1e-12 and np.linalg.det(Q) == pytest.approx(-1.0)


def test_relabelled_symmetric_configurations_align_where_sorted_gram_rows_did_not():
    # a centrally symmetric configuration: every row of the Gram matrix has the entry -1, so sorting rows
    # lexicographically puts them in an order decided by rounding noise (the old invariant's failure)
    rng = np.random.default_rng(7)
    half = random_point(8, 3, seed=rng)
    A = np.vstack([half, -half])
    for _ in range(5):
        B = A[rng.permutation(16)] @ _orthogonal(rng, 3) + 1e-12 * rng.standard_normal((16, 3))
        assert align(A, B, tol=1e-9, modulo_permutations=True)["equal"]
        assert not align(A, B, tol=1e-9)["equal"]  # the labels differ: not equal modulo O(3) alone
    other = np.vstack([random_point(8, 3, seed=rng), -half])  # another configuration
    assert not align(A, other, tol=1e-3, modulo_permutations=True)["equal"]


def test_align_shapes_and_the_search_bound():
    A = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert align(A, np.eye(3)[:2, :], 1.0)["equal"] is False
    square = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    # two anchors; the first may go to any of 4 points, the second to the 2 orthogonal to it: 8 maps,
    # the 8 symmetries of the square, all of them exact
    full = align(square, square[[1, 0, 3, 2]], tol=1e-12, modulo_permutations=True)
    assert (full["leaves"], full["exhausted"], full["equal"]) == (8, True, True) and full["distance"] < 1e-15
    cut = align(square, square[[1, 0, 3, 2]], tol=1e-12, modulo_permutations=True, max_leaves=3)
    assert (cut["leaves"], cut["exhausted"]) == (3, False)

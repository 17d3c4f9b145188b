"""Triplet loss: gradients (finite differences, exact Richardson extrapolation), the torch variant
against its formula, the Lipschitz bound, the exact eps-KKT certificate, and the JSON kind."""
import itertools
import math
import random
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from instances import TripletLoss
from localsearch.continuous import loss

from tests.helpers.strategies import as_array, box_point, loss_instances


def s_values(inst, X):
    return [loss._sq(X[a], X[b]) - loss._sq(X[a], X[c]) + inst.margin for a, b, c, _ in inst.triplets]


@settings(max_examples=20)
@given(loss_instances(), st.integers(0, 10**6))
def test_float_gradient_matches_central_differences(inst, seed):
    rng = random.Random(seed)
    X = as_array(inst, box_point(inst, rng))
    arr = loss.Arrays(inst)
    if inst.loss == "hinge":  # stay away from kinks
        assume(all(abs(float(s)) > 1e-3 for s in s_values(inst, loss.exact_positions(inst, X))))
    elif inst.loss == "torch":
        dab = np.linalg.norm(X[arr.A] - X[arr.B] + 1e-6, axis=1)
        dac = np.linalg.norm(X[arr.A] - X[arr.C] + 1e-6, axis=1)
        assume(np.all(np.abs(dab - dac + arr.margin) > 1e-3) and min(dab.min(), dac.min()) > 1e-2)
    _, G = loss.value_grad(arr, X)
    h = 1e-6
    for i in range(inst.points):
        for k in range(inst.dim):
            Xp, Xm = X.copy(), X.copy()
            Xp[i, k] += h
            Xm[i, k] -= h
            fd = (loss.value_grad(arr, Xp)[0] - loss.value_grad(arr, Xm)[0]) / (2 * h)
            assert abs(fd - G[i, k]) <= 1e-4 * (1 + abs(G[i, k]))


@settings(max_examples=15)
@given(loss_instances(losses=("squared_hinge", "hinge"), max_points=4, max_dim=2), st.integers(0, 10**6))
def test_exact_gradient_is_the_exact_derivative(inst, seed):
    """Central differences of a polynomial of degree <= 4 in the step h are f' + h^2 f'''/6, so
    Richardson extrapolation (4 g(h/2) - g(h))/3 gives f' EXACTLY when no hinge changes sign."""
    rng = random.Random(seed)
    X = box_point(inst, rng)
    h = F(1, 10**6)
    signs = [s > 0 for s in s_values(inst, X)]
    assume(all(s != 0 for s in s_values(inst, X)))
    value, G, kinks, exact = loss.evaluate_exact(inst, X)
    assert exact and kinks == 0
    for i in range(inst.points):
        for k in range(inst.dim):
            def shifted(t):
                Y = [list(r) for r in X]
                Y[i][k] += t
                return tuple(tuple(r) for r in Y)

            for t in (h, -h, h / 2, -h / 2):
                assume([s > 0 for s in s_values(inst, shifted(t))] == signs)

            def g(t):
                return (loss.value_exact(inst, shifted(t)) - loss.value_exact(inst, shifted(-t))) / (2 * t)

            assert (4 * g(h / 2) - g(h)) / 3 == G[i][k]
    # and the float path agrees with the exact one
    v, Gf = loss.value_grad(loss.Arrays(inst), as_array(inst, X))
    assert math.isclose(v, float(value), rel_tol=1e-9, abs_tol=1e-9)
    assert np.allclose(Gf, np.array([[float(c) for c in r] for r in G]), rtol=1e-9, atol=1e-9)


def torch_formula(anchor, positive, negative, margin, eps=1e-6):
    """PyTorch's TripletMarginLoss(margin, p=2, reduction='mean') as documented:
    mean_i max(d(a_i, p_i) - d(a_i, n_i) + margin, 0) with d(x, y) = ||x - y + eps||_2."""
    def dist(x, y):
        return math.sqrt(sum((xi - yi + eps) ** 2 for xi, yi in zip(x, y)))

    terms = [max(dist(a, p) - dist(a, n) + margin, 0.0) for a, p, n in zip(anchor, positive, negative)]
    return sum(terms) / len(terms)


@settings(max_examples=40)
@given(st.integers(3, 6), st.integers(1, 4), st.integers(1, 6), st.integers(0, 10**6))
def test_torch_variant_matches_the_formula(m, d, T, seed):
    rng = random.Random(seed)
    trips = [tuple(rng.sample(range(m), 3)) for _ in range(T)]
    margin = rng.choice([0.0, 0.5, 1.0, 2.0])
    X = np.array([[rng.uniform(-1, 1) for _ in range(d)] for _ in range(m)])
    inst = TripletLoss(m, tuple((a, b, c, F(1, T)) for a, b, c in trips), dim=d, loss="torch",
                       margin=F(margin), lo=-1, hi=1)
    expected = torch_formula([X[a] for a, _, _ in trips], [X[b] for _, b, _ in trips],
                             [X[c] for _, _, c in trips], margin)
    value, _ = loss.value_grad(loss.Arrays(inst), X)
    assert math.isclose(value, expected, rel_tol=1e-12, abs_tol=1e-12)
    exact_value = loss.evaluate_exact(inst, loss.exact_positions(inst, X))[0]
    assert math.isclose(float(exact_value), expected, rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=20)
@given(loss_instances(losses=("squared_hinge", "softplus")), st.integers(0, 10**6))
def test_lipschitz_bound_holds_on_random_pairs(inst, seed):
    rng = random.Random(seed)
    arr = loss.Arrays(inst)
    L, valid = loss.lipschitz(inst, arr)
    assert valid
    for _ in range(5):
        X, Y = (as_array(inst, box_point(inst, rng)) for _ in range(2))
        gx, gy = loss.value_grad(arr, X)[1], loss.value_grad(arr, Y)[1]
        assert np.linalg.norm(gx - gy) <= L * np.linalg.norm(X - Y) * (1 + 1e-9) + 1e-9


def test_exact_certificate_snaps_float_bounds_of_non_dyadic_boxes():
    inst = TripletLoss(3, ((0, 1, 2, 1),), lo=F(1, 3), hi=F(2, 3), margin=0)
    X = np.array([[float(F(1, 3))], [float(F(2, 3))], [0.5]])
    assert loss.exact_positions(inst, X)[:2] == ((F(1, 3),), (F(2, 3),))
    assert loss.certify(inst, X, 1).feasible


def test_hinge_kinks_are_reported():
    inst = TripletLoss(3, ((0, 1, 2, 1),), loss="hinge", margin=0, lo=-1, hi=1)
    assert loss.certify(inst, ((0,), (F(1, 2),), (F(-1, 2),)), 0).kinks == 1   # s = 1/4 - 1/4 + 0
    assert loss.certify(inst, ((0,), (F(1, 2),), (F(1, 3),)), 0).kinks == 0


def test_arrays_and_the_empty_loss():
    inst = TripletLoss(4, ((0, 1, 2, F(3, 2)), (3, 2, 1, 1)), dim=2, loss="softplus", margin=F(1, 2), lo=[0, -1],
                       hi=[1, 1])
    arr = loss.Arrays(inst)
    assert (arr.m, arr.d, arr.loss, arr.margin) == (4, 2, "softplus", 0.5)
    assert arr.A.tolist() == [0, 3] and arr.B.tolist() == [1, 2] and arr.C.tolist() == [2, 1]
    assert arr.W.tolist() == [1.5, 1.0] and arr.lo.shape == arr.hi.shape == (4, 2)
    assert arr.lo[:, 1].tolist() == [-1.0] * 4 and arr.hi[:, 0].tolist() == [1.0] * 4
    empty = TripletLoss(3, (), lo=0, hi=1)
    v, G = loss.value_grad(loss.Arrays(empty), np.zeros((3, 1)))
    assert v == 0.0 and np.array_equal(G, np.zeros((3, 1))) and loss.lipschitz(empty) == (0.0, True)
    assert loss.value_exact(empty, ((0,), (0,), (0,))) == 0


def test_lipschitz_validity_by_loss():
    # a hinge that can change sign on the box has a jumping gradient: no valid bound
    assert loss.lipschitz(TripletLoss(3, ((0, 1, 2, 1),), loss="hinge", margin=0, lo=-1, hi=1))[1] is False
    assert loss.lipschitz(TripletLoss(3, ((0, 1, 2, 1),), loss="torch")) == (None, False)
    # never active on the box: the gradient is 0 everywhere
    never = TripletLoss(3, ((0, 1, 2, 1),), loss="hinge", margin=-10, lo=0, hi=1)
    L, valid = loss.lipschitz(never)
    assert valid and L < 1e-200


@settings(max_examples=20)
@given(loss_instances(losses=("hinge",), max_points=5, max_dim=2), st.integers(0, 10**6))
def test_hinge_hessian_norm_is_the_spectral_norm_of_the_constant_hessian(inst, seed):
    arr = loss.Arrays(inst)
    active = np.array(random.Random(seed).choices([True, False], k=len(arr.A)))
    H = np.zeros((arr.m * arr.d, arr.m * arr.d))  # sum_t w_t H_t, built coordinate by coordinate
    for a, b, c, w, on in zip(arr.A, arr.B, arr.C, arr.W, active):
        if on:
            blk = 2 * w * np.array([[0, -1, 1], [-1, 1, 0], [1, 0, -1]])
            for (i, u), (j, v) in itertools.product(enumerate((a, b, c)), repeat=2):
                for k in range(arr.d):
                    H[u * arr.d + k, v * arr.d + k] += blk[i, j]
    norm = np.abs(np.linalg.eigvalsh(H)).max(initial=0.0)
    assert loss.hinge_hessian_norm(arr, active) == pytest.approx(norm, rel=1e-8, abs=1e-12)
    assert loss.hinge_hessian_norm(arr, active) >= norm


def test_softplus_certificate_is_reported_as_floats():
    inst = TripletLoss(3, ((0, 1, 2, 1),), loss="softplus", margin=0, lo=-1, hi=1)
    # s = 1/4 - 1/4 + 0 = 0: h'(0) = 1/2, so dL/dx_a = 2 h' (x_c - x_b) = -1, dL/dx_b = dL/dx_c = 1/2
    c = loss.certify(inst, ((0,), (F(1, 2),), (F(-1, 2),)), 1)
    assert not c.exact and isinstance(c.violation, float) and isinstance(c.value, float)
    assert c.value == pytest.approx(math.log(2)) and c.eps_kkt and c.worst == (0, 0) and c.where == "interior"
    assert c.violation == pytest.approx(1.0) and c.gradient == pytest.approx(-1.0)
    value, G, kinks, exact = loss.evaluate_exact(inst, ((0,), (F(1, 2),), (F(-1, 2),)))
    assert not exact and kinks == 0 and float(G[1][0]) == pytest.approx(0.5)   # w h'(s) 2 (x_b - x_a)

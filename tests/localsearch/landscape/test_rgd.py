"""Riemannian gradient descent with Armijo backtracking: reaches a certified n-gon, stops at once on a
stationary start, reports the iteration limit, and counts its evaluations."""
import numpy as np
import pytest

from localsearch.landscape.infonce import Aligned, InfoNCE, aligned_ntxent, aligned_pairs, ngon, ngon_value
from localsearch.landscape.rgd import GDResult, gradient_descent
from localsearch.landscape.sphere import random_point
from localsearch.landscape.stationary import certify_stationary


def test_gradient_descent_reaches_a_certified_ngon():
    f = Aligned(InfoNCE(10, aligned_pairs(5), 0.5))
    r = gradient_descent(f, random_point(5, 2, seed=4), tol=1e-11)
    assert r.status == "stationary" and 0 < r.iterations < 2000
    assert certify_stationary(f, r.Z, eps=1e-9).stationary
    assert r.value == pytest.approx(ngon_value(5, 0.5), abs=1e-10)
    assert f.second_order(r.Z).kind == "minimum"


def test_stationary_start_limits_and_bookkeeping():
    f = aligned_ntxent(4, 0.5)
    r = gradient_descent(f, 3 * ngon(4))  # rows are normalised first
    assert isinstance(r, GDResult) and (r.status, r.iterations, r.evaluations) == ("stationary", 0, 1)
    assert np.allclose(r.Z, ngon(4)) and r.grad_norm <= 1e-10
    Z0 = random_point(4, 2, seed=3)
    short = gradient_descent(f, Z0, max_iter=3)
    assert short.status == "max_iter" and short.iterations == 3 and short.evaluations >= 4
    assert short.grad_norm == pytest.approx(float(np.linalg.norm(f.rgrad(short.Z))))
    assert short.value == pytest.approx(float(f.value(short.Z))) and short.value < float(f.value(Z0))
    full = gradient_descent(f, Z0)
    assert full.status == "stationary" and full.iterations > 3 and full.value <= short.value


def test_descent_decreases_the_objective_along_the_way():
    f = InfoNCE(6, [(0, 1), (2, 3), (4, 5)], 0.4)
    Z0 = random_point(6, 3, seed=8)
    values = [gradient_descent(f, Z0, max_iter=k).value for k in range(6)]
    assert all(b <= a + 1e-12 for a, b in zip(values, values[1:]))  # Armijo: every accepted step decreases f

"""Certified stationarity: the interval bound encloses the float gradient, non-stationary points and kinks of
U0 are rejected, the certificate's JSON and the interval precision."""
import mpmath
import numpy as np
import pytest

from localsearch.landscape.infonce import U0, InfoNCE, aligned_ntxent, ngon, toy_global_minimum
from localsearch.landscape.sphere import random_point
from localsearch.landscape.stationary import StationaryCertificate, certify_stationary, interval_gradient


def test_certificate_bound_encloses_the_float_gradient_and_rejects_non_stationary_points():
    f = InfoNCE(6, [(0, 1), (2, 3), (4, 5)], 0.4)
    Z = random_point(6, 3, seed=5)
    c = certify_stationary(f, Z, eps=1e-8)
    assert not c.stationary and c.bound >= c.float_norm * (1 - 1e-12) and c.bound == pytest.approx(c.float_norm)


def test_u0_is_not_certified_where_the_hardest_negative_is_tied():
    u = U0(4, [(0, 1), (2, 3)])
    c = certify_stationary(u, toy_global_minimum())
    assert not c.smooth and not c.stationary
    Z = random_point(4, 3, seed=2)
    c2 = certify_stationary(u, Z)
    assert c2.smooth and c2.bound == pytest.approx(np.linalg.norm(u.rgrad(Z)), rel=1e-9)


@pytest.mark.parametrize("obj", [InfoNCE(6, [(0, 1), (2, 3), (4, 5)], 0.4), U0(5, [(0, 1), (2, 3)]),
                                 U0(5, [(0, 1), (2, 3)], hinge=True), aligned_ntxent(3, 0.5)])
def test_interval_gradient_encloses_the_float_riemannian_gradient(obj):
    Z = random_point(obj.points, 3, seed=11)
    g = interval_gradient(obj, Z)
    assert g is not None and len(g) == obj.points and all(len(row) == 3 for row in g)
    ref = obj.rgrad(Z)
    for row, frow in zip(g, ref):
        for c, x in zip(row, frow):
            assert float(c.a) - 1e-12 <= x <= float(c.b) + 1e-12 and float(c.delta) < 1e-25


def test_hinged_u0_terms_that_are_provably_inactive_contribute_nothing():
    # all anchors far from the negatives: every hinged term is < 0, so the gradient is exactly 0
    e = np.array([1.0, 0.0, 0.0])
    Z = np.stack([e, e, -e, -e])
    u = U0(4, [(0, 1), (2, 3)], hinge=True)
    Z = Z + 0.01 * np.random.default_rng(0).standard_normal(Z.shape)  # break the ties of the negatives
    c = certify_stationary(u, Z, eps=1e-300)
    assert c.smooth and c.stationary and c.float_norm == 0.0
    assert c.bound == np.nextafter(0.0, 1.0)  # the exact bound 0, stepped one ulp up


def test_certificate_json_and_precision():
    c = certify_stationary(aligned_ntxent(4, 0.5), ngon(4), eps=1e-12, dps=30)
    assert isinstance(c, StationaryCertificate) and c.dps == 30 and c.eps == 1e-12
    assert c.to_json() == {"stationary": c.stationary, "grad_bound": c.bound, "eps": 1e-12, "dps": 30,
                           "smooth": True, "grad_norm_float": c.float_norm}
    assert c.stationary and 0 <= c.bound < 1e-12 and c.float_norm < 1e-12
    old = mpmath.iv.dps
    interval_gradient(aligned_ntxent(4, 0.5), ngon(4), dps=60)
    assert mpmath.iv.dps == old  # the interval context's precision is restored
    tied = certify_stationary(U0(4, [(0, 1), (2, 3)]), toy_global_minimum())
    assert tied.bound == float("inf") and tied.to_json()["smooth"] is False

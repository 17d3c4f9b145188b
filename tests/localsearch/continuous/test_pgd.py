"""Projected gradient descent on a box: descent lemma and exact certificate on triplet losses, limits and
trajectory, the QP variant, the generic driver (step rules, exact rejections, stalls) and start points."""
import random
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from instances import QP, InstanceError, TripletLoss
from localsearch.continuous import loss, pgd
from localsearch.continuous.kkt import KKTCertificate
from localsearch.continuous.qp_kkt import certify_qp

from tests.helpers.strategies import box_point, loss_instances


@settings(max_examples=10)
@given(loss_instances(losses=("squared_hinge",), max_points=4, max_dim=2), st.integers(0, 10**6))
def test_fixed_step_pgd_decreases_and_certifies(inst, seed):
    rng = random.Random(seed)
    res = pgd.descend(inst, eps=1e-3, max_iter=5_000, start=box_point(inst, rng), trajectory=True)
    traj = res.extra["trajectory"]
    assert all(b <= a + 1e-9 * (1 + abs(a)) for a, b in zip(traj, traj[1:]))  # descent lemma at step 1/L
    cert = res.extra["certificate"]
    assert cert.exact and cert.eps == F(1e-3)
    if res.status == "eps_kkt":
        assert cert.eps_kkt and cert.violation <= F(1e-3)
        assert loss.certify(inst, loss.exact_positions(inst, res.solution), F(1e-3)).eps_kkt
    else:
        assert res.steps == 5_000 or res.status == "stalled"


def test_pgd_limits_and_trajectory():
    inst = TripletLoss(3, ((0, 1, 2, 1),), dim=1, margin=1, lo=-1, hi=1)
    res = pgd.descend(inst, eps=1e-12, max_iter=3, trajectory=True, start=((F(1, 3),), (F(-1, 5),), (F(1, 4),)))
    assert res.status in ("max_iter", "eps_kkt") and res.steps <= 3
    assert len(res.extra["trajectory"]) == res.steps + 1
    with pytest.raises(ValueError):
        pgd.descend(TripletLoss(3, ((0, 1, 2, 1),), loss="torch"), step="fixed")
    res = pgd.descend(TripletLoss(3, ((0, 1, 2, 1),), loss="torch"), step="backtracking", max_iter=50)
    assert res.steps <= 50 and not res.extra["certificate"].exact


def test_start_points():
    inst = TripletLoss(3, ((0, 1, 2, 1),), dim=2, lo=[0, -1], hi=[1, 3])
    assert pgd.STARTS == ("instance", "centre", "random") and pgd.default_start(inst) == "centre"
    assert pgd.start_point(inst, "centre") == inst.centre() == ((F(1, 2), F(1)),) * 3
    x = pgd.start_point(inst, "random", seed=2)
    assert x == pgd.start_point(inst, "random", seed=2) and x != pgd.start_point(inst, "random", seed=3)
    assert all(0 <= r[0] <= 1 and -1 <= r[1] <= 3 for r in x) and all(isinstance(c, float) for r in x for c in r)
    rng = np.random.default_rng(2)  # coordinate by coordinate, point by point
    assert x == [[rng.uniform(0, 1), rng.uniform(-1, 3)] for _ in range(3)]
    with pytest.raises(InstanceError, match="no start"):
        pgd.start_point(inst, "instance")
    with pytest.raises(ValueError, match="unknown start"):
        pgd.start_point(inst, "corner")
    started = inst.with_start(((0, 0), (1, 1), (F(1, 2), 3)))
    assert pgd.default_start(started) == "instance" and pgd.start_point(started, "instance") == started.start
    # the default start of a descent is the instance's own, else the centre
    a = pgd.descend(started, eps=1e-6, max_iter=0)
    assert a.start_value == pytest.approx(loss.value_grad(loss.Arrays(started), np.array(
        [[0.0, 0.0], [1.0, 1.0], [0.5, 3.0]]))[0])
    assert np.array_equal(pgd.descend(inst, eps=1e-6, max_iter=0).solution, np.array([[0.5, 1.0]] * 3))


def test_descend_on_a_qp():
    qp = QP(((1, 0), (0, -1)), (-1, 0))   # f = x^2 - x - y^2: KKT at (1/2, 0) and (1/2, 1)
    assert pgd.qp_lipschitz(qp) == pytest.approx(2.0) and pgd.qp_lipschitz(QP((), ())) == 0.0
    r = pgd.descend_qp(qp, eps=1e-9)
    assert r.status == "eps_kkt" and r.rule == "fixed" and r.extra["lipschitz"] == pytest.approx(2.0)
    cert = r.extra["certificate"]
    assert cert.eps_kkt and cert.exact and cert.worst in (0, 1)
    assert certify_qp(qp, [F(float(v)) for v in r.solution], F(1e-9)).eps_kkt
    assert r.solution[0] == pytest.approx(0.5) and r.solution[1] in (0.0, 1.0)
    # a longer fixed step bound means more, shorter steps; a start on the box is kept
    slow = pgd.descend_qp(qp, eps=1e-9, lipschitz=20.0, start=[0, 0.25], trajectory=True)
    assert slow.status == "eps_kkt" and slow.steps > r.steps and slow.extra["trajectory"][0] == 0.0 - 0.0625
    assert pgd.descend_qp(qp, eps=1e-9, exact=False).extra["certificate"] is None


def test_generic_driver_step_rules_and_stops():
    lo, hi = np.zeros(2), np.ones(2)

    def fun(x):  # f = (x0 - 0.3)^2 + (x1 - 2)^2: minimum on the face x1 = 1
        d = x - np.array([0.3, 2.0])
        return float(d @ d), 2 * d

    fixed = pgd.projected_gradient_descent(fun, lo, hi, [0.9, 0.0], eps=1e-10, lipschitz=2.0)
    assert fixed.status == "eps_kkt" and fixed.steps == 1 and fixed.solution.tolist() == pytest.approx([0.3, 1.0])
    back = pgd.projected_gradient_descent(fun, lo, hi, [0.9, 0.0], eps=1e-10, step="backtracking")
    assert back.status == "eps_kkt" and back.solution.tolist() == pytest.approx([0.3, 1.0])
    assert back.rule == "backtracking" and back.extra["step"] == "backtracking"
    with pytest.raises(ValueError, match="unknown step rule"):
        pgd.projected_gradient_descent(fun, lo, hi, [0.5, 0.5], eps=1e-3, step="newton")
    with pytest.raises(ValueError, match="Lipschitz bound"):
        pgd.projected_gradient_descent(fun, lo, hi, [0.5, 0.5], eps=1e-3)
    limited = pgd.projected_gradient_descent(fun, lo, hi, [0.9, 0.0], eps=1e-10, lipschitz=20.0, max_iter=2)
    assert limited.status == "max_iter" and limited.steps == 2 and limited.extra["float_violation"] > 1e-10
    assert pgd.projected_gradient_descent(fun, lo, hi, [0.9, 0.0], eps=1e-10, lipschitz=20.0,
                                          time_limit=1e-12).status == "time_limit"
    # a constant gradient (L = 0) pushes to the corner with unit steps, then stops there
    const = pgd.projected_gradient_descent(lambda x: (float(-x.sum()), -np.ones(2)), lo, hi, [0.2, 0.7], eps=1e-12,
                                           lipschitz=0.0)
    assert const.status == "eps_kkt" and const.solution.tolist() == [1.0, 1.0] and const.extra["lipschitz"] == 1.0
    assert set(pgd.STATUSES) >= {fixed.status, limited.status} and pgd.STEPS == ("fixed", "backtracking")


def test_exact_rejections_halve_the_float_threshold_and_stalls_are_reported():
    lo, hi = np.zeros(1), np.ones(1)
    seen = []

    def certify(x):  # refuses the first iterate that passes the float test
        seen.append(float(x[0]))
        ok = len(seen) > 1
        return KKTCertificate(ok, 0.1, 0, 0, "interior", 0, None)

    r = pgd.projected_gradient_descent(lambda x: (float((x[0] - 0.5) ** 2), 2 * (x - 0.5)), lo, hi, [0.0],
                                       eps=0.1, lipschitz=4.0, certify=certify)
    assert r.status == "eps_kkt" and r.extra["exact_rejections"] == 1 and len(seen) == 2
    assert r.extra["certificate"].eps_kkt and r.extra["certify_seconds"] >= 0
    # an iterate that does not move (the gradient vanishes in floats but the certificate keeps refusing)
    stuck = pgd.projected_gradient_descent(lambda x: (0.0, np.zeros(1)), lo, hi, [0.5], eps=0.1, lipschitz=1.0,
                                           certify=lambda x: KKTCertificate(False, 0.1, 1, 0, "interior", 0, None))
    assert stuck.status == "stalled" and stuck.steps == 0

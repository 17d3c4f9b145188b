"""QP-KKT -> triplet loss: objective identity, the two halves of the theorem (anchors pinned at every
eps'-KKT point; pinned anchors => the p-gradient is alpha * grad f), the closed loop through PGD, tiny
QPs' KKT points by face enumeration, generators and JSON."""
import random
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from instances import QP, InstanceError, jsonio
from instances.qp_generators import random_qp
from localsearch.continuous import loss, pgd
from localsearch.continuous.qp_kkt import certify_qp, kkt_points
from reductions import qp_to_triplet_loss as tl


@st.composite
def qps(draw, max_n=4, rational=True):
    n = draw(st.integers(1, max_n))
    num = (st.fractions(-6, 6, max_denominator=3) if rational else st.integers(-6, 6).map(F))
    Q = draw(st.lists(st.lists(num, min_size=n, max_size=n), min_size=n, max_size=n))
    c = draw(st.lists(num, min_size=n, max_size=n))
    return QP(tuple(map(tuple, Q)), tuple(c))


def box_point(n, rng, den=60):
    return [F(rng.randint(0, den), den) for _ in range(n)]


@settings(max_examples=30)
@given(qps(), st.sampled_from([1, 2, 3]), st.integers(0, 10**6))
def test_objective_identity_is_exact(qp, dim, seed):
    inst = tl.reduce(qp, dim=dim)
    red = inst.meta["reduction"]
    alpha, const = F(red["alpha"]), F(red["constant"])
    rng = random.Random(seed)
    for _ in range(3):
        x = box_point(qp.n, rng)
        X = tl.image(x, dim)
        value, G, kinks, exact = loss.evaluate_exact(inst, X)
        assert exact and kinks == 0
        assert value == alpha * qp.value(x) + const
        assert [G[i][0] for i in range(qp.n)] == [alpha * g for g in qp.gradient(x)]
        assert tl.backmap(inst, X) == tuple(x)


@settings(max_examples=30)
@given(qps(), st.sampled_from([1, 2]), st.integers(0, 10**6))
def test_every_hinge_is_active_and_weights_are_integers(qp, dim, seed):
    inst = tl.reduce(qp, dim=dim)
    assert all(w.denominator == 1 and w > 0 for *_, w in inst.triplets)
    assert inst.points == qp.n + 3 and len(inst.triplets) <= qp.n * (qp.n - 1) // 2 + 2 * qp.n + 2
    rng = random.Random(seed)
    for _ in range(3):  # any box point, anchors anywhere in their boxes
        X = tuple(tuple(l + (h - l) * F(rng.randint(0, 8), 8) for l, h in zip(lr, hr))
                  for lr, hr in zip(inst.lo, inst.hi))
        assert all(s > 0 for s in (loss._sq(X[a], X[b]) - loss._sq(X[a], X[c]) + inst.margin
                                   for a, b, c, _ in inst.triplets))
    assert loss.lipschitz(inst)[1]  # the hinge loss is smooth on the box


@settings(max_examples=30)
@given(qps(), st.sampled_from([1, 2]), st.integers(0, 10**6))
def test_theorem_anchors_pinned_and_gradient_scaled(qp, dim, seed):
    """(i) an embedding with an anchor off its pin has violation >= K; (ii) with anchors pinned, the
    back-mapped point's QP violation is at most the loss violation / alpha."""
    inst = tl.reduce(qp, dim=dim)
    red = inst.meta["reduction"]
    alpha, K = F(red["alpha"]), F(red["pin_strength"])
    rng = random.Random(seed)
    n = qp.n
    for _ in range(3):
        X = [list(row) for row in tl.image(box_point(n, rng), dim)]
        for i in range(n):  # arbitrary other coordinates
            for k in range(1, dim):
                X[i][k] = F(rng.randint(0, 4), 4)
        pinned = loss.certify(inst, X, 0)
        qc = certify_qp(qp, tl.backmap(inst, X), 0)
        assert qc.violation <= pinned.violation / alpha
        anchor = rng.choice(list(red["anchors"].values()))
        lo, hi = inst.lo[anchor][0], inst.hi[anchor][0]
        X[anchor][0] = lo + (hi - lo) * F(rng.randint(0, 7), 8) if red["anchors"]["Z"] == anchor else \
            lo + (hi - lo) * F(rng.randint(1, 8), 8)
        assert loss.certify(inst, X, 0).violation >= K


@settings(max_examples=40)
@given(qps(max_n=4), st.sampled_from([1, 2]), st.sampled_from(["fixed", "backtracking"]), st.integers(0, 10**6))
def test_closed_loop_reduce_descend_backmap(qp, dim, step, seed):
    inst = tl.reduce(qp, dim=dim)
    alpha = F(inst.meta["reduction"]["alpha"])
    eps_qp = F(1, 100)
    eps_loss = float(alpha * eps_qp)
    rng = np.random.default_rng(seed)
    start = [[rng.uniform(float(l), float(h)) for l, h in zip(lr, hr)] for lr, hr in zip(inst.lo, inst.hi)]
    res = pgd.descend(inst, eps=eps_loss, step=step, max_iter=50_000, start=start)
    assert res.status == "eps_kkt"
    cert = res.extra["certificate"]
    assert cert.exact and cert.eps_kkt
    x = tl.backmap(inst, res.solution)
    bound = tl.backmapped_eps(inst, F(eps_loss))
    assert bound == F(eps_loss) / alpha
    assert certify_qp(qp, x, bound).eps_kkt


@settings(max_examples=20)
@given(qps(max_n=3, rational=False), st.integers(0, 10**6))
def test_closed_loop_squared_hinge(qp, seed):
    eps_qp = F(1, 10)
    inst = tl.reduce(qp, loss="squared_hinge", eps=eps_qp)
    alpha = F(inst.meta["reduction"]["alpha"])
    eps_loss = alpha * eps_qp / 2
    res = pgd.descend(inst, eps=float(eps_loss), step="backtracking", max_iter=50_000)
    assert res.status == "eps_kkt" and res.extra["certificate"].eps_kkt
    assert tl.backmapped_eps(inst, F(float(eps_loss))) <= eps_qp * (1 + F(1, 10**9))
    assert certify_qp(qp, tl.backmap(inst, res.solution), tl.backmapped_eps(inst, F(float(eps_loss)))).eps_kkt
    # approximate objective identity: L(image x) - (alpha f(x) + const) is exactly sum_t w_t q_t^2 >= 0 (weights include 1/2M)
    x = [F(1, 3)] * qp.n
    value = loss.value_exact(inst, tl.image(x))
    gap = value - (alpha * qp.value(x) + F(inst.meta["reduction"]["constant"]))
    X = tl.image(x)
    err = sum(w * (loss._sq(X[a], X[b]) - loss._sq(X[a], X[c])) ** 2 for a, b, c, w in inst.triplets)
    assert gap == err


@settings(max_examples=20)
@given(qps(max_n=3), st.sampled_from([1, 2]))
def test_tiny_qp_kkt_points_map_to_kkt_points_and_back(qp, dim):
    found = kkt_points(qp)
    assume(not found.degenerate)
    inst = tl.reduce(qp, dim=dim)
    for x in found.points:
        assert certify_qp(qp, x, 0).eps_kkt
        X = tl.image(x, dim)
        assert loss.certify(inst, X, 0).eps_kkt  # an exact KKT point of the loss
        assert tl.backmap(inst, X) == x
    assert found.points  # a continuous function on a box has a minimiser, which is KKT


def test_pgd_on_qp_reaches_a_point_near_an_enumerated_kkt_point():
    for seed in range(6):
        qp = random_qp(3, seed=seed)
        found = kkt_points(qp)
        if found.degenerate:
            continue
        res = pgd.descend_qp(qp, eps=1e-9, max_iter=200_000)
        assert res.status == "eps_kkt"
        dist = min(max(abs(float(a) - b) for a, b in zip(p, res.solution)) for p in found.points)
        assert dist < 1e-6


def test_reduced_instance_round_trips_and_is_self_contained():
    qp = random_qp(4, seed=7, denominator=2)
    for dim, kw in ((1, {}), (3, {}), (1, {"loss": "squared_hinge", "eps": "1/10"}), (2, {"integer_weights": False})):
        inst = tl.reduce(qp, dim=dim, **kw)
        back = jsonio.loads(jsonio.dumps(inst))
        assert back == inst and back.meta == inst.meta
        assert tl.source_of(back) == qp
        assert tl.backmap(back, back.start) == (F(1, 2),) * 4
    with pytest.raises(InstanceError):
        tl.reduce(qp, loss="squared_hinge")
    with pytest.raises(InstanceError):
        tl.reduce(qp, loss="softplus")


@settings(max_examples=20)
@given(qps(), st.sampled_from([1, 2]), st.integers(0, 10**6))
def test_hinge_hessian_lipschitz_bound_on_reduced_instances(qp, dim, seed):
    inst = tl.reduce(qp, dim=dim)
    arr = loss.Arrays(inst)
    L, valid = loss.lipschitz(inst, arr)
    assert valid
    rng = np.random.default_rng(seed)
    for _ in range(5):
        X, Y = (rng.uniform(arr.lo, arr.hi) for _ in range(2))
        gx, gy = loss.value_grad(arr, X)[1], loss.value_grad(arr, Y)[1]
        assert np.linalg.norm(gx - gy) <= L * np.linalg.norm(X - Y) * (1 + 1e-9) + 1e-9


@pytest.mark.slow
@settings(max_examples=60)
@given(qps(max_n=8), st.sampled_from([1, 2, 3]), st.sampled_from(["fixed", "backtracking"]),
       st.sampled_from([1, 4, 16]), st.integers(0, 10**6))
def test_closed_loop_larger(qp, dim, step, spread, seed):
    inst = tl.reduce(qp, dim=dim, spread=spread)
    eps_loss = float(F(inst.meta["reduction"]["alpha"]) / 1000)
    rng = np.random.default_rng(seed)
    arr = loss.Arrays(inst)
    res = pgd.descend(inst, eps=eps_loss, step=step, max_iter=500_000, start=rng.uniform(arr.lo, arr.hi))
    assert res.status == "eps_kkt" and res.extra["certificate"].eps_kkt
    assert certify_qp(qp, tl.backmap(inst, res.solution), tl.backmapped_eps(inst, F(eps_loss))).eps_kkt


@settings(max_examples=15)
@given(qps(max_n=5), st.sampled_from([1, 2]), st.integers(0, 10**6))
def test_pgd_from_the_image_is_pgd_on_the_qp_with_step_alpha_over_L(qp, dim, seed):
    """Tightness for PGD: same iteration count, same iterates (the anchors never move)."""
    inst = tl.reduce(qp, dim=dim)
    alpha = float(F(inst.meta["reduction"]["alpha"]))
    x0 = box_point(qp.n, random.Random(seed))
    red = pgd.descend(inst, eps=alpha * 1e-4, start=tl.image(x0, dim), exact=False, max_iter=20_000)
    L = red.extra["lipschitz"]
    direct = pgd.descend_qp(qp, eps=1e-4, start=x0, lipschitz=L / alpha, exact=False, max_iter=20_000)
    assert abs(red.steps - direct.steps) <= 1  # equal in exact arithmetic; floats may cross eps one step apart
    if red.steps == direct.steps:
        assert np.allclose(red.solution[:qp.n, 0], direct.solution, atol=1e-9)
    assert np.array_equal(red.solution[qp.n:, 0], [float(p) for p in tl.pins()])
    assert not red.solution[:, 1:].any()

"""Triplet loss: gradients (finite differences, exact Richardson extrapolation), the torch variant
against its formula, the Lipschitz bound, the eps-KKT certificate, PGD, and the JSON kind."""
import math
import random
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from instances import InstanceError, TripletLoss, jsonio
from localsearch.continuous import loss, pgd
from localsearch.continuous.kkt import box_kkt, coordinate_violation


@st.composite
def instances(draw, losses=("squared_hinge", "hinge", "softplus", "torch"), max_points=5, max_dim=3):
    m = draw(st.integers(3, max_points))
    d = draw(st.integers(1, max_dim))
    rat = st.fractions(min_value=-3, max_value=3, max_denominator=7)
    trips = draw(st.lists(st.tuples(st.permutations(range(m)), st.fractions(F(1, 5), 5, max_denominator=5)),
                          min_size=1, max_size=8))
    rows = tuple((p[0], p[1], p[2], w) for p, w in trips)
    lo = draw(st.lists(st.lists(rat, min_size=d, max_size=d), min_size=m, max_size=m))
    width = draw(st.lists(st.lists(st.fractions(F(1, 4), 3, max_denominator=4), min_size=d, max_size=d),
                          min_size=m, max_size=m))
    hi = [[l + w for l, w in zip(lr, wr)] for lr, wr in zip(lo, width)]
    return TripletLoss(m, rows, dim=d, loss=draw(st.sampled_from(losses)), margin=draw(rat), lo=lo, hi=hi)


def random_point(inst, rng, denominator=97):
    return tuple(tuple(l + (h - l) * F(rng.randint(0, denominator), denominator) for l, h in zip(lr, hr))
                 for lr, hr in zip(inst.lo, inst.hi))


def as_array(inst, X):
    return np.array([[float(c) for c in row] for row in X]).reshape(inst.points, inst.dim)


def s_values(inst, X):
    return [loss._sq(X[a], X[b]) - loss._sq(X[a], X[c]) + inst.margin for a, b, c, _ in inst.triplets]


@settings(max_examples=20)
@given(instances(), st.integers(0, 10**6))
def test_float_gradient_matches_central_differences(inst, seed):
    rng = random.Random(seed)
    X = as_array(inst, random_point(inst, rng))
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
@given(instances(losses=("squared_hinge", "hinge"), max_points=4, max_dim=2), st.integers(0, 10**6))
def test_exact_gradient_is_the_exact_derivative(inst, seed):
    """Central differences of a polynomial of degree <= 4 in the step h are f' + h^2 f'''/6, so
    Richardson extrapolation (4 g(h/2) - g(h))/3 gives f' EXACTLY when no hinge changes sign."""
    rng = random.Random(seed)
    X = random_point(inst, rng)
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
@given(instances(losses=("squared_hinge", "softplus")), st.integers(0, 10**6))
def test_lipschitz_bound_holds_on_random_pairs(inst, seed):
    rng = random.Random(seed)
    arr = loss.Arrays(inst)
    L, valid = loss.lipschitz(inst, arr)
    assert valid
    for _ in range(5):
        X, Y = (as_array(inst, random_point(inst, rng)) for _ in range(2))
        gx, gy = loss.value_grad(arr, X)[1], loss.value_grad(arr, Y)[1]
        assert np.linalg.norm(gx - gy) <= L * np.linalg.norm(X - Y) * (1 + 1e-9) + 1e-9


def test_box_kkt_matches_the_definition():
    rng = random.Random(5)
    for _ in range(300):
        n = rng.randint(1, 5)
        lo = [F(rng.randint(-2, 0)) for _ in range(n)]
        hi = [l + rng.randint(0, 2) for l in lo]
        x = [rng.choice([l, h, (l + h) / 2]) for l, h in zip(lo, hi)]
        g = [F(rng.randint(-5, 5), rng.randint(1, 3)) for _ in range(n)]
        eps = F(rng.randint(0, 4), 2)
        ok = all(l == h or (g_ >= -eps if xi == l else g_ <= eps if xi == h else abs(g_) <= eps)
                 for g_, xi, l, h in zip(g, x, lo, hi))
        cert = box_kkt(g, x, lo, hi, eps)
        assert cert.eps_kkt == ok
        viols = [coordinate_violation(*t)[0] for t in zip(g, x, lo, hi)]
        assert cert.violation == max(viols) and viols.index(max(viols)) == cert.worst


@settings(max_examples=10)
@given(instances(losses=("squared_hinge",), max_points=4, max_dim=2), st.integers(0, 10**6))
def test_fixed_step_pgd_decreases_and_certifies(inst, seed):
    rng = random.Random(seed)
    res = pgd.descend(inst, eps=1e-3, max_iter=5_000, start=random_point(inst, rng), trajectory=True)
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


@settings(max_examples=20)
@given(instances(), st.booleans(), st.integers(0, 10**6))
def test_json_round_trip(inst, with_start, seed):
    if with_start:
        inst = inst.with_start(random_point(inst, random.Random(seed)))
    inst.meta["note"] = "x"
    back = jsonio.loads(jsonio.dumps(inst))
    assert back == inst and back.meta == inst.meta and back.start == inst.start


def test_box_forms_and_bad_input():
    per_dim = TripletLoss(3, ((0, 1, 2, 2),), dim=2, lo=[0, -1], hi=[1, 1])
    assert per_dim.box_of(2) == ((0, 1), (-1, 1))
    flat = TripletLoss(3, ((0, 1, 2, 2),), dim=1, lo=[0, 0, "1/3"], hi=1)
    assert flat.lo[2] == (F(1, 3),)
    assert jsonio.loads(jsonio.dumps(flat)) == flat
    bad = [
        dict(lo=1, hi=0), dict(loss="cosine"), dict(triplets=((0, 1, 1, 1),)), dict(triplets=((0, 1, 2, 0),)),
        dict(triplets=((0, 1, 5, 1),)), dict(start=((2,), (0,), (0,))), dict(lo=[0, 0], hi=1), dict(margin="x"),
    ]
    for kw in bad:
        args = dict(points=3, triplets=((0, 1, 2, 1),))
        args.update(kw)
        with pytest.raises(InstanceError):
            TripletLoss(**args)
    for text in ('{"kind": "triplet-loss", "points": 3}', '{"kind": "triplet-loss", "points": 3, "triplets": [[0,1,2]]}',
                 '{"kind": "triplet-loss", "points": 3, "triplets": [], "box": 5}'):
        with pytest.raises(InstanceError):
            jsonio.loads(text)


def test_exact_certificate_snaps_float_bounds_of_non_dyadic_boxes():
    inst = TripletLoss(3, ((0, 1, 2, 1),), lo=F(1, 3), hi=F(2, 3), margin=0)
    X = np.array([[float(F(1, 3))], [float(F(2, 3))], [0.5]])
    assert loss.exact_positions(inst, X)[:2] == ((F(1, 3),), (F(2, 3),))
    assert loss.certify(inst, X, 1).feasible


def test_hinge_kinks_are_reported():
    inst = TripletLoss(3, ((0, 1, 2, 1),), loss="hinge", margin=0, lo=-1, hi=1)
    assert loss.certify(inst, ((0,), (F(1, 2),), (F(-1, 2),)), 0).kinks == 1   # s = 1/4 - 1/4 + 0
    assert loss.certify(inst, ((0,), (F(1, 2),), (F(1, 3),)), 0).kinks == 0

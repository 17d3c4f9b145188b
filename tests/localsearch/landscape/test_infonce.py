"""InfoNCE / U0 on products of spheres: values against the definition, closed forms (n-gon, simplex,
collapse, the toy), derivatives, the tau -> 0 limits and the triplet link."""
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from instances import InstanceError, TripletInstance
from instances.triplets import positions_from
from localsearch.landscape.infonce import (
    CONFIGS, TOY_PAIRS, U0, Aligned, InfoNCE, aligned_ntxent, aligned_pairs, anchor_terms, closed_form,
    closed_form_reference, collapse, collapse_value, known_minimum, ngon, ngon_hessian_eigenvalues, ngon_value,
    simplex, simplex_value, toy_global_minimum, triplet_instance)
from localsearch.landscape.sphere import normalise_rows, project_tangent, random_point
from localsearch.landscape.stationary import certify_stationary


def naive_ntxent(views, pairs, tau, include_positive=True):
    """The definition, term by term, in plain Python (no vectorisation, no stabilisation)."""
    sim = lambda a, k: sum(x * y for x, y in zip(views[a], views[k]))  # noqa: E731
    terms = []
    for i, j in pairs:
        for a, p in ((i, j), (j, i)):
            ks = [k for k in range(len(views)) if k != a and (include_positive or k != p)]
            terms.append(-sim(a, p) / tau + math.log(sum(math.exp(sim(a, k) / tau) for k in ks)))
    return sum(terms) / len(terms)


def naive_u0(Z, pairs):
    terms = []
    for i, j in pairs:
        for a, p in ((i, j), (j, i)):
            terms.append(-float(Z[a] @ Z[p]) + max(float(Z[a] @ Z[k]) for k in range(len(Z)) if k not in (a, p)))
    return sum(terms) / len(terms)


# --- values against the definition --------------------------------------------------------------------
@settings(max_examples=25)
@given(st.integers(2, 5), st.integers(2, 4), st.floats(0.1, 3.0), st.booleans(), st.integers(0, 10**6))
def test_values_match_the_definition(n, d, tau, incl, seed):
    rng = np.random.default_rng(seed)
    M = 2 * n
    pairs = [(i, n + i) for i in range(n)]
    Z = random_point(M, d, rng)
    f = InfoNCE(M, pairs, tau, include_positive=incl)
    assert f.value(Z) == pytest.approx(naive_ntxent(Z.tolist(), pairs, tau, incl), rel=1e-12, abs=1e-12)
    assert U0(M, pairs).value(Z) == pytest.approx(naive_u0(Z, pairs), abs=1e-12)
    batch = random_point(M, d, rng, runs=3)
    assert np.allclose(f.value(batch), [f.value(z) for z in batch])


def test_log_sum_exp_is_stabilised():
    f = Aligned(InfoNCE(8, aligned_pairs(4), 1e-3))
    v = f.value(ngon(4))
    assert np.isfinite(v) and v == pytest.approx(ngon_value(4, 1e-3), abs=1e-12)


# --- closed forms --------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", [2, 3, 4, 7])
@pytest.mark.parametrize("tau", [0.1, 0.5, 2.0])
def test_ngon_closed_form_from_the_definition(n, tau):
    # Derivation: aligned views u_k = v_k = z_k; anchor u_i has its positive v_i at s = 1 and the views
    # u_k, v_k (k != i) at s = cos(2 pi (k-i)/n), two each; the issue's formula follows.
    issue = -1 / tau + math.log(math.exp(1 / tau) + 2 * sum(math.exp(math.cos(2 * math.pi * k / n) / tau)
                                                            for k in range(1, n)))
    Z = ngon(n, phase=0.3)
    views = np.vstack([Z, Z]).tolist()
    assert naive_ntxent(views, aligned_pairs(n), tau) == pytest.approx(issue, rel=1e-12)
    assert ngon_value(n, tau) == pytest.approx(issue, rel=1e-12)


def test_ngon_formula_needs_the_aligned_pairing():
    # The same 4 points as plain points with positives between neighbours is another objective.
    Z = ngon(4)
    plain = InfoNCE(4, [(0, 1), (2, 3)], 0.5).value(Z)
    assert abs(plain - ngon_value(4, 0.5)) > 0.1


@pytest.mark.parametrize("n,d,tau", [(2, 2, 0.5), (3, 3, 0.2), (5, 2, 1.0), (4, 4, 3.0)])
def test_collapse_is_stationary_with_value_log_2n_minus_1_and_never_a_minimum(n, d, tau):
    e = np.zeros(d)
    e[0] = 1.0
    Z = np.tile(e, (n, 1))
    f = Aligned(InfoNCE(2 * n, aligned_pairs(n), tau))
    assert f.value(Z) == pytest.approx(collapse_value(n), rel=1e-13)
    assert collapse_value(n) == pytest.approx(naive_ntxent(np.vstack([Z, Z]).tolist(), aligned_pairs(n), tau))
    cert = certify_stationary(f, Z, eps=1e-20)
    assert cert.stationary and cert.bound < 1e-30
    # aligned: a strict maximum modulo rotations (spreading lowers every negative similarity)
    so = f.second_order(Z)
    assert so.kind == "maximum" and so.gauge_dim == d - 1
    # full 2N-view space: separating u_i from v_i raises the loss, so collapse is a saddle there
    full = InfoNCE(2 * n, aligned_pairs(n), tau)
    assert full.second_order(np.vstack([Z, Z])).kind == "saddle"


@pytest.mark.parametrize("n", [2, 3, 5, 8])
@pytest.mark.parametrize("tau", [0.2, 0.5, 1.0])
def test_ngon_is_a_certified_strict_minimum_modulo_rotation(n, tau):
    f = Aligned(InfoNCE(2 * n, aligned_pairs(n), tau))
    Z = ngon(n, phase=0.7)
    cert = certify_stationary(f, Z, eps=1e-13)
    assert cert.stationary
    so = f.second_order(Z)
    assert so.kind == "minimum" and so.gauge_dim == 1 and len(so.eigenvalues) == n - 1
    # the circulant closed form (Fourier modes m = 1..n-1) is the same spectrum
    exact = sorted(float(x) for x in ngon_hessian_eigenvalues(n, tau))
    assert np.allclose(sorted(so.eigenvalues), exact, rtol=1e-8, atol=1e-12)
    # also a strict minimum in the full space of 2N independent views
    assert InfoNCE(2 * n, aligned_pairs(n), tau).second_order(np.vstack([Z, Z])).kind == "minimum"


def test_ngon_circulant_spectrum_is_positive_on_a_grid_in_50_digits():
    import mpmath

    with mpmath.workdps(50):
        for n in (2, 3, 4, 6, 10, 16):
            for tau in (0.05, 0.3, 2.0, 10.0):
                assert min(ngon_hessian_eigenvalues(n, tau)) > 0


def test_interval_version_of_the_circulant_spectrum_encloses_the_float_one():
    import mpmath

    iv = mpmath.iv
    old, iv.dps = iv.dps, 30
    try:
        for lam, ref in zip(ngon_hessian_eigenvalues(5, 0.5, ctx=iv), ngon_hessian_eigenvalues(5, 0.5)):
            assert lam.a > 0 and float(lam.a) - 1e-12 <= float(ref) <= float(lam.b) + 1e-12
    finally:
        iv.dps = old


def test_simplex_closed_form():
    for n in (2, 3, 4, 5):
        Z = simplex(n)
        assert np.allclose(Z @ Z.T, np.where(np.eye(n) > 0, 1.0, -1.0 / (n - 1)))
        f = Aligned(InfoNCE(2 * n, aligned_pairs(n), 0.4))
        assert f.value(Z) == pytest.approx(simplex_value(n, 0.4), rel=1e-12)
        assert certify_stationary(f, Z, eps=1e-12).stationary


# --- derivatives ---------------------------------------------------------------------------------------
def _fd(obj, Z, eps=1e-6):
    M, d = Z.shape
    g = np.zeros(M * d)
    H = np.zeros((M * d, M * d))
    for i in range(M * d):
        E = np.zeros(M * d)
        E[i] = eps
        E = E.reshape(M, d)
        g[i] = (obj.value(Z + E) - obj.value(Z - E)) / (2 * eps)
        H[:, i] = ((obj.egrad(Z + E) - obj.egrad(Z - E)) / (2 * eps)).ravel()
    return g.reshape(M, d), H


OBJECTIVES = [
    lambda: InfoNCE(6, [(0, 1), (2, 3), (4, 5)], 0.3),
    lambda: InfoNCE(5, [(0, 1), (1, 2), (3, 4)], 0.8, include_positive=False),
    lambda: Aligned(InfoNCE(6, aligned_pairs(3), 0.5)),
    lambda: U0(4, [(0, 1), (2, 3)]),
    lambda: U0(5, [(0, 1), (2, 3), (1, 4)], hinge=True),
]


@pytest.mark.parametrize("make", OBJECTIVES)
@pytest.mark.parametrize("seed", [0, 1])
def test_euclidean_gradient_and_hessian_against_finite_differences(make, seed):
    obj = make()
    Z = np.random.default_rng(seed).standard_normal((obj.points, 3))
    g, H = _fd(obj, Z)
    assert np.allclose(obj.egrad(Z), g, atol=1e-7)
    assert np.allclose(obj.ehess(Z), H, atol=1e-6)


# --- U0: the toy, the tau -> 0 limits and the triplet link --------------------------------------------
def test_toy_global_minimum_is_minus_two():
    # Argument: each anchor term is -s(a,a+) + max_k s(a,k) >= -1 + (-1) = -2, with equality iff
    # s(a,a+) = 1 and s(a,k) = -1 for both negatives k; so U0 >= -2, and z0 = z1 = -z2 = -z3 attains it.
    u = U0(4, [(0, 1), (2, 3)])
    assert u.value(toy_global_minimum()) == -2.0
    rng = np.random.default_rng(0)
    samples = u.value(random_point(4, 3, rng, runs=20000))
    assert samples.min() >= -2.0 - 1e-12
    # numeric search: projected subgradient descent from random starts reaches -2 from most starts
    Z = random_point(4, 3, rng, runs=64)
    for k in range(3000):
        Z = normalise_rows(Z - 0.05 / (1 + k / 300) * project_tangent(Z, u.egrad(Z)))
    v = u.value(Z)
    assert v.min() == pytest.approx(-2.0, abs=1e-3) and np.mean(v < -1.99) > 0.3
    best = Z[np.argmin(v)]
    assert np.allclose(best @ best.T, np.array([[1, 1, -1, -1], [1, 1, -1, -1], [-1, -1, 1, 1], [-1, -1, 1, 1]]),
                       atol=1e-2)


@pytest.mark.parametrize("tau", [0.05, 0.01, 0.002])
def test_tau_to_zero_limits_with_the_log_sum_exp_bound(tau):
    rng = np.random.default_rng(1)
    pairs = [(0, 1), (2, 3), (4, 5)]
    Z = random_point(6, 3, rng, runs=50)
    K = 5  # terms in every log-sum-exp: 6 points minus the anchor
    dcl = tau * InfoNCE(6, pairs, tau, include_positive=False).value(Z)
    u0 = U0(6, pairs).value(Z)
    assert np.all(dcl >= u0 - 1e-12) and np.all(dcl <= u0 + tau * math.log(K - 1) + 1e-12)
    nt = tau * InfoNCE(6, pairs, tau).value(Z)
    hinge = U0(6, pairs, hinge=True).value(Z)
    assert np.all(nt >= hinge - 1e-12) and np.all(nt <= hinge + tau * math.log(K) + 1e-12)


@settings(max_examples=30)
@given(st.integers(0, 10**6), st.integers(2, 4))
def test_u0_terms_negative_iff_all_triplets_satisfied(seed, d):
    u = U0(5, [(0, 1), (2, 3), (1, 4)])
    Z = random_point(5, d, np.random.default_rng(seed))
    inst = triplet_instance(u, d)
    pos = positions_from([list(z) for z in Z], d)
    for t, term in zip(u.terms, u.terms_value(Z)):
        trips = [x for x in inst.triplets if x[:2] == t]
        sub = TripletInstance(5, tuple(trips), dim=d)
        assert (term < 0) == (sub.satisfied_weight(pos) == sub.total_weight)
        # term = (1/2) max_k (|z_a - z_p|^2 - |z_a - z_k|^2)
        a, p = t
        half = max(np.sum((Z[a] - Z[p]) ** 2) - np.sum((Z[a] - Z[k]) ** 2) for k in range(5) if k not in t) / 2
        assert term == pytest.approx(half, abs=1e-12)


def test_brute_force_closed_form_ngon_value_against_all_orderings():
    # Every relabelling of the n-gon has the same aligned loss (permutation symmetry)
    n, tau = 4, 0.7
    f = Aligned(InfoNCE(2 * n, aligned_pairs(n), tau))
    vals = {round(float(f.value(ngon(n)[list(p)])), 12) for p in itertools.permutations(range(n))}
    assert vals == {round(ngon_value(n, tau), 12)}


# --- layout, construction and bad input ---------------------------------------------------------------
def test_anchor_terms_and_the_aligned_layout():
    assert anchor_terms([(0, 2), (1, 3)]) == ((0, 2), (2, 0), (1, 3), (3, 1))
    assert aligned_pairs(3) == ((0, 3), (1, 4), (2, 5))
    f = InfoNCE(6, [(0, 3)], 0.5)
    assert f.terms == ((0, 3), (3, 0)) and f.a.tolist() == [0, 3] and f.p.tolist() == [3, 0]
    # NT-Xent compares an anchor with every other point, the decoupled loss and U0 not with its positive
    assert f.mask.sum(axis=1).tolist() == [5, 5]
    assert InfoNCE(6, [(0, 3)], 0.5, include_positive=False).mask.sum(axis=1).tolist() == [4, 4]
    assert not U0(6, [(0, 3)]).mask[0, 3] and U0(6, [(0, 3)]).mask.sum() == 8
    g = aligned_ntxent(3, 0.7)
    assert isinstance(g, Aligned) and g.points == 3 and g.base.pairs == aligned_pairs(3) and g.base.tau == 0.7
    assert g.name == "aligned-infonce" and Aligned(U0(4, aligned_pairs(2))).name == "aligned-U0"
    assert g.value_scale == pytest.approx(1 / 0.7) and Aligned(U0(4, aligned_pairs(2))).value_scale == 1.0


@pytest.mark.parametrize("make", [
    lambda: InfoNCE(4, [], 0.5), lambda: InfoNCE(4, [(0, 4)], 0.5), lambda: InfoNCE(4, [(1, 1)], 0.5),
    lambda: InfoNCE(4, [(0, 1)], 0.0), lambda: InfoNCE(4, [(0, 1)], float("inf")), lambda: U0(2, [(0, 1)]),
    lambda: InfoNCE(2, [(0, 1)], 0.5, include_positive=False), lambda: Aligned(InfoNCE(5, [(0, 1)], 0.5)),
])
def test_bad_objectives_are_refused(make):
    with pytest.raises(InstanceError):
        make()


def test_value_and_gradient_in_one_pass_agree_with_the_separate_calls():
    rng = np.random.default_rng(7)
    for obj in (InfoNCE(6, [(0, 1), (2, 3)], 0.4), U0(5, [(0, 1), (2, 3)], hinge=True), aligned_ntxent(3, 0.5)):
        Z = random_point(obj.points, 3, rng, runs=4)
        v, g = obj.value_and_egrad(Z)
        assert np.allclose(v, obj.value(Z)) and np.allclose(g, obj.egrad(Z))
        assert np.allclose(obj.rgrad(Z), project_tangent(Z, g))


# --- closed forms picked by name ----------------------------------------------------------------------
def test_closed_form_configurations_and_their_values():
    assert CONFIGS == ("ngon", "collapse", "simplex")
    Z, v, dim = closed_form("ngon", 5, 0.5)
    assert np.array_equal(Z, ngon(5)) and v == ngon_value(5, 0.5) and dim == 2
    assert closed_form("ngon", 5, 0.5, dim=4)[2] == 4
    Z, v, dim = closed_form("simplex", 4, 0.3)
    assert np.array_equal(Z, simplex(4)) and v == simplex_value(4, 0.3) and dim == 3
    Z, v, dim = closed_form("collapse", 3, 0.5, dim=4)
    assert Z.shape == (3, 4) and np.all(Z == Z[0]) and Z[0, 0] == 1 and v == collapse_value(3) and dim == 4
    assert np.array_equal(collapse(3), np.array([[1.0, 0.0]] * 3))
    for config in CONFIGS:  # the formula is the value of the configuration
        Z, v, dim = closed_form(config, 4, 0.5)
        assert aligned_ntxent(4, 0.5).value(Z) == pytest.approx(v, rel=1e-12)
    with pytest.raises(ValueError, match="unknown configuration"):
        closed_form("cube", 4, 0.5)


def test_closed_form_reference_is_the_ngon_in_the_plane_and_the_simplex_where_it_fits():
    assert closed_form_reference(6, 2, 0.5) == (ngon_value(6, 0.5), "ngon")
    assert closed_form_reference(3, 2, 0.5) == (ngon_value(3, 0.5), "ngon")  # also a simplex: the n-gon is named
    assert closed_form_reference(4, 3, 0.5) == (simplex_value(4, 0.5), "simplex")
    assert closed_form_reference(3, 3, 0.5) == (simplex_value(3, 0.5), "simplex")
    assert closed_form_reference(5, 3, 0.5) == (None, None)
    # where both exist they agree: the triangle is the 3-point simplex, the 2-gon the 2-point one
    assert ngon_value(3, 0.5) == pytest.approx(simplex_value(3, 0.5)) and ngon_value(2, 0.9) == pytest.approx(
        simplex_value(2, 0.9))


def test_known_minimum_is_the_toy_only():
    assert TOY_PAIRS == ((0, 1), (2, 3))
    assert known_minimum(U0(4, TOY_PAIRS)) == -2.0 and known_minimum(U0(4, ((2, 3), (0, 1)))) == -2.0
    # only the toy as written (pairs (0, 1) and (2, 3) in either order), not its relabellings
    for other in (U0(4, TOY_PAIRS, hinge=True), U0(4, ((0, 1),)), U0(5, TOY_PAIRS), InfoNCE(4, TOY_PAIRS, 0.5),
                  Aligned(U0(4, aligned_pairs(2))), U0(4, ((0, 2), (1, 3))), U0(4, ((1, 0), (2, 3)))):
        assert known_minimum(other) is None
    assert U0(4, TOY_PAIRS).value(toy_global_minimum()) == known_minimum(U0(4, TOY_PAIRS))

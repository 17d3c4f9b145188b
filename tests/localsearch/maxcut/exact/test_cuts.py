"""Odd clique inequalities (localsearch.maxcut.exact.cuts): validity, adjoint, separation, child mapping."""
from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings, strategies as st

from localsearch.maxcut.exact.cuts import CliqueCuts, separate_cliques, separate_triangles


@st.composite
def cut_sets(draw, min_k=3, max_k=9):
    """A random set of odd clique inequalities (sizes 3, 5, 7 that fit in k) on k x k matrices."""
    k = draw(st.integers(min_k, max_k))
    m = draw(st.integers(0, 6))
    V = np.full((m, 7), -1)
    S = np.zeros((m, 7), dtype=int)
    Q = np.zeros(m, dtype=int)
    for c in range(m):
        q = draw(st.sampled_from([q for q in (3, 5, 7) if q <= k]))
        V[c, :q] = draw(st.permutations(range(k)))[:q]
        S[c, :q] = draw(st.lists(st.sampled_from([1, -1]), min_size=q, max_size=q))
        Q[c] = q
    return CliqueCuts(k, V, S, Q)


def symmetric(k, seed, unit_diagonal=True):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (k, k))
    X = (X + X.T) / 2
    if unit_diagonal:
        np.fill_diagonal(X, 1)
    return X


@settings(max_examples=60)
@given(cut_sets(), st.data())
def test_every_cut_matrix_satisfies_every_inequality_with_the_closed_form_slack(cuts, data):
    """slack at z z^T is ((sum_a s_a z_{v_a})^2 - 1) / 2 >= 0: the inequalities are valid for every cut."""
    z = np.array(data.draw(st.lists(st.sampled_from([1, -1]), min_size=cuts.k, max_size=cuts.k)), dtype=float)
    slack = cuts.slack(np.outer(z, z))
    for c in range(len(cuts)):
        q = cuts.sizes[c]
        t = float(cuts.signs[c, :q] @ z[cuts.vertices[c, :q]])
        assert slack[c] == (t * t - 1) / 2 >= 0


@settings(max_examples=40)
@given(cut_sets(), st.integers(0, 2**32 - 1))
def test_scatter_is_the_adjoint_of_the_slack(cuts, seed):
    """<sum_c gamma_c S_c, X> = sum_c gamma_c (slack_c(X) - b_c) for any symmetric X."""
    X = symmetric(cuts.k, seed, unit_diagonal=False)
    gamma = np.random.default_rng(seed).uniform(0, 3, len(cuts))
    lhs = float(np.sum(cuts.scatter(gamma) * X))
    assert np.isclose(lhs, float(gamma @ (cuts.slack(X) - cuts.rhs)), atol=1e-9)
    assert np.all(cuts.scatter(gamma, absolute=True) >= np.abs(cuts.scatter(gamma)) - 1e-12)


@settings(max_examples=40)
@given(cut_sets(min_k=4), st.data())
def test_fixing_a_vertex_keeps_every_slack(cuts, data):
    """With z_r = sigma z_0 the mapped cut at the reduced z has the slack of the original at z; cuts on
    both 0 and r are dropped."""
    k = cuts.k
    r = data.draw(st.integers(1, k - 1))
    sigma = data.draw(st.sampled_from([1, -1]))
    z = np.array(data.draw(st.lists(st.sampled_from([1, -1]), min_size=k, max_size=k)), dtype=float)
    z[r] = sigma * z[0]
    child, kept = cuts.fix(r, sigma)
    assert child.k == k - 1
    both = [c for c in range(len(cuts)) if {0, r} <= set(cuts.vertices[c, :cuts.sizes[c]].tolist())]
    assert sorted(set(range(len(cuts))) - set(kept.tolist())) == both
    zr = np.delete(z, r)
    assert np.array_equal(child.slack(np.outer(zr, zr)), cuts.slack(np.outer(z, z))[kept])


@settings(max_examples=30)
@given(st.integers(3, 9), st.integers(0, 2**32 - 1), st.integers(1, 20), st.sampled_from([0.0, 0.2, -0.5]))
def test_triangle_separation_returns_the_most_violated_by_enumeration(k, seed, cap, tol):
    X = symmetric(k, seed)
    signs = [(1, 1, 1), (1, 1, -1), (1, -1, 1), (-1, 1, 1)]
    every = sorted((-(1 + a * b * X[i, j] + a * c * X[i, l] + b * c * X[j, l]))
                   for i, j, l in itertools.combinations(range(k), 3) for a, b, c in signs)[::-1]
    expected = [v for v in every if v > tol][:cap]
    found = separate_triangles(X, cap, tol)
    assert np.allclose(-found.slack(X), expected) and set(found.sizes.tolist()) <= {3}
    assert len(found.keys()) == len(found)                       # no duplicates
    codes = found.triangle_codes()
    assert len(set(codes.tolist())) == len(found) and all(
        (codes[a] == codes[b]) == (found.key(a) == found.key(b)) for a in range(len(found)) for b in range(len(found)))


@settings(max_examples=40)
@given(cut_sets())
def test_triangle_codes_identify_equal_inequalities(cuts):
    """Codes agree exactly when the canonical keys agree (same vertex set, signs equal up to a global flip);
    a copy with reversed vertex order and negated signs has the same codes."""
    twin = CliqueCuts(cuts.k, cuts.vertices.copy(), -cuts.signs, cuts.sizes)
    twin.vertices[:, :3], twin.signs[:, :3] = cuts.vertices[:, 2::-1], -cuts.signs[:, 2::-1]
    tri = cuts.sizes == 3
    assert np.array_equal(twin.triangle_codes()[tri], cuts.triangle_codes()[tri])
    codes = cuts.triangle_codes()
    for a in range(len(cuts)):
        assert (codes[a] == -1) == (cuts.sizes[a] != 3)
        for b in range(len(cuts)):
            if codes[a] != -1 and codes[b] != -1:
                assert (codes[a] == codes[b]) == (cuts.key(a) == cuts.key(b))


@settings(max_examples=30)
@given(st.integers(7, 12), st.integers(0, 2**32 - 1), st.sampled_from([5, 7]))
def test_clique_separation_returns_distinct_violated_inequalities(k, seed, q):
    rng = np.random.default_rng(seed)
    F = rng.standard_normal((k, 3))
    F /= np.linalg.norm(F, axis=1, keepdims=True)
    X = F @ F.T                                          # a psd matrix with unit diagonal
    seeds = separate_triangles(X, 50, -1.0)
    known = set(list(separate_cliques(X, q, seeds, 2).keys())[:1])
    found = separate_cliques(X, q, seeds, 10, 0.01, known=known)
    assert np.all(found.slack(X) < -0.01) and np.all(found.sizes == q)
    assert len(found.keys()) == len(found) and not (found.keys() & known)
    for c in range(len(found)):
        assert len(set(found.vertices[c, :q].tolist())) == q and np.all(found.vertices[c, q:] == -1)


def test_triangle_separation_can_be_stopped_between_chunks():
    """stop() is asked between chunks of triples (first vertex i in blocks of 3e6 / k^2): a stop after the
    first chunk returns the most violated triangles among those with i in the first block."""
    k = 200
    X = symmetric(k, 7)
    chunk = 3_000_000 // (k * k)
    part = separate_triangles(X, 50, 0.0, stop=lambda: True)
    assert len(part) == 50 and part.vertices[:, :3].min(1).max() < chunk
    full = separate_triangles(X, 10**6, 0.0)
    first = full.select(full.vertices[:, :3].min(1) < chunk)
    assert np.allclose(part.slack(X), first.slack(X)[:50])

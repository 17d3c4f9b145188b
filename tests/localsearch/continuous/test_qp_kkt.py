"""QP-KKT on [0,1]^n: the exact certificate against the definition, exact linear solves, and all KKT points of
tiny QPs by face enumeration (against a grid search of the faces' conditions, and degenerate faces)."""
import itertools
import random
from fractions import Fraction as F

import pytest
from hypothesis import assume, given, settings, strategies as st

from instances import QP
from localsearch.continuous.qp_kkt import FaceEnumeration, certify_qp, kkt_points, solve_exact
from tests.helpers.oracles import kkt_1d


@st.composite
def qps(draw, max_n=3):
    n = draw(st.integers(1, max_n))
    num = st.integers(-4, 4).map(F)
    Q = draw(st.lists(st.lists(num, min_size=n, max_size=n), min_size=n, max_size=n))
    return QP(tuple(map(tuple, Q)), tuple(draw(st.lists(num, min_size=n, max_size=n))))


def naive_kkt(qp, x, eps=0):
    """The definition: grad_i = 0 inside, >= -eps at 0, <= eps at 1 (grad = (Q + Q^T) x + c)."""
    n = qp.n
    g = [sum((qp.Q[i][j] + qp.Q[j][i]) * x[j] for j in range(n)) + qp.c[i] for i in range(n)]
    return all((gi >= -eps) if xi == 0 else (gi <= eps) if xi == 1 else abs(gi) <= eps for gi, xi in zip(g, x))


@settings(max_examples=40)
@given(qps(), st.integers(0, 10**6))
def test_certificate_matches_the_definition(qp, seed):
    rng = random.Random(seed)
    for _ in range(5):
        x = [rng.choice([F(0), F(1), F(rng.randint(1, 5), 6)]) for _ in range(qp.n)]
        eps = F(rng.randint(0, 6), 2)
        c = certify_qp(qp, x, eps)
        assert c.eps_kkt == naive_kkt(qp, x, eps) and c.exact and c.feasible
        assert c.value == qp.value(x) and c.worst in range(qp.n)
    assert certify_qp(qp, ["1/2"] * qp.n, "0").eps == 0  # texts are read exactly
    assert not certify_qp(qp, [F(2)] * qp.n, 100).eps_kkt  # outside the box


def test_solve_exact():
    M = [[F(2), F(1), F(0)], [F(1), F(3), F(1)], [F(0), F(1), F(4)]]
    y, unique = solve_exact(M, [F(1), F(2), F(3)])
    assert unique and [sum(a * b for a, b in zip(row, y)) for row in M] == [1, 2, 3]
    y, unique = solve_exact([[F(1), F(2)], [F(2), F(4)]], [F(3), F(6)])  # singular, consistent
    assert not unique and y == [F(3), F(0)]
    assert solve_exact([[F(0)]], [F(1)]) == (None, False)
    assert solve_exact([[F(0), F(0)], [F(0), F(0)]], [F(0), F(0)]) == ([F(0), F(0)], False)
    assert solve_exact([], []) == ([], True)


@settings(max_examples=30, deadline=None)
@given(qps(max_n=2))
def test_face_enumeration_finds_every_kkt_point_of_a_grid(qp):
    found = kkt_points(qp)
    assert isinstance(found, FaceEnumeration) and found.faces == 3 ** qp.n
    assert found.points == sorted(found.points) and len(set(found.points)) == len(found.points)
    for x in found.points:
        assert naive_kkt(qp, x)
    if not found.degenerate:  # isolated KKT points only: every KKT point of a fine grid is one of them
        grid = [F(k, 12) for k in range(13)]
        for x in itertools.product(grid, repeat=qp.n):
            if naive_kkt(qp, x):
                assert tuple(x) in found.points
        assert found.points  # a continuous function on a box has a minimiser, which is KKT


def test_degenerate_faces_and_the_size_limit():
    flat = kkt_points(QP(((0,),), (0,)))   # f = 0: every point is KKT; the free face is a continuum
    assert flat.points == [(F(0),), (F(1),)] and flat.degenerate == [(None,)] and flat.faces == 3
    # f = (x - y)^2: the diagonal is a continuum of minima, reported as the free face
    diag = kkt_points(QP(((1, -1), (-1, 1)), (0, 0)))
    assert (None, None) in diag.degenerate and (F(0), F(0)) in diag.points and (F(1), F(1)) in diag.points
    with pytest.raises(ValueError, match="tiny QPs"):
        kkt_points(QP(((0,) * 3,) * 3, (0,) * 3), max_n=2)


@settings(max_examples=40)
@given(st.lists(st.tuples(st.integers(-5, 5), st.integers(-5, 5)), min_size=1, max_size=3))
def test_face_enumeration_on_separable_qps(coeffs):
    n = len(coeffs)
    assume(all(q != 0 or c != 0 for q, c in coeffs))
    qp = QP(tuple(tuple(F(coeffs[i][0]) if i == j else F(0) for j in range(n)) for i in range(n)),
            tuple(F(c) for _, c in coeffs))
    expected = sorted(itertools.product(*(sorted(kkt_1d(q, c)) for q, c in coeffs)))
    got = kkt_points(qp)
    assert not got.degenerate and got.points == expected

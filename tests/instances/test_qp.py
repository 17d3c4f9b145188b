"""Box QPs (instances.qp): the value and the gradient are exact, validation of the shape."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from instances import QP, InstanceError

from tests.helpers.strategies import rationals, small_rationals


@st.composite
def qps_points_and_steps(draw):
    n = draw(st.integers(1, 4))
    Q = [draw(st.lists(rationals, min_size=n, max_size=n)) for _ in range(n)]
    c = draw(st.lists(rationals, min_size=n, max_size=n))
    x = draw(st.lists(small_rationals, min_size=n, max_size=n))
    return QP(tuple(map(tuple, Q)), tuple(c)), x, draw(st.integers(0, n - 1)), draw(small_rationals)


@given(qps_points_and_steps())
def test_gradient_is_the_exact_derivative(case):
    """f is quadratic, so f(x + h e_i) - f(x) = h g_i(x) + h^2 Q_ii exactly."""
    qp, x, i, h = case
    y = list(x)
    y[i] += h
    assert qp.value(y) - qp.value(x) == h * qp.gradient(x)[i] + h * h * qp.Q[i][i]


@given(qps_points_and_steps())
def test_value_by_definition(case):
    qp, x, _, _ = case
    n = qp.n
    assert qp.value(x) == sum(qp.Q[i][j] * x[i] * x[j] for i in range(n) for j in range(n)) + sum(
        qp.c[i] * x[i] for i in range(n))


def test_entries_are_fractions_and_shapes_are_checked():
    q = QP(((1, "1/2"), (0.25, -3)), ("2/4", 7), meta={"note": "x"})
    assert q.Q == ((1, Fraction(1, 2)), (Fraction(1, 4), -3)) and q.c == (Fraction(1, 2), 7)
    assert all(isinstance(v, Fraction) for row in q.Q for v in (*row, *q.c))
    assert q == QP(q.Q, q.c) and q.kind == "qp"  # meta is not compared
    assert q.value(("1/2", 1)) == Fraction(1, 4) + Fraction(1, 4) + Fraction(1, 8) - 3 + Fraction(1, 4) + 7
    for Q, c in [(((1, 2),), (1,)), (((1,), (2,)), (1, 2)), (((1, "x"), (0, 0)), (1, 2))]:
        with pytest.raises(InstanceError):
            QP(Q, c)

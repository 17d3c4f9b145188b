"""Random QP-KKT instances (instances.qp_generators): seeded, symmetric, indefinite by construction,
parameters honoured and recorded; indefinite by eigenvalues; the JSON round trip."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from instances import InstanceError, jsonio
from instances.qp_generators import random_qp


@pytest.mark.parametrize("n", [1, 2, 5])
def test_symmetric_in_range_and_pinned_diagonal(n):
    for seed in range(4):
        q = random_qp(n, seed=seed, low=-3, high=4)
        assert q.n == n and all(q.Q[i][j] == q.Q[j][i] for i in range(n) for j in range(n))
        assert all(-3 <= v <= 4 and v.denominator == 1 for row in q.Q for v in (*row, *q.c))
        if n >= 2:
            assert (q.Q[0][0], q.Q[1][1]) == (4, -3)


def test_denominator_density_and_meta():
    base, scaled = random_qp(4, seed=9), random_qp(4, seed=9, denominator=7)
    assert scaled.Q == tuple(tuple(v / 7 for v in row) for row in base.Q) and scaled.c == tuple(v / 7 for v in base.c)
    assert all(isinstance(v, Fraction) for v in scaled.c)
    sparse = random_qp(5, seed=1, density=0.0)
    assert all(sparse.Q[i][j] == 0 for i in range(5) for j in range(5) if i != j)
    assert sparse.meta == {"generator": "random_qp", "n": 5, "seed": 1, "low": -10, "high": 10, "density": 0.0,
                           "indefinite": True, "denominator": 1}
    assert random_qp(3, seed=2, low=1, high=5, indefinite=False).Q[1][1] >= 1  # no pinning without indefinite
    assert random_qp(1, seed=0, low=1, high=5).n == 1  # one variable: nothing to pin


@pytest.mark.parametrize("kwargs", [dict(n=0), dict(n=2.5), dict(n=True), dict(n=3, low=2, high=1),
                                    dict(n=3, density=1.5), dict(n=3, denominator=0), dict(n=3, low=0, high=5)])
def test_bad_parameters(kwargs):
    with pytest.raises(InstanceError):
        random_qp(**kwargs)


def test_generator_is_seeded_indefinite_and_round_trips():
    for seed in range(5):
        q = random_qp(5, seed=seed, denominator=3)
        assert q == random_qp(5, seed=seed, denominator=3) and q.meta["seed"] == seed
        H = np.array([[float(v) for v in row] for row in q.Q])
        assert np.allclose(H, H.T)
        ev = np.linalg.eigvalsh(H)
        assert ev.min() < 0 < ev.max()
        assert jsonio.loads(jsonio.dumps(q)) == q
    with pytest.raises(InstanceError):
        random_qp(0)
    with pytest.raises(InstanceError):
        random_qp(3, low=1, high=5)

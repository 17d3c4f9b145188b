"""eps-KKT points on a box: the certificate against the definition, per-coordinate violations (exact and
float), degenerate boxes, and the JSON form."""
import random
from fractions import Fraction as F

import numpy as np
import pytest

from localsearch.continuous.kkt import KKTCertificate, box_kkt, coordinate_violation, float_violation


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

def test_float_violation_is_the_vectorised_coordinate_violation():
    rng = random.Random(6)
    for _ in range(100):
        n = rng.randint(1, 6)
        lo = np.array([rng.choice([-1.0, 0.0]) for _ in range(n)])
        hi = lo + np.array([rng.choice([0.0, 0.5, 2.0]) for _ in range(n)])
        x = np.array([rng.choice([l, h, (l + h) / 2]) for l, h in zip(lo, hi)])
        g = np.array([rng.uniform(-3, 3) for _ in range(n)])
        expected = [float(coordinate_violation(*t)[0]) for t in zip(g, x, lo, hi)]
        assert float_violation(g, x, lo, hi).tolist() == expected


def test_positions_fixed_coordinates_and_infeasible_points():
    assert coordinate_violation(F(5), F(1), F(1), F(1)) == (0, "fixed")
    assert coordinate_violation(F(-3), F(2), F(0), F(2)) == (0, "upper") and coordinate_violation(3, 2, 0, 2) == (3, "upper")
    assert coordinate_violation(F(-3), F(1), F(0), F(2)) == (3, "interior")
    out = box_kkt([F(0)], [F(2)], [F(0)], [F(1)], F(1))  # x beyond the box: never eps-KKT
    assert not out.feasible and not out.eps_kkt and out.violation == 0
    empty = box_kkt([], [], [], [], F(0))
    assert empty.eps_kkt and empty.violation == 0 and empty.worst is None and empty.where is None


def test_certificate_fields_and_json():
    c = box_kkt([F(1, 2), F(-3, 2)], [F(0), F(1, 2)], [0, 0], [1, 1], F(1), value=F(7, 3),
                labels=[(0, 0), (1, 0)])
    assert isinstance(c, KKTCertificate) and not c.eps_kkt and c.feasible and c.exact and c.kinks == 0
    assert (c.violation, c.worst, c.where, c.gradient, c.value) == (F(3, 2), (1, 0), "interior", F(-3, 2), F(7, 3))
    assert c.to_json() == {"eps_kkt": False, "eps": "1", "violation": "3/2", "worst": [1, 0], "where": "interior",
                           "gradient": "-3/2", "value": "7/3", "feasible": True, "exact": True, "kinks": 0,
                           "violation_float": 1.5}
    assert KKTCertificate(True, 0.1, None, None, None, None, None).to_json()["violation_float"] is None


@pytest.mark.parametrize("g,x,expect", [(-1, 0, True), (1, 0, True), (-2, 0, False), (2, 1, False), (-5, 1, True)])
def test_one_coordinate_on_the_unit_interval(g, x, expect):
    assert box_kkt([F(g)], [F(x)], [F(0)], [F(1)], F(1)).eps_kkt is expect

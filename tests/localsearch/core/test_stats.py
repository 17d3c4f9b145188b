"""Wilson score intervals and success rates (localsearch.core.stats) against the closed form."""
import json
import math
from statistics import NormalDist

import pytest
from hypothesis import given, settings, strategies as st

from localsearch.core.stats import rate, wilson_interval

Z = NormalDist().inv_cdf(0.975)  # the 95% normal quantile, from the standard library


def closed_form(s, n, z=Z):
    """Wilson's interval by its textbook formula (centre +- half-width), ends clipped to [0, 1]."""
    p = s / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z / den * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


@settings(max_examples=80)
@given(st.integers(1, 5000), st.data())
def test_wilson_interval_solves_the_score_equation(n, data):
    s = data.draw(st.integers(0, n))
    lo, hi = wilson_interval(s, n)
    # direct: the endpoints are the roots in p of (p_hat - p)^2 = z^2 p (1 - p) / n
    ph, z2 = s / n, Z**2
    a, b, c = 1 + z2 / n, -(2 * ph + z2 / n), ph * ph
    disc = math.sqrt(max(b * b - 4 * a * c, 0.0))
    assert lo == pytest.approx(max(0.0, (-b - disc) / (2 * a)), abs=1e-9)
    assert hi == pytest.approx(min(1.0, (-b + disc) / (2 * a)), abs=1e-9)
    assert lo <= ph <= hi


def test_wilson_interval_agrees_with_the_closed_form_on_a_grid():
    grid = [(s, n) for n in range(1, 121) for s in range(n + 1)]
    grid += [(s, n) for n in (500, 1000, 4999, 10**5, 10**7) for s in (0, 1, 2, n // 3, n // 2, n - 1, n)]
    for s, n in grid:
        lo, hi = wilson_interval(s, n)
        a, b = closed_form(s, n)
        assert abs(lo - a) <= 1e-12 and abs(hi - b) <= 1e-12, (s, n, lo, hi, a, b)


@pytest.mark.parametrize("n", [1, 2, 7, 100, 10**6])
def test_the_ends_are_exact(n):
    lo, hi = wilson_interval(0, n)
    assert lo == 0.0 and 0.0 < hi < 1.0 and hi == pytest.approx(Z * Z / (n + Z * Z), rel=1e-12)
    lo, hi = wilson_interval(n, n)
    assert hi == 1.0 and 0.0 < lo < 1.0 and lo == pytest.approx(n / (n + Z * Z), rel=1e-12)


def test_known_values():
    # 0/10: the upper end is z^2 / (n + z^2) = 3.8415 / 13.8415 = 0.2775; 3/10 by the closed form by hand
    assert round(wilson_interval(0, 10)[1], 4) == 0.2775
    lo, hi = wilson_interval(3, 10)
    assert (round(lo, 4), round(hi, 4)) == (0.1078, 0.6032)
    # a wider level widens the interval
    lo99, hi99 = wilson_interval(3, 10, confidence_level=0.99)
    assert lo99 < lo and hi99 > hi
    assert (lo99, hi99) == pytest.approx(closed_form(3, 10, NormalDist().inv_cdf(0.995)), abs=1e-12)


def test_no_runs_and_bad_counts():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    for s, n in [(-1, 5), (6, 5), (0, -1), (1, 0)]:
        with pytest.raises(ValueError):
            wilson_interval(s, n)


def test_rate_is_json_with_the_documented_shape():
    r = rate(3, 4)
    assert list(r) == ["successes", "runs", "rate", "wilson95"]
    assert r["successes"] == 3 and r["runs"] == 4 and r["rate"] == 0.75
    assert r["wilson95"] == list(wilson_interval(3, 4)) and all(type(x) is float for x in r["wilson95"])
    assert json.loads(json.dumps(r)) == r
    assert rate(0, 0) == {"successes": 0, "runs": 0, "rate": None, "wilson95": [0.0, 1.0]}

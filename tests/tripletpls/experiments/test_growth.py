"""Growth of step counts with size: exact analysis of deterministic series (closed forms known in
advance), regression over seeds of random ones (against hand-computed intervals and known bases)."""
from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings, strategies as st

from instances import dc_steps
from tripletpls.experiments.growth import exact_growth, fit_growth


# --- deterministic series: exact ------------------------------------------------------------------
def test_dc_first_follows_its_recurrence_exactly_and_the_ratios_are_fractions():
    sizes = list(range(2, 41))
    g = exact_growth(sizes, [dc_steps(n) for n in sizes])
    assert g["pattern"] == "recurrence" and g["recurrence"] == {"r": "2", "c": "4", "step": 1}
    assert g["base"] == "2" and g["base_value"] == 2.0 and g["closed_form"] == "5/2*2^n - 4"
    # the ratios are T(n+1)/T(n) exactly: 8/3, 9/4, 19/9, ..., never a rounded float
    assert [r["ratio"] for r in g["ratios"][:3]] == ["8/3", "9/4", "19/9"]
    for r in g["ratios"]:
        n, m = r["sizes"]
        assert Fraction(r["ratio"]) == Fraction(dc_steps(m), dc_steps(n))
        assert r["per_unit"] == float(Fraction(dc_steps(m), dc_steps(n)))
    assert all(r["per_unit"] > 2 for r in g["ratios"])  # T(n+1)/T(n) = 2 + 4/T(n): above 2, tending to 2


def test_every_other_level_still_gives_base_2_exactly():
    g = exact_growth([2, 4, 6, 8, 10], [dc_steps(n) for n in (2, 4, 6, 8, 10)])
    assert g["recurrence"] == {"r": "4", "c": "12", "step": 2} and g["base"] == "2"
    assert g["closed_form"] == "5/2*2^n - 4"
    odd = exact_growth([1, 3, 5, 7], [2, 4, 8, 16])  # 2^((n+1)/2): base sqrt 2, not rational
    assert odd["base"] is None and odd["base_value"] == pytest.approx(math.sqrt(2))
    assert odd["closed_form"] == "2*(2)^((n - 1)/2)"


@given(st.sampled_from([Fraction(-2), Fraction(1, 2), Fraction(2), Fraction(3), Fraction(3, 2), Fraction(5)]),
       st.integers(1, 10**6), st.integers(-100, 100), st.integers(1, 6), st.integers(4, 9))
@settings(max_examples=60)
def test_any_affine_recurrence_is_recognised_with_its_exact_closed_form(r, s0, c, n0, k):
    ys = [Fraction(s0)]
    for _ in range(k - 1):
        ys.append(r * ys[-1] + c)
    assume(all(y.denominator == 1 and y >= 0 for y in ys) and len(set(ys)) > 1)  # step counts
    g = exact_growth(range(n0, n0 + k), [int(y) for y in ys])
    assert g["pattern"] == "recurrence" and Fraction(g["recurrence"]["r"]) == r
    # the closed form evaluates to the data
    A, B = ys[0] - Fraction(c) / (1 - r), Fraction(c) / (1 - r)
    assert all(A * r ** i + B == y for i, y in enumerate(ys))


@given(st.lists(st.integers(-20, 20), min_size=1, max_size=4), st.integers(0, 5), st.integers(1, 3))
@settings(max_examples=60)
def test_polynomials_are_recognised_from_enough_points(coeffs, n0, extra):
    while len(coeffs) > 1 and coeffs[-1] == 0:
        coeffs = coeffs[:-1]
    degree = len(coeffs) - 1
    xs = list(range(n0, n0 + degree + 2 + extra))
    ys = [sum(a * x ** i for i, a in enumerate(coeffs)) for x in xs]
    shift = max(0, -min(ys))
    ys = [y + shift for y in ys]  # step counts are >= 0
    g = exact_growth(xs, ys)
    if degree == 0 or len(set(ys)) == 1:
        assert g["pattern"] == "constant"
        return
    assert g["pattern"] == "polynomial" and g["degree"] == degree
    # the text is the polynomial: evaluate it back
    expr = g["polynomial"].replace("^", "**")
    assert all(eval(expr, {"n": Fraction(x)}) == y for x, y in zip(xs, ys))  # noqa: S307 -- our own text


def test_too_few_points_or_irregular_data_claim_no_pattern():
    assert exact_growth([2, 3, 4], [6, 16, 36])["pattern"] is None  # 3 points fix any recurrence
    assert exact_growth([1, 2, 3, 4, 5], [2, 2, 5, 9, 20])["pattern"] is None
    cubic = [n ** 3 - 2 * n + 5 for n in range(1, 6)]
    assert exact_growth(range(1, 6), cubic)["pattern"] is None  # a cubic needs 6 points to be checked
    assert exact_growth(range(1, 7), cubic + [6 ** 3 - 12 + 5])["degree"] == 3
    assert exact_growth([5], [7]) is None
    irregular = exact_growth([2, 3, 5, 8], [1, 2, 4, 8])
    assert irregular["pattern"] is None and [r["ratio"] for r in irregular["ratios"]] == ["2", "2", "2"]
    assert [r["per_unit"] for r in irregular["ratios"]] == pytest.approx([2, 2 ** 0.5, 2 ** (1 / 3)])
    zero = exact_growth([1, 2, 3], [0, 3, 6])
    assert zero["ratios"][0] == {"sizes": [1, 2], "ratio": None, "per_unit": None}
    with pytest.raises(ValueError, match="one step count per size"):
        exact_growth([2, 2], [1, 1])


def test_huge_exact_series_stay_exact():
    sizes = list(range(2, 400))
    g = exact_growth(sizes, [dc_steps(n) for n in sizes])
    assert g["base"] == "2" and g["ratios"][-1]["per_unit"] == pytest.approx(2.0)


# --- random series: regression over seeds ------------------------------------------------------------
@given(st.floats(1.1, 4.0), st.floats(0.5, 100.0),
       st.lists(st.integers(1, 40), min_size=3, max_size=12, unique=True))
@settings(max_examples=30)
def test_exact_exponentials_give_their_base(base, c, sizes):
    fit = fit_growth(sizes, [max(1, round(c * base ** n * 1000)) for n in sizes])
    assert abs(fit["base"] - base) < 1e-3 * base
    lo, hi = fit["base_ci"]
    assert lo - 1e-6 <= fit["base"] <= hi + 1e-6


@given(st.integers(1, 4), st.lists(st.integers(2, 500), min_size=3, max_size=10, unique=True))
@settings(max_examples=40)
def test_exact_powers_give_their_degree(k, sizes):
    fit = fit_growth(sizes, [n ** k for n in sizes], min_size=0)
    assert abs(fit["degree"] - k) < 1e-9 and fit["degree_r2"] > 1 - 1e-9


def test_confidence_interval_matches_a_hand_computed_one():
    # sizes 1, 2, 3 and steps 2^0, 2^1, 2^3: slope 1.5 (in log2), residual sum of squares 1/6 (log2^2),
    # standard error sqrt(1/12); Student t with 1 degree of freedom: 12.7062 (printed tables)
    fit = fit_growth([1, 2, 3], [1, 2, 8])
    half = 12.7062047 * math.sqrt(1 / 12)
    assert math.isclose(fit["base"], 2**1.5)
    assert math.isclose(fit["base_ci"][0], 2 ** (1.5 - half), rel_tol=1e-6)
    assert math.isclose(fit["base_ci"][1], 2 ** (1.5 + half), rel_tol=1e-6)


def test_seeds_spread_the_interval_around_the_true_base():
    # two seeds per size, steps 2^n times 1 or 3: the fitted base is 2 and the interval holds it
    sizes = [n for n in range(10, 16) for _ in range(2)]
    steps = [2 ** n * (1 if i % 2 else 3) for i, n in enumerate(sizes)]
    fit = fit_growth(sizes, steps, min_size=0)
    assert fit["base"] == pytest.approx(2.0) and fit["base_ci"][0] < 2 < fit["base_ci"][1]


def test_constant_and_degenerate_series():
    assert fit_growth([2, 3, 4], [2, 2, 2])["model"] == "constant"
    assert fit_growth([5], [7]) is None and fit_growth([2, 3], [0, 0]) is None
    two = fit_growth([10, 20], [5, 9])
    assert two["base_ci"] == [None, None] and math.isclose(two["base"], (9 / 5) ** 0.1)


def test_huge_step_counts_do_not_overflow():
    fit = fit_growth([100, 200, 300], [2**100, 2**200, 2**300])
    assert abs(fit["base"] - 2) < 1e-9


def test_docstring_examples_hold():
    import doctest

    import tripletpls.experiments.growth as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0

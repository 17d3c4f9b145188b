"""Growth fits of step counts against size, checked against independently known answers."""
from __future__ import annotations

import math

from hypothesis import given, settings, strategies as st

from instances import dc_steps
from tripletpls.experiments.growth import fit_growth


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


def test_fit_of_dc_closed_form_uses_the_upper_half_and_finds_base_2():
    sizes = list(range(2, 13))
    fit = fit_growth(sizes, [dc_steps(n) for n in sizes])
    assert fit["sizes_used"] == [7, 8, 9, 10, 11, 12] and abs(fit["base"] - 2) < 0.01
    assert fit["model"] == "exponential"
    everything = fit_growth(sizes, [dc_steps(n) for n in sizes], min_size=2)
    assert everything["base"] > fit["base"]  # the -4 inflates small-n ratios (16/6, 36/16, ...)


def test_confidence_interval_matches_a_hand_computed_one():
    # sizes 1, 2, 3 and steps 2^0, 2^1, 2^3: slope 1.5 (in log2), residual sum of squares 1/6 (log2^2),
    # standard error sqrt(1/12); Student t with 1 degree of freedom: 12.7062 (printed tables)
    fit = fit_growth([1, 2, 3], [1, 2, 8])
    half = 12.7062047 * math.sqrt(1 / 12)
    assert math.isclose(fit["base"], 2**1.5)
    assert math.isclose(fit["base_ci"][0], 2 ** (1.5 - half), rel_tol=1e-6)
    assert math.isclose(fit["base_ci"][1], 2 ** (1.5 + half), rel_tol=1e-6)


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

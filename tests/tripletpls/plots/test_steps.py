"""Growth fits, plots, reports and the demo: content checks against independently known answers."""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings, strategies as st

from instances import dc_steps
from tripletpls.experiments.growth import fit_growth

from tests.helpers.cli import assert_bad_input, run_cli, run_json


# --- the fit ------------------------------------------------------------------------------------------
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


# --- plot and report from a real sweep ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def dc_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("dc") / "dc.sqlite"
    run_json("sweep", "--family", "dc", "--sizes", "2..12", "--rules", "first,steepest", "--jobs", "1", "--db", db)
    run_json("sweep", "--family", "gnp", "--sizes", "10,20,40", "--seeds", "0..1", "--start", "random",
             "--param", "weights=gaussian", "--jobs", "1", "--db", db)
    return db


def test_plot_draws_dc_with_a_fitted_base_near_2_and_the_closed_form(dc_db, tmp_path):
    png = tmp_path / "steps.png"
    out = run_json("plot", dc_db, "-o", png)
    assert out["panels"] == ["dc", "gnp"] and out["closed_form"] is True
    first = next(s for s in out["series"] if s["family"] == "dc" and s["rule"] == "first")
    assert first["sizes"] == list(range(2, 13))
    assert abs(first["fit"]["base"] - 2) < 0.05
    lo, hi = first["fit"]["base_ci"]
    assert lo < first["fit"]["base"] < hi
    steepest = next(s for s in out["series"] if s["family"] == "dc" and s["rule"] == "steepest")
    assert steepest["fit"]["model"] == "constant"
    import matplotlib.image

    with open(png, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    img = matplotlib.image.imread(str(png))
    assert img.shape[0] > 300 and img.shape[1] > 2 * img.shape[0] * 0.9  # two panels side by side


def test_plot_filters_select_series(dc_db, tmp_path):
    out = run_json("plot", dc_db, "-o", tmp_path / "dc.png", "--family", "dc", "--rule", "first")
    assert [s["label"] for s in out["series"]] == ["dc first"] and out["panels"] == ["dc"]


def test_report_markdown_table_has_sizes_steps_bases_and_certificates(dc_db):
    code, text, err = run_cli("report", dc_db)
    assert code == 0, err
    lines = [ln for ln in text.splitlines() if ln.startswith("| dc first |")]
    assert len(lines) == 1
    cells = [c.strip() for c in lines[0].strip("|").split("|")]
    assert cells[1] == "2..12" and cells[2] == "11"
    assert cells[3] == f"{dc_steps(12):,} (n=12)"
    assert abs(float(cells[4].split()[0]) - 2) < 0.05
    assert cells[7] == "yes" and cells[9] == "yes"  # certified; equals 5*2^(n-1)-4


def test_report_json_and_html(dc_db, tmp_path):
    out = run_json("report", dc_db)
    by_label = {s["label"]: s for s in out["series"]}
    first = by_label["dc first"]
    assert first["matches_closed_form"] is True and first["certified"] == "yes"
    assert first["median_steps"] == {str(n): dc_steps(n) for n in range(2, 13)}
    assert by_label["gnp first"]["runs"] == 6 and by_label["gnp first"]["sizes"] == [10, 20, 40]
    html_out = tmp_path / "r.html"
    run_json("report", dc_db, "-o", html_out)
    text = html_out.read_text()
    assert text.startswith("<!DOCTYPE html>") and "<td>dc first</td>" in text and "<td>2..12</td>" in text


def test_plot_and_report_bad_input(dc_db, tmp_path):
    assert_bad_input("plot", tmp_path / "none.sqlite", mentions="no such result store")
    assert_bad_input("report", dc_db, "--family", "torus", mentions="no stored runs match")
    missing_dir = tmp_path / "no" / "such"
    assert_bad_input("plot", dc_db, "-o", missing_dir / "p.png", mentions="cannot write")
    assert_bad_input("report", dc_db, "-o", missing_dir / "r.md", mentions="cannot write")
    for suffix in ("csv", "parquet"):
        assert_bad_input("export", dc_db, "-o", missing_dir / f"r.{suffix}", mentions="cannot write")


def test_demo_tells_the_story_quickly(tmp_path):
    args = ["--max-n", "9", "--target-max-n", "4", "--gnp-sizes", "8,16,32", "--out", tmp_path / "demo"]
    out = run_json("demo", *args, "--jobs", "1")
    assert out["dc_first_matches_closed_form"] is True
    for key in ("plot", "report", "csv", "db"):
        assert (tmp_path / "demo" / out[key].split("/")[-1]).exists()
    series = {s["label"]: s for s in out["series"]}
    assert abs(series["dc first"]["fit"]["base"] - 2) < 0.05
    assert series["dc steepest"]["fit"]["model"] == "constant"
    assert all(s["certified"] == "yes" for s in out["series"])
    report = (tmp_path / "demo" / "report.md").read_text()
    assert "| dc first | 2..9 |" in report and "| gnp first | 8..32 |" in report
    again = run_json("demo", *args, "--resume")
    assert again["sweep"]["ran"] == 0 and again["sweep"]["skipped"] == out["sweep"]["planned"]
    assert json.loads(json.dumps(again["series"])) == json.loads(json.dumps(out["series"]))

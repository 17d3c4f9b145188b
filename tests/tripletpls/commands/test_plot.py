"""`tripletpls plot`: the figure of a result store, filters, bad input."""
from __future__ import annotations

from tests.helpers.cli import assert_bad_input, run_json


def test_plot_draws_dc_with_its_exact_base_and_the_closed_form(dc_db, tmp_path):
    png = tmp_path / "steps.png"
    out = run_json("plot", "--db", dc_db, "-o", png)
    assert out["panels"] == ["dc", "gnp"] and out["closed_form"] is True
    first = next(s for s in out["series"] if s["family"] == "dc" and s["rule"] == "first")
    assert first["sizes"] == list(range(2, 13))
    assert first["deterministic"] is True and first["growth"]["base"] == "2" and "base_ci" not in first["growth"]
    steepest = next(s for s in out["series"] if s["family"] == "dc" and s["rule"] == "steepest")
    assert steepest["growth"]["pattern"] == "constant" and steepest["growth"]["value"] == 2
    gnp = next(s for s in out["series"] if s["family"] == "gnp" and s["rule"] == "first")
    assert gnp["deterministic"] is False and gnp["growth"]["method"] == "regression"
    import matplotlib.image

    with open(png, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    img = matplotlib.image.imread(str(png))
    assert img.shape[0] > 300 and img.shape[1] > 2 * img.shape[0] * 0.9  # two panels side by side


def test_plot_filters_select_series(dc_db, tmp_path):
    out = run_json("plot", "--db", dc_db, "-o", tmp_path / "dc.png", "--family", "dc", "--rule", "first")
    assert [s["label"] for s in out["series"]] == ["dc first"] and out["panels"] == ["dc"]
    assert out["closed_form"] is True
    gnp = run_json("plot", "--db", dc_db, "-o", tmp_path / "g.png", "--family", "gnp")
    assert gnp["closed_form"] is False and gnp["panels"] == ["gnp"]


def test_plot_bad_input(dc_db, tmp_path):
    assert_bad_input("plot", "--db", tmp_path / "none.sqlite", mentions="no such result store")
    assert_bad_input("plot", "--db", dc_db, "--rule", "fastest", mentions="no stored runs match")
    assert_bad_input("plot", "--db", dc_db, "-o", tmp_path / "no" / "such" / "p.png", mentions="cannot write")

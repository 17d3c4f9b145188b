"""The steps plot: panels per family, fitted bases near 2 for DC_n with `first`, the closed form, a PNG."""
from __future__ import annotations

import pytest

from instances import InstanceError
from tripletpls.experiments.report import summarise
from tripletpls.experiments.store import Store
from tripletpls.plots.steps import plot_steps


def _png_shape(path):
    import matplotlib.image

    with open(path, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    return matplotlib.image.imread(str(path)).shape


def test_plot_steps_draws_one_panel_per_family_with_fitted_bases(dc_db, tmp_path):
    with Store(str(dc_db)) as s:
        rows = s.rows()
    png = tmp_path / "steps.png"
    drawn = plot_steps(rows, png, title="t")
    assert drawn["panels"] == ["dc", "gnp"] and drawn["closed_form"] is True and drawn["output"] == str(png)
    first = next(s for s in drawn["series"] if s["label"] == "dc first")
    assert first["points"] == 11 and first["base"] == 2.0 and first["growth"] == "exactly x2: s(n+1) = 2*s(n) + 4"
    gnp = next(s for s in drawn["series"] if s["label"] == "gnp first")
    assert "95% CI, 2 seeds" in gnp["growth"] or gnp["growth"] == "-"
    height, width = _png_shape(png)[:2]
    assert height > 300 and width > 2 * height * 0.9  # two panels side by side
    assert drawn["series"] == plot_steps(rows, tmp_path / "again.png", summarise(rows))["series"]


def test_one_family_one_panel_and_no_closed_form_without_dc(dc_db, tmp_path):
    with Store(str(dc_db)) as s:
        rows = [r for r in s.rows() if r["family"] == "gnp"]
    drawn = plot_steps(rows, tmp_path / "g.png")
    assert drawn["panels"] == ["gnp"] and "closed_form" not in drawn
    height, width = _png_shape(tmp_path / "g.png")[:2]
    assert width < 2 * height


def test_a_missing_directory_is_refused_before_drawing(dc_db, tmp_path):
    with pytest.raises(InstanceError, match="no such directory"):
        plot_steps([], tmp_path / "no" / "p.png")


def test_the_steepest_chain_has_its_own_panel_and_closed_form(tmp_path):
    from tests.helpers.cli import run_json

    db = tmp_path / "sc.sqlite"
    run_json("sweep", "--family", "steep", "--sizes", "1..8", "--rules", "first,steepest", "--jobs", "1", "--db", db)
    with Store(str(db)) as s:
        rows = s.rows()
    drawn = plot_steps(rows, tmp_path / "sc.png")
    assert drawn["panels"] == ["steep"] and drawn["closed_form"] is True
    steep = next(s for s in drawn["series"] if s["label"] == "steep steepest")
    assert steep["points"] == 8 and abs(steep["base"] - 2) < 0.05
    assert all(s["matches_closed_form"] for s in summarise(rows) if s["rule"] == "steepest")

"""`tripletpls stationary`: certified closed forms; a dimension too small for the configuration."""
from __future__ import annotations

import pytest

from tests.helpers.cli import assert_bad_input, run_json


def test_closed_forms_and_their_dimensions():
    d = run_json("stationary", "--config", "simplex", "--n", 4)
    assert d["dim"] == 3 and d["stationary"] and d["value"] == pytest.approx(d["formula"])
    c = run_json("stationary", "--config", "collapse", "--n", 3, "--dim", 4)
    assert c["dim"] == 4 and c["stationary"] and "circulant_min" not in c
    line = assert_bad_input("stationary", "--config", "simplex", "--n", 5, "--dim", 2, mentions="--dim")
    assert "needs dim >= 4" in line


def test_the_hexagon_is_a_certified_strict_minimum():
    out = run_json("stationary", "--n", "6", "--tau", "0.3")
    assert out["stationary"] and out["second_order"] == "minimum" and out["circulant_min"] > 0

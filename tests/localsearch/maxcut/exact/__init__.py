"""Tests of the exact Max-Cut solvers; the helpers below are shared by the modules of this package."""
from __future__ import annotations

from instances import Graph
from localsearch.maxcut.exact import MaxCutResult
from tests.helpers.data import shared_data_dir

SHARED_DATA = shared_data_dir()
PUBLISHED = {"g05_60.0": 536, "pm1s_100.0": 127, "w01_100.0": 651, "bqp100-1.sparse.mc": 7970}


def assert_exact(res: MaxCutResult, g: Graph, optimum: int):
    assert res.optimal and res.status == "optimal"
    assert res.value == res.bound == optimum
    assert g.cut_value(res.assignment) == optimum

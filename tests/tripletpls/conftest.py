"""Fixtures shared by the application's tests: one result store from a real sweep."""
from __future__ import annotations

import pytest

from tests.helpers.cli import run_json


@pytest.fixture(scope="session")
def dc_db(tmp_path_factory):
    """A store with DC_n (n = 2..12, first and steepest) and G(n, 0.5) (10, 20, 40 vertices, seeds 0..1,
    random starts, gaussian weights) runs."""
    db = tmp_path_factory.mktemp("dc") / "dc.sqlite"
    run_json("sweep", "--family", "dc", "--sizes", "2..12", "--rules", "first,steepest", "--jobs", "1", "--db", db)
    run_json("sweep", "--family", "gnp", "--sizes", "10,20,40", "--seeds", "0..1", "--start", "random",
             "--param", "weights=gaussian", "--jobs", "1", "--db", db)
    return db

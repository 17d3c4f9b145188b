"""`tripletpls export`: every stored run to CSV or Parquet; bad input."""
from __future__ import annotations

import csv

from tripletpls.experiments.store import NAMES, Store

from tests.helpers.cli import assert_bad_input, run_json


def test_export_writes_every_row_with_every_column(dc_db, tmp_path):
    out = run_json("export", "--db", dc_db, "-o", tmp_path / "r.csv")
    with Store(str(dc_db)) as s:
        rows = s.rows()
    with open(tmp_path / "r.csv") as f:
        back = list(csv.DictReader(f))
    assert (out["rows"], out["format"]) == (len(rows), "csv") == (len(back), "csv")
    assert list(back[0]) == list(NAMES) and [r["run_key"] for r in back] == [r["run_key"] for r in rows]
    forced = run_json("export", "--db", dc_db, "-o", tmp_path / "r.data", "--format", "parquet")
    assert forced["format"] == "parquet"


def test_export_bad_input(dc_db, tmp_path):
    assert_bad_input("export", "--db", tmp_path / "none.sqlite", "-o", tmp_path / "r.csv", mentions="no such result store")
    missing_dir = tmp_path / "no" / "such"
    for suffix in ("csv", "parquet"):
        assert_bad_input("export", "--db", dc_db, "-o", missing_dir / f"r.{suffix}", mentions="cannot write")

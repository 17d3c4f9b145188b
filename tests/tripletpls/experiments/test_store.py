"""The result store: big values exactly, each run once, selections, export to CSV and Parquet, and
files that are not result stores."""
from __future__ import annotations

import csv
import json

import pytest
from hypothesis import given, settings, strategies as st

from instances import InstanceError
from tripletpls.experiments.grid import expand, make_grid
from tripletpls.experiments.runner import run_serial
from tripletpls.experiments.store import NAMES, Store, export, select_rows
from tripletpls.experiments.sweep import sweep

from tests.helpers.cli import assert_bad_input, run_json


@given(st.lists(st.integers(-(2**300), 2**300), min_size=1, max_size=5))
@settings(max_examples=30)
def test_store_keeps_big_values_exactly_and_each_run_once(values):
    with Store(":memory:") as store:
        for i, v in enumerate(values):
            row = {"run_key": f"k{i}", "family": "dc", "size": 2, "params": {"p": 0.5}, "rule": "first",
                   "steps": i, "status": "local_optimum", "value": str(v), "local_optimum": True}
            assert store.add(row) is True
            assert store.add(row) is False  # a second copy of a run is never stored
        rows = store.rows()
    assert [int(r["value"]) for r in rows] == values and len(rows) == len(values)
    assert rows[0]["params"] == {"p": 0.5} and rows[0]["local_optimum"] is True


def test_export_csv_and_parquet_round_trip(tmp_path):
    specs = expand([make_grid("dc", "2..4,20", ("first", "steepest"), max_steps=1000)])
    with Store(str(tmp_path / "r.sqlite")) as store:
        sweep(specs, store, run_serial)
        rows = store.rows()
    code = run_json("export", "--db", tmp_path / "r.sqlite", "-o", tmp_path / "r.parquet")
    assert code["rows"] == len(specs) == 8 and code["format"] == "parquet"
    import pyarrow.parquet as pq

    table = pq.read_table(str(tmp_path / "r.parquet")).to_pylist()
    assert [r["run_key"] for r in table] == [r["run_key"] for r in rows]
    assert [r["value"] for r in table] == [r["value"] for r in rows]  # big ints as exact text
    assert any(int(r["value"]) > 2**63 for r in table)
    export(rows, str(tmp_path / "r.csv"))
    with open(tmp_path / "r.csv") as f:
        back = list(csv.DictReader(f))
    assert list(back[0]) == list(NAMES)
    assert [int(r["steps"]) for r in back] == [r["steps"] for r in rows]
    assert [json.loads(r["params"]) for r in back] == [r["params"] for r in rows]


def _rows(db):
    rows = [{"run_key": f"k{i}", "family": fam, "size": 2, "rule": rule, "target": target, "steps": 1,
             "status": "local_optimum"}
            for i, (fam, rule, target) in enumerate([("dc", "first", None), ("dc", "steepest", "line"),
                                                     ("gnp", "first", None), ("gnp", "first", "tree")])]
    with Store(db) as s:
        for r in rows:
            s.add(r)
    return rows


def test_select_rows_filters_by_family_rule_and_target(tmp_path):
    db = str(tmp_path / "s.sqlite")
    _rows(db)
    keys = lambda **kw: [r["run_key"] for r in select_rows(db, **kw)]  # noqa: E731
    assert keys() == ["k0", "k1", "k2", "k3"]
    assert keys(family=("gnp",)) == ["k2", "k3"]
    assert keys(rule=("first",), target=("none",)) == ["k0", "k2"]
    assert keys(target=("line", "tree")) == ["k1", "k3"]
    with pytest.raises(InstanceError) as e:
        select_rows(db, family=("torus",))
    assert e.value.path == db and "the filters" in str(e.value)
    with pytest.raises(InstanceError, match="no such result store"):
        select_rows(str(tmp_path / "absent.sqlite"))


def test_a_file_that_is_not_sqlite_is_bad_input(tmp_path):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("not a database, just text " * 100)
    with pytest.raises(InstanceError) as e:
        Store(str(bogus))
    assert e.value.path == str(bogus)
    assert_bad_input("sweep", "--family", "dc", "--sizes", "3", "--db", bogus, mentions="bogus.sqlite")
    assert_bad_input("report", "--db", bogus, mentions="bogus.sqlite")
    assert_bad_input("report", "--db", tmp_path / "absent.sqlite", mentions="no such result store")


def test_docstring_examples_hold():
    import doctest

    import tripletpls.experiments.store as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0

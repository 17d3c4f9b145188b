"""The demo's phases as a library: sizes, plans, the growing-n budget of reductions, the closed-form check,
the outputs."""
from __future__ import annotations

import os

import pytest

from instances import InstanceError
from tripletpls.experiments import demo
from tripletpls.experiments.grid import RunSpec
from tripletpls.experiments.report import summarise
from tripletpls.experiments.store import Store


def test_sizes_rows_follow_the_formulas_of_dc_n():
    rows = demo.sizes_rows()
    assert [r["n"] for r in rows] == list(demo.SIZES)
    for r in rows:
        n = r["n"]
        assert (r["vertices"], r["edges"], r["steps"]) == (3 * n + 1, 8 * n - 5, 5 * 2 ** (n - 1) - 4)
        assert r["int64_safe"] == (n <= 16)  # SPEC section 2: from n = 17 the weights leave int64


def test_reduction_plan_runs_first_and_steepest_per_size_and_skips_what_fails(monkeypatch):
    reduced, skipped = demo.reduction_plan("none,line", max_n=5, target_max_n=3, time_limit=7.0)
    assert skipped == {} and [t for t, _ in reduced] == ["line"]
    specs = reduced[0][1]
    assert [(s.size, s.rule, s.target, s.time_limit) for s in specs] == [
        (2, "first", "line", 7.0), (2, "steepest", "line", 7.0), (3, "first", "line", 7.0),
        (3, "steepest", "line", 7.0)]
    assert [s.size for s in demo.reduction_plan("line", 2, 9, None)[0][0][1]] == [2, 2]  # capped by max_n

    import tripletpls.experiments.sweep as sw

    def broken(specs):
        raise InstanceError("engine  missing\n here")

    monkeypatch.setattr(sw, "preflight", broken)
    reduced, skipped = demo.reduction_plan("tree", 4, 4, None)
    assert reduced == [] and skipped == {"tree": "engine missing here"}
    with pytest.raises(InstanceError):
        demo.reduction_plan("moon", 4, 4, None)  # an unknown name is bad input, not a skipped target


def test_fresh_store_empties_unless_resuming(tmp_path):
    out = tmp_path / "d"
    db = demo.fresh_store(str(out))
    assert db == demo.output_paths(str(out))["db"] and os.path.isdir(out) and not os.path.exists(db)
    with Store(db) as s:
        s.add({"run_key": "k", "family": "dc", "size": 2, "rule": "first", "steps": 6, "status": "local_optimum"})
    assert demo.fresh_store(str(out), resume=True) == db and os.path.exists(db)
    demo.fresh_store(str(out))
    assert not os.path.exists(db)


def test_flip_and_gnp_plans():
    flips = demo.dc_flip_specs(4, None)
    assert [(s.size, s.rule, s.target) for s in flips] == [(n, r, None) for n in (2, 3, 4) for r in ("first", "steepest")]
    gnp = demo.gnp_specs("8,16", 3.0)
    assert len(gnp) == 2 * 2 * 3 and {s.seed for s in gnp} == {0, 1, 2} and {s.start for s in gnp} == {"random"}
    assert dict(gnp[0].params) == {"p": 0.3, "weights": "gaussian"} and gnp[0].time_limit == 3.0


def test_reduction_sweep_grows_n_until_a_size_is_too_slow():
    specs = [RunSpec("dc", n, rule, target="line") for n in (2, 3, 4) for rule in ("first", "steepest")]
    with Store(":memory:") as store:
        steps = list(demo.reduction_sweep("line", specs, store, jobs=1, target_max_n=4, budget=-1.0))
        assert [(n, out["ran"], stop) for n, out, stop in steps] == [(2, 2, True)]  # every run is "too slow"
        assert len(store) == 2
        steps = list(demo.reduction_sweep("line", specs, store, jobs=1, target_max_n=4))
        assert [(n, out["ran"], out["skipped"], stop) for n, out, stop in steps] == [
            (2, 0, 2, False), (3, 2, 0, False), (4, 2, 0, False)]
        assert demo.too_slow(store, "line", 4, budget=-1.0) and not demo.too_slow(store, "line", 4)
        # at the largest size asked for, a slow size does not count as a stop
        last = list(demo.reduction_sweep("line", specs, store, jobs=1, target_max_n=2, budget=-1.0))
        assert [(n, stop) for n, _, stop in last] == [(2, False), (3, False), (4, False)]


def _row(n, rule, steps, target=None, status="local_optimum", local_optimum=True, backmapped=None):
    return {"family": "dc", "size": n, "rule": rule, "target": target, "steps": steps, "status": status,
            "local_optimum": local_optimum, "backmapped_local_optimum": backmapped, "arithmetic": "int64"}


def test_dc_check_compares_first_with_the_closed_form_and_collects_certificates():
    rows = [_row(2, "first", 6), _row(2, "steepest", 2), _row(2, "first", 6, "line", backmapped=True),
            _row(3, "first", 16), _row(3, "first", 15, "line", backmapped=False),
            {**_row(4, "first", 0), "family": "gnp"}]
    table, ok = demo.dc_check(rows, 4, ["line"])
    assert [r["n"] for r in table] == [2, 3, 4] and [r["steps"] for r in table] == [6, 16, 36]
    assert set(table[0]["runs"]) == {("first", None), ("steepest", None), ("first", "line")}
    assert [r["certified"] for r in table] == [True, False, True] and table[2]["runs"] == {}
    assert ok is False  # 15 != T(3)
    assert demo.dc_check(rows[:4], 3, [])[1] is True
    stopped = [_row(2, "first", 3, status="max_steps", local_optimum=False)]
    table, ok = demo.dc_check(stopped, 2, [])
    assert ok is True and table[0]["certified"] is False  # a stopped run is not compared, nor certified


def test_outputs_and_summary(tmp_path):
    rows = [{**_row(n, "first", 5 * 2 ** (n - 1) - 4), "run_key": f"k{n}", "params": {}, "start": "instance"}
            for n in range(2, 8)]
    summaries = summarise(rows)
    csv_path, md_path = demo.write_csv(rows, str(tmp_path)), demo.write_report(summaries, str(tmp_path))
    assert csv_path == str(tmp_path / "runs.csv") and len(open(csv_path).read().strip().splitlines()) == 7
    assert open(md_path).read().startswith(f"# {demo.REPORT_TITLE}")
    growth = demo.dc_first_growth(summaries)
    assert growth["base"] == "2" and demo.dc_first_growth([]) is None
    sentence = demo.dc_growth_sentence(growth, True)
    assert "steps(n+1) = 2*steps(n) + 4 exactly" in sentence and "exactly 2" in sentence
    assert "NOT every run" in demo.dc_growth_sentence(growth, False) and demo.dc_growth_sentence(None, True) is None
    paths = demo.output_paths(str(tmp_path))
    js = demo.summary_json(paths, str(tmp_path), {"planned": 6, "skipped": 0, "ran": 6}, [("line", [])],
                           {"tree": "why"}, True, summaries)
    assert js["targets"] == {"line": "ran", "tree": "skipped: why"} and js["dc_first_matches_closed_form"] is True
    assert [s["label"] for s in js["series"]] == ["dc first"] and js["csv"] == csv_path


def test_docstring_examples_hold():
    import doctest

    result = doctest.testmod(demo)
    assert result.attempted > 0 and result.failed == 0

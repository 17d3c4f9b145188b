"""`tripletpls report`: the Markdown table, JSON and HTML of a result store; bad input."""
from __future__ import annotations

from instances import dc_steps

from tests.helpers.cli import assert_bad_input, run_cli, run_json


def test_report_markdown_table_has_sizes_steps_bases_and_certificates(dc_db):
    code, text, err = run_cli("report", "--db", dc_db)
    assert code == 0, err
    lines = [ln for ln in text.splitlines() if ln.startswith("| dc first |")]
    assert len(lines) == 1
    cells = [c.strip() for c in lines[0].strip("|").split("|")]
    assert cells[1] == "2..12" and cells[2] == "11"
    assert cells[3] == f"{dc_steps(12):,} (n=12)"
    assert cells[4] == "exactly x2: s(n+1) = 2*s(n) + 4" and cells[5] == "exact, 11 sizes"
    assert cells[6] == "yes" and cells[8] == "yes"  # certified; equals 5*2^(n-1)-4
    gnp = [c.strip() for c in next(ln for ln in text.splitlines() if ln.startswith("| gnp first |")).strip("|").split("|")]
    assert gnp[3].startswith("median ") and gnp[5].startswith("regression")


def test_report_json_and_html(dc_db, tmp_path):
    out = run_json("report", "--db", dc_db)
    by_label = {s["label"]: s for s in out["series"]}
    first = by_label["dc first"]
    assert first["matches_closed_form"] is True and first["certified"] == "yes"
    assert first["median_steps"] == {str(n): dc_steps(n) for n in range(2, 13)}
    assert by_label["gnp first"]["runs"] == 6 and by_label["gnp first"]["sizes"] == [10, 20, 40]
    assert out["format"] == "markdown" and out["output"] is None
    html_out = tmp_path / "r.html"
    written = run_json("report", "--db", dc_db, "-o", html_out)
    assert written["format"] == "html"
    text = html_out.read_text()
    assert text.startswith("<!DOCTYPE html>") and "<td>dc first</td>" in text and "<td>2..12</td>" in text


def test_report_filters(dc_db):
    out = run_json("report", "--db", dc_db, "--family", "dc", "--rule", "steepest")
    assert [s["label"] for s in out["series"]] == ["dc steepest"]
    none = run_json("report", "--db", dc_db, "--target", "none")
    assert [s["label"] for s in none["series"]] == ["dc first", "dc steepest", "gnp first"]


def test_report_bad_input(dc_db, tmp_path):
    assert_bad_input("report", "--db", dc_db, "--family", "torus", mentions="no stored runs match")
    assert_bad_input("report", "--db", dc_db, "-o", tmp_path / "no" / "such" / "r.md", mentions="cannot write")


def test_the_store_is_named_by_db_as_in_sweep_and_the_old_positional_form_still_works(dc_db, tmp_path,
                                                                                          monkeypatch):
    by_option = run_json("report", "--db", dc_db)
    assert run_json("report", dc_db) == by_option  # the former spelling, kept for scripts
    assert by_option["db"] == str(dc_db)
    assert_bad_input("report", dc_db, "--db", tmp_path / "other.sqlite", mentions="two result stores")
    for cmd in ("plot", "export"):
        assert_bad_input(cmd, dc_db, "--db", tmp_path / "other.sqlite", "-o", tmp_path / "x.png",
                         mentions="two result stores")
    # without --db, the store sweep writes by default: results.sqlite in the working directory
    monkeypatch.chdir(tmp_path)
    assert_bad_input("report", mentions="results.sqlite: no such result store")
    run_json("sweep", "--family", "dc", "--sizes", "2..4", "--jobs", "1")
    assert [s["label"] for s in run_json("report")["series"]] == ["dc first"]
    code, text, _ = run_cli("report", "--help")
    assert code == 0 and "Usage: tripletpls report [OPTIONS]\n" in text and "--db FILE" in text

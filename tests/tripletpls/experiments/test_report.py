"""Summaries of stored runs: series, censored runs, certificates, the closed form, the table formats."""
from __future__ import annotations

from instances import dc_steps
from tripletpls.experiments.report import (HEADER, closed_form_dc, compact_rows, growth_text, html_page, label,
                                           markdown, summarise)


def _row(family, size, rule, steps, status="local_optimum", target=None, start="instance", params=None,
         local_optimum=True, backmapped=None):
    return {"family": family, "params": params or {}, "start": start, "target": target, "rule": rule, "size": size,
            "steps": steps, "status": status, "local_optimum": local_optimum, "backmapped_local_optimum": backmapped}


def test_closed_form_is_five_times_two_to_the_n_minus_one_minus_four():
    assert [closed_form_dc(n) for n in (2, 3, 4, 10)] == [6, 16, 36, 5 * 512 - 4]


def test_series_are_ordered_censored_and_certified():
    rows = [_row("dc", n, "steepest", 2) for n in range(2, 6)]
    rows += [_row("dc", n, "first", dc_steps(n)) for n in range(2, 6)]
    rows += [_row("dc", 6, "first", 100, status="max_steps", local_optimum=False)]
    rows += [_row("dc", n, "first", dc_steps(n), target="line", backmapped=(n != 3)) for n in range(2, 5)]
    s = summarise(rows)
    assert [x["label"] for x in s] == ["dc first", "dc steepest", "dc -> line first"]  # rules order, graph first
    first = s[0]
    assert (first["runs"], first["censored"], first["sizes"]) == (5, 1, [2, 3, 4, 5, 6])
    assert first["median_steps"] == {n: dc_steps(n) for n in range(2, 6)} and first["max_steps"] == 100
    assert first["certified"] == "no (4/5)" and first["matches_closed_form"] is True
    assert s[1]["fit"]["model"] == "constant" and s[1]["matches_closed_form"] is None
    assert s[2]["backmapped_certified"] == "no (2/3)" and s[2]["certified"] == "yes"


def test_a_wrong_step_count_does_not_match_the_closed_form():
    rows = [_row("dc", 2, "first", 6), _row("dc", 3, "first", 15)]
    assert summarise(rows)[0]["matches_closed_form"] is False


def test_labels_show_parameters_and_starts_only_where_they_distinguish_series():
    rows = [_row("gnp", 10, "first", 5, params={"p": 0.3}), _row("gnp", 10, "first", 7, params={"p": 0.5})]
    assert [s["label"] for s in summarise(rows)] == ["gnp p=0.3 first", "gnp p=0.5 first"]
    assert label(_row("gnp", 10, "first", 5, start="random", target="tree"), False, True) == \
        "gnp start=random -> tree first"


def test_markdown_html_and_compact_tables():
    rows = [_row("dc", n, "first", dc_steps(n)) for n in range(2, 9)]
    s = summarise(rows)
    md = markdown(s, "T")
    assert md.startswith("# T\n") and "| " + " | ".join(HEADER) + " |" in md
    assert f"| dc first | 2..8 | 7 | {dc_steps(8):,} (n=8) |" in md
    page = html_page(s)
    assert page.startswith("<!DOCTYPE html>") and "<td>dc first</td>" in page and "<td>2..8</td>" in page
    compact = compact_rows(s)
    assert compact[0][0] == "dc first" and compact[0][3] == growth_text(s[0]["fit"]) and compact[0][4] == "yes"
    assert growth_text(None) == "-" and growth_text({"model": "constant"}) == "constant"


def test_docstring_examples_hold():
    import doctest

    import tripletpls.experiments.report as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0

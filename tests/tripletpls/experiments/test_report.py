"""Summaries of stored runs: series, censored runs, certificates, the closed form, the table formats."""
from __future__ import annotations

from instances import dc_steps
from tripletpls.experiments.report import (HEADER, closed_form_dc, compact_rows, growth_text, html_page, label,
                                           markdown, summarise)


def _row(family, size, rule, steps, status="local_optimum", target=None, start="instance", params=None,
         local_optimum=True, backmapped=None, seed=0):
    return {"family": family, "params": params or {}, "start": start, "target": target, "rule": rule, "size": size,
            "steps": steps, "status": status, "local_optimum": local_optimum, "backmapped_local_optimum": backmapped,
            "seed": seed}


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
    assert s[1]["growth"]["pattern"] == "constant" and s[1]["matches_closed_form"] is None
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
    assert f"| dc first | 2..8 | 7 | {dc_steps(8):,} (n=8) | exactly x2: s(n+1) = 2*s(n) + 4 | exact, 7 sizes |" in md
    assert "CI" not in md.split("\n\n")[1]  # no interval on the deterministic series
    page = html_page(s)
    assert page.startswith("<!DOCTYPE html>") and "<td>dc first</td>" in page and "<td>2..8</td>" in page
    compact = compact_rows(s)
    assert compact[0][0] == "dc first" and compact[0][3] == "exactly x2" and compact[0][4] == "yes"
    assert growth_text(s[0]["growth"]) == "exactly x2: s(n+1) = 2*s(n) + 4"
    assert growth_text(None) == "-"


def test_deterministic_series_are_exact_and_random_ones_get_intervals_over_seeds():
    # DC_n with first: exact, no interval; the 2.002 [2.001, 2.003] of a regression is gone
    dc = summarise([_row("dc", n, "first", dc_steps(n)) for n in range(2, 13)])[0]
    assert dc["deterministic"] is True and dc["growth"]["method"] == "exact" and dc["growth"]["base"] == "2"
    assert "base_ci" not in dc["growth"] and dc["matches_closed_form"] is True
    # a random family: one series over seeds, a regression with a 95% interval holding the true base 2
    rows = [_row("gnp", n, "first", 2 ** n * (1 + seed), seed=seed) for n in range(4, 10) for seed in range(3)]
    g = summarise(rows)[0]
    assert g["deterministic"] is False and g["seeds"] == 3 and g["growth"]["method"] == "regression"
    lo, hi = g["growth"]["base_ci"]
    assert lo < 2 < hi and g["growth"]["seeds"] == 3
    assert growth_text(g["growth"]).endswith("(95% CI, 3 seeds)")
    # random starts or the random rule make DC_n a random series too; unit-weight tori are deterministic
    assert summarise([_row("dc", n, "first", dc_steps(n), start="random") for n in range(2, 6)])[0]["deterministic"] \
        is False
    assert summarise([_row("dc", n, "random", dc_steps(n)) for n in range(2, 6)])[0]["deterministic"] is False
    torus = summarise([_row("torus", n, "first", n * n, params={"weights": "unit"}) for n in range(2, 7)])[0]
    assert torus["deterministic"] is True and torus["growth"]["polynomial"] == "n^2"


def test_min_size_restricts_the_exact_analysis_too():
    s = summarise([_row("dc", n, "first", dc_steps(n)) for n in range(2, 10)], min_size=6)[0]
    assert s["growth"]["sizes"] == [6, 7, 8, 9] and s["growth"]["pattern"] == "recurrence"


def test_docstring_examples_hold():
    import doctest

    import tripletpls.experiments.report as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0

"""Summaries of stored runs: one series per (family, parameters, start, target, rule), its steps by
size, its fitted growth, and whether every final solution was certified a local optimum.

Runs stopped by a step or time limit are censored: listed, but left out of the growth fit.

>>> rows = [{"family": "dc", "params": {}, "start": "instance", "target": None, "rule": "first",
...          "size": n, "steps": 5 * 2 ** (n - 1) - 4, "status": "local_optimum", "local_optimum": True,
...          "backmapped_local_optimum": None} for n in range(2, 9)]
>>> s = summarise(rows)[0]
>>> s["label"], s["sizes"], round(s["fit"]["base"], 1), s["certified"]
('dc first', [2, 3, 4, 5, 6, 7, 8], 2.0, 'yes')
"""
from __future__ import annotations

import html
import json
import statistics

from .growth import fit_growth

SERIES_KEYS = ("family", "params", "start", "target", "rule")


def closed_form_dc(n: int) -> int:
    """T(n) = 5*2^(n-1) - 4, the step count SPEC section 2 claims for `first` on DC_n.

    >>> [closed_form_dc(n) for n in (2, 3, 4)]
    [6, 16, 36]
    """
    from instances import dc_steps

    return dc_steps(n)


def closed_form(family: str, rule: str):
    """The proven step count of ``rule`` on a hard family from the family's own start, as n -> steps.

    DC_n with ``first`` (5*2^(n-1) - 4), SC_n with ``steepest`` or ``last`` (2^(n+2) - 3) and FC_n with
    any rule (5*2^n - 4: its start has one improving path); None for other pairs.

    >>> closed_form("steep", "steepest")(3), closed_form("forced", "least")(2), closed_form("dc", "steepest")
    (29, 16, None)
    """
    from instances import dc_steps, forced_steps, steep_steps

    if family == "forced":
        return forced_steps
    return {("dc", "first"): dc_steps, ("steep", "steepest"): steep_steps, ("steep", "last"): steep_steps}.get(
        (family, rule))


def series_key(row: dict) -> tuple:
    """The series of a row: its family, parameters, start, target and rule, as JSON texts.

    >>> series_key({"family": "dc", "params": {}, "start": "instance", "target": None, "rule": "first"})
    ('"dc"', '{}', '"instance"', 'null', '"first"')
    """
    return tuple(json.dumps(row.get(k), sort_keys=True) for k in SERIES_KEYS)


def label(row: dict, show_params: bool = True, show_start: bool = False) -> str:
    """A series' name: family, [parameters], [start], ``-> target``, rule.

    Parameters
    ----------
    row : dict
        A row (or summary) of the series.
    show_params, show_start : bool
        Include the parameters / the start (when they distinguish series of one family).

    Returns
    -------
    str

    Examples
    --------
    >>> label({"family": "dc", "params": {}, "target": "line", "rule": "first"})
    'dc -> line first'
    """
    parts = [row["family"]]
    if show_params and row.get("params"):
        parts.append(",".join(f"{k}={v}" for k, v in sorted(row["params"].items())))
    if show_start:
        parts.append(f"start={row['start']}")
    if row.get("target"):
        parts.append(f"-> {row['target']}")
    parts.append(row["rule"])
    return " ".join(parts)


def summarise(rows: list[dict], min_size: int | None = None) -> list[dict]:
    """One summary per series of stored runs.

    Series come in order: families as they first appear, then parameters, start, target (the graph
    itself first, then ``reductions.TARGETS`` order) and pivot rule (``localsearch.core.rules.RULES``
    order). Runs stopped by a limit are counted but left out of the fit.

    Parameters
    ----------
    rows : list of dict
        Stored rows (``store.COLUMNS``).
    min_size : int, optional
        Passed to :func:`~tripletpls.experiments.growth.fit_growth`.

    Returns
    -------
    list of dict
        Per series: ``label``, the series keys, ``runs``, ``censored`` (stopped runs), ``sizes``,
        ``median_steps`` per finished size, ``max_steps``, ``fit``, ``certified`` (``yes`` or
        ``no (k/n)``), ``backmapped_certified`` (reduced series, else None) and
        ``matches_closed_form`` (DC_n with `first` from its own start, else None).
    """
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        groups.setdefault(series_key(r), []).append(r)
    # show parameters/start only where they distinguish series of the same family
    fam_params, fam_starts = {}, {}
    for rs in groups.values():
        fam_params.setdefault(rs[0]["family"], set()).add(json.dumps(rs[0].get("params"), sort_keys=True))
        fam_starts.setdefault(rs[0]["family"], set()).add(rs[0].get("start"))
    out = []
    families = list(dict.fromkeys(r["family"] for r in rows))
    order = sorted(groups.values(), key=lambda rs: (families.index(rs[0]["family"]),
                                                    json.dumps(rs[0].get("params"), sort_keys=True),
                                                    str(rs[0].get("start")), _target_rank(rs[0].get("target")),
                                                    _rule_rank(rs[0]["rule"])))
    for rs in order:
        first = rs[0]
        by_size: dict[int, list[int]] = {}
        for r in rs:
            if r["status"] == "local_optimum":
                by_size.setdefault(r["size"], []).append(int(r["steps"]))
        finished = [r for r in rs if r["status"] == "local_optimum"]
        fit = fit_growth([r["size"] for r in finished], [r["steps"] for r in finished], min_size)
        certified_n = sum(1 for r in rs if r.get("local_optimum"))
        bm = [r.get("backmapped_local_optimum") for r in rs if r.get("target")]
        out.append({
            "label": label(first, len(fam_params[first["family"]]) > 1, len(fam_starts[first["family"]]) > 1),
            **{k: first.get(k) for k in SERIES_KEYS},
            "runs": len(rs), "censored": len(rs) - len(finished),
            "sizes": sorted({r["size"] for r in rs}),
            "median_steps": {n: int(statistics.median(v)) for n, v in sorted(by_size.items())},
            "max_steps": max((int(r["steps"]) for r in rs), default=0),
            "fit": fit,
            "certified": "yes" if certified_n == len(rs) else f"no ({certified_n}/{len(rs)})",
            "backmapped_certified": None if not bm else
            ("yes" if all(bm) else f"no ({sum(1 for b in bm if b)}/{len(bm)})"),
            "matches_closed_form": _matches_dc(first, by_size),
        })
    return out


def _target_rank(target: str | None) -> int:
    from reductions import TARGETS

    order = [None, *TARGETS]
    return order.index(target) if target in order else len(order)


def _rule_rank(rule: str) -> int:
    from localsearch.core.rules import RULES

    return RULES.index(rule) if rule in RULES else len(RULES)


def _matches_dc(first: dict, by_size: dict) -> bool | None:
    """For a (family, rule) with a :func:`closed_form`, from the family's start: does every finished run
    take exactly the closed form's steps?"""
    form = closed_form(first["family"], first["rule"])
    if form is None or first.get("start") != "instance" or not by_size:
        return None
    return all(all(s == form(n) for s in v) for n, v in by_size.items())


def _fmt_fit(fit: dict | None) -> tuple[str, str, str]:
    if fit is None:
        return "-", "-", "-"
    lo, hi = fit["base_ci"]
    ci = f" [{lo:.3f}, {hi:.3f}]" if lo is not None and hi is not None else ""
    return f"{fit['base']:.3f}{ci}", f"{fit['degree']:.2f}", fit["model"]


def growth_text(fit: dict | None) -> str:
    """The fitted growth in words: base with 95% CI, a polynomial degree if that fits better, or constant.

    >>> growth_text(None), growth_text({"model": "constant"})
    ('-', 'constant')
    """
    if fit is None:
        return "-"
    if fit["model"] == "constant":
        return "constant"
    lo, hi = fit["base_ci"]
    ci = f" [{lo:.3f}, {hi:.3f}]" if lo is not None and hi is not None else ""
    if fit["model"] == "polynomial":
        return f"~size^{fit['degree']:.2f} (polynomial)"
    return f"x{fit['base']:.3f}{ci}"


def compact_rows(summaries: list[dict]) -> list[list[str]]:
    """Short table rows that fit an 80-column terminal (columns ``COMPACT_HEADER``).

    Parameters
    ----------
    summaries : list of dict
        From :func:`summarise`.

    Returns
    -------
    list of list of str
        Series, sizes, median steps at the largest size, growth, certified (and back-mapped certified).
    """
    return [[r[0], r[1], r[3], growth_text(s["fit"]), r[7] + (f" / {r[8]}" if r[8] else "")]
            for s, r in zip(summaries, table_rows(summaries))]


COMPACT_HEADER = ("series", "sizes", "median steps (largest size)", "growth per size unit", "certified")

HEADER = ("series", "sizes", "runs", "median steps at largest size", "growth base (95% CI)", "poly degree",
          "better fit", "certified", "back-mapped certified", "= 5*2^(n-1)-4")


def table_rows(summaries: list[dict]) -> list[list[str]]:
    """The rows of the full report table (columns ``HEADER``), as text.

    Parameters
    ----------
    summaries : list of dict
        From :func:`summarise`.

    Returns
    -------
    list of list of str
    """
    out = []
    for s in summaries:
        sizes = s["sizes"]
        span = f"{sizes[0]}..{sizes[-1]}" if len(sizes) > 1 else str(sizes[0])
        med = s["median_steps"]
        top = f"{med[max(med)]:,} (n={max(med)})" if med else "-"
        base, degree, model = _fmt_fit(s["fit"])
        runs = f"{s['runs']}" + (f" ({s['censored']} stopped)" if s["censored"] else "")
        cf = {None: "", True: "yes", False: "NO"}[s["matches_closed_form"]]
        out.append([s["label"], span, runs, top, base, degree, model, s["certified"],
                    s["backmapped_certified"] or "", cf])
    return out


def markdown(summaries: list[dict], title: str = "Local-search step counts") -> str:
    """The report as Markdown: a title, the table of :func:`table_rows`, and how to read it.

    Parameters
    ----------
    summaries : list of dict
        From :func:`summarise`.
    title : str
        The heading.

    Returns
    -------
    str
    """
    lines = [f"# {title}", "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for r in table_rows(summaries):
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    lines += ["", "Growth base: exp of the slope of log(steps) against size (least squares over the upper half "
              "of the sizes, runs stopped by a limit excluded), with its 95% confidence interval; poly degree: "
              "the slope of log(steps) against log(size). Certified: every final solution checked a local "
              "optimum from scratch.", ""]
    return "\n".join(lines)


def html_page(summaries: list[dict], title: str = "Local-search step counts") -> str:
    """The report table as a standalone HTML page.

    Parameters
    ----------
    summaries : list of dict
        From :func:`summarise`.
    title : str
        Page title and heading.

    Returns
    -------
    str
    """
    esc = html.escape
    head = "".join(f"<th>{esc(h)}</th>" for h in HEADER)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in table_rows(summaries))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc(title)}</title>"
            "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:3px 8px}</style>"
            f"</head><body><h1>{esc(title)}</h1><table><tr>{head}</tr>{body}</table></body></html>\n")

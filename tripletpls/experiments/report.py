"""Summaries of stored runs: one series per (family, parameters, start, target, rule), its steps by
size, its growth, and whether every final solution was certified a local optimum.

A deterministic series (the seed changes nothing: DC_n, a deterministic rule, no random start) is
analysed exactly -- successive ratios as fractions, and the constant, polynomial or recurrence it
follows (:func:`~tripletpls.experiments.growth.exact_growth`); a random series is fitted by regression
over its seeds, with 95% confidence intervals (:func:`~tripletpls.experiments.growth.fit_growth`).
Runs stopped by a step or time limit are censored: listed, but left out of the growth analysis.

>>> rows = [{"family": "dc", "params": {}, "start": "instance", "target": None, "rule": "first",
...          "size": n, "steps": 5 * 2 ** (n - 1) - 4, "status": "local_optimum", "local_optimum": True,
...          "backmapped_local_optimum": None} for n in range(2, 9)]
>>> s = summarise(rows)[0]
>>> s["label"], s["sizes"], s["growth"]["method"], s["growth"]["base"], s["certified"]
('dc first', [2, 3, 4, 5, 6, 7, 8], 'exact', '2', 'yes')
>>> growth_text(s["growth"])
'exactly x2: s(n+1) = 2*s(n) + 4'

"""
from __future__ import annotations

import html
import json
import statistics

from .growth import exact_growth, fit_growth
from .grid import seeded

SERIES_KEYS = ("family", "params", "start", "target", "rule")


def closed_form_dc(n: int) -> int:
    """T(n) = 5*2^(n-1) - 4, the step count of `first` on DC_n from its own start (``instances.dc``).

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
        Analyse the growth on sizes >= this only (default: every size for deterministic series, the
        upper half for random ones, see :func:`~tripletpls.experiments.growth.fit_growth`).

    Returns
    -------
    list of dict
        Per series: ``label``, the series keys, ``runs``, ``censored`` (stopped runs), ``seeds``
        (distinct seeds), ``deterministic``, ``sizes``, ``median_steps`` per finished size,
        ``max_steps``, ``growth`` (None with fewer than 2 finished sizes; else ``method`` ``exact`` with
        the keys of :func:`~tripletpls.experiments.growth.exact_growth`, or ``regression`` with those of
        :func:`~tripletpls.experiments.growth.fit_growth`), ``certified`` (``yes`` or ``no (k/n)``),
        ``backmapped_certified`` (reduced series, else None) and ``matches_closed_form`` (DC_n with
        `first` from its own start, else None).
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
        deterministic = (not seeded(first["family"], first.get("params"), first.get("start"), first["rule"])
                         and all(len(set(v)) == 1 for v in by_size.values()))
        growth = _growth(finished, by_size, deterministic, min_size)
        certified_n = sum(1 for r in rs if r.get("local_optimum"))
        bm = [r.get("backmapped_local_optimum") for r in rs if r.get("target")]
        out.append({
            "label": label(first, len(fam_params[first["family"]]) > 1, len(fam_starts[first["family"]]) > 1),
            **{k: first.get(k) for k in SERIES_KEYS},
            "runs": len(rs), "censored": len(rs) - len(finished), "seeds": len({r.get("seed") for r in rs}),
            "deterministic": deterministic, "sizes": sorted({r["size"] for r in rs}),
            "median_steps": {n: int(statistics.median(v)) for n, v in sorted(by_size.items())},
            "max_steps": max((int(r["steps"]) for r in rs), default=0),
            "growth": growth,
            "certified": "yes" if certified_n == len(rs) else f"no ({certified_n}/{len(rs)})",
            "backmapped_certified": None if not bm else
            ("yes" if all(bm) else f"no ({sum(1 for b in bm if b)}/{len(bm)})"),
            "matches_closed_form": _matches_dc(first, by_size),
        })
    return out


def _growth(finished: list[dict], by_size: dict, deterministic: bool, min_size: int | None) -> dict | None:
    """Exact analysis of a deterministic series, regression over the seeds of a random one."""
    if deterministic:
        sizes = [n for n in sorted(by_size) if min_size is None or n >= min_size]
        g = exact_growth(sizes, [by_size[n][0] for n in sizes])
        return None if g is None else {"method": "exact", **g}
    fit = fit_growth([r["size"] for r in finished], [r["steps"] for r in finished], min_size)
    return None if fit is None else {"method": "regression", "seeds": len({r.get("seed") for r in finished}), **fit}


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


def _ci(lo, hi, digits: int = 3) -> str:
    return f" [{lo:.{digits}f}, {hi:.{digits}f}]" if lo is not None and hi is not None else ""


def recurrence_text(rec: dict, name: str = "s") -> str:
    """An exact recurrence as text, ``s(n+g) = r*s(n) + c`` (c left out when 0).

    >>> recurrence_text({"r": "2", "c": "4", "step": 1}, "steps")
    'steps(n+1) = 2*steps(n) + 4'
    >>> recurrence_text({"r": "3", "c": "-1", "step": 2})
    's(n+2) = 3*s(n) - 1'
    """
    g, r, c = rec["step"], rec["r"], rec["c"]
    head = f"{name}(n+{g}) = {r + '*' if r != '1' else ''}{name}(n)"
    if c == "0":
        return head
    return f"{head} - {c[1:]}" if c.startswith("-") else f"{head} + {c}"


def growth_text(growth: dict | None, short: bool = False) -> str:
    """The growth of a series in words: what holds exactly (deterministic series), or the fitted base or
    degree with its 95% CI over the seeds (random series).

    Parameters
    ----------
    growth : dict or None
        A summary's ``growth``.
    short : bool, default False
        Leave out the recurrence and the number of seeds (for narrow tables).

    Returns
    -------
    str

    Examples
    --------
    >>> growth_text(None), growth_text({"method": "exact", "pattern": "constant", "value": 2})
    ('-', 'constant 2')
    >>> growth_text({"method": "regression", "model": "exponential", "base": 1.1, "base_ci": [1.0, 1.2], "seeds": 3})
    'x1.100 [1.000, 1.200] (95% CI, 3 seeds)'
    """
    if growth is None:
        return "-"
    if growth["method"] == "exact":
        pattern = growth["pattern"]
        if pattern == "constant":
            return f"constant {growth['value']:,}"
        if pattern == "polynomial":
            return f"exactly {growth['polynomial']}"
        if pattern == "recurrence":
            base = f"x{growth['base']}" if growth["base"] is not None else f"x{growth['base_value']:.4f}"
            return f"exactly {base}" + ("" if short else f": {recurrence_text(growth['recurrence'])}")
        units = [r["per_unit"] for r in growth["ratios"] if r["per_unit"] is not None]
        if not units:
            return "no exact pattern"
        if short:
            return f"last ratio {units[-1]:.4f}, not exact"
        return f"ratios {min(units):.3f}..{max(units):.3f}, last {units[-1]:.4f}; no exact pattern"
    if growth["model"] == "constant":
        return "constant"
    seeds = "" if short else f" (95% CI, {growth['seeds']} seed{'s' if growth['seeds'] != 1 else ''})"
    if growth["model"] == "polynomial":
        lo, hi = growth["degree_ci"]
        return f"~{'n' if short else 'size'}^{growth['degree']:.2f}{_ci(lo, hi, 2)}{seeds}"
    lo, hi = growth["base_ci"]
    return f"x{growth['base']:.3f}{_ci(lo, hi)}{seeds}"


def growth_base(growth: dict | None) -> float | None:
    """Steps multiply by about this per unit of size: the exact base (or last ratio) of a deterministic
    series, the fitted base of a random one; None without a growth analysis.

    >>> growth_base({"method": "exact", "base_value": 2.0}), growth_base(None)
    (2.0, None)
    """
    if growth is None:
        return None
    return growth["base_value"] if growth["method"] == "exact" else growth["base"]


def method_text(summary: dict) -> str:
    """How the growth of a series was found: exactly, or by regression over its seeds.

    >>> method_text({"growth": None}), method_text({"growth": {"method": "exact", "sizes": [2, 3, 4]}})
    ('-', 'exact, 3 sizes')
    """
    g = summary["growth"]
    if g is None:
        return "-"
    if g["method"] == "exact":
        return f"exact, {len(g['sizes'])} sizes"
    return f"regression, sizes {g['sizes_used'][0]}..{g['sizes_used'][-1]}, {g['points']} runs"


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
    return [[r[0], r[1], r[3], growth_text(s["growth"], short=True), r[6] + (f" / {r[7]}" if r[7] else "")]
            for s, r in zip(summaries, table_rows(summaries))]


COMPACT_HEADER = ("series", "sizes", "steps, largest n", "growth", "certified")
#: what the growth column of the compact table means
COMPACT_CAPTION = ("growth per unit of size: exact for deterministic series (no interval: no noise); "
                   "fitted, with its 95% CI over the seeds, for random ones")

HEADER = ("series", "sizes", "runs", "steps at largest size", "growth per size unit", "how",
          "certified", "back-mapped certified", "= 5*2^(n-1)-4")


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
        median = "" if s["deterministic"] else "median "
        top = f"{median}{med[max(med)]:,} (n={max(med)})" if med else "-"
        runs = f"{s['runs']}" + (f" ({s['censored']} stopped)" if s["censored"] else "")
        cf = {None: "", True: "yes", False: "NO"}[s["matches_closed_form"]]
        out.append([s["label"], span, runs, top, growth_text(s["growth"]), method_text(s), s["certified"],
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
    lines += ["", "Growth of deterministic series (one step count per size; the seed changes nothing): exact. "
              "The successive ratios s(n')/s(n) are fractions, and a series is reported constant, a polynomial "
              "or an affine recurrence s(n+g) = r*s(n) + c only when that holds exactly at every size, with at "
              "least one size beyond those that determine it; no confidence interval, there is no noise. "
              "Growth of random series (random instances, starts or rule): least squares of log(steps) against "
              "size (base) or log(size) (degree) over every finished run (of the upper half of the sizes when "
              "there are 6 or more, unless --min-size says otherwise), with "
              "the 95% confidence interval from the spread over the seeds. Runs stopped by a limit are left "
              "out. Certified: every final solution checked a local optimum from scratch.", ""]
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

"""The phases of the built-in demo (``tripletpls demo``, ``make demo``), as functions returning data.

1. :func:`sizes_rows`: DC_n for a few n: sizes, weight bits, int64 safety, the claimed step count.
2. :func:`dc_flip_specs` then :func:`run_phase`: DC_n with the pivot rules ``first`` (5*2^(n-1)-4
   steps) and ``steepest`` (2 steps), by flips; :func:`chain_flip_specs`: SC_n and FC_n the same way.
3. :func:`reduction_plan` then :func:`reduction_sweep`: DC_n reduced to triplet targets and searched
   again, n growing while a size stays within ``TARGET_BUDGET`` seconds.
4. :func:`gnp_specs`: random G(n, 0.3) graphs with gaussian weights and random starts, the contrast.

:func:`dc_check` compares the DC_n runs with the closed form, :func:`write_csv` and
:func:`write_report` write the outputs (the PNG is drawn by :func:`tripletpls.plots.steps.plot_steps`,
which reads the experiments, so this module does not call it), :func:`dc_first_growth`,
:func:`dc_growth_sentence` and :func:`summary_json` give the result. Every run is certified from scratch and stored in SQLite.

>>> [(r["n"], r["vertices"], r["steps"]) for r in sizes_rows((2, 3))]
[(2, 7, 6), (3, 10, 16)]
"""
from __future__ import annotations

import os
from typing import Callable, Iterator

from instances import dc_steps, doubling_chain

from .grid import RunSpec, expand, make_grid, min_size, parse_names
from .store import Store

#: seconds: a reduced run slower than this stops the demo from trying larger n
TARGET_BUDGET = 5.0
#: the n of the sizes table
SIZES = (2, 4, 8, 12, 16, 17, 20, 30, 40, 60)
#: the pivot rules of every demo sweep
RULES = ("first", "steepest")
#: the title of the demo's plot
PLOT_TITLE = "Improving steps of local search (log scale)"
#: the title of the demo's Markdown report
REPORT_TITLE = "tripletpls demo: local-search step counts"


def sizes_rows(ns=SIZES) -> list[dict]:
    """Phase 1: DC_n for each n: vertices, edges, weight bits, int64 safety and T(n) = 5*2^(n-1)-4.

    Parameters
    ----------
    ns : sequence of int
        The levels n >= 2.

    Returns
    -------
    list of dict
        ``n``, ``vertices``, ``edges``, ``max_weight_bits``, ``int64_safe``, ``steps`` (T(n)).
    """
    rows = []
    for n in ns:
        g = doubling_chain(n)
        rows.append({"n": n, "vertices": g.n, "edges": g.m, "max_weight_bits": g.max_weight_bits,
                     "int64_safe": g.int64_safe, "steps": dc_steps(n)})
    return rows


def reduction_plan(targets: str, max_n: int, target_max_n: int, time_limit: float | None):
    """Phase 3, planned: the runs of each reduction target, or why a target is skipped.

    Parameters
    ----------
    targets : str
        Comma-separated reduction targets (``none`` for none).
    max_n, target_max_n : int
        DC_n is reduced for n = 2 .. min(target_max_n, max_n).
    time_limit : float, optional
        Seconds per run.

    Returns
    -------
    (list of (str, list of RunSpec), dict)
        The runnable targets with their runs (``first`` and ``steepest`` per n), and the skipped
        targets with the reason (any failure of :func:`~tripletpls.experiments.sweep.preflight`, so a
        missing or broken engine never spoils the demo).

    Raises
    ------
    InstanceError
        If ``targets`` is empty.
    """
    from .sweep import preflight

    reduced, skipped = [], {}
    for t in parse_names(targets, "--targets"):
        if t == "none":
            continue
        t_specs = expand(make_grid("dc", f"2..{min(target_max_n, max_n)}", RULES, targets=(t,),
                                   time_limit=time_limit))
        try:
            preflight(t_specs)
            reduced.append((t, t_specs))
        except Exception as e:  # noqa: BLE001 -- a missing or half-merged engine must not spoil the demo
            skipped[t] = " ".join(str(e).split())
    return reduced, skipped


def fresh_store(out_dir: str, resume: bool = False) -> str:
    """The demo's SQLite store, fresh unless resuming.

    Parameters
    ----------
    out_dir : str
        The output directory (created if absent).
    resume : bool
        Keep the runs already stored.

    Returns
    -------
    str
        The path of ``demo.sqlite`` in ``out_dir`` (removed, with its WAL files, unless ``resume``).
    """
    os.makedirs(out_dir, exist_ok=True)
    db = output_paths(out_dir)["db"]
    if not resume:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
    return db


def dc_flip_specs(max_n: int, time_limit: float | None) -> list[RunSpec]:
    """Phase 2, planned: flips on DC_n, n = 2 .. max_n, rules first and steepest.

    The runs are preflighted, which also compiles the flip engine once, before workers are forked.

    Parameters
    ----------
    max_n : int
        The largest n.
    time_limit : float, optional
        Seconds per run.

    Returns
    -------
    list of RunSpec
    """
    from .sweep import preflight

    specs = chain_flip_specs("dc", max_n, time_limit)
    preflight(specs)
    return specs


def chain_flip_specs(family: str, max_n: int, time_limit: float | None) -> list[RunSpec]:
    """Phases 2b and 2c, planned: flips on SC_n (``steep``: steepest takes 2^(n+2) - 3 flips, first 3) or
    FC_n (``forced``: one improving path, every rule 5*2^n - 4), from the family's smallest n to max_n,
    rules first and steepest, next to DC_n in the growth plot (``dc``: phase 2's runs, unpreflighted).

    Parameters
    ----------
    family : {"steep", "forced", "dc"}
        The family.
    max_n : int
        The largest n.
    time_limit : float, optional
        Seconds per run.

    Returns
    -------
    list of RunSpec
    """
    return expand(make_grid(family, f"{min_size(family)}..{max_n}", RULES, time_limit=time_limit))


def gnp_specs(sizes: str, time_limit: float | None) -> list[RunSpec]:
    """Phase 4, planned: G(n, 0.3) with gaussian weights, random starts, seeds 0..2, rules first and steepest.

    Parameters
    ----------
    sizes : str
        Vertex counts, e.g. ``"16,32"``.
    time_limit : float, optional
        Seconds per run.

    Returns
    -------
    list of RunSpec
    """
    return expand(make_grid("gnp", sizes, RULES, seeds="0..2", start="random",
                            params={"p": 0.3, "weights": "gaussian"}, time_limit=time_limit))


def run_phase(specs: list[RunSpec], store: Store, jobs: int = 2, progress: Callable | None = None) -> dict:
    """Run (and store) the runs of a phase not yet in ``store``.

    Parameters
    ----------
    specs : list of RunSpec
        The runs.
    store : Store
        The result store.
    jobs : int
        Local worker processes.
    progress : callable, optional
        ``progress(todo)`` -> a context manager yielding ``advance(k=1)`` (see
        :func:`~tripletpls.experiments.sweep.sweep`).

    Returns
    -------
    dict
        The sweep's counts (``planned``, ``skipped``, ``ran``, ``statuses``, ``wall_seconds``).
    """
    from .runner import executor
    from .sweep import sweep

    return sweep(specs, store, executor(jobs), progress=progress)


def too_slow(store: Store, target: str, n: int, budget: float = TARGET_BUDGET) -> bool:
    """Whether a size is too slow to try larger ones.

    Parameters
    ----------
    store : Store
        The result store.
    target : str
        The reduction target.
    n : int
        The size of DC_n.
    budget : float
        Seconds.

    Returns
    -------
    bool
        True if a stored run of DC_n reduced to ``target`` took over ``budget`` seconds or stopped at
        a limit.
    """
    return bool(store.rows("WHERE family = 'dc' AND target = ? AND size = ? "
                           "AND (seconds > ? OR status != 'local_optimum')", (target, n, budget)))


def reduction_sweep(target: str, specs: list[RunSpec], store: Store, jobs: int = 2, target_max_n: int | None = None,
                    progress: Callable[[str], Callable] | None = None,
                    budget: float = TARGET_BUDGET) -> Iterator[tuple[int, dict, bool]]:
    """Phase 3, run: one target's runs size by size, stopping after the first size that is too slow.

    Parameters
    ----------
    target : str
        The reduction target.
    specs : list of RunSpec
        Its runs (from :func:`reduction_plan`).
    store : Store
        The result store.
    jobs : int
        Local worker processes.
    target_max_n : int, optional
        The largest size asked for: a slow size below it stops the sweep.
    progress : callable, optional
        ``progress(title)`` -> a progress factory for :func:`run_phase`.
    budget : float
        Seconds a run may take before larger sizes are given up.

    Yields
    ------
    (int, dict, bool)
        The size n, its sweep counts, and whether the sweep stops after it (a run took over
        ``budget`` seconds or hit a limit, and n < ``target_max_n``).
    """
    for n in sorted({s.size for s in specs}):  # grow n while a size stays cheap
        out = run_phase([s for s in specs if s.size == n], store, jobs,
                        progress(f"{target}, n = {n}") if progress is not None else None)
        stop = too_slow(store, target, n, budget) and (target_max_n is None or n < target_max_n)
        yield n, out, stop
        if stop:
            return


def dc_check(rows: list[dict], max_n: int, targets: list[str]) -> tuple[list[dict], bool]:
    """The DC_n runs against the closed form T(n) = 5*2^(n-1)-4, one record per n.

    Parameters
    ----------
    rows : list of dict
        Stored runs (other families are ignored).
    max_n : int
        Records for n = 2 .. max_n.
    targets : list of str
        The reduction targets run.

    Returns
    -------
    (list of dict, bool)
        Per n: ``n``, ``steps`` (T(n)), ``runs`` (``{(rule, target): row}``, target None for flips),
        ``arithmetic`` (of the flip run with ``first``), ``certified`` (every final and back-mapped
        solution a local optimum); and whether every finished ``first`` run took exactly T(n) steps.

    Examples
    --------
    >>> rows = [{"family": "dc", "size": 2, "rule": "first", "target": None, "steps": 6,
    ...          "status": "local_optimum", "local_optimum": True, "backmapped_local_optimum": None,
    ...          "arithmetic": "int64"}]
    >>> table, ok = dc_check(rows, 2, [])
    >>> table[0]["certified"], table[0]["arithmetic"], ok
    (True, 'int64', True)
    """
    dc = {(r["size"], r["rule"], r["target"]): r for r in rows if r["family"] == "dc"}
    table, all_match = [], True
    for n in range(2, max_n + 1):
        mine = {(rule, t): r for (size, rule, t), r in dc.items() if size == n}
        certified = all(r["local_optimum"] and r["backmapped_local_optimum"] is not False for r in mine.values())
        all_match &= all(r["steps"] == dc_steps(n) for r in mine.values()
                         if r["rule"] == "first" and r["status"] == "local_optimum")
        table.append({"n": n, "steps": dc_steps(n), "runs": mine,
                      "arithmetic": (mine.get(("first", None)) or {}).get("arithmetic"), "certified": certified})
    return table, all_match


def output_paths(out_dir: str) -> dict:
    """Where the demo writes.

    Parameters
    ----------
    out_dir : str
        The output directory.

    Returns
    -------
    dict
        ``db`` (SQLite), ``csv``, ``plot`` (PNG) and ``report`` (Markdown) paths in ``out_dir``.
    """
    return {"db": os.path.join(out_dir, "demo.sqlite"), "csv": os.path.join(out_dir, "runs.csv"),
            "plot": os.path.join(out_dir, "steps.png"), "report": os.path.join(out_dir, "report.md")}


def write_csv(rows: list[dict], out_dir: str) -> str:
    """Export the stored runs to ``runs.csv``.

    Parameters
    ----------
    rows : list of dict
        Stored rows.
    out_dir : str
        The output directory.

    Returns
    -------
    str
        The path written.
    """
    from .store import export

    path = output_paths(out_dir)["csv"]
    export(rows, path)
    return path


def write_report(summaries: list[dict], out_dir: str) -> str:
    """Write the Markdown growth report ``report.md`` (title ``REPORT_TITLE``).

    Parameters
    ----------
    summaries : list of dict
        From :func:`tripletpls.experiments.report.summarise`.
    out_dir : str
        The output directory.

    Returns
    -------
    str
        The path written.
    """
    from instances.io import write_text

    from .report import markdown

    path = output_paths(out_dir)["report"]
    write_text(path, markdown(summaries, REPORT_TITLE))
    return path


def dc_first_growth(summaries: list[dict]) -> dict | None:
    """The growth of flips with ``first`` on DC_n (a deterministic series: analysed exactly).

    Parameters
    ----------
    summaries : list of dict
        From :func:`tripletpls.experiments.report.summarise`.

    Returns
    -------
    dict or None
        The series' ``growth`` (see :func:`tripletpls.experiments.growth.exact_growth`), None without
        such a series or with fewer than 2 finished sizes.
    """
    s = next((s for s in summaries if s["family"] == "dc" and s["rule"] == "first" and not s["target"]), None)
    return s["growth"] if s else None


def dc_growth_sentence(growth: dict | None, all_match: bool) -> str | None:
    """What the DC_n runs with ``first`` show, in one sentence that says what is exact.

    Parameters
    ----------
    growth : dict or None
        From :func:`dc_first_growth`.
    all_match : bool
        From :func:`dc_check`: every finished ``first`` run took exactly T(n) steps.

    Returns
    -------
    str or None
        None without a growth analysis.

    Examples
    --------
    >>> from tripletpls.experiments.growth import exact_growth
    >>> g = {"method": "exact", **exact_growth(range(2, 7), [dc_steps(n) for n in range(2, 7)])}
    >>> print(dc_growth_sentence(g, True))
    DC_n with `first`, n = 2..6: steps(n+1) = 2*steps(n) + 4 exactly at every n, so the growth base is exactly 2 (successive ratios 8/3, 9/4, 19/9, 39/19 -> 2); every run takes exactly T(n) = 5*2^(n-1)-4 steps.
    """
    from .report import growth_text, recurrence_text

    if growth is None:
        return None
    sizes = growth.get("sizes") or growth.get("sizes_used")
    head = f"DC_n with `first`, n = {sizes[0]}..{sizes[-1]}: "
    tail = ("every run takes exactly T(n) = 5*2^(n-1)-4 steps." if all_match
            else "NOT every run takes T(n) = 5*2^(n-1)-4 steps.")
    if growth["method"] == "exact" and growth["pattern"] == "recurrence" and growth["recurrence"]["step"] == 1:
        rec = growth["recurrence"]
        ratios = [r["ratio"] for r in growth["ratios"]]
        shown = ", ".join(ratios[:4]) + (", ..." if len(ratios) > 4 else "")
        base = f"exactly {growth['base']}" if growth["base"] is not None else f"{growth['base_value']:.4f}"
        return (f"{head}{recurrence_text(rec, 'steps')} exactly at every n, so the growth base is {base} "
                f"(successive ratios {shown} -> {growth['base'] or rec['r']}); {tail}")
    return f"{head}growth {growth_text(growth)}; {tail}"


def summary_json(paths: dict, out_dir: str, totals: dict, reduced: list, skipped: dict, all_match: bool,
                 summaries: list[dict]) -> dict:
    """The demo's JSON result.

    Parameters
    ----------
    paths : dict
        From :func:`output_paths`.
    out_dir : str
        The output directory.
    totals : dict
        Summed sweep counts (``planned``, ``skipped``, ``ran``).
    reduced : list of (str, list)
        The targets run (from :func:`reduction_plan`).
    skipped : dict
        The targets skipped, with the reason.
    all_match : bool
        From :func:`dc_check`.
    summaries : list of dict
        From :func:`tripletpls.experiments.report.summarise`.

    Returns
    -------
    dict
        ``out``, ``db``, ``plot``, ``report``, ``csv``, ``sweep``, ``targets`` (``ran`` or ``skipped:
        reason``), ``dc_first_matches_closed_form`` and ``series`` (label, sizes, deterministic,
        growth, certified).
    """
    return {"out": out_dir, "db": paths["db"], "plot": paths["plot"], "report": paths["report"], "csv": paths["csv"],
            "sweep": totals,
            "targets": {**{t: "ran" for t, _ in reduced}, **{t: f"skipped: {why}" for t, why in skipped.items()}},
            "dc_first_matches_closed_form": all_match,
            "series": [{"label": s["label"], "sizes": s["sizes"], "deterministic": s["deterministic"],
                        "growth": s["growth"], "certified": s["certified"]} for s in summaries]}

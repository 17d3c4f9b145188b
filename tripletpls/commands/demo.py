"""The built-in demo behind ``make demo``: exponential local search, with your own eyes, in two minutes.

1. DC_n, the doubling chain: sizes and weight growth (n >= 17 no longer fits int64).
2. Sweep DC_n with pivot rules `first` (exponential: 5*2^(n-1)-4 steps) and `steepest` (2 steps).
3. Reduce DC_n to triplets on the line (and other targets with --targets) and search again, where
   the reduction exists: the tight reduction carries the exponential run over to contrastive
   learning in dimension 1.
4. Random G(n,p) graphs for contrast: step counts that look polynomial.
Every final solution is certified a local optimum from scratch; every run is stored in SQLite;
a PNG plot, a Markdown report and a CSV land in the output directory.
"""
from __future__ import annotations

import os

import click

from instances import dc_steps, doubling_chain

from .._common import emit, json_option


TARGET_BUDGET = 5.0  # seconds: a reduced run slower than this stops the demo from trying larger n


def _sizes_table():
    """DC_n for a few n: vertices, edges, weight bits, int64 safety and the claimed step count."""
    from rich.table import Table

    table = Table(show_edge=False)
    for col in ("n", "vertices", "edges", "max weight bits", "int64 safe", "T(n) = 5*2^(n-1)-4"):
        table.add_column(col, justify="right")
    for n in [2, 4, 8, 12, 16, 17, 20, 30, 40, 60]:
        g = doubling_chain(n)
        table.add_row(str(n), str(g.n), str(g.m), str(g.max_weight_bits), str(g.int64_safe), f"{dc_steps(n):,}")
    return table


def _summary_table(summaries: list[dict]):
    from rich.table import Table

    from ..experiments.report import COMPACT_HEADER, compact_rows

    table = Table(show_edge=False)
    for h in COMPACT_HEADER:
        table.add_column(h)
    for r in compact_rows(summaries):
        table.add_row(*r)
    return table


SHORT = {"betweenness": "btw", "nonbetweenness": "non-btw"}


def _dc_table(rows: list[dict], max_n: int, targets: list[str]):
    """Rows n = 2..max_n: T(n), the measured steps (flips, then each reduction target run), the
    arithmetic path of the flip engine, and whether every final (and back-mapped) solution is certified."""
    from rich.table import Table

    dc = {(r["size"], r["rule"], r["target"]): r for r in rows if r["family"] == "dc"}

    def steps(n, rule, target):
        r = dc.get((n, rule, target))
        if r is None:
            return ""
        if r["status"] != "local_optimum":
            return f"{r['steps']:,} ({r['status']})"
        return f"{r['steps']:,}" + ("" if rule != "first" else " ✓" if r["steps"] == dc_steps(n) else " ✗")

    caption = "✓: exactly T(n) = 5*2^(n-1)-4 steps. first: flips"
    if targets:
        caption += ", then on " + ", ".join(targets)
    caption += "; steepest: the same for every run unless several values are shown; arith: the flip engine's exact path"
    table = Table(show_edge=False, caption=caption)
    for col in ["n", "first"] + [SHORT.get(t, t) for t in targets] + ["steepest", "arith", "certified"]:
        table.add_column(col, justify="right", no_wrap=True)
    all_match = True
    for n in range(2, max_n + 1):
        mine = [r for (size, _, _), r in dc.items() if size == n]
        ok = all(r["local_optimum"] and r["backmapped_local_optimum"] is not False for r in mine)
        all_match &= all(r["steps"] == dc_steps(n) for r in mine
                         if r["rule"] == "first" and r["status"] == "local_optimum")
        steep = " / ".join(dict.fromkeys(x for x in [steps(n, "steepest", t) for t in [None, *targets]] if x))
        table.add_row(str(n), steps(n, "first", None), *[steps(n, "first", t) for t in targets],
                      steep, (dc.get((n, "first", None)) or {}).get("arithmetic") or "", "yes" if ok else "NO")
    return table, all_match


@click.command("demo")
@click.option("--max-n", type=click.IntRange(2, 60), default=20, show_default=True,
              help="Largest DC_n searched by flips (the sizes table goes up to 60).")
@click.option("--targets", default="line", show_default=True,
              help="Reduction targets DC_n is mapped to and searched again (comma-separated, e.g. "
                   "line,tree,betweenness; 'none' for none). Unavailable targets are skipped with a message.")
@click.option("--target-max-n", type=click.IntRange(2, 60), default=12, show_default=True,
              help="Largest DC_n reduced to a target (smaller if a run takes over 5 s).")
@click.option("--gnp-sizes", default="16,32,64,128,256", show_default=True,
              help="Vertex counts of the random G(n, 0.3) graphs (3 seeds each).")
@click.option("--out", "out_dir", default="demo-out", show_default=True, type=click.Path(file_okay=False),
              help="Output directory (SQLite store, PNG, Markdown report, CSV).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=20.0, show_default=True,
              help="Seconds per run (a stopped run is shown as such and left out of the fits).")
@click.option("--jobs", type=click.IntRange(min=1), default=2, show_default=True, help="Local worker processes.")
@click.option("--resume", is_flag=True, help="Keep the runs already stored in OUT/demo.sqlite.")
@json_option
def command(max_n, targets, target_max_n, gnp_sizes, out_dir, time_limit, jobs, resume, as_json):
    """Tell the story: DC_n makes `first` take 5*2^(n-1)-4 steps, `steepest` 2; the reduction to the
    line keeps the exponential run; random graphs look polynomial. Certified, stored, plotted."""
    from rich.console import Console

    from .._common import progress
    from ..experiments.grid import expand, make_grid, parse_names
    from ..plots.steps import plot_steps
    from ..experiments.report import markdown, summarise
    from ..experiments.runner import executor
    from ..experiments.store import Store, export, writing
    from ..experiments.sweep import preflight, sweep

    totals = {"planned": 0, "skipped": 0, "ran": 0}
    reduced, skipped = [], {}
    for t in parse_names(targets, "--targets"):
        if t == "none":
            continue
        t_specs = expand(make_grid("dc", f"2..{min(target_max_n, max_n)}", ("first", "steepest"), targets=(t,),
                                   time_limit=time_limit))
        try:
            preflight(t_specs)
            reduced.append((t, t_specs))
        except Exception as e:  # noqa: BLE001 -- a missing or half-merged engine must not spoil the demo
            skipped[t] = " ".join(str(e).split())

    console = Console(stderr=as_json, quiet=as_json)
    os.makedirs(out_dir, exist_ok=True)
    db = os.path.join(out_dir, "demo.sqlite")
    if not resume:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)

    console.rule("[bold]1. DC_n, the doubling chain (SPEC section 2)")
    console.print(_sizes_table())

    def phase(title, specs, store, heading=True):
        if heading:
            console.rule(f"[bold]{title}")
        out = sweep(specs, store, executor(jobs),
                    progress=lambda todo: progress(len(todo), title.strip(), enabled=not as_json))
        console.print(("" if heading else f"{title.strip()}: ")
                      + f"{out['ran']} runs in {out['wall_seconds']:.1f} s ({out['skipped']} already stored)")
        for k in ("planned", "skipped", "ran"):
            totals[k] += out[k]
        return out

    flips = expand(make_grid("dc", f"2..{max_n}", ("first", "steepest"), time_limit=time_limit))
    preflight(flips)  # also compiles the flip engine once, before workers are forked
    with Store(db) as store:
        phase("2. DC_n with pivot rules first and steepest (flips)", flips, store)
        if reduced:
            console.rule(f"[bold]3. DC_n reduced to {', '.join(t for t, _ in reduced)}, searched again")
        for t, t_specs in reduced:
            for n in sorted({s.size for s in t_specs}):  # grow n while a size stays cheap
                phase(f"{t}, n = {n}", [s for s in t_specs if s.size == n], store, heading=False)
                slow = store.rows("WHERE family = 'dc' AND target = ? AND size = ? "
                                  "AND (seconds > ? OR status != 'local_optimum')", (t, n, TARGET_BUDGET))
                if slow and n < target_max_n:
                    console.print(f"[yellow]stopping {t} at n = {n}: a run took over {TARGET_BUDGET:g} s "
                                  f"(use `tripletpls sweep` for more)")
                    break
        for t, why in skipped.items():
            console.print(f"[yellow]3. skipping the reduction to {t}: {why}")

        phase("4. Random G(n, 0.3), gaussian weights, random starts: the contrast",
              expand(make_grid("gnp", gnp_sizes, ("first", "steepest"), seeds="0..2", start="random",
                               params={"p": 0.3, "weights": "gaussian"}, time_limit=time_limit)), store)
        rows = store.rows()
        csv_path = os.path.join(out_dir, "runs.csv")
        export(rows, csv_path)
    console.print(f"Stored in {db}.")

    # the DC check table: measured steps against the closed form, with certificates
    console.rule("[bold]DC_n: measured steps against T(n) = 5*2^(n-1)-4")
    check, all_match = _dc_table(rows, max_n, [t for t, _ in reduced])
    console.print(check)

    summaries = summarise(rows)
    png = os.path.join(out_dir, "steps.png")
    plot_steps(rows, png, summaries, title="Improving steps of local search (log scale)")
    report_path = os.path.join(out_dir, "report.md")
    with writing(report_path), open(report_path, "w") as f:
        f.write(markdown(summaries, "tripletpls demo: local-search step counts"))

    console.rule("[bold]Summary: growth per series")
    console.print(_summary_table(summaries))
    dc_first = next((s for s in summaries if s["family"] == "dc" and s["rule"] == "first" and not s["target"]), None)
    if dc_first and dc_first["fit"]:
        console.print(f"DC_n with `first`: steps grow by x{dc_first['fit']['base']:.3f} per level "
                      f"(the closed form says 2); {'every' if all_match else 'NOT every'} run matches T(n) exactly.")
    console.print(f"Wrote {png}, {report_path}, {csv_path} and {db}.")
    if as_json:
        emit({"out": out_dir, "db": db, "plot": png, "report": report_path, "csv": csv_path, "sweep": totals,
              "targets": {**{t: "ran" for t, _ in reduced}, **{t: f"skipped: {why}" for t, why in skipped.items()}},
              "dc_first_matches_closed_form": all_match,
              "series": [{"label": s["label"], "sizes": s["sizes"], "fit": s["fit"], "certified": s["certified"]}
                         for s in summaries]}, True)

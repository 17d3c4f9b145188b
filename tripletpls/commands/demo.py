"""The built-in demo behind ``make demo``: exponential local search, with your own eyes, in two minutes.

1. DC_n, the doubling chain: sizes and weight growth (n >= 17 no longer fits int64).
2. Sweep DC_n with pivot rules `first` (exponential: 5*2^(n-1)-4 steps) and `steepest` (2 steps),
   and SC_n, the steepest chain, where it is the other way round (`steepest`: 2^(n+2)-3, `first`: 3),
   and FC_n, the forced chain, whose start has a single improving path (5*2^n-4 flips, every rule).
3. Reduce DC_n to triplets on the line (and other targets with --targets) and search again, where
   the reduction exists: the tight reduction carries the exponential run over to contrastive
   learning in dimension 1.
4. Random G(n,p) graphs for contrast: step counts that look polynomial.
Every final solution is certified a local optimum from scratch; every run is stored in SQLite;
a PNG plot, a Markdown report and a CSV land in the output directory.

The work is in :mod:`tripletpls.experiments.demo`; this module renders it.
"""
from __future__ import annotations

import click

from ._common import emit, json_option

SHORT = {"betweenness": "btw", "nonbetweenness": "non-btw"}


def _sizes_table(rows: list[dict]):
    """DC_n for a few n: vertices, edges, weight bits, int64 safety and the claimed step count."""
    from rich.table import Table

    table = Table(show_edge=False)
    for col in ("n", "vertices", "edges", "max weight bits", "int64 safe", "T(n) = 5*2^(n-1)-4"):
        table.add_column(col, justify="right")
    for r in rows:
        table.add_row(str(r["n"]), str(r["vertices"]), str(r["edges"]), str(r["max_weight_bits"]),
                      str(r["int64_safe"]), f"{r['steps']:,}")
    return table


def _summary_table(summaries: list[dict]):
    from rich.table import Table

    from ..experiments.report import COMPACT_CAPTION, COMPACT_HEADER, compact_rows

    table = Table(show_edge=False, caption=COMPACT_CAPTION)
    for h in COMPACT_HEADER:
        table.add_column(h, no_wrap=h == "growth")
    for r in compact_rows(summaries):
        table.add_row(*r)
    return table


def _dc_table(check: list[dict], targets: list[str]):
    """Rows n = 2..max_n: T(n), the measured steps (flips, then each reduction target run), the
    arithmetic path of the flip engine, and whether every final (and back-mapped) solution is certified."""
    from rich.table import Table

    def steps(rec, rule, target):
        r = rec["runs"].get((rule, target))
        if r is None:
            return ""
        if r["status"] != "local_optimum":
            return f"{r['steps']:,} ({r['status']})"
        return f"{r['steps']:,}" + ("" if rule != "first" else " ✓" if r["steps"] == rec["steps"] else " ✗")

    caption = "✓: exactly T(n) = 5*2^(n-1)-4 steps. first: flips"
    if targets:
        caption += ", then on " + ", ".join(targets)
    caption += "; steepest: the same for every run unless several values are shown; arith: the flip engine's exact path"
    table = Table(show_edge=False, caption=caption)
    for col in ["n", "first"] + [SHORT.get(t, t) for t in targets] + ["steepest", "arith", "certified"]:
        table.add_column(col, justify="right", no_wrap=True)
    for rec in check:
        steep = " / ".join(dict.fromkeys(x for x in [steps(rec, "steepest", t) for t in [None, *targets]] if x))
        table.add_row(str(rec["n"]), steps(rec, "first", None), *[steps(rec, "first", t) for t in targets],
                      steep, rec["arithmetic"] or "", "yes" if rec["certified"] else "NO")
    return table


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

    from ..experiments import demo
    from ..experiments.report import summarise
    from ..experiments.store import Store
    from ..plots.steps import plot_steps
    from ._common import progress

    totals = {"planned": 0, "skipped": 0, "ran": 0}
    reduced, skipped = demo.reduction_plan(targets, max_n, target_max_n, time_limit)
    console = Console(stderr=as_json, quiet=as_json)
    db = demo.fresh_store(out_dir, resume)
    paths = demo.output_paths(out_dir)

    console.rule("[bold]1. DC_n, the doubling chain")
    console.print(_sizes_table(demo.sizes_rows()))

    def bar(title):
        return lambda todo: progress(len(todo), title.strip(), unit="runs")

    def report(title, out, heading=True):
        console.print(("" if heading else f"{title.strip()}: ")
                      + f"{out['ran']} runs in {out['wall_seconds']:.1f} s ({out['skipped']} already stored)")
        for k in ("planned", "skipped", "ran"):
            totals[k] += out[k]

    def phase(title, specs, store):
        console.rule(f"[bold]{title}")
        report(title, demo.run_phase(specs, store, jobs, bar(title)))

    flips = demo.dc_flip_specs(max_n, time_limit)
    with Store(db) as store:
        phase("2. DC_n with pivot rules first and steepest (flips)", flips, store)
        phase("2b. SC_n, the steepest chain: steepest takes 2^(n+2)-3 flips, first 3",
              demo.chain_flip_specs("steep", max_n, time_limit), store)
        phase("2c. FC_n, the forced chain: one improving path, 5*2^n-4 flips for every rule",
              demo.chain_flip_specs("forced", max_n, time_limit), store)
        if reduced:
            console.rule(f"[bold]3. DC_n reduced to {', '.join(t for t, _ in reduced)}, searched again")
        for t, t_specs in reduced:
            for n, out, stop in demo.reduction_sweep(t, t_specs, store, jobs, target_max_n, progress=bar):
                report(f"{t}, n = {n}", out, heading=False)
                if stop:
                    console.print(f"[yellow]stopping {t} at n = {n}: a run took over {demo.TARGET_BUDGET:g} s "
                                  f"(use `tripletpls sweep` for more)")
        for t, why in skipped.items():
            console.print(f"[yellow]3. skipping the reduction to {t}: {why}")
        phase("4. Random G(n, 0.3), gaussian weights, random starts: the contrast",
              demo.gnp_specs(gnp_sizes, time_limit), store)
        rows = store.rows()
        demo.write_csv(rows, out_dir)
    console.print(f"Stored in {db}.")

    # the DC check table: measured steps against the closed form, with certificates
    console.rule("[bold]DC_n: measured steps against T(n) = 5*2^(n-1)-4")
    check, all_match = demo.dc_check(rows, max_n, [t for t, _ in reduced])
    console.print(_dc_table(check, [t for t, _ in reduced]))

    summaries = summarise(rows)
    plot_steps(rows, paths["plot"], summaries, title=demo.PLOT_TITLE)
    demo.write_report(summaries, out_dir)

    console.rule("[bold]Summary: growth per series")
    console.print(_summary_table(summaries))
    sentence = demo.dc_growth_sentence(demo.dc_first_growth(summaries), all_match)
    if sentence:
        console.print(sentence)
    console.print(f"Wrote {paths['plot']}, {paths['report']}, {paths['csv']} and {db}.")
    if as_json:
        emit(demo.summary_json(paths, out_dir, totals, reduced, skipped, all_match, summaries), True)

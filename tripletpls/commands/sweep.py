"""``tripletpls sweep``: run a grid of local searches in parallel into a crash-safe SQLite store."""
from __future__ import annotations

import click

from ._common import DEFAULT_STORE, emit, json_option, progress


def _param(ctx, param, values):
    out = {}
    for item in values:
        key, eq, raw = item.partition("=")
        if not eq or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got {item!r}", param_hint="'--param'")
        for conv in (int, float):
            try:
                out[key] = conv(raw)
                break
            except ValueError:
                pass
        else:
            out[key] = raw
    return out


def grids_from_options(grid_file, family, sizes, rules, seeds, targets, start, params, max_steps, time_limit):
    """The grids of a sweep: from a TOML/YAML file, or from --family/--sizes (not both)."""
    from ..experiments.grid import make_grid, read_grid_file

    limits = {k: v for k, v in (("max_steps", max_steps), ("time_limit", time_limit)) if v is not None}
    if grid_file:
        if family or sizes:
            raise click.UsageError("give either a grid file or --family/--sizes, not both")
        grids = read_grid_file(grid_file)
        if limits:  # command-line limits override the file's
            from dataclasses import replace

            grids = [replace(g, **limits) for g in grids]
        return grids
    if not family or not sizes:
        raise click.UsageError("give a grid file, or --family and --sizes")
    return [make_grid(family, sizes, rules or "first", seeds or "0", targets or "none", start or "instance",
                      params, **limits)]


@click.command("sweep")
@click.argument("grid_file", required=False, type=click.Path(dir_okay=False))
@click.option("--family", help="Instance family: dc, gnp (alias random), gnm, torus, regular.")
@click.option("--sizes", help="Sizes, e.g. 2..12, 2..20:2 or 10,20,40 (DC_n: levels; others: vertices).")
@click.option("--rules", help="Pivot rules, comma-separated [default: first].")
@click.option("--seeds", help="Seeds, e.g. 0..4 [default: 0]; for random families they pick the instance.")
@click.option("--targets", help="Reduction targets, comma-separated; 'none' = flip search on the graph "
                                "[default: none].")
@click.option("--start", type=click.Choice(["instance", "plus", "random"]), default=None,
              help="Start: the instance's own (all +1 if none), all +1, or random (seeded) [default: instance].")
@click.option("--param", "params", multiple=True, callback=_param, metavar="KEY=VALUE",
              help="Family parameter, e.g. p=0.3, weights=gaussian (repeatable).")
@click.option("--max-steps", type=click.IntRange(min=0), default=None, help="Stop each run after this many moves.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=None, help="Seconds per run.")
@click.option("--db", default=DEFAULT_STORE, show_default=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="SQLite result store (read by report, plot and export with the same --db).")
@click.option("--jobs", type=click.IntRange(min=1), default=2, show_default=True, help="Local worker processes.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run on a Dask cluster (e.g. tcp://host:8786) instead of local processes.")
@click.option("--export", "export_path", default=None, type=click.Path(dir_okay=False),
              help="Afterwards, export the whole store to this .csv or .parquet file.")
@click.option("--dry-run", is_flag=True, help="Only count the runs (planned, already done).")
@json_option
def command(grid_file, family, sizes, rules, seeds, targets, start, params, max_steps, time_limit, db, jobs,
            scheduler, export_path, dry_run, as_json):
    """Run local search over a grid (family x size x rule x seed x target), one stored row per run.

    Rows are written as runs finish; a killed sweep re-run with the same arguments skips what is done.

    \b
    Examples:
      tripletpls sweep --family dc --sizes 2..14 --rules first,steepest --db dc.sqlite
      tripletpls sweep --family gnp --sizes 20,40,80 --seeds 0..4 --param p=0.3 --start random
      tripletpls sweep grid.toml --jobs 2 --export results.parquet
      tripletpls sweep grid.toml --scheduler tcp://10.0.0.5:8786
    """
    from ..experiments.grid import expand
    from ..experiments.runner import connect, executor
    from ..experiments.store import Store, export
    from ..experiments.sweep import preflight, sweep

    grids = grids_from_options(grid_file, family, sizes, rules, seeds, targets, start, params, max_steps, time_limit)
    specs = expand(grids)
    with Store(db) as store:
        if dry_run:
            done = store.done_keys()
            emit({"db": db, "planned": len(specs), "done": sum(s.key in done for s in specs)}, as_json,
                 "sweep (dry run)")
            return
        preflight([s for s in specs if s.key not in store.done_keys()])

        def bar(todo):
            return progress(len(todo), "sweep", unit="runs")

        client = connect(scheduler) if scheduler is not None else None
        try:
            summary = sweep(specs, store, executor(jobs, client), progress=bar)
        finally:
            if client is not None:
                client.close()
        total = len(store)
        if export_path:
            summary["export"] = {"path": export_path, "format": export(store.rows(), export_path)}
    emit({"db": db, **summary, "rows_in_store": total, "executor": "dask" if scheduler else f"local ({jobs} jobs)"},
         as_json, "sweep")

"""``tripletpls exact FILE``: a maximum cut with a proven bound, or the optimum of a small tree /
(non-)betweenness triplet instance (CP-SAT)."""
from __future__ import annotations

import click

from instances import read_assignment

from ._common import MAX_WORKERS, OutputFile, emit, finite, json_option, load, seed_option


@click.command("exact")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--solver", type=click.Choice(["cpsat", "maxsat", "sdp"]), default="cpsat", show_default=True)
@click.option("--time-limit", type=finite(min=0, min_open=True), default=None,
              help="Seconds; when reached, report the best cut and the proven bound (optimal false).")
@click.option("--workers", type=click.IntRange(1, MAX_WORKERS), default=1, show_default=True,
              help=f"CP-SAT search workers (at most {MAX_WORKERS}).")
@click.option("--hint", "hint_file", type=click.Path(dir_okay=False), default=None,
              help="Start from this assignment (JSON {'assignment': [...]} or +1/-1 tokens), e.g. a `flip -o` output.")
@click.option("--triangles", is_flag=True, help="CP-SAT: add the triangle inequalities of the graph's triangles.")
@click.option("--cuts", type=click.Choice(["cliques", "triangles", "none"]), default=None,
              help="SDP: inequalities added to the bound: cliques (triangle + pentagonal + heptagonal, the "
                   "default), triangles, none (the plain SDP bound).")
@click.option("--quiet", is_flag=True, help="No progress lines on stderr.")
@seed_option
@click.option("-o", "--output", type=OutputFile(("json",)), default=None, help="Write the best assignment (JSON).")
@json_option
def command(file, solver, time_limit, workers, hint_file, triangles, cuts, quiet, seed, output, as_json):
    """Global optimum of Max-Cut (or of a small tree / betweenness triplet instance): value, proven
    bound, optimal or not.

    Solvers: cpsat (OR-Tools CP-SAT, linearised edges), maxsat (PySAT RC2; any weight size), sdp
    (branch and bound with the semidefinite bound plus triangle, pentagonal and heptagonal inequalities:
    the one that proves dense instances like g05_60, pm1s_100 and w01_100). Long SDP solves print their
    progress (nodes, open nodes, best bound, incumbent, gap) on stderr every few seconds.

    \b
    Examples:
      tripletpls exact data/w01_100.0 --solver cpsat --time-limit 60 --json
      tripletpls exact g.json --solver maxsat -o best.json
      tripletpls exact dc3.btw.json --json     # tree / (non-)betweenness instances: CP-SAT
    """
    from ..pipeline.engines import reduction_record
    from ..pipeline.exact import exact_maxcut, exact_triplets, require_exact_model, write_exact

    inst = load(file, expect=("graph", "triplets"))
    if not hasattr(inst, "edges"):
        require_exact_model(inst, file)
        reduction_record(inst)  # damaged back-map data is refused before the solve
        if solver != "cpsat" or hint_file or triangles or cuts:
            culprit = "--solver" if solver != "cpsat" else "--hint" if hint_file else \
                "--triangles" if triangles else "--cuts"
            raise click.BadParameter("triplet instances: only --solver cpsat, without --hint/--triangles/--cuts",
                                     param_hint=f"'{culprit}'")
        run = exact_triplets(inst, time_limit, file)
        res = run.result
        out = {"file": file, "solver": solver, "target": inst.target, "value": res.value, "bound": res.bound,
               "optimal": res.optimal, "gap": res.bound - res.value, "seconds": res.seconds,
               "time_limit": time_limit, "seed": seed, "total_weight": inst.total_weight,
               "local_optimum": run.certificate.local_optimum}
        out.update({k: v for k, v in run.backmap.items() if k != "backmapped_assignment"})
    else:
        hint = read_assignment(hint_file, inst.n) if hint_file else None
        if triangles and solver not in ("cpsat", "sdp"):  # as before: sdp ignores --triangles
            raise click.BadParameter("--triangles applies to --solver cpsat only", param_hint="'--triangles'")
        if cuts is not None and solver != "sdp":
            raise click.BadParameter("--cuts applies to --solver sdp only", param_hint="'--cuts'")
        run = exact_maxcut(inst, solver, time_limit=time_limit, workers=workers, hint=hint, triangles=triangles,
                           seed=seed, cuts=cuts or "cliques", progress=None if quiet else _progress_lines(file))
        res = run.result
        out = {"file": file, "solver": solver, "value": res.value, "bound": res.bound, "optimal": res.optimal,
               "gap": res.gap, "status": res.status, "seconds": res.seconds, "time_limit": time_limit,
               "workers": workers if solver == "cpsat" else 1, "seed": seed, "hinted": hint is not None}
        if run.certificate is not None:
            out["local_optimum"] = run.certificate.local_optimum
        if "nodes" in res.extra:
            out.update({k: res.extra[k] for k in ("nodes", "open_nodes", "max_depth", "root_bound", "evaluations",
                                                   "incumbent", "cuts") if k in res.extra})
        if res.extra.get("interrupted"):
            out["stopped_by"] = res.extra["interrupted"]
    if output:
        write_exact(output, run)
        out["output"] = output
    emit(out, as_json, f"exact {file}")


#: seconds between two progress lines of a long SDP solve
PROGRESS_EVERY = 5.0


def _progress_lines(file: str):
    """A progress callback printing one line on stderr every ``PROGRESS_EVERY`` seconds of a solve."""
    last = [0.0]

    def show(d: dict) -> None:
        if d["seconds"] - last[0] >= PROGRESS_EVERY:
            last[0] = d["seconds"]
            click.echo(f"exact {file}: {d['seconds']:.0f} s, {d['nodes']} nodes, {d['open_nodes']} open, bound "
                       f"{d['bound']}, incumbent {d['value']}, gap {d['gap']}", err=True)

    return show

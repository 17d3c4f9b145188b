"""``tripletpls exact FILE --solver cpsat|maxsat``: a maximum cut with a proven bound."""
from __future__ import annotations

import click

from instances import read_assignment
from instances.io import write_json

from .._common import emit, json_option, load, seed_option


@click.command("exact")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--solver", type=click.Choice(["cpsat", "maxsat", "sdp"]), default="cpsat", show_default=True)
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds; when reached, report the best cut and the proven bound (optimal false).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="CP-SAT search workers.")
@click.option("--hint", "hint_file", type=click.Path(dir_okay=False), default=None,
              help="Start from this assignment (JSON {'assignment': [...]} or +1/-1 tokens), e.g. a `flip -o` output.")
@click.option("--triangles", is_flag=True, help="CP-SAT: add the triangle inequalities of the graph's triangles.")
@seed_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write the best assignment (JSON).")
@json_option
def command(file, solver, time_limit, workers, hint_file, triangles, seed, output, as_json):
    """Global optimum of Max-Cut: value, proven bound, optimal or not.

    Solvers: cpsat (OR-Tools CP-SAT, linearised edges), maxsat (PySAT RC2; any weight size), sdp
    (branch and bound with the semidefinite bound: the one that proves dense instances like g05_60).

    \b
    Examples:
      tripletpls exact /work/shared/data/w01_100.0 --solver cpsat --time-limit 60 --json
      tripletpls exact g.json --solver maxsat -o best.json
    """
    from localsearch.exact import solve

    graph = load(file, expect="graph")
    hint = read_assignment(hint_file, graph.n) if hint_file else None
    options = {"time_limit": time_limit, "hint": hint}
    if solver == "cpsat":
        options.update(workers=workers, seed=seed, triangles=triangles)
    elif solver == "sdp":
        options.update(seed=seed)
    elif triangles:
        raise click.BadParameter("--triangles applies to --solver cpsat only", param_hint="'--triangles'")
    res = solve(graph, solver, **options)
    out = {"file": file, "solver": solver, "value": res.value, "bound": res.bound, "optimal": res.optimal,
           "gap": res.gap, "status": res.status, "seconds": res.seconds, "time_limit": time_limit,
           "workers": workers if solver == "cpsat" else 1, "seed": seed, "hinted": hint is not None}
    if res.assignment is not None:
        from localsearch import certify_flip

        out["local_optimum"] = certify_flip(graph, res.assignment).local_optimum
    if "nodes" in res.extra:
        out.update(nodes=res.extra["nodes"], root_bound=res.extra.get("root_bound"))
    if output:
        write_json(output, {"kind": "solution", "solver": solver, "value": res.value, "bound": res.bound,
                            "optimal": res.optimal,
                            "assignment": None if res.assignment is None else list(res.assignment)})
        out["output"] = output
    emit(out, as_json, f"exact {file}")

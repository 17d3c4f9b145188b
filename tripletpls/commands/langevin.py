"""``tripletpls langevin``: annealed Langevin sweeps on unit vectors (the worked toy by default)."""
from __future__ import annotations

import click

from ..pipeline.landscape import OBJECTIVES
from ._common import emit, json_option, progress, schedule_choice, seed_option


def _pairs(ctx, param, value):
    try:
        pairs = tuple(tuple(int(x) for x in p.replace(":", "-").split("-")) for p in value.split(","))
    except ValueError:
        raise click.BadParameter(f"expected pairs like 0-1,2-3, got {value!r}") from None
    if any(len(p) != 2 for p in pairs):
        raise click.BadParameter(f"expected pairs like 0-1,2-3, got {value!r}")
    return pairs


@click.command("langevin")
@click.option("--points", type=click.IntRange(min=2), default=4, show_default=True, help="Number of unit vectors.")
@click.option("--dim", type=click.IntRange(min=2), default=3, show_default=True, help="Ambient dimension d (S^{d-1}).")
@click.option("--pairs", callback=_pairs, default="0-1,2-3", show_default=True, help="Positive pairs.")
@click.option("--objective", type=click.Choice(OBJECTIVES), default="u0", show_default=True)
@click.option("--tau", type=click.FloatRange(min=0, min_open=True), default=0.5, show_default=True,
              help="Temperature (infonce objectives).")
@click.option("--schedule", type=schedule_choice, default="log", show_default=True)
@click.option("--c", "cs", type=click.FloatRange(min=0, min_open=True), multiple=True,
              help="Schedule rate; repeat to sweep [default: 0.5 1 2 4].")
@click.option("--dt", type=click.FloatRange(min=0, min_open=True), default=0.01, show_default=True)
@click.option("--beta-target", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True)
@click.option("--cap", type=click.IntRange(min=0), default=50_000, show_default=True, help="Maximum steps per run.")
@click.option("--fixed/--no-fixed", default=True, show_default=True,
              help="Also run the fixed schedule beta = beta-target for cap steps.")
@click.option("--threshold", type=float, default=-1.5, show_default=True,
              help="Success iff the objective is below this at the end; hitting times use it too.")
@click.option("--hold", type=click.IntRange(min=1), default=5, show_default=True,
              help="Consecutive steps below the threshold for a hit.")
@click.option("--runs", type=click.IntRange(min=1), default=200, show_default=True,
              help="Independent runs per configuration (vectorised).")
@click.option("--backend", type=click.Choice(["auto", "numpy", "numba"]), default="auto", show_default=True)
@seed_option
@click.option("--plot", type=click.Path(dir_okay=False), default=None, help="Write a PNG of the success rates.")
@json_option
def command(points, dim, pairs, objective, tau, schedule, cs, dt, beta_target, cap, fixed, threshold, hold, runs,
            backend, seed, plot, as_json):
    """Annealed Langevin dynamics on unit vectors: success rates with Wilson 95% intervals.

    The defaults are the worked toy: N = 4 unit vectors in R^3, P = {(0,1),(2,3)}, potential U0,
    dt = 0.01, log schedule beta_k = max(c ln(k dt + 1), 1e-6) up to beta = 10 or 50,000 steps,
    success iff U0 < -1.5 at the end (global minimum -2), swept over c, plus fixed beta = 10.

    \b
    Examples:
      tripletpls langevin --json
      tripletpls langevin --c 0.5 --c 1 --c 2 --runs 1000 --plot toy.png
      tripletpls langevin --objective infonce --tau 0.2 --points 6 --pairs 0-1,2-3,4-5 --threshold 1.0
    """
    from ..pipeline import landscape as L

    obj = L.objective(objective, points, pairs, tau)
    global_minimum = L.known_global_minimum(objective, points, obj)
    configs = L.langevin_configs(schedule, cs, fixed)
    with progress(L.planned_total(configs, dt, beta_target, cap), "langevin", unit="steps") as advance:
        rows = L.langevin_rows(obj, dim, configs, runs=runs, seed=seed, dt=dt, beta_target=beta_target, cap=cap,
                               threshold=threshold, hold=hold, backend=backend, global_value=global_minimum,
                               progress=advance)
    out = {"objective": L.objective_label(objective, obj), "points": points, "dim": dim,
           "pairs": [list(p) for p in obj.pairs], "tau": tau if objective.startswith("infonce") else None,
           "dt": dt, "cap": cap, "threshold": threshold, "hold": hold, "runs": runs, "seed": seed,
           "global_minimum": global_minimum, "results": rows}
    if plot:
        from ..plots.landscape import success_plot

        success_plot(rows, plot, f"{out['objective']}, N={points}, d={dim}, success iff < {threshold}, {runs} runs")
        out["plot"] = plot
    if not as_json:
        _print_rates(rows)
        return
    emit(out, as_json)


def _print_rates(rows):
    from rich.console import Console
    from rich.table import Table

    t = Table(title="annealed Langevin: success rates (Wilson 95%)",
              caption="hit: median hitting time; basin: end points global/collapsed/other after a noiseless quench")
    for col in ("schedule", "c", "steps", "stop", "final beta", "succ.", "rate", "95% CI", "hit",
                "basin"):
        t.add_column(col, justify="right")
    for r in rows:
        lo, hi = r["wilson95"]
        med = r["hitting_time_median"]
        t.add_row(r["schedule"], "-" if r["c"] is None else f"{r['c']:g}", f"{r['steps']:,}", r["stop"],
                  f"{r['final_beta']:.3g}", f"{r['successes']}/{r['runs']}", f"{r['rate']:.3f}",
                  f"[{lo:.3f}, {hi:.3f}]", "-" if med is None else f"{med:,.0f}",
                  "{global}/{collapsed}/{other}".format(**r["end_classes"]))
    Console().print(t)

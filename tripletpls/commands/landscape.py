"""Contrastive objectives beyond triplets: ``langevin`` (annealed Langevin sweeps, the worked toy),
``anneal`` (simulated annealing on a Max-Cut or line triplet file), ``census`` (landscape census) and
``stationary`` (certified closed forms)."""
from __future__ import annotations

import click
import numpy as np

from instances import Graph, InstanceError, TripletInstance

from .._common import emit, json_option, load, progress, seed_option

SCHEDULE_CHOICE = click.Choice(["log", "sqrt", "linear", "fixed"])
OBJECTIVES = ("u0", "u0-hinge", "infonce", "infonce-decoupled")


def _pairs(ctx, param, value):
    try:
        pairs = tuple(tuple(int(x) for x in p.replace(":", "-").split("-")) for p in value.split(","))
    except ValueError:
        raise click.BadParameter(f"expected pairs like 0-1,2-3, got {value!r}") from None
    if any(len(p) != 2 for p in pairs):
        raise click.BadParameter(f"expected pairs like 0-1,2-3, got {value!r}")
    return pairs


def _objective(name: str, points: int, pairs, tau: float):
    from localsearch.landscape.infonce import U0, InfoNCE

    if name.startswith("u0"):
        return U0(points, pairs, hinge=name == "u0-hinge")
    return InfoNCE(points, pairs, tau, include_positive=name == "infonce")


QUENCH_STEPS = 2000


def _end_classes(obj, Z, global_value, dt, seed):
    """Where the end points sit in the landscape, apart from thermal noise: each end point is quenched
    by QUENCH_STEPS noiseless steps (beta = 1e30, same dt), then counted as at the known global value
    (within 1e-3), collapsed (rank <= 1), or other."""
    from localsearch.landscape.langevin import langevin
    from localsearch.landscape.sphere import rank_one

    runs, _, dim = Z.shape
    q = langevin(obj, dim, runs=runs, seed=seed, schedule="fixed", beta_target=1e30, cap=QUENCH_STEPS, dt=dt, Z0=Z)
    vals = q.values
    glob = np.abs(vals - global_value) <= 1e-3 if global_value is not None else np.zeros(len(vals), bool)
    coll = np.array([rank_one(z, 1e-3) for z in q.Z])
    return {"quench_steps": QUENCH_STEPS, "global": int(np.sum(glob)), "collapsed": int(np.sum(coll & ~glob)),
            "other": int(np.sum(~glob & ~coll)), "mean_quenched_value": float(np.mean(vals))}


@click.command("langevin")
@click.option("--points", type=click.IntRange(min=2), default=4, show_default=True, help="Number of unit vectors.")
@click.option("--dim", type=click.IntRange(min=2), default=3, show_default=True, help="Ambient dimension d (S^{d-1}).")
@click.option("--pairs", callback=_pairs, default="0-1,2-3", show_default=True, help="Positive pairs.")
@click.option("--objective", type=click.Choice(OBJECTIVES), default="u0", show_default=True)
@click.option("--tau", type=click.FloatRange(min=0, min_open=True), default=0.5, show_default=True,
              help="Temperature (infonce objectives).")
@click.option("--schedule", type=SCHEDULE_CHOICE, default="log", show_default=True)
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
def langevin_command(points, dim, pairs, objective, tau, schedule, cs, dt, beta_target, cap, fixed, threshold,
                     hold, runs, backend, seed, plot, as_json):
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
    from localsearch.landscape.langevin import langevin
    from localsearch.core.schedules import planned_steps
    from localsearch.core.stats import rate

    obj = _objective(objective, points, pairs, tau)
    toy = objective == "u0" and points == 4 and sorted(obj.pairs) == [(0, 1), (2, 3)]
    configs = [(schedule, c) for c in (cs or (0.5, 1.0, 2.0, 4.0))] if schedule != "fixed" else []
    if fixed or schedule == "fixed":
        configs.append(("fixed", None))
    total = sum(planned_steps(s, c or 1.0, dt, beta_target, cap)[0] for s, c in configs)
    rows = []
    with progress(total, "langevin", enabled=not as_json) as advance:
        for sched, c in configs:
            res = langevin(obj, dim, runs=runs, seed=seed, schedule=sched, c=c or 1.0, dt=dt,
                           beta_target=beta_target, cap=cap, threshold=threshold, hold=hold, progress=advance,
                           backend=backend)
            hits = res.hitting[res.hitting >= 0]
            row = {"schedule": sched, "c": c, "beta_target": beta_target, "steps": res.steps, "stop": res.stop,
                   "final_beta": res.final_beta, **rate(res.successes, runs),
                   "mean_final_value": float(np.mean(res.values)),
                   "hit": rate(len(hits), runs),
                   "hitting_time_median": float(np.median(hits)) if len(hits) else None,
                   "end_classes": _end_classes(obj, res.Z, -2.0 if toy else None, dt, seed),
                   "seconds": res.seconds, "backend": res.params["backend"]}
            rows.append(row)
    out = {"objective": obj.name if objective != "u0-hinge" else "U0-hinge", "points": points, "dim": dim,
           "pairs": [list(p) for p in obj.pairs], "tau": tau if objective.startswith("infonce") else None,
           "dt": dt, "cap": cap, "threshold": threshold, "hold": hold, "runs": runs, "seed": seed,
           "global_minimum": -2.0 if toy else None, "results": rows}
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


@click.command("anneal")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--schedule", type=SCHEDULE_CHOICE, default="log", show_default=True)
@click.option("--c", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True)
@click.option("--dt", type=click.FloatRange(min=0, min_open=True), default=0.01, show_default=True)
@click.option("--beta-target", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True)
@click.option("--cap", type=click.IntRange(min=0), default=None,
              help="Maximum proposals per run [default: 100000 flips, 5000 line moves].")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True,
              help="Acceptance exp(beta * delta / scale) for worsening moves.")
@click.option("--polish/--no-polish", default=False, show_default=True,
              help="Finish with improving moves so that the end point is a certified local optimum.")
@click.option("--runs", type=click.IntRange(min=1), default=1, show_default=True, help="Runs, seeds seed..seed+runs-1.")
@click.option("--target", type=int, default=None, help="Success iff the final value is >= this (default: local optimum).")
@seed_option
@json_option
def anneal_command(file, schedule, c, dt, beta_target, cap, scale, polish, runs, target, seed, as_json):
    """Simulated annealing (Metropolis) with flips on a Max-Cut graph or single-point moves on a line
    triplet instance; counts proposals, accepted and improving moves; certifies the end point."""
    from localsearch.maxcut.annealing import anneal_flips
    from localsearch.triplets.annealing import anneal_line
    from localsearch.core.stats import rate

    inst = load(file)
    if isinstance(inst, Graph):
        run, cap = anneal_flips, (100_000 if cap is None else cap)
    elif isinstance(inst, TripletInstance):
        run, cap = anneal_line, (5_000 if cap is None else cap)
    else:
        raise InstanceError(f"annealing needs a graph or a line triplet instance, got kind {inst.kind!r}", file)
    results = []
    with progress(runs, "anneal", enabled=not as_json) as advance:
        for r in range(runs):
            res = run(inst, schedule=schedule, c=c, dt=dt, beta_target=beta_target, cap=cap, seed=seed + r,
                      scale=scale, polish=polish)
            results.append(res)
            advance(1)
    ok = [(r.value >= target) if target is not None else r.extra["certificate"]["local_optimum"] for r in results]
    keys = ("proposals", "accepted", "improving", "polish_steps", "anneal_end_value", "stop", "final_beta")
    per_run = [{"seed": r.seed, "value": r.value, "local_optimum": r.extra["certificate"]["local_optimum"],
                "witness": r.extra["certificate"]["witness"], "seconds": r.seconds,
                **{k: r.extra[k] for k in keys}} for r in results]
    out = {"file": file, "kind": inst.kind, "neighbourhood": "flip" if isinstance(inst, Graph) else "line-move",
           "schedule": schedule, "c": c, "dt": dt, "beta_target": beta_target, "cap": cap, "scale": scale,
           "polish": polish, "seed": seed, "success": {"criterion": f"value >= {target}" if target is not None
                                                        else "certified local optimum", **rate(sum(ok), runs)},
           "best_value": max(r.value for r in results), "runs": per_run}
    if runs == 1:
        out.update({k: v for k, v in per_run[0].items() if k != "seed"})
    emit(out, as_json, f"anneal {file}")


def _census_out(c, plot, title, extra, as_json, records):
    out = dict(extra, **c.to_json(records))
    if plot:
        from ..plots.landscape import census_plot

        census_plot(out, plot, title)
        out["plot"] = plot
    if not as_json:
        out = {k: v for k, v in out.items() if k not in ("clusters", "records")}
        out["clusters"] = [{k: v for k, v in cl.items() if k != "representative"} for cl in c.clusters[:10]]
    emit(out, as_json, title)


@click.command("census")
@click.argument("file", type=click.Path(dir_okay=False), required=False)
@click.option("--n", type=click.IntRange(min=2), default=5, show_default=True,
              help="Sphere census: samples (aligned, views u_i = v_i = z_i).")
@click.option("--dim", type=click.IntRange(min=2), default=2, show_default=True, help="Sphere census: d of S^{d-1}.")
@click.option("--tau", type=click.FloatRange(min=0, min_open=True), default=0.5, show_default=True)
@click.option("--starts", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--modulo-permutations", is_flag=True, help="Sphere census: also identify relabelled optima.")
@click.option("--records", is_flag=True, help="Include one record per start.")
@seed_option
@click.option("--plot", type=click.Path(dir_okay=False), default=None, help="Write a PNG of the basins.")
@json_option
def census_command(file, n, dim, tau, starts, modulo_permutations, records, seed, plot, as_json):
    """Landscape census: seeded starts -> certified local optima -> classes (collapsed / suboptimal /
    global) with Wilson 95% intervals, and basins modulo the gauge.

    \b
    Without FILE: aligned NT-Xent with N samples on S^{dim-1}; Riemannian GD, interval-certified
    stationarity, second order modulo rotations, basins modulo rotations/reflections. Reference: the
    regular N-gon (dim 2) or regular simplex (N <= dim+1), closed forms whose global optimality is
    not proved here.
    With FILE (a Max-Cut graph, <= 22 vertices): steepest flips from seeded random starts, certified,
    against the brute-force optimum; basins modulo s ~ -s.

    \b
    Examples:
      tripletpls census --n 6 --tau 0.5 --starts 100 --modulo-permutations --plot ngon.png --json
      tripletpls census small.json --starts 500 --json
    """
    from localsearch.maxcut.census import maxcut_census
    from localsearch.landscape.census import sphere_census

    if file is not None:
        g = load(file, expect="graph")
        with progress(starts, "census", enabled=not as_json) as advance:
            c = maxcut_census(g, starts, seed, progress=advance)
        extra = {"landscape": "maxcut-flip", "file": file, "vertices": g.n, "edges": g.m}
        return _census_out(c, plot, f"Max-Cut census {file}", extra, as_json, records)
    from localsearch.landscape.infonce import Aligned, InfoNCE, aligned_pairs, ngon_value, simplex_value

    obj = Aligned(InfoNCE(2 * n, aligned_pairs(n), tau))
    ref, name = (ngon_value(n, tau), "ngon") if dim == 2 else \
        ((simplex_value(n, tau), "simplex") if n <= dim + 1 else (None, None))
    with progress(starts, "census", enabled=not as_json) as advance:
        c = sphere_census(obj, dim, starts, seed, reference=ref, modulo_permutations=modulo_permutations,
                          progress=advance)
    extra = {"landscape": "aligned-ntxent-sphere", "n": n, "dim": dim, "tau": tau, "reference_config": name,
             "collapse_value": float(np.log(2 * n - 1)), "modulo": "rotations, reflections" +
             (", permutations" if modulo_permutations else "")}
    _census_out(c, plot, f"aligned NT-Xent, N={n}, d={dim}, tau={tau}", extra, as_json, records)


@click.command("stationary")
@click.option("--config", type=click.Choice(["ngon", "collapse", "simplex"]), default="ngon", show_default=True)
@click.option("--n", type=click.IntRange(min=2), default=5, show_default=True)
@click.option("--dim", type=click.IntRange(min=2), default=None, help="Ambient dimension [default: 2, simplex n-1].")
@click.option("--tau", type=click.FloatRange(min=0, min_open=True), default=0.5, show_default=True)
@click.option("--dps", type=click.IntRange(min=20), default=40, show_default=True, help="Interval precision (digits).")
@json_option
def stationary_command(config, n, dim, tau, dps, as_json):
    """Certify a closed-form configuration of aligned NT-Xent: value vs formula, interval bound on the
    Riemannian gradient, Hessian spectrum modulo rotations (and, for the n-gon, the exact circulant
    spectrum in 50-digit arithmetic)."""
    import mpmath

    from localsearch.landscape.infonce import Aligned, InfoNCE, aligned_pairs, collapse_value, ngon, ngon_hessian_eigenvalues, ngon_value, simplex, simplex_value
    from localsearch.landscape.stationary import certify_stationary

    if config == "ngon":
        dim = dim or 2
        Z, formula = ngon(n), ngon_value(n, tau)
    elif config == "simplex":
        dim = dim or n - 1
        Z, formula = simplex(n), simplex_value(n, tau)
    else:
        dim = dim or 2
        Z, formula = np.tile(np.eye(dim)[0], (n, 1)), collapse_value(n)
    if Z.shape[1] > dim:
        raise click.BadParameter(f"config {config} with n={n} needs dim >= {Z.shape[1]}", param_hint="'--dim'")
    Z = np.hstack([Z, np.zeros((n, dim - Z.shape[1]))])
    obj = Aligned(InfoNCE(2 * n, aligned_pairs(n), tau))
    cert = certify_stationary(obj, Z, eps=1e-10, dps=dps)
    so = obj.second_order(Z)
    out = {"config": config, "n": n, "dim": dim, "tau": tau, "value": float(obj.value(Z)), "formula": formula,
           **cert.to_json(), "second_order": so.kind, "gauge_dim": so.gauge_dim,
           "hessian_eigenvalues": list(so.eigenvalues)}
    if config == "ngon" and dim == 2:
        with mpmath.workdps(50):
            ev = ngon_hessian_eigenvalues(n, tau)
            out["circulant_eigenvalues"] = [mpmath.nstr(x, 20) for x in ev]
            out["circulant_min"] = float(min(ev))
    emit(out, as_json, f"{config} n={n}")


commands = [langevin_command, anneal_command, census_command, stationary_command]

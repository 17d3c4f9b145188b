"""``tripletpls anneal FILE``: simulated annealing on a Max-Cut graph or a line triplet instance."""
from __future__ import annotations

import click

from ._common import emit, json_option, load, progress, schedule_choice, seed_option


@click.command("anneal")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--schedule", type=schedule_choice, default="log", show_default=True)
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
def command(file, schedule, c, dt, beta_target, cap, scale, polish, runs, target, seed, as_json):
    """Simulated annealing (Metropolis) with flips on a Max-Cut graph or single-point moves on a line
    triplet instance; counts proposals, accepted and improving moves; certifies the end point."""
    from ..pipeline.landscape import anneal, annealer

    inst = load(file)
    annealer(inst, where=file)  # refuse other kinds before any run
    with progress(runs, "anneal", unit="runs") as advance:
        out = anneal(inst, schedule=schedule, c=c, dt=dt, beta_target=beta_target, cap=cap, scale=scale,
                     polish=polish, runs=runs, seed=seed, target=target, progress=advance, where=file)
    emit({"file": file, **out}, as_json, f"anneal {file}")

"""``tripletpls descend FILE``: projected gradient descent on a triplet-loss (or QP) instance, counted
until eps-KKT, certified exactly, and back-mapped to the source QP for reduced instances."""
from __future__ import annotations

import click

from instances import QP, InstanceError
from instances.io import write_json

from ._common import emit, json_option, load, progress, seed_option


@click.command("descend")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--eps", type=click.FloatRange(min=0, min_open=True), default=1e-3, show_default=True,
              help="Stop at the first eps-KKT iterate (of the loss; for a QP file, of the QP).")
@click.option("--max-iter", type=click.IntRange(min=0), default=100_000, show_default=True, help="Iteration limit.")
@click.option("--step", type=click.Choice(["fixed", "backtracking"]), default="fixed", show_default=True,
              help="Step 1/L (L: per-instance bound on the gradient's Lipschitz constant) or backtracking.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=None, help="Seconds.")
@click.option("--start", type=click.Choice(["instance", "centre", "random"]), default=None,
              help="Start point [default: the instance's start if any, else the box centre].")
@seed_option
@click.option("--trajectory", is_flag=True, help="Include the loss after every iteration in -o OUT.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write x (and backmapped_x) as exact rationals \"p/q\" (the float iterate's exact value).")
@json_option
def command(file, eps, max_iter, step, time_limit, start, seed, trajectory, output, as_json):
    """Projected gradient descent to an eps-KKT point, with an exact rational certificate.

    \b
    Examples:
      tripletpls generate qp --n 6 --seed 1 -o q6.json
      tripletpls reduce q6.json --to triplet-loss -o q6.loss.json
      tripletpls descend q6.loss.json --eps 1e-3 --json
      tripletpls descend q6.json --eps 1e-3 --json     # the same PGD directly on the QP
    """
    from ..pipeline.descend import backmap_descent, certificate_keys, descend, solution_doc

    inst = load(file, expect=("triplet-loss", "qp"))
    out = {"file": file, "kind": inst.kind, "eps": eps, "step": step}
    if isinstance(inst, QP) and start not in (None, "centre"):
        raise click.BadParameter("a QP file starts at the centre of [0,1]^n", param_hint="'--start'")
    with progress(max_iter, "descend", unit="iterations") as advance:
        try:
            run = descend(inst, eps=eps, step=step, max_iter=max_iter, time_limit=time_limit, start=start, seed=seed,
                          trajectory=trajectory, progress=advance)
        except ValueError as e:
            if isinstance(e, InstanceError):
                raise
            raise click.BadParameter(str(e), param_hint="'--step'") from None
    res = run.result
    if run.start is not None:
        out.update({"loss_function": inst.loss, "start": run.start, "seed": seed})
    out.update({"iterations": res.steps, "status": res.status, "loss": res.value, "start_loss": res.start_value,
                "seconds": res.seconds, "lipschitz": res.extra["lipschitz"],
                "lipschitz_valid": res.extra.get("lipschitz_valid", True)})
    out.update(certificate_keys(run.certificate))
    bm = backmap_descent(run, eps)
    if bm is not None:
        out.update({k: v for k, v in bm.items() if k != "backmapped_x"})
    if output:
        write_json(output, solution_doc(run, bm, trajectory))
        out["output"] = output
    emit(out, as_json, f"descend {file}")

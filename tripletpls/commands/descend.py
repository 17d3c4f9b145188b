"""``tripletpls descend FILE``: projected gradient descent on a triplet-loss (or QP) instance, counted
until eps-KKT, certified exactly, and back-mapped to the source QP for reduced instances."""
from __future__ import annotations

from fractions import Fraction

import click

from instances import QP, InstanceError, TripletLoss
from instances.io import write_json

from .._common import emit, json_option, load, progress, seed_option


def _start(inst, how: str, seed: int):
    if how == "instance":
        if inst.start is None:
            raise InstanceError("instance has no start; use --start centre or random")
        return inst.start
    if how == "centre":
        return inst.centre()
    import numpy as np

    rng = np.random.default_rng(seed)
    return [[float(rng.uniform(float(l), float(h))) for l, h in zip(lr, hr)] for lr, hr in zip(inst.lo, inst.hi)]


def _cert_keys(cert, prefix: str = "") -> dict:
    return {f"{prefix}kkt_violation": float(cert.violation), f"{prefix}kkt_violation_exact":
            str(cert.violation) if cert.exact else None, f"{prefix}eps_kkt": cert.eps_kkt,
            f"{prefix}worst": cert.worst, f"{prefix}worst_where": cert.where, f"{prefix}certificate_exact": cert.exact,
            f"{prefix}kinks": cert.kinks}


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
    from localsearch.continuous import pgd

    inst = load(file, expect=("triplet-loss", "qp"))
    out = {"file": file, "kind": inst.kind, "eps": eps, "step": step}
    with progress(max_iter, "descend", enabled=not as_json) as advance:
        try:
            if isinstance(inst, QP):
                if start not in (None, "centre"):
                    raise click.BadParameter("a QP file starts at the centre of [0,1]^n", param_hint="'--start'")
                res = pgd.descend_qp(inst, eps=eps, step=step, max_iter=max_iter, time_limit=time_limit,
                                     trajectory=trajectory, progress=advance)
            else:
                x0 = _start(inst, start or ("instance" if inst.start is not None else "centre"), seed)
                out.update({"loss_function": inst.loss, "start": start or ("instance" if inst.start is not None else "centre"),
                            "seed": seed})
                res = pgd.descend(inst, eps=eps, step=step, max_iter=max_iter, time_limit=time_limit, start=x0,
                                  trajectory=trajectory, progress=advance)
        except ValueError as e:
            if isinstance(e, InstanceError):
                raise
            raise click.BadParameter(str(e), param_hint="'--step'") from None
    cert = res.extra["certificate"]
    out.update({"iterations": res.steps, "status": res.status, "loss": res.value, "start_loss": res.start_value,
                "seconds": res.seconds, "lipschitz": res.extra["lipschitz"],
                "lipschitz_valid": res.extra.get("lipschitz_valid", True)})
    out.update(_cert_keys(cert))
    x_exact = [[str(Fraction(float(v))) for v in row] for row in res.solution.reshape(len(res.solution), -1)]
    doc = {"kind": "solution", "format": "exact rationals p/q of the float iterate", "iterations": res.steps,
           "x": [r[0] for r in x_exact] if isinstance(inst, QP) or inst.dim == 1 else x_exact}
    red = inst.meta.get("reduction") if isinstance(inst, TripletLoss) else None
    if isinstance(red, dict) and red.get("name") == "triplet-loss":
        from localsearch.continuous.qp_kkt import certify_qp
        from reductions import qp_to_triplet_loss as tl

        qp = tl.source_of(inst)
        xb = tl.backmap(inst, res.solution)
        eps_qp = tl.backmapped_eps(inst, Fraction(eps))
        bc = certify_qp(qp, xb, eps_qp)
        out.update({"backmapped_eps": float(eps_qp), "backmapped_kkt": bc.eps_kkt,
                    "backmapped_violation": float(bc.violation), "backmapped_violation_exact": str(bc.violation),
                    "backmapped_worst": bc.worst, "backmapped_value": str(bc.value)})
        doc["backmapped_x"] = [str(v) for v in xb]
    if output:
        if trajectory:
            doc["trajectory"] = res.extra["trajectory"]
        write_json(output, doc)
        out["output"] = output
    emit(out, as_json, f"descend {file}")

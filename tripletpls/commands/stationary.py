"""``tripletpls stationary``: certify a closed-form configuration of aligned NT-Xent."""
from __future__ import annotations

import click

from ._common import TAU, emit, json_option


@click.command("stationary")
@click.option("--config", type=click.Choice(["ngon", "collapse", "simplex"]), default="ngon", show_default=True)
@click.option("--n", type=click.IntRange(min=2), default=5, show_default=True)
@click.option("--dim", type=click.IntRange(min=2), default=None, help="Ambient dimension [default: 2, simplex n-1].")
@click.option("--tau", type=TAU, default=0.5, show_default=True, help="Temperature (1e-6 to 1e6).")
@click.option("--dps", type=click.IntRange(20, 1000), default=40, show_default=True, help="Interval precision (digits).")
@json_option
def command(config, n, dim, tau, dps, as_json):
    """Certify a closed-form configuration of aligned NT-Xent: value vs formula, interval bound on the
    Riemannian gradient, Hessian spectrum modulo rotations (and, for the n-gon, the exact circulant
    spectrum in 50-digit arithmetic)."""
    from ..pipeline.landscape import certify_closed_form, closed_form

    if n * (dim or max(n - 1, 2)) > 2048:
        raise click.BadParameter(f"n x dim = {n * (dim or max(n - 1, 2))} exceeds 2048 (the Hessian has (n dim)^2 "
                                 "entries)", param_hint="'--n'")
    Z, formula, dim = closed_form(config, n, dim, tau)
    if Z.shape[1] > dim:
        raise click.BadParameter(f"config {config} with n={n} needs dim >= {Z.shape[1]}", param_hint="'--dim'")
    emit(certify_closed_form(config, Z, formula, dim, tau, dps), as_json, f"{config} n={n}")

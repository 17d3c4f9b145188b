"""``tripletpls generate FAMILY ... -o FILE``: write a Max-Cut instance."""
from __future__ import annotations

import click

from instances import Assignment, doubling_chain, forced_chain, gnm, steep_chain, gnp, random_regular, torus, write_instance
from instances.generators import WEIGHTS

from ._common import emit, json_option, seed_option

FAMILIES = ("dc", "steep", "forced", "random", "gnp", "gnm", "torus", "regular", "qp")


def _shape(ctx, param, value):
    if value is None:
        return None
    try:
        dims = tuple(int(x) for x in value.lower().split("x"))
    except ValueError:
        raise click.BadParameter(f"expected sides like 8x8 or 8x8x8, got {value!r}") from None
    return dims


@click.command("generate")
@click.argument("family", type=click.Choice(FAMILIES))
@click.option("--n", type=click.IntRange(min=1), help="Levels of DC_n, SC_n (steep) or FC_n (forced), or number of vertices.")
@click.option("--p", type=click.FloatRange(0, 1), default=0.5, show_default=True, help="Edge probability (random, gnp).")
@click.option("--m", type=click.IntRange(min=0), help="Number of edges (gnm).")
@click.option("--shape", callback=_shape, help="Torus side lengths, e.g. 8x8 or 8x8x8.")
@click.option("--degree", type=click.IntRange(min=0), help="Degree (regular).")
@click.option("--weights", type=click.Choice(WEIGHTS), default=None,
              help="Weight distribution [default: unit; pm1 for torus].")
@click.option("--wmin", type=int, default=-10, show_default=True, help="Smallest weight (uniform).")
@click.option("--wmax", type=int, default=10, show_default=True, help="Largest weight (uniform).")
@click.option("--sigma", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Standard deviation (gaussian) [default: 100; 100000 for torus].")
@click.option("--start", type=click.Choice(["none", "plus", "random"]), default="none", show_default=True,
              help="Attach a start assignment (DC_n, SC_n and FC_n always carry their own).")
@seed_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Output file (.json: project JSON; .txt/.gset/.mc: Gset text).")
@click.option("--format", "fmt", type=click.Choice(["json", "gset"]), default=None, help="Override the format.")
@json_option
def command(family, n, p, m, shape, degree, weights, wmin, wmax, sigma, start, seed, output, fmt, as_json):
    """Generate a Max-Cut instance: the doubling chain DC_n (exponential for `first`), the steepest
    chain SC_n (exponential for `steepest` and `last`), the forced chain FC_n (one improving path of
    5*2^n-4 flips: exponential for every rule) or a seeded random family.

    \b
    Examples:
      tripletpls generate dc --n 20 -o dc20.json
      tripletpls generate steep --n 20 -o sc20.json
      tripletpls generate forced --n 5 -o fc5.json
      tripletpls generate random --n 800 --p 0.06 --seed 1 -o g800.json
      tripletpls generate torus --shape 8x8x8 --weights pm1 -o pm3-8-50.json
    """
    def need(value, name):
        if value is None:
            raise click.UsageError(f"family {family!r} needs --{name}")
        return value

    wopts = dict(wmin=wmin, wmax=wmax)
    if sigma is not None:
        wopts["sigma"] = sigma
    if family == "qp":  # a random box QP (QP-KKT source): entries uniform in [wmin, wmax], indefinite
        from instances.qp_generators import random_qp

        q = random_qp(need(n, "n"), seed=seed, low=wmin, high=wmax)
        write_instance(q, output, "json")
        return emit({"output": output, "family": family, "variables": q.n, "seed": seed}, as_json, "generated")
    if family == "dc":
        if need(n, "n") < 2:
            raise click.BadParameter("DC_n needs n >= 2", param_hint="'--n'")
        g = doubling_chain(n)
    elif family == "steep":
        g = steep_chain(need(n, "n"))
    elif family == "forced":
        if need(n, "n") < 2:
            raise click.BadParameter("FC_n needs n >= 2", param_hint="'--n'")
        g = forced_chain(n)
    elif family in ("random", "gnp"):
        g = gnp(need(n, "n"), p, weights=weights or "unit", seed=seed, **wopts)
    elif family == "gnm":
        g = gnm(need(n, "n"), need(m, "m"), weights=weights or "unit", seed=seed, **wopts)
    elif family == "torus":
        g = torus(need(shape, "shape"), weights=weights or "pm1", seed=seed, **wopts)
    else:
        g = random_regular(need(n, "n"), need(degree, "degree"), weights=weights or "unit", seed=seed, **wopts)
    if start == "plus":
        g = g.with_start(Assignment.plus(g.n))
    elif start == "random":
        g = g.with_start(Assignment.random(g.n, seed))
        g.meta["start_seed"] = seed
    write_instance(g, output, fmt)
    emit({"output": output, "family": family, "vertices": g.n, "edges": g.m,
          "max_weight_bits": g.max_weight_bits, "int64_safe": g.int64_safe,
          "has_start": g.start is not None, "seed": None if family in ("dc", "steep", "forced") else seed}, as_json, "generated")

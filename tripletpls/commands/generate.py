"""``tripletpls generate FAMILY ... -o FILE``: write a Max-Cut instance."""
from __future__ import annotations

import click

from instances import Assignment, InstanceError, doubling_chain, forced_chain, gnm, steep_chain, gnp, random_regular, torus, write_instance
from instances.generators import WEIGHTS

from ._common import OutputFile, check_suffix, emit, finite, format_of, json_option, seed_option

FAMILIES = ("dc", "steep", "forced", "random", "gnp", "gnm", "torus", "regular", "qp")
WEIGHT_BOUND = 2**63 - 1  # uniform weights are drawn by numpy in int64


def _shape(ctx, param, value):
    if value is None:
        return None
    try:
        dims = tuple(int(x) for x in value.lower().split("x", 3))
    except ValueError:
        raise click.BadParameter(f"expected sides like 8x8 or 8x8x8, got {value[:40]!r}") from None
    return dims


@click.command("generate")
@click.argument("family", type=click.Choice(FAMILIES))
@click.option("--n", type=click.IntRange(min=1), help="Levels of DC_n, SC_n (steep) or FC_n (forced), or number of vertices.")
@click.option("--p", type=finite(0, 1), default=0.5, show_default=True, help="Edge probability (random, gnp).")
@click.option("--m", type=click.IntRange(min=0), help="Number of edges (gnm).")
@click.option("--shape", callback=_shape, help="Torus side lengths, e.g. 8x8 or 8x8x8.")
@click.option("--degree", type=click.IntRange(min=0), help="Degree (regular).")
@click.option("--weights", type=click.Choice(WEIGHTS), default=None,
              help="Weight distribution [default: unit; pm1 for torus].")
@click.option("--wmin", type=click.IntRange(-WEIGHT_BOUND, WEIGHT_BOUND), default=-10, show_default=True,
              help="Smallest weight (uniform; |w| < 2^63).")
@click.option("--wmax", type=click.IntRange(-WEIGHT_BOUND, WEIGHT_BOUND), default=10, show_default=True,
              help="Largest weight (uniform; |w| < 2^63).")
@click.option("--sigma", type=finite(min=0, min_open=True, max=2.0**60), default=None,
              help="Standard deviation (gaussian; at most 2^60) [default: 100; 100000 for torus].")
@click.option("--start", type=click.Choice(["none", "plus", "random"]), default="none", show_default=True,
              help="Attach a start assignment (DC_n, SC_n and FC_n always carry their own).")
@seed_option
@click.option("-o", "--output", required=True, type=OutputFile(("json", "gset")),
              help="Output file (.json: project JSON; .txt/.gset/.mc: Gset text; '-': stdout, JSON).")
@click.option("--format", "fmt", type=click.Choice(["json", "gset"]), default=None,
              help="The format (the suffix of -o must not name another one).")
@click.option("--drop-start", is_flag=True,
              help="Allow Gset text to drop the start assignment (DC_n's own, or --start): local search from "
                   "the file then starts elsewhere.")
@json_option
def command(family, n, p, m, shape, degree, weights, wmin, wmax, sigma, start, seed, output, fmt, drop_start,
            as_json):
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

    fmt = fmt or format_of(output) or "json"
    if family == "qp" and fmt != "json":
        raise click.BadParameter("a QP is written as JSON only", param_hint="'--format'" if fmt else "'-o'")
    check_suffix(output, fmt, "-o")
    chains = {"dc": "DC_n", "steep": "SC_n", "forced": "FC_n"}  # they carry their own start
    if fmt == "gset" and not drop_start and (family in chains or start != "none"):
        why = f"{chains[family]} carries its own" if family in chains else f"--start {start}"
        raise click.BadParameter(f"Gset text has no room for the start assignment ({why}); "
                                 "write JSON, or give --drop-start to drop it", param_hint="'-o'")
    wopts = dict(wmin=wmin, wmax=wmax)
    if sigma is not None:
        wopts["sigma"] = sigma
    try:
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
    except InstanceError as e:
        if e.path is not None:
            raise
        raise click.UsageError(f"{family}: {e}") from None
    if start == "plus":
        g = g.with_start(Assignment.plus(g.n))
    elif start == "random":
        g = g.with_start(Assignment.random(g.n, seed))
        g.meta["start_seed"] = seed
    write_instance(g, output, fmt, drop_start=drop_start)
    emit({"output": output, "family": family, "vertices": g.n, "edges": g.m,
          "max_weight_bits": g.max_weight_bits, "int64_safe": g.int64_safe,
          "has_start": g.start is not None, "seed": None if family in chains else seed}, as_json, "generated")

"""``tripletpls design FILE``: integer weights that make a pivot rule follow a prescribed flip sequence,
or a checkable certificate that none exist."""
from __future__ import annotations

import json
import os

import click

from ._common import emit, json_option


def _macro(ctx, param, values):
    out = {}
    for v in values:
        head, sep, body = v.partition("=")
        if not sep or not head.strip():
            raise click.BadParameter(f"expected HEAD=BODY, e.g. 'act(k)=a{{k}} act(k-1)', got {v!r}")
        out[head.strip()] = body
    return out


@click.command("design")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--sequence", default=None,
              help="The intended flips: vertex names (or indices), and macro calls like act(3) [default: the "
                   "design file's]. Required with a graph file.")
@click.option("--macro", "macros", multiple=True, callback=_macro,
              help="A macro HEAD=BODY, e.g. 'act(k)=a{k} act(k-1) b{k} act(k-1)' or 'act(0)=p'; repeatable.")
@click.option("--rule", type=click.Choice(["steepest", "first", "last", "cyclic", "only", "any"]), default=None,
              help="The pivot rule to follow the sequence ('only': the sole improving flip at every step) "
                   "[default: the design file's, else steepest].")
@click.option("--no-final", is_flag=True, help="Do not require a local optimum after the last flip.")
@click.option("--positive", is_flag=True, help="Require every weight >= 1.")
@click.option("--strict", is_flag=True, help="No ties: every non-chosen gain strictly below (robust weights).")
@click.option("--objective", type=click.Choice(["max", "sum"]), default="max", show_default=True,
              help="What the LP minimises: the largest |weight| (short weights) or their sum (sparse designs).")
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Where to write the weighted graph (feasible) or the certificate (infeasible), JSON.")
@click.option("--check", is_flag=True, help="FILE is a design certificate: check it (exit 1 if it is invalid).")
@json_option
def command(file, sequence, macros, rule, no_final, positive, strict, objective, output, check, as_json):
    """Design integer edge weights on a skeleton so that a pivot rule makes exactly the given flips.

    FILE is a design file (kind "design": vertices, edges with optional weight classes, start, rule,
    sequence, macros) or any graph file, whose edges (weights ignored), names and start are used. The
    conditions are linear in the weights; an exact LP answers with integer weights (every inequality
    checked in integers, and the run replayed by the flip engine) or with a Farkas certificate: integer
    multipliers of the step inequalities that add up to 0 > 0. Both answers exit 0; `feasible` says which.

    \b
    Examples:
      tripletpls design skeleton.json --sequence "D act(3)" --macro "act(k)=a{k} act(k-1) b{k}" \\
          --macro "act(0)=p" --rule steepest -o designed.json --json
      tripletpls design cert.json --check --json
    """
    from instances import Graph, InstanceError
    from instances.io import read_text, write_json, write_instance

    from ..pipeline import design as flow

    if check:
        text = read_text(file)
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise InstanceError(f"invalid JSON: {e.msg}", file, e.lineno) from None
        res = flow.check_certificate(doc, file)
        emit({"file": file, **res}, as_json, f"design certificate {file}")
        raise click.exceptions.Exit(0 if res["valid"] else 1)
    if output is not None and os.path.exists(output) and os.path.exists(file) and os.path.samefile(output, file):
        raise click.BadParameter("would overwrite the input file", param_hint="'-o'")
    src = flow.read_spec(file)
    if isinstance(src, Graph):
        if sequence is None:
            raise click.UsageError("a graph file needs --sequence")
        spec = flow.spec_from_graph(src, sequence, macros, rule or "steepest", path=file)
    else:
        spec = src
        if sequence is not None:
            try:
                spec.sequence = flow.parse_sequence(sequence, spec.names, macros)
            except InstanceError as e:
                raise click.BadParameter(str(e), param_hint="'--sequence'") from None
        elif macros:
            raise click.UsageError("--macro needs --sequence")
        if rule is not None:
            spec.rule = rule
    spec.final = spec.final and not no_final
    spec.positive = spec.positive or positive
    spec.objective = objective
    spec.strict = spec.strict or strict
    out, obj = flow.solve(spec)
    if output is not None:
        if isinstance(obj, Graph):
            write_instance(obj, output, "json")
        else:
            write_json(output, obj)
        out["output"] = output
    elif not out["feasible"]:
        out["certificate"] = obj["combination"]
    if out["feasible"] and output is None:
        out["weights"] = [[spec.names[u], spec.names[v], w] for u, v, w in obj.edges]
    emit({"file": file, **out}, as_json, f"design {file}")

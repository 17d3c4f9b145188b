"""``tripletpls check FILE --assignment A``: certify (from scratch) that a solution is a local optimum."""
from __future__ import annotations

import json

import click

from instances import InstanceError, jsonio, read_assignment
from instances.io import read_text
from localsearch.maxcut.certificate import certify_flip

from .._common import emit, json_option, load


def read_solution(path: str, inst):
    """A triplet-instance solution written by ``search -o`` (positions, parent or order)."""
    try:
        d = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise InstanceError(f"invalid JSON: {e.msg}", path, e.lineno) from None
    if isinstance(d, dict):
        d = d.get("positions", d) if not ("parent" in d or "order" in d) else d
    try:
        return jsonio.decode_solution(d, inst.target, inst.dim)
    except InstanceError as e:
        raise e.at(path) from None


@click.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--assignment", "assignment_file", type=click.Path(dir_okay=False), default=None,
              help="A +1/-1 assignment (JSON {\"assignment\": [...]} or one value per line) for a graph.")
@click.option("--solution", "solution_file", type=click.Path(dir_okay=False), default=None,
              help="A solution of a triplet instance, as written by `search -o`.")
@json_option
def command(file, assignment_file, solution_file, as_json):
    """Is the given solution a local optimum? Gives an improving move (witness) if not."""
    if (assignment_file is None) == (solution_file is None):
        raise click.UsageError("give exactly one of --assignment (graphs) or --solution (triplet instances)")
    if assignment_file is not None:
        graph = load(file, expect="graph")
        s = read_assignment(assignment_file, graph.n)
        cert = certify_flip(graph, s)
        out = {"file": file, "kind": "graph", "local_optimum": cert.local_optimum, "witness": cert.witness,
               "gain": cert.gain, "cut": cert.value}
    else:
        from .search import engine_for

        inst = load(file, expect="triplets")
        sol = read_solution(solution_file, inst)
        cert = engine_for(inst).certify(inst, sol)
        out = {"file": file, "kind": "triplets", "target": inst.target, "local_optimum": cert.local_optimum,
               "witness": cert.witness, "gain": cert.gain, "satisfied_weight": cert.value}
    emit(out, as_json, f"check {file}")

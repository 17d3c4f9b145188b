"""``tripletpls check FILE --assignment A``: certify (from scratch) that a solution is a local optimum."""
from __future__ import annotations

import click

from ._common import emit, json_option, load


@click.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--assignment", "assignment_file", type=click.Path(dir_okay=False), default=None,
              help="A +1/-1 assignment (JSON {\"assignment\": [...]} or one value per line) for a graph.")
@click.option("--solution", "solution_file", type=click.Path(dir_okay=False), default=None,
              help="A solution of a triplet instance, as written by `search -o`.")
@json_option
def command(file, assignment_file, solution_file, as_json):
    """Is the given solution a local optimum? Gives an improving move (witness) if not.

    Exit code 0 when the certificate holds (a local optimum), 1 when an improving move exists (as
    cmp and diff do), 2 on bad input.
    """
    from ..pipeline.engines import engine_for
    from ..pipeline.solutions import read_solution

    if (assignment_file is None) == (solution_file is None):
        raise click.UsageError("give exactly one of --assignment (graphs) or --solution (triplet instances)")
    inst = load(file, expect="graph" if assignment_file is not None else "triplets")
    solution = read_solution(assignment_file or solution_file, inst)
    cert = engine_for(inst).certify(inst, solution)
    if assignment_file is not None:
        out = {"file": file, "kind": "graph", "local_optimum": cert.local_optimum, "witness": cert.witness,
               "gain": cert.gain, "cut": cert.value}
    else:
        out = {"file": file, "kind": "triplets", "target": inst.target, "local_optimum": cert.local_optimum,
               "witness": cert.witness, "gain": cert.gain, "satisfied_weight": cert.value}
    emit(out, as_json, f"check {file}")
    return 0 if cert.local_optimum else 1

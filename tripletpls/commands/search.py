"""``tripletpls search FILE --rule RULE``: local search on a triplet instance, certified, back-mapped."""
from __future__ import annotations

import click

from instances import Graph, InstanceError, TripletInstance, jsonio
from instances.io import write_json
from localsearch.core.rules import RULES
from localsearch.triplets.registry import engine_for

from .._common import emit, json_option, load, progress, seed_option

def backmap_report(inst: TripletInstance, solution) -> dict:
    """For a reduced instance: the back-mapped source solution, its value and its certificate."""
    red = inst.meta.get("reduction")
    if not isinstance(red, dict) or "name" not in red:
        return {}
    from localsearch.maxcut.certificate import certify_flip
    from reductions import target_module

    source = jsonio.from_json(red["source"])
    assignment = target_module(red["name"]).backmap(inst, solution)
    cert = certify_flip(source, assignment)
    return {"backmapped_cut": cert.value, "backmapped_local_optimum": cert.local_optimum,
            "backmapped_witness": cert.witness, "backmapped_assignment": list(assignment)}


def write_solution(path: str, inst: TripletInstance, solution, backmap: dict, **meta) -> None:
    """A solution file: ``meta``, then the solution (parent / order / positions as exact JSON) and the
    back-mapped assignment of a reduced instance."""
    sol = jsonio.encode_value(solution)
    doc = {"kind": "solution", "target": inst.target, **meta}
    doc.update(sol if isinstance(sol, dict) else {"positions": sol})
    if backmap:
        doc["backmapped_assignment"] = backmap["backmapped_assignment"]
    write_json(path, doc)


@click.command("search")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--rule", type=click.Choice(RULES), default="first", show_default=True, help="Pivot rule.")
@click.option("--start", type=click.Choice(["instance", "random"]), default="instance", show_default=True,
              help="The instance's own start, or a seeded random solution (any embedding/tree/order).")
@seed_option
@click.option("--max-steps", type=click.IntRange(min=0), default=None, help="Stop after this many moves.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=None, help="Seconds.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write the final solution (JSON).")
@json_option
def command(file, rule, start, seed, max_steps, time_limit, output, as_json):
    """Local search on a triplet instance (line, R^d, tree, betweenness); certify; back-map if reduced."""
    inst = load(file, expect="triplets")
    engine = engine_for(inst)
    if rule not in engine.RULES:
        raise click.BadParameter(f"rule {rule!r} not supported for target {inst.target!r} "
                                 f"(supported: {', '.join(engine.RULES)})", param_hint="'--rule'")
    if start == "instance":
        if inst.start is None:
            raise InstanceError("instance has no start solution; use --start random", file)
        sol0 = inst.start
    else:
        sol0 = engine.random_solution(inst, seed)
    with progress(None, f"search {rule}", enabled=not as_json) as advance:
        res = engine.local_search(inst, rule=rule, start=sol0, seed=seed, max_steps=max_steps,
                                  time_limit=time_limit, progress=advance)
    cert = engine.certify(inst, res.solution)
    out = {"file": file, "rule": rule, "start": start, "seed": seed, "steps": res.steps, "status": res.status,
           "satisfied_weight": cert.value, "start_weight": res.start_value, "total_weight": inst.total_weight,
           "local_optimum": cert.local_optimum, "witness": cert.witness, "seconds": res.seconds}
    bm = backmap_report(inst, res.solution)
    out.update({k: v for k, v in bm.items() if k != "backmapped_assignment"})
    if output:
        write_solution(output, inst, res.solution, bm, rule=rule, seed=seed, steps=res.steps)
    emit(out, as_json, f"search {file}")

"""``tripletpls search FILE --rule RULE``: local search on a triplet instance, certified, back-mapped."""
from __future__ import annotations

import click

from instances import InstanceError
from localsearch.core.rules import RULES

from ._common import emit, json_option, load, progress, seed_option


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
    """Local search on a triplet instance (line, R^d, tree, betweenness); certify; back-map if reduced.

    FILE is the project's JSON, or triplets in cblearn's formats: a .npy (t, 3) list-order array (or
    (t, 4) with responses y last), or CSV rows i,j,k (or i,j,k,y); these have no start (use --start random).
    """
    from ..pipeline.engines import engine_for
    from ..pipeline.search import choose_start, search
    from ..pipeline.solutions import write_solution

    inst = load(file, expect="triplets")
    engine = engine_for(inst)
    if rule not in engine.RULES:
        raise click.BadParameter(f"rule {rule!r} not supported for target {inst.target!r} "
                                 f"(supported: {', '.join(engine.RULES)})", param_hint="'--rule'")
    try:
        sol0, _ = choose_start(inst, start, seed, engine)
    except InstanceError as e:
        raise e.at(file) from None
    with progress(None, f"search {rule}", unit="moves") as advance:
        try:
            run = search(inst, rule=rule, start=sol0, seed=seed, max_steps=max_steps, time_limit=time_limit,
                         progress=advance, engine=engine)
        except InstanceError as e:  # e.g. no exact best move for this instance in this dimension
            raise e.at(file) from None
    res, cert, bm = run.result, run.certificate, run.backmap
    out = {"file": file, "rule": rule, "start": start, "seed": seed, "steps": res.steps, "status": res.status,
           "satisfied_weight": cert.value, "start_weight": res.start_value, "total_weight": inst.total_weight,
           "local_optimum": cert.local_optimum, "witness": cert.witness, "seconds": res.seconds}
    out.update({k: v for k, v in bm.items() if k != "backmapped_assignment"})
    if output:
        write_solution(output, inst, res.solution, bm, rule=rule, seed=seed, steps=res.steps)
    emit(out, as_json, f"search {file}")

"""``tripletpls flip FILE --rule RULE``: Local Max-Cut search with exact step counts, certified."""
from __future__ import annotations

import click

from localsearch.core.rules import RULES

from ._common import emit, json_option, load, progress, seed_option


@click.command("flip")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--rule", type=click.Choice(RULES), default="first", show_default=True, help="Pivot rule (docs/cli.md).")
@click.option("--start", type=click.Choice(["instance", "random", "plus"]), default="instance", show_default=True,
              help="The file's own start (all +1 if it has none), a seeded random one, or all +1.")
@seed_option
@click.option("--max-steps", type=click.IntRange(min=0), default=None, help="Stop after this many flips in total.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=None, help="Seconds of search.")
@click.option("--arithmetic", type=click.Choice(["auto", "int64", "int128", "python"]), default="auto",
              show_default=True, help="Force an arithmetic path (refused if it could overflow).")
@click.option("--trajectory", type=click.Path(dir_okay=False), default=None,
              help="Stream the flipped vertices to this file, one per line.")
@click.option("--checkpoint", type=click.Path(dir_okay=False), default=None,
              help="Save the run state to this file periodically and at the end (resume with --resume).")
@click.option("--checkpoint-every", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds between checkpoints.")
@click.option("--resume", type=click.Path(dir_okay=False), default=None,
              help="Continue the run saved in this checkpoint (its rule, seed and state win).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the final assignment as JSON {\"assignment\": [...]}.")
@json_option
def command(file, rule, start, seed, max_steps, time_limit, arithmetic, trajectory, checkpoint, checkpoint_every,
            resume, output, as_json):
    """Flip local search on a Max-Cut instance (project JSON or Gset text) until a local optimum."""
    from ..pipeline.search import flip_session
    from ..pipeline.solutions import write_solution

    graph = load(file, expect="graph")
    session = flip_session(graph, rule, start, seed, arithmetic, resume=resume)
    with progress(max_steps, f"flip {session.rule}", unit="flips") as advance:
        run = session.run(max_steps=max_steps, time_limit=time_limit, trajectory=trajectory, checkpoint=checkpoint,
                          checkpoint_every=checkpoint_every, progress=advance)
    res, cert = run.result, run.certificate
    out = {"file": file, "rule": session.rule, "start": run.start, "seed": session.seed, "steps": res.steps,
           "status": res.status, "cut": cert.value, "start_cut": res.start_value, "local_optimum": cert.local_optimum,
           "witness": cert.witness, "seconds": res.seconds, "arithmetic": res.extra["arithmetic"],
           "vertices": graph.n, "edges": graph.m}
    if output:
        write_solution(output, graph, res.solution, rule=session.rule, seed=session.seed, start=run.start,
                       steps=res.steps, cut=cert.value)
    emit(out, as_json, f"flip {file}")

"""``tripletpls flip FILE --rule RULE``: Local Max-Cut search with exact step counts, certified."""
from __future__ import annotations

import json
import time

import click

from instances import Assignment, InstanceError
from instances.io import read_text, write_json
from localsearch.core.rules import RULES
from localsearch.maxcut.certificate import certify_flip

from .._common import emit, json_option, load, progress, seed_option


def start_assignment(graph, start: str, seed: int) -> tuple[Assignment, str]:
    """The start for ``--start``; ``instance`` falls back to all +1 when the file has none."""
    if start == "random":
        return Assignment.random(graph.n, seed), "random"
    if start == "instance" and graph.start is not None:
        return graph.start, "instance"
    return Assignment.plus(graph.n), "plus"


def read_checkpoint(path: str) -> dict:
    try:
        d = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise InstanceError(f"invalid JSON: {e.msg}", path, e.lineno) from None
    if not isinstance(d, dict) or d.get("kind") != "flip-checkpoint":
        raise InstanceError("not a flip checkpoint (kind 'flip-checkpoint')", path)
    return d


@click.command("flip")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--rule", type=click.Choice(RULES), default="first", show_default=True, help="Pivot rule (SPEC section 1).")
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
    from localsearch.maxcut.flip import FlipSearch

    graph = load(file, expect="graph")
    if resume:
        state = read_checkpoint(resume)
        rule, seed = state.get("rule", rule), int(state.get("seed", seed))
        try:
            search = FlipSearch(graph, rule, seed=seed, arithmetic=arithmetic, state=state)
        except (KeyError, TypeError, ValueError) as e:
            raise (e.at(resume) if isinstance(e, InstanceError) else InstanceError(f"bad checkpoint: {e}", resume)) from None
        start_name = state.get("start", "checkpoint")
    else:
        s0, start_name = start_assignment(graph, start, seed)
        search = FlipSearch(graph, rule, s0, seed, arithmetic)
    every = checkpoint_every if checkpoint else None
    traj = open(trajectory, "a" if resume else "w") if trajectory else None
    t_end = None if time_limit is None else time.perf_counter() + time_limit
    try:
        with progress(max_steps, f"flip {rule}", enabled=not as_json) as advance:
            while True:
                budget = None if t_end is None else max(t_end - time.perf_counter(), 1e-9)
                limit = every if budget is None else (budget if every is None else min(every, budget))
                res = search.run(max_steps=max_steps, time_limit=limit, trajectory=traj, progress=advance)
                if checkpoint:
                    write_json(checkpoint, dict(search.state(), start=start_name))
                if res.status != "time_limit" or (t_end is not None and time.perf_counter() >= t_end):
                    break
    finally:
        if traj is not None:
            traj.close()
    cert = certify_flip(graph, res.solution)
    out = {"file": file, "rule": rule, "start": start_name, "seed": seed, "steps": res.steps, "status": res.status,
           "cut": cert.value, "start_cut": res.start_value, "local_optimum": cert.local_optimum,
           "witness": cert.witness, "seconds": res.seconds, "arithmetic": res.extra["arithmetic"],
           "vertices": graph.n, "edges": graph.m}
    if output:
        write_json(output, {"kind": "assignment", "assignment": list(res.solution.signs), "rule": rule,
                            "seed": seed, "start": start_name, "steps": res.steps, "cut": cert.value})
    emit(out, as_json, f"flip {file}")

"""``tripletpls paths FILE``: every improving flip sequence from a start (small graphs)."""
from __future__ import annotations

import click

from instances import Assignment, InstanceError

from .._common import emit, json_option, load, seed_option


@click.command("paths")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--start", type=click.Choice(["instance", "plus", "random"]), default="instance", show_default=True,
              help="The graph's own start (all +1 if it has none), all +1, or a seeded random assignment.")
@seed_option
@click.option("--max-states", type=click.IntRange(min=1), default=None,
              help="Refuse when more assignments are reachable [default: 8000000, ~56 bytes each].")
@click.option("--no-witness", is_flag=True, help="Omit the witness flip sequences from the output.")
@json_option
def command(file, start, seed, max_states, no_witness, as_json):
    """Longest and shortest improving flip sequences over ALL pivot rules, exhaustively (n <= 30).

    Every pivot rule's step count from this start lies between `shortest` and `longest`.

    \b
    Examples:
      tripletpls generate dc --n 6 -o dc6.json && tripletpls paths dc6.json --json
      tripletpls paths g.json --start random --seed 3 --json
    """
    from localsearch.maxcut.certificate import certify_flip
    from localsearch.maxcut.paths import DEFAULT_MAX_STATES, improving_paths

    graph = load(file, expect="graph")
    if start == "instance":
        s0 = graph.start if graph.start is not None else Assignment.plus(graph.n)
    elif start == "plus":
        s0 = Assignment.plus(graph.n)
    else:
        s0 = Assignment.random(graph.n, seed)
    try:
        res = improving_paths(graph, s0, max_states=max_states or DEFAULT_MAX_STATES)
    except InstanceError as e:
        raise e.at(file) from None
    out = {"file": file}
    out.update(res.to_json())
    for key, path in (("longest", res.longest_path), ("shortest", res.shortest_path)):
        end = s0
        for v in path:  # replay independently: every flip must improve, the end must be a local optimum
            if graph.gains(end)[v] <= 0:
                raise RuntimeError(f"witness of {key} path flips vertex {v} without improvement")
            end = end.flipped(v)
        cert = certify_flip(graph, end)
        out[f"{key}_end_cut"], out[f"{key}_end_local_optimum"] = cert.value, cert.local_optimum
    out["start_assignment"] = out.pop("start")
    out.update(start=start, seed=seed)
    if no_witness:
        del out["longest_path"], out["shortest_path"]
    emit(out, as_json, f"paths {file}")

"""``tripletpls paths FILE``: every improving flip sequence from a start (small graphs)."""
from __future__ import annotations

import click

from ._common import InstanceError, emit, json_option, load, seed_option


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
    from ..pipeline.paths import certified_paths
    from ..pipeline.search import choose_start

    graph = load(file, expect="graph")
    s0, _ = choose_start(graph, start, seed)
    try:
        res, ends = certified_paths(graph, s0, max_states, where=file)
    except InstanceError as e:
        if "max_states" not in e.problem:
            raise
        raise click.BadParameter(f"{file}: {e.problem.replace('max_states', '--max-states')}",
                                 param_hint="'--max-states'") from None
    out = {"file": file}
    out.update(res.to_json())
    for key, cert in ends.items():
        out[f"{key}_end_cut"], out[f"{key}_end_local_optimum"] = cert.value, cert.local_optimum
    out["start_assignment"] = out.pop("start")
    out.update(start=start, seed=seed)
    if no_witness:
        del out["longest_path"], out["shortest_path"]
    emit(out, as_json, f"paths {file}")

"""``tripletpls reduce FILE --to TARGET -o OUT``: apply a reduction (forward map) to an instance."""
from __future__ import annotations

import click

from instances import InstanceError, jsonio, write_instance
from reductions import TARGETS, target_module

from .._common import emit, json_option, load


def describe_reduced(inst) -> dict:
    """Size keys of a reduced instance: points/triplets, or variables/terms for continuous targets."""
    if hasattr(inst, "describe"):
        return inst.describe()
    return {"points": inst.points, "triplets": len(inst.triplets), "dim": inst.dim, "target": inst.target,
            "max_weight_bits": inst.max_weight_bits}


@click.command("reduce")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--to", "target", required=True, type=click.Choice(sorted(TARGETS)), help="Reduction target.")
@click.option("--dim", type=click.IntRange(min=1), default=None, help="Dimension for --to rd (default 2) or triplet-loss (default 1).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Where to write the reduced instance (JSON).")
@json_option
def command(file, target, dim, output, as_json):
    """Map an instance to a contrastive-learning instance; the output carries what the back map needs.

    \b
    Examples:
      tripletpls reduce dc6.json --to line -o dc6.line.json
      tripletpls reduce g.json --to rd --dim 3 -o g.r3.json
    """
    try:
        mod = target_module(target)
    except ImportError:
        raise click.UsageError(f"reduction target {target!r} is not available in this version") from None
    source_kind = getattr(mod, "SOURCE_KIND", "graph")
    src = load(file, expect=source_kind)
    options = {}
    if dim is not None:
        if target not in ("rd", "triplet-loss"):
            raise click.BadParameter(f"--dim applies to --to rd and triplet-loss only, not {target!r}", param_hint="'--dim'")
        options["dim"] = dim
    inst = mod.reduce(src, **options)
    write_instance(inst, output, "json")
    out = {"output": output, "target": target, "source": file}
    out.update(describe_reduced(inst))
    emit(out, as_json, f"reduce {file} -> {target}")

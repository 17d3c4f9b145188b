"""``tripletpls reduce FILE --to TARGET -o OUT``: apply a reduction (forward map) to an instance."""
from __future__ import annotations

import click

from instances import write_instance
from reductions import TARGETS, target_module

from ._common import emit, json_option, load


@click.command("reduce")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--to", "target", required=True, type=click.Choice(sorted(TARGETS)), help="Reduction target.")
@click.option("--dim", type=click.IntRange(min=1), default=None, help="Dimension for --to rd (default 2) or triplet-loss (default 1).")
@click.option("--construction", type=click.Choice(["radial", "embedded-line"]), default=None,
              help="--to rd: the radial reduction (default), or the line instance on an axis of R^dim, which is "
                   "tight from its start but NOT a reduction (kept as the counterexample).")
@click.option("--loss", "loss_fn", type=click.Choice(["hinge", "squared_hinge"]), default=None,
              help="--to triplet-loss: the loss (default hinge; squared_hinge needs --eps).")
@click.option("--eps", default=None, help="--to triplet-loss --loss squared_hinge: target QP accuracy (number or p/q).")
@click.option("--form", type=click.Choice(["ordering", "positions"]), default=None,
              help="--to nonbetweenness: solutions as orderings (default) or as points on the line (exact positions).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the reduced instance: JSON, or cblearn's triplet array when it ends in .npy or "
                   ".csv (each triplet repeated by its weight; no back map).")
@json_option
def command(file, target, dim, construction, loss_fn, eps, form, output, as_json):
    """Map an instance to a contrastive-learning instance; the output carries what the back map needs.

    \b
    Examples:
      tripletpls reduce dc6.json --to line -o dc6.line.json
      tripletpls reduce g.json --to rd --dim 3 -o g.r3.json
      tripletpls reduce g.json --to rd --dim 130 --construction embedded-line -o g.e130.json
      tripletpls reduce q.json --to triplet-loss --loss squared_hinge --eps 1/100 -o q.loss.json
      tripletpls reduce g.txt --to line -o g.line.npy      # cblearn's (t, 3) list-order array
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
    for name, value in (("loss", loss_fn), ("eps", eps)):
        if value is not None:
            if target != "triplet-loss":
                raise click.BadParameter(f"--{name} applies to --to triplet-loss only", param_hint=f"'--{name}'")
            options[name] = value
    if construction is not None:
        if target != "rd":
            raise click.BadParameter("--construction applies to --to rd only", param_hint="'--construction'")
        options["construction"] = construction
    if form is not None:
        if target != "nonbetweenness":
            raise click.BadParameter("--form applies to --to nonbetweenness only", param_hint="'--form'")
        options["form"] = form
    from ..pipeline.describe import describe_reduced

    inst = mod.reduce(src, **options)
    write_instance(inst, output)
    out = {"output": output, "target": target, "source": file}
    out.update(describe_reduced(inst))
    if target == "rd":
        out["construction"] = inst.meta["reduction"]["construction"]
    emit(out, as_json, f"reduce {file} -> {target}")

"""``tripletpls allsat FILE``: can every triplet hold at once (in high dimension)? Exact answer."""
from __future__ import annotations

import click

from instances import InstanceError

from ._common import emit, json_option, load


@click.command("allsat")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--cut", "cut_file", type=click.Path(dir_okay=False), default=None,
              help="Line/rd reduced instances: a +1/-1 assignment the embedding's back map must read.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the integer embedding as a solution (the instance needs dim >= dim_integer).")
@json_option
def command(file, cut_file, output, as_json):
    """Either a cycle of distance relations (no embedding in any dimension satisfies every triplet) or
    an exact integer embedding satisfying all of them in R^dim_integer (and a proof for R^(m-1)).

    \b
    Examples:
      tripletpls allsat inst.json --json
      tripletpls reduce g.json --to rd --dim 231 --construction embedded-line -o g.rd.json
      tripletpls allsat g.rd.json --cut cut.json -o sol.json --json
      tripletpls check g.rd.json --solution sol.json --json
    """
    from ..pipeline.allsat import (allsat_embedding, cut_relations, realisability, reduction_of,
                                   require_euclidean, write_allsat)

    inst = load(file, expect="triplets")
    require_euclidean(inst, file)
    extra = []
    if cut_file is not None:
        if reduction_of(inst).get("name") not in ("line", "rd"):
            raise click.BadParameter("--cut needs an instance made by `reduce --to line|rd`", param_hint="'--cut'")
        extra = cut_relations(inst, cut_file)
    out = {"file": file, **realisability(inst, extra)}
    if output is not None:
        if out["cycle"] is not None:
            raise InstanceError(f"no embedding satisfies every triplet{' and the cut' if extra else ''} "
                                f"(cycle of distance relations {[tuple(p) for p in out['cycle']]}); nothing written",
                                file)
        if inst.dim < out["dim_integer"]:
            raise click.BadParameter(f"the instance has dim {inst.dim}; the integer embedding needs "
                                     f"{out['dim_integer']} (reduce again with --dim {out['dim_integer']})",
                                     param_hint="'-o'")
        pos, bm = allsat_embedding(inst, extra)
        write_allsat(output, inst, pos, bm)
        out.update({k: v for k, v in bm.items() if k != "backmapped_assignment"})
        out.update({"output": output, "satisfied_weight": inst.satisfied_weight(pos)})
    emit(out, as_json, f"allsat {file}")

"""``tripletpls allsat FILE``: can every triplet hold at once (in high dimension)? Exact answer."""
from __future__ import annotations

import click

from instances import InstanceError, jsonio, read_assignment
from instances.io import write_json

from .._common import emit, json_option, load

GRAM_MAX_POINTS = 60  # exact O(m^3) rational elimination beyond this is slow; reported as null


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
      tripletpls reduce g.json --to rd --dim 231 -o g.rd.json
      tripletpls allsat g.rd.json --cut cut.json -o sol.json --json
      tripletpls check g.rd.json --solution sol.json --json
    """
    from localsearch.triplets.realisation import embedding_dim, find_cycle, gram_pivots, integer_embedding

    inst = load(file, expect="triplets")
    if inst.target != "euclidean":
        raise InstanceError(f"allsat applies to euclidean triplet instances, not {inst.target!r}", file)
    red = inst.meta.get("reduction") if isinstance(inst.meta.get("reduction"), dict) else {}
    extra = []
    if cut_file is not None:
        if red.get("name") not in ("line", "rd"):
            raise click.BadParameter("--cut needs an instance made by `reduce --to line|rd`", param_hint="'--cut'")
        from reductions import to_rd as rd

        extra = rd.side_relations(inst, read_assignment(cut_file, red["vertex_points"]))
    m = inst.points
    cycle = find_cycle(inst, extra)
    out = {"file": file, "points": m, "triplets": len(inst.triplets), "total_weight": inst.total_weight,
           "all_satisfiable": cycle is None, "cycle": [list(p) for p in cycle] if cycle else None,
           "dim_integer": embedding_dim(m), "dim_gram": max(m - 1, 0), "gram_positive_definite": None}
    if cycle is None and m <= GRAM_MAX_POINTS:
        out["gram_positive_definite"] = all(p > 0 for p in gram_pivots(inst, extra))
    if output is not None:
        if cycle is not None:
            raise InstanceError(f"no embedding satisfies every triplet{' and the cut' if extra else ''} "
                                f"(cycle of distance relations {cycle}); nothing written", file)
        if inst.dim < embedding_dim(m):
            raise click.BadParameter(f"the instance has dim {inst.dim}; the integer embedding needs "
                                     f"{embedding_dim(m)} (reduce again with --dim {embedding_dim(m)})",
                                     param_hint="'-o'")
        pos = inst.check_solution(integer_embedding(inst, extra))
        doc = {"kind": "solution", "target": inst.target, "method": "allsat", "positions": jsonio.encode_value(pos)}
        if red:
            from .search import backmap_report

            bm = backmap_report(inst, pos)
            doc["backmapped_assignment"] = bm.pop("backmapped_assignment")
            out.update(bm)
        write_json(output, doc)
        out.update({"output": output, "satisfied_weight": inst.satisfied_weight(pos)})
    emit(out, as_json, f"allsat {file}")

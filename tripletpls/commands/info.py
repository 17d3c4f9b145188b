"""``tripletpls info FILE``: kind, sizes, weight range in bits, whether int64 arithmetic suffices."""
from __future__ import annotations

import click

from instances import Graph, QP, TripletInstance

from .._common import emit, json_option, load


def describe(obj) -> dict:
    """Summary of any instance (the data behind ``info``)."""
    if isinstance(obj, Graph):
        ws = [w for _, _, w in obj.edges]
        return {"kind": "graph", "vertices": obj.n, "edges": obj.m,
                "min_weight": min(ws, default=0), "max_weight": max(ws, default=0),
                "negative_edges": sum(w < 0 for w in ws), "max_weight_bits": obj.max_weight_bits,
                "max_gain_bits": max(obj.abs_degree, default=0).bit_length(),
                "int64_safe": obj.int64_safe, "has_start": obj.start is not None,
                "start_cut": obj.cut_value(obj.start) if obj.start is not None else None,
                "meta": dict(obj.meta)}
    if isinstance(obj, TripletInstance):
        total = obj.total_weight
        return {"kind": "triplets", "target": obj.target, "points": obj.points, "dim": obj.dim,
                "triplets": len(obj.triplets), "total_weight": total,
                "max_weight_bits": obj.max_weight_bits, "int64_safe": total < 2**63,
                "has_start": obj.start is not None,
                "reduction": (obj.meta.get("reduction") or {}).get("name") if isinstance(obj.meta.get("reduction"), dict) else None}
    if isinstance(obj, QP):
        return {"kind": "qp", "variables": obj.n,
                "nonzeros": sum(x != 0 for row in obj.Q for x in row) + sum(x != 0 for x in obj.c)}
    d = {"kind": getattr(obj, "kind", type(obj).__name__)}
    if hasattr(obj, "describe"):
        d.update(obj.describe())
    return d


@click.command("info")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--duplicates", type=click.Choice(["error", "sum", "last"]), default="error", show_default=True,
              help="What a Gset file's repeated edge means.")
@json_option
def command(file, duplicates, as_json):
    """Describe an instance file (project JSON or Gset/rudy/Biq Mac text)."""
    obj = load(file, duplicates=duplicates)
    info = describe(obj)
    info["file"] = file
    emit(info, as_json, f"info {file}")

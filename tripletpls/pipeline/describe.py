"""Size summaries of instances: what ``info`` prints about a file and ``reduce`` about its output.

>>> from instances import doubling_chain
>>> d = describe(doubling_chain(3))
>>> d["kind"], d["vertices"], d["edges"], d["int64_safe"]
('graph', 10, 19, True)
"""
from __future__ import annotations

from instances import QP, Graph, TripletInstance


def describe(obj) -> dict:
    """Kind, sizes, weight range in bits and whether int64 arithmetic suffices, for any instance.

    Parameters
    ----------
    obj : Graph, TripletInstance, QP or another instance
        The instance.

    Returns
    -------
    dict
        A graph: ``vertices``, ``edges``, weight range, ``negative_edges``, ``max_weight_bits``,
        ``max_gain_bits``, ``int64_safe``, ``has_start``, ``start_cut``, ``meta``. A triplet instance:
        ``target``, ``points``, ``dim``, ``triplets``, ``total_weight``, ``max_weight_bits``,
        ``int64_safe``, ``has_start``, ``reduction``. A QP: ``variables``, ``nonzeros``. Anything else:
        its ``kind`` and its own ``describe()``.
    """
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


def describe_reduced(inst) -> dict:
    """Size keys of a reduced instance: points and triplets, or the continuous target's own summary.

    Parameters
    ----------
    inst : TripletInstance or TripletLoss
        The output of a reduction.

    Returns
    -------
    dict
        ``inst.describe()`` when it has one (continuous targets); else ``points``, ``triplets``,
        ``dim``, ``target``, ``max_weight_bits``.
    """
    if hasattr(inst, "describe"):
        return inst.describe()
    return {"points": inst.points, "triplets": len(inst.triplets), "dim": inst.dim, "target": inst.target,
            "max_weight_bits": inst.max_weight_bits}

"""The project's own JSON for every instance kind: 0-indexed, always with a ``kind`` key, exact.

Integers of any size are written as JSON integers; rationals as strings ``"p/q"`` (or ``"p"``); floats
are accepted on input wherever a rational is and converted exactly.

- graph:    {"kind": "graph", "vertices": n, "edges": [[u, v, w], ...], "start": [+1/-1...] | null,
             "names": [...] | null, "meta": {...}}
- triplets: {"kind": "triplets", "target": "euclidean"|"tree"|"betweenness"|"nonbetweenness",
             "points": m, "dim": d, "triplets": [[a, b, c, w], ...], "start": S | null, ...}
             where S is a list of positions (flat for d = 1), {"parent": [...]} or {"order": [...]}.
- qp:       {"kind": "qp", "Q": [[...]], "c": [...]} on the box [0,1]^n.

Other kinds register themselves with ``register_kind``.

>>> from instances.dc import doubling_chain
>>> g = doubling_chain(30)
>>> loads(dumps(g)) == g
True
"""
from __future__ import annotations

import json
from fractions import Fraction
from typing import Any, Callable

from .errors import InstanceError
from .graph import Assignment, Graph
from .qp import QP
from .triplets import Ordering, Tree, TripletInstance, positions_from

_READERS: dict[str, Callable[[dict], Any]] = {}
_WRITERS: dict[type, Callable[[Any], dict]] = {}


def register_kind(kind: str, cls: type, to_json: Callable[[Any], dict], from_json: Callable[[dict], Any]) -> None:
    """Make ``dumps``/``loads`` handle another instance kind."""
    _READERS[kind] = from_json
    _WRITERS[cls] = to_json


def kinds() -> tuple[str, ...]:
    return tuple(_READERS)


# --- values ----------------------------------------------------------------------------------------
def rational_str(x) -> str:
    return str(Fraction(x))


def encode_value(x):
    """JSON-able form of a solution value: Fractions -> "p/q", tuples -> lists, Trees/Orderings -> dicts."""
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, Tree):
        return {"parent": list(x.parent)}
    if isinstance(x, Ordering):
        return {"order": list(x.order)}
    if isinstance(x, Assignment):
        return list(x.signs)
    if isinstance(x, (list, tuple)):
        return [encode_value(v) for v in x]
    return x


def _need(d: dict, key: str, kind: str):
    if key not in d:
        raise InstanceError(f"{kind} JSON lacks the key {key!r}")
    return d[key]


def _int(x, what: str) -> int:
    if isinstance(x, bool) or not isinstance(x, int):
        raise InstanceError(f"{what} must be an integer, got {x!r}")
    return x


def _list(x, what: str) -> list:
    if not isinstance(x, list):
        raise InstanceError(f"{what} must be a list, got {type(x).__name__}")
    return x


def _int_rows(rows, width: int, what: str, shape: str) -> tuple:
    """A list of integer rows of the given width (edges, triplets)."""
    out = []
    for k, r in enumerate(_list(rows, f"'{what}s'")):
        if not isinstance(r, list) or len(r) != width:
            raise InstanceError(f"{what} {k} must be {shape}, got {r!r}")
        out.append(tuple(_int(x, f"{what} {k} entry") for x in r))
    return tuple(out)


def _names(d: dict):
    names = d.get("names")
    return None if names is None else tuple(str(x) for x in _list(names, "'names'"))


def _meta(d: dict) -> dict:
    meta = d.get("meta") or {}
    if not isinstance(meta, dict):
        raise InstanceError("'meta' must be an object")
    return meta


# --- graph -------------------------------------------------------------------------------------------
def graph_to_json(g: Graph) -> dict:
    return {"kind": "graph", "vertices": g.n, "edges": [list(e) for e in g.edges],
            "start": list(g.start.signs) if g.start is not None else None,
            "names": list(g.names) if g.names is not None else None, "meta": dict(g.meta)}


def graph_from_json(d: dict) -> Graph:
    n = _int(_need(d, "vertices", "graph"), "'vertices'")
    edges = _int_rows(_need(d, "edges", "graph"), 3, "edge", "[u, v, w]")
    start = d.get("start")
    if start is not None:
        start = Assignment(tuple(_int(x, "start entry") for x in _list(start, "'start'")))
    return Graph(n, edges, names=_names(d), start=start, meta=_meta(d))


# --- triplets ----------------------------------------------------------------------------------------
def decode_solution(s, target: str, dim: int):
    """Inverse of ``encode_value`` for a triplet solution."""
    if isinstance(s, dict):
        if "parent" in s:
            return Tree(tuple(_int(x, "parent entry") for x in _list(s["parent"], "'parent'")))
        if "order" in s:
            return Ordering(tuple(_int(x, "order entry") for x in _list(s["order"], "'order'")))
        raise InstanceError("a solution object needs 'parent' (tree) or 'order' (ordering)")
    if target == "tree":
        return Tree(tuple(_int(x, "parent entry") for x in _list(s, "tree start")))
    if target == "betweenness":
        return Ordering(tuple(_int(x, "order entry") for x in _list(s, "ordering start")))
    return positions_from(_list(s, "positions"), dim)


def triplets_to_json(t: TripletInstance) -> dict:
    return {"kind": "triplets", "target": t.target, "points": t.points, "dim": t.dim,
            "triplets": [list(x) for x in t.triplets],
            "start": encode_value(t.start) if t.start is not None else None,
            "names": list(t.names) if t.names is not None else None, "meta": dict(t.meta)}


def triplets_from_json(d: dict) -> TripletInstance:
    points = _int(_need(d, "points", "triplets"), "'points'")
    dim = _int(d.get("dim", 1), "'dim'")
    target = d.get("target", "euclidean")
    if target in ("line", "rd"):
        target = "euclidean"
    if not isinstance(target, str):
        raise InstanceError(f"'target' must be a string, got {target!r}")
    rows = _int_rows(_need(d, "triplets", "triplets"), 4, "triplet", "[a, b, c, w]")
    start = d.get("start")
    if start is not None:
        start = decode_solution(start, target, dim)
    return TripletInstance(points, rows, dim=dim, target=target, start=start, names=_names(d), meta=_meta(d))


# --- qp ------------------------------------------------------------------------------------------------
def qp_to_json(q: QP) -> dict:
    def num(x: Fraction):
        return x.numerator if x.denominator == 1 else str(x)

    return {"kind": "qp", "Q": [[num(x) for x in row] for row in q.Q], "c": [num(x) for x in q.c],
            "meta": dict(q.meta)}


def qp_from_json(d: dict) -> QP:
    Q = [_list(row, "row of 'Q'") for row in _list(_need(d, "Q", "qp"), "'Q'")]
    c = _list(_need(d, "c", "qp"), "'c'")
    return QP(tuple(tuple(r) for r in Q), tuple(c), meta=_meta(d))


register_kind("graph", Graph, graph_to_json, graph_from_json)
register_kind("triplets", TripletInstance, triplets_to_json, triplets_from_json)
register_kind("qp", QP, qp_to_json, qp_from_json)


# --- documents ---------------------------------------------------------------------------------------
def to_json(obj) -> dict:
    for cls, writer in _WRITERS.items():
        if isinstance(obj, cls):
            return writer(obj)
    raise TypeError(f"no JSON writer for {type(obj).__name__}")


def dumps(obj, indent: int | None = None) -> str:
    return json.dumps(to_json(obj), indent=indent)


def from_json(d, path: str | None = None, expect: str | tuple[str, ...] | None = None):
    """Build an instance from a parsed JSON document; ``expect`` restricts the accepted kinds."""
    try:
        if not isinstance(d, dict):
            raise InstanceError(f"top level must be a JSON object, got {type(d).__name__}")
        kind = d.get("kind")
        if kind is None:
            raise InstanceError("JSON lacks the key 'kind'")
        if kind not in _READERS:
            raise InstanceError(f"unknown kind {kind!r} (known: {', '.join(_READERS)})")
        if expect is not None:
            allowed = (expect,) if isinstance(expect, str) else tuple(expect)
            if kind not in allowed:
                raise InstanceError(f"expected kind {' or '.join(map(repr, allowed))}, got {kind!r}")
        return _READERS[kind](d)
    except InstanceError as e:
        raise e.at(path) from None
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, RecursionError) as e:
        raise InstanceError(f"invalid {d.get('kind', 'instance') if isinstance(d, dict) else 'instance'}"
                            f" JSON: {e}", path) from None


def loads(text: str, path: str | None = None, expect=None):
    try:
        d = json.loads(text)
    except json.JSONDecodeError as e:
        raise InstanceError(f"invalid JSON: {e.msg} (column {e.colno})", path, e.lineno) from None
    except (ValueError, RecursionError) as e:
        raise InstanceError(f"invalid JSON: {e}", path) from None
    return from_json(d, path, expect)

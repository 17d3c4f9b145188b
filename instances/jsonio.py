"""The project's own JSON for every instance kind: 0-indexed, always with a ``kind`` key, exact.

Integers of any size are written as JSON integers; rationals as strings ``"p/q"`` (or ``"p"``); floats
are accepted on input wherever a rational is and converted exactly.

- graph:    {"kind": "graph", "vertices": n, "edges": [[u, v, w], ...], "start": [+1/-1...] | null,
             "names": [...] | null, "meta": {...}}
- triplets: {"kind": "triplets", "target": "euclidean"|"tree"|"betweenness"|"nonbetweenness",
             "points": m, "dim": d, "triplets": [[a, b, c, w], ...], "start": S | null, ...}
             where S is a list of positions (flat for d = 1), {"parent": [...]} or {"order": [...]}.
- qp:       {"kind": "qp", "Q": [[...]], "c": [...]} on the box [0,1]^n.

Other kinds register themselves with ``register_kind`` (``instances.triplet_loss`` registers
``triplet-loss``). The target names ``line`` and ``rd`` are read as ``euclidean``. Errors in a document
raise ``InstanceError`` (with the file name when one is given), never a bare ``KeyError`` or ``TypeError``.

>>> from instances.dc import doubling_chain
>>> g = doubling_chain(30)
>>> loads(dumps(g)) == g
True
>>> dumps(Graph(2, ((0, 1, 2**70),)))
'{"kind": "graph", "vertices": 2, "edges": [[0, 1, 1180591620717411303424]], "start": null, "names": null, "meta": {}}'
>>> loads('{"kind": "qp", "Q": [[1]], "c": ["1/3"]}').c
(Fraction(1, 3),)
>>> loads('{"kind": "graph", "vertices": 2, "edges": [[0, 2, 1]]}', "g.json")
Traceback (most recent call last):
...
instances.errors.InstanceError: g.json: edge 0 (0, 2): vertex out of range 0..1
"""
from __future__ import annotations

import json
from fractions import Fraction
from typing import Any, Callable

from . import limits
from .errors import InstanceError
from .graph import Assignment, Graph
from .qp import QP
from .triplets import Ordering, Tree, TripletInstance, positions_from

__all__ = ["register_kind", "kinds", "rational_str", "encode_value", "decode_solution", "graph_to_json",
           "graph_from_json", "triplets_to_json", "triplets_from_json", "qp_to_json", "qp_from_json", "to_json",
           "dumps", "from_json", "loads", "parse_json"]

_READERS: dict[str, Callable[[dict], Any]] = {}
_WRITERS: dict[type, Callable[[Any], dict]] = {}


def register_kind(kind: str, cls: type, to_json: Callable[[Any], dict], from_json: Callable[[dict], Any]) -> None:
    """Make ``to_json``/``dumps`` and ``from_json``/``loads`` handle another instance kind.

    Registering a kind again replaces its reader and writer.

    Parameters
    ----------
    kind : str
        The value of the document's ``kind`` key.
    cls : type
        The instance class; ``to_json`` uses the writer of the first registered class the object is an
        instance of.
    to_json : callable
        ``to_json(obj) -> dict``, the JSON-able document (with the ``kind`` key).
    from_json : callable
        ``from_json(doc) -> obj``; raises ``InstanceError`` on a bad document.
    """
    _READERS[kind] = from_json
    _WRITERS[cls] = to_json


def kinds() -> tuple[str, ...]:
    """The registered kinds, in registration order.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> {"graph", "triplets", "qp"} <= set(kinds())
    True
    """
    return tuple(_READERS)


# --- values ----------------------------------------------------------------------------------------
def rational_str(x) -> str:
    """A rational as the string ``"p/q"``, or ``"p"`` for an integer (``str(Fraction(x))``).

    Parameters
    ----------
    x : int, Fraction, float or str
        Anything ``fractions.Fraction`` accepts (a float gives its exact binary value).

    Returns
    -------
    str

    Examples
    --------
    >>> rational_str(Fraction(6, 4)), rational_str(3), rational_str(0.25)
    ('3/2', '3', '1/4')
    """
    return str(Fraction(x))


def encode_value(x):
    """The JSON-able form of a solution value, recursively.

    Fractions become ``"p/q"`` strings, tuples and lists become lists, a ``Tree`` becomes
    ``{"parent": [...]}``, an ``Ordering`` ``{"order": [...]}`` and an ``Assignment`` the list of its
    signs; anything else is returned unchanged.

    Parameters
    ----------
    x : object
        A solution or a part of one.

    Returns
    -------
    object

    Examples
    --------
    >>> encode_value((Fraction(1, 2), (Fraction(3), 4)))
    ['1/2', ['3', 4]]
    >>> encode_value(Tree((2, 2, -1)))
    {'parent': [2, 2, -1]}
    """
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
    """The JSON document of a graph (kind ``graph``; see the module docstring).

    Parameters
    ----------
    g : Graph

    Returns
    -------
    dict
        ``kind``, ``vertices``, ``edges``, ``start`` (list or None), ``names`` (list or None), ``meta``.
    """
    return {"kind": "graph", "vertices": g.n, "edges": [list(e) for e in g.edges],
            "start": list(g.start.signs) if g.start is not None else None,
            "names": list(g.names) if g.names is not None else None, "meta": dict(g.meta)}


def graph_from_json(d: dict) -> Graph:
    """A graph from its JSON document.

    Parameters
    ----------
    d : dict
        ``vertices`` (int) and ``edges`` (lists ``[u, v, w]`` of ints) are required; ``start``, ``names``
        and ``meta`` are optional.

    Returns
    -------
    Graph

    Raises
    ------
    InstanceError
        If a key is missing, a value has the wrong type (booleans are not integers) or the graph is
        invalid.
    """
    n = _int(_need(d, "vertices", "graph"), "'vertices'")
    edges = _int_rows(_need(d, "edges", "graph"), 3, "edge", "[u, v, w]")
    start = d.get("start")
    if start is not None:
        start = Assignment(tuple(_int(x, "start entry") for x in _list(start, "'start'")))
    return Graph(n, edges, names=_names(d), start=start, meta=_meta(d))


# --- triplets ----------------------------------------------------------------------------------------
def decode_solution(s, target: str, dim: int):
    """A triplet solution from its JSON form (the inverse of ``encode_value``).

    Parameters
    ----------
    s : dict or list
        ``{"parent": [...]}`` (a tree), ``{"order": [...]}`` (an ordering), or a list: the parent array
        for target ``tree``, the order for ``betweenness``, positions otherwise.
    target : str
        The instance's target.
    dim : int
        The dimension of positions.

    Returns
    -------
    Tree, Ordering or tuple
        A tuple of positions as returned by ``triplets.positions_from``.

    Raises
    ------
    InstanceError
        If the form is not recognised or an entry is not valid.

    Examples
    --------
    >>> decode_solution({"order": [1, 0, 2]}, "nonbetweenness", 1)
    Ordering(order=(1, 0, 2))
    >>> decode_solution(["1/2", 0], "euclidean", 1)
    (Fraction(1, 2), Fraction(0, 1))
    """
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
    """The JSON document of a triplet instance (kind ``triplets``; see the module docstring).

    Parameters
    ----------
    t : TripletInstance

    Returns
    -------
    dict
        ``kind``, ``target``, ``points``, ``dim``, ``triplets``, ``start`` (see ``encode_value``, or
        None), ``names`` (list or None), ``meta``.
    """
    return {"kind": "triplets", "target": t.target, "points": t.points, "dim": t.dim,
            "triplets": [list(x) for x in t.triplets],
            "start": encode_value(t.start) if t.start is not None else None,
            "names": list(t.names) if t.names is not None else None, "meta": dict(t.meta)}


def triplets_from_json(d: dict) -> TripletInstance:
    """A triplet instance from its JSON document.

    Parameters
    ----------
    d : dict
        ``points`` (int) and ``triplets`` (lists ``[a, b, c, w]`` of ints) are required; ``target``
        (default ``euclidean``; ``line`` and ``rd`` mean ``euclidean``), ``dim`` (default 1), ``start``
        (see ``decode_solution``), ``names`` and ``meta`` are optional.

    Returns
    -------
    TripletInstance

    Raises
    ------
    InstanceError
        If a key is missing, a value has the wrong type or the instance is invalid.
    """
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
    """The JSON document of a QP (kind ``qp``): integers as JSON integers, other rationals as ``"p/q"``.

    Parameters
    ----------
    q : QP

    Returns
    -------
    dict
        ``kind``, ``Q`` (list of rows), ``c``, ``meta``.
    """
    def num(x: Fraction):
        return x.numerator if x.denominator == 1 else str(x)

    return {"kind": "qp", "Q": [[num(x) for x in row] for row in q.Q], "c": [num(x) for x in q.c],
            "meta": dict(q.meta)}


def qp_from_json(d: dict) -> QP:
    """A QP from its JSON document.

    Parameters
    ----------
    d : dict
        ``Q`` (a list of rows) and ``c`` (a list) are required, with entries that are ints, floats or
        ``"p/q"`` strings; ``meta`` is optional.

    Returns
    -------
    QP

    Raises
    ------
    InstanceError
        If a key is missing, a value has the wrong shape or an entry is not a number.
    """
    Q = [_list(row, "row of 'Q'") for row in _list(_need(d, "Q", "qp"), "'Q'")]
    c = _list(_need(d, "c", "qp"), "'c'")
    return QP(tuple(tuple(r) for r in Q), tuple(c), meta=_meta(d))


register_kind("graph", Graph, graph_to_json, graph_from_json)
register_kind("triplets", TripletInstance, triplets_to_json, triplets_from_json)
register_kind("qp", QP, qp_to_json, qp_from_json)


# --- documents ---------------------------------------------------------------------------------------
def to_json(obj) -> dict:
    """The JSON document of an instance of any registered kind.

    Parameters
    ----------
    obj : Graph, TripletInstance, QP, TripletLoss or another registered kind

    Returns
    -------
    dict
        A JSON-able document with a ``kind`` key.

    Raises
    ------
    TypeError
        If ``obj`` is of no registered class.
    """
    for cls, writer in _WRITERS.items():
        if isinstance(obj, cls):
            return writer(obj)
    raise TypeError(f"no JSON writer for {type(obj).__name__}")


def dumps(obj, indent: int | None = None) -> str:
    """An instance as JSON text (``json.dumps`` of ``to_json``).

    Parameters
    ----------
    obj : Graph, TripletInstance, QP, TripletLoss or another registered kind
    indent : int, optional
        Indentation as in ``json.dumps``; one line by default.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``obj`` is of no registered class.
    """
    return json.dumps(to_json(obj), indent=indent)


def from_json(d, path: str | None = None, expect: str | tuple[str, ...] | None = None):
    """An instance from a parsed JSON document, dispatched on its ``kind`` key.

    Parameters
    ----------
    d : object
        The parsed document (it must be a dict).
    path : str, optional
        The file it came from, named in error messages.
    expect : str or tuple of str, optional
        The accepted kinds; any registered kind by default.

    Returns
    -------
    Graph, TripletInstance, QP, TripletLoss or another registered kind

    Raises
    ------
    InstanceError
        If the document is not an object, has no or an unknown ``kind``, a kind not in ``expect``, or
        is malformed for its kind (any error of a reader is reported as an ``InstanceError``).

    Examples
    --------
    >>> from_json({"kind": "triplets", "target": "line", "points": 3, "triplets": [[0, 1, 2, 1]]}).target
    'euclidean'
    >>> from_json({"kind": "qp", "Q": [], "c": []}, expect="graph")
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: expected kind 'graph', got 'qp'
    """
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
    """An instance from JSON text (``json.loads``, then ``from_json``).

    Parameters
    ----------
    text : str
        The JSON text.
    path : str, optional
        The file it came from, named in error messages.
    expect : str or tuple of str, optional
        The accepted kinds; any registered kind by default.

    Returns
    -------
    Graph, TripletInstance, QP, TripletLoss or another registered kind

    Raises
    ------
    InstanceError
        If the text is not valid JSON (the message names the line and column) or ``from_json`` rejects
        the document.
    """
    return from_json(parse_json(text, path), path, expect)


def parse_json(text: str, path: str | None = None, constants: bool = True):
    """``json.loads`` whose every failure is an InstanceError naming the file (and line).

    Parameters
    ----------
    text : str
        JSON text.
    path : str, optional
        The file, for messages.
    constants : bool, default True
        Accept ``NaN``, ``Infinity`` and ``-Infinity`` (not JSON, but Python writes them); False refuses them.

    Returns
    -------
    object

    Raises
    ------
    InstanceError
        On malformed JSON, an integer of more than ``instances.limits.MAX_INT_DIGITS`` digits (refused
        before any quadratic work), nesting too deep, or (``constants=False``) NaN/Infinity.

    Examples
    --------
    >>> parse_json('{"steps": NaN}', "ck.json", constants=False)
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: ck.json: NaN is not a finite number
    """
    def refuse(name):
        raise InstanceError(f"{name} is not a finite number", path)

    try:
        return json.loads(text, **({} if constants else {"parse_constant": refuse}))
    except json.JSONDecodeError as e:
        raise InstanceError(f"invalid JSON: {e.msg} (column {e.colno})", path, e.lineno) from None
    except InstanceError:
        raise
    except (ValueError, RecursionError) as e:
        if "integer string conversion" in str(e):
            raise InstanceError(f"an integer has more digits than the limit of {limits.MAX_INT_DIGITS} "
                                "(instances.limits.MAX_INT_DIGITS)", path) from None
        raise InstanceError(f"invalid JSON: {type(e).__name__}: {e}", path) from None

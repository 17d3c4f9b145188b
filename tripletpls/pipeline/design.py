"""The flow behind ``tripletpls design``: read a design problem, solve it exactly, write weights or a
certificate, and check certificates.

A design problem is a skeleton (vertices, edges without weights, optionally a weight class per edge),
a start, a pivot rule and an intended flip sequence, written as a recursive pattern
(:func:`localsearch.maxcut.design.expand`). It comes from a design file::

    {"kind": "design", "vertices": ["r", "a", "b"] (or a count), "edges": [["r", "a"], ["a", "b", "cls"]],
     "start": [1, -1, -1] (or {"a": -1, ...}: unnamed vertices +1; default all +1),
     "rule": "steepest", "sequence": "a act(2)", "macros": {"act(k)": "b act(k-1)", "act(0)": ""},
     "final": true, "positive": false, "strict": false}

or from a graph file (any format; its weights are ignored, its names and start are used) plus a
sequence given on the command line. The answer is either a weighted graph (the skeleton with the
designed integer weights and the start), replayed by the flip engine, or a self-contained
certificate document (``kind: design-certificate``: the problem and the Farkas combination) that
:func:`check_certificate` re-derives and re-adds in exact integers.

>>> spec = DesignSpec(("r", "a", "b"), [(0, 1), (1, 2)], None, (1, -1, -1), "steepest", [2])
>>> out, obj = solve(spec)
>>> out["feasible"], out["engine_follows"], obj.edges
(True, True, ((0, 1, 1), (1, 2, 1)))
>>> spec.sequence = [1, 2]          # a, then b: impossible for steepest
>>> out, cert = solve(spec)
>>> out["feasible"], [t["inequality"] for t in cert["combination"]], check_certificate(cert)["valid"]
(False, ['step 0: g(a) > g(r)', 'step 1: g(b) > 0'], True)
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Sequence

from instances import Assignment, Graph, InstanceError

RULES_ON_ENGINE = ("steepest", "first", "last", "cyclic")


@dataclass
class DesignSpec:
    """A design problem (see the module docstring); indices are 0-based, ``names`` one per vertex.

    Attributes
    ----------
    names : tuple of str
        Vertex names.
    pairs : list of (int, int)
        The skeleton's edges.
    classes : list or None
        A weight class per edge (edges of one class share a weight), or None (one weight per edge).
    start : tuple of int
        The start, +1/-1 per vertex.
    rule : str
        The pivot rule (``localsearch.maxcut.design.RULES``).
    sequence : list of int
        The intended flips.
    final : bool
        Whether the run must stop after the last flip.
    positive : bool
        Whether every weight must be >= 1.
    source : str or None
        The file it came from.
    objective : str
        What the LP minimises: ``max`` |w| or the ``sum`` of |w| (sparse).
    strict : bool
        No ties: every weak inequality strict (see ``localsearch.maxcut.design.design_rows``).
    """

    names: tuple[str, ...]
    pairs: list[tuple[int, int]]
    classes: list | None
    start: tuple[int, ...]
    rule: str
    sequence: list[int]
    final: bool = True
    positive: bool = False
    source: str | None = None
    objective: str = "max"
    strict: bool = False

    def problem_json(self) -> dict:
        """The problem as a JSON-able dict with vertex names (the part of a certificate it refers to)."""
        edges = [[self.names[u], self.names[v]] + ([self.classes[k]] if self.classes is not None else [])
                 for k, (u, v) in enumerate(self.pairs)]
        return {"vertices": list(self.names), "edges": edges, "start": list(self.start), "rule": self.rule,
                "sequence": [self.names[v] for v in self.sequence], "final": self.final, "positive": self.positive,
                "strict": self.strict}


def _vertex(token, index: dict, n: int, what: str) -> int:
    if isinstance(token, bool):
        raise InstanceError(f"{what}: {token!r} is not a vertex")
    if isinstance(token, int):
        if 0 <= token < n:
            return token
        raise InstanceError(f"{what}: vertex {token} out of range 0..{n - 1}")
    if isinstance(token, str):
        if token in index:
            return index[token]
        if token.lstrip("-").isdigit() and 0 <= int(token) < n and str(int(token)) not in index:
            return int(token)
    raise InstanceError(f"{what}: unknown vertex {token!r}")


def parse_sequence(sequence, names: Sequence[str], macros: dict | None = None) -> list[int]:
    """Vertex indices of a sequence: a pattern string (expanded) or a list of names or indices.

    Parameters
    ----------
    sequence : str or list
        The flips.
    names : sequence of str
        The vertex names (a token may also be an index when no vertex has it as a name).
    macros : dict, optional
        Macro definitions for a pattern string.

    Returns
    -------
    list of int

    Raises
    ------
    InstanceError
        For an unknown vertex or a malformed pattern.

    Examples
    --------
    >>> parse_sequence("a b(1)", ["a", "b"], {"b(k)": "b b"})
    [0, 1, 1]
    """
    from localsearch.maxcut.design import expand

    index = {nm: i for i, nm in enumerate(names)}
    if isinstance(sequence, str):
        tokens: list = expand(sequence, macros or {})
    elif isinstance(sequence, list):
        if macros:
            raise InstanceError("macros apply to a pattern string, not to a list")
        tokens = sequence
    else:
        raise InstanceError("'sequence' must be a pattern string or a list of vertices")
    return [_vertex(t, index, len(names), f"flip {k}") for k, t in enumerate(tokens)]


def _start(value, names, index):
    n = len(names)
    if value is None:
        return (1,) * n
    if isinstance(value, list):
        if len(value) != n or any(x not in (1, -1) or isinstance(x, bool) for x in value):
            raise InstanceError(f"'start' must list {n} values +1/-1")
        return tuple(value)
    if isinstance(value, dict):
        s = [1] * n
        for k, x in value.items():
            if x not in (1, -1) or isinstance(x, bool):
                raise InstanceError(f"'start': value of {k!r} must be +1 or -1")
            s[_vertex(k, index, n, "'start'")] = x
        return tuple(s)
    raise InstanceError("'start' must be a list of +1/-1 or an object {vertex: +1/-1}")


def spec_from_json(d: Any, path: str | None = None) -> DesignSpec:
    """A design problem from a ``kind: design`` document (see the module docstring).

    Parameters
    ----------
    d : dict
        The document.
    path : str, optional
        Its file (named in errors).

    Returns
    -------
    DesignSpec

    Raises
    ------
    InstanceError
        For a malformed document, naming the file.
    """
    try:
        if not isinstance(d, dict) or d.get("kind") != "design":
            raise InstanceError("expected a JSON object with \"kind\": \"design\"")
        known = {"kind", "vertices", "edges", "start", "rule", "sequence", "macros", "final", "positive", "strict"}
        extra = sorted(set(d) - known)
        if extra:
            raise InstanceError(f"unknown key {extra[0]!r} (known: {', '.join(sorted(known))})")
        verts = d.get("vertices")
        if isinstance(verts, int) and not isinstance(verts, bool) and 1 <= verts <= 100_000:
            names = tuple(str(i) for i in range(verts))
        elif isinstance(verts, list) and verts and all(isinstance(x, str) for x in verts):
            names = tuple(verts)
            if len(set(names)) != len(names):
                raise InstanceError("'vertices': repeated name")
        else:
            raise InstanceError("'vertices' must be a count 1..100000 or a list of distinct names")
        index = {nm: i for i, nm in enumerate(names)}
        edges = d.get("edges")
        if not isinstance(edges, list):
            raise InstanceError("'edges' must be a list of [u, v] or [u, v, class]")
        pairs, classes = [], []
        for k, e in enumerate(edges):
            if not isinstance(e, list) or len(e) not in (2, 3):
                raise InstanceError(f"edge {k}: expected [u, v] or [u, v, class]")
            pairs.append(tuple(_vertex(x, index, len(names), f"edge {k}") for x in e[:2]))
            if len(e) == 3 and not isinstance(e[2], (str, int)):
                raise InstanceError(f"edge {k}: the class must be a string or an integer")
            classes.append(e[2] if len(e) == 3 else f"{names[pairs[-1][0]]}-{names[pairs[-1][1]]}")
        rule = d.get("rule", "steepest")
        macros = d.get("macros") or {}
        if not isinstance(macros, dict):
            raise InstanceError("'macros' must be an object {head: body}")
        if "sequence" not in d:
            raise InstanceError("missing 'sequence'")
        seq = parse_sequence(d["sequence"], names, macros)
        for key in ("final", "positive", "strict"):
            if key in d and not isinstance(d[key], bool):
                raise InstanceError(f"'{key}' must be true or false")
        spec = DesignSpec(names, pairs, classes if any(len(e) == 3 for e in edges) else None,
                          _start(d.get("start"), names, index), rule, seq, d.get("final", True),
                          d.get("positive", False), path, strict=d.get("strict", False))
        _validate(spec)
        return spec
    except InstanceError as e:
        raise e.at(path) from None


def spec_from_graph(graph: Graph, sequence, macros: dict | None = None, rule: str = "steepest",
                    path: str | None = None) -> DesignSpec:
    """A design problem on the skeleton of a graph (weights ignored; its names and start kept).

    Parameters
    ----------
    graph : Graph
        The skeleton.
    sequence : str or list
        The flips (see :func:`parse_sequence`).
    macros : dict, optional
        Macro definitions.
    rule : str, default "steepest"
        The pivot rule.
    path : str, optional
        The graph's file (named in errors).

    Returns
    -------
    DesignSpec

    Raises
    ------
    InstanceError
        For an unknown vertex, a malformed pattern or an unknown rule.
    """
    names = graph.names or tuple(str(i) for i in range(graph.n))
    try:
        seq = parse_sequence(sequence, names, macros)
        start = tuple(graph.start) if graph.start is not None else (1,) * graph.n
        spec = DesignSpec(tuple(names), [(u, v) for u, v, _ in graph.edges], None, start, rule, seq, source=path)
        _validate(spec)
    except InstanceError as e:
        raise e.at(path) from None
    return spec


def _validate(spec: DesignSpec) -> None:
    from localsearch.maxcut.design import RULES, design_rows

    if spec.rule not in RULES:
        raise InstanceError(f"unknown rule {spec.rule!r} (expected one of {', '.join(RULES)})")
    design_rows(len(spec.names), spec.pairs, spec.start, [], spec.rule, classes=spec.classes, final=False)


def read_spec(path: str) -> DesignSpec | Graph:
    """Read a design file, or a graph file used as a skeleton (returned as the Graph).

    Parameters
    ----------
    path : str
        The file.

    Returns
    -------
    DesignSpec or Graph

    Raises
    ------
    InstanceError
        If the file cannot be read or is malformed (one line naming the file).
    """
    from instances.io import parse_instance, read_text

    text = read_text(path)
    if text.lstrip().startswith("{"):
        try:
            d = json.loads(text)
        except json.JSONDecodeError as e:
            raise InstanceError(f"invalid JSON: {e.msg}", path, e.lineno) from None
        if isinstance(d, dict) and d.get("kind") == "design":
            return spec_from_json(d, path)
        if isinstance(d, dict) and d.get("kind") == "design-certificate":
            raise InstanceError("this is a certificate; check it with --check", path)
    return parse_instance(text, path, expect="graph")


def solve(spec: DesignSpec) -> tuple[dict, Any]:
    """Solve a design problem exactly.

    Parameters
    ----------
    spec : DesignSpec
        The problem.

    Returns
    -------
    (dict, Graph or dict)
        The summary (``feasible``, ``rule``, ``flips``, ``vertices``, ``edges``, ``classes``,
        ``inequalities``, ``method``, ``seconds``; feasible: ``max_weight``, ``max_weight_bits``,
        ``nonzero_edges``, ``engine_follows`` (the flip engine, or for ``only``/``any`` an exact replay,
        makes exactly the sequence); infeasible: ``terms`` and ``total``, the positive right-hand side of the sum) and
        the object to write: the weighted graph, or the certificate document.

    Raises
    ------
    DesignError
        If the floating-point solver's answer cannot be made exact.
    """
    from localsearch.maxcut.design import design_weights, follows, verify_weights

    n = len(spec.names)
    d = design_weights(n, spec.pairs, spec.start, spec.sequence, spec.rule, classes=spec.classes, final=spec.final,
                       positive=spec.positive, objective=spec.objective, strict=spec.strict)
    out = {"feasible": d.feasible, "rule": spec.rule, "flips": len(spec.sequence), "vertices": n,
           "edges": len(spec.pairs), "classes": len(d.labels), "inequalities": len(d.rows), "method": d.method}
    if d.feasible:
        g = Graph(n, tuple((u, v, w) for (u, v), w in zip(spec.pairs, d.weights)), names=spec.names,
                  start=Assignment(spec.start),
                  meta={"family": "design", "rule": spec.rule, "flips": len(spec.sequence),
                        **({"source": spec.source} if spec.source else {})})
        if spec.rule in RULES_ON_ENGINE and spec.final:
            ok = follows(g, spec.rule, spec.sequence)
        else:
            ok = verify_weights(n, spec.pairs, spec.start, spec.sequence, spec.rule, d.weights, final=spec.final)
        w = max((abs(x) for x in d.weights), default=0)
        out.update(max_weight=w, max_weight_bits=w.bit_length(), nonzero_edges=sum(1 for x in d.weights if x),
                   engine_follows=ok, seconds=d.seconds)
        return out, g
    cert = {"kind": "design-certificate", "problem": spec.problem_json(), "classes": [str(x) for x in d.labels],
            "combination": d.certificate(spec.names),
            "total": sum(int(y) * r.rhs for r, y in zip(d.rows, d.multipliers))}
    out.update(terms=len(cert["combination"]), total=cert["total"], seconds=d.seconds)
    return out, cert


def check_certificate(doc: Any, path: str | None = None) -> dict:
    """Check a design certificate independently of how it was found.

    The problem stored in the certificate is turned into its inequalities again; every term of the
    combination must be one of them (same coefficients and right-hand side), its multiplier a positive
    integer, and the weighted sum of the left-hand sides must vanish while the sum of the right-hand
    sides is positive: then the inequalities contradict each other and no weights exist.

    Parameters
    ----------
    doc : dict
        A ``design-certificate`` document.
    path : str, optional
        Its file (named in errors).

    Returns
    -------
    dict
        ``valid`` (bool), ``terms``, ``total`` (sum of multiplier x right-hand side) and ``reason``
        (why it is invalid, or None).

    Raises
    ------
    InstanceError
        If the document is malformed.
    """
    from localsearch.maxcut.design import design_rows

    try:
        if not isinstance(doc, dict) or doc.get("kind") != "design-certificate":
            raise InstanceError("expected a JSON object with \"kind\": \"design-certificate\"")
        prob = doc.get("problem")
        combo = doc.get("combination")
        if not isinstance(prob, dict) or not isinstance(combo, list):
            raise InstanceError("a certificate needs 'problem' (object) and 'combination' (list)")
        spec = spec_from_json({"kind": "design", **{k: prob[k] for k in prob if k in (
            "vertices", "edges", "start", "rule", "sequence", "final", "positive", "strict")}})
        rows, labels = design_rows(len(spec.names), spec.pairs, spec.start, spec.sequence, spec.rule,
                                   classes=spec.classes, final=spec.final, positive=spec.positive,
                                   strict=spec.strict)
        known = {(tuple(sorted((str(labels[j]), c) for j, c in r.coefficients)), r.rhs) for r in rows}
        total_lhs: dict[str, int] = {}
        total = 0
        for k, term in enumerate(combo):
            if not isinstance(term, dict):
                raise InstanceError(f"term {k} is not an object")
            y, coef, rhs = term.get("multiplier"), term.get("coefficients"), term.get("rhs")
            if isinstance(y, bool) or not isinstance(y, int) or not isinstance(coef, dict) or rhs not in (0, 1):
                raise InstanceError(f"term {k}: needs an integer 'multiplier', 'coefficients' and 'rhs' 0 or 1")
            if not all(isinstance(c, int) and not isinstance(c, bool) for c in coef.values()):
                raise InstanceError(f"term {k}: coefficients must be integers")
            if y <= 0:
                return {"valid": False, "terms": len(combo), "total": None,
                        "reason": f"term {k}: multiplier {y} <= 0"}
            key = (tuple(sorted((str(a), c) for a, c in coef.items() if c)), rhs)
            if key not in known:
                return {"valid": False, "terms": len(combo), "total": None,
                        "reason": f"term {k} ({term.get('inequality')}) is not an inequality of the problem"}
            for a, c in coef.items():
                total_lhs[a] = total_lhs.get(a, 0) + y * c
            total += y * rhs
    except InstanceError as e:
        raise e.at(path) from None
    nonzero = {a: c for a, c in total_lhs.items() if c}
    if nonzero:
        a = next(iter(nonzero))
        return {"valid": False, "terms": len(combo), "total": total,
                "reason": f"the weighted sum keeps weight {a!r} with coefficient {nonzero[a]}"}
    if total <= 0:
        return {"valid": False, "terms": len(combo), "total": total, "reason": "the right-hand sides sum to 0"}
    return {"valid": True, "terms": len(combo), "total": total, "reason": None}

"""Weights that make a pivot rule follow a prescribed flip sequence, or a proof that none exist.

Fix a graph SKELETON (vertices and edges, no weights), a start s_0, a pivot rule R and an intended flip
sequence v_1 .. v_T. Along the sequence every state s_t is known, and every gain
g_t(u) = sum_{e = (u, x)} w_e s_t(u) s_t(x) is a LINEAR form in the unknown weights w. "R, started at
s_0, flips exactly v_1 .. v_T" is therefore a finite system of linear inequalities in w:

- every rule: g_t(v_t) > 0 (the flip improves);
- ``steepest`` (largest gain, ties to the lowest index): g_t(v_t) > g_t(u) for u < v_t and
  g_t(v_t) >= g_t(u) for u > v_t;
- ``first`` / ``last``: g_t(u) <= 0 for every u below / above v_t;
- ``cyclic``: g_t(u) <= 0 for every u scanned before v_t (from the vertex after the last flipped one,
  wrapping; the first scan starts at vertex 0), exactly as :mod:`localsearch.maxcut.pivots`;
- ``only``: g_t(u) <= 0 for every u != v_t (the intended flip is the ONLY improving one, so EVERY
  improving path from s_0 is this sequence: shortest = longest);
- ``any``: nothing more (the sequence is an improving path);
- with ``final=True`` (the default): g_T(u) <= 0 for every u (the run stops after v_T).

(``least``, the smallest positive gain, needs a disjunction per step and is not offered.) Weights are
integers, so a strict inequality a.w > 0 with integer coefficients is exactly a.w >= 1: the system is
``A w >= b`` with b in {0, 1}, and it is invariant under scaling w by any factor >= 1. So it has an
integer solution iff it has a rational one iff the linear programme (minimise max |w_e|, or sum |w_e|
for sparse designs) is feasible, and otherwise, by Farkas' lemma, there are multipliers y >= 0 with
y^T A = 0 and y^T b > 0: adding the step inequalities with these weights gives 0 >= y^T b > 0. We
solve with HiGHS (scipy), then make the answer EXACT: the floating solution scaled by a power of 2
and rounded, else an exact solve of the active constraints, its rational reconstruction or an
integer programme, scaled to integers; every inequality is then checked in integer arithmetic. An
answer that fails the exact check is never returned (:class:`DesignError`). Infeasibility comes with
the integer multipliers, checked the same way (:func:`verify_certificate`).

Options: edges may share a weight (CLASSES) or follow a TEMPLATE, an integer combination of class
weights such as c * 4^k + d; :func:`design_joint` fits one template on several problems (e.g. one
family at several sizes); ``strict=True`` makes every weak inequality strict (no ties: robust
weights); ``positive=True`` adds w >= 1. Sequences can be written as recursive patterns
(:func:`expand`).

>>> import itertools
>>> k5 = list(itertools.combinations(range(5), 2))
>>> d = design_weights(5, k5, (1,) * 5, [2, 3, 4, 2], rule="steepest")
>>> d.feasible, verify_weights(5, k5, (1,) * 5, [2, 3, 4, 2], "steepest", d.weights)
(True, True)
>>> bad = design_weights(5, k5, (1,) * 5, [2, 3, 2], rule="steepest", final=False)   # u v u: never steepest
>>> bad.feasible, verify_certificate(bad.rows, bad.multipliers)
(False, True)

References
----------
Farkas, "Theorie der einfachen Ungleichungen", J. reine angew. Math. 124, 1902; Huangfu & Hall,
"Parallelizing the dual revised simplex method", Math. Prog. Comp. 10, 2018 (HiGHS).
"""
from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

import numpy as np

from instances import Assignment, Graph, InstanceError

__all__ = ["RULES", "OBJECTIVES", "DesignError", "Row", "Design", "expand", "design_rows", "design_weights",
           "design_joint", "verify_weights",
           "verify_certificate", "follows"]

RULES = ("steepest", "first", "last", "cyclic", "only", "any")
"""The pivot rules whose runs are linear conditions on the weights (see the module docstring)."""

MAX_EXPANSION = 1_000_000
"""The longest sequence :func:`expand` produces (longer patterns are refused)."""

MAX_DEPTH = 400
"""The deepest nesting of macro calls :func:`expand` follows."""

MAX_ROWS = 3_000_000
"""The most inequalities a design may need (vertices x flips for the comparing rules); larger problems
are refused before any memory is spent on them."""


class DesignError(InstanceError):
    """The solver's answer could not be turned into an exactly verified one (numerical trouble)."""


# ---- recursive patterns ---------------------------------------------------------------------------

_CALL = re.compile(r"^([A-Za-z_][A-Za-z0-9_']*)\((.*)\)$")
_BRACE = re.compile(r"\{([^{}]*)\}")
_EXPR = re.compile(r"^\s*(?:[A-Za-z_]\w*|-?\d+)(?:\s*[-+*]\s*(?:[A-Za-z_]\w*|\d+))*\s*$")


def _evaluate(expr: str, env: Mapping[str, int]) -> int:
    if not _EXPR.match(expr):
        raise InstanceError(f"pattern: cannot evaluate {expr!r} (integers, names, + - * only)")
    tokens = re.findall(r"[A-Za-z_]\w*|\d+|[-+*]", expr)
    values = []
    for tok in tokens:
        if tok[0].isalpha() or tok[0] == "_":
            if tok not in env:
                raise InstanceError(f"pattern: unknown name {tok!r} in {expr!r}")
            values.append(str(int(env[tok])))
        else:
            values.append(tok)
    # only integers and + - * remain: evaluate with the usual precedence, without eval()
    terms, sign, prod = [], 1, None
    for tok in values + ["+"]:
        if tok in "+-":
            if prod is not None:
                terms.append(sign * prod)
                prod, sign = None, (1 if tok == "+" else -1)
            else:
                sign = -sign if tok == "-" else sign
        elif tok == "*":
            continue
        else:
            prod = int(tok) if prod is None else prod * int(tok)
    return sum(terms)


def expand(pattern: str, macros: Mapping[str, str] | None = None, max_length: int = MAX_EXPANSION) -> list[str]:
    """Expand a recursive flip pattern into a list of vertex names.

    A pattern is a whitespace-separated list of tokens. A token ``name(expr)`` calls a macro; any other
    token is a vertex name, in which ``{expr}`` is replaced by its integer value. Macros map a head
    ``name(k)`` (generic, one integer parameter) or ``name(3)`` (a specific argument, which wins) to a
    body pattern; expressions use integers, the parameter, ``+``, ``-`` and ``*``.

    Parameters
    ----------
    pattern : str
        The top-level pattern (it may not use a parameter).
    macros : mapping of str to str, optional
        The macro definitions.
    max_length : int, default MAX_EXPANSION
        Refuse expansions longer than this.

    Returns
    -------
    list of str

    Raises
    ------
    InstanceError
        For a malformed macro head, an unknown macro or name, a call without a matching definition, or an
        expansion longer than ``max_length`` (or nested deeper than 10000).

    Examples
    --------
    >>> expand("D act(2)", {"act(k)": "a{k} act(k-1) b{k} act(k-1)", "act(0)": "p"})
    ['D', 'a2', 'a1', 'p', 'b1', 'p', 'b2', 'a1', 'p', 'b1', 'p']
    """
    generic: dict[str, tuple[str, str]] = {}
    specific: dict[tuple[str, int], str] = {}
    for head, body in (macros or {}).items():
        m = _CALL.match(str(head).strip())
        if not m:
            raise InstanceError(f"pattern: macro head {head!r} is not of the form name(k) or name(3)")
        name, arg = m.group(1), m.group(2).strip()
        if re.fullmatch(r"-?\d+", arg):
            specific[(name, int(arg))] = str(body)
        elif re.fullmatch(r"[A-Za-z_]\w*", arg):
            generic[name] = (arg, str(body))
        else:
            raise InstanceError(f"pattern: macro head {head!r} needs one parameter name or integer")
    out: list[str] = []
    cache: dict[tuple[str, int], list[str]] = {}

    def run(text: str, env: Mapping[str, int], depth: int) -> list[str]:
        if depth > MAX_DEPTH:
            raise InstanceError(f"pattern: macros nested deeper than {MAX_DEPTH} (missing base case?)")
        seq: list[str] = []
        for tok in text.split():
            m = _CALL.match(tok)
            if m:
                name, value = m.group(1), _evaluate(m.group(2), env)
                key = (name, value)
                if key not in cache:
                    if key in specific:
                        cache[key] = run(specific[key], {}, depth + 1)
                    elif name in generic:
                        param, body = generic[name]
                        cache[key] = run(body, {param: value}, depth + 1)
                    else:
                        raise InstanceError(f"pattern: no definition of macro {name}({value})")
                part = cache[key]
            else:
                part = [_BRACE.sub(lambda mm: str(_evaluate(mm.group(1), env)), tok)]
            if len(seq) + len(part) > max_length:
                raise InstanceError(f"pattern: expansion longer than {max_length} flips")
            seq.extend(part)
        return seq

    out = run(pattern, {}, 0)
    return out


# ---- the linear system ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One inequality ``sum_c coefficients[c] * x_c >= rhs`` over the weight classes x_c.

    Attributes
    ----------
    coefficients : tuple of (int, int)
        Sorted (class index, nonzero integer coefficient) pairs.
    rhs : int
        1 for a strict inequality (integers: > 0 is >= 1), 0 for a weak one.
    step : int or None
        The flip it constrains (0-based position in the sequence; ``len(sequence)`` for the final
        state), or None for a sign row.
    kind : str
        ``"improving"`` (g(v) > 0), ``"beats"`` (g(v) > g(u) or >= for steepest), ``"not-improving"``
        (g(u) <= 0 while v is chosen), ``"final"`` (g(u) <= 0 at the end) or ``"positive"`` (x_c >= 1).
    vertex : int or None
        The vertex flipped at this step (None for final and sign rows).
    other : int or None
        The other vertex the row compares with (or the class, for a sign row).
    problem : int or None
        For a joint design (:func:`design_joint`): which problem the row belongs to.
    """

    coefficients: tuple[tuple[int, int], ...]
    rhs: int
    step: int | None
    kind: str
    vertex: int | None = None
    other: int | None = None
    problem: int | None = None

    def value(self, x: Sequence[int]) -> int:
        """The left-hand side at class weights ``x`` (exact)."""
        return sum(c * x[j] for j, c in self.coefficients)

    def describe(self, names: Sequence[str] | None = None) -> str:
        """A one-line reading of the row, e.g. ``step 3: g(a) > g(b)``."""
        def nm(v):
            return str(v) if names is None else str(names[v])
        if self.kind == "positive":
            return f"weight class {self.other} >= 1"
        where = f"step {self.step}" if self.kind != "final" else f"end (after {self.step} flips)"
        if self.problem is not None:
            where = f"problem {self.problem}, {where}"
        if self.kind == "improving":
            return f"{where}: g({nm(self.vertex)}) > 0"
        if self.kind == "beats":
            op = ">" if self.rhs else ">="
            return f"{where}: g({nm(self.vertex)}) {op} g({nm(self.other)})"
        return f"{where}: g({nm(self.other)}) {'< 0' if self.rhs else '<= 0'}"


def _check_inputs(n, pairs, start, sequence, rule, classes):
    if not isinstance(n, int) or n < 1:
        raise InstanceError(f"design needs at least one vertex, got {n!r}")
    if rule not in RULES:
        raise InstanceError(f"design: unknown rule {rule!r} (expected one of {', '.join(RULES)}; "
                            "'least' and 'random' are not linear conditions)")
    seen = set()
    for k, (u, v) in enumerate(pairs):
        if not (0 <= u < n and 0 <= v < n) or u == v:
            raise InstanceError(f"design: edge {k} ({u}, {v}) is a self-loop or out of range 0..{n - 1}")
        key = (min(u, v), max(u, v))
        if key in seen:
            raise InstanceError(f"design: edge {k} ({u}, {v}) repeats a pair")
        seen.add(key)
    if len(start) != n or any(x not in (1, -1) for x in start):
        raise InstanceError(f"design: the start needs {n} entries +1/-1")
    for t, v in enumerate(sequence):
        if not (isinstance(v, (int, np.integer)) and 0 <= v < n):
            raise InstanceError(f"design: flip {t} names vertex {v!r}, not in 0..{n - 1}")
    if classes is not None and len(classes) != len(pairs):
        raise InstanceError(f"design: {len(classes)} classes for {len(pairs)} edges")


def _class_index(pairs, classes):
    """(per edge: {class index: integer coefficient}, the class labels)."""
    if classes is None:
        return [{k: 1} for k in range(len(pairs))], [f"{u}-{v}" for u, v in pairs]
    labels: list = []
    index: dict = {}
    out = []

    def idx(c):
        try:
            if c not in index:
                index[c] = len(labels)
                labels.append(c)
        except TypeError:
            raise InstanceError(f"design: class label {c!r} is not hashable") from None
        return index[c]

    for k, c in enumerate(classes):
        if isinstance(c, Mapping):
            combo: dict[int, int] = {}
            for lab, f in c.items():
                if isinstance(f, bool) or not isinstance(f, (int, np.integer)):
                    raise InstanceError(f"design: edge {k}: coefficient of class {lab!r} must be an integer")
                j = idx(lab)
                combo[j] = combo.get(j, 0) + int(f)
            out.append({j: f for j, f in combo.items() if f})
        else:
            out.append({idx(c): 1})
    return out, labels


def design_rows(n: int, pairs: Sequence[tuple[int, int]], start: Sequence[int], sequence: Sequence[int],
                rule: str = "steepest", *, classes: Sequence | None = None, final: bool = True,
                positive: bool = False, strict: bool = False) -> tuple[list[Row], list]:
    """The inequalities saying that ``rule`` flips exactly ``sequence`` from ``start``.

    Parameters
    ----------
    n : int
        The number of vertices.
    pairs : sequence of (int, int)
        The edges of the skeleton (each unordered pair at most once, no loops).
    start : sequence of int
        The start assignment, one +1/-1 per vertex.
    sequence : sequence of int
        The intended flips, in order.
    rule : str, default "steepest"
        One of ``RULES``.
    classes : sequence, optional
        Per edge, a hashable label (edges with equal labels share one weight) or a weight TEMPLATE
        ``{label: integer coefficient, ...}``: the edge's weight is that combination of class weights,
        e.g. ``{"c": 4 ** k, "d": 1}`` for c * 4^k + d. Default: one weight per edge.
    final : bool, default True
        Require that no vertex improves after the last flip (the run stops there).
    positive : bool, default False
        Require every CLASS weight to be >= 1.
    strict : bool, default False
        No ties anywhere: every weak inequality becomes strict (non-improving gains <= -1, the chosen
        steepest gain above every other by >= 1), so the design survives small changes of the weights.

    Returns
    -------
    (list of Row, list)
        The rows (duplicates and rows reading ``0 >= 0`` removed) and the class labels (a class's index
        in this list is its variable index in the rows).

    Raises
    ------
    InstanceError
        For malformed input (see :func:`design_weights`).

    Examples
    --------
    >>> rows, labels = design_rows(2, [(0, 1)], (1, 1), [0], rule="only")
    >>> [r.describe() for r in rows], labels
    (['step 0: g(0) > 0', 'step 0: g(1) <= 0', 'end (after 1 flips): g(0) <= 0'], ['0-1'])
    """
    _check_inputs(n, pairs, start, sequence, rule, classes)
    estimate = (len(sequence) + 1) * (1 if rule == "any" else n)
    if estimate > MAX_ROWS:
        raise InstanceError(f"design: {len(sequence)} flips on {n} vertices need about {estimate:,} inequalities, "
                            f"more than {MAX_ROWS:,}; use a shorter sequence (e.g. a smaller n of the pattern)")
    cls, labels = _class_index(pairs, classes)
    inc: list[list[tuple[int, dict]]] = [[] for _ in range(n)]  # vertex -> [(other end, {class: coef})]
    for (u, v), c in zip(pairs, cls):
        inc[u].append((v, c))
        inc[v].append((u, c))
    s = [int(x) for x in start]
    rows: list[Row] = []
    seen: set = set()

    def gain(v):
        coef: dict[int, int] = {}
        for x, combo in inc[v]:
            sign = s[v] * s[x]
            for c, f in combo.items():
                coef[c] = coef.get(c, 0) + sign * f
        return coef

    def add(coef: dict, rhs: int, step, kind, vertex=None, other=None):
        items = tuple(sorted((j, c) for j, c in coef.items() if c))
        rhs = 1 if strict else rhs
        if not items and rhs <= 0:
            return
        key = (items, rhs)
        if key in seen:
            return
        seen.add(key)
        rows.append(Row(items, rhs, step, kind, vertex, other))

    def neg(coef):
        return {j: -c for j, c in coef.items()}

    pointer = 0
    for t, v in enumerate(sequence):
        v = int(v)
        gains = [gain(u) for u in range(n)]
        add(gains[v], 1, t, "improving", v)
        if rule == "steepest":
            for u in range(n):
                if u != v:
                    diff = dict(gains[v])
                    for j, c in gains[u].items():
                        diff[j] = diff.get(j, 0) - c
                    add(diff, 1 if u < v else 0, t, "beats", v, u)
        else:
            if rule == "first":
                others = range(v)
            elif rule == "last":
                others = range(v + 1, n)
            elif rule == "only":
                others = (u for u in range(n) if u != v)
            elif rule == "cyclic":
                p = pointer if pointer < n else 0
                others = range(p, v) if v >= p else list(range(p, n)) + list(range(v))
            else:
                others = ()
            for u in others:
                add(neg(gains[u]), 0, t, "not-improving", v, u)
        s[v] = -s[v]
        pointer = v + 1 if v + 1 < n else 0
    if final:
        for u in range(n):
            add(neg(gain(u)), 0, len(sequence), "final", None, u)
    if positive:
        for j in range(len(labels)):
            add({j: 1}, 1, None, "positive", None, j)
    return rows, labels


# ---- exact helpers --------------------------------------------------------------------------------

def _lcm_scale(xs: Sequence[Fraction]) -> list[int]:
    """Integers proportional to the non-negative multiple ``L * xs`` with L the lcm of denominators,
    divided by the gcd of the result (both keep every row ``a.x >= b``, b in {0, 1})."""
    den = 1
    for x in xs:
        den = den * x.denominator // math.gcd(den, x.denominator)
    ints = [int(x * den) for x in xs]
    g = 0
    for v in ints:
        g = math.gcd(g, v)
    return [v // g for v in ints] if g > 1 else ints


def _divide_gcd(ints: list[int]) -> list[int]:
    g = 0
    for v in ints:
        g = math.gcd(g, v)
    return [v // g for v in ints] if g > 1 else ints


def _reconstruct(values, limit: int = 10**6) -> list[Fraction]:
    return [Fraction(float(v)).limit_denominator(limit) for v in values]


def _exact_solve(rows: list[dict[int, Fraction]], rhs: list[Fraction], nvars: int,
                 guess: Sequence[Fraction]) -> list[Fraction] | None:
    """A solution of the equalities ``rows . x = rhs`` (free variables set to ``guess``), or None."""
    mat = [dict(r) for r in rows]
    b = list(rhs)
    pivots: list[tuple[int, int]] = []  # (row, column)
    r = 0
    for col in range(nvars):
        piv = next((i for i in range(r, len(mat)) if mat[i].get(col)), None)
        if piv is None:
            continue
        mat[r], mat[piv] = mat[piv], mat[r]
        b[r], b[piv] = b[piv], b[r]
        p = mat[r][col]
        for i in range(len(mat)):
            if i != r and mat[i].get(col):
                f = mat[i][col] / p
                for j, c in mat[r].items():
                    val = mat[i].get(j, 0) - f * c
                    if val:
                        mat[i][j] = val
                    else:
                        mat[i].pop(j, None)
                b[i] -= f * b[r]
        pivots.append((r, col))
        r += 1
    if any(b[i] for i in range(r, len(mat))):
        return None  # inconsistent
    x = list(guess)
    pivot_cols = {c for _, c in pivots}
    for i, col in reversed(pivots):
        acc = b[i] - sum(c * x[j] for j, c in mat[i].items() if j != col and j not in pivot_cols)
        x[col] = acc / mat[i][col]
    return x


def _matrix(rows: list[Row], nvars: int):
    from scipy.sparse import csr_matrix

    data, ri, ci = [], [], []
    for i, row in enumerate(rows):
        for j, c in row.coefficients:
            data.append(float(c))
            ri.append(i)
            ci.append(j)
    return csr_matrix((data, (ri, ci)), shape=(len(rows), nvars))


def verify_certificate(rows: Sequence[Row], multipliers: Sequence[int]) -> bool:
    """Check a Farkas certificate exactly: y >= 0, sum_i y_i a_i = 0 and sum_i y_i b_i > 0.

    Adding the rows ``a_i . x >= b_i`` with the multipliers then reads ``0 >= (positive)``, so no
    weights satisfy them all.

    Parameters
    ----------
    rows : sequence of Row
        The inequalities (as returned by :func:`design_rows`).
    multipliers : sequence of int
        One non-negative integer per row (zeros allowed).

    Returns
    -------
    bool

    Examples
    --------
    >>> rows = [Row(((0, 1),), 1, 0, "improving"), Row(((0, -1),), 0, 1, "final")]
    >>> verify_certificate(rows, [1, 1]), verify_certificate(rows, [1, 0])
    (True, False)
    """
    if len(multipliers) != len(rows) or any(int(y) != y or y < 0 for y in multipliers):
        return False
    total: dict[int, int] = {}
    for row, y in zip(rows, multipliers):
        if y:
            for j, c in row.coefficients:
                total[j] = total.get(j, 0) + int(y) * c
    return all(v == 0 for v in total.values()) and sum(int(y) * r.rhs for r, y in zip(rows, multipliers)) > 0


def _rows_hold(rows: Sequence[Row], x: Sequence[int]) -> bool:
    return all(r.value(x) >= r.rhs for r in rows)


# ---- the designer ---------------------------------------------------------------------------------

@dataclass
class Design:
    """The designer's answer: integer weights, or a Farkas certificate that none exist.

    Attributes
    ----------
    feasible : bool
        True iff weights exist (then ``weights`` is set), else ``multipliers`` is set.
    weights : tuple of int or None
        One weight per skeleton edge, in the order given; every row holds exactly.
    class_weights : tuple of int or None
        One weight per class (``labels``).
    labels : list
        The class labels (default ``"u-v"`` per edge).
    rows : list of Row
        The inequalities.
    multipliers : tuple of int or None
        For an infeasible design: one non-negative integer per row with sum y_i a_i = 0 and
        sum y_i b_i > 0 (checked by :func:`verify_certificate`); usually few are nonzero.
    method : str
        How the exact answer was obtained: ``"rounding"`` (the LP solution scaled by a power of 2 and
        rounded), ``"reconstruct"`` (rational reconstruction), ``"active-set"``, ``"integer-program"``,
        or ``"trivial"`` (a row reads 0 >= 1).
    seconds : float
        Wall time of the solve and the checks.
    """

    feasible: bool
    weights: tuple[int, ...] | None
    class_weights: tuple[int, ...] | None
    labels: list
    rows: list[Row]
    multipliers: tuple[int, ...] | None
    method: str
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    def certificate(self, names: Sequence[str] | None = None) -> list[dict]:
        """The nonzero terms of the Farkas combination, readable: multiplier, inequality, coefficients.

        Parameters
        ----------
        names : sequence of str, optional
            Vertex names for the descriptions.

        Returns
        -------
        list of dict
            ``{"multiplier", "inequality", "coefficients" ({class label: coefficient}), "rhs", "step",
            "kind"}`` per row with a nonzero multiplier (empty for a feasible design).
        """
        if self.multipliers is None:
            return []
        out = []
        for row, y in zip(self.rows, self.multipliers):
            if y:
                out.append({"multiplier": int(y), "inequality": row.describe(names), "rhs": row.rhs,
                            "coefficients": {str(self.labels[j]): c for j, c in row.coefficients},
                            "step": row.step, "kind": row.kind})
        return out


OBJECTIVES = ("max", "sum")
"""What the LP minimises: ``max`` |w| over the classes (small bit lengths) or their ``sum`` (sparse designs)."""


def _solve_primal(rows: list[Row], nvars: int, objective: str = "max"):
    """Integer class weights satisfying every row (exactly checked), minimising max |x| or sum |x|, or None."""
    from scipy.optimize import linprog

    if objective not in OBJECTIVES:
        raise InstanceError(f"design: unknown objective {objective!r} (expected one of {', '.join(OBJECTIVES)})")
    if not rows:
        return [0] * nvars, "reconstruct"
    A = _matrix(rows, nvars)
    from scipy.sparse import hstack, vstack, identity, csr_matrix

    # variables (x, t): minimise sum(t) subject to -A x <= -b, x - t <= 0, -x - t <= 0, with one t for
    # all classes (objective "max") or one per class ("sum")
    nt = 1 if objective == "max" else nvars
    T = csr_matrix(np.ones((nvars, 1))) if nt == 1 else identity(nvars)
    A_ub = vstack([hstack([-A, csr_matrix((len(rows), nt))]), hstack([identity(nvars), -T]),
                   hstack([-identity(nvars), -T])]).tocsr()
    b_ub = np.concatenate([-np.array([r.rhs for r in rows], dtype=float), np.zeros(2 * nvars)])
    c = np.concatenate([np.zeros(nvars), np.ones(nt)])
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, bounds=[(None, None)] * nvars + [(0, None)] * nt, method="highs")
    if res.status == 2:
        return None
    if res.status != 0:
        raise DesignError(f"the LP solver stopped: {' '.join(str(res.message).split())}")
    x = res.x[:nvars]
    # 1. the floating solution scaled by K = 1, 2, 4, ... and rounded (small integers when it works)
    for e in range(31):
        cand = [int(round(v * (1 << e))) for v in x]
        if _rows_hold(rows, cand):
            return _divide_gcd(cand), "rounding"
    # 2. exact solve of the active rows (free variables at their reconstructed values)
    xq = _reconstruct(x)
    slack = A @ x - np.array([r.rhs for r in rows], dtype=float)
    active = [r for r, sl in zip(rows, slack) if abs(sl) <= 1e-7 * max(1.0, float(np.abs(x).max()))]
    sol = _exact_solve([{j: Fraction(c) for j, c in r.coefficients} for r in active],
                       [Fraction(r.rhs) for r in active], nvars, xq)
    if sol is not None:
        cand = _lcm_scale(sol) if any(sol) else [0] * nvars
        if _rows_hold(rows, cand):
            return cand, "active-set"
    # 3. rational reconstruction
    cand = _lcm_scale(xq) if any(xq) else [0] * nvars
    if _rows_hold(rows, cand):
        return cand, "reconstruct"
    # 4. integer programme
    from scipy.optimize import Bounds, LinearConstraint, milp

    lo = np.concatenate([-np.inf * np.ones(len(rows)), -np.inf * np.ones(2 * nvars)])
    mres = milp(c, constraints=LinearConstraint(A_ub, lo, b_ub), integrality=np.ones(nvars + nt),
                bounds=Bounds([-np.inf] * nvars + [0] * nt, [np.inf] * (nvars + nt)))
    if mres.status == 0:
        cand = [int(round(v)) for v in mres.x[:nvars]]
        if _rows_hold(rows, cand):
            return cand, "integer-program"
    raise DesignError("the LP is feasible but no solution passed the exact integer check "
                      "(numerical trouble; try weight classes to shrink the problem)")


def _solve_farkas(rows: list[Row], nvars: int):
    """Integer multipliers y >= 0 with y^T A = 0, y^T b > 0 (exactly checked)."""
    from scipy.optimize import linprog

    A = _matrix(rows, nvars)
    b = np.array([r.rhs for r in rows], dtype=float)
    from scipy.sparse import vstack, csr_matrix

    A_eq = vstack([A.T, csr_matrix(b.reshape(1, -1))]).tocsr()
    b_eq = np.concatenate([np.zeros(nvars), [1.0]])
    res = linprog(np.ones(len(rows)), A_eq=A_eq, b_eq=b_eq, bounds=[(0, None)] * len(rows), method="highs")
    if res.status != 0:
        raise DesignError(f"the design LP is infeasible but no Farkas certificate was found: {res.message}")
    y = res.x
    yq = [max(Fraction(0), q) for q in _reconstruct(y)]
    if any(yq):
        cand = _lcm_scale(yq)
        if verify_certificate(rows, cand):
            return cand, "reconstruct"
    support = [i for i, v in enumerate(y) if v > 1e-9]
    cols = [{} for _ in range(nvars + 1)]  # equations over y_S: one per class, plus b^T y = 1
    for k, i in enumerate(support):
        for j, c in rows[i].coefficients:
            cols[j][k] = Fraction(c)
        if rows[i].rhs:
            cols[nvars][k] = Fraction(rows[i].rhs)
    sol = _exact_solve(cols, [Fraction(0)] * nvars + [Fraction(1)], len(support), [yq[i] for i in support])
    if sol is not None and all(v >= 0 for v in sol):
        full = [Fraction(0)] * len(rows)
        for k, i in enumerate(support):
            full[i] = sol[k]
        cand = _lcm_scale(full)
        if verify_certificate(rows, cand):
            return cand, "active-set"
    from scipy.optimize import Bounds, LinearConstraint, milp

    mres = milp(np.ones(len(rows)), constraints=[LinearConstraint(A.T.tocsr(), 0, 0),
                                                  LinearConstraint(csr_matrix(b.reshape(1, -1)), 1, np.inf)],
                integrality=np.ones(len(rows)), bounds=Bounds(0, np.inf))
    if mres.status == 0:
        cand = [int(round(v)) for v in mres.x]
        if verify_certificate(rows, cand):
            return cand, "integer-program"
    raise DesignError("the design LP is infeasible but no certificate passed the exact check (numerical trouble)")


def design_weights(n: int, pairs: Sequence[tuple[int, int]], start: Sequence[int], sequence: Sequence[int],
                   rule: str = "steepest", *, classes: Sequence | None = None, final: bool = True,
                   positive: bool = False, objective: str = "max", strict: bool = False) -> Design:
    """Integer weights on a skeleton that make ``rule`` flip exactly ``sequence``, or a certificate.

    Parameters
    ----------
    n, pairs, start, sequence, rule, classes, final, positive, strict :
        As in :func:`design_rows`.
    objective : {"max", "sum"}, default "max"
        What the LP minimises over the class weights: the largest |w| (short weights) or the sum of
        |w| (sparse designs: many weights 0, i.e. edges that can be dropped).

    Returns
    -------
    Design
        Feasible: integer weights (the objective minimised by the LP, then scaled to integers and divided
        by their gcd), every row checked exactly. Infeasible: integer Farkas multipliers, checked exactly.

    Raises
    ------
    InstanceError
        For malformed input: a vertex out of range, a loop or repeated edge, a start of the wrong length,
        an unknown rule or objective, or the wrong number of classes.
    DesignError
        If no answer passes the exact check (numerical trouble of the floating-point solver).

    Examples
    --------
    >>> d = design_weights(3, [(0, 1), (1, 2)], (1, 1, 1), [1], rule="steepest")
    >>> d.feasible, d.weights
    (True, (0, 1))
    """
    t0 = time.perf_counter()
    if objective not in OBJECTIVES:
        raise InstanceError(f"design: unknown objective {objective!r} (expected one of {', '.join(OBJECTIVES)})")
    rows, labels = design_rows(n, pairs, start, sequence, rule, classes=classes, final=final, positive=positive,
                               strict=strict)
    nvars = len(labels)
    cls, _ = _class_index(pairs, classes)
    if any(not r.coefficients for r in rows):  # some row reads 0 >= 1
        bad = next(i for i, r in enumerate(rows) if not r.coefficients)
        mult = tuple(1 if i == bad else 0 for i in range(len(rows)))
        return Design(False, None, None, labels, rows, mult, "trivial", time.perf_counter() - t0)
    sol = _solve_primal(rows, nvars, objective)
    if sol is not None:
        x, method = sol
        weights = tuple(sum(f * x[c] for c, f in combo.items()) for combo in cls)
        return Design(True, weights, tuple(x), labels, rows, None, method, time.perf_counter() - t0)
    y, method = _solve_farkas(rows, nvars)
    return Design(False, None, None, labels, rows, tuple(y), method, time.perf_counter() - t0)


def design_joint(problems: Sequence[Mapping], *, positive: bool = False, objective: str = "max",
                 strict: bool = False) -> Design:
    """One set of class weights for several design problems at once (a weight template fitted jointly).

    Each problem is a mapping with the arguments of :func:`design_rows` (``n``, ``pairs``, ``start``,
    ``sequence``, and optionally ``rule``, ``classes``, ``final``); class labels are shared across
    problems, so e.g. the same template ``{"c": 4 ** k, "d": 1}`` on instances of several sizes is fitted
    by one LP. Answers exactly as :func:`design_weights`.

    Parameters
    ----------
    problems : sequence of mapping
        The problems.
    positive : bool, default False
        Require every class weight to be >= 1.
    objective : {"max", "sum"}, default "max"
        As in :func:`design_weights`.
    strict : bool, default False
        As in :func:`design_rows`.

    Returns
    -------
    Design
        ``class_weights`` and ``labels`` are the shared classes; ``weights`` is a tuple with one tuple of
        edge weights per problem. Rows carry their ``problem`` index.

    Raises
    ------
    InstanceError
        For malformed input (see :func:`design_weights`), or no problem at all.

    Examples
    --------
    >>> tpl = lambda k: [{"a": 2 ** k, "b": 1}]   # one edge, weight a * 2^k + b
    >>> d = design_joint([dict(n=2, pairs=[(0, 1)], start=(1, 1), sequence=[0], rule="any", classes=tpl(k))
    ...                   for k in (1, 2, 3)])
    >>> d.feasible, d.labels, [w[0] > 0 for w in d.weights]
    (True, ['a', 'b'], [True, True, True])
    """
    if not problems:
        raise InstanceError("design: no problem given")
    if objective not in OBJECTIVES:
        raise InstanceError(f"design: unknown objective {objective!r} (expected one of {', '.join(OBJECTIVES)})")
    t0 = time.perf_counter()
    labels: list = []
    index: dict = {}
    rows: list[Row] = []
    combos = []
    seen: set = set()
    for k, p in enumerate(problems):
        prs, labs = design_rows(p["n"], p["pairs"], p["start"], p["sequence"], p.get("rule", "steepest"),
                                classes=p.get("classes"), final=p.get("final", True), strict=strict)
        for lab in labs:
            if lab not in index:
                index[lab] = len(labels)
                labels.append(lab)
        glob = [index[lab] for lab in labs]
        for r in prs:
            coef = tuple(sorted((glob[j], c) for j, c in r.coefficients))
            if (coef, r.rhs) not in seen:
                seen.add((coef, r.rhs))
                rows.append(Row(coef, r.rhs, r.step, r.kind, r.vertex, r.other, k))
        cls, _ = _class_index(p["pairs"], p.get("classes"))
        combos.append([{glob[j]: f for j, f in combo.items()} for combo in cls])
    if positive:
        for j in range(len(labels)):
            rows.append(Row(((j, 1),), 1, None, "positive", None, j))
    if any(not r.coefficients and r.rhs > 0 for r in rows):
        bad = next(i for i, r in enumerate(rows) if not r.coefficients and r.rhs > 0)
        mult = tuple(1 if i == bad else 0 for i in range(len(rows)))
        return Design(False, None, None, labels, rows, mult, "trivial", time.perf_counter() - t0)
    sol = _solve_primal(rows, len(labels), objective)
    if sol is not None:
        x, method = sol
        weights = tuple(tuple(sum(f * x[c] for c, f in combo.items()) for combo in cs) for cs in combos)
        return Design(True, weights, tuple(x), labels, rows, None, method, time.perf_counter() - t0)
    y, method = _solve_farkas(rows, len(labels))
    return Design(False, None, None, labels, rows, tuple(y), method, time.perf_counter() - t0)


def verify_weights(n: int, pairs: Sequence[tuple[int, int]], start: Sequence[int], sequence: Sequence[int],
                   rule: str, weights: Sequence[int], *, final: bool = True) -> bool:
    """Check exactly, by replaying the flips, that ``rule`` makes exactly ``sequence`` with ``weights``.

    Independent of the linear system: the gains are recomputed from the weighted graph at every step
    and the rule's choice is taken from its definition.

    Parameters
    ----------
    n, pairs, start, sequence, rule, final :
        As in :func:`design_rows`.
    weights : sequence of int
        One weight per edge.

    Returns
    -------
    bool

    Examples
    --------
    >>> verify_weights(2, [(0, 1)], (1, 1), [0], "steepest", [1])
    True
    >>> verify_weights(2, [(0, 1)], (1, 1), [1], "steepest", [1])   # vertex 0 has the same gain, a lower index
    False
    """
    g = Graph(n, tuple((u, v, int(w)) for (u, v), w in zip(pairs, weights)))
    s = Assignment(tuple(start))
    pointer = 0
    for v in sequence:
        gains = g.gains(s)
        improving = [u for u in range(n) if gains[u] > 0]
        if not improving:
            return False
        if rule == "steepest":
            pick = max(improving, key=lambda u: (gains[u], -u))
        elif rule == "first":
            pick = improving[0]
        elif rule == "last":
            pick = improving[-1]
        elif rule == "cyclic":
            after = [u for u in improving if u >= pointer]
            pick = after[0] if after else improving[0]
        elif rule == "only":
            pick = improving[0] if len(improving) == 1 else None
        else:
            pick = v if v in improving else None
        if pick != v:
            return False
        s = s.flipped(v)
        pointer = v + 1 if v + 1 < n else 0
    return not final or all(x <= 0 for x in g.gains(s))


def follows(graph: Graph, rule: str, sequence: Sequence[int], start: Sequence[int] | None = None) -> bool:
    """True iff the flip engine, run with ``rule`` from ``start``, makes exactly ``sequence`` and stops.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    rule : str
        A pivot rule of the flip engine (``first``, ``last``, ``cyclic``, ``steepest``, ...).
    sequence : sequence of int
        The expected flips.
    start : sequence of int, optional
        The start (default: the graph's own, else all +1).

    Returns
    -------
    bool

    Examples
    --------
    >>> follows(Graph(2, ((0, 1, 1),)), "steepest", [0], (1, 1))
    True
    """
    from .flip import local_search

    traj: list[int] = []
    res = local_search(graph, rule, start=start, max_steps=len(sequence) + 1, trajectory=traj)
    return res.status == "local_optimum" and traj == [int(v) for v in sequence]

"""Graphs as users hold them, turned into exact Max-Cut instances (the adapters of the Python API).

Accepted (``as_maxcut``):

- a ``networkx`` Graph, DiGraph, MultiGraph or MultiDiGraph: nodes are the labels (any hashables,
  in ``G.nodes`` order); the weight is the edge attribute ``weight`` (default 1). The two directions of
  a DiGraph edge, or parallel edges of a multigraph, are ONE undirected edge and must carry the same
  weight (else ``ValueError``). Self-loops are ignored (a loop is never cut);
- a square symmetric ``numpy`` array (the weighted adjacency matrix; labels 0..n-1; the diagonal is
  ignored; a boolean array is an unweighted adjacency);
- a ``scipy.sparse`` matrix or array (the same, in any sparse format; duplicate entries are summed
  exactly);
- a ``dimod.BinaryQuadraticModel`` (labels are its variables; see "Ising models" below);
- the project's own ``instances.Graph`` (labels 0..n-1, its own start kept);
- a file path (``str`` or path-like) of a graph in any format ``instances.read_instance`` reads.

Weights are exact: ints of any size, Fractions, Decimals, and finite floats taken at their exact
binary value (``weights.exact_number``). All weights are multiplied by the least common multiple L
of their denominators, so the engines see integers and nothing is rounded; every cut, gain and bound
is divided by L on the way back (an ``int`` when integral, else a ``Fraction``).

Ising models. A BQM with spins s (BINARY models are first converted exactly with x = (1 + s)/2) has
energy E(s) = offset + sum_i h_i s_i + sum_{ij} J_ij s_i s_j. Since s_i s_j = 1 - 2 [s_i != s_j],
minimising E is maximising the cut of the graph with weights w_ij = 2 J_ij, up to a constant. A
linear term h_i s_i is the coupling of s_i to a reference spin fixed to +1: vertex z with weights
w_iz = 2 h_i. Then E(s) = C - cut(s, s_z = +1) with C = offset + sum h_i + sum J_ij (``energy_offset``).

The reference vertex must never be flipped by local search (a flip of z is a flip of ALL the other
spins, not a move of the model). It is pinned by a second extra vertex z' joined to z only, with
weight M = 1 + sum_i |w_iz|, and every start has s_z = +1, s_z' = -1. Claim: no flip search ever flips
z or z'. Proof: as long as s_z != s_z', the gain of z' is w_zz' s_z s_z' = -M < 0 and the gain of z is
sum_i w_iz s_i s_z - M <= sum_i |w_iz| - M = -1 < 0; so neither is improving, neither is flipped, and
s_z != s_z' holds at the next step too (induction). For every other vertex i the pins are fixed and
the internal gain of i is L * (E(s) - E(s with s_i flipped)): flips of the graph are single-spin moves
of the model, one for one, with the same order of gains. Since z and z' come last in the vertex
order and are never improving, every pivot rule (first, last, steepest, least, cyclic, random) makes
the same choices as on the model's variables alone. Local
optima correspond too: s is a local max-cut (with s_z = +1) iff no single spin flip lowers E. Solutions
with s_z = -1 (possible only from a global optimiser) are mapped to their complement, which has the
same cut.

>>> import networkx as nx
>>> form = as_maxcut(nx.Graph([("a", "b", {"weight": 0.5}), ("b", "c", {"weight": 2})]))
>>> form.labels, form.scale, form.graph.edges
(('a', 'b', 'c'), 2, ((0, 1, 1), (1, 2, 4)))
>>> form.cut(form.signs_of({"a": 1, "b": -1, "c": 1}))
Fraction(5, 2)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from instances import Assignment, Graph, read_instance

from .weights import as_exact, exact_number, scaled, unscale

__all__ = ["ACCEPTED", "MaxCutForm", "as_maxcut"]

ACCEPTED = ("a networkx Graph/DiGraph/MultiGraph, a square symmetric numpy array, a scipy.sparse matrix, "
            "a dimod.BinaryQuadraticModel, an instances.Graph or a file path")


@dataclass(frozen=True)
class MaxCutForm:
    """A graph (or Ising model) as an exact integer Max-Cut instance, with the way back to the user's terms.

    Attributes
    ----------
    graph : Graph
        The integer-weighted graph the engines run on: vertex i < len(labels) is ``labels[i]``; for an
        Ising model with linear biases, two more vertices (the pinned reference pair, see the module
        docstring) come last.
    labels : tuple
        The user's node labels (or BQM variables), in vertex order.
    scale : int
        L: internal weight = L * user weight (the lcm of the weights' denominators).
    source : str
        What the input was: ``networkx``, ``numpy``, ``scipy.sparse``, ``dimod``, ``graph`` or ``file``.
    pin : tuple or None
        ``(z, z', M)``: the reference vertex, its pinning partner and their edge weight; None without
        linear biases.
    energy_offset : int, Fraction or None
        For Ising models, C with E(s) = C - cut(s) (user units); None for graphs.
    vartype : str or None
        ``"SPIN"`` or ``"BINARY"`` for Ising models (how samples and starts are written), else None.
    """

    graph: Graph
    labels: tuple
    scale: int
    source: str
    pin: tuple | None = None
    energy_offset: Any = None
    vartype: str | None = None
    index: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "index", {lab: i for i, lab in enumerate(self.labels)})

    @property
    def n(self) -> int:
        """The number of labels (vertices or variables)."""
        return len(self.labels)

    # --- assignments --------------------------------------------------------------------------
    def signs_of(self, start=None, seed: int = 0) -> Assignment:
        """The internal start assignment (pins included) for a start in the user's terms.

        Parameters
        ----------
        start : None, str, dict or sequence
            None or ``"instance"``: the graph's own start if it has one, else all +1; ``"plus"``: all
            +1; ``"random"``: uniform random signs from ``seed``; a dict label -> value (every label);
            a sequence of values in label order. Values are +1/-1, or 0/1 for a BINARY model.
        seed : int, default 0
            Seed of a random start.

        Returns
        -------
        Assignment
            On ``graph``'s vertices, with s_z = +1 and s_z' = -1 when pinned.

        Raises
        ------
        ValueError
            For an unknown start name, missing or unknown labels, a wrong length or a bad value.
        TypeError
            For a start of another type.
        """
        n = self.n
        if start is None or (isinstance(start, str) and start == "instance"):
            if self.graph.start is not None:
                return self.graph.start
            signs = [1] * n
        elif isinstance(start, str):
            if start == "plus":
                signs = [1] * n
            elif start == "random":
                signs = list(Assignment.random(n, seed).signs)
            else:
                raise ValueError(f"unknown start {start!r} (None, 'instance', 'plus', 'random', a dict or a sequence)")
        elif isinstance(start, dict):
            unknown = [k for k in start if k not in self.index]
            if unknown:
                raise ValueError(f"start names {unknown[0]!r}, which is not a node of the graph")
            missing = [lab for lab in self.labels if lab not in start]
            if missing:
                raise ValueError(f"start gives no value for node {missing[0]!r}")
            signs = [self._sign(start[lab], lab) for lab in self.labels]
        elif isinstance(start, (list, tuple, np.ndarray, Assignment)):
            vals = list(np.asarray(start).ravel()) if isinstance(start, np.ndarray) else list(start)
            if len(vals) != n:
                raise ValueError(f"start has {len(vals)} values for {n} nodes")
            signs = [self._sign(v, lab) for v, lab in zip(vals, self.labels)]
        else:
            raise TypeError(f"start must be None, 'plus', 'random', a dict or a sequence, not {type(start).__name__}")
        return self.internal(signs)

    def _sign(self, v, label) -> int:
        allowed = (0, 1) if self.vartype == "BINARY" else (1, -1)
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer, float, np.floating)) or v not in allowed:
            raise ValueError(f"start value of node {label!r} is {v!r}, expected {allowed[0]} or {allowed[1]}")
        return 1 if v == 1 else -1

    def internal(self, signs) -> Assignment:
        """The user's +-1 signs (label order) extended by the pins (+1, -1) when pinned."""
        signs = list(signs)
        if self.pin is not None:
            signs += [1, -1]
        return Assignment(tuple(signs))

    def normalised(self, signs) -> list[int]:
        """The user's signs of an internal assignment: complemented if the reference vertex has -1.

        Parameters
        ----------
        signs : sequence of int
            An internal assignment (pins included).

        Returns
        -------
        list of int
            One +-1 per label.
        """
        s = list(signs)
        if self.pin is not None and s[self.pin[0]] == -1:
            s = [-x for x in s]
        return s[: self.n]

    def assignment(self, user_signs) -> dict:
        """``{label: value}``: +1/-1, or 1/0 for a BINARY model."""
        if self.vartype == "BINARY":
            return {lab: (1 if x == 1 else 0) for lab, x in zip(self.labels, user_signs)}
        return dict(zip(self.labels, user_signs))

    def partition(self, user_signs) -> tuple[set, set]:
        """The two sides of the cut: (labels with +1, labels with -1)."""
        return ({lab for lab, x in zip(self.labels, user_signs) if x == 1},
                {lab for lab, x in zip(self.labels, user_signs) if x == -1})

    # --- values ---------------------------------------------------------------------------------
    def user_value(self, internal_cut: int):
        """A cut of ``graph`` with s_z != s_z' (or without pins), in the user's units (pin edge removed)."""
        return unscale(internal_cut - (self.pin[2] if self.pin is not None else 0), self.scale)

    def cut(self, internal_signs) -> Any:
        """The exact cut of an internal assignment in the user's units (after normalising the pins)."""
        return self.user_value(self.graph.cut_value(self.internal(self.normalised(internal_signs))))

    def energy(self, cut):
        """The energy E = C - cut of an Ising model (None for graphs)."""
        return None if self.energy_offset is None else as_exact(self.energy_offset - cut)


def as_maxcut(obj, weight: str | None = "weight", variables=None) -> MaxCutForm:
    """Any accepted graph (module docstring) as an exact integer Max-Cut instance.

    Parameters
    ----------
    obj : object
        A networkx graph, numpy array, scipy.sparse matrix, dimod BQM, ``instances.Graph`` or file path.
    weight : str or None, default "weight"
        The networkx edge attribute holding the weight (None: every edge weighs 1).
    variables : sequence, optional
        For a BQM, the vertex order (default: ``bqm.variables``).

    Returns
    -------
    MaxCutForm

    Raises
    ------
    TypeError
        For any other type (the message lists the accepted ones), or a weight that is not a number.
    ValueError
        For NaN or infinite weights, a non-square or asymmetric matrix, conflicting directed or
        parallel edges, or an unreadable file (``InstanceError``, naming the file).

    Examples
    --------
    >>> import numpy as np
    >>> as_maxcut(np.array([[0, 1.5], [1.5, 0]])).graph.edges
    ((0, 1, 3),)
    >>> as_maxcut([[0, 1], [1, 0]])
    Traceback (most recent call last):
    ...
    TypeError: cannot read a graph from a list; expected a networkx Graph/DiGraph/MultiGraph, a square symmetric numpy array, a scipy.sparse matrix, a dimod.BinaryQuadraticModel, an instances.Graph or a file path (a list of lists: wrap it in numpy.array)
    """
    if isinstance(obj, Graph):
        return MaxCutForm(obj, tuple(range(obj.n)), 1, "graph")
    if isinstance(obj, (str, os.PathLike)):
        g = read_instance(obj, expect="graph")
        return MaxCutForm(g, tuple(range(g.n)), 1, "file")
    module = type(obj).__module__ or ""
    if module.startswith("networkx"):
        return _from_networkx(obj, weight)
    if isinstance(obj, np.ndarray):
        return _from_dense(obj)
    if module.startswith("scipy.sparse"):
        return _from_sparse(obj)
    if module.startswith("dimod"):
        import dimod

        if isinstance(obj, dimod.BinaryQuadraticModel):
            return from_bqm(obj, variables)
    hint = " (a list of lists: wrap it in numpy.array)" if isinstance(obj, list) else ""
    raise TypeError(f"cannot read a graph from a {type(obj).__name__}; expected {ACCEPTED}{hint}")


def _build(labels, pairs: dict, source: str) -> MaxCutForm:
    """The form of undirected edges ``{(i, j): exact weight}`` (i < j) over ``labels``."""
    keys = list(pairs)
    L, ints = scaled(pairs[k] for k in keys)
    edges = tuple((i, j, w) for (i, j), w in zip(keys, ints))
    return MaxCutForm(Graph(len(labels), edges, meta={"source": source}), tuple(labels), L, source)


def _from_networkx(G, weight) -> MaxCutForm:
    import networkx as nx

    if not isinstance(G, nx.Graph):
        raise TypeError(f"cannot read a graph from a {type(G).__name__}; expected {ACCEPTED}")
    labels = list(G.nodes)
    index = {v: i for i, v in enumerate(labels)}
    pairs: dict = {}
    for a, b, data in G.edges(data=True):
        if a == b:
            continue
        where = f"edge ({a!r}, {b!r})"
        w = exact_number(data.get(weight, 1) if weight is not None else 1, where)
        i, j = index[a], index[b]
        key = (min(i, j), max(i, j))
        if key in pairs and pairs[key] != w:
            raise ValueError(f"{where}: conflicting edges between {a!r} and {b!r} with weights {pairs[key]} and {w} "
                             "(the two directions of a DiGraph edge and parallel edges must agree)")
        pairs[key] = w
    return _build(labels, pairs, "networkx")


def _from_dense(A: np.ndarray) -> MaxCutForm:
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"an adjacency matrix must be square, got shape {A.shape}")
    if A.dtype.kind not in "biufO":
        raise TypeError(f"an adjacency matrix must hold real numbers, got dtype {A.dtype}")
    if A.dtype.kind == "b":
        A = A.astype(np.int64)
    if A.dtype.kind == "f":
        bad = np.argwhere(~np.isfinite(A))
        if len(bad):
            i, j = bad[0]
            raise ValueError(f"entry ({i}, {j}) is {A[i, j]!r}, not finite")
    n = A.shape[0]
    if A.dtype.kind != "O":
        diff = np.argwhere(A != A.T)
        if len(diff):
            i, j = sorted(diff[0].tolist())
            raise ValueError(f"the matrix is not symmetric: entry ({i}, {j}) is {A[i, j]!r} but ({j}, {i}) is {A[j, i]!r}")
        rows, cols = np.nonzero(np.triu(A, k=1))
        pairs = {(int(i), int(j)): exact_number(A[i, j], f"entry ({i}, {j})") for i, j in zip(rows, cols)}
    else:
        pairs = {}
        for i in range(n):
            for j in range(i + 1, n):
                a = exact_number(A[i, j], f"entry ({i}, {j})")
                b = exact_number(A[j, i], f"entry ({j}, {i})")
                if a != b:
                    raise ValueError(f"the matrix is not symmetric: entry ({i}, {j}) is {a} but ({j}, {i}) is {b}")
                if a != 0:
                    pairs[(i, j)] = a
    return _build(range(n), pairs, "numpy")


def _from_sparse(S) -> MaxCutForm:
    import scipy.sparse as sp

    if not sp.issparse(S):
        raise TypeError(f"cannot read a graph from a {type(S).__name__}; expected {ACCEPTED}")
    if len(S.shape) != 2 or S.shape[0] != S.shape[1]:
        raise ValueError(f"an adjacency matrix must be square, got shape {S.shape}")
    if S.dtype.kind not in "biufO":
        raise TypeError(f"an adjacency matrix must hold real numbers, got dtype {S.dtype}")
    coo = S.tocoo()
    entries: dict = {}
    for i, j, v in zip(coo.row.tolist(), coo.col.tolist(), coo.data):
        if i == j:
            continue
        x = 1 if isinstance(v, (bool, np.bool_)) and v else (0 if isinstance(v, (bool, np.bool_)) else
                                                            exact_number(v, f"entry ({i}, {j})"))
        entries[(i, j)] = entries.get((i, j), 0) + x
    pairs = {}
    for (i, j), x in entries.items():
        y = entries.get((j, i), 0)
        if x != y:
            raise ValueError(f"the matrix is not symmetric: entry ({i}, {j}) is {x} but ({j}, {i}) is {y}")
        if i < j and x != 0:
            pairs[(i, j)] = x
    return _build(range(S.shape[0]), pairs, "scipy.sparse")


def from_bqm(bqm, variables=None) -> MaxCutForm:
    """An Ising model (dimod BQM, SPIN or BINARY) as a pinned Max-Cut instance (module docstring).

    Parameters
    ----------
    bqm : dimod.BinaryQuadraticModel
        The model; biases of any dtype (float64 biases are taken exactly, object biases may be ints of
        any size or Fractions).
    variables : sequence, optional
        The vertex order (default ``bqm.variables``); must be a permutation of the variables.

    Returns
    -------
    MaxCutForm
        ``vartype`` and ``energy_offset`` set; E(s) = energy_offset - cut(s) exactly.

    Raises
    ------
    TypeError, ValueError
        For a bias that is not a finite real number, or ``variables`` not matching the model.

    Examples
    --------
    >>> import dimod
    >>> form = from_bqm(dimod.BQM({"a": 1.0}, {("a", "b"): -0.5}, 0.25, "SPIN"))
    >>> form.graph.edges, form.scale, form.pin
    (((0, 1, -1), (0, 2, 2), (2, 3, 3)), 1, (2, 3, 3))
    >>> s = form.signs_of({"a": -1, "b": -1})
    >>> form.energy(form.cut(s)) == 0.25 - 1 - 0.5
    True
    """
    labels = list(bqm.variables) if variables is None else list(variables)
    if len(labels) != len(bqm.variables) or set(labels) != set(bqm.variables):
        raise ValueError("variables must list every variable of the model once")
    index = {v: i for i, v in enumerate(labels)}
    h = {v: exact_number(b, f"variable {v!r}", "bias") for v, b in bqm.linear.items()}
    J = {}
    for u, v, b in bqm.iter_quadratic():
        i, k = index[u], index[v]
        J[(min(i, k), max(i, k))] = J.get((min(i, k), max(i, k)), 0) + exact_number(b, f"interaction ({u!r}, {v!r})", "bias")
    offset = exact_number(bqm.offset, "offset", "offset")
    vartype = bqm.vartype.name
    if vartype == "BINARY":  # x = (1 + s) / 2, exactly
        hs = {v: Fraction(a, 2) for v, a in h.items()}
        offset = Fraction(offset) + sum((Fraction(a, 2) for a in h.values()), Fraction(0))
        for (i, k), b in J.items():
            hs[labels[i]] += Fraction(b, 4)
            hs[labels[k]] += Fraction(b, 4)
            offset += Fraction(b, 4)
        h, J = hs, {key: Fraction(b, 4) for key, b in J.items()}
    n = len(labels)
    pairs = {key: 2 * b for key, b in J.items() if b != 0}
    lin = {index[v]: 2 * a for v, a in h.items() if a != 0}
    energy_offset = as_exact(Fraction(offset) + sum((Fraction(a) for a in h.values()), Fraction(0))
                           + sum((Fraction(b) for b in J.values()), Fraction(0)))
    keys = list(pairs) + [(i, n) for i in lin]
    L, ints = scaled([pairs[k] for k in pairs] + [lin[i] for i in lin])
    edges = [(i, j, w) for (i, j), w in zip(keys, ints)]
    pin = None
    if lin:
        M = 1 + sum(abs(w) for (i, j), w in zip(keys, ints) if j == n)
        edges.append((n, n + 1, M))
        pin = (n, n + 1, M)
    graph = Graph(n + (2 if pin else 0), tuple(edges), meta={"source": "dimod"})
    return MaxCutForm(graph, tuple(labels), L, "dimod", pin, energy_offset, vartype)

"""Adapters: exact numbers, networkx / numpy / scipy.sparse / dimod / files as integer Max-Cut forms."""
from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import Graph, write_instance
from tripletpls.api.graphs import as_maxcut, from_bqm
from tripletpls.api.weights import exact_number, scaled, unscale

dimod = pytest.importorskip("dimod")

finite_floats = st.floats(allow_nan=False, allow_infinity=False, width=64)


@given(st.lists(st.one_of(finite_floats, st.fractions(), st.integers(-(2**80), 2**80)), max_size=8))
def test_scaling_is_exact_and_invertible(values):
    L, ints = scaled(exact_number(v) for v in values)
    if not any(isinstance(v, Fraction) for v in values):
        assert L & (L - 1) == 0  # floats are dyadic: the scale is a power of two
    for v, k in zip(values, ints):
        assert Fraction(unscale(k, L)) == Fraction(v)  # Fraction(float) is the float's exact value


def test_exact_number_types_and_errors():
    assert exact_number(np.float16(0.1)) == Fraction(819, 8192)  # float16's 0.1: 10 bits of mantissa
    assert exact_number(np.float32(0.1)) == Fraction(*np.float32(0.1).as_integer_ratio())
    assert exact_number(Decimal("0.1")) == Fraction(1, 10)
    assert exact_number(np.int8(-3)) == -3 and type(exact_number(Fraction(6, 3))) is int
    for bad, err in ((True, TypeError), ("1", TypeError), (None, TypeError), (1j, TypeError),
                     (float("inf"), ValueError), (np.float64("nan"), ValueError), (Decimal("NaN"), ValueError)):
        with pytest.raises(err):
            exact_number(bad, "edge (0, 1)")


def test_networkx_labels_weights_and_default():
    G = nx.Graph()
    G.add_edge(("p", 1), "q", weight=0.25)
    G.add_edge("q", 7)  # no weight: 1
    G.add_node("lonely")
    form = as_maxcut(G)
    assert form.labels == (("p", 1), "q", 7, "lonely") and form.scale == 4
    assert form.graph.edges == ((0, 1, 1), (1, 2, 4)) and form.graph.n == 4
    assert as_maxcut(G, weight=None).graph.edges == ((0, 1, 1), (1, 2, 1))
    G.add_edge("q", "q", weight=5)  # self-loops are never cut: ignored
    assert as_maxcut(G).graph.edges == ((0, 1, 1), (1, 2, 4))


def test_directed_and_multigraph_edges_merge_or_conflict():
    D = nx.DiGraph([("a", "b", {"weight": 2}), ("b", "a", {"weight": 2}), ("b", "c", {"weight": 3})])
    assert as_maxcut(D).graph.edges == ((0, 1, 2), (1, 2, 3))
    D.add_edge("c", "b", weight=4)
    with pytest.raises(ValueError, match="conflicting edges between 'c' and 'b' with weights 3 and 4"):
        as_maxcut(D)
    M = nx.MultiGraph()
    M.add_edge(0, 1, weight=1.5)
    M.add_edge(0, 1, weight=1.5)
    assert as_maxcut(M).graph.edges == ((0, 1, 3),)
    M.add_edge(1, 0, weight=2)
    with pytest.raises(ValueError, match="conflicting"):
        as_maxcut(M)


@pytest.mark.parametrize("bad, err, words", [
    (nx.Graph([(0, 1, {"weight": float("nan")})]), ValueError, "not finite"),
    (nx.Graph([(0, 1, {"weight": "heavy"})]), TypeError, "is a str"),
    (nx.Graph([(0, 1, {"weight": True})]), TypeError, "bool"),
    (np.array([[0, 1], [2, 0]]), ValueError, "not symmetric"),
    (np.array([[0, 1, 0]]), ValueError, "square"),
    (np.array([[0, np.inf], [np.inf, 0]]), ValueError, "not finite"),
    (np.array([["a", "b"], ["b", "a"]]), TypeError, "real numbers"),
    (np.array([[0, 1j], [1j, 0]]), TypeError, "real numbers"),
    (sp.csr_matrix(np.array([[0, 1.0], [0.5, 0]])), ValueError, "not symmetric"),
    ([[0, 1], [1, 0]], TypeError, "wrap it in numpy.array"),
    ({"a": 1}, TypeError, "networkx Graph"),
    (42, TypeError, "dimod.BinaryQuadraticModel"),
])
def test_bad_graphs_name_the_problem(bad, err, words):
    with pytest.raises(err, match=words):
        as_maxcut(bad)


def test_matrices_dense_sparse_and_object_agree():
    A = np.array([[0, 0.5, 0, 2], [0.5, 0, -1, 0], [0, -1, 0, 0], [2, 0, 0, 7]])  # the diagonal is ignored
    want = ((0, 1, 1), (0, 3, 4), (1, 2, -2))
    assert as_maxcut(A).graph.edges == want and as_maxcut(A).scale == 2
    for fmt in ("csr", "csc", "coo", "lil", "dok"):
        assert sorted(as_maxcut(sp.csr_matrix(A).asformat(fmt)).graph.edges) == list(want)
    assert sorted(as_maxcut(sp.csr_array(A)).graph.edges) == list(want)
    obj = np.array([[0, Fraction(1, 2), 0, 2], [Fraction(1, 2), 0, -1, 0], [0, -1, 0, 0], [2, 0, 0, 0]], dtype=object)
    assert as_maxcut(obj).graph.edges == want
    assert as_maxcut(np.array([[0, True], [True, 0]])).graph.edges == ((0, 1, 1),)
    dup = sp.coo_matrix(([0.25, 0.25, 0.5], ([0, 0, 1], [1, 1, 0])), shape=(2, 2))  # duplicates sum exactly
    assert as_maxcut(dup).graph.edges == ((0, 1, 1),) and as_maxcut(dup).scale == 2


def test_huge_and_tiny_weights_stay_exact():
    big = 2**200 + 1
    form = as_maxcut(np.array([[0, big, 0], [big, 0, 1e-300], [0, 1e-300, 0]], dtype=object))
    u, v, w = form.graph.edges[1]
    assert Fraction(w, form.scale) == Fraction(1e-300) and Fraction(form.graph.edges[0][2], form.scale) == big


def test_files_and_project_graphs(tmp_path):
    g = Graph(3, ((0, 1, 5), (1, 2, -2)), start=(1, -1, 1))
    path = tmp_path / "g.json"
    write_instance(g, path)
    for obj in (g, str(path), path):
        form = as_maxcut(obj)
        assert form.graph.edges == g.edges and form.labels == (0, 1, 2) and form.scale == 1
        assert form.signs_of(None) == g.start
    with pytest.raises(ValueError, match="no such file"):
        as_maxcut(tmp_path / "missing.json")


def _energy(bqm, sample):
    return sum(Fraction(b) * sample[v] for v, b in bqm.linear.items()) + sum(
        Fraction(b) * sample[u] * sample[v] for (u, v), b in bqm.quadratic.items()) + Fraction(bqm.offset)


@settings(max_examples=40)
@given(st.integers(1, 6), st.data())
def test_bqm_energy_is_offset_minus_cut_for_every_state(n, data):
    vartype = data.draw(st.sampled_from(["SPIN", "BINARY"]))
    bias = st.one_of(st.integers(-5, 5), st.sampled_from([0.5, -0.25, 1.75, 0.0]))
    lin = {f"x{i}": data.draw(bias) for i in range(n)}
    quad = {(f"x{i}", f"x{j}"): data.draw(bias) for i in range(n) for j in range(i + 1, n) if data.draw(st.booleans())}
    bqm = dimod.BQM(lin, quad, data.draw(bias), vartype)
    form = from_bqm(bqm)
    values = (0, 1) if vartype == "BINARY" else (-1, 1)
    for vals in itertools.product(values, repeat=n):
        sample = dict(zip(form.labels, vals))
        signs = form.signs_of(sample)
        assert form.energy(form.cut(signs)) == _energy(bqm, sample)  # exact, both vartypes
        assert float(form.energy(form.cut(signs))) == pytest.approx(bqm.energy(sample))


def test_bqm_pins_never_improve():
    bqm = dimod.BQM({"a": 3, "b": -2}, {("a", "b"): 1}, 0, "SPIN")
    form = from_bqm(bqm)
    z, z2, M = form.pin
    assert (z, z2) == (2, 3) and M == 1 + 6 + 4
    for vals in itertools.product((-1, 1), repeat=2):
        gains = form.graph.gains(form.signs_of(list(vals)))
        assert gains[z] <= -1 and gains[z2] == -M
    assert from_bqm(dimod.BQM({}, {("a", "b"): 1}, 0, "SPIN")).pin is None


def test_starts():
    form = as_maxcut(nx.path_graph(["a", "b", "c"]))
    assert form.signs_of("plus").signs == (1, 1, 1)
    assert form.signs_of({"c": -1, "a": 1, "b": 1}).signs == (1, 1, -1)
    assert form.signs_of(np.array([1, -1, 1])).signs == (1, -1, 1)
    assert form.signs_of("random", 5) == form.signs_of("random", 5)
    for bad, err in (({"a": 1}, ValueError), ({"a": 1, "b": 1, "c": 1, "d": 1}, ValueError), ([1, 1], ValueError),
                     ([1, 0, 1], ValueError), ([True, 1, 1], ValueError), ("sideways", ValueError), (3, TypeError)):
        with pytest.raises(err):
            form.signs_of(bad)

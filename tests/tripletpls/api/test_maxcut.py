"""flip / exact / check on user graphs: same runs as the engine on the integer form, answers by label."""
from __future__ import annotations

import itertools
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tripletpls
from instances import Graph
from localsearch.core.rules import RULES
from tests.helpers.oracles import naive_flip_run

from tripletpls.api.graphs import as_maxcut

dimod = pytest.importorskip("dimod")


@st.composite
def labelled_float_graphs(draw):
    """A networkx graph with string labels and dyadic float weights, and the integer graph it means."""
    n = draw(st.integers(1, 7))
    labels = draw(st.permutations([f"n{i}" for i in range(n)]))
    G, edges = nx.Graph(), []
    G.add_nodes_from(labels)
    for i, j in itertools.combinations(range(n), 2):
        if draw(st.booleans()):
            k = draw(st.integers(-40, 40))
            G.add_edge(labels[i], labels[j], weight=k / 8)
            edges.append((i, j, k))
    return G, labels, Graph(n, tuple(edges))


@settings(max_examples=60)
@given(labelled_float_graphs(), st.sampled_from(RULES), st.integers(0, 3))
def test_flip_runs_exactly_like_the_reference_on_the_scaled_graph(case, rule, seed):
    G, labels, g8 = case
    start = {lab: (1 if (i * 7 + seed) % 3 else -1) for i, lab in enumerate(labels)}
    res = tripletpls.flip(G, rule=rule, start=start, seed=seed)
    seq, final = naive_flip_run(g8, [start[lab] for lab in labels], rule, seed)
    assert res.steps == len(seq) and res.local_optimum and res.status == "local_optimum"
    assert res.assignment == dict(zip(labels, final))
    assert res.cut == Fraction(g8.cut_value(final), 8)  # exact, in the user's units
    assert res.partition == ({lab for lab in labels if res.assignment[lab] == 1},
                             {lab for lab in labels if res.assignment[lab] == -1})
    assert res.certificate.local_optimum and res.certificate.value == res.cut


def test_flip_starts_limits_and_errors():
    G = nx.cycle_graph(6)
    assert tripletpls.flip(G, start="plus").steps == tripletpls.flip(G).steps == 3
    assert tripletpls.flip(G, start=[1, -1, 1, -1, 1, -1]).steps == 0
    r = tripletpls.flip(G, start="random", seed=4)
    assert r.assignment == tripletpls.flip(G, start="random", seed=4).assignment and r.seed == 4
    stopped = tripletpls.flip(G, max_steps=1)
    assert stopped.steps == 1 and stopped.status == "max_steps" and not stopped.local_optimum
    assert stopped.certificate.witness["flip"] in G.nodes
    with pytest.raises(Exception, match="unknown pivot rule"):
        tripletpls.flip(G, rule="sideways")


def test_exact_matches_brute_force_by_label():
    rng = np.random.default_rng(3)
    for _ in range(5):
        A = np.triu(rng.integers(-4, 5, size=(7, 7)) / 4, 1)
        A = A + A.T
        best = max(sum(A[i, j] for i in range(7) for j in range(i + 1, 7) if s[i] != s[j])
                   for s in itertools.product((1, -1), repeat=7))
        for solver in ("cpsat", "maxsat"):
            res = tripletpls.exact(A, solver=solver)
            assert res.optimal and res.value == res.bound == Fraction(best)
            assert tripletpls.check(A, res.assignment).local_optimum


def test_exact_on_a_bqm_minimises_the_energy():
    bqm = dimod.BQM({"a": 1.5, "b": -0.5, "c": 0.25}, {("a", "b"): 1, ("b", "c"): -2, ("a", "c"): 0.75}, 3, "SPIN")
    res = tripletpls.exact(bqm, solver="brute-force")
    emin = min(bqm.energy(dict(zip("abc", s))) for s in itertools.product((-1, 1), repeat=3))
    assert res.optimal and res.energy == emin == res.energy_bound
    assert bqm.energy(res.assignment) == emin


def test_check_by_label_with_exact_gain():
    G = nx.Graph([("u", "v", {"weight": 0.75}), ("v", "w", {"weight": 0.5})])
    cert = tripletpls.check(G, {"u": 1, "v": 1, "w": 1})
    assert cert.witness == {"flip": "v"} and cert.gain == Fraction(5, 4) and cert.value == 0
    assert tripletpls.check(G, {"u": 1, "v": -1, "w": 1}).local_optimum
    with pytest.raises(TypeError):
        tripletpls.check(G, "u")


def test_huge_weights_exact():
    G = nx.Graph([(0, 1, {"weight": 2**100}), (1, 2, {"weight": 2**100 + 1}), (0, 2, {"weight": -(2**100)})])
    res = tripletpls.flip(G, rule="steepest")  # from all +1: vertex 1 (gain 2^101 + 1) flips, then nothing
    assert res.steps == 1 and res.assignment == {0: 1, 1: -1, 2: 1}
    assert res.local_optimum and res.cut == 2 * 2**100 + 1 and type(res.cut) is int


def test_bqm_flip_is_single_spin_descent():
    bqm = dimod.BQM({"a": 1, "b": 1, "c": -3}, {("a", "b"): 2, ("b", "c"): -1}, 0.5, "SPIN")
    res = tripletpls.flip(bqm, rule="steepest")
    s = res.assignment
    assert res.energy == bqm.energy(s) and res.local_optimum
    for v in s:  # no single flip lowers the energy
        t = dict(s)
        t[v] = -t[v]
        assert bqm.energy(t) >= bqm.energy(s)

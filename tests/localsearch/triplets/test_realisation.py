"""All triplets at once in high dimension (localsearch.triplets.realisation): cycles, exact integer
embeddings, Gram pivots, four squares. What it says about the rd reduction is tested in
tests/reductions/test_to_rd.py; the allsat command built on it in tests/tripletpls/commands/test_allsat.py."""
import doctest
import random

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import InstanceError, TripletInstance
from instances.triplets import sq_dist
from localsearch.triplets import realisation
from localsearch.triplets.realisation import (constraint_graph, embedding_dim, find_cycle, four_squares, gram_pivots,
                                              integer_embedding, ranks)
from tests.helpers.strategies import triplet_lists


@st.composite
def acyclic_instances(draw):
    """Triplets consistent with a hidden random order of the pairs, plus consistent extra relations."""
    m = draw(st.integers(3, 7))
    pairs = [(i, j) for i in range(m) for j in range(i + 1, m)]
    hidden = {p: k for k, p in enumerate(draw(st.permutations(pairs)))}
    trips = []
    for a, b, c, w in draw(triplet_lists(m, 12)):
        p, q = tuple(sorted((a, b))), tuple(sorted((a, c)))
        trips.append((a, b, c, w) if hidden[p] < hidden[q] else (a, c, b, w))
    extra = [(p, q) if hidden[p] < hidden[q] else (q, p)
             for p, q in draw(st.lists(st.tuples(st.sampled_from(pairs), st.sampled_from(pairs)), max_size=5)) if p != q]
    return TripletInstance(m, tuple(trips), dim=embedding_dim(m)), extra


def float_coordinates(inst, extra):
    """Independent realisation in R^(m-1) in floats: squared distances from the ranks, Cholesky."""
    m, r = inst.points, ranks(inst, extra)
    q = np.zeros((m, m))
    for (i, j), k in r.items():
        q[i, j] = q[j, i] = 1 + k / (2 * m**3)
    G = (q[0][:, None] + q[0][None, :] - q) / 2
    return np.vstack([np.zeros(m - 1), np.linalg.cholesky(G[1:, 1:])])


@settings(max_examples=60)
@given(acyclic_instances())
def test_acyclic_instances_are_fully_satisfied_exactly_and_in_dimension_m_minus_1(case):
    inst, extra = case
    assert find_cycle(inst, extra) is None
    pos = integer_embedding(inst, extra)
    assert inst.satisfied_weight(pos) == inst.total_weight  # exact, from scratch
    assert all(sq_dist(pos[p[0]], pos[p[1]]) < sq_dist(pos[q[0]], pos[q[1]]) for p, q in extra)
    assert all(p > 0 for p in gram_pivots(inst, extra))
    X = float_coordinates(inst, extra)  # second, floating-point check of (b): margins >= 1/(2 m^3)
    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)
    assert all(d2[a, b] < d2[a, c] for a, b, c, _ in inst.triplets)
    assert d2.max() <= 1 + 1 / (4 * inst.points) + 1e-9


@settings(max_examples=80)
@given(st.integers(3, 6).flatmap(lambda m: st.tuples(st.just(m), triplet_lists(m, 9))))
def test_cycle_or_embedding_matches_networkx(case):
    m, trips = case
    inst = TripletInstance(m, tuple(trips), dim=embedding_dim(m))
    arcs = {(tuple(sorted((a, b))), tuple(sorted((a, c)))) for a, b, c, _ in trips}
    cycle = find_cycle(inst)
    assert (cycle is None) == nx.is_directed_acyclic_graph(nx.DiGraph(list(arcs)))
    if cycle is None:
        assert inst.satisfied_weight(integer_embedding(inst)) == inst.total_weight
    else:
        assert all((p, q) in arcs for p, q in zip(cycle, cycle[1:] + cycle[:1]))
        with pytest.raises(InstanceError):
            integer_embedding(inst)


def test_four_squares():
    rng = random.Random(0)
    for n in list(range(200)) + [rng.randrange(10**7) for _ in range(200)]:
        a, b, c, d = four_squares(n)
        assert a * a + b * b + c * c + d * d == n


def test_bad_extra_relations_and_targets():
    inst = TripletInstance(3, ((0, 1, 2, 1),))
    with pytest.raises(InstanceError):
        constraint_graph(inst, [((0, 0), (1, 2))])
    with pytest.raises(InstanceError):
        constraint_graph(TripletInstance(3, ((0, 1, 2, 1),), target="nonbetweenness"))


def test_embedding_dim_and_ranks():
    assert [embedding_dim(m) for m in (1, 2, 3, 13)] == [4, 9, 15, 130]
    inst = TripletInstance(3, ((0, 1, 2, 5), (1, 2, 0, 1)), dim=1)
    r = ranks(inst)
    assert sorted(r.values()) == [1, 2, 3] and r[(0, 1)] < r[(0, 2)] and r[(1, 2)] < r[(0, 1)]


def test_docstring_examples():
    assert doctest.testmod(realisation).failed == 0

"""Triplet instances and their solutions (instances.triplets): tree semantics, validation, the objective of
every target by hand, the cblearn array form."""
from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from instances import InstanceError, Ordering, Tree, TripletInstance, from_cblearn, to_cblearn

from tests.helpers.strategies import trees, triplet_instances


def _lca_by_leaf_sets(tree, a, b):
    """lca as the smallest subtree containing both leaves (independent of Tree.lca)."""
    m = tree.leaves
    kids = {}
    for v, p in enumerate(tree.parent):
        kids.setdefault(p, []).append(v)

    def leaves(v):
        return {v} if v < m else set().union(*(leaves(c) for c in kids[v]))

    best = None
    for v in range(len(tree.parent)):
        L = leaves(v)
        if a in L and b in L and (best is None or len(L) < len(leaves(best))):
            best = v
    return best


@given(st.integers(2, 7).flatmap(lambda m: st.tuples(st.just(m), trees(m))))
def test_tree_lca(mt):
    m, t = mt
    for a, b in itertools.combinations(range(m), 2):
        assert t.lca(a, b) == _lca_by_leaf_sets(t, a, b)


def test_tree_validation():
    Tree((3, 3, 4, 4, -1))
    for bad in [(3, 3, 3, 4, -1), (-1, 3, 4, 4, -1), (3, 3, 4, 4), (1, 3, 4, 4, -1)]:
        with pytest.raises(InstanceError):
            Tree(bad)


def test_triplet_targets_by_hand():
    t = (0, 1, 2, 1)
    inst = TripletInstance(3, (t,))
    assert inst.satisfied_weight((0, 1, 3)) == 1 and inst.satisfied_weight((0, 2, 1)) == 0
    assert inst.satisfied_weight((0, Fraction(1), Fraction(-1))) == 0  # a tie is not satisfied
    b = TripletInstance(3, (t,), target="betweenness")
    assert b.satisfied_weight(Ordering((0, 1, 2))) == 1 and b.satisfied_weight(Ordering((1, 0, 2))) == 0
    nb = TripletInstance(3, (t,), target="nonbetweenness")
    assert nb.satisfied_weight(Ordering((1, 0, 2))) == 1
    assert nb.satisfied_weight((0, 1, 2)) == 0 and nb.satisfied_weight((0, 5, 2)) == 1
    tr = TripletInstance(3, (t,), target="tree")
    assert tr.satisfied_weight(Tree((3, 3, 4, 4, -1))) == 1 and tr.satisfied_weight(Tree((3, 4, 3, 4, -1))) == 0


@given(triplet_instances(target="euclidean"))
def test_cblearn_round_trip(t):
    arr, w = to_cblearn(t)
    assert arr.shape == (len(t.triplets), 3)
    back = from_cblearn(arr, list(w), points=t.points, dim=t.dim)
    assert back.triplets == t.triplets


def test_solutions_must_suit_the_target():
    t = ((0, 1, 2, 1),)
    cases = [(TripletInstance(3, t, target="tree"), Ordering((0, 1, 2))),
             (TripletInstance(3, t, target="tree"), (0, 1, 2)),
             (TripletInstance(3, t, target="tree"), Tree((2, 2, -1))),  # 2 leaves for 3 points
             (TripletInstance(3, t, target="betweenness"), (0, 1, 2)),
             (TripletInstance(3, t, target="betweenness"), Ordering((0, 1))),
             (TripletInstance(3, t), Tree((3, 3, 4, 4, -1))),
             (TripletInstance(3, t), Ordering((0, 1, 2))),
             (TripletInstance(3, t), (0, 1)),
             (TripletInstance(3, t, dim=2), ((0, 0), (1, 1), (2,)))]
    for inst, sol in cases:
        with pytest.raises(InstanceError):
            inst.satisfied_weight(sol)
    for bad in [(0, 0, 1), (1, 2), (0, 2, 3)]:
        with pytest.raises(InstanceError, match="permutation"):
            Ordering(bad)


def test_exact_numbers_and_huge_weights():
    from instances.triplets import as_fraction

    assert as_fraction("-3/6") == Fraction(-1, 2) and as_fraction(0.1) == Fraction(0.1) != Fraction(1, 10)
    for bad in (True, float("inf"), "x", None, [1]):
        with pytest.raises(InstanceError):
            as_fraction(bad)
    arr, w = to_cblearn(TripletInstance(3, ((0, 1, 2, 2**70), (2, 1, 0, 1))))
    assert w.dtype == object and list(w) == [2**70, 1]

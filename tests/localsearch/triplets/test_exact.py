"""Exact global optima (localsearch.triplets.exact): on tiny tree instances exhaustive enumeration == the
CP-SAT lca-level model; on tiny (non-)betweenness instances enumeration of orderings == the CP-SAT
positions model."""
import doctest

import pytest
from hypothesis import given, settings, strategies as st

from instances import InstanceError, Ordering, Tree, TripletInstance
from localsearch.triplets import exact as X, orderings as B
from tests.helpers.strategies import target_triplets


def double_factorial(k):
    return 1 if k <= 1 else k * double_factorial(k - 2)


def test_all_trees_are_distinct_valid_and_counted():
    for m in range(1, 7):
        trees = list(X.all_trees(m))
        assert len(trees) == double_factorial(2 * m - 3)
        # distinct as leaf-labelled topologies: compare the set of clusters of each tree
        def clusters(t):
            return frozenset(frozenset(v for v in range(m) if u in t.ancestors(v)) for u in range(len(t.parent)))
        assert len({clusters(t) for t in trees}) == len(trees)


@settings(max_examples=25)
@given(target_triplets("tree", max_m=6, max_t=8))
def test_cpsat_tree_optimum_equals_enumeration(inst):
    res = X.solve(inst)
    best, _ = X.brute_force(inst)
    assert res.optimal and res.value == best == res.bound
    assert isinstance(res.solution, Tree) and inst.satisfied_weight(res.solution) == best


def test_tree_from_levels_refines_polytomies():
    t = X.tree_from_levels(4, lambda i, j: 1 if {i, j} == {0, 1} else 2)
    inst = TripletInstance(4, ((0, 1, 2, 1), (0, 1, 3, 1)), target="tree")
    assert inst.satisfied_weight(t) == 2


def test_too_large_weights_are_refused():
    inst = TripletInstance(3, ((0, 1, 2, 2**70),), target="tree")
    with pytest.raises(InstanceError):
        X.solve(inst)


@settings(max_examples=30)
@given(st.sampled_from(["betweenness", "nonbetweenness"]).flatmap(lambda t: target_triplets(t, max_m=6)))
def test_cpsat_ordering_optimum_equals_enumeration(inst):
    res = X.solve(inst)
    best, _ = X.brute_force(inst)
    assert res.optimal and res.value == best == res.bound
    assert isinstance(res.solution, Ordering)


@settings(max_examples=20)
@given(st.sampled_from(["betweenness", "nonbetweenness"]).flatmap(lambda t: target_triplets(t, max_m=6)),
       st.integers(0, 1000))
def test_local_optimum_never_exceeds_global(inst, seed):
    res = B.local_search(inst, rule="first", start=B.random_solution(inst, seed))
    assert res.value <= X.solve(inst).value


def test_no_exact_model_for_the_line():
    with pytest.raises(InstanceError):
        X.solve(TripletInstance(3, ((0, 1, 2, 1),), dim=1))


def test_docstring_examples():
    assert doctest.testmod(X).failed == 0

"""The tree engine against exhaustive enumeration of all regrafts; certificates; rules and limits."""
import pytest
from hypothesis import given, settings, strategies as st

from instances import InstanceError, Tree, TripletInstance
from localsearch.triplets import tree as T
from localsearch.triplets.exact import all_trees
from localsearch.core.rules import RULES
from tests.helpers.oracles import assert_best_moves_exact, naive_best_gain, naive_regrafts
from tests.helpers.strategies import target_triplets


@settings(max_examples=40)
@given(target_triplets("tree"), st.integers(0, 10**6))
def test_best_regraft_equals_exhaustive_enumeration(inst, seed):
    tree = T.random_solution(inst, seed)
    assert_best_moves_exact(inst, tree, T.TreeState)
    state = T.TreeState(inst, tree)
    assert state.satisfied_weight(inst.triplets) == inst.satisfied_weight(tree)
    for a in range(inst.points):
        for b in range(inst.points):
            assert state.lca(a, b) == tree.lca(a, b)


@settings(max_examples=25)
@given(target_triplets("tree", max_m=6), st.integers(0, 10**6), st.sampled_from(RULES))
def test_search_ends_in_a_certified_local_optimum(inst, seed, rule):
    res = T.local_search(inst, rule=rule, start=T.random_solution(inst, seed), seed=seed)
    assert res.status == "local_optimum"
    assert res.value == inst.satisfied_weight(res.solution)
    assert res.value - res.start_value >= res.steps  # every step gains at least 1
    cert = T.certify(inst, res.solution)
    assert cert.local_optimum and cert.witness is None and cert.value == res.value
    assert all(naive_best_gain(inst, res.solution, x) == 0 for x in range(inst.points))


def test_certificate_witness_is_an_improving_regraft():
    inst = TripletInstance(4, ((0, 1, 2, 5), (2, 3, 0, 1)), target="tree")
    for tree in all_trees(4):
        cert = T.certify(inst, tree)
        best = max(naive_best_gain(inst, tree, x) for x in range(4))
        assert cert.local_optimum == (best == 0)
        if not cert.local_optimum:
            w = cert.witness
            assert cert.gain == best == w["gain"]
            after = dict(naive_regrafts(tree, w["leaf"]))[w["above"]]
            assert inst.satisfied_weight(after) == cert.value + cert.gain
            assert w["edge"][0] == w["above"]


def test_random_solutions_are_valid_reproducible_and_varied():
    inst = TripletInstance(7, ((0, 1, 2, 1),), target="tree")
    trees = [T.random_solution(inst, s) for s in range(30)]
    assert all(isinstance(t, Tree) and t.leaves == 7 for t in trees)
    assert T.random_solution(inst, 3) == trees[3]
    assert len({t.parent for t in trees}) > 20


def test_limits_and_errors():
    inst = TripletInstance(5, tuple((a, b, c, 1) for a, b, c in [(0, 1, 2), (3, 4, 0), (2, 4, 1), (1, 3, 4)]),
                           target="tree")
    start = T.caterpillar(5)
    full = T.local_search(inst, start=start)
    assert full.steps >= 1
    cut = T.local_search(inst, start=start, max_steps=0)
    assert (cut.steps, cut.status) == (0, "max_steps")
    traj = []
    again = T.local_search(inst, start=start, trajectory=traj)
    assert len(traj) == again.steps == full.steps and sum(g for _, g, _ in traj) == again.value - again.start_value
    with pytest.raises(InstanceError):
        T.local_search(TripletInstance(3, ((0, 1, 2, 1),), target="betweenness"))
    with pytest.raises(ValueError):  # an InstanceError, which is a ValueError
        T.local_search(inst, rule="nope")
    with pytest.raises(InstanceError):
        T.local_search(inst, rule="nope")


def test_witness_edge_is_the_edge_above_u_after_pruning():
    inst = TripletInstance(4, ((0, 1, 2, 5), (2, 3, 0, 1)), target="tree")
    for tree in all_trees(4):
        cert = T.certify(inst, tree)
        if cert.local_optimum:
            continue
        w = cert.witness
        x, (u, up) = w["leaf"], w["edge"]
        p = tree.parent[x]
        pruned = list(tree.parent)
        s = next(v for v in range(len(pruned)) if pruned[v] == p and v != x)
        pruned[s] = pruned[p]  # prune x: its sibling takes its parent's place
        assert up == pruned[u] and list(w) == ["leaf", "above", "edge", "gain"]


def test_caterpillar_and_docstring_examples():
    import doctest

    t = T.caterpillar(5)
    assert t.leaves == 5 and all(t.lca(0, k) == t.lca(k - 1, k) for k in range(2, 5))
    assert doctest.testmod(T).failed == 0

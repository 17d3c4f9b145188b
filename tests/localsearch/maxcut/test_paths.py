"""Exhaustive improving-path analysis against brute-force enumeration and naive pivot-rule runs. (The
``paths`` command is tested in tests/tripletpls/commands/test_paths.py.)"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from tests.helpers.strategies import BIG, SMALL, small_graphs
from instances import Assignment, Graph, InstanceError, dc_steps, doubling_chain
from localsearch.maxcut.paths import MAX_VERTICES, TooManyStates, improving_paths
from tests.helpers.oracles import naive_flip_run

NAIVE_RULES = ("first", "last", "steepest", "least", "cyclic")


def naive_run(g: Graph, s, rule: str, seed: int = 0) -> int:
    """Step count of a pivot rule (SPEC section 1), recomputing every gain from scratch after each flip."""
    return len(naive_flip_run(g, s, rule, seed)[0])


def enumerate_sequences(g: Graph, s):
    """Every improving sequence, one by one (no memoisation): reachable states, sinks, lengths."""
    reachable, sinks, lengths = set(), set(), []

    def walk(s, depth):
        reachable.add(s)
        gains = g.gains(s)
        moves = [v for v in range(g.n) if gains[v] > 0]
        if not moves:
            sinks.add(s)
            lengths.append(depth)
        for v in moves:
            t = list(s)
            t[v] = -t[v]
            walk(tuple(t), depth + 1)

    walk(tuple(s), 0)
    return reachable, sinks, lengths


def replay(g: Graph, s, path) -> tuple:
    """Apply a witness sequence, asserting that every flip is improving; return the final state."""
    s = list(s)
    for v in path:
        assert g.gains(s)[v] > 0
        s[v] = -s[v]
    return tuple(s)


def is_local_optimum(g, s) -> bool:
    return all(x <= 0 for x in g.gains(s))


@settings(max_examples=60)
@given(small_graphs(max_n=7, weights=SMALL, with_start=True))
def test_paths_equal_brute_force_enumeration(g):
    res = improving_paths(g)
    reachable, sinks, lengths = enumerate_sequences(g, g.start)
    assert res.reachable == len(reachable)
    assert res.local_optima == len(sinks)
    assert res.longest == max(lengths) and res.shortest == min(lengths)
    assert len(res.longest_path) == res.longest and len(res.shortest_path) == res.shortest
    for path in (res.longest_path, res.shortest_path):
        assert is_local_optimum(g, replay(g, g.start, path))


@settings(max_examples=40)
@given(small_graphs(max_n=13, weights=SMALL, with_start=True), st.integers(0, 2**32 - 1))
def test_every_pivot_rule_lies_between_shortest_and_longest(g, seed):
    res = improving_paths(g)
    for rule in NAIVE_RULES:
        assert res.shortest <= naive_run(g, g.start, rule) <= res.longest
    assert res.shortest <= naive_run(g, g.start, "random", seed) <= res.longest


@settings(max_examples=25)
@given(small_graphs(max_n=9, weights=BIG, with_start=True))
def test_python_arithmetic_agrees_with_enumeration_on_big_weights(g):
    res = improving_paths(g, arithmetic="python")
    reachable, sinks, lengths = enumerate_sequences(g, g.start)
    assert (res.reachable, res.local_optima, res.longest, res.shortest) == \
        (len(reachable), len(sinks), max(lengths), min(lengths))
    if g.int64_safe:
        fast, slow = improving_paths(g, arithmetic="int64").to_json(), res.to_json()
        assert fast.pop("arithmetic") == "int64" and slow.pop("arithmetic") == "python"
        del fast["seconds"], slow["seconds"]
        assert fast == slow


@pytest.mark.parametrize("n", range(2, 7))
def test_dc_longest_equals_first_rule_count(n):
    """The issue's claim, checked: on DC_n the worst rule is `first`, which makes T(n) flips."""
    g = doubling_chain(n)
    res = improving_paths(g)
    first = naive_run(g, g.start, "first")
    assert first == dc_steps(n) == res.longest
    assert is_local_optimum(g, replay(g, g.start, res.longest_path))
    assert res.shortest == min(naive_run(g, g.start, r) for r in NAIVE_RULES)


def test_refusals():
    g = doubling_chain(4)
    with pytest.raises(TooManyStates):
        improving_paths(g, max_states=20)
    with pytest.raises(InstanceError, match="at most"):
        improving_paths(Graph(MAX_VERTICES + 1, ()))
    with pytest.raises(InstanceError):
        improving_paths(g, start=(1, 1))


def test_default_start_is_the_graphs_own_then_all_plus():
    g = doubling_chain(3)
    assert improving_paths(g).start == g.start
    h = Graph(3, ((0, 1, 1), (1, 2, 1)))
    assert improving_paths(h).start == Assignment.plus(3)


@pytest.mark.slow
def test_dc7_longest_equals_first_rule_count():
    g = doubling_chain(7)  # 22 vertices
    assert improving_paths(g).longest == naive_run(g, g.start, "first") == dc_steps(7)


@settings(max_examples=20)
@given(small_graphs(max_n=12, weights=SMALL, with_start=True))
def test_bitset_and_dense_index_paths_agree(g):
    import localsearch.maxcut.paths as paths

    dense = improving_paths(g).to_json()
    saved = paths.DENSE_MAX_VERTICES
    paths.DENSE_MAX_VERTICES = -1  # force the visited bitset and binary search
    try:
        sparse = improving_paths(g).to_json()
    finally:
        paths.DENSE_MAX_VERTICES = saved
    del dense["seconds"], sparse["seconds"]
    assert dense == sparse

"""The one plain flip descent (localsearch.maxcut.descent) against the naive oracle."""
import pytest
from hypothesis import given, settings, strategies as st

from instances import Assignment, Graph, InstanceError, dc_steps, doubling_chain
from localsearch.maxcut.certificate import certify_flip
from localsearch.maxcut.descent import Descent, descend
from tests.helpers.oracles import naive_flip_run
from tests.helpers.strategies import graphs


@settings(max_examples=80)
@given(graphs(max_n=10, with_start=True), st.sampled_from(["steepest", "first"]))
def test_descent_matches_the_naive_oracle(graph, rule):
    seq, final = naive_flip_run(graph, graph.start, rule)
    s, steps = descend(graph, graph.start, rule=rule)
    assert isinstance(s, Assignment) and list(s) == final and steps == len(seq)
    assert certify_flip(graph, s).local_optimum


@settings(max_examples=60)
@given(graphs(max_n=10, with_start=True), st.sampled_from(["steepest", "first"]), st.integers(0, 12))
def test_descent_respects_max_steps(graph, rule, max_steps):
    seq, _ = naive_flip_run(graph, graph.start, rule)
    s, steps = descend(graph, list(graph.start), rule=rule, max_steps=max_steps)
    assert steps == min(max_steps, len(seq))
    expected = list(graph.start)
    for v, _ in seq[:steps]:
        expected[v] = -expected[v]
    assert list(s) == expected


def test_default_rule_is_steepest_and_the_start_is_required():
    # DC_n: first takes 5 * 2^(n-1) - 4 flips, steepest two (and descend starts from the given start)
    g = doubling_chain(8)
    assert descend(g, g.start, rule="first")[1] == dc_steps(8)
    assert descend(g, g.start)[1] == 2
    assert descend(g, g.start, rule="first", max_steps=100)[1] == 100
    with pytest.raises(InstanceError):
        descend(g, (1, 1))
    with pytest.raises(InstanceError):
        descend(g, g.start, max_steps=-1)
    with pytest.raises(InstanceError):
        descend(g, g.start, rule="no-such-rule")
    assert descend(Graph(0, ()), ()) == (Assignment(()), 0)


def test_huge_weights_take_the_exact_path():
    g = Graph(3, ((0, 1, 2**200), (1, 2, 2**200 + 1), (0, 2, -(2**199))))
    seq, final = naive_flip_run(g, (1, 1, 1), "steepest")
    s, steps = descend(g, (1, 1, 1))
    assert list(s) == final and steps == len(seq) == 1 and g.cut_value(s) == 2**201 + 1


@settings(max_examples=40)
@given(graphs(max_n=9), st.sampled_from(["steepest", "first"]), st.data())
def test_a_reused_descent_equals_fresh_ones(graph, rule, data):
    starts = data.draw(st.lists(st.lists(st.sampled_from([1, -1]), min_size=graph.n, max_size=graph.n),
                                min_size=1, max_size=4))
    again = Descent(graph, rule)
    for s in starts:
        cap = data.draw(st.one_of(st.none(), st.integers(0, 4)))
        assert again(s, cap) == descend(graph, s, rule, cap)
    with pytest.raises(InstanceError):
        again(starts[0], -1)

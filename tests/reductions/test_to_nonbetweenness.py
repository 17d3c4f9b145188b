"""Local Max-Cut -> non-betweenness (reductions.to_nonbetweenness), in the ordering and the positions form:
the shared harness (tests.helpers.reduction_harness), and the identity that links it to the betweenness
reduction."""
import doctest

import pytest
from hypothesis import given, settings, strategies as st

from instances import Graph, InstanceError
from localsearch.triplets import orderings
from reductions import to_betweenness, to_nonbetweenness
from tests.helpers.reduction_harness import check_clean_scaffold, check_closed_loop, check_tight_flip_for_flip
from tests.helpers.strategies import signed_graphs

FORMS = ["nonbetweenness", "nonbetweenness-positions"]


@pytest.mark.parametrize("target", FORMS)
def test_closed_loop(target):
    check_closed_loop(target)


@pytest.mark.parametrize("target", FORMS)
def test_tightness(target):
    check_tight_flip_for_flip(target)


@pytest.mark.parametrize("target", FORMS)
def test_clean_scaffold(target):
    check_clean_scaffold(target)


@settings(max_examples=40)
@given(signed_graphs(), st.integers(0, 10**6))
def test_nonbetweenness_objective_is_betweenness_plus_a_constant(g, seed):
    ib, inb = to_betweenness.reduce(g), to_nonbetweenness.reduce(g)
    order = orderings.random_solution(ib, seed)
    assert inb.satisfied_weight(order) == ib.satisfied_weight(order) + ib.total_weight
    assert to_betweenness.backmap(ib, order) == to_nonbetweenness.backmap(inb, order)


def test_positions_form_and_errors():
    g = Graph(2, ((0, 1, -3),), start=(1, -1))
    inst = to_nonbetweenness.reduce(g, form="positions")
    assert inst.start == tuple(inst.start) and sorted(inst.start) == list(range(inst.points))
    assert inst.meta["reduction"]["form"] == "positions" and to_nonbetweenness.backmap(inst, inst.start) == g.start
    with pytest.raises(InstanceError):
        to_nonbetweenness.reduce(g, form="tree")


def test_docstring_examples():
    assert doctest.testmod(to_nonbetweenness).failed == 0

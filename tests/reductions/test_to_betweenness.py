"""Local Max-Cut -> betweenness and -> non-betweenness: the shared harness of test_tree_reduction run
on the ordering targets, plus the identity that links the two ordering targets."""
import pytest
from hypothesis import given, settings, strategies as st

from localsearch.triplets import orderings as B
from reductions import to_betweenness as RB, to_nonbetweenness as RN
from tests.reductions.test_to_tree import (test_clean_solutions_scaffold_has_no_improving_move as _clean,
                                 test_closed_loop_from_random_non_clean_solutions as _loop,
                                 test_tight_flip_for_flip_from_the_start as _tight)
from tests.helpers.strategies import signed_graphs

ORDER_TARGETS = ["betweenness", "nonbetweenness", "nonbetweenness-positions"]


@pytest.mark.parametrize("target", ORDER_TARGETS)
def test_closed_loop(target):
    _loop(target)


@pytest.mark.parametrize("target", ORDER_TARGETS)
def test_tightness(target):
    _tight(target)


@pytest.mark.parametrize("target", ORDER_TARGETS)
def test_clean_scaffold(target):
    _clean(target)


@settings(max_examples=40)
@given(signed_graphs(), st.integers(0, 10**6))
def test_nonbetweenness_objective_is_betweenness_plus_a_constant(g, seed):
    ib, inb = RB.reduce(g), RN.reduce(g)
    order = B.random_solution(ib, seed)
    assert inb.satisfied_weight(order) == ib.satisfied_weight(order) + ib.total_weight
    assert RB.backmap(ib, order) == RN.backmap(inb, order)


def test_backmap_of_any_ordering_and_of_positions():
    from instances import Graph, Ordering
    g = Graph(3, ((0, 1, 1),))
    inst = RB.reduce(g)  # L=3, M=4, R=5
    assert RB.backmap(inst, Ordering((5, 0, 4, 1, 2, 3))).signs == (1, -1, -1)   # reversed: R ... L
    assert RB.backmap(inst, Ordering((4, 0, 1, 2, 3, 5))).signs == (1, 1, 1)
    assert RB.backmap(inst, (5, 0, 1, 2, 3, 4)).signs == (1, -1, -1)  # positions: 1 < 3=L < 4=M

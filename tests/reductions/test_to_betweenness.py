"""Local Max-Cut -> betweenness (reductions.to_betweenness): the shared harness (tests.helpers.reduction_harness)
run on the betweenness target, the back map of any ordering or positions, the clean orderings."""
import doctest

import pytest

from instances import Graph, Ordering
from reductions import to_betweenness
from tests.helpers.reduction_harness import check_clean_scaffold, check_closed_loop, check_tight_flip_for_flip


@pytest.mark.parametrize("target", ["betweenness"])
def test_closed_loop(target):
    check_closed_loop(target)


@pytest.mark.parametrize("target", ["betweenness"])
def test_tightness(target):
    check_tight_flip_for_flip(target)


@pytest.mark.parametrize("target", ["betweenness"])
def test_clean_scaffold(target):
    check_clean_scaffold(target)


def test_backmap_of_any_ordering_and_of_positions():
    g = Graph(3, ((0, 1, 1),))
    inst = to_betweenness.reduce(g)  # L=3, M=4, R=5
    assert to_betweenness.backmap(inst, Ordering((5, 0, 4, 1, 2, 3))).signs == (1, -1, -1)   # reversed: R ... L
    assert to_betweenness.backmap(inst, Ordering((4, 0, 1, 2, 3, 5))).signs == (1, 1, 1)
    assert to_betweenness.backmap(inst, (5, 0, 1, 2, 3, 4)).signs == (1, -1, -1)  # positions: 1 < 3=L < 4=M


def test_clean_ordering_objective_is_offset_plus_cut():
    g = Graph(3, ((0, 1, 2), (1, 2, -3), (0, 2, 1)))
    inst = to_betweenness.reduce(g)
    w = inst.meta["reduction"]["weights"]
    for signs in ((1, 1, 1), (1, -1, 1), (-1, -1, 1)):
        order = to_betweenness.clean_ordering(g.n, signs)
        cut = sum(abs(x) for u, v, x in g.edges if (signs[u] != signs[v]) == (x > 0))
        assert inst.satisfied_weight(order) == w["H1"] + g.n * w["H"] + cut
        assert to_betweenness.backmap(inst, order).signs == signs


def test_docstring_examples():
    assert doctest.testmod(to_betweenness).failed == 0

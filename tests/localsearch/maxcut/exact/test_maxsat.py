"""Maximum cut as weighted MaxSAT (localsearch.maxcut.exact.maxsat) against brute force."""
from __future__ import annotations

from hypothesis import given, settings

from instances import Assignment, Graph
from localsearch.maxcut.exact.maxsat import maxsat_formula, solve_maxsat
from tests.helpers.oracles import assert_exact, brute_force_maxcut
from tests.helpers.strategies import BIG, SMALL, small_graphs


@settings(max_examples=40)
@given(small_graphs(max_n=12, weights=BIG))
def test_maxsat_equals_brute_force_with_big_and_negative_weights(g):
    assert_exact(solve_maxsat(g), g, brute_force_maxcut(g))


@settings(max_examples=30)
@given(small_graphs(max_n=10, weights=SMALL))
def test_maxsat_formula_cost_is_offset_minus_cut(g):
    """The falsified soft weight of the encoding is P - cut(s) for every assignment (checked on a few)."""
    wcnf, P = maxsat_formula(g, fix=None)
    for seed in range(4):
        s = Assignment.random(g.n, seed)
        true = {v + 1 for v in range(g.n) if s[v] < 0}
        falsified = sum(w for cl, w in zip(wcnf.soft, wcnf.wght)
                        if not any((lit > 0) == (abs(lit) in true) for lit in cl))
        assert falsified == P - g.cut_value(s)


def test_maxsat_takes_weights_beyond_64_bits():
    small = Graph(3, ((0, 1, 2**200), (1, 2, -(2**199)), (0, 2, 2**199 + 1)))
    assert_exact(solve_maxsat(small), small, brute_force_maxcut(small))


def test_formula_shape():
    wcnf, P = maxsat_formula(Graph(4, ((0, 1, 3), (1, 2, -2), (2, 3, 0))), fix=1)
    assert P == 3 and wcnf.nv == 4
    assert sorted(map(tuple, wcnf.soft)) == sorted([(1, 2), (-1, -2), (2, -3), (-2, 3)])
    assert wcnf.wght == [3, 3, 2, 2] and wcnf.hard == [[-2]]

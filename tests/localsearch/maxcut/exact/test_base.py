"""The shared result shape, the trivial bound and the greedy hint (localsearch.maxcut.exact.base)."""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings, strategies as st

from instances import Assignment, Graph, InstanceError, doubling_chain, read_instance
from localsearch.maxcut.exact.base import MaxCutResult, check_hint, finish, greedy_assignment, trivial_bound
from tests.helpers.data import DATA, PUBLISHED
from tests.helpers.oracles import naive_gains
from tests.helpers.strategies import graphs


def naive_greedy(g: Graph, budget: int) -> list[int]:
    """Placement in index order on the side cutting more weight to the placed vertices (+1 on ties), then
    up to ``budget`` flips of the lowest-index improving vertex, gains recomputed from scratch each time."""
    s = [0] * g.n
    for v in range(g.n):
        to_plus = sum(w for a, b, w in g.edges if v in (a, b) and s[a + b - v] == -1)
        to_minus = sum(w for a, b, w in g.edges if v in (a, b) and s[a + b - v] == 1)
        s[v] = 1 if to_plus >= to_minus else -1
    for _ in range(budget):
        imp = [v for v, x in enumerate(naive_gains(g.n, g.edges, s)) if x > 0]
        if not imp:
            break
        s[imp[0]] = -s[imp[0]]
    return s


@settings(max_examples=80)
@given(graphs(max_n=10), st.one_of(st.none(), st.integers(0, 6)))
def test_greedy_hint_is_placement_then_first_improvement(g, max_flips):
    budget = 50 * g.n if max_flips is None else max_flips
    assert list(greedy_assignment(g, max_flips)) == naive_greedy(g, budget)


def test_greedy_hint_on_doubling_chains_stops_at_the_budget():
    for n in (3, 6, 17):
        g = doubling_chain(n)
        for budget in (0, 1, 7, None):
            expected = naive_greedy(g, 50 * g.n if budget is None else budget)
            assert list(greedy_assignment(g, budget)) == expected
    assert greedy_assignment(doubling_chain(4), -3) == greedy_assignment(doubling_chain(4), 0)


def test_greedy_hint_is_a_valid_assignment_and_no_worse_than_half_positive_weight():
    g = read_instance(os.path.join(DATA, "g05_60.0"))
    s = greedy_assignment(g)
    assert len(s) == g.n and 2 * g.cut_value(s) >= g.m
    assert g.cut_value(s) <= PUBLISHED["g05_60.0"]


def test_finish_recomputes_the_value_and_checks_the_bound():
    g = Graph(3, ((0, 1, 2), (1, 2, 3), (0, 2, 1)))
    r = finish(g, (1, -1, 1), 5, 0.25, "hand", {"k": 1})
    assert isinstance(r, MaxCutResult) and r.assignment == Assignment((1, -1, 1))
    assert (r.value, r.bound, r.optimal, r.status, r.gap, r.seconds, r.solver, r.extra) == \
        (5, 5, True, "optimal", 0, 0.25, "hand", {"k": 1})
    r = finish(g, (1, 1, -1), 6, 0.0, "hand")
    assert (r.value, r.bound, r.optimal, r.status, r.gap) == (4, 6, False, "feasible", 2)
    assert json.loads(json.dumps(r.to_json())) == {"value": 4, "bound": 6, "optimal": False, "assignment": [1, 1, -1],
                                                   "seconds": 0.0, "solver": "hand", "status": "feasible",
                                                   "extra": {}, "gap": 2}
    r = finish(g, None, 6, 0.0, "hand")
    assert (r.value, r.assignment, r.status, r.optimal, r.gap) == (None, None, "unknown", False, None)
    assert r.to_json()["assignment"] is None
    with pytest.raises(RuntimeError, match="below the value"):
        finish(g, (1, -1, 1), 4, 0.0, "buggy")
    r = finish(g, (1, -1, 1), None, 0.0, "hand")
    assert not r.optimal and r.status == "feasible" and r.gap is None


def test_trivial_bound_and_hint_check():
    assert trivial_bound(Graph(3, ((0, 1, 2), (1, 2, -7), (0, 2, 2**80)))) == 2 + 2**80
    assert trivial_bound(Graph(2, ())) == 0
    g = Graph(2, ((0, 1, 1),))
    assert check_hint(g, [1, -1]) == Assignment((1, -1)) and check_hint(g, Assignment((1, 1))) == Assignment((1, 1))
    with pytest.raises(InstanceError):
        check_hint(g, (1,))
    with pytest.raises(InstanceError):
        check_hint(g, (1, 0))

"""The betweenness engine against exhaustive enumeration of all insertions; certificates; rules."""
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from instances import InstanceError, Ordering, TripletInstance
from localsearch.triplets import orderings as B
from localsearch.core.rules import RULES
from tests.helpers.oracles import assert_best_moves_exact, naive_best_gain, naive_insertions
from tests.helpers.strategies import target_triplets

TARGETS = st.sampled_from(["betweenness", "nonbetweenness"])


@settings(max_examples=40)
@given(TARGETS.flatmap(lambda t: target_triplets(t, max_m=8)), st.integers(0, 10**6))
def test_best_insertion_equals_exhaustive_enumeration(inst, seed):
    assert_best_moves_exact(inst, B.random_solution(inst, seed), B.OrderState)


@settings(max_examples=30)
@given(TARGETS.flatmap(lambda t: target_triplets(t, max_m=7)), st.integers(0, 10**6), st.sampled_from(RULES))
def test_search_ends_in_a_certified_local_optimum(inst, seed, rule):
    res = B.local_search(inst, rule=rule, start=B.random_solution(inst, seed), seed=seed)
    assert res.status == "local_optimum"
    assert res.value == inst.satisfied_weight(res.solution)
    cert = B.certify(inst, res.solution)
    assert cert.local_optimum and cert.value == res.value
    assert all(naive_best_gain(inst, res.solution, p) == 0 for p in range(inst.points))


@settings(max_examples=30)
@given(TARGETS.flatmap(lambda t: target_triplets(t, max_m=6)), st.integers(0, 10**6))
def test_certificate_witness(inst, seed):
    order = B.random_solution(inst, seed)
    cert = B.certify(inst, order)
    best = max(naive_best_gain(inst, order, p) for p in range(inst.points))
    assert cert.local_optimum == (best == 0)
    if best:
        w = cert.witness
        assert cert.gain == best == w["gain"]
        after = dict(naive_insertions(order, w["point"]))[w["position"]]
        assert inst.satisfied_weight(after) == cert.value + best


def test_gain_sweep_handles_many_triplets_at_one_point():
    # point 0 is the middle of many betweenness triplets: best is between all pairs' ranks
    m = 12
    trips = tuple((a, 0, a + 1, a) for a in range(1, m - 1))
    inst = TripletInstance(m, trips, target="betweenness")
    order = Ordering(tuple(range(m)))
    state = B.OrderState(inst, order)
    assert state.best(0)[0] == naive_best_gain(inst, order, 0) == m - 2


def test_limits_and_errors():
    inst = TripletInstance(3, ((0, 1, 2, 2),), target="betweenness")
    res = B.local_search(inst, start=Ordering((1, 0, 2)), max_steps=0)
    assert (res.steps, res.status) == (0, "max_steps")
    assert B.local_search(inst, start=Ordering((1, 0, 2))).steps == 1
    nb2 = TripletInstance(3, ((0, 1, 2, 2),), target="nonbetweenness", dim=2, start=((0, 0), (1, 0), (2, 0)))
    with pytest.raises(InstanceError):
        B.local_search(nb2)
    with pytest.raises(InstanceError):
        B.local_search(TripletInstance(3, ((0, 1, 2, 1),), target="tree"))


@st.composite
def line_instances(draw):
    inst = draw(target_triplets("nonbetweenness", max_m=7))
    pos = draw(st.lists(st.integers(0, 3), min_size=inst.points, max_size=inst.points))
    return inst.with_start(tuple(pos))


@settings(max_examples=40)
@given(line_instances())
def test_positions_form_best_move_equals_enumeration_of_the_line(inst):
    # the enumeration tries every position, every midpoint and both ends
    assert_best_moves_exact(inst, inst.start, B.PositionsState)


@settings(max_examples=25)
@given(line_instances(), st.integers(0, 1000), st.sampled_from(RULES))
def test_positions_form_search_and_certificate(inst, seed, rule):
    start = B.random_solution(inst, seed)
    assert not isinstance(start, Ordering) and len(start) == inst.points
    res = B.local_search(inst, rule=rule, start=start, seed=seed)
    cert = B.certify(inst, res.solution)
    assert cert.local_optimum and cert.value == res.value == inst.satisfied_weight(res.solution)
    assert all(naive_best_gain(inst, res.solution, p) == 0 for p in range(inst.points))
    before = B.certify(inst, start)
    if not before.local_optimum:
        q = list(start)
        q[before.witness["point"]] = Fraction(before.witness["to"])
        assert inst.satisfied_weight(tuple(q)) == before.value + before.gain


def test_witness_forms_and_docstring_examples():
    import doctest

    inst = TripletInstance(3, ((0, 1, 2, 5),), target="nonbetweenness")
    cert = B.certify(inst, Ordering((0, 1, 2)))
    assert list(cert.witness) == ["point", "position", "gain"] and cert.gain == 5
    cert = B.certify(inst, inst.check_solution((0, 1, 2)))
    assert list(cert.witness) == ["point", "to", "gain"] and cert.gain == 5
    assert doctest.testmod(B).failed == 0

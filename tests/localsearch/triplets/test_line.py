"""The line engine (localsearch.triplets.line): exact best moves against brute force, runs, certificates,
the tie rule's representatives and the exact rational helpers."""
import doctest
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import InstanceError, TripletInstance, dc_steps, doubling_chain
from localsearch.triplets import line
from localsearch.triplets.driver import incidence
from reductions import to_line
from tests.helpers.oracles import brute_force_line_gain
from tests.helpers.strategies import small_rationals, tiny_line_instances

RULES = line.RULES


@settings(max_examples=80)
@given(tiny_line_instances())
def test_best_move_matches_brute_force(inst):
    pos = [line.int_if_integral(x) for x in inst.start]
    trips = incidence(inst)
    for p in range(inst.points):
        gain, x = line.best_move(p, pos, trips[p])
        assert gain == brute_force_line_gain(inst, inst.start, p)
        if gain > 0:
            moved = list(inst.start)
            moved[p] = Fraction(x)
            assert inst.satisfied_weight(tuple(moved)) == inst.satisfied_weight(inst.start) + gain


@settings(max_examples=60)
@given(tiny_line_instances(), st.lists(small_rationals, min_size=1, max_size=8))
def test_satisfied_sets_describe_where_each_triplet_holds(inst, probes):
    """The sets of ``satisfied_sets`` add up, at every probe position (breakpoints included), to the
    satisfied weight computed by the instance's own definition."""
    pos = list(inst.start)
    trips = incidence(inst)
    for p in range(inst.points):
        sets, bps = line.satisfied_sets(p, pos, trips[p])
        assert {v for _, lo, hi, _ in sets for v in (lo, hi)} == bps
        for x in probes + sorted(bps):
            inside = sum(w for kind, lo, hi, w in sets
                         if (kind == "lt" and x < lo) or (kind == "gt" and x > lo) or (kind == "in" and lo < x < hi)
                         or (kind == "out" and (x < lo or x > hi)))
            moved = list(pos)
            moved[p] = Fraction(x)
            at_p = [t for t in inst.triplets if p in t[:3]]
            assert inside == sum(t[3] for t in at_p if inst.is_satisfied(t, tuple(moved)))
            assert line.point_value(p, x, pos, trips[p]) == inside


@settings(max_examples=40)
@given(tiny_line_instances(), st.sampled_from(RULES), st.integers(0, 3))
def test_engine_ends_in_a_certified_local_optimum(inst, rule, seed):
    traj = []
    res = line.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    cert = line.certify(inst, res.solution)
    assert res.status == "local_optimum" and cert.local_optimum
    assert res.value == cert.value == inst.satisfied_weight(res.solution)
    assert res.steps == len(traj) and res.value - res.start_value >= res.steps  # integer gains >= 1
    assert res.value - res.start_value == sum(gain for _, gain, _ in traj)
    assert res.extra["arithmetic"] in ("int64", "int128", "python-exact") and sum(res.extra["moves_per_point"]) == res.steps


def test_certificate_witness_is_an_improving_move():
    inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1, start=(0, 3, 1))
    cert = line.certify(inst, inst.start)
    assert not cert.local_optimum and cert.gain == 5
    assert set(cert.witness) == {"point", "position"}  # no gain in the line witness
    moved = list(inst.start)
    moved[cert.witness["point"]] = Fraction(cert.witness["position"])
    assert inst.satisfied_weight(tuple(moved)) == 5


@settings(max_examples=40)
@given(tiny_line_instances())
def test_certificate_is_the_best_move_over_all_points(inst):
    gains = [brute_force_line_gain(inst, inst.start, p) for p in range(inst.points)]
    cert = line.certify(inst, inst.start)
    assert cert.local_optimum == (max(gains) == 0) and cert.value == inst.satisfied_weight(inst.start)
    if not cert.local_optimum:
        assert cert.gain == max(gains) and cert.witness["point"] == gains.index(max(gains))


def test_step_limit_and_representatives():
    g = doubling_chain(4)
    inst = to_line.reduce(g)
    res = line.local_search(inst, "first", max_steps=5)
    assert res.steps == 5 and res.status == "max_steps"
    ticks = []
    res = line.local_search(inst, "first", progress=ticks.append)
    assert sum(ticks) == res.steps == dc_steps(4) and all(k > 0 for k in ticks)
    res = line.local_search(inst, "first", time_limit=1e-12)
    assert res.status == "time_limit" and res.steps < dc_steps(4)
    assert line.local_search(inst, "first", max_steps=dc_steps(4)).status == "local_optimum"
    assert line.representative(Fraction(1, 3), Fraction(1, 2)) == Fraction(2, 5)
    assert line.representative(Fraction(-258), Fraction(-254)) == -256
    assert line.representative(None, Fraction(7, 2)) == 2 and line.representative(Fraction(7, 2), None) == 5
    assert line.representative(None, None) == 0 and line.representative(Fraction(1, 2), 3) == 2


def test_errors():
    inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1, start=(0, 3, 1))
    with pytest.raises(InstanceError):
        line.local_search(inst, rule="nope")
    with pytest.raises(InstanceError):
        line.local_search(TripletInstance(3, ((0, 1, 2, 5),), dim=1))  # no start
    with pytest.raises(InstanceError):
        line.certify(TripletInstance(3, ((0, 1, 2, 5),), dim=2), ((0, 0), (1, 0), (2, 0)))


@settings(max_examples=40)
@given(tiny_line_instances(), st.sampled_from(RULES), st.integers(0, 3))
def test_each_step_follows_the_pivot_rule(inst, rule, seed):
    """Replay a run: before every move, recompute every point's best move from scratch and check the
    rule's choice, the position (the leftmost-best representative) and the exact gain."""
    traj = []
    res = line.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    pos = [line.int_if_integral(x) for x in inst.start]
    trips = incidence(inst)
    last = -1
    for p, gain, (q, x) in traj:
        moves = [line.best_move(r, pos, trips[r]) for r in range(inst.points)]
        imp = [r for r in range(inst.points) if moves[r][0] > 0]
        expected = {"first": imp[0], "last": imp[-1],
                    "steepest": max(imp, key=lambda r: (moves[r][0], -r)),
                    "least": min(imp, key=lambda r: (moves[r][0], r)),
                    "cyclic": next(r for r in ((last + 1 + k) % inst.points for k in range(inst.points)) if r in imp),
                    "random": p}[rule]
        assert p == q == expected and p in imp and x == moves[p][1] and gain == moves[p][0]
        before = inst.satisfied_weight(tuple(pos))
        pos[p] = x
        assert inst.satisfied_weight(tuple(pos)) == before + moves[p][0]
        last = p
    assert tuple(pos) == tuple(line.int_if_integral(v) for v in res.solution)


def test_simplest_between():
    for lo, hi in [(Fraction(1, 3), Fraction(1, 2)), (Fraction(-7, 3), Fraction(-2)), (Fraction(0), Fraction(1, 10)),
                   (Fraction(5), Fraction(9)), (Fraction(333, 106), Fraction(22, 7))]:
        x = line.simplest_between(lo, hi)
        assert lo < x < hi
        assert not any(lo < Fraction(p, q) < hi for q in range(1, x.denominator)
                       for p in range(math.floor(lo * q) - 1, math.ceil(hi * q) + 2))
    with pytest.raises(ValueError):
        line.simplest_between(Fraction(1, 2), Fraction(1, 2))


def test_exact_number_helpers():
    assert line.int_if_integral(Fraction(-8, 4)) == -2 and type(line.int_if_integral(Fraction(-8, 4))) is int
    assert line.int_if_integral(Fraction(1, 3)) == Fraction(1, 3)
    assert line.half(-7) == Fraction(-7, 2) and type(line.half(-8)) is int and line.half(Fraction(2, 3)) == Fraction(1, 3)


def test_random_solutions_are_reproducible_with_ties():
    inst = TripletInstance(6, ((0, 1, 2, 1),), dim=1)
    sols = [line.random_solution(inst, s) for s in range(40)]
    assert line.random_solution(inst, 7) == sols[7] and len(set(sols)) > 30
    assert all(len(s) == 6 and all(abs(x) <= 24 and x.denominator <= 4 for x in s) for s in sols)
    assert any(len(set(s)) < 6 for s in sols)  # coincident points occur


def test_docstring_examples():
    assert doctest.testmod(line).failed == 0

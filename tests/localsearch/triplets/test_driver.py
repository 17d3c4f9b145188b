"""The one pivot-rule driver of the triplet engines (localsearch.triplets.driver), on toy engine states
whose best moves are brute force, against a naive run that rebuilds the state and recomputes every
point's best move before each step (tests.helpers.oracles.naive_point_run): every rule, stable and
unstable moves, limits, incremental gains, the certificate routine."""
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import InstanceError, Ordering, TripletInstance
from localsearch.core.rules import RULES
from localsearch.triplets import line, orderings, tree
from localsearch.triplets.driver import certify_moves, incidence, neighbours, run
from tests.helpers.oracles import naive_best_gain, naive_point_run
from tests.helpers.strategies import target_triplets, tiny_line_instances


def triplets_at(inst, p):
    return [t for t in inst.triplets if p in t[:3]]


class GridState:
    """Toy state with STABLE moves: points on the line, a move puts one point on the first best point of
    the integer grid -4..4 (scored by the instance's own definition of a satisfied triplet)."""

    stable_moves = True
    arithmetic = "toy-grid"
    GRID = range(-4, 5)

    def __init__(self, inst, positions):
        self.inst, self.x = inst, [Fraction(v) for v in positions]
        self.inc = [triplets_at(inst, p) for p in range(inst.points)]

    def value(self, p, v):
        moved = list(self.x)
        moved[p] = Fraction(v)
        return sum(t[3] for t in self.inc[p] if self.inst.is_satisfied(t, tuple(moved)))

    def best(self, p):
        here, best = self.value(p, self.x[p]), (0, None)
        for v in self.GRID:
            gain = self.value(p, v) - here
            if gain > best[0]:
                best = (gain, (p, v))
        return best

    def apply(self, move):
        p, v = move
        self.x[p] = Fraction(v)

    def solution(self):
        return tuple(self.x)


class InsertionState:
    """Toy state with UNSTABLE moves: an ordering, a move puts one point at the first best index (whole
    objective recomputed per index); indices shift when other points move."""

    stable_moves = False
    arithmetic = "toy-insertion"

    def __init__(self, inst, ordering):
        self.inst, self.order = inst, list(ordering.order)
        self.inc = [triplets_at(inst, p) for p in range(inst.points)]

    def best(self, p):
        here, best = self.inst.satisfied_weight(Ordering(tuple(self.order))), (0, None)
        rest = [q for q in self.order if q != p]
        for j in range(len(self.order)):
            gain = self.inst.satisfied_weight(Ordering(tuple(rest[:j] + [p] + rest[j:]))) - here
            if gain > best[0]:
                best = (gain, (p, j))
        return best

    def apply(self, move):
        p, j = move
        self.order.remove(p)
        self.order.insert(j, p)

    def solution(self):
        return Ordering(tuple(self.order))


@st.composite
def betweenness_cases(draw):
    inst = draw(target_triplets("betweenness", min_m=4, max_m=7, max_t=14))
    return inst, Ordering(tuple(draw(st.permutations(range(inst.points)))))


@st.composite
def line_cases(draw):
    inst = draw(target_triplets("euclidean", min_m=4, max_m=7, max_t=14))
    start = tuple(Fraction(v) for v in draw(st.lists(st.integers(-4, 4), min_size=inst.points, max_size=inst.points)))
    return inst, start


def check_against_naive(inst, make_state, start, rule, seed, max_steps=None, incremental=True):
    traj, ticks = [], []
    res = run(inst, make_state(inst, start), rule, seed, max_steps=max_steps, trajectory=traj, progress=ticks.append,
              incremental=incremental)
    naive_traj, final, status = naive_point_run(inst, make_state, start, rule, seed, max_steps)
    assert traj == naive_traj
    assert (res.steps, res.status, res.solution) == (len(naive_traj), status, final)
    assert res.start_value == inst.satisfied_weight(start)
    assert res.value == inst.satisfied_weight(final) == res.start_value + sum(g for _, g, _ in traj)
    assert res.extra["moves_per_point"] == [sum(1 for p, _, _ in traj if p == q) for q in range(inst.points)]
    assert res.extra["arithmetic"] == make_state(inst, start).arithmetic
    assert (res.rule, res.seed) == (rule, seed) and ticks == [1] * res.steps
    return res


@settings(max_examples=60)
@given(line_cases(), st.sampled_from(RULES), st.integers(0, 2**64 + 5), st.booleans())
def test_stable_moves_run_equals_the_naive_run(case, rule, seed, incremental):
    inst, start = case
    check_against_naive(inst, GridState, start, rule, seed, incremental=incremental)


@settings(max_examples=40)
@given(betweenness_cases(), st.sampled_from(RULES), st.integers(0, 2**64 + 5), st.booleans())
def test_unstable_moves_run_equals_the_naive_run(case, rule, seed, incremental):
    inst, start = case
    check_against_naive(inst, InsertionState, start, rule, seed, incremental=incremental)


@settings(max_examples=40)
@given(st.one_of(line_cases().map(lambda c: (GridState, c)), betweenness_cases().map(lambda c: (InsertionState, c))),
       st.sampled_from(RULES), st.integers(0, 3), st.integers(0, 4))
def test_step_limit(case, rule, seed, max_steps):
    """At the limit the status is max_steps unless the solution reached is a local optimum."""
    make_state, (inst, start) = case
    res = check_against_naive(inst, make_state, start, rule, seed, max_steps=max_steps)
    full = run(inst, make_state(inst, start), rule, seed)
    assert res.steps == min(max_steps, full.steps)
    assert res.status == ("local_optimum" if max_steps >= full.steps else "max_steps")


def test_time_limit_and_unknown_rule():
    inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1, start=(0, 3, 1))
    res = run(inst, GridState(inst, inst.start), "first", time_limit=1e-12)
    assert (res.steps, res.status, res.value) == (0, "time_limit", 0)
    res = run(inst, GridState(inst, inst.start), "first", time_limit=60)
    assert (res.steps, res.status, res.value) == (1, "local_optimum", 5)
    with pytest.raises(InstanceError, match="unknown pivot rule"):
        run(inst, GridState(inst, inst.start), "best")


class NonLocalState:
    """Claims that its points share no triplet, yet point 1 can move only while point 0 is at 0."""

    stable_moves = False
    arithmetic = "toy"
    inc = [[], [], []]

    def __init__(self):
        self.x = [0, 0, 0]

    def best(self, p):
        ok = self.x[p] == 0 and p < 2 and (p == 0 or self.x[0] == 0)
        return (1, (p, 1)) if ok else (0, None)

    def apply(self, move):
        self.x[move[0]] = move[1]

    def solution(self):
        return Ordering((0, 1, 2))


def test_stale_incremental_gains_are_detected_not_used():
    inst = TripletInstance(3, (), target="betweenness")
    with pytest.raises(AssertionError, match="stale"):
        run(inst, NonLocalState(), "steepest")
    res = run(inst, NonLocalState(), "steepest", incremental=False)  # re-evaluating everything is right
    assert res.steps == 1 and res.extra["moves_per_point"] == [1, 0, 0]


@settings(max_examples=40)
@given(betweenness_cases())
def test_certificate_is_the_best_move_over_all_points(case):
    inst, order = case
    seen = []

    def describe(move, gain):
        seen.append(list(state.order))  # called before the move is applied
        return {"move": list(move), "gain": gain}

    state = InsertionState(inst, order)
    cert = certify_moves(inst, state, describe)
    gains = [naive_best_gain(inst, order, p) for p in range(inst.points)]
    assert cert.value == inst.satisfied_weight(order) and cert.local_optimum == (max(gains) == 0)
    if cert.local_optimum:
        assert (cert.witness, cert.gain, seen) == (None, 0, [])
    else:
        p = gains.index(max(gains))
        assert cert.gain == max(gains) == cert.witness["gain"] and cert.witness["move"][0] == p
        assert seen == [list(order.order)] and state.order != list(order.order)


def test_certificate_rechecks_the_witness():
    class Lying(GridState):
        def apply(self, move):  # claims a gain but does not move
            pass

    inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1)
    with pytest.raises(AssertionError, match="witness"):
        certify_moves(inst, Lying(inst, (0, 3, 1)), lambda move, gain: {})
    cert = certify_moves(inst, GridState(inst, (3, 3, 1)), lambda move, gain: {}, value=5)
    assert cert.local_optimum and cert.value == 5


@settings(max_examples=40)
@given(st.integers(3, 8).flatmap(lambda m: st.tuples(st.just(m), st.lists(st.permutations(range(m)), max_size=8))))
def test_incidence_and_neighbours_by_definition(case):
    m, perms = case
    inst = TripletInstance(m, tuple((*p[:3], 1 + k) for k, p in enumerate(perms)), dim=1)
    inc = incidence(inst)
    assert inc == [triplets_at(inst, p) for p in range(m)]
    assert neighbours(inc) == [sorted({q for t in inst.triplets if p in t[:3] for q in t[:3]} - {p})
                               for p in range(m)]


@settings(max_examples=30)
@given(st.sampled_from(["tree", "betweenness", "nonbetweenness"]).flatmap(
    lambda t: target_triplets(t, min_m=4, max_m=9, max_t=8)), st.integers(0, 10**6), st.sampled_from(RULES))
def test_incremental_gains_give_the_same_run_as_full_re_evaluation(inst, seed, rule):
    E = tree if inst.target == "tree" else orderings
    start = E.random_solution(inst, seed)
    runs = []
    for incremental in (True, False):
        traj = []
        res = E.local_search(inst, rule=rule, start=start, seed=seed, trajectory=traj, incremental=incremental)
        runs.append((traj, res.steps, res.value, res.solution))
    assert runs[0] == runs[1]


@settings(max_examples=30)
@given(tiny_line_instances(), st.integers(0, 10**6), st.sampled_from(RULES))
def test_incremental_gains_on_the_line_and_positions(inst, seed, rule):
    nb = TripletInstance(inst.points, inst.triplets, dim=1, target="nonbetweenness", start=inst.start)
    for E, I in ((line, inst), (orderings, nb)):
        runs = []
        for incremental in (True, False):
            traj = []
            res = E.local_search(I, rule=rule, start=I.start, seed=seed, trajectory=traj, incremental=incremental)
            runs.append((traj, res.steps, res.value, res.solution))
        assert runs[0] == runs[1]

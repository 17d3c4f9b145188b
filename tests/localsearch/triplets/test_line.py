"""Closed-loop tests of the line engine and the Local Max-Cut -> line reduction (issue 6)."""
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import Assignment, Graph, TripletInstance, dc_steps, doubling_chain
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets import line as engine
from reductions import to_line as red
from tests.helpers.oracles import flip_run, naive_flip_run
from tests.helpers.strategies import small_rationals, started_graphs, triplet_lists

RULES = engine.RULES


@st.composite
def tiny_instances(draw):
    m = draw(st.integers(3, 5))
    trips = draw(triplet_lists(m))
    pos = draw(st.lists(small_rationals, min_size=m, max_size=m))
    return TripletInstance(m, tuple(trips), dim=1, start=tuple(pos))


@settings(max_examples=80)
@given(tiny_instances())
def test_best_move_matches_brute_force(inst):
    pos = [engine.norm(x) for x in inst.start]
    trips = engine.point_triplets(inst)
    for p in range(inst.points):
        gain, x = engine.best_move(p, pos, trips[p])
        assert gain == engine.brute_force_gain(inst, inst.start, p)
        if gain > 0:
            moved = list(inst.start)
            moved[p] = Fraction(x)
            assert inst.satisfied_weight(tuple(moved)) == inst.satisfied_weight(inst.start) + gain


@settings(max_examples=40)
@given(tiny_instances(), st.sampled_from(RULES), st.integers(0, 3))
def test_engine_ends_in_a_certified_local_optimum(inst, rule, seed):
    traj = []
    res = engine.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    cert = engine.certify(inst, res.solution)
    assert res.status == "local_optimum" and cert.local_optimum
    assert res.value == cert.value == inst.satisfied_weight(res.solution)
    assert res.steps == len(traj) and res.value - res.start_value >= res.steps  # integer gains >= 1


def test_certificate_witness_is_an_improving_move():
    inst = TripletInstance(3, ((0, 1, 2, 5),), dim=1, start=(0, 3, 1))
    cert = engine.certify(inst, inst.start)
    assert not cert.local_optimum and cert.gain == 5
    moved = list(inst.start)
    moved[cert.witness["point"]] = Fraction(cert.witness["position"])
    assert inst.satisfied_weight(tuple(moved)) == 5


def test_step_limit_and_representatives():
    g = doubling_chain(4)
    inst = red.reduce(g)
    res = engine.local_search(inst, "first", max_steps=5)
    assert res.steps == 5 and res.status == "max_steps"
    ticks = []
    res = engine.local_search(inst, "first", progress=ticks.append)
    assert len(ticks) == res.steps == dc_steps(4)
    res = engine.local_search(inst, "first", time_limit=1e-12)
    assert res.status == "time_limit" and res.steps < dc_steps(4)
    assert engine.representative(Fraction(1, 3), Fraction(1, 2)) == Fraction(2, 5)
    assert engine.representative(Fraction(-258), Fraction(-254)) == -256
    assert engine.representative(None, Fraction(7, 2)) == 2 and engine.representative(Fraction(7, 2), None) == 5


# --- the reduction ----------------------------------------------------------------------------------
def test_scaffold_holds_strictly_at_the_canonical_coordinates():
    g = Graph(2, ((0, 1, -3),), start=(1, -1))
    inst = red.reduce(g)
    scaffold = [t for t in inst.triplets if all(q >= g.n for q in t[:3])]
    assert len(scaffold) == 26 and all(inst.is_satisfied(t, inst.start) for t in scaffold)
    for t in scaffold:  # hierarchical: each level outweighs everything lighter together
        assert t[3] > sum(u[3] for u in inst.triplets if u[3] < t[3])
    assert len({t[3] for t in scaffold}) == len(red.LEVELS)


@settings(max_examples=40)
@given(started_graphs(max_n=5))
def test_objective_identity_for_every_cut(g):
    inst = red.reduce(g)
    offset = inst.meta["reduction"]["objective_offset"]
    for bits in range(2 ** g.n):
        s = Assignment.from_bits(bits, g.n)
        assert inst.satisfied_weight(red.embed(g, s)) == offset + g.cut_value(s)
        assert red.backmap(inst, red.embed(g, s)) == s


@settings(max_examples=30)
@given(started_graphs(max_n=6))
def test_clean_images_improving_moves_are_exactly_the_flips(g):
    inst = red.reduce(g)
    pos = [engine.norm(x) for x in inst.start]
    trips = engine.point_triplets(inst)
    gains = g.gains(g.start)
    for p in range(inst.points):
        gain, x = engine.best_move(p, pos, trips[p])
        if p < g.n:
            assert gain == max(0, gains[p])
            if gain:  # lands exactly on the other pole
                assert x == red.COORD["P-" if g.start[p] > 0 else "P+"]
        else:
            assert gain == 0


@settings(max_examples=40)
@given(started_graphs(max_n=6), st.sampled_from(RULES), st.integers(0, 5))
def test_tight_flip_for_flip(g, rule, seed):
    inst = red.reduce(g)
    traj = []
    res = engine.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    seq, s = flip_run(g, g.start, rule, seed)
    assert [p for p, _ in traj] == seq
    assert res.steps == len(seq) and res.status == "local_optimum"
    assert red.backmap(inst, res.solution) == Assignment(tuple(s))
    assert res.value - res.start_value == g.cut_value(s) - g.cut_value(g.start)


@settings(max_examples=40)
@given(started_graphs(max_n=6), st.sampled_from(RULES), st.integers(0, 10**6))
def test_local_optima_from_random_embeddings_back_map_to_local_max_cuts(g, rule, seed):
    inst = red.reduce(g)
    res = engine.local_search(inst, rule=rule, start=engine.random_solution(inst, seed), seed=seed)
    assert engine.certify(inst, res.solution).local_optimum
    assert certify_flip(g, red.backmap(inst, res.solution)).local_optimum


@settings(max_examples=15)
@given(started_graphs(max_n=5, big=True), st.integers(0, 10**6))
def test_big_weights_closed_loop(g, seed):
    inst = red.reduce(g)
    for start in (inst.start, engine.random_solution(inst, seed)):
        res = engine.local_search(inst, rule="first", start=start)
        assert engine.certify(inst, res.solution).local_optimum
        assert certify_flip(g, red.backmap(inst, res.solution)).local_optimum


@settings(max_examples=25)
@given(started_graphs(max_n=5), st.integers(0, 10**6))
def test_scaffold_scrambled_vertices_at_poles(g, seed):
    """Non-clean starts of another kind: vertices exactly at the poles, scaffold points shuffled."""
    inst = red.reduce(g)
    rng = np.random.default_rng(seed)
    xs = list(inst.start)
    sc = xs[g.n:]
    rng.shuffle(sc)
    res = engine.local_search(inst, "first", start=tuple(xs[:g.n] + sc))
    assert engine.certify(inst, res.solution).local_optimum
    assert certify_flip(g, red.backmap(inst, res.solution)).local_optimum


def _dc_end_to_end(n):
    g = doubling_chain(n)
    inst = red.reduce(g)
    res = engine.local_search(inst, "first")
    assert res.steps == dc_steps(n) == 5 * 2 ** (n - 1) - 4
    assert engine.certify(inst, res.solution).local_optimum
    s = red.backmap(inst, res.solution)
    assert certify_flip(g, s).local_optimum
    assert res.value == inst.meta["reduction"]["objective_offset"] + g.cut_value(s)


@pytest.mark.parametrize("n", range(2, 11))
def test_dc_on_the_line_takes_exactly_T_n_steps(n):
    _dc_end_to_end(n)


@pytest.mark.slow
@pytest.mark.parametrize("n", range(11, 14))
def test_dc_on_the_line_takes_exactly_T_n_steps_slow(n):
    _dc_end_to_end(n)


def test_sizes_are_linear():
    for n, m in ((5, 4), (10, 30), (40, 100)):
        g = Graph(n, tuple((i, (i + 1 + k) % n, 1 + k) for k in range(m // n) for i in range(n))[:m])
        inst = red.reduce(g)
        assert inst.points == n + 11 and len(inst.triplets) == 26 + 2 * n + g.m


def test_docstring_examples():
    import doctest

    import localsearch.triplets.plane
    import localsearch.triplets.rd
    import localsearch.triplets.surds
    import reductions.to_rd

    for mod in (engine, red, localsearch.triplets.rd, localsearch.triplets.plane, localsearch.triplets.surds, reductions.to_rd):
        assert doctest.testmod(mod).failed == 0, mod.__name__


@settings(max_examples=40)
@given(tiny_instances(), st.sampled_from(RULES), st.integers(0, 3))
def test_each_step_follows_the_pivot_rule(inst, rule, seed):
    """Replay a run: before every move, recompute every point's best move from scratch and check the
    rule's choice, the position (the leftmost-best representative) and the exact gain."""
    traj = []
    res = engine.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    pos = [engine.norm(x) for x in inst.start]
    trips = engine.point_triplets(inst)
    last = -1
    for p, x in traj:
        moves = [engine.best_move(q, pos, trips[q]) for q in range(inst.points)]
        imp = [q for q in range(inst.points) if moves[q][0] > 0]
        expected = {"first": imp[0], "last": imp[-1],
                    "steepest": max(imp, key=lambda q: (moves[q][0], -q)),
                    "least": min(imp, key=lambda q: (moves[q][0], q)),
                    "cyclic": next(q for q in ((last + 1 + k) % inst.points for k in range(inst.points)) if q in imp),
                    "random": p}[rule]
        assert p == expected and p in imp and x == moves[p][1]
        before = inst.satisfied_weight(tuple(pos))
        pos[p] = x
        assert inst.satisfied_weight(tuple(pos)) == before + moves[p][0]
        last = p
    assert tuple(pos) == tuple(engine.norm(v) for v in res.solution)

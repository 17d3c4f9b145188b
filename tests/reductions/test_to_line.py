"""Local Max-Cut -> triplets on the line (reductions.to_line): scaffold, objective identity, tightness flip
for flip, soundness from random embeddings, DC_n step counts, sizes."""
import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import Assignment, Graph, InstanceError, TripletInstance, dc_steps, doubling_chain
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets import line
from localsearch.triplets.driver import incidence
from reductions import to_line
from tests.helpers.oracles import flip_run
from tests.helpers.strategies import started_graphs

RULES = line.RULES


def test_scaffold_holds_strictly_at_the_canonical_coordinates():
    g = Graph(2, ((0, 1, -3),), start=(1, -1))
    inst = to_line.reduce(g)
    scaffold = [t for t in inst.triplets if all(q >= g.n for q in t[:3])]
    assert len(scaffold) == 26 and all(inst.is_satisfied(t, inst.start) for t in scaffold)
    for t in scaffold:  # hierarchical: each level outweighs everything lighter together
        assert t[3] > sum(u[3] for u in inst.triplets if u[3] < t[3])
    assert len({t[3] for t in scaffold}) == len(to_line.LEVELS)


@settings(max_examples=40)
@given(started_graphs(max_n=5))
def test_objective_identity_for_every_cut(g):
    inst = to_line.reduce(g)
    offset = inst.meta["reduction"]["objective_offset"]
    for bits in range(2 ** g.n):
        s = Assignment.from_bits(bits, g.n)
        assert inst.satisfied_weight(to_line.embed(g, s)) == offset + g.cut_value(s)
        assert to_line.backmap(inst, to_line.embed(g, s)) == s


@settings(max_examples=30)
@given(started_graphs(max_n=6))
def test_clean_images_improving_moves_are_exactly_the_flips(g):
    inst = to_line.reduce(g)
    pos = [line.int_if_integral(x) for x in inst.start]
    trips = incidence(inst)
    gains = g.gains(g.start)
    for p in range(inst.points):
        gain, x = line.best_move(p, pos, trips[p])
        if p < g.n:
            assert gain == max(0, gains[p])
            if gain:  # lands exactly on the other pole
                assert x == to_line.COORD["P-" if g.start[p] > 0 else "P+"]
        else:
            assert gain == 0


@settings(max_examples=40)
@given(started_graphs(max_n=6), st.sampled_from(RULES), st.integers(0, 5))
def test_tight_flip_for_flip(g, rule, seed):
    inst = to_line.reduce(g)
    traj = []
    res = line.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    seq, s = flip_run(g, g.start, rule, seed)
    assert [p for p, _, _ in traj] == seq
    assert res.steps == len(seq) and res.status == "local_optimum"
    assert to_line.backmap(inst, res.solution) == Assignment(tuple(s))
    assert res.value - res.start_value == g.cut_value(s) - g.cut_value(g.start)


@settings(max_examples=40)
@given(started_graphs(max_n=6), st.sampled_from(RULES), st.integers(0, 10**6))
def test_local_optima_from_random_embeddings_back_map_to_local_max_cuts(g, rule, seed):
    inst = to_line.reduce(g)
    res = line.local_search(inst, rule=rule, start=line.random_solution(inst, seed), seed=seed)
    assert line.certify(inst, res.solution).local_optimum
    assert certify_flip(g, to_line.backmap(inst, res.solution)).local_optimum


@settings(max_examples=15)
@given(started_graphs(max_n=5, big=True), st.integers(0, 10**6))
def test_big_weights_closed_loop(g, seed):
    inst = to_line.reduce(g)
    for start in (inst.start, line.random_solution(inst, seed)):
        res = line.local_search(inst, rule="first", start=start)
        assert line.certify(inst, res.solution).local_optimum
        assert certify_flip(g, to_line.backmap(inst, res.solution)).local_optimum


@settings(max_examples=25)
@given(started_graphs(max_n=5), st.integers(0, 10**6))
def test_scaffold_scrambled_vertices_at_poles(g, seed):
    """Non-clean starts of another kind: vertices exactly at the poles, scaffold points shuffled."""
    inst = to_line.reduce(g)
    rng = np.random.default_rng(seed)
    xs = list(inst.start)
    sc = xs[g.n:]
    rng.shuffle(sc)
    res = line.local_search(inst, "first", start=tuple(xs[:g.n] + sc))
    assert line.certify(inst, res.solution).local_optimum
    assert certify_flip(g, to_line.backmap(inst, res.solution)).local_optimum


def _dc_end_to_end(n):
    g = doubling_chain(n)
    inst = to_line.reduce(g)
    res = line.local_search(inst, "first")
    assert res.steps == dc_steps(n) == 5 * 2 ** (n - 1) - 4
    assert line.certify(inst, res.solution).local_optimum
    s = to_line.backmap(inst, res.solution)
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
        inst = to_line.reduce(g)
        assert inst.points == n + 11 and len(inst.triplets) == 26 + 2 * n + g.m


def test_meta_start_and_errors():
    g = Graph(3, ((0, 1, 2), (1, 2, -5)))
    inst = to_line.reduce(g)
    red = inst.meta["reduction"]
    assert red["name"] == "line" and red["vertex_points"] == 3 and red["gain_multiple"] == 1
    assert red["scaffold"] == to_line.scaffold_index(3) and inst.names[3] == "@P-"
    assert to_line.backmap(inst, inst.start) == Assignment.plus(3)  # no start: all +1
    with pytest.raises(InstanceError):
        to_line.reduce(TripletInstance(3, ((0, 1, 2, 1),), dim=1))  # not a graph
    with pytest.raises(InstanceError):
        to_line.backmap(TripletInstance(3, ((0, 1, 2, 1),), dim=1), (0, 1, 2))  # not a reduced instance


def test_docstring_examples():
    assert doctest.testmod(to_line).failed == 0

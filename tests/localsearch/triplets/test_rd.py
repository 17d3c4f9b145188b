"""The R^d engine (localsearch.triplets.rd): the method each point gets (concentric, anchor, collinear
co-points, the plane sweep), exact best moves against sampling, runs equal to the definition-level run,
certificates, random starts, and refusal where no exact move is implemented."""
import doctest
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import Graph, InstanceError, TripletInstance
from localsearch.triplets import line, rd
from localsearch.triplets.driver import incidence
from localsearch.triplets.realisation import embedding_dim, integer_embedding
from reductions import to_rd
from tests.helpers.oracles import naive_point_run
from tests.helpers.strategies import collinear_instances, embeddings, signed_graphs


@settings(max_examples=40)
@given(st.one_of(collinear_instances(), collinear_instances(general=True)), st.integers(0, 10**6))
def test_best_move_of_point_zero_is_exact_against_sampling(inst, seed):
    """Point 0's co-points are collinear: the engine's gain is attained, and no sampled position of
    point 0 (random, near every co-point, and on every critical circle's neighbourhood) beats it."""
    pos = [tuple(line.int_if_integral(c) for c in x) for x in inst.start]
    trips = incidence(inst)
    gain, y = rd.best_move(0, pos, trips[0])
    base = inst.satisfied_weight(inst.start)
    if gain:
        moved = list(inst.start)
        moved[0] = y
        assert inst.satisfied_weight(tuple(moved)) == base + gain
    rng = np.random.default_rng(seed)
    probes = [(Fraction(int(a), 8), Fraction(int(b), 8)) for a, b in rng.integers(-60, 61, size=(150, 2))]
    probes += [(x + Fraction(int(a), 16), y_ + Fraction(int(b), 16))
               for x, y_ in inst.start[1:] for a, b in rng.integers(-4, 5, size=(10, 2))]
    for q in probes:
        moved = list(inst.start)
        moved[0] = q
        assert inst.satisfied_weight(tuple(moved)) <= base + gain


@settings(max_examples=30)
@given(collinear_instances(), st.sampled_from(rd.RULES), st.integers(0, 3))
def test_plane_runs_end_in_certified_local_optima(inst, rule, seed):
    traj = []
    res = rd.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    assert res.status == "local_optimum" and rd.certify(inst, res.solution).local_optimum
    assert res.value == inst.satisfied_weight(res.solution)
    assert res.value - res.start_value == sum(gain for _, gain, _ in traj) and res.extra["arithmetic"] == "python-exact"


def test_mixed_points_in_3d_are_refused_not_guessed():
    """Points 1 and 2 are in triplets with two apexes (0 and 3): no exact method in R^3 unless their
    co-points are collinear; the refusal comes before any move, and random starts are refused too."""
    inst = TripletInstance(4, ((0, 1, 2, 1), (3, 2, 1, 1)), dim=3,
                           start=((0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0)))
    assert [rd.point_kind(p, t) for p, t in enumerate(incidence(inst))] == ["anchor", "mixed", "mixed", "anchor"]
    assert not rd.exact_everywhere(inst) and rd.exact_everywhere(TripletInstance(4, inst.triplets, dim=2))
    with pytest.raises(InstanceError, match="mix roles"):
        rd.certify(inst, inst.start)
    with pytest.raises(rd.NotCollinear):
        rd.local_search(inst)
    with pytest.raises(rd.NotCollinear, match="point 1"):
        rd.random_solution(inst, 0)
    flat = [(x, 0, 0) for x in range(4)]
    assert rd.certify(inst, flat).value == inst.satisfied_weight(flat)  # collinear: exact, no refusal


@settings(max_examples=15, deadline=None)
@given(signed_graphs(max_n=3, max_w=4), st.integers(2, 3), st.sampled_from(rd.RULES), st.integers(0, 99), st.data())
def test_runs_equal_the_definition_level_run_from_any_embedding(g, dim, rule, seed, data):
    """On the radial instance every point is concentric or an anchor; from any embedding the engine's run
    (incremental gains, cached moves) equals the naive run that rebuilds the state and every best move
    before each step, move for move."""
    inst = to_rd.reduce(g, dim=dim)
    assert {rd.point_kind(p, t) for p, t in enumerate(incidence(inst))} <= {"concentric", "anchor"}
    start = data.draw(embeddings(inst.points, dim))
    traj = []
    res = rd.local_search(inst, rule=rule, start=start, seed=seed, trajectory=traj, max_steps=12)
    ref, sol, status = naive_point_run(inst, rd.SpaceState, inst.check_solution(start), rule, seed, max_steps=12)
    assert [(p, gain) for p, gain, _ in traj] == [(p, gain) for p, gain, _ in ref]
    assert [tuple(map(Fraction, mv[1])) for _, _, mv in traj] == [tuple(map(Fraction, mv[1])) for _, _, mv in ref]
    assert res.status == status and res.value == inst.satisfied_weight(sol)


@settings(max_examples=20, deadline=None)
@given(signed_graphs(max_n=3, max_w=4), st.integers(2, 3), st.data())
def test_best_moves_of_the_radial_instance_beat_every_sampled_position(g, dim, data):
    """Exactness of every point's best move in R^2 and R^3 (anchors O and X included) from any embedding:
    the gain is reached, and no sampled position of the point (random, and near every other point) does
    better."""
    inst = to_rd.reduce(g, dim=dim)
    sol = inst.check_solution(data.draw(embeddings(inst.points, dim)))
    state = rd.SpaceState(inst, sol)
    base = inst.satisfied_weight(sol)
    rng = np.random.default_rng(data.draw(st.integers(0, 10**6)))
    for p in range(inst.points):
        gain, move = state.best(p)
        if gain:
            moved = list(sol)
            moved[p] = move[1]
            assert inst.satisfied_weight(tuple(moved)) == base + gain
        probes = [tuple(Fraction(int(c), 4) for c in rng.integers(-60, 61, size=dim)) for _ in range(20)]
        probes += [tuple(c + Fraction(int(e), 8) for c, e in zip(sol[q], rng.integers(-3, 4, size=dim)))
                   for q in range(inst.points)]
        for y in probes:
            moved = list(sol)
            moved[p] = y
            assert inst.satisfied_weight(tuple(moved)) <= base + gain


def test_off_line_move_when_strictly_better():
    """Point 0 (now at (9, 0), value 1) wants |y - (0,0)| < 2, |y - (2,0)| < 2 and |y - (1,0)| > 1: all
    three only off the line (y = (1, h), 1 < h < sqrt 3); on the line at most two."""
    pos = ((9, 0), (0, 0), (2, 0), (-2, 0), (4, 0), (1, 0))
    inst = TripletInstance(6, ((1, 0, 3, 1), (2, 0, 4, 1), (5, 1, 0, 1)), dim=2, start=pos)
    cert = rd.certify(inst, inst.start)
    assert not cert.local_optimum and cert.gain == 2 and cert.witness["point"] == 0
    assert set(cert.witness) == {"point", "position"}  # no gain in the R^d witness
    y = tuple(Fraction(c) for c in cert.witness["position"])
    assert y[1] != 0
    moved = (y,) + inst.start[1:]
    assert inst.satisfied_weight(moved) == 3
    xs = tuple(x for x, _ in pos)
    assert line.certify(TripletInstance(6, inst.triplets, dim=1, start=xs), xs).gain == 1


def test_rd_certify_accepts_a_fully_satisfied_embedding_in_high_dimension():
    """The engine cannot sweep mixed points with non-collinear co-points in d >= 3, but a solution
    satisfying every triplet is certified (nothing to gain); one that does not is refused, not guessed."""
    g = Graph(3, ((0, 1, 2), (1, 2, -1)))
    inst = to_rd.embedded_line(g, dim=embedding_dim(14))
    pos = integer_embedding(inst, to_rd.side_relations(inst, (1, -1, 1)))
    cert = rd.certify(inst, pos)
    assert cert.local_optimum and cert.value == inst.total_weight
    broken = list(pos)
    broken[0] = pos[inst.meta["reduction"]["scaffold"]["O"]]
    with pytest.raises(InstanceError):
        rd.certify(inst, broken)


def test_random_solutions_move_every_point_in_every_dimension():
    for dim in (2, 3, 5):
        inst = TripletInstance(6, ((0, 1, 2, 1), (0, 3, 2, 1), (4, 0, 5, 2)), dim=dim)
        assert rd.exact_everywhere(inst)
        sols = [rd.random_solution(inst, s) for s in range(20)]
        assert rd.random_solution(inst, 3) == sols[3] and len(set(sols)) == 20
        assert all(len(s) == 6 and all(len(x) == dim for x in s) for s in sols)
        assert all(isinstance(c, Fraction) for s in sols for x in s for c in x)
        # not on a line: some three points span a plane
        s = sols[0]
        d1, d2 = [tuple(a - b for a, b in zip(s[i], s[0])) for i in (1, 2)]
        assert any(d1[i] * d2[j] != d1[j] * d2[i] for i in range(dim) for j in range(dim))
        res = rd.local_search(inst, "steepest", start=s)
        assert rd.certify(inst, res.solution).local_optimum


def test_docstring_examples():
    assert doctest.testmod(rd).failed == 0

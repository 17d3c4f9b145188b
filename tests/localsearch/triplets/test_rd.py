"""The R^d engine (localsearch.triplets.rd): exact best moves for collinear co-points (and, in the plane,
for any co-points), runs and certificates, refusal where the exact move is not implemented."""
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
from tests.helpers.strategies import collinear_instances


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


def test_non_collinear_configurations_in_3d_are_refused_not_guessed():
    inst = TripletInstance(4, ((0, 1, 2, 1), (0, 2, 3, 1)), dim=3,
                           start=((0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0)))
    with pytest.raises(InstanceError, match="collinear"):
        rd.certify(inst, inst.start)
    with pytest.raises(rd.NotCollinear):
        rd.local_search(inst)
    flat = [(x, 0, 0) for x in range(4)]
    assert rd.certify(inst, flat).value == inst.satisfied_weight(flat)  # collinear: exact, no refusal


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
    """The engine cannot sweep non-collinear points in d >= 3, but a solution satisfying every
    triplet is certified (nothing to gain); one that does not is still refused, not guessed."""
    g = Graph(3, ((0, 1, 2), (1, 2, -1)))
    inst = to_rd.reduce(g, dim=embedding_dim(14))
    pos = integer_embedding(inst, to_rd.side_relations(inst, (1, -1, 1)))
    cert = rd.certify(inst, pos)
    assert cert.local_optimum and cert.value == inst.total_weight
    broken = list(pos)
    broken[0] = pos[inst.meta["reduction"]["scaffold"]["O"]]
    with pytest.raises(InstanceError):
        rd.certify(inst, broken)


def test_random_solutions():
    inst2 = TripletInstance(5, ((0, 1, 2, 1),), dim=2)
    sols = [rd.random_solution(inst2, s) for s in range(20)]
    assert rd.random_solution(inst2, 3) == sols[3] and len(set(sols)) > 15
    assert all(len(s) == 5 and all(len(x) == 2 for x in s) for s in sols)
    inst3 = TripletInstance(5, ((0, 1, 2, 1),), dim=3)
    for seed in range(10):  # dim >= 3: collinear, so the exact engine can certify it
        sol = rd.random_solution(inst3, seed)
        d = [tuple(a - b for a, b in zip(x, sol[0])) for x in sol]
        e = next((v for v in d if any(v)), None)
        assert e is None or all(any(v[i] * e[j] != v[j] * e[i] for i in range(3) for j in range(3)) is False for v in d)
        assert rd.certify(inst3, sol).value == inst3.satisfied_weight(sol)


def test_docstring_examples():
    assert doctest.testmod(rd).failed == 0

"""The R^d engine (exact for collinear co-points) and the rd reduction (the line construction on an axis)."""
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import Graph, InstanceError, TripletInstance, dc_steps, doubling_chain
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets import line as line_engine
from localsearch.triplets import rd as engine
from reductions import to_line as line_red
from reductions import to_rd as red

from tests.helpers.oracles import flip_run
from tests.helpers.strategies import started_graphs, triplet_lists

rationals = st.builds(Fraction, st.integers(-5, 5), st.integers(1, 2))


@st.composite
def collinear_instances(draw, general=False):
    """Tiny 2D instances whose points lie on a random rational line, except possibly point 0
    (``general``: every point anywhere, so the plane sweep is used)."""
    m = draw(st.integers(3, 5))
    trips = draw(triplet_lists(m, 6))
    ts = draw(st.lists(rationals, min_size=m, max_size=m))
    e = draw(st.sampled_from([(1, 0), (0, 1), (1, 1), (2, -1)]))
    pos = [(t * e[0], t * e[1] + 1) for t in ts]
    pos[0] = (draw(rationals), draw(rationals))
    if general:
        pos = [(x, draw(rationals)) for x, _ in pos]
    return TripletInstance(m, tuple(trips), dim=2, start=tuple(pos))


@settings(max_examples=40)
@given(st.one_of(collinear_instances(), collinear_instances(general=True)), st.integers(0, 10**6))
def test_best_move_of_point_zero_is_exact_against_sampling(inst, seed):
    """Point 0's co-points are collinear: the engine's gain is attained, and no sampled position of
    point 0 (random, near every co-point, and on every critical circle's neighbourhood) beats it."""
    pos = [tuple(line_engine.norm(c) for c in x) for x in inst.start]
    trips = line_engine.point_triplets(inst)
    gain, y = engine.best_move(0, pos, trips[0])
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
@given(collinear_instances(), st.sampled_from(engine.RULES), st.integers(0, 3))
def test_plane_runs_end_in_certified_local_optima(inst, rule, seed):
    res = engine.local_search(inst, rule=rule, seed=seed)
    assert res.status == "local_optimum" and engine.certify(inst, res.solution).local_optimum
    assert res.value == inst.satisfied_weight(res.solution)


def test_non_collinear_configurations_in_3d_are_refused_not_guessed():
    inst = TripletInstance(4, ((0, 1, 2, 1), (0, 2, 3, 1)), dim=3,
                           start=((0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0)))
    with pytest.raises(InstanceError, match="collinear"):
        engine.certify(inst, inst.start)
    flat = [(x, 0, 0) for x in range(4)]
    assert engine.certify(inst, flat).value == inst.satisfied_weight(flat)  # collinear: exact, no refusal


def test_off_line_move_when_strictly_better():
    """Point 0 (now at (9, 0), value 1) wants |y - (0,0)| < 2, |y - (2,0)| < 2 and |y - (1,0)| > 1: all
    three only off the line (y = (1, h), 1 < h < sqrt 3); on the line at most two."""
    pos = ((9, 0), (0, 0), (2, 0), (-2, 0), (4, 0), (1, 0))
    inst = TripletInstance(6, ((1, 0, 3, 1), (2, 0, 4, 1), (5, 1, 0, 1)), dim=2, start=pos)
    cert = engine.certify(inst, inst.start)
    assert not cert.local_optimum and cert.gain == 2 and cert.witness["point"] == 0
    y = tuple(Fraction(c) for c in cert.witness["position"])
    assert y[1] != 0
    moved = (y,) + inst.start[1:]
    assert inst.satisfied_weight(moved) == 3
    xs = tuple(x for x, _ in pos)
    assert line_engine.certify(TripletInstance(6, inst.triplets, dim=1, start=xs), xs).gain == 1


@settings(max_examples=25)
@given(started_graphs(max_n=5), st.sampled_from(engine.RULES), st.integers(0, 5), st.integers(2, 3))
def test_rd_runs_equal_line_runs_flip_for_flip(g, rule, seed, dim):
    inst = red.reduce(g, dim=dim)
    traj = []
    res = engine.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    seq, s = flip_run(g, g.start, rule, seed)
    assert [p for p, _ in traj] == seq
    assert all(all(c == 0 for c in x[1:]) for x in res.solution)  # never left the axis
    assert engine.certify(inst, res.solution).local_optimum
    assert certify_flip(g, red.backmap(inst, res.solution)).local_optimum
    assert tuple(red.backmap(inst, res.solution)) == tuple(s)


@settings(max_examples=20)
@given(started_graphs(max_n=4))
def test_rd_clean_images_gains_equal_flip_gains(g):
    inst = red.reduce(g, dim=2)
    pos = [tuple(line_engine.norm(c) for c in x) for x in inst.start]
    trips = line_engine.point_triplets(inst)
    gains = g.gains(g.start)
    for p in range(inst.points):
        gain, _ = engine.best_move(p, pos, trips[p])
        assert gain == (max(0, gains[p]) if p < g.n else 0)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_dc_in_the_plane(n):
    g = doubling_chain(n)
    inst = red.reduce(g, dim=2)
    res = engine.local_search(inst, "first")
    assert res.steps == dc_steps(n)
    assert engine.certify(inst, res.solution).local_optimum
    assert certify_flip(g, red.backmap(inst, res.solution)).local_optimum


def test_rd_needs_dim_two_and_same_triplets_as_line():
    g = Graph(3, ((0, 1, 2), (1, 2, -5)), start=(1, -1, 1))
    with pytest.raises(InstanceError):
        red.reduce(g, dim=1)
    assert red.reduce(g, dim=4).triplets == line_red.reduce(g).triplets


# A local optimum in the plane found by the exact engine from a random embedding (rule random, seed 1)
# on the reduced instance of this graph: the scaffold triplets all hold, yet the geometry is distorted
# (the ball around P- has radius ~71), so the back map is NOT a local max-cut. The line construction is
# therefore not a PLS reduction to R^2 (documented in reductions/rd.py).
PLANE_GRAPH = Graph(4, ((0, 2, -2), (1, 2, 6)))
PLANE_OPT = [['-58', '-98'], ['41', '-50'], ['71', '-95'], ['41', '-50'], ['25/2', '-489/5'], ['-63/2', '-36'],
             ['77/2', '-11/4'], ['100', '-50'], ['115', '-14'], ['-63', '-105'], ['105', '-48'], ['-31', '-39'],
             ['100', '-48'], ['-52', '-68'], ['100', '-49']]


def test_plane_counterexample_semantics_break():
    inst = red.reduce(PLANE_GRAPH, dim=2)
    sol = inst.check_solution([[Fraction(c) for c in x] for x in PLANE_OPT])
    assert all(inst.is_satisfied(t, sol) for t in inst.triplets[:26])  # scaffold holds
    s = red.backmap(inst, sol)
    assert not certify_flip(PLANE_GRAPH, s).local_optimum
    base = inst.satisfied_weight(sol)
    for v in range(PLANE_GRAPH.n):  # putting any vertex point on either pole does not help
        for pole in ("P-", "P+"):
            moved = list(sol)
            moved[v] = sol[inst.meta["reduction"]["scaffold"][pole]]
            assert inst.satisfied_weight(tuple(moved)) <= base


@pytest.mark.slow
def test_plane_counterexample_is_a_certified_local_optimum():
    inst = red.reduce(PLANE_GRAPH, dim=2)
    sol = inst.check_solution([[Fraction(c) for c in x] for x in PLANE_OPT])
    assert engine.certify(inst, sol).local_optimum


@settings(max_examples=200)
@given(*[st.builds(Fraction, st.integers(-30, 30), st.integers(1, 7)) for _ in range(3)],
       st.builds(Fraction, st.integers(-30, 30), st.integers(1, 7)), st.integers(0, 40), st.integers(0, 40),
       st.booleans())
def test_surd_order_matches_high_precision(a, b, d, e, c, f, equal):
    """Exact sign of a + b sqrt(c) - (e + d sqrt(f)) against 60-digit decimals (and exact ties)."""
    from decimal import Decimal, getcontext

    from localsearch.triplets.surds import between, compare, surd

    if equal:
        e, d, f = a, b, c
    x, y = surd(a, b, c), surd(e, d, f)
    getcontext().prec = 60

    def dec(q):
        return Decimal(q.numerator) / Decimal(q.denominator)

    diff = dec(a) + dec(b) * Decimal(c).sqrt() - dec(e) - dec(d) * Decimal(f).sqrt()
    expected = 0 if abs(diff) < Decimal(10) ** -40 else (1 if diff > 0 else -1)
    assert compare(x, y) == expected
    if expected:
        lo, hi = (x, y) if expected < 0 else (y, x)
        r = between(lo, hi)
        assert compare(lo, surd(r)) < 0 < compare(hi, surd(r))

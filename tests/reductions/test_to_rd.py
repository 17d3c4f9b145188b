"""Local Max-Cut -> triplets in R^d (reductions.to_rd): tight from images of assignments (the runs are the
line runs), and what it does NOT guarantee: certified counterexamples in the plane and, in high
dimension, global optima with any back-mapped cut (localsearch.triplets.realisation)."""
import doctest
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import Graph, InstanceError, TripletInstance, dc_steps, doubling_chain
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets import line, rd
from localsearch.triplets.driver import incidence
from localsearch.triplets.realisation import embedding_dim, find_cycle, gram_pivots, integer_embedding
from reductions import to_line, to_rd
from tests.helpers.oracles import flip_run
from tests.helpers.strategies import started_graphs


@settings(max_examples=25)
@given(started_graphs(max_n=5), st.sampled_from(rd.RULES), st.integers(0, 5), st.integers(2, 3))
def test_rd_runs_equal_line_runs_flip_for_flip(g, rule, seed, dim):
    inst = to_rd.reduce(g, dim=dim)
    traj = []
    res = rd.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    seq, s = flip_run(g, g.start, rule, seed)
    assert [p for p, _, _ in traj] == seq
    assert all(all(c == 0 for c in x[1:]) for x in res.solution)  # never left the axis
    assert rd.certify(inst, res.solution).local_optimum
    assert certify_flip(g, to_rd.backmap(inst, res.solution)).local_optimum
    assert tuple(to_rd.backmap(inst, res.solution)) == tuple(s)


@settings(max_examples=20)
@given(started_graphs(max_n=4))
def test_rd_clean_images_gains_equal_flip_gains(g):
    inst = to_rd.reduce(g, dim=2)
    pos = [tuple(line.int_if_integral(c) for c in x) for x in inst.start]
    trips = incidence(inst)
    gains = g.gains(g.start)
    for p in range(inst.points):
        gain, _ = rd.best_move(p, pos, trips[p])
        assert gain == (max(0, gains[p]) if p < g.n else 0)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_dc_in_the_plane(n):
    g = doubling_chain(n)
    inst = to_rd.reduce(g, dim=2)
    res = rd.local_search(inst, "first")
    assert res.steps == dc_steps(n)
    assert rd.certify(inst, res.solution).local_optimum
    assert certify_flip(g, to_rd.backmap(inst, res.solution)).local_optimum


def test_rd_needs_dim_two_and_same_triplets_as_line():
    g = Graph(3, ((0, 1, 2), (1, 2, -5)), start=(1, -1, 1))
    with pytest.raises(InstanceError):
        to_rd.reduce(g, dim=1)
    assert to_rd.reduce(g, dim=4).triplets == to_line.reduce(g).triplets
    inst = to_rd.reduce(g, dim=3)
    assert inst.meta["reduction"]["name"] == "rd" and inst.start[0] == (Fraction(224), 0, 0)
    assert to_rd.backmap(inst, inst.start).signs == (1, -1, 1)


# A local optimum in the plane found by the exact engine from a random embedding (rule random, seed 1)
# on the reduced instance of this graph: the scaffold triplets all hold, yet the geometry is distorted
# (the ball around P- has radius ~71), so the back map is NOT a local max-cut. The line construction is
# therefore not a PLS reduction to R^2 (documented in reductions/to_rd.py).
PLANE_GRAPH = Graph(4, ((0, 2, -2), (1, 2, 6)))
PLANE_OPT = [['-58', '-98'], ['41', '-50'], ['71', '-95'], ['41', '-50'], ['25/2', '-489/5'], ['-63/2', '-36'],
             ['77/2', '-11/4'], ['100', '-50'], ['115', '-14'], ['-63', '-105'], ['105', '-48'], ['-31', '-39'],
             ['100', '-48'], ['-52', '-68'], ['100', '-49']]


def test_plane_counterexample_semantics_break():
    inst = to_rd.reduce(PLANE_GRAPH, dim=2)
    sol = inst.check_solution([[Fraction(c) for c in x] for x in PLANE_OPT])
    assert all(inst.is_satisfied(t, sol) for t in inst.triplets[:26])  # scaffold holds
    s = to_rd.backmap(inst, sol)
    assert not certify_flip(PLANE_GRAPH, s).local_optimum
    base = inst.satisfied_weight(sol)
    for v in range(PLANE_GRAPH.n):  # putting any vertex point on either pole does not help
        for pole in ("P-", "P+"):
            moved = list(sol)
            moved[v] = sol[inst.meta["reduction"]["scaffold"][pole]]
            assert inst.satisfied_weight(tuple(moved)) <= base


@pytest.mark.slow
def test_plane_counterexample_is_a_certified_local_optimum():
    inst = to_rd.reduce(PLANE_GRAPH, dim=2)
    sol = inst.check_solution([[Fraction(c) for c in x] for x in PLANE_OPT])
    assert rd.certify(inst, sol).local_optimum


@settings(max_examples=25)
@given(started_graphs(max_n=4), st.data())
def test_rd_global_optima_in_high_dimension_back_map_to_any_cut(g, data):
    """The obstacle, exactly: for the rd instance in R^D (D = C(m,2) + 4m) EVERY triplet holds at once
    at an integer embedding whose back map is any cut we like; so the global (hence local) optimum
    need not back-map to a local max-cut. Also realisable in R^(m-1) (exact Gram pivots)."""
    s = data.draw(st.lists(st.sampled_from([1, -1]), min_size=g.n, max_size=g.n))
    inst = to_rd.reduce(g, dim=embedding_dim(g.n + 11))
    assert find_cycle(inst) is None
    extra = to_rd.side_relations(inst, s)
    pos = integer_embedding(inst, extra)
    assert inst.satisfied_weight(pos) == inst.total_weight
    assert to_rd.backmap(inst, pos).signs == tuple(s)


def test_rd_counterexample_single_edge():
    g = Graph(2, ((0, 1, 3),), start=(1, -1))
    inst = to_rd.reduce(g, dim=embedding_dim(13))
    extra = to_rd.side_relations(inst, (1, 1))
    pos = integer_embedding(inst, extra)
    assert inst.satisfied_weight(pos) == inst.total_weight  # nothing left to gain: a local optimum
    cut = to_rd.backmap(inst, pos)
    assert cut.signs == (1, 1) and not certify_flip(g, cut).local_optimum
    assert all(p > 0 for p in gram_pivots(inst, extra))  # the same already in R^12


def test_side_relations_name_the_poles_and_check_their_input():
    inst = to_rd.reduce(Graph(2, ((0, 1, 3),)), dim=2)
    S = inst.meta["reduction"]["scaffold"]
    assert to_rd.side_relations(inst, (1, -1)) == [((0, S["P+"]), (0, S["P-"])), ((1, S["P-"]), (1, S["P+"]))]
    with pytest.raises(InstanceError):
        to_rd.side_relations(inst, (1,))
    with pytest.raises(InstanceError):
        to_rd.side_relations(TripletInstance(3, ((0, 1, 2, 1),), dim=2), (1, 1))  # not reduced


def test_docstring_examples():
    assert doctest.testmod(to_rd).failed == 0

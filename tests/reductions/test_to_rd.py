"""Local Max-Cut -> triplets in R^d (reductions.to_rd), the radial construction: every claim of the proof
in the module docstring checked, closed loops from arbitrary embeddings in d = 1, 2, 3 (anchors random
too) against a brute-force check of the back-mapped cut, step-for-step tightness against the flip
engine for all six rules, DC_n in d = 2, 3, 5, and the pin-less counterexample. Also the embedded line
("tight from the start, not a reduction"): certified counterexamples in the plane and in high dimension."""
import doctest
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import Graph, InstanceError, TripletInstance, dc_steps, doubling_chain
from localsearch.maxcut import local_search as flip_search
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets import line, rd
from localsearch.triplets.driver import incidence
from localsearch.triplets.realisation import embedding_dim, find_cycle, gram_pivots, integer_embedding
from localsearch.triplets.surds import between, surd
from reductions import target_module, to_rd
from tests.helpers.oracles import naive_flip_run, naive_gains, naive_local_max_cut
from tests.helpers.strategies import embeddings, signed_graphs, started_graphs

RULES = ("first", "last", "steepest", "least", "cyclic", "random")


def engine(inst):
    return line if inst.dim == 1 else rd


def cut(g, s):
    return sum(w for u, v, w in g.edges if s[u] != s[v])


def naive_value(inst, pos):
    """The objective by the definition, squared distances recomputed from scratch (no engine code)."""
    def d2(x, y):
        x, y = (x, y) if isinstance(x, tuple) else ((x,), (y,))
        return sum((Fraction(a) - Fraction(b)) ** 2 for a, b in zip(x, y))

    return sum(w for a, b, c, w in inst.triplets if d2(pos[a], pos[b]) < d2(pos[a], pos[c]))


# --- the construction ------------------------------------------------------------------------------
@settings(max_examples=60)
@given(signed_graphs(max_n=6))
def test_sizes_and_weights(g):
    inst = to_rd.reduce(g, dim=2)
    n, m_nonzero = g.n, sum(w != 0 for _, _, w in g.edges)
    assert inst.points == 3 * n + 6 and len(inst.triplets) == 6 * n + 3 + m_nonzero
    W = to_rd.weights(g)
    for v in range(n):
        D = sum(abs(w) for a, b, w in g.edges if v in (a, b))
        b = sum(w for a, c, w in g.edges if v in (a, c) and max(a, c) > v) - sum(
            w for a, c, w in g.edges if v in (a, c) and max(a, c) == v)
        assert W["AL"][v] - W["AR"][v] == b and min(W["AL"][v], W["AR"][v]) == 1 + 2 * D
    shell_and_edges = inst.triplets[2 * n + 3:]
    assert W["Lambda"] == sum(t[3] for t in shell_and_edges)
    assert all(W["W"][k] - W["W"][k + 1] == 1 + W["Lambda"] for k in range(1, 2 * n + 1))
    assert W["W"][2 * n + 1] == 1 + W["Lambda"]
    assert W["WO"] > sum(W["W"]) + W["Lambda"] and W["WY"] > W["WO"] + sum(W["W"]) + W["Lambda"]
    L = to_rd.layout(n)
    assert all(a == L["O"] for a, _, _, _ in inst.triplets[2:])  # one apex for every vertex and separator triplet


def clean_configuration(g, s, dim, data, pin):
    """A clean configuration standing for s (proof step (2)), drawn at random: O anywhere, the separators
    at random increasing integer radii on random axes and sides, every vertex point anywhere in its shell,
    X within 1/8 of O, Z = X and Y at distance ``pin`` from X (pins hold)."""
    n = g.n
    L = to_rd.layout(n)
    rnd = st.builds(Fraction, st.integers(-9, 9), st.integers(1, 3))
    o = tuple(data.draw(rnd) for _ in range(dim))
    pos = [None] * (3 * n + 6)
    pos[L["O"]] = o
    gaps = data.draw(st.lists(st.integers(1, 5), min_size=2 * n + 2, max_size=2 * n + 2))
    radii = [sum(gaps[:k + 1]) * 4 for k in range(2 * n + 2)]  # t_k, increasing, integer

    def around_o(r):  # a point at radius exactly r from O, on a random axis, on a random side
        axis, sign = data.draw(st.integers(0, dim - 1)), data.draw(st.sampled_from([1, -1]))
        return tuple(o[c] + (sign * r if c == axis else 0) for c in range(dim))

    for k, t in enumerate(L["T"]):
        pos[t] = around_o(radii[k])
    for v in range(n):
        k = v if s[v] < 0 else n + 1 + v
        lo, hi = radii[k], radii[k + 1]
        pos[v] = around_o(lo + Fraction(data.draw(st.integers(1, 7)), 8) * (hi - lo))  # anywhere inside the shell
    x = around_o(Fraction(data.draw(st.integers(0, 1)), 8))
    pos[L["X"]], pos[L["Z"]] = x, x  # pins: |XZ| = 0, |XO| <= 1/8 < |XY|
    pos[L["Y"]] = tuple(c + (pin if i == 0 else 0) for i, c in enumerate(x))
    return [p[0] for p in pos] if dim == 1 else pos


@settings(max_examples=40, deadline=None)
@given(signed_graphs(max_n=5), st.integers(1, 3), st.data())
def test_identity_value_is_offset_plus_cut_on_clean_configurations(g, dim, data):
    """Proof step (4): clean configurations are worth C + cut(s); the back map and the shell reading give s."""
    s = data.draw(st.lists(st.sampled_from([1, -1]), min_size=g.n, max_size=g.n))
    inst = to_rd.reduce(g, dim=dim)
    pos = clean_configuration(g, s, dim, data, pin=data.draw(st.integers(1, 3)))
    assert to_rd.clean_assignment(inst, pos).signs == tuple(s)
    assert to_rd.backmap(inst, pos).signs == tuple(s)
    assert naive_value(inst, pos) == inst.meta["reduction"]["objective_offset"] + cut(g, s)


@settings(max_examples=20, deadline=None)
@given(signed_graphs(max_n=3, max_w=5), st.integers(1, 3), st.data())
def test_m_clean_configurations_have_exactly_the_flip_moves(g, dim, data):
    """Proof step (6) beyond the canonical image: in ANY M-clean configuration (4 |XY| = 2 <= every gap)
    the best gain of every vertex point is max(0, g(v)) and every other point, O and X included, has
    none; the exact engines of d = 1, 2, 3 agree."""
    s = data.draw(st.lists(st.sampled_from([1, -1]), min_size=g.n, max_size=g.n))
    inst = to_rd.reduce(g, dim=dim)
    pos = clean_configuration(g, s, dim, data, pin=Fraction(1, 2))
    assert to_rd.m_clean(inst, pos)
    state = (line.LineState if dim == 1 else rd.SpaceState)(inst, pos)
    flips = naive_gains(g.n, g.edges, s)
    assert [state.best(p)[0] for p in range(inst.points)] == [max(0, x) for x in flips] + [0] * (inst.points - g.n)


@settings(max_examples=25, deadline=None)
@given(signed_graphs(max_n=4), st.integers(1, 3), st.data())
def test_levels_are_repaired_first(g, dim, data):
    """Proof steps (1) and (2) from ANY embedding: a failing pin is repaired by moving Y far away, the
    first failing chain triplet by moving T_k just above t_{k-1}, a vertex point outside both shells
    (chain intact) by moving it into L(v); each such move gains at least 1."""
    inst = to_rd.reduce(g, dim=dim)
    n, L = g.n, to_rd.layout(g.n)
    pos = list(inst.check_solution(data.draw(embeddings(inst.points, dim))))
    vec = (lambda p: p) if dim > 1 else (lambda p: (p,))
    unvec = (lambda p: p) if dim > 1 else (lambda p: p[0])

    def moved(p, y):
        out = list(pos)
        out[p] = unvec(y)
        return out

    base = naive_value(inst, pos)
    o = vec(pos[L["O"]])
    if not all(inst.is_satisfied(t, pos) for t in inst.triplets[:2]):
        far = tuple(c + 10**6 for c in vec(pos[L["X"]]))
        assert naive_value(inst, moved(L["Y"], far)) >= base + 1
        return
    r2, t2 = to_rd.radii(inst, pos)
    k = next((k for k in range(1, 2 * n + 2) if not t2[k - 1] < t2[k]), None)
    if k is not None:
        r = Fraction(int(max(t2[k - 1], 1)) + 1)  # r^2 > t_{k-1}^2
        y = (o[0] + r,) + tuple(o[1:])
        assert naive_value(inst, moved(L["T"][k], y)) >= base + 1
        return
    for v in range(n):
        if not (t2[v] < r2[v] < t2[v + 1] or t2[n + 1 + v] < r2[v] < t2[n + 2 + v]):
            r = between(surd(0, 1, t2[v]), surd(0, 1, t2[v + 1]))
            y = (o[0] + r,) + tuple(o[1:])
            assert naive_value(inst, moved(v, y)) >= base + 1


def test_back_map_is_defined_everywhere_and_reads_the_equator():
    g = Graph(2, ((0, 1, 5),))
    inst = to_rd.reduce(g, dim=2)
    L = to_rd.layout(2)
    pos = [(0, 0)] * inst.points  # everything on O: r_v = t_n = 0, so -1
    assert to_rd.backmap(inst, pos).signs == (-1, -1)
    pos = list(pos)
    pos[L["T"][2]] = (3, 4)  # t_n = 5
    pos[0], pos[1] = (0, 5), (Fraction(1), Fraction(5))  # r = 5 (not beyond), r^2 = 26 > 25
    assert to_rd.backmap(inst, pos).signs == (-1, 1)
    assert to_rd.clean_assignment(inst, pos) is None and not to_rd.m_clean(inst, pos)


# --- PLS-correctness: closed loops from arbitrary embeddings ---------------------------------------
def closed_loop(g, dim, rule, seed, start):
    inst = to_rd.reduce(g, dim=dim)
    E = engine(inst)
    res = E.local_search(inst, rule=rule, start=start, seed=seed)
    assert res.status == "local_optimum"
    assert E.certify(inst, res.solution).local_optimum  # certified: no improving move for any point
    s = to_rd.backmap(inst, res.solution)
    assert naive_local_max_cut(g, s.signs)  # independent brute force of the cut: no flip improves it
    assert certify_flip(g, s).local_optimum
    assert to_rd.clean_assignment(inst, res.solution) == s  # local optima are clean (steps (1)-(2))
    assert naive_value(inst, res.solution) == inst.meta["reduction"]["objective_offset"] + cut(g, s.signs)
    return res


@settings(max_examples=60, deadline=None)
@given(signed_graphs(max_n=5, max_w=6), st.sampled_from(RULES), st.integers(0, 10**6), st.data())
def test_closed_loop_on_the_line_from_any_embedding(g, rule, seed, data):
    inst = to_rd.reduce(g, dim=1)
    closed_loop(g, 1, rule, seed, data.draw(embeddings(inst.points, 1)))


@settings(max_examples=8, deadline=None)
@given(signed_graphs(max_n=3, max_w=5, min_n=2, min_edges=1), st.sampled_from(RULES),
       st.integers(0, 10**6), st.data())
def test_closed_loop_in_the_plane_from_any_embedding(g, rule, seed, data):
    inst = to_rd.reduce(g, dim=2)
    closed_loop(g, 2, rule, seed, data.draw(embeddings(inst.points, 2)))


@settings(max_examples=4, deadline=None)
@given(signed_graphs(max_n=2, max_w=5, min_n=2, min_edges=1), st.sampled_from(RULES),
       st.integers(0, 10**6), st.data())
def test_closed_loop_in_3d_from_any_embedding(g, rule, seed, data):
    inst = to_rd.reduce(g, dim=3)
    closed_loop(g, 3, rule, seed, data.draw(embeddings(inst.points, 3)))


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(signed_graphs(max_n=4, max_w=6), st.integers(2, 3), st.sampled_from(RULES), st.integers(0, 10**6))
def test_closed_loops_in_the_plane_and_in_3d_from_random_embeddings(g, dim, rule, seed):
    inst = to_rd.reduce(g, dim=dim)
    closed_loop(g, dim, rule, seed, rd.random_solution(inst, seed))


# --- tightness ---------------------------------------------------------------------------------------
@settings(max_examples=30, deadline=None)
@given(st.one_of(started_graphs(max_n=5), started_graphs(max_n=4, big=True)), st.sampled_from(RULES),
       st.integers(0, 10**6), st.integers(1, 3))
def test_tight_step_for_step_from_the_canonical_image(g, rule, seed, dim):
    """Every rule makes the flip engine's choices (the engine's own trajectory, and a naive flip run's
    gains), with the same gains, and no anchor ever moves."""
    inst = to_rd.reduce(g, dim=dim)
    assert to_rd.m_clean(inst, inst.start)
    traj, flips = [], []
    res = engine(inst).local_search(inst, rule=rule, seed=seed, trajectory=traj)
    flip_search(g, rule, start=g.start, seed=seed, trajectory=flips)
    ref, s = naive_flip_run(g, g.start, rule, seed)
    assert [p for p, _, _ in traj] == flips
    assert [(p, gain) for p, gain, _ in traj] == ref
    assert all(k == 0 for k in res.extra["moves_per_point"][g.n:])
    assert to_rd.m_clean(inst, res.solution) and to_rd.backmap(inst, res.solution).signs == tuple(s)
    assert res.value - res.start_value == cut(g, s) - cut(g, g.start)


@settings(max_examples=30, deadline=None)
@given(started_graphs(max_n=5), st.integers(1, 3))
def test_m_clean_gains_are_the_flip_gains(g, dim):
    """Proof step (6): in the canonical image every vertex point's best gain is max(0, g(v)), every other
    point's is 0 (the anchors O and X included, exactly, in d = 2 and 3)."""
    inst = to_rd.reduce(g, dim=dim)
    E = engine(inst)
    state = (line.LineState if dim == 1 else rd.SpaceState)(inst, inst.start)
    gains = naive_gains(g.n, g.edges, g.start)
    assert [state.best(p)[0] for p in range(inst.points)] == [max(0, x) for x in gains] + [0] * (inst.points - g.n)
    assert E.certify(inst, inst.start).local_optimum == all(x <= 0 for x in gains)


@pytest.mark.parametrize("dim", [2, 3, 5])
@pytest.mark.parametrize("n", [2, 3])
def test_dc_first_keeps_its_steps(n, dim):
    g = doubling_chain(n)
    inst = to_rd.reduce(g, dim=dim)
    res = rd.local_search(inst, "first")
    assert res.steps == dc_steps(n) == 5 * 2 ** (n - 1) - 4
    assert res.extra["moves_per_point"][g.n:] == [0] * (inst.points - g.n)
    s = to_rd.backmap(inst, res.solution)
    assert s == flip_search(g, "first").solution and certify_flip(g, s).local_optimum


@pytest.mark.slow
@pytest.mark.parametrize("dim", [1, 2, 3, 5])
@pytest.mark.parametrize("n", [4, 5, 6])
def test_dc_first_keeps_its_steps_for_larger_n(n, dim):
    g = doubling_chain(n)
    inst = to_rd.reduce(g, dim=dim)
    res = engine(inst).local_search(inst, "first")
    assert res.steps == dc_steps(n)
    assert engine(inst).certify(inst, res.solution).local_optimum


def test_without_the_pin_one_move_of_o_makes_two_flips():
    """Proof step (7): the pin (X, O, Y) is what keeps O in place. Here (on the line) the configuration is
    M-clean; without the pin, moving O to -4 gains 2 and changes the back map at two vertices, a move that
    no flip matches; with it, O has no improving move and the improving moves are exactly the flips."""
    g, xs, o_new, gain = to_rd.PINLESS_EXAMPLE
    inst = to_rd.reduce(g, dim=1)
    L = to_rd.layout(g.n)
    pos = list(inst.start)
    for v, x in enumerate(xs):
        pos[v] = Fraction(x)
    assert to_rd.m_clean(inst, pos) and to_rd.backmap(inst, pos).signs == (1, 1, 1)
    pinless = TripletInstance(inst.points, tuple(t for t in inst.triplets if t[:3] != (L["X"], L["O"], L["Y"])),
                              dim=1, meta=inst.meta)
    moved = list(pos)
    moved[L["O"]] = Fraction(o_new)
    assert pinless.satisfied_weight(moved) - pinless.satisfied_weight(pos) == gain == 2
    assert to_rd.backmap(inst, moved).signs == (-1, -1, 1)  # two vertices flipped by one move of O
    assert line.LineState(pinless, pos).best(L["O"])[0] >= 2
    state = line.LineState(inst, pos)
    flips = naive_gains(g.n, g.edges, (1, 1, 1))
    assert [state.best(p)[0] for p in range(inst.points)] == [max(0, x) for x in flips] + [0] * (inst.points - g.n)
    assert inst.satisfied_weight(moved) < inst.satisfied_weight(pos)  # with the pin, that move loses W_O


# --- interface and bad input ---------------------------------------------------------------------------
def test_interface_dims_and_bad_input():
    g = Graph(3, ((0, 1, 2), (1, 2, -5)), start=(1, -1, 1))
    assert target_module("rd").reduce(g, dim=4).dim == 4
    inst = to_rd.reduce(g, dim=1)
    assert inst.dim == 1 and inst.start[0] == 2 * (3 + 1) + 3 and to_rd.backmap(inst, inst.start).signs == (1, -1, 1)
    assert to_rd.reduce(g).dim == 2 and to_rd.reduce(g).meta["reduction"]["construction"] == "radial"
    for bad in (0, -1, 1.5, True, "2", 10**9):
        with pytest.raises(InstanceError):
            to_rd.reduce(g, dim=bad)
    with pytest.raises(InstanceError):
        to_rd.reduce(TripletInstance(3, ((0, 1, 2, 1),)), dim=2)
    with pytest.raises(InstanceError, match="construction"):
        to_rd.reduce(g, dim=2, construction="cone")
    with pytest.raises(InstanceError):
        to_rd.backmap(TripletInstance(3, ((0, 1, 2, 1),), dim=2), ((0, 0),) * 3)
    assert to_rd.reduce(g, dim=2, construction="embedded-line").triplets == to_rd.embedded_line(g, 2).triplets


def test_radial_instances_have_cycles_so_not_every_triplet_can_hold():
    """The shells of one vertex exclude each other (t_v < r < t_{v+1} < ... < t_{n+1+v} < r): a cycle of
    distance relations, in every dimension; exactly what the embedded line lacks."""
    g = Graph(2, ((0, 1, 3),))
    assert find_cycle(to_rd.reduce(g, dim=2)) is not None
    assert find_cycle(to_rd.embedded_line(g, 2)) is None


# --- the embedded line: tight from the start, not a reduction ---------------------------------------
@settings(max_examples=15, deadline=None)
@given(started_graphs(max_n=4), st.sampled_from(RULES), st.integers(0, 5), st.integers(2, 3))
def test_embedded_line_runs_equal_line_runs_flip_for_flip(g, rule, seed, dim):
    inst = to_rd.embedded_line(g, dim=dim)
    traj = []
    res = rd.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    seq, s = naive_flip_run(g, g.start, rule, seed)
    assert [(p, gain) for p, gain, _ in traj] == seq
    assert all(all(c == 0 for c in x[1:]) for x in res.solution)  # never left the axis
    assert tuple(to_rd.backmap(inst, res.solution)) == tuple(s)


# A local optimum in the plane found by the exact engine from a random embedding on the EMBEDDED LINE
# instance of this graph: the scaffold triplets all hold, yet the geometry is distorted (the ball around
# P- has radius ~71), so the back map is NOT a local max-cut.
PLANE_GRAPH = Graph(4, ((0, 2, -2), (1, 2, 6)))
PLANE_OPT = [['-58', '-98'], ['41', '-50'], ['71', '-95'], ['41', '-50'], ['25/2', '-489/5'], ['-63/2', '-36'],
             ['77/2', '-11/4'], ['100', '-50'], ['115', '-14'], ['-63', '-105'], ['105', '-48'], ['-31', '-39'],
             ['100', '-48'], ['-52', '-68'], ['100', '-49']]


def test_embedded_line_plane_counterexample_semantics_break():
    inst = to_rd.embedded_line(PLANE_GRAPH, dim=2)
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
def test_embedded_line_plane_counterexample_is_a_certified_local_optimum():
    inst = to_rd.embedded_line(PLANE_GRAPH, dim=2)
    sol = inst.check_solution([[Fraction(c) for c in x] for x in PLANE_OPT])
    assert rd.certify(inst, sol).local_optimum


@settings(max_examples=15, deadline=None)
@given(started_graphs(max_n=4), st.data())
def test_embedded_line_global_optima_in_high_dimension_back_map_to_any_cut(g, data):
    """The obstacle, exactly: for the embedded line in R^D (D = C(m,2) + 4m) EVERY triplet holds at once at
    an integer embedding whose back map is any cut we like; also realisable in R^(m-1)."""
    s = data.draw(st.lists(st.sampled_from([1, -1]), min_size=g.n, max_size=g.n))
    inst = to_rd.embedded_line(g, dim=embedding_dim(g.n + 11))
    assert find_cycle(inst) is None
    extra = to_rd.side_relations(inst, s)
    pos = integer_embedding(inst, extra)
    assert inst.satisfied_weight(pos) == inst.total_weight
    assert to_rd.backmap(inst, pos).signs == tuple(s)


def test_embedded_line_counterexample_single_edge():
    g = Graph(2, ((0, 1, 3),), start=(1, -1))
    inst = to_rd.embedded_line(g, dim=embedding_dim(13))
    extra = to_rd.side_relations(inst, (1, 1))
    pos = integer_embedding(inst, extra)
    assert inst.satisfied_weight(pos) == inst.total_weight  # nothing left to gain: a local optimum
    cut_ = to_rd.backmap(inst, pos)
    assert cut_.signs == (1, 1) and not certify_flip(g, cut_).local_optimum
    assert all(p > 0 for p in gram_pivots(inst, extra))  # the same already in R^12


def test_side_relations_name_the_poles_or_the_equator_and_check_their_input():
    inst = to_rd.embedded_line(Graph(2, ((0, 1, 3),)), dim=2)
    S = inst.meta["reduction"]["scaffold"]
    assert to_rd.side_relations(inst, (1, -1)) == [((0, S["P+"]), (0, S["P-"])), ((1, S["P-"]), (1, S["P+"]))]
    radial = to_rd.reduce(Graph(2, ((0, 1, 3),)), dim=2)
    L = to_rd.layout(2)
    O, Tn = L["O"], L["T"][2]
    assert to_rd.side_relations(radial, (1, -1)) == [((O, Tn), (O, 0)), ((O, 1), (O, Tn))]
    with pytest.raises(InstanceError):
        to_rd.side_relations(inst, (1,))
    with pytest.raises(InstanceError):
        to_rd.side_relations(TripletInstance(3, ((0, 1, 2, 1),), dim=2), (1, 1))  # not reduced


def test_kinds_of_points():
    """Every point of the radial instance has an exact method in every dimension; the embedded line's do not."""
    g = doubling_chain(2)
    inst = to_rd.reduce(g, dim=7)
    kinds = [rd.point_kind(p, t) for p, t in enumerate(incidence(inst))]
    L = to_rd.layout(g.n)
    assert kinds[L["O"]] == kinds[L["X"]] == "anchor" and kinds.count("anchor") == 2 and rd.exact_everywhere(inst)
    assert not rd.exact_everywhere(to_rd.embedded_line(g, 3))


def test_docstring_examples():
    assert doctest.testmod(to_rd).failed == 0

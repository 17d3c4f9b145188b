"""The compiled triplet kernels (localsearch.triplets.compiled and kernels/): move for move equal to the
exact Python driver re-evaluating every point (``incremental=False``), for every pivot rule, on the line,
trees and (non-)betweenness orderings, in int64 and int128; resumable; the exact fallback."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import InstanceError, TripletInstance, dc_steps, doubling_chain
from localsearch.core.rules import RULES
from localsearch.triplets import line, orderings, tree
from localsearch.triplets.compiled import TripletSearch
from reductions import to_betweenness, to_line, to_nonbetweenness, to_rd, to_tree
from tests.helpers.strategies import small_rationals, trees, triplet_instances

ENGINES = {"euclidean": line, "tree": tree, "betweenness": orderings, "nonbetweenness": orderings}
REDUCTIONS = (to_line, to_tree, to_betweenness, to_nonbetweenness)


@st.composite
def kernel_instances(draw):
    """Instances of every kernel target with small (int64) or huge (int128) weights and ties likely."""
    target = draw(st.sampled_from(sorted(ENGINES)))
    big = draw(st.booleans())
    m = draw(st.integers(3, 7))
    trip = st.permutations(range(m)).map(lambda p: tuple(p[:3]))
    w = st.integers(2**61, 2**100) if big else st.integers(1, 4)
    rows = draw(st.lists(st.tuples(trip, w), min_size=1, max_size=14))
    start = None
    if target == "tree":
        start = draw(trees(m))
    elif target == "euclidean":
        start = tuple(draw(st.lists(small_rationals, min_size=m, max_size=m)))
    return TripletInstance(m, tuple((a, b, c, wt) for (a, b, c), wt in rows), dim=1, target=target, start=start)


def reference(inst, rule, seed):
    traj = []
    res = ENGINES[inst.target].local_search(inst, rule, seed=seed, trajectory=traj, incremental=False)
    return res, traj


@settings(max_examples=120, deadline=None)
@given(kernel_instances(), st.sampled_from(RULES), st.integers(0, 5))
def test_kernels_make_the_reference_moves(inst, rule, seed):
    ref, want = reference(inst, rule, seed)
    got = []
    res = TripletSearch(inst, rule, seed=seed).run(trajectory=got)
    assert got == want
    assert (res.steps, res.value, res.status) == (ref.steps, ref.value, "local_optimum")
    assert res.extra["moves_per_point"] == ref.extra["moves_per_point"]
    assert res.extra["rule_state"]["rng"] == ref.extra["rule_state"]["rng"]
    if rule == "cyclic":  # the only rule that reads the last point moved
        assert res.extra["rule_state"]["last"] == ref.extra["rule_state"]["last"]
    assert ENGINES[inst.target].certify(inst, res.solution).local_optimum


@settings(max_examples=40, deadline=None)
@given(kernel_instances(), st.sampled_from(RULES), st.integers(0, 3), st.integers(1, 4))
def test_chunked_and_resumed_runs_make_the_same_moves(inst, rule, seed, every):
    """Stopping every few moves, checkpointing and resuming from the checkpoint changes nothing."""
    _, want = reference(inst, rule, seed)
    got = []
    search = TripletSearch(inst, rule, seed=seed)
    while not search.done:
        search.run(max_steps=search.steps + every, trajectory=got)
        search = TripletSearch(inst, state=search.state())
        search.done = search.steps == len(want) and ENGINES[inst.target].certify(inst, search.solution()).local_optimum
    assert got == want


@pytest.mark.parametrize("red", REDUCTIONS, ids=lambda r: r.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("rule", ["first", "least"])
def test_dc_images_run_compiled_with_the_exact_step_count(red, rule):
    n = 8
    inst = red.reduce(doubling_chain(n))
    res = TripletSearch(inst, rule, arithmetic="compiled").run()
    assert res.steps == dc_steps(n) and res.extra["arithmetic"] == "int64" and "fallback_at" not in res.extra
    assert ENGINES[inst.target].certify(inst, res.solution).local_optimum


def test_weights_beyond_int128_run_exactly():
    """A point whose weights sum past 2^127 - 1 cannot run in the kernel: auto falls back, compiled refuses."""
    inst = TripletInstance(3, ((0, 1, 2, 2**127), (1, 0, 2, 1)), target="betweenness")
    res = TripletSearch(inst).run()
    assert res.extra["arithmetic"] == "python" and res.status == "local_optimum"
    assert orderings.certify(inst, res.solution).local_optimum
    with pytest.raises(InstanceError, match="compiled kernel cannot run"):
        TripletSearch(inst, arithmetic="compiled")


def test_int128_weights_run_in_the_kernel():
    g = doubling_chain(5)
    inst = to_tree.reduce(g)
    inst = TripletInstance(inst.points, tuple((a, b, c, w << 70) for a, b, c, w in inst.triplets),
                           target="tree", start=inst.start)
    res = TripletSearch(inst, arithmetic="compiled").run()
    assert res.extra["arithmetic"] == "int128" and res.steps == dc_steps(5)


def test_checkpoint_of_another_instance_is_refused():
    a, b = to_line.reduce(doubling_chain(3)), to_line.reduce(doubling_chain(4))
    state = TripletSearch(a).state()
    with pytest.raises(InstanceError, match="different instance"):
        TripletSearch(b, state=state)


@pytest.mark.parametrize("field,value,message", [
    ("steps", -5, "'steps' must be a non-negative integer"),
    ("steps", 2.0, "'steps' must be a non-negative integer"),
    ("steps", 4, "adds up to 3, not to 'steps'"),
    ("moves_per_point", "x", "'moves_per_point' must be a list"),
    ("start_value", float("nan"), "'start_value' must be an integer"),
    ("seconds", -1.0, "'seconds' must be a finite number"),
    ("seed", "7", "'seed' must be an integer"),
    ("rule", "fastest", "'rule' must be one of"),
    ("rule_state", {"rng": -1, "last": 0}, "rng must be an integer in 0..2^64-1"),
    ("rule_state", {"rng": 1, "last": 10 ** 6}, "last must be a point"),
])
def test_a_tampered_checkpoint_is_refused_naming_its_field(field, value, message):
    inst = to_tree.reduce(doubling_chain(3))
    search = TripletSearch(inst)
    search.run(max_steps=3)
    state = search.state()
    assert TripletSearch(inst, state=state).run().steps == dc_steps(3)  # the untouched one resumes
    with pytest.raises(InstanceError, match=r"^bad checkpoint: .*" + re.escape(message)):
        TripletSearch(inst, state=dict(state, **{field: value}))


def test_bad_arguments():
    inst = to_line.reduce(doubling_chain(3))
    with pytest.raises(InstanceError, match="unknown arithmetic"):
        TripletSearch(inst, arithmetic="float")
    with pytest.raises(InstanceError, match="unknown pivot rule"):
        TripletSearch(inst, rule="best")
    with pytest.raises(InstanceError, match="max_steps"):
        TripletSearch(inst).run(max_steps=-1)
    with pytest.raises(InstanceError, match="time_limit"):
        TripletSearch(inst).run(time_limit=0)


@pytest.mark.parametrize("reduce", [r.reduce for r in REDUCTIONS] + [lambda g: to_rd.reduce(g, dim=1)],
                         ids=["line", "tree", "betweenness", "nonbetweenness", "radial-d1"])
def test_dc_image_trajectories_equal_the_exact_engine(reduce):
    """On a DC_7 image (636 moves under first), every move of the kernel is the exact engine's."""
    inst = reduce(doubling_chain(7))
    for rule in ("first", "least"):
        got, want = [], []
        TripletSearch(inst, rule, arithmetic="compiled").run(trajectory=got)
        TripletSearch(inst, rule, arithmetic="python").run(trajectory=want)
        assert got == want and len(got) == dc_steps(7)


@st.composite
def larger_trees(draw):
    m = draw(st.integers(8, 20))
    trip = st.permutations(range(m)).map(lambda p: tuple(p[:3]))
    rows = draw(st.lists(st.tuples(trip, st.integers(1, 5)), min_size=10, max_size=40))
    return TripletInstance(m, tuple((a, b, c, w) for (a, b, c), w in rows), target="tree", start=draw(trees(m)))


@settings(max_examples=25, deadline=None)
@given(larger_trees(), st.sampled_from(RULES))
def test_tree_kernel_on_deeper_trees(inst, rule):
    """Deeper random trees exercise the incremental preorder, depths and range-minimum lca."""
    _, want = reference(inst, rule, 1)
    got = []
    TripletSearch(inst, rule, seed=1).run(trajectory=got)
    assert got == want

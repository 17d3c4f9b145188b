"""The flip engine (localsearch.maxcut.flip): every rule and every arithmetic path against a naive
reference, DC_n step counts, certificates, limits, resumption, the bare loop ``advance``."""
import json

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from instances import Assignment, Graph, InstanceError, dc_steps, doubling_chain
from localsearch.maxcut.certificate import certify_flip
from localsearch.maxcut.flip import FlipSearch, choose_arithmetic, local_search
from localsearch.maxcut.pivots import BUILTIN
from tests.helpers.oracles import naive_flip_run, naive_gains

RULES = BUILTIN


# ---- an independent naive reference: all gains from scratch every step -----------------------------
def naive_run(graph, rule, start, seed=0, cap=10_000):
    """The flip sequence of ``rule`` by the SPEC definitions, recomputing all gains each step."""
    seq, s = naive_flip_run(graph, start, rule, seed, cap)
    return [v for v, _ in seq], s


@st.composite
def graphs(draw, max_n=8, bits=(1, 1, 4, 40, 100, 140)):
    n = draw(st.integers(1, max_n))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    b = draw(st.sampled_from(bits))
    edges = tuple((u, v, draw(st.integers(-(2**b), 2**b))) for u, v in chosen)
    start = tuple(draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n)))
    return Graph(n, edges, start=Assignment(start))


def all_paths(graph, rule):
    paths = ["python"] + [a for a, lim in (("int64", 2**63 - 1), ("int128", 2**127 - 1)) if graph.fits(lim)]
    return paths


@settings(max_examples=40)
@given(graphs(), st.sampled_from(RULES), st.integers(0, 2**64 - 1))
def test_every_path_matches_the_naive_reference(graph, rule, seed):
    expected, final = naive_run(graph, rule, graph.start, seed)
    for arith in all_paths(graph, rule):
        traj = []
        res = local_search(graph, rule=rule, seed=seed, arithmetic=arith, trajectory=traj)
        assert res.extra["arithmetic"] == arith
        assert traj == expected, (arith, rule)
        assert res.steps == len(expected) and res.status == "local_optimum"
        assert list(res.solution) == final
        assert res.extra["flips_per_vertex"] == [expected.count(v) for v in range(graph.n)]
        cert = certify_flip(graph, res.solution)
        assert cert.local_optimum and cert.value == res.value


@settings(max_examples=25)
@given(graphs(max_n=10, bits=(3, 70)), st.sampled_from(RULES))
def test_cut_is_start_cut_plus_the_gains_taken(graph, rule):
    traj = []
    res = local_search(graph, rule=rule, trajectory=traj)
    s, total = list(graph.start), 0
    for v in traj:
        gain = naive_gains(graph.n, graph.edges, s)[v]
        assert gain > 0
        total += gain
        s[v] = -s[v]
    assert res.value == graph.cut_value(graph.start) + total == res.start_value + total


def test_auto_arithmetic_is_the_narrowest_proven_safe():
    small = Graph(2, ((0, 1, 5),))
    assert choose_arithmetic(small) == "int64"
    mid = Graph(2, ((0, 1, 2**62),))  # 2 * S_v = 2^63 > INT64_MAX
    assert choose_arithmetic(mid) == "int128"
    huge = Graph(2, ((0, 1, 2**126),))
    assert choose_arithmetic(huge) == "python"
    with pytest.raises(InstanceError):
        choose_arithmetic(mid, "int64")
    with pytest.raises(InstanceError):
        choose_arithmetic(huge, "int128")


@pytest.mark.parametrize("n", range(2, 21))
def test_dc_first_takes_the_claimed_number_of_steps(n):
    g = doubling_chain(n)
    res = local_search(g, rule="first")
    assert res.steps == dc_steps(n) == 5 * 2 ** (n - 1) - 4
    assert res.status == "local_optimum" and certify_flip(g, res.solution).local_optimum
    assert res.extra["arithmetic"] == ("int128" if n >= 17 else "int64")
    if n >= 17:
        assert not g.int64_safe
        with pytest.raises(InstanceError):
            local_search(g, arithmetic="int64")
    assert sum(res.extra["flips_per_vertex"]) == res.steps


@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_dc_first_on_every_path(n):
    g = doubling_chain(n)
    for arith in ("int64", "int128", "python"):
        assert local_search(g, arithmetic=arith).steps == dc_steps(n)


@pytest.mark.parametrize("rule", ["steepest", "last", "cyclic"])
def test_dc_other_rules_stop_after_two_flips(rule):
    for n in list(range(2, 21)) + [30, 40]:
        g = doubling_chain(n)
        res = local_search(g, rule=rule)
        assert res.steps == 2 and certify_flip(g, res.solution).local_optimum, (n, rule)
    assert local_search(doubling_chain(40), rule="steepest").extra["arithmetic"] == "python"


def test_dc_30_first_prefix_agrees_between_int128_and_python():
    g = doubling_chain(30)
    a, b = [], []
    local_search(g, max_steps=3000, trajectory=a)
    local_search(g, max_steps=3000, arithmetic="python", trajectory=b)
    assert a == b and len(a) == 3000


@pytest.mark.parametrize("rule", RULES)
def test_resume_in_pieces_and_from_a_checkpoint_gives_the_same_run(rule):
    g = Graph(30, tuple((u, v, (u * 7 + v * 13) % 23 - 11) for u in range(30) for v in range(u + 1, 30)
                        if (u * v) % 3 == 1), start=Assignment.random(30, 5))
    full = []
    ref = local_search(g, rule=rule, seed=9, trajectory=full)
    for arith in ("int64", "python"):
        search = FlipSearch(g, rule, seed=9, arithmetic=arith)
        part = []
        r1 = search.run(max_steps=3, trajectory=part)
        assert r1.status == ("max_steps" if ref.steps > 3 else "local_optimum")
        state = json.loads(json.dumps(search.state()))
        resumed = FlipSearch(g, rule, arithmetic="python" if arith == "int64" else "int128", state=state)
        r2 = resumed.run(trajectory=part)
        assert part == full and r2.steps == ref.steps and r2.solution == ref.solution
        assert r2.extra["flips_per_vertex"] == ref.extra["flips_per_vertex"]


def test_checkpoint_refuses_another_graph():
    g = doubling_chain(4)
    state = FlipSearch(g).state()
    with pytest.raises(InstanceError):
        FlipSearch(doubling_chain(5), state=state)


def test_limits_and_statuses():
    g = doubling_chain(16)
    res = local_search(g, max_steps=100)
    assert (res.steps, res.status) == (100, "max_steps")
    assert not certify_flip(g, res.solution).local_optimum
    res = local_search(doubling_chain(30), time_limit=0.05)
    assert res.status == "time_limit" and 0 < res.steps < dc_steps(30)
    res = local_search(doubling_chain(3), max_steps=dc_steps(3))
    assert res.status == "local_optimum"
    assert local_search(Graph(0, ())).steps == 0
    assert local_search(Graph(3, ())).status == "local_optimum"


def test_start_defaults_and_trajectory_file(tmp_path):
    g = Graph(3, ((0, 1, 2), (1, 2, 3)))
    res = local_search(g)
    assert res.start_value == 0  # no start in the graph: all +1
    path = tmp_path / "traj.txt"
    res = local_search(doubling_chain(6), trajectory=str(path))
    lines = path.read_text().split()
    assert len(lines) == res.steps == dc_steps(6)
    seen = []
    local_search(doubling_chain(6), trajectory=lambda a: seen.extend(a.tolist()))
    assert seen == [int(x) for x in lines]


def test_progress_is_called_with_the_step_counts():
    calls = []
    res = local_search(doubling_chain(12), progress=calls.append)
    assert sum(calls) == res.steps


@pytest.mark.parametrize("name", ["g05_60.0", "w01_100.0", "pm1s_100.0", "bqp100-1.sparse.mc"])
def test_real_instances_reach_certified_optima_below_the_proven_value(name):
    import os

    from tests.helpers.data import DATA, PUBLISHED
    from instances import read_instance

    optimum = PUBLISHED[name]
    g = read_instance(os.path.join(DATA, name))
    for rule in RULES:
        for seed in range(2):
            res = local_search(g, rule=rule, start=Assignment.random(g.n, seed), seed=seed)
            cert = certify_flip(g, res.solution)
            assert cert.local_optimum and cert.value == res.value <= optimum


def test_int128_handles_negative_and_carrying_values():
    # weights straddling 2^64 force carries/borrows between limbs; negatives test the sign handling
    w = [2**64 - 1, -(2**64 + 1), 2**65 + 3, -(2**63), 2**100 - 7, -(2**100)]
    edges = tuple((i, (i + 1) % 6, w[i]) for i in range(6)) + ((0, 3, 2**64), (1, 4, -1))
    g = Graph(6, edges)
    for start in range(64):
        s = Assignment.from_bits(start, 6)
        for rule in RULES:
            a, b = [], []
            local_search(g, rule=rule, start=s, arithmetic="int128", trajectory=a)
            assert a == naive_run(g, rule, s)[0]


def test_ctrl_c_stops_cleanly_between_chunks():
    import os
    import signal

    def interrupt(k):
        os.kill(os.getpid(), signal.SIGINT)

    before = signal.getsignal(signal.SIGINT)  # default_int_handler, or SIG_IGN under a background shell
    g = doubling_chain(30)
    for arith in ("int128", "python"):
        res = local_search(g, arithmetic=arith, progress=interrupt)
        assert res.status == "interrupted" and 0 < res.steps < dc_steps(30)
        # the state is consistent: the reported cut is the cut of the reported assignment
        assert res.value == g.cut_value(res.solution)
    assert signal.getsignal(signal.SIGINT) is before  # the handler is restored


@pytest.mark.slow
def test_dc_24_first_on_the_int128_path():
    res = local_search(doubling_chain(24))
    assert res.steps == dc_steps(24) == 41_943_036 and res.extra["arithmetic"] == "int128"


@pytest.mark.slow
@pytest.mark.parametrize("n", [11, 14, 17])
def test_dc_first_on_the_exact_python_path(n):
    res = local_search(doubling_chain(n), arithmetic="python")
    assert res.steps == dc_steps(n)


@settings(max_examples=30)
@given(graphs(max_n=9, bits=(3, 70, 140)), st.sampled_from(RULES), st.integers(0, 2**64 - 1), st.integers(0, 6))
def test_advance_makes_the_same_flips_as_run(graph, rule, seed, first):
    """advance(k) then advance() ends where run() ends, with the same steps, counts and state."""
    expected, final = naive_run(graph, rule, graph.start, seed)
    search = FlipSearch(graph, rule, seed=seed)
    k = search.advance(first)
    assert k == min(first, len(expected)) == search.steps
    assert search.done == (len(expected) <= first)
    prefix = list(graph.start)
    for v in expected[:k]:
        prefix[v] = -prefix[v]
    assert list(search.assignment()) == prefix
    rest = search.advance()
    assert k + rest == len(expected) and search.done and search.advance() == 0
    assert list(search.assignment()) == final and search.counts.tolist() == [expected.count(v) for v in range(graph.n)]
    res = search.run()  # nothing left: run reports the local optimum reached by advance
    assert (res.steps, res.status, res.value) == (len(expected), "local_optimum", graph.cut_value(final))
    assert res.start_value == graph.cut_value(graph.start)


def test_advance_refuses_a_negative_budget_and_keeps_the_checkpoint_consistent():
    g = doubling_chain(6)
    search = FlipSearch(g)
    with pytest.raises(InstanceError):
        search.advance(-1)
    assert search.advance(0) == 0 and not search.done
    search.advance(10)
    resumed = FlipSearch(g, state=json.loads(json.dumps(search.state())))
    assert resumed.run().steps == dc_steps(6) == local_search(g).steps
    assert resumed.start_value == search.start_value == g.cut_value(g.start)


@pytest.mark.parametrize("arith", ["int64", "int128", "python"])
def test_advance_runs_past_one_chunk_on_every_path(arith):
    g = doubling_chain(11)  # 5116 flips by `first`: more than one 4096-flip buffer on the Python path
    search = FlipSearch(g, arithmetic=arith)
    assert search.advance(4097) == 4097 and not search.done
    assert search.advance() == dc_steps(11) - 4097 and search.done
    assert search.assignment() == local_search(g).solution


@settings(max_examples=30)
@given(graphs(max_n=9, bits=(3, 70, 140)), st.sampled_from(RULES), st.integers(0, 2**64 - 1), st.data())
def test_restart_is_a_fresh_search(graph, rule, seed, data):
    """After any run, restart(s) continues exactly as a new FlipSearch from s (structures, rule state,
    counters and the start value all reset)."""
    starts = data.draw(st.lists(st.lists(st.sampled_from([1, -1]), min_size=graph.n, max_size=graph.n),
                                min_size=1, max_size=3))
    for arith in all_paths(graph, rule):
        search = FlipSearch(graph, rule, seed=seed, arithmetic=arith)
        search.run(max_steps=data.draw(st.integers(0, 5)))
        for s in starts:
            search.restart(s)
            traj, fresh = [], local_search(graph, rule, start=s, seed=seed, arithmetic=arith)
            res = search.run(trajectory=traj)
            assert traj == naive_run(graph, rule, s, seed)[0]
            assert (res.steps, res.value, res.start_value, res.solution) == \
                (fresh.steps, fresh.value, fresh.start_value, fresh.solution)
            assert res.extra == fresh.extra
    with pytest.raises(InstanceError):
        FlipSearch(graph, rule).restart([1] * (graph.n + 1))


def test_restart_takes_integer_arrays_and_checks_them():
    g = Graph(4, ((0, 1, 3), (1, 2, -2), (2, 3, 5), (0, 3, 1)))
    for arith in ("int64", "int128", "python"):
        search = FlipSearch(g, "steepest", arithmetic=arith)
        for bits in range(16):
            s = Assignment.from_bits(bits, 4)
            search.restart(np.array(s.signs, dtype=np.int8))
            res = search.run()
            fresh = local_search(g, "steepest", start=s, arithmetic=arith)
            assert (res.solution, res.steps, res.start_value) == (fresh.solution, fresh.steps, fresh.start_value)
        for bad in (np.array([1, 0, 1, 1]), np.array([1, -1, 1]), np.array([[1, 1], [1, 1]])):
            with pytest.raises(InstanceError):
                search.restart(bad)

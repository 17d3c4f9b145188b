"""Simulated annealing with flips (localsearch.maxcut.annealing): reproducible, counted, certified."""
import math

import pytest
from hypothesis import given, settings, strategies as st

from instances import Assignment, Graph, InstanceError, gnp
from localsearch.core.schedules import steps_to_target
from localsearch.maxcut.annealing import _FlipState, anneal_flips
from localsearch.maxcut.certificate import certify_flip
from localsearch.maxcut.exact.brute_force import brute_force_maxcut
from tests.helpers.oracles import naive_flip_run, naive_gains
from tests.helpers.strategies import graphs


def test_anneal_flips_reproducible_counted_and_certified():
    g = gnp(14, 0.4, seed=2, weights="uniform")
    a = anneal_flips(g, c=1.0, cap=3000, seed=5, polish=True)
    b = anneal_flips(g, c=1.0, cap=3000, seed=5, polish=True)
    assert a.solution == b.solution and a.extra == b.extra
    e = a.extra
    assert e["proposals"] == 3000 and e["improving"] <= e["accepted"] <= e["proposals"]
    cert = certify_flip(g, a.solution)
    assert cert.local_optimum and cert.value == a.value == g.cut_value(a.solution)
    assert a.value <= brute_force_maxcut(g)


def test_anneal_flips_at_zero_temperature_only_takes_non_worsening_moves():
    g = gnp(10, 0.5, seed=1)
    r = anneal_flips(g, schedule="fixed", beta_target=1e9, cap=2000, seed=0)
    assert r.extra["best_value"] == r.value  # never went down


def test_the_polish_is_a_steepest_descent_from_the_annealing_end_point():
    g = gnp(16, 0.4, seed=4, weights="uniform")
    raw = anneal_flips(g, c=0.3, cap=400, seed=1)
    polished = anneal_flips(g, c=0.3, cap=400, seed=1, polish=True)
    # the Metropolis part is the same run; the polish continues from its end by steepest flips
    assert raw.extra["anneal_end_value"] == polished.extra["anneal_end_value"] == raw.value
    seq, final = naive_flip_run(g, raw.solution, "steepest")
    assert list(polished.solution) == final and polished.extra["polish_steps"] == len(seq)
    assert polished.steps == 400 + len(seq) and polished.status == "local_optimum"
    assert raw.extra["polish_steps"] == 0 and raw.steps == 400


def test_schedule_length_and_start():
    g = gnp(8, 0.5, seed=2)
    r = anneal_flips(g, schedule="log", c=4.0, dt=0.01, beta_target=10.0, cap=10**6, seed=0, start=(1,) * 8)
    assert r.extra["proposals"] == steps_to_target("log", 4.0, 0.01, 10.0) and r.extra["stop"] == "target"
    assert r.start_value == 0 and r.rule == "anneal-log" and r.seed == 0


@settings(max_examples=40)
@given(graphs(min_n=1, max_n=9), st.lists(st.integers(0, 8), max_size=20), st.data())
def test_flip_state_keeps_exact_gains_and_cut(graph, flips, data):
    s = list(data.draw(st.lists(st.sampled_from([1, -1]), min_size=graph.n, max_size=graph.n)))
    st_ = _FlipState(graph, s)
    for v in flips:
        v %= graph.n
        st_.flip(v)
        s[v] = -s[v]
        assert st_.s == s and st_.gain == naive_gains(graph.n, graph.edges, s)
        assert st_.cut == graph.cut_value(Assignment(tuple(s)))


def test_empty_graph_is_refused_and_the_cap_stops_the_schedule():
    with pytest.raises(InstanceError):
        anneal_flips(Graph(0, ()))
    r = anneal_flips(Graph(1, ()), cap=10)  # log schedule, c = 1, dt = 0.01: beta_9 = ln(1.09)
    assert r.extra["stop"] == "cap" and r.extra["final_beta"] == pytest.approx(math.log1p(0.09), rel=1e-12)

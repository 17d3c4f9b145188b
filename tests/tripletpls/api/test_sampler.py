"""LocalSearchSampler: sample for sample equal to dwave-samplers' SteepestDescentSolver where float64 is
exact; every pivot rule equals the reference flip run; exact energies where float64 rounds."""
from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localsearch.core.rules import RULES
from tests.helpers.oracles import naive_choice

dimod = pytest.importorskip("dimod")
greedy = pytest.importorskip("dwave.samplers")

from tripletpls import LocalSearchSampler  # noqa: E402


@st.composite
def bqms(draw, dyadic=False, max_n=9):
    """Small BQMs with many ties: integer (or quarter-integer) biases in [-3, 3], random labels and order."""
    n = draw(st.integers(1, max_n))
    labels = draw(st.permutations(["a", "b", "c", 3, 1, 2, ("t", 0), "z", "y"][:max_n]))[:n]
    bias = st.integers(-12, 12).map(lambda k: k / 4) if dyadic else st.integers(-3, 3)
    lin = {v: draw(bias) for v in labels if draw(st.booleans())}
    quad = {(u, v): draw(bias) for u, v in itertools.combinations(labels, 2) if draw(st.booleans())}
    bqm = dimod.BQM(lin, quad, draw(bias), draw(st.sampled_from(["SPIN", "BINARY"])))
    for v in labels:
        bqm.add_variable(v)
    return bqm


@settings(max_examples=80)
@given(st.one_of(bqms(), bqms(dyadic=True)), st.integers(0, 2**32 - 1), st.integers(1, 6))
def test_steepest_equals_dwave_sample_for_sample(bqm, seed, reads):
    ours = LocalSearchSampler().sample(bqm, num_reads=reads, seed=seed)
    theirs = greedy.SteepestDescentSolver().sample(bqm, num_reads=reads, seed=seed)
    assert list(ours.variables) == list(theirs.variables)
    assert np.array_equal(ours.record.sample, theirs.record.sample)
    assert np.array_equal(ours.record.num_steps, theirs.record.num_steps)
    assert np.array_equal(ours.record.energy, theirs.record.energy)
    assert ours.record.local_minimum.all() and ours.vartype is bqm.vartype


def test_given_initial_states_and_num_reads_semantics():
    bqm = dimod.BQM({"a": 1, "b": -1}, {("a", "b"): 1}, 0, "SPIN")
    states = ([[1, 1], [-1, -1], [1, -1]], ["b", "a"])
    ours = LocalSearchSampler().sample(bqm, initial_states=states)
    theirs = greedy.SteepestDescentSolver().sample(bqm, initial_states=states)
    assert len(ours) == 3 and np.array_equal(ours.record.sample, theirs.record.sample)
    assert len(LocalSearchSampler().sample(bqm)) == 1
    with pytest.raises(ValueError):
        LocalSearchSampler().sample(bqm, initial_states=states, num_reads=5, initial_states_generator="none")


def _energy(bqm, sample):
    return sum(Fraction(b) * sample[v] for v, b in bqm.linear.items()) + sum(
        Fraction(b) * sample[u] * sample[v] for (u, v), b in bqm.quadratic.items()) + Fraction(bqm.offset)


@settings(max_examples=60)
@given(bqms(max_n=7), st.sampled_from(RULES), st.integers(0, 50))
def test_every_rule_is_the_reference_single_flip_descent(bqm, rule, seed):
    """Reference: energies recomputed from scratch, the improving flips chosen by the naive rule."""
    bqm = bqm.change_vartype("SPIN", inplace=False)
    ss = LocalSearchSampler().sample(bqm, rule=rule, num_reads=2, seed=seed)
    variables = list(ss.variables)
    start_ss = LocalSearchSampler().sample(bqm, rule=rule, num_reads=2, seed=seed, max_steps=0)
    for k in range(2):
        s = dict(zip(variables, (int(x) for x in start_ss.record.sample[k])))
        pointer, rng, steps = 0, (seed + k) % 2**64, 0
        while True:
            e = _energy(bqm, s)
            gains = []
            for v in variables:
                t = dict(s)
                t[v] = -t[v]
                gains.append(e - _energy(bqm, t))
            imp = [i for i, g in enumerate(gains) if g > 0]
            if not imp:
                break
            i, rng = naive_choice(rule, imp, gains, pointer, rng)
            s[variables[i]] *= -1
            pointer = (i + 1) % len(variables)
            steps += 1
        assert [int(x) for x in ss.record.sample[k]] == [s[v] for v in variables]
        assert ss.record.num_steps[k] == steps and ss.record.energy[k] == _energy(bqm, s)


def test_exact_where_dwave_rounds():
    # the field on x is (2^60 + 1) - 2^59 - 2^59 = 1: flipping x from +1 drops the energy by 2; in float64
    # the bias 2^60 + 1 is 2^60, the field 0, and no flip improves
    bqm = dimod.BQM({"x": 2**60 + 1}, {("x", "y"): -(2**59), ("x", "w"): -(2**59)}, 0, "SPIN", dtype=object)
    start = ([[1, 1, 1]], ["x", "y", "w"])
    ours = LocalSearchSampler().sample(bqm, initial_states=start)
    e_start = _energy(bqm, {"x": 1, "y": 1, "w": 1})
    # steepest flips x (drop 2), then y and w follow it (drops 2^60 each): all -1, energy -2^61 - 1
    assert e_start == 1 and ours.first.energy == -(2**61) - 1 == _energy(bqm, ours.first.sample)
    assert ours.record.num_steps[0] == 3 and ours.record.local_minimum.all()
    theirs = greedy.SteepestDescentSolver().sample(bqm, initial_states=start)
    assert theirs.record.num_steps[0] == 0 and theirs.first.sample["x"] == 1
    huge = dimod.BQM({"y": 1}, {}, 2**60, "SPIN", dtype=object)  # energy 2^60 - 1 is no float64
    ss = LocalSearchSampler().sample(huge, initial_states=([[1]], ["y"]))
    assert ss.record.energy.dtype == object and ss.first.energy == 2**60 - 1


def test_bad_input():
    s = LocalSearchSampler()
    bqm = dimod.BQM({"a": 1}, {}, 0, "SPIN")
    with pytest.raises(ValueError, match="pivot rule"):
        s.sample(bqm, rule="sideways")
    with pytest.raises(ValueError, match="seed"):
        s.sample(bqm, seed=-1)
    with pytest.raises(TypeError):
        s.sample({"a": 1})
    with pytest.warns(dimod.exceptions.SamplerUnknownArgWarning):
        s.sample(bqm, colour="blue")
    assert set(s.parameters) >= {"rule", "num_reads", "initial_states", "seed"} and s.properties["rules"] == RULES

"""Simulated annealing on line triplet instances (localsearch.triplets.annealing): the candidate
positions realise every single-point move, the candidate certificate agrees with the line engine's,
the polish is the repeated certificate move, and runs are reproducible and certified."""
import doctest
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import InstanceError, TripletInstance
from localsearch.triplets import annealing, line
from localsearch.triplets.annealing import anneal_line, certify_line, line_candidates, line_descent
from localsearch.triplets.driver import incidence


def _line_instance(seed, m=6, t=14):
    rng = np.random.default_rng(seed)
    trips = []
    for _ in range(t):
        a, b, c = rng.choice(m, 3, replace=False)
        trips.append((int(a), int(b), int(c), int(rng.integers(1, 6))))
    return TripletInstance(m, tuple(trips), dim=1)


@settings(max_examples=15)
@given(st.integers(0, 10**6))
def test_line_candidates_realise_every_single_point_move(seed):
    inst = _line_instance(seed)
    x = [Fraction(int(v)) for v in np.random.default_rng(seed + 1).integers(0, 8, size=inst.points)]
    inc = incidence(inst)
    i = seed % inst.points
    cands = line_candidates(inc, i, x)
    assert all(isinstance(c, Fraction) for c in cands)
    reach = set()
    for cnd in cands:
        y = list(x)
        y[i] = cnd
        reach.add(inst.satisfied_weight(tuple(y)))
    # independent check: a fine grid of positions (quarters from -30 to 45) reaches nothing new
    for q in range(-120, 181):
        y = list(x)
        y[i] = Fraction(q, 4)
        assert inst.satisfied_weight(tuple(y)) in reach


@settings(max_examples=40)
@given(st.integers(0, 10**6))
def test_candidate_certificate_agrees_with_the_line_engine(seed):
    """Two exact certificates of the same neighbourhood (brute force over candidates; the sweep)."""
    inst = _line_instance(seed, m=5, t=8)
    x = tuple(Fraction(int(v)) for v in np.random.default_rng(seed).integers(0, 6, size=inst.points))
    a, b = certify_line(inst, x), line.certify(inst, x)
    assert (a.local_optimum, a.gain, a.value) == (b.local_optimum, b.gain, b.value)
    if not a.local_optimum:
        assert set(a.witness) == {"point", "to"} and a.witness["point"] == b.witness["point"]
        moved = list(x)
        moved[a.witness["point"]] = Fraction(a.witness["to"])
        assert inst.satisfied_weight(tuple(moved)) == a.value + a.gain


@settings(max_examples=20)
@given(st.integers(0, 10**6))
def test_polish_is_the_repeated_certificate_move(seed):
    inst = _line_instance(seed, m=5, t=10)
    x = annealing.random_line_positions(inst, seed)
    sol, steps = line_descent(inst, x)
    naive, k = x, 0  # apply the certificate's witness until there is none
    while not (cert := certify_line(inst, naive)).local_optimum:
        w = cert.witness
        naive = naive[:w["point"]] + (Fraction(w["to"]),) + naive[w["point"] + 1:]
        k += 1
    assert (sol, steps) == (naive, k)


def test_anneal_line_reproducible_and_certified():
    inst = _line_instance(3)
    a = anneal_line(inst, c=1.0, cap=400, seed=2, polish=True)
    b = anneal_line(inst, c=1.0, cap=400, seed=2, polish=True)
    assert a.solution == b.solution and a.extra == b.extra
    assert a.extra["improving"] <= a.extra["accepted"] <= a.extra["proposals"] == 400
    cert = certify_line(inst, a.solution)
    assert cert.local_optimum and cert.value == inst.satisfied_weight(a.solution) == a.value
    assert a.steps == 400 + a.extra["polish_steps"] and a.status == "local_optimum"


def test_anneal_line_without_polish_reports_its_certificate():
    inst = _line_instance(5)
    r = anneal_line(inst, c=1.0, cap=50, seed=1, start=tuple(range(inst.points)))
    cert = certify_line(inst, r.solution)
    assert r.extra["certificate"] == cert.to_json() and r.extra["polish_steps"] == 0
    assert r.status == ("local_optimum" if cert.local_optimum else "max_steps")
    assert r.value == r.extra["anneal_end_value"] == inst.satisfied_weight(r.solution)
    assert r.start_value == inst.satisfied_weight(tuple(Fraction(v) for v in range(inst.points)))


def test_errors():
    with pytest.raises(InstanceError):
        anneal_line(TripletInstance(3, ((0, 1, 2, 1),), target="tree"))
    with pytest.raises(InstanceError):
        anneal_line(TripletInstance(0, (), dim=1))
    with pytest.raises(InstanceError):
        certify_line(TripletInstance(3, ((0, 1, 2, 1),), dim=2), ((0, 0), (1, 0), (2, 0)))


def test_docstring_examples():
    assert doctest.testmod(annealing).failed == 0

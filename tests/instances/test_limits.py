"""Documented input limits (instances.limits): declared sizes refused before anything is allocated,
integers of millions of digits refused at once, the seed in effect; every refusal in bounded time."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from instances import (QP, Graph, InstanceError, TripletInstance, doubling_chain, gnm, gnp, jsonio, limits,
                       random_regular, torus)
from instances.gset import parse_gset
from instances.qp_generators import random_qp
from instances.triplet_loss import TripletLoss

pytestmark = pytest.mark.timeout(30)


@pytest.mark.parametrize("build,needle", [
    (lambda: Graph(10**9, ()), "MAX_VERTICES"),
    (lambda: TripletInstance(10**9, ((0, 1, 2, 1),)), "MAX_VERTICES"),
    (lambda: TripletInstance(10, ((0, 1, 2, 1),), dim=10**9), "MAX_COORDINATES"),
    (lambda: TripletLoss(10, ((0, 1, 2, 1),), dim=10**9), "MAX_COORDINATES"),
    (lambda: gnp(10**9, 0.5, seed=0), "MAX_VERTICES"),
    (lambda: gnp(10**5, 0.5, seed=0), "MAX_PAIRS"),
    (lambda: gnm(10**5, 10, seed=0), "MAX_PAIRS"),
    (lambda: torus((10**4, 10**4), seed=0), "MAX_VERTICES"),
    (lambda: random_regular(10**6, 50, seed=0), "MAX_EDGES"),
    (lambda: doubling_chain(100_000), "MAX_DC_LEVELS"),
    (lambda: random_qp(10**5, seed=0), "MAX_QP_ENTRIES"),
])
def test_declared_sizes_beyond_the_limits_are_refused_before_allocating(build, needle):
    with pytest.raises(InstanceError, match=needle):
        build()


@pytest.mark.parametrize("text,needle", [
    ('{"kind": "graph", "vertices": 1000000000, "edges": []}', "1000000000 vertices exceed"),
    ('{"kind": "triplets", "points": 1000000000, "dim": 1000000000, "triplets": [[0, 1, 2, 1]]}', "points exceed"),
    ('{"kind": "triplets", "points": 3, "dim": 1000000000, "triplets": [[0, 1, 2, 1]]}', "coordinates exceed"),
    ('{"kind": "triplet-loss", "points": 3, "dim": 1000000000, "triplets": [[0, 1, 2, 1]]}', "coordinates exceed"),
])
def test_files_declaring_huge_sizes_are_refused(text, needle):
    with pytest.raises(InstanceError, match=needle) as err:
        jsonio.loads(text, "huge.json")
    assert str(err.value).startswith("huge.json: ")


def test_gset_headers_beyond_the_limits_are_refused():
    with pytest.raises(InstanceError, match=r"g.txt:1: vertex count must be in 1..10000000"):
        parse_gset("1000000000 1\n1 2 1\n", "g.txt")
    with pytest.raises(InstanceError, match=r"edge count 100000000000 exceeds the limit"):
        parse_gset("3 100000000000\n1 2 1\n", "g.txt")


def test_a_twenty_million_digit_integer_is_refused_at_once():
    digits = "9" * 20_000_000
    with pytest.raises(InstanceError, match="20000000 digits, more than the limit of 20000"):
        parse_gset(f"2 1\n1 2 {digits}\n", "g.txt")
    with pytest.raises(InstanceError, match="more digits than the limit"):
        jsonio.loads('{"kind": "graph", "vertices": 2, "edges": [[0, 1, ' + digits + ']]}', "g.json")
    big = 10**19_000  # within the limit: exact as ever
    assert jsonio.loads(jsonio.dumps(Graph(2, ((0, 1, big),)))).edges[0][2] == big


def test_deeply_nested_json_is_refused_not_a_crash():
    with pytest.raises(InstanceError, match="invalid"):
        jsonio.loads("[" * 200_000 + "]" * 200_000, "deep.json")


def test_messages_echoing_huge_input_are_cut():
    with pytest.raises(InstanceError) as err:
        parse_gset("x" * 10**7 + "\n", "line.txt")
    assert len(str(err.value)) < 400 and str(err.value).endswith("characters]")


@given(st.integers(min_value=-2**200, max_value=2**200))
def test_the_seed_in_effect_is_the_seed_mod_2_63(seed):
    s = limits.effective_seed(seed)
    assert 0 <= s < 2**63 and (s - seed) % 2**63 == 0
    assert limits.effective_seed(s) == s


def test_a_seed_must_be_an_integer():
    import numpy as np

    assert limits.effective_seed(np.int64(-1)) == 2**63 - 1
    for bad in (1.5, True, "3", None):
        with pytest.raises(InstanceError, match="seed must be an integer"):
            limits.effective_seed(bad)


def test_limits_can_be_raised_or_lowered(monkeypatch):
    monkeypatch.setattr(limits, "MAX_VERTICES", 5)
    with pytest.raises(InstanceError, match="6 vertices exceed the limit of 5"):
        Graph(6, ())
    assert Graph(5, ()).n == 5
    assert QP(((1,),), (0,)).n == 1
    json.dumps(limits.MAX_VERTICES)

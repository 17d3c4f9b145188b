"""Triplet-loss instances (instances.triplet_loss): the box in every accepted form, embeddings checked
against it, the JSON document (round trips of random instances; malformed documents refused). Losses
and gradients are tested with the engines, in tests/localsearch/continuous/test_loss.py."""
from __future__ import annotations

import random
from fractions import Fraction as F

import pytest
from hypothesis import given, settings, strategies as st

from instances import InstanceError, TripletLoss, jsonio
from instances.triplet_loss import encode_positions, from_json, to_json
from tests.helpers.strategies import box_point, loss_instances


def test_box_forms_are_stored_per_coordinate_and_written_compactly():
    scalar = TripletLoss(3, ((0, 1, 2, 1),), dim=2, lo=-1, hi="1/2")
    assert scalar.lo == ((-1, -1),) * 3 and scalar.hi == ((F(1, 2), F(1, 2)),) * 3
    assert to_json(scalar)["box"] == {"lo": -1, "hi": "1/2"}
    rows = TripletLoss(3, ((0, 1, 2, 1),), dim=2, lo=[[0, 0], [0, 1], [0, 0]], hi=2)
    assert rows.box_of(1) == ((0, 2), (1, 2)) and to_json(rows)["box"]["lo"] == [[0, 0], [0, 1], [0, 0]]
    flat = TripletLoss(3, ((0, 1, 2, 1),), lo=[0, 1, 0], hi=[1, 1, 3])
    assert to_json(flat)["box"] == {"lo": [0, 1, 0], "hi": [1, 1, 3]}
    assert flat.centre() == ((F(1, 2),), (F(1),), (F(3, 2),))
    for inst in (scalar, rows, flat):
        assert from_json(to_json(inst)) == inst and jsonio.loads(jsonio.dumps(inst)) == inst


def test_embeddings_are_checked_against_the_box():
    inst = TripletLoss(3, ((0, 1, 2, "3/2"),), dim=2, lo=0, hi=1)
    assert inst.check_solution([[0, 1], ["1/2", 0.25], (1, 1)])[1] == (F(1, 2), F(1, 4))
    for bad in ([[0, 1], [0, 1]], [[0, 1], [0, 1], [0, 2]], [[0, 1], [0, 1], [0]], 5):
        with pytest.raises(InstanceError):
            inst.check_solution(bad)
    started = inst.with_start([[0, 0], [1, 1], [0, 1]])
    assert started.start == ((0, 0), (1, 1), (0, 1)) and started == TripletLoss(
        3, ((0, 1, 2, F(3, 2)),), dim=2, start=[[0, 0], [1, 1], [0, 1]])
    assert to_json(started)["start"] == [["0", "0"], ["1", "1"], ["0", "1"]]
    line = TripletLoss(3, ((0, 1, 2, 1),), start=[0, "1/3", 1])
    assert line.start == ((0,), (F(1, 3),), (1,)) and to_json(line)["start"] == ["0", "1/3", "1"]


def test_describe_and_encode_positions():
    inst = TripletLoss(4, ((0, 1, 2, 3), (1, 2, 3, "1/2")), dim=3, loss="hinge", margin="1/4")
    assert inst.describe() == {"kind": "triplet-loss", "points": 4, "dim": 3, "variables": 12, "terms": 2,
                               "triplets": 2, "loss": "hinge", "margin": "1/4", "integer_weights": False,
                               "max_weight_bits": 2}
    assert inst.total_weight == F(7, 2)
    assert encode_positions(((F(1, 3), 2),), 2) == [["1/3", "2"]]
    assert encode_positions(((F(1, 4),), (F(3),)), 1, exact=False) == [0.25, 3.0]


@settings(max_examples=20)
@given(loss_instances(), st.booleans(), st.integers(0, 10**6))
def test_json_round_trip(inst, with_start, seed):
    if with_start:
        inst = inst.with_start(box_point(inst, random.Random(seed)))
    inst.meta["note"] = "x"
    back = jsonio.loads(jsonio.dumps(inst))
    assert back == inst and back.meta == inst.meta and back.start == inst.start


def test_box_forms_and_bad_input():
    per_dim = TripletLoss(3, ((0, 1, 2, 2),), dim=2, lo=[0, -1], hi=[1, 1])
    assert per_dim.box_of(2) == ((0, 1), (-1, 1))
    flat = TripletLoss(3, ((0, 1, 2, 2),), dim=1, lo=[0, 0, "1/3"], hi=1)
    assert flat.lo[2] == (F(1, 3),)
    assert jsonio.loads(jsonio.dumps(flat)) == flat
    bad = [
        dict(lo=1, hi=0), dict(loss="cosine"), dict(triplets=((0, 1, 1, 1),)), dict(triplets=((0, 1, 2, 0),)),
        dict(triplets=((0, 1, 5, 1),)), dict(start=((2,), (0,), (0,))), dict(lo=[0, 0], hi=1), dict(margin="x"),
    ]
    for kw in bad:
        args = dict(points=3, triplets=((0, 1, 2, 1),))
        args.update(kw)
        with pytest.raises(InstanceError):
            TripletLoss(**args)
    for text in ('{"kind": "triplet-loss", "points": 3}', '{"kind": "triplet-loss", "points": 3, "triplets": [[0,1,2]]}',
                 '{"kind": "triplet-loss", "points": 3, "triplets": [], "box": 5}'):
        with pytest.raises(InstanceError):
            jsonio.loads(text)

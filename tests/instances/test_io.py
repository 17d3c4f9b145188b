"""Readers and writers: exact round trips for every format, and malformed input only ever raises
InstanceError (with the file and, where known, the line)."""
from __future__ import annotations

import json
import os
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import (QP, Assignment, Graph, InstanceError, TripletInstance, doubling_chain, from_cblearn,
                       jsonio, read_assignment, read_instance, to_cblearn, write_instance)
from instances.gset import format_gset, parse_gset
from instances.io import parse_instance

from tests.helpers.data import SHARED_DATA
from tests.helpers.strategies import graphs, rationals, triplet_instances


# --- round trips ------------------------------------------------------------------------------------
@given(graphs())
def test_graph_json_round_trip(g):
    back = jsonio.loads(jsonio.dumps(g))
    assert back == g
    assert back.names == g.names and back.start == g.start


@given(graphs(with_start=False))
def test_gset_round_trip(g):
    if g.n == 0:
        return
    back = parse_gset(format_gset(g))
    assert (back.n, back.edges) == (g.n, g.edges)


@given(triplet_instances())
def test_triplets_json_round_trip(t):
    back = jsonio.loads(jsonio.dumps(t))
    assert back == t


@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(st.lists(rationals, min_size=n, max_size=n), min_size=n, max_size=n),
    st.lists(rationals, min_size=n, max_size=n))))
def test_qp_json_round_trip(qc):
    Q, c = qc
    qp = QP(tuple(map(tuple, Q)), tuple(c))
    back = jsonio.loads(jsonio.dumps(qp))
    assert back == qp and all(isinstance(x, Fraction) for x in back.c)


def test_qp_accepts_ints_floats_and_rational_strings():
    qp = jsonio.loads('{"kind": "qp", "Q": [[1, "1/3"], [0.5, "-2"]], "c": ["7/2", 0]}')
    assert qp.Q[0][1] == Fraction(1, 3) and qp.Q[1][0] == Fraction(1, 2) and qp.c[0] == Fraction(7, 2)


@given(triplet_instances(target="euclidean"))
def test_cblearn_round_trip(t):
    arr, w = to_cblearn(t)
    assert arr.shape == (len(t.triplets), 3)
    back = from_cblearn(arr, list(w), points=t.points, dim=t.dim)
    assert back.triplets == t.triplets


def test_huge_integers_survive_files(tmp_path):
    big = 3**5000  # ~7900 bits, beyond Python's default int<->str digit limit
    g = Graph(3, ((0, 1, big), (1, 2, -big - 1)), start=(1, -1, 1))
    for name in ("g.json", "g.txt"):
        p = str(tmp_path / name)
        write_instance(g, p)
        back = read_instance(p)
        assert back.edges == g.edges
    assert read_instance(str(tmp_path / "g.json")).start == g.start


def test_dc40_file_round_trip(tmp_path):
    g = doubling_chain(40)
    p = str(tmp_path / "dc40.json")
    write_instance(g, p)
    assert read_instance(p) == g and g.max_weight_bits > 64


def test_assignment_files(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("+1\n-1\n1\n")
    assert read_assignment(str(p), 3) == Assignment((1, -1, 1))
    p.write_text(json.dumps({"assignment": [1, -1]}))
    assert read_assignment(str(p)) == Assignment((1, -1))
    p.write_text(json.dumps({"assignment": [1, 0]}))
    with pytest.raises(InstanceError, match="a.txt"):
        read_assignment(str(p))
    p.write_text("+1\n-1\n")
    with pytest.raises(InstanceError, match="3 vertices"):
        read_assignment(str(p), 3)


# --- the shared benchmark files ---------------------------------------------------------------------
SHARED = {"g05_60.0": (60, 885), "pm1s_100.0": (100, 495), "w01_100.0": (100, 495),
          "bqp100-1.sparse.mc": (101, 563), "G1.txt": (800, 19176), "G43.txt": (1000, 9990)}


@pytest.mark.parametrize("name", sorted(SHARED))
def test_reads_shared_data(name):
    path = os.path.join(SHARED_DATA, name)
    if not os.path.exists(path):
        pytest.skip("shared data not present")
    g = read_instance(path)
    assert (g.n, g.m) == SHARED[name]
    # the file's edge lines, parsed independently, are exactly the graph's edges
    with open(path) as f:
        rows = [ln.split() for ln in f.read().splitlines()[1:] if ln.strip()]
    assert [(int(i) - 1, int(j) - 1, int(w)) for i, j, w in rows] == list(g.edges)


# --- malformed input ----------------------------------------------------------------------------------
GSET_CASES = [
    ("", "empty"),
    ("\n\n", "empty"),
    ("3\n", "header"),
    ("3 1 5\n1 2 1\n", "header"),
    ("x 1\n1 2 1\n", "vertex count"),
    ("3 y\n1 2 1\n", "edge count"),
    ("0 0\n", "vertex count"),
    ("3 -1\n", "non-negative"),
    ("3 2\n1 2 1\n", "announces 2 edges"),
    ("3 1\n1 2 1\n2 3 1\n", "extra edge"),
    ("3 1\n1 2\n", "'i j w'"),
    ("3 1\n1 2 1 4\n", "'i j w'"),
    ("3 1\n1 4 1\n", "out of range"),
    ("3 1\n0 2 1\n", "out of range"),
    ("3 1\n2 2 1\n", "self-loop"),
    ("3 1\n1 2 1.5\n", "not an integer"),
    ("3 1\n1 2 1e3\n", "not an integer"),
    ("3 1\n1 2 one\n", "not an integer"),
    ("3 1\na 2 1\n", "not an integer"),
    ("3 2\n1 2 1\n2 1 5\n", "duplicate edge"),
    ("999999999999 0\n", "vertex count"),
    ("3 1\n1 2 0x10\n", "not an integer"),
]




def test_line_numbers_point_at_the_bad_line(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_text("# comment\n3 2\n1 2 1\n\n2 2 1\n")
    with pytest.raises(InstanceError) as err:
        read_instance(str(p))
    assert err.value.line == 5 and str(err.value).startswith(f"{p}:5:")


def test_duplicate_edge_policies():
    text = "3 2\n1 2 4\n2 1 5\n"
    assert parse_gset(text, duplicates="sum").edges == ((0, 1, 9),)
    assert parse_gset(text, duplicates="last").edges == ((0, 1, 5),)


JSON_CASES = [
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 1, 1]', "invalid JSON"),
    ('{"vertices": 3, "edges": []}', "'kind'"),
    ('{"kind": "hypergraph"}', "unknown kind"),
    ('[1, 2]', "object"),
    ('{"kind": "graph", "edges": []}', "'vertices'"),
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 1]]}', "[u, v, w]"),
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 1, 1.5]]}', "integer"),
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 1, "1"]]}', "integer"),
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 3, 1]]}', "out of range"),
    ('{"kind": "graph", "vertices": 3, "edges": [[1, 1, 1]]}', "self-loop"),
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 1, 1], [1, 0, 2]]}', "duplicate"),
    ('{"kind": "graph", "vertices": 2, "edges": [], "start": [1, 0]}', "+1 or -1"),
    ('{"kind": "graph", "vertices": 2, "edges": [], "start": [1]}', "start assignment"),
    ('{"kind": "graph", "vertices": true, "edges": []}', "integer"),
    ('{"kind": "triplets", "points": 3, "triplets": [[0, 1, 1, 1]]}', "distinct"),
    ('{"kind": "triplets", "points": 3, "triplets": [[0, 1, 2, 0]]}', "positive"),
    ('{"kind": "triplets", "points": 3, "triplets": [[0, 1, 2]]}', "[a, b, c, w]"),
    ('{"kind": "triplets", "points": 3, "dim": 0, "triplets": []}', "dimension"),
    ('{"kind": "triplets", "points": 3, "target": "sphere", "triplets": []}', "unknown triplet target"),
    ('{"kind": "triplets", "points": 2, "triplets": [], "start": ["1/0", 1]}', "rational"),
    ('{"kind": "triplets", "points": 2, "target": "tree", "triplets": [], "start": {"parent": [2, 2, 5]}}', "parent"),
    ('{"kind": "triplets", "points": 2, "target": "betweenness", "triplets": [], "start": {"order": [0, 0]}}', "permutation"),
    ('{"kind": "qp", "Q": [[1, 2]], "c": [1]}', "entries"),
    ('{"kind": "qp", "Q": [[1]], "c": ["abc"]}', "rational"),
]


MALFORMED = [("bad.txt", t, n) for t, n in GSET_CASES] + [("bad.json", t, n) for t, n in JSON_CASES]


@pytest.mark.parametrize("name,text,needle", MALFORMED)
def test_malformed_files_name_the_problem(tmp_path, name, text, needle):
    p = tmp_path / name
    p.write_text(text)
    with pytest.raises(InstanceError) as err:
        read_instance(str(p))
    msg = str(err.value)
    assert needle in msg and name in msg and "\n" not in msg


def test_wrong_kind_is_rejected(tmp_path):
    p = tmp_path / "g.json"
    write_instance(doubling_chain(2), str(p))
    with pytest.raises(InstanceError, match="expected kind 'triplets'"):
        read_instance(str(p), expect="triplets")


def test_unreadable_files(tmp_path):
    with pytest.raises(InstanceError, match="no such file"):
        read_instance(str(tmp_path / "missing.txt"))
    with pytest.raises(InstanceError, match="directory"):
        read_instance(str(tmp_path))
    p = tmp_path / "latin1.txt"
    p.write_bytes(b"3 1\n1 2 \xff\n")
    with pytest.raises(InstanceError, match="UTF-8") as err:
        read_instance(str(p))
    assert err.value.line == 2


# --- fuzzing: corrupted files never crash with anything but InstanceError -----------------------------
def _valid_texts():
    g = doubling_chain(3)
    return [format_gset(g), jsonio.dumps(g), jsonio.dumps(TripletInstance(3, ((0, 1, 2, 7),), start=(0, 1, 2))),
            jsonio.dumps(QP(((1, 0), (0, 1)), (0, "1/2")))]


@settings(max_examples=300)
@given(st.sampled_from(_valid_texts()), st.data())
def test_corrupted_files_raise_only_instance_error(text, data):
    raw = bytearray(text.encode())
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        i = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if op == "flip" and raw:
            raw[i] = data.draw(st.integers(0, 255))
        elif op == "delete" and raw:
            del raw[i]
        elif op == "insert":
            raw.insert(i, data.draw(st.sampled_from(list(b"0123456789 -\n{}[],.\"x/"))))
        elif op == "truncate":
            del raw[i:]
    try:
        text2 = bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return  # read_text's decoding branch is tested above
    try:
        parse_instance(text2, "fuzz.txt")
    except InstanceError as e:
        assert str(e).startswith("fuzz.txt") and "\n" not in str(e)

"""Instance files (instances.io): the format detected from the content, exact round trips through files,
assignment files, the shared benchmark files, and malformed or unreadable input only ever raising
InstanceError (with the file and, where known, the line)."""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import (QP, Assignment, Graph, InstanceError, TripletInstance, doubling_chain, jsonio, read_assignment,
                       read_instance, write_instance)
from instances.gset import format_gset
from instances.io import parse_instance

from tests.helpers.data import BEST_KNOWN, DATA, MALFORMED, PUBLISHED, SIZES


# --- round trips through files -----------------------------------------------------------------------
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


def test_format_follows_the_suffix_or_fmt_and_failed_writes_leave_nothing(tmp_path):
    g = doubling_chain(2)
    for name, gset in (("g.mc", True), ("g.0", True), ("g.rud", True), ("g.json", False), ("g.dat", False)):
        write_instance(g, str(tmp_path / name))
        assert (tmp_path / name).read_text().startswith("{") != gset
    write_instance(g, str(tmp_path / "forced.json"), fmt="gset")
    assert (tmp_path / "forced.json").read_text().startswith(f"{g.n} {g.m}\n")
    t = TripletInstance(3, ((0, 1, 2, 1),))
    write_instance(t, str(tmp_path / "t.txt"))  # not a graph: JSON whatever the suffix
    assert read_instance(str(tmp_path / "t.txt")) == t
    with pytest.raises(InstanceError, match="only graphs"):
        write_instance(t, str(tmp_path / "t2.txt"), fmt="gset")
    with pytest.raises(InstanceError, match="unknown format"):
        write_instance(g, str(tmp_path / "g.x"), fmt="yaml")
    missing = tmp_path / "no" / "such" / "dir.json"
    with pytest.raises(InstanceError, match="cannot write") as err:
        write_instance(g, str(missing))
    assert err.value.path == str(missing)
    assert sorted(p.name for p in tmp_path.iterdir() if ".tmp" in p.name) == []


def test_binary_data_and_bad_assignment_tokens(tmp_path):
    p = tmp_path / "bin.txt"
    p.write_text("3 0\n\x00\n")
    with pytest.raises(InstanceError, match="binary"):
        read_instance(str(p))
    p.write_text("1\n-1\n0\n")
    with pytest.raises(InstanceError) as err:
        read_assignment(str(p))
    assert err.value.line == 3 and "'0'" in str(err.value)
    p.write_text('{"assignment": [1, -1]')
    with pytest.raises(InstanceError, match="invalid JSON"):
        read_assignment(str(p))
    p.write_text('{"signs": [1]}')
    with pytest.raises(InstanceError, match="'assignment'"):
        read_assignment(str(p))


# --- the benchmark files shipped in data/ -------------------------------------------------------------
def test_data_holds_exactly_the_documented_instances():
    listed = {f for f in os.listdir(DATA) if f != "README.md"}
    assert listed == set(SIZES)
    readme = open(os.path.join(DATA, "README.md")).read()
    for name, value in {**PUBLISHED, **BEST_KNOWN}.items():  # every file documented with its value
        row = next(ln for ln in readme.splitlines() if ln.startswith(f"| `{name}`"))
        assert f"| {value} |" in row and f"| {SIZES[name][0]} | {SIZES[name][1]} |" in row


@pytest.mark.parametrize("name", sorted(SIZES))
def test_reads_the_shipped_instances(name):
    path = os.path.join(DATA, name)
    g = read_instance(path)
    assert (g.n, g.m) == SIZES[name]
    # the file's edge lines, parsed independently, are exactly the graph's edges
    with open(path) as f:
        rows = [ln.split() for ln in f.read().splitlines()[1:] if ln.strip()]
    assert [(int(i) - 1, int(j) - 1, int(w)) for i, j, w in rows] == list(g.edges)


# --- malformed input ----------------------------------------------------------------------------------
def test_line_numbers_point_at_the_bad_line(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_text("# comment\n3 2\n1 2 1\n\n2 2 1\n")
    with pytest.raises(InstanceError) as err:
        read_instance(str(p))
    assert err.value.line == 5 and str(err.value).startswith(f"{p}:5:")


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

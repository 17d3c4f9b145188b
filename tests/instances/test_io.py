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
        write_instance(g, p, drop_start=True)
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
    with pytest.raises(InstanceError, match="start"):  # Gset has no room for the start: explicit only
        write_instance(g, str(tmp_path / "g.mc"))
    assert not (tmp_path / "g.mc").exists()
    for name, gset in (("g.mc", True), ("g.0", True), ("g.rud", True), ("g.json", False), ("g.dat", False)):
        write_instance(g, str(tmp_path / name), drop_start=True)
        assert (tmp_path / name).read_text().startswith("{") != gset
    write_instance(g, str(tmp_path / "forced.json"), fmt="gset", drop_start=True)
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


# --- safe outputs: one writer (open_output) for every file the project writes -------------------------
def test_a_regular_file_is_replaced_whole_keeping_its_permissions(tmp_path):
    from instances.io import open_output

    p = tmp_path / "out.json"
    p.write_text("old")
    os.chmod(p, 0o640)
    with pytest.raises(RuntimeError):
        with open_output(str(p)) as f:
            f.write("half")
            raise RuntimeError("the writer fails half way")
    assert p.read_text() == "old"  # a failed write leaves the target as it was
    with open_output(str(p)) as f:
        f.write("new")
    assert p.read_text() == "new" and (p.stat().st_mode & 0o777) == 0o640
    assert [q.name for q in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


def test_a_symlink_keeps_pointing_to_its_rewritten_target(tmp_path):
    target, link = tmp_path / "target.json", tmp_path / "link.json"
    target.write_text("old")
    link.symlink_to(target)
    write_instance(doubling_chain(2), str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert read_instance(str(target)) == doubling_chain(2)
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "later.json")  # a link to a file not created yet: created, link kept
    write_instance(doubling_chain(2), str(dangling))
    assert dangling.is_symlink() and read_instance(str(tmp_path / "later.json")) == doubling_chain(2)


def test_a_fifo_is_written_through_and_never_replaced(tmp_path):
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo).read()))
    reader.start()
    write_instance(doubling_chain(2), str(fifo))
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert jsonio.loads(got[0]) == doubling_chain(2)


def test_character_devices_are_written_through(tmp_path):
    import stat

    from instances.io import output_target

    write_instance(doubling_chain(2), "/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and output_target("/dev/null") == ("/dev/null", False)
    if os.path.exists("/dev/full"):
        with pytest.raises(InstanceError, match="/dev/full: cannot write: No space left"):
            write_instance(doubling_chain(2), "/dev/full")
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # the device node is still there


def test_directories_block_devices_and_read_only_files_are_refused(tmp_path):
    import stat

    from instances.io import output_target

    with pytest.raises(InstanceError, match="is a directory"):
        write_instance(doubling_chain(2), str(tmp_path))
    blocks = [f"/dev/{d}" for d in ("loop0", "sda", "vda", "nvme0n1") if os.path.exists(f"/dev/{d}")]
    if blocks and stat.S_ISBLK(os.stat(blocks[0]).st_mode):
        with pytest.raises(InstanceError, match="block device"):
            output_target(blocks[0])
    ro = tmp_path / "ro.json"
    ro.write_text("keep")
    os.chmod(ro, 0o444)
    if os.geteuid() != 0:  # root may write anything
        with pytest.raises(InstanceError, match="read-only"):
            write_instance(doubling_chain(2), str(ro))
        assert ro.read_text() == "keep"


def test_dash_is_stdout_and_stdin(tmp_path, capsysbinary, monkeypatch):
    import io as stdio

    from instances.io import read_text

    write_instance(doubling_chain(2), "-")
    out = capsysbinary.readouterr().out.decode()
    assert jsonio.loads(out) == doubling_chain(2) and not (tmp_path / "-").exists()
    monkeypatch.setattr("sys.stdin", stdio.TextIOWrapper(stdio.BytesIO(b"2 1\n1 2 5\n")))
    assert read_text("-") == "2 1\n1 2 5\n"
    monkeypatch.setattr("sys.stdin", stdio.TextIOWrapper(stdio.BytesIO(b"x")))
    with pytest.raises(InstanceError, match="<stdin>"):
        read_instance("-")


def test_truncate_lines_keeps_exactly_the_first_lines(tmp_path):
    from instances.io import truncate_lines

    p = tmp_path / "t.txt"
    p.write_text("".join(f"{k}\n" for k in range(10)) + "10")  # 10 complete lines and a torn one
    assert truncate_lines(str(p), 7) == 10 and p.read_text() == "".join(f"{k}\n" for k in range(7))
    assert truncate_lines(str(p), 0) == 7 and p.read_text() == ""
    p.write_text("1\n2\n")
    with pytest.raises(InstanceError, match="fewer than the 3"):
        truncate_lines(str(p), 3)
    assert p.read_text() == "1\n2\n" and truncate_lines(str(tmp_path / "none.txt"), 3) == -1


# --- bounded reads ------------------------------------------------------------------------------------
@pytest.mark.timeout(20)
def test_dev_zero_and_binary_files_are_refused_at_the_first_nul():
    with pytest.raises(InstanceError, match="binary data"):
        read_instance("/dev/zero")
    with pytest.raises(InstanceError, match="binary data"):
        read_assignment("/dev/zero")


def test_files_beyond_the_size_limit_are_refused_without_reading_them_whole(tmp_path, monkeypatch):
    from instances import limits
    from instances.io import read_bytes

    p = tmp_path / "big.txt"
    p.write_text("2 1\n1 2 1\n" + "#" * 5000 + "\n")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InstanceError, match="larger than the limit of 1000 bytes"):
        read_instance(str(p))
    assert len(read_bytes(str(p), limit=10**6)) == p.stat().st_size

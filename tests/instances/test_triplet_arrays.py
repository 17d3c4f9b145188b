"""cblearn's triplet arrays: orientation by responses, .npy / .csv round trips, hostile files."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from instances import InstanceError, TripletInstance, read_instance, write_instance
from instances.triplet_arrays import MAX_ROWS, format_csv, npy_bytes, orient, parse_csv, parse_npy, rows_of


@st.composite
def unit_rows(draw):
    m = draw(st.integers(3, 8))
    return draw(st.lists(st.permutations(range(m)).map(lambda p: list(p[:3])), max_size=15))


@given(unit_rows(), st.data())
def test_responses_orient_like_list_order(rows, data):
    X = np.array(rows, dtype=np.int64).reshape(-1, 3)
    keep = np.array(data.draw(st.lists(st.booleans(), min_size=len(X), max_size=len(X))), dtype=bool)
    order = np.where(keep[:, None], X, X[:, [0, 2, 1]])
    for y in (keep, keep.astype(int), np.where(keep, 1, -1), np.where(keep, 1.0, 0.0)):
        assert np.array_equal(orient(X, y), order)
    counts = np.where(keep, 2, -3)
    assert len(orient(X, counts)) == int(np.abs(counts).sum())


@given(st.lists(st.tuples(st.permutations(range(6)).map(lambda p: tuple(p[:3])), st.integers(1, 3)), max_size=10))
def test_npy_and_csv_round_trips(trips):
    merged: dict = {}
    for t, w in trips:
        merged[t] = merged.get(t, 0) + w
    inst = TripletInstance(6 if merged else 0, tuple(t + (w,) for t, w in merged.items()))
    if merged:
        inst = TripletInstance(max(max(t) for t in merged) + 1, inst.triplets)
    assert parse_npy(npy_bytes(inst)) == inst
    assert parse_csv(format_csv(inst)) == inst
    assert len(rows_of(inst)) == inst.total_weight


def test_files_by_suffix_and_by_content(tmp_path):
    inst = TripletInstance(4, ((0, 1, 2, 1), (3, 2, 1, 2)))
    for name in ("t.npy", "t.csv", "t.NPY"):
        write_instance(inst, tmp_path / name)
        assert read_instance(tmp_path / name, expect="triplets") == inst
    (tmp_path / "t.npy").rename(tmp_path / "no_suffix")
    assert read_instance(tmp_path / "no_suffix") == inst  # the .npy magic decides
    (tmp_path / "c.txt").write_text("# comment\nanchor,near,far,y\n0,1,2,False\n2,1,0,1\n")
    assert read_instance(tmp_path / "c.txt").triplets == ((0, 2, 1, 1), (2, 1, 0, 1))
    with pytest.raises(InstanceError, match="expected kind 'graph'"):
        read_instance(tmp_path / "c.txt", expect="graph")


def test_writing_refuses_what_the_format_cannot_hold(tmp_path):
    heavy = TripletInstance(3, ((0, 1, 2, MAX_ROWS + 1),))
    with pytest.raises(InstanceError, match="total weight"):
        write_instance(heavy, tmp_path / "h.npy")
    write_instance(heavy, tmp_path / "h.csv")  # CSV keeps the weights in a column
    assert read_instance(tmp_path / "h.csv") == heavy
    with pytest.raises(InstanceError, match="does not fit"):
        write_instance(TripletInstance(3, ((0, 1, 2, 1),), target="tree"), tmp_path / "t.npy")
    from instances import Graph
    with pytest.raises(InstanceError, match="only triplets"):
        write_instance(Graph(2, ((0, 1, 1),)), tmp_path / "g.csv")
    assert not list(tmp_path.glob("*.tmp*")) and not (tmp_path / "h.npy").exists()


@pytest.mark.parametrize("text, words", [
    ("0,1\n", "i,j,k"), ("0,1,2\n0,1,2,1\n", "fields"), ("0,x,2\n", "integers"), ("0,1,1\n", "repeats"),
    ("0,1,2,maybe\n", "response"), ("0,-1,2\n", "negative"), ("0,1,2,0\n0,1,2,-1\n", "undecided"),
    ("i,j,k,w\n0,1,2,-4\n", "positive integer"), (f"0,1,{10**30}\n", "too large"),
])
def test_bad_csv_names_the_problem(text, words):
    with pytest.raises(InstanceError, match=words):
        parse_csv(text, "t.csv")


def test_bad_npy():
    import io
    buf = io.BytesIO()
    np.save(buf, np.zeros((2, 5), dtype=np.int64))
    for data, words in ((buf.getvalue(), "shape"), (b"\x93NUMPY\x01\x00junk", "readable"), (b"\x93NUMPY", "readable")):
        with pytest.raises(InstanceError, match=words):
            parse_npy(data, "t.npy")

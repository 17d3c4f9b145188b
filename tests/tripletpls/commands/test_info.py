"""`tripletpls info`: the description of graphs, reduced triplet instances and QPs; bad input."""
from __future__ import annotations

import os

import pytest

from instances import doubling_chain, read_instance, write_instance

from tests.helpers.cli import assert_bad_input, run_json
from tests.helpers.data import DATA


def test_info_of_dc40_shows_big_weights(tmp_path):
    out = str(tmp_path / "x.json")
    write_instance(doubling_chain(40), out)
    info = run_json("info", out)
    assert info["kind"] == "graph" and info["vertices"] == 121 and info["edges"] == 315
    assert info["max_weight_bits"] > 64 and info["int64_safe"] is False
    g = doubling_chain(40)
    assert info["has_start"] is True and info["start_cut"] == g.cut_value(g.start) and info["file"] == out


def test_info_of_a_reduced_instance_names_its_reduction(tmp_path):
    src, red = tmp_path / "dc3.json", tmp_path / "dc3.tree.json"
    write_instance(doubling_chain(3), str(src))
    run_json("reduce", src, "--to", "tree", "-o", red)
    info = run_json("info", red)
    inst = read_instance(str(red))
    assert (info["kind"], info["target"], info["reduction"]) == ("triplets", "tree", "tree")
    assert (info["points"], info["triplets"], info["total_weight"]) == (inst.points, len(inst.triplets),
                                                                         sum(t[3] for t in inst.triplets))


@pytest.mark.parametrize("name", ["g05_60.0", "G1.txt", "bqp100-1.sparse.mc"])
def test_info_on_the_shipped_instances(name):
    path = os.path.join(DATA, name)
    info = run_json("info", path)
    g = read_instance(path)
    assert (info["vertices"], info["edges"], info["int64_safe"]) == (g.n, g.m, True)


def test_missing_file_is_bad_input(tmp_path):
    os.chdir(tmp_path)
    assert_bad_input("info", "/nonexistent/file.txt", mentions="/nonexistent/file.txt")

"""End to end through the CLI: reduce DC_n to tree / betweenness / non-betweenness, search, read back."""
import json
from fractions import Fraction

import pytest
from click.testing import CliRunner

from instances import Ordering, Tree, dc_steps, doubling_chain, read_instance, write_instance
from reductions import target_module
from tripletpls.cli import main


def run(*args):
    res = CliRunner().invoke(main, list(args))
    return res.exit_code, res.output


@pytest.mark.parametrize("target", ["tree", "betweenness", "nonbetweenness"])
def test_reduce_search_and_solution_file(tmp_path, target):
    src, red, sol = tmp_path / "dc4.json", tmp_path / "red.json", tmp_path / "sol.json"
    write_instance(doubling_chain(4), str(src))
    code, out = run("reduce", str(src), "--to", target, "-o", str(red), "--json")
    assert code == 0
    info = json.loads(out)
    inst = read_instance(str(red))
    assert info["points"] == inst.points and info["triplets"] == len(inst.triplets) and inst.target == target
    code, out = run("search", str(red), "--rule", "first", "-o", str(sol), "--json")
    assert code == 0
    r = json.loads(out)
    assert r["steps"] == dc_steps(4) and r["local_optimum"] and r["backmapped_local_optimum"]
    doc = json.loads(sol.read_text())
    final = Tree(tuple(doc["parent"])) if target == "tree" else Ordering(tuple(doc["order"]))
    assert inst.satisfied_weight(final) == r["satisfied_weight"]
    assert list(target_module(target).backmap(inst, final)) == doc["backmapped_assignment"]
    code, out = run("search", str(red), "--rule", "random", "--start", "random", "--seed", "7", "--json")
    assert code == 0 and json.loads(out)["backmapped_local_optimum"]
    code, out = run("search", str(red), "--max-steps", "1", "--json")
    r = json.loads(out)
    assert code == 0 and r["steps"] == 1 and not r["local_optimum"] and r["witness"]["gain"] > 0


def test_positions_form_nonbetweenness_on_the_line_and_a_clean_error_in_the_plane(tmp_path):
    f, sol = tmp_path / "nb.json", tmp_path / "sol.json"
    doc = {"kind": "triplets", "target": "nonbetweenness", "points": 3, "dim": 1,
           "triplets": [[0, 1, 2, 1]], "start": [0, 1, 2]}
    f.write_text(json.dumps(doc))
    code, out = run("search", str(f), "-o", str(sol), "--json")
    assert code == 0 and json.loads(out)["satisfied_weight"] == 1 and json.loads(out)["steps"] == 1
    final = [Fraction(x) for x in json.loads(sol.read_text())["positions"]]
    assert not min(final[0], final[2]) <= final[1] <= max(final[0], final[2])
    f.write_text(json.dumps({**doc, "dim": 2, "start": [[0, 0], [1, 0], [2, 0]]}))
    code, _ = run("search", str(f), "--json")
    assert code == 2

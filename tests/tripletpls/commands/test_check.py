"""`tripletpls check`: certify an assignment or a triplet solution from scratch; bad input."""
import json

import pytest

from instances import doubling_chain, write_instance
from localsearch.maxcut.certificate import certify_flip

from tests.helpers.cli import run_cli, run_json


@pytest.fixture
def dc(tmp_path):
    def make(n):
        path = tmp_path / f"dc{n}.json"
        write_instance(doubling_chain(n), str(path))
        return path
    return make


def test_check_gives_an_improving_witness(dc, tmp_path):
    path = dc(5)
    start = tmp_path / "start.txt"
    start.write_text("\n".join("+1" if x > 0 else "-1" for x in doubling_chain(5).start) + "\n")
    c = run_json("check", path, "--assignment", start, code=1)  # an improving move: the check fails
    cert = certify_flip(doubling_chain(5), doubling_chain(5).start)
    assert c["local_optimum"] is False and c["witness"] == cert.witness and c["gain"] == cert.gain > 0
    assert c["kind"] == "graph" and c["cut"] == doubling_chain(5).cut_value(doubling_chain(5).start)


@pytest.mark.parametrize("args", [
    ("check", "{dc}", "--assignment", "{short}"),
    ("check", "{dc}", "--assignment", "{bad}"),
    ("check", "{dc}"),
    ("check", "{dc}", "--assignment", "{short}", "--solution", "{short}"),
    ("check", "{dc}", "--solution", "{short}"),
])
def test_bad_input_exits_2_with_one_line(args, dc, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("3 1\n1 2 x\n")
    short = tmp_path / "short.txt"
    short.write_text("+1\n-1\n")
    names = {"bad": bad, "dc": dc(4), "short": short}
    code, out, err = run_cli(*[a.format(**names) for a in args], "--json")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("tripletpls: error:")


def test_check_solution_dispatches_to_the_triplet_engine(tmp_path, monkeypatch):
    import sys
    import types

    from instances import Ordering
    from localsearch.core.certificate import Certificate
    from localsearch.triplets import registry

    seen = []
    fake = types.ModuleType("fake_betweenness_engine")
    fake.certify = lambda inst, sol: seen.append(sol) or Certificate(False, {"move": [1, 0]}, 2, 5)
    monkeypatch.setitem(sys.modules, "fake_betweenness_engine", fake)
    monkeypatch.setitem(registry.ENGINES, ("betweenness", None), "fake_betweenness_engine")
    inst = tmp_path / "t.json"
    inst.write_text(json.dumps({"kind": "triplets", "points": 3, "dim": 1, "target": "betweenness",
                                "triplets": [[0, 1, 2, 5]], "start": None}))
    sol = tmp_path / "s.json"
    sol.write_text(json.dumps({"kind": "solution", "order": [2, 0, 1]}))
    d = run_json("check", inst, "--solution", sol, code=1)
    assert seen == [Ordering((2, 0, 1))]
    assert (d["local_optimum"], d["witness"], d["gain"], d["satisfied_weight"]) == (False, {"move": [1, 0]}, 2, 5)
    assert (d["kind"], d["target"]) == ("triplets", "betweenness")

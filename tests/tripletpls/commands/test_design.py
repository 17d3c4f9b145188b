"""`tripletpls design`: weights for a prescribed run from a design file or a graph skeleton, certificates
written and checked, and bad input."""
from __future__ import annotations

import json

import pytest

from instances import read_instance, steep_chain, steep_steps, write_instance

from tests.helpers.cli import assert_bad_input, run_cli, run_json

SC_MACROS = ["--macro", "rise(k)=p{k} rise(k+1) m{k} l{k} p{k} fall(k+1)",
             "--macro", "fall(k)=q{k} rise(k+1) m{k} l{k} q{k} fall(k+1)", "--macro", "rise(4)=", "--macro", "fall(4)="]


def _write(path, doc):
    path.write_text(json.dumps(doc))
    return str(path)


def test_design_from_a_graph_skeleton_and_a_recursive_pattern(tmp_path):
    sk = str(tmp_path / "sc3.json")
    write_instance(steep_chain(3), sk)
    out = str(tmp_path / "designed.json")
    d = run_json("design", sk, "--sequence", "D rise(1)", *SC_MACROS, "-o", out)
    assert d["feasible"] and d["flips"] == steep_steps(3) and d["engine_follows"] and d["rule"] == "steepest"
    g = read_instance(out)
    assert g.names == steep_chain(3).names and g.start == steep_chain(3).start
    assert run_json("flip", out, "--rule", "steepest")["steps"] == steep_steps(3)
    assert d["max_weight_bits"] == max(abs(w) for _, _, w in g.edges).bit_length()


def test_infeasible_design_writes_a_certificate_that_checks(tmp_path):
    spec = _write(tmp_path / "uvu.json", {"kind": "design", "vertices": ["r", "s", "u", "v"],
                                          "edges": [["r", "s"], ["r", "u"], ["r", "v"], ["s", "u"], ["s", "v"], ["u", "v"]],
                                          "sequence": "u v u", "rule": "steepest", "final": False})
    cert = str(tmp_path / "cert.json")
    d = run_json("design", spec, "-o", cert)
    assert not d["feasible"] and d["terms"] >= 1 and d["total"] > 0
    c = run_json("design", cert, "--check")
    assert c["valid"] and c["total"] == d["total"]
    doc = json.loads(open(cert).read())
    doc["combination"][0]["multiplier"] += 1      # tampered: the sum no longer cancels
    bad = _write(tmp_path / "bad.json", doc)
    code, out, _ = run_cli("design", bad, "--check", "--json")
    assert code == 1 and json.loads(out)["valid"] is False
    doc["combination"][0]["coefficients"] = {"r-u": 7}  # not an inequality of the problem
    code, out, _ = run_cli("design", _write(tmp_path / "bad2.json", doc), "--check", "--json")
    assert code == 1 and "not an inequality" in json.loads(out)["reason"]


def test_design_file_options_classes_and_overrides(tmp_path):
    spec = _write(tmp_path / "d.json", {"kind": "design", "vertices": 4,
                                        "edges": [[0, 1, "a"], [1, 2, "b"], [2, 3, "a"]],
                                        "start": {"3": 1}, "sequence": [3, 0], "rule": "last"})
    d = run_json("design", spec)
    assert d["feasible"] and d["classes"] == 2 and d["rule"] == "last"
    w = {(u, v): x for u, v, x in d["weights"]}
    assert w[("0", "1")] == w[("2", "3")]
    d2 = run_json("design", spec, "--rule", "first", "--sequence", "1 3")
    assert d2["rule"] == "first" and d2["flips"] == 2
    d3 = run_json("design", spec, "--positive")
    assert d3["feasible"] is False or min(x for _, _, x in d3["weights"]) >= 1


def test_design_without_output_prints_the_certificate(tmp_path):
    spec = _write(tmp_path / "d.json", {"kind": "design", "vertices": 3, "edges": [[0, 1], [1, 2], [0, 2]],
                                        "sequence": "0 1 2 0", "rule": "any"})
    d = run_json("design", spec)
    assert d["feasible"] is False and d["certificate"] and all(t["multiplier"] > 0 for t in d["certificate"])


@pytest.mark.parametrize("doc,needle", [
    ({"kind": "design", "vertices": 2, "edges": [[0, 1]], "sequence": "0 x"}, "unknown vertex 'x'"),
    ({"kind": "design", "vertices": 2, "edges": [[0, 5]], "sequence": "0"}, "out of range"),
    ({"kind": "design", "vertices": 2, "edges": [[0, 1]]}, "missing 'sequence'"),
    ({"kind": "design", "vertices": 2, "edges": [[0, 1]], "sequence": "f(2)"}, "no definition"),
    ({"kind": "design", "vertices": 2, "edges": [[0, 1]], "sequence": "0", "rule": "least"}, "unknown rule"),
    ({"kind": "design", "vertices": 2, "edges": [[0, 1]], "sequence": "0", "start": [1]}, "'start'"),
    ({"kind": "design", "vertices": 2, "edges": [[0, 1]], "sequence": "0", "colour": 1}, "unknown key"),
    ({"kind": "design", "vertices": [], "edges": [], "sequence": ""}, "'vertices'"),
])
def test_bad_design_files_exit_2_naming_the_file(tmp_path, doc, needle):
    path = _write(tmp_path / "bad.json", doc)
    line = assert_bad_input("design", path, mentions=needle)
    assert path in line


def test_bad_invocations(tmp_path):
    sk = str(tmp_path / "g.json")
    write_instance(steep_chain(1), sk)
    assert_bad_input("design", sk, mentions="--sequence")
    assert_bad_input("design", sk, "--sequence", "D", "-o", sk, mentions="overwrite")
    assert_bad_input("design", str(tmp_path / "none.json"), "--sequence", "D", mentions="no such file")
    assert_bad_input("design", sk, "--sequence", "D", "--macro", "nohead", mentions="HEAD=BODY")
    (tmp_path / "junk.json").write_text("{not json")
    assert_bad_input("design", str(tmp_path / "junk.json"), "--check", mentions="invalid JSON")
    assert_bad_input("design", sk, "--check", mentions="design-certificate")


def test_sum_objective_gives_sparser_designs(tmp_path):
    sk = str(tmp_path / "sc2.json")
    write_instance(steep_chain(2), sk)
    macros = [a.replace("(4)", "(3)") for a in SC_MACROS]
    dense = run_json("design", sk, "--sequence", "D rise(1)", *macros)
    sparse = run_json("design", sk, "--sequence", "D rise(1)", *macros, "--objective", "sum")
    assert dense["feasible"] and sparse["feasible"] and sparse["engine_follows"]
    assert sparse["nonzero_edges"] <= dense["nonzero_edges"]


def test_strict_designs_have_no_ties_and_certificates_remember_it(tmp_path):
    spec = _write(tmp_path / "d.json", {"kind": "design", "vertices": ["r", "s", "u", "v", "x"],
                                        "edges": [[a, b] for i, a in enumerate("rsuvx") for b in "rsuvx"[i + 1:]],
                                        "sequence": "u v x u", "rule": "steepest", "strict": True})
    out = str(tmp_path / "g.json")
    d = run_json("design", spec, "-o", out)
    assert d["feasible"] and d["engine_follows"]
    g = read_instance(out)
    from localsearch.maxcut import local_search

    traj = []
    local_search(g, "steepest", trajectory=traj)
    s = g.start
    for v in traj:  # no ties: every gain but the chosen one is at least 1 below it
        gains = g.gains(s)
        assert all(gains[v] > gains[u] for u in range(g.n) if u != v)
        s = s.flipped(v)
    assert all(x < 0 for x in g.gains(s))
    bad = _write(tmp_path / "b.json", {"kind": "design", "vertices": 4, "edges": [[0, 1], [1, 2], [2, 3], [0, 3]],
                                      "sequence": "1 2 1", "rule": "steepest", "strict": True, "final": False})
    cert = str(tmp_path / "c.json")
    assert not run_json("design", bad, "-o", cert)["feasible"]
    assert json.loads(open(cert).read())["problem"]["strict"] is True
    assert run_json("design", cert, "--check")["valid"]

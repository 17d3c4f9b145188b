"""End-to-end CLI: reduce --to line|rd and search, with back-mapped certificates (issue 6)."""
import json

from click.testing import CliRunner

from instances import dc_steps, doubling_chain, write_instance
from tripletpls.cli import main


def run(*args):
    res = CliRunner().invoke(main, [*args, "--json"])
    return res.exit_code, res.output


def test_reduce_and_search_on_the_line_and_in_the_plane(tmp_path):
    src = tmp_path / "dc4.json"
    write_instance(doubling_chain(4), str(src))
    for target, extra in (("line", []), ("rd", ["--dim", "2"])):
        out = tmp_path / f"dc4.{target}.json"
        code, text = run("reduce", str(src), "--to", target, *extra, "-o", str(out))
        assert code == 0, text
        info = json.loads(text)
        assert info["points"] == 13 + 11 and info["triplets"] == 26 + 2 * 13 + 27
        sol = tmp_path / f"sol.{target}.json"
        code, text = run("search", str(out), "--rule", "first", "-o", str(sol))
        assert code == 0, text
        r = json.loads(text)
        assert r["steps"] == dc_steps(4) and r["local_optimum"] and r["backmapped_local_optimum"]
        doc = json.loads(sol.read_text())
        assert len(doc["backmapped_assignment"]) == 13 and len(doc["positions"]) == 24
        assert all(isinstance(x, str) for x in (doc["positions"] if target == "line" else doc["positions"][0]))


def test_random_start_on_the_line_and_bad_dim(tmp_path):
    src = tmp_path / "dc3.json"
    write_instance(doubling_chain(3), str(src))
    out = tmp_path / "dc3.line.json"
    assert run("reduce", str(src), "--to", "line", "-o", str(out))[0] == 0
    code, text = run("search", str(out), "--rule", "random", "--start", "random", "--seed", "7")
    r = json.loads(text)
    assert code == 0 and r["local_optimum"] and r["backmapped_local_optimum"]
    assert run("reduce", str(src), "--to", "rd", "--dim", "1", "-o", str(out))[0] == 2

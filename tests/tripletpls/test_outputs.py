"""Outputs never destroy anything: an output equal to an input (or to another output, through links too)
is refused with every file untouched; links keep pointing to their rewritten targets; FIFOs and devices
are written through; suffixes must match the format; Gset drops a start only when asked; '-' is stdin
and stdout and no file named '-' is ever created; unwritable outputs fail before any work."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading

import pytest

from instances import doubling_chain, read_instance, write_instance
from instances.qp_generators import random_qp

from tests.helpers.cli import assert_bad_input, run_cli, run_json
from tests.helpers.data import ROOT


@pytest.fixture
def files(tmp_path):
    g = tmp_path / "dc4.json"
    write_instance(doubling_chain(4), str(g))
    from reductions import target_module

    line = tmp_path / "dc3.line.json"
    write_instance(target_module("line").reduce(doubling_chain(3)), str(line))
    tree = tmp_path / "dc2.tree.json"
    write_instance(target_module("tree").reduce(doubling_chain(2)), str(tree))
    qp = tmp_path / "q.json"
    write_instance(random_qp(2, seed=1), str(qp))
    a = tmp_path / "a.json"
    a.write_text(json.dumps({"assignment": [1] * doubling_chain(4).n}))
    return {"g": g, "line": line, "tree": tree, "qp": qp, "a": a, "dir": tmp_path}


def _snapshot(folder):
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in folder.iterdir()}


@pytest.mark.parametrize("args", [
    ("flip", "{g}", "-o", "{g}"),
    ("flip", "{g}", "-o", "{glink}"),
    ("flip", "{g}", "--trajectory", "{g}"),
    ("flip", "{g}", "--checkpoint", "{g}"),
    ("flip", "{g}", "--checkpoint", "{dir}/c.json", "-o", "{dir}/c.json"),
    ("flip", "{g}", "--trajectory", "{dir}/t.json", "--checkpoint", "{dir}/t.json"),
    ("check", "{g}", "--assignment", "{g}"),  # only inputs: allowed, refused as a bad assignment instead
    ("search", "{line}", "-o", "{line}"),
    ("reduce", "{g}", "--to", "line", "-o", "{g}"),
    ("reduce", "{g}", "--to", "line", "-o", "{hard}"),
    ("exact", "{g}", "-o", "{g}"),
    ("exact", "{g}", "--hint", "{a}", "-o", "{a}"),
    ("allsat", "{line}", "-o", "{line}"),
    ("descend", "{qp}", "-o", "{qp}"),
])
def test_an_output_that_is_an_input_or_another_output_is_refused(files, args):
    d = files["dir"]
    (d / "glink.json").symlink_to(files["g"])
    os.link(files["g"], d / "hard.json")
    before = _snapshot(d)
    filled = [a.format(**files, glink=d / "glink.json", hard=d / "hard.json") for a in args]
    line = assert_bad_input(*filled)
    if args[0] != "check":
        assert "same file" in line
    assert _snapshot(d) == before  # every file untouched, nothing created


def test_a_store_is_never_replaced_by_a_report_or_an_export(tmp_path):
    db = tmp_path / "runs"  # no suffix: only the same-file check can stop it
    run_json("sweep", "--family", "dc", "--sizes", "2..4", "--jobs", 1, "--db", db)
    link = tmp_path / "runs.md"
    link.symlink_to(db)
    before = db.read_bytes()
    for args in (("report", db, "-o", db), ("report", db, "-o", link), ("export", db, "-o", db, "--format", "csv"),
                 ("sweep", "--family", "dc", "--sizes", "2", "--db", db, "--export", db),
                 ("report", tmp_path / "runs.sqlite", "-o", tmp_path / "runs.sqlite")):
        assert_bad_input(*args)
    assert db.read_bytes() == before


def test_outputs_through_links_fifos_and_devices(files):
    d = files["dir"]
    target = d / "target.json"
    link = d / "link.json"
    link.symlink_to(target)
    run_json("flip", files["g"], "-o", link)
    assert link.is_symlink() and json.loads(target.read_text())["kind"] == "assignment"
    fifo = d / "pipe.json"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo).read()))
    reader.start()
    run_json("generate", "dc", "--n", 3, "-o", fifo)
    reader.join(20)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and json.loads(got[0])["vertices"] == 10
    run_json("flip", files["g"], "-o", "/dev/null", "--trajectory", "/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_device_is_bad_input_and_stays_a_device():
    line = assert_bad_input("generate", "dc", "--n", 4, "-o", "/dev/full", mentions="/dev/full")
    assert "No space left" in line
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # as root too: never replaced by a regular file


@pytest.mark.parametrize("args,mentions", [
    (("generate", "dc", "--n", 3, "-o", "{d}/x.csv"), ".csv"),
    (("generate", "dc", "--n", 3, "--format", "gset", "--drop-start", "-o", "{d}/x.json"), ".json"),
    (("generate", "qp", "--n", 2, "-o", "{d}/q.gset"), "JSON only"),
    (("flip", "{g}", "-o", "{d}/a.csv"), ".csv"),
    (("reduce", "{g}", "--to", "line", "-o", "{d}/r.gset"), ".gset"),
    (("plot", "{d}/none.sqlite", "-o", "{d}/out.json"), "-o"),
    (("census", "--plot", "{d}/c.csv"), "--plot"),
    (("report", "{d}/none.sqlite", "--html", "-o", "{d}/r.md"), ".md"),
    (("export", "{d}/none.sqlite", "-o", "{d}/e.png"), ".png"),
    (("sweep", "--family", "dc", "--sizes", "2", "--db", "{d}/s.json"), "--db"),
])
def test_a_suffix_naming_another_format_is_refused(files, args, mentions):
    filled = [str(a).format(d=files["dir"], g=files["g"]) for a in args]
    before = _snapshot(files["dir"])
    assert mentions in assert_bad_input(*filled)
    assert _snapshot(files["dir"]) == before


def test_gset_drops_the_start_only_when_asked(tmp_path):
    out = tmp_path / "dc5.gset"
    assert "--drop-start" in assert_bad_input("generate", "dc", "--n", 5, "-o", out)
    assert not out.exists()
    run_json("generate", "dc", "--n", 5, "-o", out, "--drop-start")
    assert read_instance(str(out)).start is None
    assert_bad_input("generate", "gnp", "--n", 5, "--start", "random", "-o", tmp_path / "g.txt")
    run_json("generate", "gnp", "--n", 5, "-o", tmp_path / "g.txt")  # nothing to lose: no flag needed


def test_unwritable_outputs_fail_before_any_work(files):
    d = files["dir"]
    for option in ("--trajectory", "-o", "--checkpoint"):
        line = assert_bad_input("flip", files["g"], option, d / "no" / "such" / "x.json")
        assert option in line and "no directory" in line
    assert_bad_input("flip", files["g"], "--trajectory", d, mentions="directory")
    if os.geteuid() != 0:
        ro = d / "ro"
        ro.mkdir()
        os.chmod(ro, 0o555)
        assert_bad_input("flip", files["g"], "--trajectory", ro / "t.txt", mentions="--trajectory")


def _cli(*args, stdin=None):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "tripletpls", *map(str, args)], input=stdin, capture_output=True,
                          env=env, timeout=120)


def test_dash_is_stdin_and_stdout_and_never_a_file(tmp_path, monkeypatch):
    gen = _cli("generate", "dc", "--n", 3, "-o", "-")
    assert gen.returncode == 0 and json.loads(gen.stdout)["vertices"] == 10  # stdout holds the file only
    info = _cli("info", "-", "--json", stdin=gen.stdout)
    assert info.returncode == 0 and json.loads(info.stdout)["vertices"] == 10
    flip = _cli("flip", "-", "-o", "-", stdin=gen.stdout)
    assert flip.returncode == 0 and json.loads(flip.stdout)["kind"] == "assignment"
    assert_bad_input("check", "-", "--assignment", "-", mentions="only one file can be '-'")
    assert_bad_input("flip", "-", "-o", "-", "--json", mentions="both write to stdout")
    monkeypatch.chdir(tmp_path)
    assert_bad_input("sweep", "--family", "dc", "--sizes", "2", "--db", "-", mentions="cannot be '-'")
    assert_bad_input("report", "-", mentions="cannot be '-'")
    assert_bad_input("demo", "--out", "-", mentions="cannot be '-'")
    assert not (tmp_path / "-").exists()

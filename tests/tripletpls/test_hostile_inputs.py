"""Hostile inputs through every command: the generated corpus (tests.helpers.hostile) in every file
argument, tampered checkpoints, damaged reduction metadata and store pages, and hostile option values.
Each must exit 2 with one line on stderr naming the file (or the option), within a bounded time, and
leave every file as it was. The corpus is regenerated per session (megabytes, never in git)."""
from __future__ import annotations

import json
import os
import time

import pytest

from instances import doubling_chain, write_instance
from instances.qp_generators import random_qp

from tests.helpers.cli import run_cli
from tests.helpers.hostile import make_corpus, tampered_checkpoints

pytestmark = pytest.mark.timeout(120)
SECONDS = 20  # per case, on a loaded 2-core machine; the refusals themselves take milliseconds


def assert_refused(*args, mentions):
    """Exit 2, one stderr line naming ``mentions``, no traceback, nothing on stdout, in bounded time."""
    t0 = time.perf_counter()
    code, out, err = run_cli(*args)
    elapsed = time.perf_counter() - t0
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2, (code, err[:300])
    assert len(lines) == 1 and "Traceback" not in err, err[:500]
    assert mentions in lines[0], lines[0][:300]
    assert len(lines[0]) < 2200 and out == ""
    assert elapsed < SECONDS, f"{args[0]} took {elapsed:.1f} s"
    return lines[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """Genuine files to put beside a hostile one: a graph, its +1 assignment, a flip checkpoint, a store."""
    d = tmp_path_factory.mktemp("good")
    g = str(d / "dc3.json")
    write_instance(doubling_chain(3), g)
    a = str(d / "a.json")
    with open(a, "w") as f:
        json.dump({"assignment": [1] * doubling_chain(3).n}, f)
    from reductions import target_module

    line = str(d / "dc3.line.json")
    write_instance(target_module("line").reduce(doubling_chain(3)), line)
    return {"graph": g, "assignment": a, "line": line, "dir": d}


# every command, with the hostile file in its FILE argument
FILE_COMMANDS = [
    ("info", "{f}"), ("flip", "{f}"), ("check", "{f}", "--assignment", "{a}"), ("search", "{f}"),
    ("reduce", "{f}", "--to", "line", "-o", "{out}"), ("exact", "{f}"), ("paths", "{f}"), ("allsat", "{f}"),
    ("descend", "{f}"), ("anneal", "{f}"), ("census", "{f}"), ("design", "{f}", "--sequence", "0"),
    ("design", "{f}", "--check"),
]
# the hostile file in a second file argument (or a store argument)
OTHER_ARGUMENTS = [
    ("check", "{g}", "--assignment", "{f}"), ("check", "{line}", "--solution", "{f}"),
    ("allsat", "{line}", "--cut", "{f}"), ("flip", "{g}", "--resume", "{f}"), ("exact", "{g}", "--hint", "{f}"),
    ("sweep", "{f}", "--db", "{out}.sqlite"), ("plot", "{f}", "-o", "{out}.png"), ("report", "{f}"),
    ("export", "{f}", "-o", "{out}.csv"),
]


def _fill(template, f, good, tmp_path):
    return [a.format(f=f, a=good["assignment"], g=good["graph"], line=good["line"], out=str(tmp_path / "out"))
            for a in template]


@pytest.mark.parametrize("case", ["dev-zero", "nul.txt", "latin1.txt", "empty.txt", "digits.gset", "digits.json",
                                  "oneline.txt", "oneline.json", "vertices.gset", "edges.gset", "vertices.json",
                                  "points.json", "dim.json", "lossdim.json", "deep.json", "nan.json", "qpnan.json",
                                  "count.csv", "rows.csv", "shape.npy", "pickle.npy", "count.npy"])
def test_every_command_refuses_every_hostile_file(case, corpus, good, tmp_path):
    f = corpus[case]
    before = os.stat(f).st_size if os.path.isfile(f) else None
    for template in FILE_COMMANDS + OTHER_ARGUMENTS:
        if case == "empty.txt" and template[0] in ("report", "plot", "export", "sweep"):
            continue  # an empty file is a valid (empty) SQLite store / TOML grid: covered below
        assert_refused(*_fill(template, f, good, tmp_path), mentions=f)
    assert not any(p.name.startswith("out") for p in tmp_path.iterdir())  # nothing written
    if before is not None:
        assert os.stat(f).st_size == before


def test_empty_files_as_store_or_grid_are_bad_input(corpus, tmp_path):
    for cmd in (("report",), ("plot", "-o", tmp_path / "p.png"), ("export", "-o", tmp_path / "e.csv")):
        assert_refused(cmd[0], corpus["empty.txt"], *cmd[1:], mentions="not a result store")
    assert os.path.getsize(corpus["empty.txt"]) == 0  # reading a store never writes to it
    assert_refused("sweep", corpus["empty.txt"], "--db", tmp_path / "s.sqlite", mentions="family")


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_twenty_megabyte_cases_through_every_command(tmp_path, good):
    """The sizes of the stress test: a 20-million-digit integer, 20 MB one-line files."""
    corpus = make_corpus(tmp_path, big=20_000_000)
    for case in ("digits.gset", "digits.json", "oneline.txt", "oneline.json"):
        for template in FILE_COMMANDS + OTHER_ARGUMENTS:
            assert_refused(*_fill(template, corpus[case], good, tmp_path), mentions=corpus[case])


def test_tampered_checkpoints_are_refused(good, tmp_path):
    ck = tmp_path / "ck.json"
    code, _, err = run_cli("flip", good["graph"], "--max-steps", 5, "--checkpoint", ck)
    assert code == 0, err
    state = json.loads(ck.read_text())
    for name, path in tampered_checkpoints(tmp_path, good["graph"], state).items():
        line = assert_refused("flip", good["graph"], "--resume", path, "--json", mentions=path)
        assert "x" * 100 not in line, name  # a tampered string is never echoed whole
    assert json.loads(ck.read_text()) == state


def _reduced(tmp_path, target="line"):
    from reductions import target_module

    inst = target_module(target).reduce(doubling_chain(3))
    doc = json.loads(__import__("instances").jsonio.dumps(inst))
    return doc


@pytest.mark.parametrize("damage,needle", [
    (lambda r: r.pop("source"), "lacks its 'source'"),
    (lambda r: r.update(name="bogus"), "unknown reduction 'bogus'"),
    (lambda r: r.update(source={"kind": "graph"}), "meta.reduction"),
    (lambda r: r.update(source={"kind": "graph", "vertices": 2, "edges": []}), "meta.reduction"),
    (lambda r: r.update(vertex_points=10**6), "meta.reduction"),
])
@pytest.mark.parametrize("target", ["line", "tree"])
def test_damaged_reduction_metadata_is_bad_input(tmp_path, damage, needle, target):
    doc = _reduced(tmp_path, target)
    damage(doc["meta"]["reduction"])
    f = tmp_path / f"bad.{target}.json"
    f.write_text(json.dumps(doc))
    assert needle in assert_refused("search", f, "--json", mentions=str(f))
    if target == "tree":
        assert needle in assert_refused("exact", f, "--json", mentions=str(f))
    doc["meta"]["reduction"] = "not an object"
    f.write_text(json.dumps(doc))
    assert_refused("search", f, "--json", mentions="meta.reduction must be an object")


@pytest.mark.parametrize("damage,needle", [
    (lambda r: r.pop("source"), "lacks its 'source'"),
    (lambda r: r.update(name="line"), "meta.reduction"),
    (lambda r: r.update(source={"kind": "graph", "vertices": 2, "edges": []}), "expected kind 'qp'"),
])
def test_damaged_triplet_loss_metadata_is_bad_input(tmp_path, damage, needle):
    from reductions import qp_to_triplet_loss

    doc = json.loads(__import__("instances").jsonio.dumps(qp_to_triplet_loss.reduce(random_qp(2, seed=1))))
    damage(doc["meta"]["reduction"])
    f = tmp_path / "bad.loss.json"
    f.write_text(json.dumps(doc))
    assert needle in assert_refused("descend", f, "--json", mentions=str(f))


@pytest.mark.parametrize("qp,needle", [
    ({"Q": [[1e308, 0], [0, 1]], "c": [1e308, 1]}, "Q[0][0] has magnitude about 10^308"),
    ({"Q": [[-1e308]], "c": [0]}, "beyond the float descent's range"),
    ({"Q": [["1/3"]], "c": ["1e-320"]}, "c[0] has magnitude about 10^-320"),
    ({"Q": [[2**2000]], "c": [0]}, "Q[0][0]"),
])
def test_qp_files_beyond_float_range_are_refused_by_descend(tmp_path, qp, needle):
    f = tmp_path / "q.json"
    f.write_text(json.dumps({"kind": "qp", **qp}))
    assert needle in assert_refused("descend", f, "--json", mentions=str(f))


def test_qp_edge_cases_that_descend_handles(tmp_path):
    from tests.helpers.cli import run_json

    f = tmp_path / "q.json"
    f.write_text(json.dumps({"kind": "qp", "Q": [], "c": []}))  # no variables: the centre is eps-KKT
    d = run_json("descend", f)
    assert (d["iterations"], d["eps_kkt"]) == (0, True)
    f.write_text(json.dumps({"kind": "qp", "Q": [[2**200]], "c": [0]}))  # large but within the float range
    d = run_json("descend", f)
    assert d["eps_kkt"] and d["status"] == "eps_kkt"


def test_a_store_with_a_scrambled_page_is_refused_by_every_store_command(tmp_path):
    import random

    from tests.helpers.cli import run_json

    db = tmp_path / "s.sqlite"
    run_json("sweep", "--family", "dc", "--sizes", "2..12", "--rules", "first,steepest", "--jobs", 1, "--db", db)
    raw = bytearray(db.read_bytes())
    rnd = random.Random(1)
    raw[2 * 4096:3 * 4096] = bytes(rnd.randrange(256) for _ in range(4096))
    db.write_bytes(bytes(raw))
    for args in (("sweep", "--family", "dc", "--sizes", "2..4", "--db", db), ("report", db),
                 ("plot", db, "-o", tmp_path / "p.png"), ("export", db, "-o", tmp_path / "e.csv")):
        assert "damaged SQLite result store" in assert_refused(*args, mentions=str(db))
    assert db.read_bytes() == bytes(raw) and not (tmp_path / "p.png").exists()


# --- hostile option values ----------------------------------------------------------------------------
OPTIONS = [
    (("descend", "{qp}", "--eps", "inf"), "--eps"),
    (("descend", "{qp}", "--eps", "nan"), "--eps"),
    (("descend", "{qp}", "--time-limit", "inf"), "--time-limit"),
    (("flip", "{g}", "--time-limit", "nan"), "--time-limit"),
    (("flip", "{g}", "--checkpoint-every", "inf"), "--checkpoint-every"),
    (("search", "{g}", "--time-limit", "-inf"), "--time-limit"),
    (("generate", "gnp", "--n", 10, "--weights", "gaussian", "--sigma", "inf", "-o", "{out}"), "--sigma"),
    (("generate", "gnp", "--n", 10, "--weights", "uniform", "--wmin", -2**200, "-o", "{out}"), "--wmin"),
    (("generate", "gnp", "--n", 10**9, "-o", "{out}"), "vertices exceed"),
    (("generate", "gnp", "--n", 10**5, "-o", "{out}"), "vertex pairs exceed"),
    (("generate", "dc", "--n", 100_000, "-o", "{out}"), "levels exceed"),
    (("generate", "torus", "--shape", "100000x100000", "-o", "{out}"), "vertices exceed"),
    (("generate", "qp", "--n", 10**5, "-o", "{out}"), "QP entries exceed"),
    (("generate", "gnp", "--n", 10, "--seed", "9" * 30_000, "-o", "{out}"), "--seed"),
    (("exact", "{g}", "--workers", 100_000), "--workers"),
    (("sweep", "--family", "dc", "--sizes", "2..1000000000", "--db", "{out}.sqlite"), "sizes"),
    (("sweep", "--family", "dc", "--sizes", "2,100000", "--db", "{out}.sqlite"), "levels exceed"),
    (("sweep", "--family", "gnp", "--sizes", "5", "--param", "p=abc", "--db", "{out}.sqlite"), "parameter 'p'"),
    (("sweep", "--family", "gnp", "--sizes", "5", "--param", "sigma=inf", "--db", "{out}.sqlite"), "parameter 'sigma'"),
    (("sweep", "--family", "dc", "--sizes", "2", "--jobs", 100_000, "--db", "{out}.sqlite"), "--jobs"),
    (("demo", "--gnp-sizes", "1000000", "--out", "{out}"), "--gnp-sizes"),
    (("langevin", "--runs", 10**9, "--cap", 1), "--runs"),
    (("langevin", "--pairs", "0-9"), "--pairs"),
    (("langevin", "--threshold", "nan"), "--threshold"),
    (("census", "--n", 10**6, "--starts", 1), "--n"),
    (("census", "--tau", "inf"), "--tau"),
    (("census", "{g}", "--n", 3), "--n"),
    (("stationary", "--n", 10**5), "--n"),
    (("stationary", "--dps", 10**6), "--dps"),
    (("reduce", "{qp}", "--to", "triplet-loss", "--loss", "squared_hinge", "--eps", "abc", "-o", "{out}"), "--eps"),
    (("reduce", "{qp}", "--to", "triplet-loss", "--loss", "squared_hinge", "--eps", "-1", "-o", "{out}"), "--eps"),
    (("exact", "{tree}", "--hint", "{a}"), "--hint"),
    (("generate", "steep", "--n", 100_000, "-o", "{out}"), "levels exceed"),
    (("generate", "forced", "--n", 100_000, "-o", "{out}"), "levels exceed"),
    (("sweep", "--family", "forced", "--sizes", "2,100000", "--db", "{out}.sqlite"), "levels exceed"),
    (("reduce", "{qp}", "--to", "triplet-loss", "--dim", 10**9, "-o", "{out}"), "coordinates exceed"),
    (("reduce", "{g}", "--to", "rd", "--dim", 10**9, "-o", "{out}"), "coordinates"),
    (("reduce", "{g}", "--to", "tree", "-o", "{out}.csv"), "'-o'"),
    (("design", "{g}", "--sequence", "act(50)", "--macro", "act(k)=act(k-1) act(k-1)", "--macro", "act(0)=a1"),
     "expansion longer than"),
    (("design", "{g}", "--sequence", "act(100000)", "--macro", "act(k)=act(k-1)", "--macro", "act(0)=a1"),
     "nested deeper"),
    # found by feeding -1, 0, 10^30, nan, inf, '', 1e308 to every numeric option of every command
    (("census", "--tau", "1e308"), "--tau"),
    (("stationary", "--tau", "1e-300"), "--tau"),
    (("langevin", "--dt", "1e308"), "--dt"),
    (("langevin", "--cap", 10**30), "--cap"),
    (("langevin", "--hold", 10**30), "--hold"),
    (("anneal", "{g}", "--runs", 10**30), "--runs"),
    (("census", "--starts", 10**30), "--starts"),
    (("sweep", "--family", "dc", "--sizes", "2", "--max-steps", 10**30, "--db", "{out}.sqlite"), "--max-steps"),
]


@pytest.mark.parametrize("args,mentions", OPTIONS, ids=[" ".join(map(str, a[:3]))[:40] for a, _ in OPTIONS])
def test_hostile_option_values_are_refused_naming_the_option(args, mentions, good, tmp_path):
    qp = tmp_path / "q.json"
    write_instance(random_qp(2, seed=1), str(qp))
    tree = tmp_path / "t.json"
    from reductions import target_module

    write_instance(target_module("tree").reduce(doubling_chain(2)), str(tree))
    filled = [str(a).format(g=good["graph"], qp=qp, out=tmp_path / "out.json", a=good["assignment"], tree=tree)
              for a in args]
    assert_refused(*filled, mentions=mentions)
    assert not any(p.name.startswith("out") for p in tmp_path.iterdir())


@pytest.mark.parametrize("seed", [-1, 2**70, 2**63])
def test_every_seed_option_accepts_any_integer_and_records_the_seed_in_effect(seed, good, tmp_path):
    from tests.helpers.cli import run_json

    effective = seed % 2**63
    g = good["graph"]
    tree = tmp_path / "t.json"
    from reductions import target_module

    write_instance(target_module("line").reduce(doubling_chain(2)), str(tree))
    for args in (("flip", g, "--start", "random"), ("search", tree, "--start", "random"), ("paths", g),
                 ("exact", g), ("anneal", g), ("census", g, "--starts", 2), ("langevin", "--runs", 2, "--cap", 10),
                 ("generate", "gnp", "--n", 5, "-o", tmp_path / "g.json")):
        d = run_json(*args, "--seed", seed)
        assert d.get("seed", effective) == effective, (args[0], d.get("seed"))
    d = run_json("sweep", "--family", "gnp", "--sizes", 5, "--seeds", str(seed), "--jobs", 1, "--db", tmp_path / "s.sqlite")
    assert d["ran"] == 1
    from tripletpls.experiments.store import Store

    with Store(str(tmp_path / "s.sqlite")) as s:
        assert [r["seed"] for r in s.rows()] == [effective]


# --- every numeric option of every command, with hostile values -----------------------------------------
HOSTILE_VALUES = ("-1", "0", "1" + "0" * 30, "nan", "inf", "-inf", "", "x", "1e308", "1e-300")
# cheap runs of each command, so that an accepted value finishes quickly
BASES = {"flip": ("{g}",), "check": ("{g}", "--assignment", "{a}"), "exact": ("{g}", "--time-limit", "5"),
         "paths": ("{g}",), "anneal": ("{g}", "--cap", "200"), "info": ("{g}",), "search": ("{line}",),
         "allsat": ("{line}",), "descend": ("{qp}", "--max-iter", "200"), "reduce": ("{g}", "--to", "line", "-o", "{out}"),
         "design": ("{g}", "--sequence", "a1"), "census": ("--starts", "2", "--n", "3"),
         "generate": ("gnp", "--n", "5", "-o", "{out}"), "stationary": ("--n", "3"),
         "langevin": ("--runs", "2", "--cap", "100", "--c", "1"),
         "sweep": ("--family", "dc", "--sizes", "2", "--jobs", "1", "--db", "{out}.sqlite")}


@pytest.mark.timeout(600)
def test_every_numeric_option_of_every_command_takes_hostile_values_without_an_internal_error(good, tmp_path):
    import click

    from tests.helpers.cli import run_cli
    from tripletpls.cli import main

    qp = tmp_path / "q.json"
    write_instance(random_qp(2, seed=1), str(qp))
    failures = []
    for name, cmd in sorted(main.commands.items()):
        if name not in BASES:
            continue
        base = [a.format(g=good["graph"], a=good["assignment"], line=good["line"], qp=qp, out=tmp_path / "out.json")
                for a in BASES[name]]
        for p in cmd.params:
            if not isinstance(p, click.Option) or p.is_flag or isinstance(p.type, (click.Path, click.Choice)):
                continue
            opt = max(p.opts, key=len)
            if opt in ("--scheduler", "--sequence", "--macro", "--to"):
                continue  # a network address; the design pattern and reduction target are covered above
            if opt in base:
                continue
            for v in HOSTILE_VALUES:
                code, out, err = run_cli(name, *base, opt, v, "--json")
                lines = [ln for ln in err.splitlines() if ln.strip() and "Warning" not in ln]
                if code not in (0, 1, 2) or (code == 2 and len(lines) != 1):
                    failures.append(f"{name} {opt} {v}: exit {code}: {err.strip()[-160:]}")
                for f in tmp_path.iterdir():
                    if f.name.startswith("out"):
                        f.unlink()
    assert not failures, "\n".join(failures)

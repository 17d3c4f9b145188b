"""The command line as a whole: the bad-input contract (exit 2, one line, naming the file), the real
console process, every command module registered, a light ``--help``, and the layering of the app."""
from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys

import pytest

from tests.helpers.cli import assert_bad_input, run_cli
from tests.helpers.data import MALFORMED, ROOT

CORRUPT = [(f"{k}{name}", text, needle) for k, (name, text, needle) in enumerate(MALFORMED)]


@pytest.mark.parametrize("name,text,needle", CORRUPT, ids=[c[0] for c in CORRUPT])
def test_corrupted_files_exit_2_with_one_line(tmp_path, name, text, needle):
    p = tmp_path / name
    p.write_text(text)
    line = assert_bad_input("info", str(p), "--json", mentions=str(p))
    assert needle in line


def test_console_process_contract(tmp_path):
    """The real process: exit 2, one stderr line, nothing on stdout."""
    bad = tmp_path / "bad.txt"
    bad.write_text("3 2\n1 2 1\n")
    env = dict(os.environ, PYTHONPATH=ROOT)
    r = subprocess.run([sys.executable, "-m", "tripletpls", "info", str(bad), "--json"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 2 and r.stdout == "" and len(r.stderr.strip().splitlines()) == 1
    assert str(bad) in r.stderr


COMMANDS = {"allsat", "anneal", "census", "check", "demo", "descend", "design", "exact", "export", "flip", "generate", "info",
            "langevin", "paths", "plot", "reduce", "report", "search", "stationary", "sweep"}


def test_every_command_module_is_registered_under_its_name():
    import tripletpls.commands as pkg
    from tripletpls.cli import main

    modules = [m.name for m in pkgutil.iter_modules(pkg.__path__)]
    assert set(main.commands) == COMMANDS
    assert {m for m in modules if not m.startswith("_")} == COMMANDS  # one module per command
    code, out, _ = run_cli("--help")
    listed = {ln.split()[0] for ln in out.split("Commands:")[1].splitlines() if ln.strip()}
    assert code == 0 and listed == COMMANDS


def test_unknown_command_and_option_exit_2():
    assert_bad_input("frobnicate")
    assert_bad_input("flip", "--no-such-option", mentions="--no-such-option")


HEAVY = ("numba", "matplotlib", "scipy", "ortools", "pysat", "mpmath", "distributed", "rich", "pyarrow",
         "tripletpls.experiments.runner", "localsearch.maxcut.flip", "localsearch.landscape.langevin")


def test_help_imports_no_heavy_module():
    """``tripletpls --help`` imports every command module: engines and plotting load only when used."""
    code = ("import sys; from tripletpls.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, PYTHONPATH=ROOT))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"


def _imports(path: str) -> set[str]:
    """Absolute names a module imports (module level and inside functions), relative ones resolved."""
    rel = os.path.relpath(path, ROOT)[:-3].split(os.sep)
    package = rel[:-1]  # the package of a module and of an __init__ alike
    tree = ast.parse(open(path).read())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            mod = ".".join(base + ([node.module] if node.module else []))
            names.add(mod)
            names |= {f"{mod}.{a.name}" for a in node.names}
    return names


@pytest.mark.parametrize("layer", ["experiments", "plots", "pipeline"])
def test_experiments_plots_and_pipeline_never_import_the_command_line(layer):
    folder = os.path.join(ROOT, "tripletpls", layer)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            bad = {m for m in _imports(os.path.join(folder, name))
                   if m.split(".")[0] in ("click", "rich") or m.startswith(("tripletpls.commands", "tripletpls.cli"))}
            assert not bad, f"tripletpls/{layer}/{name} imports {sorted(bad)}"


def test_the_pipeline_imports_neither_experiments_nor_plots():
    folder = os.path.join(ROOT, "tripletpls", "pipeline")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            bad = {m for m in _imports(os.path.join(folder, name))
                   if m.startswith(("tripletpls.experiments", "tripletpls.plots"))}
            assert not bad, f"tripletpls/pipeline/{name} imports {sorted(bad)}"


def test_progress_bars_stay_on_a_terminal_stderr_under_json_with_rate_and_eta(tmp_path):
    import json
    import pty

    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm", COLUMNS="120")
    try:
        r = subprocess.Popen([sys.executable, "-m", "tripletpls", "census", "--n", "3", "--starts", "40", "--json"],
                             stdout=subprocess.PIPE, stderr=slave, cwd=ROOT, env=env)
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        out = r.stdout.read()
        assert r.wait(timeout=120) == 0
    finally:
        os.close(master)
    assert json.loads(out)["starts"] == 40  # stdout holds exactly the JSON
    text = seen.decode(errors="replace")
    assert "census" in text and "starts/s" in text and "ETA" in text, text[-500:]
    # without a terminal, nothing but the JSON: stderr stays empty
    plain = subprocess.run([sys.executable, "-m", "tripletpls", "census", "--n", "3", "--starts", "2", "--json"],
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert plain.returncode == 0 and plain.stderr == "" and json.loads(plain.stdout)["starts"] == 2

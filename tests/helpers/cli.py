"""Run the CLI in-process (fast) and return (exit code, stdout, stderr)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from tripletpls.cli import main


def run_cli(*args):
    """Run ``tripletpls ARGS`` in-process; return (exit code, stdout, stderr). Arguments are passed as ``str``."""
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="tripletpls", catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_json(*args, code: int = 0):
    """Run with --json; assert the exit code (default 0) and that stdout is exactly one line holding one JSON
    object; return it."""
    got, out, err = run_cli(*args, "--json")
    assert got == code, (got, err)
    lines = out.splitlines()
    assert len(lines) == 1, f"expected one line of JSON on stdout, got {len(lines)}: {out[:500]!r}"
    data = json.loads(lines[0])
    assert isinstance(data, dict), data
    return data


def assert_bad_input(*args, mentions=None):
    """Exit code 2, exactly one line on stderr (naming ``mentions``), no traceback."""
    code, out, err = run_cli(*args)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2, (code, err)
    assert len(lines) == 1 and "Traceback" not in err, err
    if mentions is not None:
        assert mentions in lines[0], lines[0]
    return lines[0]

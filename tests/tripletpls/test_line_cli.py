"""Kept only for ``tests/localsearch/triplets/test_realisation.py``, which imports ``run`` from here.

The tests that were here (reduce to the line / R^d and search) are in
``tests/tripletpls/commands/test_search.py``; once that import uses ``tests.helpers.cli``, delete this file.
"""
from click.testing import CliRunner

from tripletpls.cli import main


def run(*args):
    """(exit code, output) of ``tripletpls ARGS --json`` run in-process."""
    res = CliRunner().invoke(main, [*args, "--json"])
    return res.exit_code, res.output

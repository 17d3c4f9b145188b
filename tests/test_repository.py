"""The repository is self-contained: the README, the docs, the help texts and the tests need nothing
outside the checkout (no ``../shared``, no absolute paths of a development machine), every ``data/``
file the README uses is shipped, and every relative link of the README and the docs resolves."""
from __future__ import annotations

import os
import re

from tests.helpers.data import ROOT

#: the only file allowed to name a path outside the repository: the flip benchmark measures against a
#: C reference implementation that is not part of the project (and says so when it is absent)
OUTSIDE_ALLOWED = {os.path.join("bench", "bench_flip.py")}


def _texts():
    for folder in ("instances", "localsearch", "reductions", "tripletpls", "tests", "bench", "docs", "data"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, folder)):
            for f in files:
                if f.endswith((".py", ".md", ".toml")):
                    yield os.path.relpath(os.path.join(dirpath, f), ROOT)
    yield from ("README.md", "Makefile", "pyproject.toml")


def test_nothing_points_outside_the_checkout():
    outside = re.compile(r"\.\./shared|/work/(shared|wt|main)")
    offenders = []
    for rel in _texts():
        if rel in OUTSIDE_ALLOWED or rel == os.path.join("tests", "test_repository.py"):
            continue
        with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
            offenders += [f"{rel}:{k}" for k, line in enumerate(f, 1) if outside.search(line)]
    assert offenders == []


def test_the_readme_examples_use_shipped_data_and_its_links_resolve():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    used = set(re.findall(r"\bdata/([\w.+-]+\w)", readme)) - {"README.md"}
    assert used and all(os.path.isfile(os.path.join(ROOT, "data", f)) for f in used), used
    for doc in ("README.md", "docs/formats.md", "docs/cli.md", "data/README.md"):
        text = open(os.path.join(ROOT, doc), encoding="utf-8").read()
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):  # relative links, anchors dropped
            assert os.path.exists(os.path.join(ROOT, os.path.dirname(doc), target)), (doc, target)

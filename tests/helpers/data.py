"""Test data: the public benchmark instances shipped in the repository's ``data/`` (see data/README.md),
their published maximum cuts, and malformed instance files shared by the tests of the readers and of the
command line."""
from __future__ import annotations

import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DATA = os.path.join(ROOT, "data")
"""The repository's ``data/`` directory: a clean checkout has everything the tests read."""

SHARED_DATA = DATA
"""The former name of :data:`DATA` (the instances used to live outside the repository)."""

PUBLISHED = {"g05_60.0": 536, "pm1s_100.0": 127, "w01_100.0": 651, "bqp100-1.sparse.mc": 7970}
"""Proven maximum cuts of the Biq Mac instances in DATA (data/README.md)."""

BEST_KNOWN = {"G1.txt": 11624, "G43.txt": 6660}
"""Best known cuts of the Gset instances in DATA (no optimality proof: cuts found must not exceed them)."""

SIZES = {"g05_60.0": (60, 885), "pm1s_100.0": (100, 495), "w01_100.0": (100, 495),
         "bqp100-1.sparse.mc": (101, 563), "G1.txt": (800, 19176), "G43.txt": (1000, 9990)}
"""(vertices, edges) of every file in DATA, as data/README.md lists them."""


# --- malformed instance files: (text, a phrase the one-line error must contain) ---------------------------
# Read by tests/instances (the parsers, and read_instance naming the file) and by tests/tripletpls/test_cli.py
# (the command line's exit 2 with one line).
GSET_CASES = [
    ("", "empty"),
    ("\n\n", "empty"),
    ("3\n", "header"),
    ("3 1 5\n1 2 1\n", "header"),
    ("x 1\n1 2 1\n", "vertex count"),
    ("3 y\n1 2 1\n", "edge count"),
    ("0 0\n", "vertex count"),
    ("3 -1\n", "non-negative"),
    ("3 2\n1 2 1\n", "announces 2 edges"),
    ("3 1\n1 2 1\n2 3 1\n", "extra edge"),
    ("3 1\n1 2\n", "'i j w'"),
    ("3 1\n1 2 1 4\n", "'i j w'"),
    ("3 1\n1 4 1\n", "out of range"),
    ("3 1\n0 2 1\n", "out of range"),
    ("3 1\n2 2 1\n", "self-loop"),
    ("3 1\n1 2 1.5\n", "not an integer"),
    ("3 1\n1 2 1e3\n", "not an integer"),
    ("3 1\n1 2 one\n", "not an integer"),
    ("3 1\na 2 1\n", "not an integer"),
    ("3 2\n1 2 1\n2 1 5\n", "duplicate edge"),
    ("999999999999 0\n", "vertex count"),
    ("3 1\n1 2 0x10\n", "not an integer"),
]

JSON_CASES = [
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 1, 1]', "invalid JSON"),
    ('{"vertices": 3, "edges": []}', "'kind'"),
    ('{"kind": "hypergraph"}', "unknown kind"),
    ('[1, 2]', "object"),
    ('{"kind": "graph", "edges": []}', "'vertices'"),
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 1]]}', "[u, v, w]"),
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 1, 1.5]]}', "integer"),
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 1, "1"]]}', "integer"),
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 3, 1]]}', "out of range"),
    ('{"kind": "graph", "vertices": 3, "edges": [[1, 1, 1]]}', "self-loop"),
    ('{"kind": "graph", "vertices": 3, "edges": [[0, 1, 1], [1, 0, 2]]}', "duplicate"),
    ('{"kind": "graph", "vertices": 2, "edges": [], "start": [1, 0]}', "+1 or -1"),
    ('{"kind": "graph", "vertices": 2, "edges": [], "start": [1]}', "start assignment"),
    ('{"kind": "graph", "vertices": true, "edges": []}', "integer"),
    ('{"kind": "triplets", "points": 3, "triplets": [[0, 1, 1, 1]]}', "distinct"),
    ('{"kind": "triplets", "points": 3, "triplets": [[0, 1, 2, 0]]}', "positive"),
    ('{"kind": "triplets", "points": 3, "triplets": [[0, 1, 2]]}', "[a, b, c, w]"),
    ('{"kind": "triplets", "points": 3, "dim": 0, "triplets": []}', "dimension"),
    ('{"kind": "triplets", "points": 3, "target": "sphere", "triplets": []}', "unknown triplet target"),
    ('{"kind": "triplets", "points": 2, "triplets": [], "start": ["1/0", 1]}', "rational"),
    ('{"kind": "triplets", "points": 2, "target": "tree", "triplets": [], "start": {"parent": [2, 2, 5]}}', "parent"),
    ('{"kind": "triplets", "points": 2, "target": "betweenness", "triplets": [], "start": {"order": [0, 0]}}', "permutation"),
    ('{"kind": "qp", "Q": [[1, 2]], "c": [1]}', "entries"),
    ('{"kind": "qp", "Q": [[1]], "c": ["abc"]}', "rational"),
]

MALFORMED = [("bad.txt", t, n) for t, n in GSET_CASES] + [("bad.json", t, n) for t, n in JSON_CASES]
"""(file name, contents, phrase): Gset cases in ``bad.txt``, JSON cases in ``bad.json``."""

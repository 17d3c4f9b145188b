"""A hostile-input corpus, generated on the fly (no megabyte files in git): binary and endless files,
integers of millions of digits, one-line files of megabytes, declared sizes far beyond the content,
NaN and deep nesting. Every case must be refused by every command with exit 2, one line on stderr
naming the file, in bounded time and memory."""
from __future__ import annotations

import json
import os

#: Text (or bytes) of each corpus file; ``{big}`` is the size of the "large" cases (characters/digits).
TEXTS = {
    "nul.txt": b"2 1\n1 2 1\n\x00\x00",
    "latin1.txt": b"2 1\n1 2 \xff\n",
    "empty.txt": b"",
    "digits.gset": "2 1\n1 2 {digits}\n",
    "digits.json": '{{"kind": "graph", "vertices": 2, "edges": [[0, 1, {digits}]]}}',
    "oneline.txt": "{line}\n",
    "oneline.json": '{{"kind": "graph", "vertices": 2, "edges": [[0, 1, 1]], "names": ["{line}", "b"], "x": [}}',
    "vertices.gset": "1000000000 1\n1 2 1\n",
    "edges.gset": "3 100000000000\n1 2 1\n",
    "vertices.json": '{"kind": "graph", "vertices": 1000000000, "edges": [[0, 1, 1]]}',
    "points.json": '{"kind": "triplets", "points": 1000000000, "dim": 1, "triplets": [[0, 1, 2, 1]]}',
    "dim.json": '{"kind": "triplets", "points": 3, "dim": 1000000000, "triplets": [[0, 1, 2, 1]], "start": null}',
    "lossdim.json": '{"kind": "triplet-loss", "points": 3, "dim": 1000000000, "triplets": [[0, 1, 2, 1]]}',
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "nan.json": '{"kind": "graph", "vertices": 2, "edges": [[0, 1, NaN]]}',
    "qpnan.json": '{"kind": "qp", "Q": [[NaN]], "c": [Infinity]}',
    "count.csv": "0,1,2,1000000000000\n",  # cblearn's count response: one row repeated 10^12 times
    "rows.csv": "i,j,k\n0,1,2\n0,1,2\n0,1,{digits}\n",
}


def _npy(shape: str, data: bytes = b"\x00" * 24, descr: str = "<i8") -> bytes:
    """A .npy file (format 1.0) whose header declares ``shape``, followed by ``data``."""
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    header += " " * (-(10 + len(header) + 1) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode() + data


BINARY = {
    "shape.npy": _npy("(1000000000000, 3)"),  # numpy would allocate 24 TB before reading
    "pickle.npy": _npy("(1, 3)", b"\x80\x04N.", "|O"),  # an object array (a pickle)
    "count.npy": _npy("(1, 4)", (0).to_bytes(8, "little") + (1).to_bytes(8, "little") + (2).to_bytes(8, "little")
                      + (10**12).to_bytes(8, "little")),
}


def make_corpus(folder, big: int = 2_000_000) -> dict[str, str]:
    """Write the corpus into ``folder``; return name -> path (with ``/dev/zero`` as ``dev-zero``).

    Parameters
    ----------
    folder : path-like
        An empty directory.
    big : int
        Digits of the huge integers and characters of the one-line files (20,000,000 in the slow tests).
    """
    paths = {"dev-zero": "/dev/zero"}
    for name, text in TEXTS.items():
        if isinstance(text, str):
            if "{digits}" in text or "{line}" in text:
                text = text.format(digits="9" * big, line="x" * big)
            text = text.encode()
        p = os.path.join(str(folder), name)
        with open(p, "wb") as f:
            f.write(text)
        paths[name] = p
    for name, data in BINARY.items():
        p = os.path.join(str(folder), name)
        with open(p, "wb") as f:
            f.write(data)
        paths[name] = p
    return paths


def tampered_checkpoints(folder, graph_path: str, state: dict) -> dict[str, str]:
    """Checkpoint files with one field tampered each: name -> path.

    Parameters
    ----------
    folder : path-like
        Where to write them.
    graph_path : str
        Unused except for naming (the state belongs to that graph).
    state : dict
        A genuine checkpoint.
    """
    n = len(state["assignment"])
    cases = {
        "negative-steps": dict(state, steps=-5),
        "float-steps": dict(state, steps=float(state["steps"]) + 0.5),
        "string-steps": dict(state, steps="many"),
        "counts-disagree": dict(state, steps=state["steps"] + 1),
        "negative-seconds": dict(state, seconds=-1.0),
        "string-start": dict(state, start="x" * 100_000),
        "string-seed": dict(state, seed="abc"),
        "short-assignment": dict(state, assignment=state["assignment"][:-1]),
        "zero-sign": dict(state, assignment=[0] * n),
        "pointer": dict(state, rule_state={"pointer": 10**9}),
        "other-rule": dict(state, rule="x" * 100_000),
        "not-object": [1, 2, 3],
    }
    out = {}
    for name, doc in cases.items():
        p = os.path.join(str(folder), f"ck-{name}.json")
        with open(p, "w") as f:
            json.dump(doc, f)
        out[name] = p
    p = os.path.join(str(folder), "ck-nan.json")
    with open(p, "w") as f:
        f.write(json.dumps(state).replace('"seconds": ', '"seconds": NaN, "ignored": '))
    out["nan"] = p
    return out

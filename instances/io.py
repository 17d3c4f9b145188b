"""Reading and writing instance files, whatever their format (detected from the content).

A file whose first non-blank character is ``{`` (or ``[``) is the project's JSON; anything else is Gset text.
Every problem -- unreadable file, bad encoding, malformed content, wrong kind -- raises
``InstanceError`` naming the file (and the line where known).
"""
from __future__ import annotations

import json
import os

from . import jsonio
from .errors import InstanceError
from .graph import Assignment, Graph
from .gset import format_gset, parse_gset

GSET_SUFFIXES = (".txt", ".gset", ".rud", ".mc", ".0", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9")


def read_text(path: str) -> str:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise InstanceError("no such file", str(path)) from None
    except IsADirectoryError:
        raise InstanceError("is a directory, not a file", str(path)) from None
    except OSError as e:
        raise InstanceError(f"cannot read: {e.strerror or e}", str(path)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InstanceError(f"not UTF-8 text (byte {e.start})", str(path), line) from None


def parse_instance(text: str, path: str | None = None, expect=None, duplicates: str = "error"):
    if text.lstrip().startswith(("{", "[")):
        return jsonio.loads(text, path, expect)
    if "\x00" in text:
        raise InstanceError("binary data, not an instance file", path)
    g = parse_gset(text, path, duplicates=duplicates)
    if expect is not None and "graph" not in ((expect,) if isinstance(expect, str) else tuple(expect)):
        raise InstanceError(f"expected kind {expect!r}, got a Gset graph", path)
    return g


def read_instance(path: str, expect=None, duplicates: str = "error"):
    """Read any instance file; ``expect`` (a kind or tuple of kinds) rejects other kinds."""
    return parse_instance(read_text(path), str(path), expect, duplicates)


def write_instance(obj, path: str, fmt: str | None = None) -> None:
    """Write ``obj`` as project JSON, or as Gset text (graphs only) when ``fmt="gset"`` or the file
    name ends in a Gset-like suffix. Writes atomically (temp file + rename)."""
    if fmt is None:
        fmt = "gset" if isinstance(obj, Graph) and str(path).endswith(GSET_SUFFIXES) else "json"
    if fmt == "gset":
        if not isinstance(obj, Graph):
            raise InstanceError(f"only graphs can be written as Gset text, not {obj.kind}", str(path))
        text = format_gset(obj)
    elif fmt == "json":
        text = jsonio.dumps(obj) + "\n"
    else:
        raise InstanceError(f"unknown format {fmt!r} (json or gset)", str(path))
    write_text_atomic(path, text)


def write_text_atomic(path: str, text: str) -> None:
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InstanceError(f"cannot write: {e.strerror or e}", str(path)) from None


def write_json(path: str, obj: dict) -> None:
    write_text_atomic(path, json.dumps(obj) + "\n")


def read_assignment(path: str, n: int | None = None) -> Assignment:
    """An assignment from JSON (``{"assignment": [...]}`` or a bare list) or whitespace-separated
    +1/-1 tokens (one per line, as in the C reference's init files)."""
    text = read_text(path)
    stripped = text.lstrip()
    try:
        if stripped.startswith(("{", "[")):
            try:
                d = json.loads(text)
            except json.JSONDecodeError as e:
                raise InstanceError(f"invalid JSON: {e.msg}", str(path), e.lineno) from None
            vals = d.get("assignment") if isinstance(d, dict) else d
            if vals is None:
                raise InstanceError("JSON lacks the key 'assignment'", str(path))
            if not isinstance(vals, list) or not all(isinstance(x, int) and not isinstance(x, bool) for x in vals):
                raise InstanceError("'assignment' must be a list of +1/-1 integers", str(path))
        else:
            vals = []
            for k, line in enumerate(text.splitlines(), 1):
                for tok in line.split():
                    if tok not in ("1", "+1", "-1"):
                        raise InstanceError(f"assignment entry {tok!r} is not +1 or -1", str(path), k)
                    vals.append(int(tok))
        s = Assignment(tuple(vals))
    except InstanceError as e:
        raise e.at(str(path)) from None
    if n is not None and len(s) != n:
        raise InstanceError(f"assignment has {len(s)} entries, the graph has {n} vertices", str(path))
    return s

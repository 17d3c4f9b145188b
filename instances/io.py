"""Reading and writing instance files, whatever their format (detected from the content).

A file whose first non-blank character is ``{`` (or ``[``) is the project's JSON (``instances.jsonio``);
a ``.npy`` array (by its magic bytes) or text whose first line has commas is a set of triplets in
cblearn's formats (``instances.triplet_arrays``); anything else is Gset text (``instances.gset``).
Text files are UTF-8; ``write_instance`` writes triplets as ``.npy``/``.csv`` when the name ends so. Every problem -- unreadable file, bad
encoding, malformed content, wrong kind -- raises ``InstanceError`` naming the file (and the line where
known). Writes are atomic: a temporary file in the same directory, then a rename.

>>> import os, tempfile
>>> from instances.dc import doubling_chain
>>> folder = tempfile.mkdtemp()
>>> for name in ("dc3.json", "dc3.txt"):  # JSON, then Gset text (chosen by the suffix)
...     write_instance(doubling_chain(3), os.path.join(folder, name))
>>> read_instance(os.path.join(folder, "dc3.json")) == doubling_chain(3)
True
>>> read_instance(os.path.join(folder, "dc3.txt")).edges == doubling_chain(3).edges
True
>>> read_instance(os.path.join(folder, "dc3.txt"), expect="triplets")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
instances.errors.InstanceError: ...dc3.txt: expected kind 'triplets', got a Gset graph
>>> import shutil; shutil.rmtree(folder)
"""
from __future__ import annotations

import json
import os

from . import jsonio, triplet_arrays
from .errors import InstanceError
from .graph import Assignment, Graph
from .triplets import TripletInstance
from .gset import format_gset, parse_gset

__all__ = ["GSET_SUFFIXES", "read_bytes", "read_text", "parse_instance", "read_instance", "write_instance",
           "write_text_atomic", "write_bytes_atomic", "write_json", "read_assignment"]

GSET_SUFFIXES = (".txt", ".gset", ".rud", ".mc", ".0", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9")
"""File name endings that make ``write_instance`` write a graph as Gset text (Biq Mac files end in .0-.9)."""


def read_bytes(path: str) -> bytes:
    """The contents of a file, as bytes.

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    bytes

    Raises
    ------
    InstanceError
        If the file does not exist, is a directory or cannot be read.
    """
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise InstanceError("no such file", str(path)) from None
    except IsADirectoryError:
        raise InstanceError("is a directory, not a file", str(path)) from None
    except OSError as e:
        raise InstanceError(f"cannot read: {e.strerror or e}", str(path)) from None


def read_text(path: str) -> str:
    """The contents of a UTF-8 text file.

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    str

    Raises
    ------
    InstanceError
        If the file does not exist, is a directory, cannot be read, or is not UTF-8 (the message then
        names the line of the first bad byte).
    """
    return _decode(read_bytes(path), path)


def _decode(data: bytes, path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InstanceError(f"not UTF-8 text (byte {e.start})", str(path), line) from None


def parse_instance(text: str, path: str | None = None, expect=None, duplicates: str = "error"):
    """An instance from the text of a file: project JSON if it starts with ``{`` or ``[``, else Gset.

    Parameters
    ----------
    text : str
        The file's contents.
    path : str, optional
        The file name, used in error messages (and recorded by Gset graphs in ``meta["source"]``).
    expect : str or tuple of str, optional
        The accepted kinds (e.g. ``"graph"`` or ``("triplets", "qp")``); any kind by default.
    duplicates : {"error", "sum", "last"}, default "error"
        What a Gset file's repeated edges do (see ``instances.gset.parse_gset``).

    Returns
    -------
    Graph, TripletInstance, QP, TripletLoss or another registered kind

    Raises
    ------
    InstanceError
        If the text is malformed, binary (contains a NUL character), or of a kind not in ``expect``.

    Examples
    --------
    >>> parse_instance("2 1\\n1 2 7\\n").edges
    ((0, 1, 7),)
    >>> parse_instance('{"kind": "qp", "Q": [[1]], "c": [0]}').kind
    'qp'
    """
    if text.lstrip().startswith(("{", "[")):
        return jsonio.loads(text, path, expect)
    if "\x00" in text:
        raise InstanceError("binary data, not an instance file", path)
    if triplet_arrays.is_csv_text(text):
        return _expect(triplet_arrays.parse_csv(text, path), path, expect)
    g = parse_gset(text, path, duplicates=duplicates)
    if expect is not None and "graph" not in ((expect,) if isinstance(expect, str) else tuple(expect)):
        raise InstanceError(f"expected kind {expect!r}, got a Gset graph", path)
    return g


def read_instance(path: str, expect=None, duplicates: str = "error"):
    """Read an instance file of any format and kind (see ``parse_instance``).

    Parameters
    ----------
    path : str or path-like
        The file.
    expect : str or tuple of str, optional
        The accepted kinds; any kind by default.
    duplicates : {"error", "sum", "last"}, default "error"
        What a Gset file's repeated edges do.

    Returns
    -------
    Graph, TripletInstance, QP, TripletLoss or another registered kind

    Raises
    ------
    InstanceError
        If the file cannot be read, is malformed, or holds a kind not in ``expect``; the message names
        the file and, where known, the line.
    """
    data = read_bytes(path)
    if data.startswith(triplet_arrays.NPY_MAGIC):
        return _expect(triplet_arrays.parse_npy(data, str(path)), str(path), expect)
    return parse_instance(_decode(data, path), str(path), expect, duplicates)


def _expect(inst, path, expect):
    if expect is not None and inst.kind not in ((expect,) if isinstance(expect, str) else tuple(expect)):
        raise InstanceError(f"expected kind {expect!r}, got triplets (a cblearn array)", path)
    return inst


def write_instance(obj, path: str, fmt: str | None = None) -> None:
    """Write an instance to a file, atomically (temporary file, then rename).

    The format is project JSON, or Gset text when ``fmt="gset"`` or, by default, when ``obj`` is a graph
    and the file name ends in one of ``GSET_SUFFIXES``. Gset text drops a graph's names, start and meta.

    Parameters
    ----------
    obj : Graph, TripletInstance, QP, TripletLoss or another registered kind
        The instance.
    path : str or path-like
        The file to create or replace.
    fmt : {"json", "gset"}, optional
        The format; chosen from the file name by default.

    Raises
    ------
    InstanceError
        If ``fmt`` is unknown, Gset is asked for something other than a graph, or the file cannot be
        written (nothing is left behind then).
    TypeError
        If ``obj`` is of no registered JSON kind.
    """
    if fmt is None:
        fmt = "gset" if isinstance(obj, Graph) and str(path).endswith(GSET_SUFFIXES) else "json"
        fmt = {".npy": "npy", ".csv": "csv"}.get(os.path.splitext(str(path))[1].lower(), fmt)
    if fmt in ("npy", "csv"):
        if not isinstance(obj, TripletInstance):
            raise InstanceError(f"only triplets can be written as cblearn .{fmt}, not {obj.kind}", str(path))
        try:
            data = triplet_arrays.npy_bytes(obj) if fmt == "npy" else triplet_arrays.format_csv(obj).encode()
        except InstanceError as e:
            raise e.at(str(path)) from None
        return write_bytes_atomic(path, data)
    if fmt == "gset":
        if not isinstance(obj, Graph):
            raise InstanceError(f"only graphs can be written as Gset text, not {obj.kind}", str(path))
        text = format_gset(obj)
    elif fmt == "json":
        text = jsonio.dumps(obj) + "\n"
    else:
        raise InstanceError(f"unknown format {fmt!r} (json, gset, npy or csv)", str(path))
    write_text_atomic(path, text)


def write_text_atomic(path: str, text: str) -> None:
    """Write UTF-8 text to a file atomically (see :func:`write_bytes_atomic`).

    Parameters
    ----------
    path : str or path-like
        The file to create or replace.
    text : str
        The contents.

    Raises
    ------
    InstanceError
        If the file cannot be written.
    """
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str, data: bytes) -> None:
    """Write bytes to a file atomically: a temporary file beside it, then ``os.replace``.

    Readers never see a half-written file; on failure the temporary file is removed.

    Parameters
    ----------
    path : str or path-like
        The file to create or replace.
    data : bytes
        The contents.

    Raises
    ------
    InstanceError
        If the file cannot be written.
    """
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InstanceError(f"cannot write: {e.strerror or e}", str(path)) from None


def write_json(path: str, obj: dict) -> None:
    """Write a JSON document on one line (plus a newline) to a file, atomically.

    Parameters
    ----------
    path : str or path-like
        The file to create or replace.
    obj : dict
        A JSON-able document (e.g. a solution file).

    Raises
    ------
    InstanceError
        If the file cannot be written.
    """
    write_text_atomic(path, json.dumps(obj) + "\n")


def read_assignment(path: str, n: int | None = None) -> Assignment:
    """Read an assignment (a +1/-1 value per vertex) from a file.

    Accepted forms: JSON, either ``{"assignment": [...]}`` (e.g. a solution file written by the command
    line) or a bare list; or whitespace-separated tokens ``1``, ``+1`` or ``-1`` (one per line in the C
    reference implementation's init files).

    Parameters
    ----------
    path : str or path-like
        The file.
    n : int, optional
        The expected number of vertices.

    Returns
    -------
    Assignment

    Raises
    ------
    InstanceError
        If the file cannot be read, is malformed, has an entry other than +1/-1, or (with ``n``) has
        the wrong length; the message names the file (and the line of a bad token).
    """
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

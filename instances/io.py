"""Reading and writing instance files, whatever their format (detected from the content).

A file whose first non-blank character is ``{`` (or ``[``) is the project's JSON (``instances.jsonio``);
a ``.npy`` array (by its magic bytes) or text whose first line has commas is a set of triplets in
cblearn's formats (``instances.triplet_arrays``); anything else is Gset text (``instances.gset``).
Text files are UTF-8; ``write_instance`` writes triplets as ``.npy``/``.csv`` when the name ends so. Every problem -- unreadable file, bad
encoding, malformed content, wrong kind -- raises ``InstanceError`` naming the file (and the line where
known). Every output goes through ``open_output``: ``-`` is standard output, a regular file is replaced
atomically (a temporary file in the same directory, then a rename), a symbolic link keeps pointing to
its (rewritten) target, a FIFO or device is written through and never replaced. ``-`` as an input is
standard input. Inputs are read in bounded chunks (``instances.limits.MAX_FILE_BYTES``; binary data is
refused at its first NUL byte).

>>> import os, tempfile
>>> from instances.dc import doubling_chain
>>> folder = tempfile.mkdtemp()
>>> for name in ("dc3.json", "dc3.txt"):  # JSON, then Gset text (chosen by the suffix; no room for the start)
...     write_instance(doubling_chain(3), os.path.join(folder, name), drop_start=True)
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

import contextlib
import json
import os
import secrets
import stat as statmod
import sys

from . import jsonio, limits, triplet_arrays
from .errors import InstanceError
from .graph import Assignment, Graph
from .gset import format_gset, parse_gset
from .triplets import TripletInstance

__all__ = ["STDIO", "GSET_SUFFIXES", "read_bytes", "read_text", "parse_instance", "read_instance", "write_instance",
           "output_target", "open_output", "write_bytes", "write_text", "write_text_atomic", "write_bytes_atomic", "write_json",
           "truncate_lines", "read_assignment"]

STDIO = "-"
"""The file name that stands for standard input (when read) or standard output (when written)."""
_CHUNK = 1 << 20

GSET_SUFFIXES = (".txt", ".gset", ".rud", ".mc", ".0", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9")
"""File name endings that make ``write_instance`` write a graph as Gset text (Biq Mac files end in .0-.9)."""


def _is_stdio(path) -> bool:
    return isinstance(path, str) and path == STDIO


def _name(path, output: bool = False) -> str:
    """The name messages give a file argument (``<stdin>``, or ``<stdout>`` for an output, for ``-``)."""
    if _is_stdio(path):
        return "<stdout>" if output else "<stdin>"
    return os.fspath(path) if isinstance(path, os.PathLike) else str(path)


def read_bytes(path, limit: int | None = None, text: bool = False, binary_magic: bytes | None = None) -> bytes:
    """The contents of a file, read in chunks and refused beyond ``limit`` bytes; ``-`` is stdin.

    Parameters
    ----------
    path : str or path-like
        The file, or ``-`` for standard input (read once, never closed).
    limit : int, optional
        The most bytes accepted (default ``instances.limits.MAX_FILE_BYTES``).
    text : bool, default False
        Refuse binary data as soon as a chunk holds a NUL byte (so ``/dev/zero`` fails at once).
    binary_magic : bytes, optional
        With ``text``: data that starts with these bytes (a binary format, ``.npy``) is not refused.

    Returns
    -------
    bytes

    Raises
    ------
    InstanceError
        If the file does not exist, is a directory, cannot be read, is longer than ``limit``, or (with
        ``text``) holds a NUL byte.
    """
    limit = limits.MAX_FILE_BYTES if limit is None else limit
    name = _name(path)
    try:
        f = sys.stdin.buffer if _is_stdio(path) else open(path, "rb")
    except FileNotFoundError:
        raise InstanceError("no such file", name) from None
    except IsADirectoryError:
        raise InstanceError("is a directory, not a file", name) from None
    except OSError as e:
        raise InstanceError(f"cannot read: {e.strerror or e}", name) from None
    chunks, size = [], 0
    try:
        while True:
            chunk = f.read(min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            if text and not size and binary_magic and chunk.startswith(binary_magic):
                text = False
            if text and b"\x00" in chunk:
                where = size + chunk.index(b"\x00")
                raise InstanceError(f"binary data (a NUL byte at offset {where}), not a text file", name)
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InstanceError(f"larger than the limit of {limit} bytes (instances.limits.MAX_FILE_BYTES)",
                                    name)
    except IsADirectoryError:
        raise InstanceError("is a directory, not a file", name) from None
    except OSError as e:
        raise InstanceError(f"cannot read: {e.strerror or e}", name) from None
    finally:
        if not _is_stdio(path):
            f.close()
    return b"".join(chunks)


def read_text(path) -> str:
    """The contents of a UTF-8 text file (``-``: standard input), read bounded (see ``read_bytes``).

    Parameters
    ----------
    path : str or path-like
        The file, or ``-`` for standard input.

    Returns
    -------
    str

    Raises
    ------
    InstanceError
        If the file does not exist, is a directory, cannot be read, exceeds
        ``instances.limits.MAX_FILE_BYTES``, holds a NUL byte, or is not UTF-8 (the message then names
        the line of the first bad byte).

    Examples
    --------
    >>> read_text("/dev/zero")
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: /dev/zero: binary data (a NUL byte at offset 0), not a text file
    """
    return _decode(read_bytes(path, text=True), path)


def _decode(data: bytes, path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InstanceError(f"not UTF-8 text (byte {e.start})", _name(path), line) from None


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
    data = read_bytes(path, text=True, binary_magic=triplet_arrays.NPY_MAGIC)
    if data.startswith(triplet_arrays.NPY_MAGIC):
        return _expect(triplet_arrays.parse_npy(data, _name(path)), _name(path), expect)
    return parse_instance(_decode(data, path), _name(path), expect, duplicates)


def _expect(inst, path, expect):
    if expect is not None and inst.kind not in ((expect,) if isinstance(expect, str) else tuple(expect)):
        raise InstanceError(f"expected kind {expect!r}, got triplets (a cblearn array)", path)
    return inst


def write_instance(obj, path, fmt: str | None = None, drop_start: bool = False) -> None:
    """Write an instance to a file safely (see ``open_output``); ``-`` is standard output.

    The format is project JSON, or Gset text when ``fmt="gset"`` or, by default, when ``obj`` is a graph
    and the file name ends in one of ``GSET_SUFFIXES``, or cblearn's ``.npy``/``.csv`` for triplets
    (``fmt="npy"``/``"csv"`` or a name ending so; ``instances.triplet_arrays``). Gset text has no place for a graph's names,
    start and meta: names and meta are dropped, a start only with ``drop_start=True`` (it changes
    what local search does from the file's own start).

    Parameters
    ----------
    obj : Graph, TripletInstance, QP, TripletLoss or another registered kind
        The instance.
    path : str or path-like
        The file to create or replace, or ``-``.
    fmt : {"json", "gset", "npy", "csv"}, optional
        The format; chosen from the file name by default.
    drop_start : bool, default False
        Allow Gset text to lose the graph's start assignment.

    Raises
    ------
    InstanceError
        If ``fmt`` is unknown, Gset is asked for something other than a graph or for a graph with a
        start (without ``drop_start``), a cblearn format for something other than euclidean triplets,
        or the file cannot be written (it is then left as it was).
    TypeError
        If ``obj`` is of no registered JSON kind.
    """
    if fmt is None:
        fmt = "gset" if isinstance(obj, Graph) and _name(path).lower().endswith(GSET_SUFFIXES) else "json"
        fmt = {".npy": "npy", ".csv": "csv"}.get(os.path.splitext(_name(path))[1].lower(), fmt)
    if fmt in ("npy", "csv"):
        if not isinstance(obj, TripletInstance):
            raise InstanceError(f"only triplets can be written as cblearn .{fmt}, not {obj.kind}", _name(path, True))
        try:
            data = triplet_arrays.npy_bytes(obj) if fmt == "npy" else triplet_arrays.format_csv(obj).encode()
        except InstanceError as e:
            raise e.at(_name(path, True)) from None
        return write_bytes(path, data)
    if fmt == "gset":
        if not isinstance(obj, Graph):
            raise InstanceError(f"only graphs can be written as Gset text, not {obj.kind}", _name(path, True))
        if obj.start is not None and not drop_start:
            raise InstanceError("Gset text cannot hold the graph's start assignment (write JSON, or drop the "
                                "start explicitly)", _name(path, True))
        text = format_gset(obj)
    elif fmt == "json":
        text = jsonio.dumps(obj) + "\n"
    else:
        raise InstanceError(f"unknown format {fmt!r} (json, gset, npy or csv)", _name(path, True))
    write_text(path, text)


def output_target(path) -> tuple[str, bool]:
    """Where writing to ``path`` goes, and whether it is replaced atomically.

    A symbolic link is followed (its target is written; the link stays). A regular file, or a name that
    does not exist yet, is written atomically (a temporary file beside it, renamed over it). A FIFO or
    a character device (``/dev/null``, a terminal) is written through in place, never replaced.

    Parameters
    ----------
    path : str or path-like
        The output, or ``-`` (standard output).

    Returns
    -------
    (str, bool)
        The file to write (``-`` for standard output) and True for an atomic replacement.

    Raises
    ------
    InstanceError
        If the target is a directory, a block device or a socket, or its directory does not exist or
        is not writable, or an existing target is read-only.

    Examples
    --------
    >>> output_target("/dev/null")
    ('/dev/null', False)
    """
    if _is_stdio(path):
        return STDIO, False
    name = _name(path, True)
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        folder = os.path.dirname(real) or "."
        if not os.path.isdir(folder):
            raise InstanceError(f"cannot write: no directory {os.path.dirname(name) or folder!r}", name) from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise InstanceError("cannot write: permission denied (directory not writable)", name) from None
        return real, True
    except OSError as e:
        raise InstanceError(f"cannot write: {e.strerror or e}", name) from None
    mode = st.st_mode
    if statmod.S_ISDIR(mode):
        raise InstanceError("is a directory, not a file", name)
    if statmod.S_ISREG(mode):
        if not os.access(real, os.W_OK):
            raise InstanceError("cannot write: the file is read-only", name)
        if not os.access(os.path.dirname(real) or ".", os.W_OK | os.X_OK):
            raise InstanceError("cannot write: permission denied (directory not writable)", name)
        return real, True
    if statmod.S_ISFIFO(mode) or statmod.S_ISCHR(mode):
        return real, False
    what = "a block device" if statmod.S_ISBLK(mode) else "a socket" if statmod.S_ISSOCK(mode) else "not a file"
    raise InstanceError(f"is {what}; refusing to write to it", name)


@contextlib.contextmanager
def open_output(path, mode: str = "w", atomic: bool = True, newline: str | None = None):
    """Open an output file safely: the one way every output of the project is written.

    ``-`` is standard output (flushed, not closed). A regular or new file is written to a temporary
    file in its directory, renamed over it when the block ends without an error (readers never see a
    half-written file; on an error the target is left as it was and the temporary file removed); with
    ``atomic=False`` (streams that must survive a kill, appends) it is written in place. A symbolic
    link's target is written and the link kept; a FIFO or character device is written through, never
    replaced (see ``output_target``).

    Parameters
    ----------
    path : str or path-like
        The output, or ``-``.
    mode : {"w", "wb", "a", "ab"}, default "w"
        Text or binary; ``a`` appends (in place).
    atomic : bool, default True
        Replace a regular file by renaming a complete temporary file over it.
    newline : str, optional
        As for ``open`` (text modes), e.g. ``""`` for the csv module.

    Yields
    ------
    file object

    Raises
    ------
    InstanceError
        If the target cannot be written (see ``output_target``), or writing fails (a full device,
        ``/dev/full``); the message names the file.
    BrokenPipeError
        If the output is ``-`` and standard output is a pipe whose reader has gone away.

    Examples
    --------
    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> target = os.path.join(folder, "out.txt")
    >>> os.symlink(target, os.path.join(folder, "link.txt"))
    >>> with open_output(os.path.join(folder, "link.txt")) as f:
    ...     _ = f.write("hello")
    >>> os.path.islink(os.path.join(folder, "link.txt")), open(target).read()
    (True, 'hello')
    """
    if mode not in ("w", "wb", "a", "ab"):
        raise ValueError(f"unknown output mode {mode!r}")
    binary = "b" in mode
    name = _name(path, True)
    real, replace = output_target(path)
    if real == STDIO:
        out = sys.stdout.buffer if binary else sys.stdout
        try:
            yield out
            out.flush()
        except BrokenPipeError:
            raise  # the reader went away (``| head``): not a problem of the data; the caller decides
        except OSError as e:
            raise InstanceError(f"cannot write: {e.strerror or e}", name) from None
        return
    if not (replace and atomic and mode[0] == "w"):
        try:
            f = open(real, mode, **({} if binary else {"encoding": "utf-8", "newline": newline}))
        except OSError as e:
            raise InstanceError(f"cannot write: {e.strerror or e}", name) from None
        try:
            with f:
                yield f
        except OSError as e:
            raise InstanceError(f"cannot write: {e.strerror or e}", name) from None
        return
    folder, base = os.path.split(real)
    tmp = os.path.join(folder, f".{base}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as e:
        raise InstanceError(f"cannot write: {e.strerror or e}", name) from None
    done = False
    try:
        with os.fdopen(fd, mode, **({} if binary else {"encoding": "utf-8", "newline": newline})) as f:
            yield f
        try:
            os.chmod(tmp, os.stat(real).st_mode & 0o7777)  # keep the permissions of the file replaced
        except FileNotFoundError:
            pass
        os.replace(tmp, real)
        done = True
    except OSError as e:
        raise InstanceError(f"cannot write: {e.strerror or e}", name) from None
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_bytes(path, data: bytes) -> None:
    """Write bytes to an output safely (see ``open_output``); ``-`` is standard output.

    Parameters
    ----------
    path : str or path-like
        The file to create or replace, or ``-``.
    data : bytes
        The contents.

    Raises
    ------
    InstanceError
        If the file cannot be written (it is then left as it was).
    """
    with open_output(path, "wb") as f:
        f.write(data)


def write_text(path, text: str) -> None:
    """Write UTF-8 text to an output safely (see ``open_output``); ``-`` is standard output.

    Parameters
    ----------
    path : str or path-like
        The file to create or replace, or ``-``.
    text : str
        The contents.

    Raises
    ------
    InstanceError
        If the file cannot be written (it is then left as it was).
    """
    write_bytes(path, text.encode("utf-8"))


write_text_atomic = write_text  # the names of earlier versions
write_bytes_atomic = write_bytes


def write_json(path, obj: dict) -> None:
    """Write a JSON document on one line (plus a newline) to an output safely (see ``open_output``).

    Parameters
    ----------
    path : str or path-like
        The file to create or replace, or ``-``.
    obj : dict
        A JSON-able document (e.g. a solution file).

    Raises
    ------
    InstanceError
        If the file cannot be written.
    """
    write_text(path, json.dumps(obj) + "\n")


def truncate_lines(path, lines: int) -> int:
    """Cut a text file in place after its first ``lines`` complete lines (a stream resumed from a checkpoint).

    Parameters
    ----------
    path : str or path-like
        A regular file (anything else is left alone).
    lines : int
        The number of complete lines to keep.

    Returns
    -------
    int
        The number of complete lines the file had (``lines`` or more), or -1 for a file that is not
        regular or does not exist.

    Raises
    ------
    InstanceError
        If the file has fewer than ``lines`` complete lines (it is then left as it was), or cannot be
        read or written.

    Examples
    --------
    >>> import os, tempfile
    >>> p = os.path.join(tempfile.mkdtemp(), "t.txt")
    >>> _ = open(p, "w").write("1\\n2\\n3\\n4")
    >>> truncate_lines(p, 2), open(p).read()
    (3, '1\\n2\\n')
    """
    name = _name(path, True)
    real = os.path.realpath(path) if not _is_stdio(path) else None
    if real is None or not os.path.isfile(real):
        return -1
    kept, count, offset = None, 0, 0
    try:
        with open(real, "r+b") as f:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    break
                start = 0
                while True:
                    k = chunk.find(b"\n", start)
                    if k < 0:
                        break
                    count += 1
                    if count == lines:
                        kept = offset + k + 1
                    start = k + 1
                offset += len(chunk)
            if lines == 0:
                kept = 0
            if kept is None:
                raise InstanceError(f"has {count} complete lines, fewer than the {lines} to keep", name)
            f.truncate(kept)
    except OSError as e:
        raise InstanceError(f"cannot truncate: {e.strerror or e}", name) from None
    return count


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
    name = _name(path)
    text = read_text(path)
    stripped = text.lstrip()
    try:
        if stripped.startswith(("{", "[")):
            d = jsonio.parse_json(text, name, constants=False)
            vals = d.get("assignment") if isinstance(d, dict) else d
            if vals is None:
                raise InstanceError("JSON lacks the key 'assignment'", name)
            if not isinstance(vals, list) or not all(isinstance(x, int) and not isinstance(x, bool) for x in vals):
                raise InstanceError("'assignment' must be a list of +1/-1 integers", name)
        else:
            vals = []
            for k, line in enumerate(text.splitlines(), 1):
                for tok in line.split():
                    if tok not in ("1", "+1", "-1"):
                        raise InstanceError(f"assignment entry {tok!r} is not +1 or -1", name, k)
                    vals.append(int(tok))
        s = Assignment(tuple(vals))
    except InstanceError as e:
        raise e.at(name) from None
    if n is not None and len(s) != n:
        raise InstanceError(f"assignment has {len(s)} entries, the graph has {n} vertices", name)
    return s

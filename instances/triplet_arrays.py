"""Triplets in cblearn's array formats, in memory and in files (``.npy``, ``.csv``).

cblearn (Künstle & von Luxburg, JOSS 2024) writes a set of triplet comparisons as an integer array of
rows (i, j, k), in one of two list formats:

- ``list-order``: shape (t, 3); the row says "i is closer to j than to k" (our triplet (i, j, k)).
- ``list-boolean`` / ``list-count``: the same rows plus responses y. As in cblearn, y whose values all
  lie in {0, 1} (or of dtype bool) is boolean: True keeps the row, False means "i is closer to k than
  to j" (the row is stored as (i, k, j)). Other numeric y is a count: its sign orients the row and
  |y| repeats it; 0 (undecided) cannot be oriented and is an error.

Weights: cblearn's arrays have none; a row that occurs w times is one triplet of weight w
(``instance_from_rows``), and a weighted instance is written to ``.npy`` by repeating each row w
times (up to ``MAX_ROWS`` rows in all). CSV files may carry the weights instead, exactly, in a fourth
column named by the header ``i,j,k,w`` (our extension; integers of any size).

Files: ``.npy`` holds a (t, 3) integer array (list-order) or a (t, 4) one whose last column is y;
``.csv`` holds one row per line, ``i,j,k`` or ``i,j,k,y`` (y as 1/0/-1 or true/false) or, after the header
``i,j,k,w``, ``i,j,k,w``; an optional header line and ``#`` comments. A ``.npy`` file is recognised by its magic bytes and a CSV file by the
commas of its first line, so both can be read without a file name (from a pipe).

>>> orient([[0, 1, 2], [3, 1, 2]], [1, -1]).tolist()
[[0, 1, 2], [3, 2, 1]]
>>> inst = parse_csv("i,j,k\\n0,1,2\\n0,1,2\\n2,1,0\\n")
>>> inst.triplets
((0, 1, 2, 2), (2, 1, 0, 1))
>>> parse_npy(npy_bytes(inst)) == inst
True
"""
from __future__ import annotations

import io

import numpy as np

from .errors import InstanceError
from .triplets import TripletInstance

__all__ = ["NPY_MAGIC", "MAX_ROWS", "orient", "instance_from_rows", "parse_npy", "parse_csv", "rows_of",
           "npy_bytes", "format_csv", "is_csv_text"]

NPY_MAGIC = b"\x93NUMPY"
"""The first bytes of every ``.npy`` file."""

MAX_ROWS = 1_000_000
"""The most rows a weighted instance is expanded to when written in a cblearn format."""


def _int_array(a, what: str, ncols: tuple) -> np.ndarray:
    """An integer array of shape (t, c), c in ncols: integral floats accepted, anything else refused."""
    try:
        arr = np.asarray(a)
    except (ValueError, TypeError) as e:
        raise InstanceError(f"{what} is not an array: {e}") from None
    if arr.size == 0:
        return np.zeros((0, ncols[0]), dtype=np.int64)
    if arr.ndim != 2 or arr.shape[1] not in ncols:
        want = " or ".join(f"(t, {c})" for c in ncols)
        raise InstanceError(f"{what} must have shape {want}, got {arr.shape}")
    if arr.dtype.kind in "iu":
        return arr.astype(np.int64)
    if arr.dtype.kind == "f" and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)) and np.all(np.abs(arr) < 2**62):
        return arr.astype(np.int64)
    raise InstanceError(f"{what} must hold integers, got dtype {arr.dtype}")


def orient(X, y=None) -> np.ndarray:
    """Triplets in cblearn's list format, turned into list-order rows (i closer to j than to k).

    Parameters
    ----------
    X : array_like, shape (t, 3)
        Integer rows (i, j, k) of distinct non-negative indices.
    y : array_like, shape (t,), optional
        Responses (module docstring): None for list-order; bool or {0, 1} (boolean); other integers (count).

    Returns
    -------
    numpy.ndarray
        int64, shape (t', 3): the oriented rows (t' = t, or the sum of |y| for counts).

    Raises
    ------
    InstanceError
        For a wrong shape or dtype, a negative index, a row repeating a point, a response array of the
        wrong length or type, or an undecided (0) count.

    Examples
    --------
    >>> orient([[0, 1, 2]], [False]).tolist(), orient([[0, 1, 2]], [-2]).tolist()
    ([[0, 2, 1]], [[0, 2, 1], [0, 2, 1]])
    """
    arr = _int_array(X, "the triplet array", (3,))
    if len(arr):
        if arr.min() < 0:
            r = int(np.argmax(arr.min(axis=1) < 0))
            raise InstanceError(f"triplet row {r} {arr[r].tolist()} has a negative index")
        same = (arr[:, 0] == arr[:, 1]) | (arr[:, 0] == arr[:, 2]) | (arr[:, 1] == arr[:, 2])
        if same.any():
            r = int(np.argmax(same))
            raise InstanceError(f"triplet row {r} {arr[r].tolist()} repeats a point")
    if y is None:
        return arr
    resp = np.asarray(y)
    if resp.ndim != 1 or len(resp) != len(arr):
        raise InstanceError(f"{resp.shape} responses for {len(arr)} triplets; y must have shape ({len(arr)},)")
    if resp.dtype.kind == "b" or (resp.dtype.kind in "iuf" and np.isin(resp, [0, 1]).all()):
        keep = resp.astype(bool)
        return np.where(keep[:, None], arr, arr[:, [0, 2, 1]])
    if resp.dtype.kind not in "iuf" or not np.all(np.isfinite(resp)) or not np.all(resp == np.round(resp)):
        raise InstanceError(f"responses must be booleans or integers, got dtype {resp.dtype}")
    counts = resp.astype(np.int64)
    if (counts == 0).any():
        r = int(np.argmax(counts == 0))
        raise InstanceError(f"response {r} is 0 (undecided): it cannot be turned into an ordered triplet")
    rows = np.where((counts > 0)[:, None], arr, arr[:, [0, 2, 1]])
    return np.repeat(rows, np.abs(counts), axis=0)


def instance_from_rows(rows, points: int | None = None, dim: int = 1) -> TripletInstance:
    """A euclidean instance from list-order rows: each distinct row once, its weight its multiplicity.

    Parameters
    ----------
    rows : array_like of int, shape (t, 3)
        list-order rows (see :func:`orient`).
    points : int, optional
        The number of points (default: 1 + the largest index, 0 without rows).
    dim : int, default 1
        The dimension.

    Returns
    -------
    TripletInstance
        Triplets in the order of first occurrence.

    Raises
    ------
    InstanceError
        If ``points`` is smaller than an index, or a row is invalid.

    Examples
    --------
    >>> instance_from_rows([[1, 0, 2], [1, 0, 2]]).triplets
    ((1, 0, 2, 2),)
    """
    arr = orient(rows)
    weights: dict = {}
    for t in map(tuple, arr.tolist()):
        weights[t] = weights.get(t, 0) + 1
    if points is None:
        points = int(arr.max()) + 1 if len(arr) else 0
    return TripletInstance(points, tuple(t + (w,) for t, w in weights.items()), dim=dim)


def _with_responses(arr: np.ndarray) -> TripletInstance:
    if arr.shape[1] == 4:
        return instance_from_rows(orient(arr[:, :3], arr[:, 3]))
    return instance_from_rows(orient(arr))


def parse_npy(data: bytes, path: str | None = None) -> TripletInstance:
    """A triplet instance from the bytes of a ``.npy`` file: (t, 3) list-order or (t, 4) with y last.

    Parameters
    ----------
    data : bytes
        The file's contents.
    path : str, optional
        The file name for error messages.

    Returns
    -------
    TripletInstance

    Raises
    ------
    InstanceError
        If the bytes are not a readable ``.npy`` array (pickled objects are refused) of valid triplets.
    """
    try:
        arr = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError) as e:
        raise InstanceError(f"not a readable .npy array: {' '.join(str(e).split())[:200]}", path) from None
    try:
        if arr.dtype.kind == "b":
            arr = arr.astype(np.int64)
        return _with_responses(_int_array(arr, "the .npy array", (3, 4)))
    except InstanceError as e:
        raise e.at(path) from None


def is_csv_text(text: str) -> bool:
    """True iff the first line that is neither blank nor a ``#`` comment contains a comma.

    Examples
    --------
    >>> is_csv_text("# triplets\\n0,1,2\\n"), is_csv_text("3 1\\n1 2 5\\n")
    (True, False)
    """
    for line in text.splitlines():
        s = line.strip()
        if s and not s.startswith("#"):
            return "," in s
    return False


_Y = {"true": 1, "false": 0, "1": 1, "0": 0, "-1": -1, "+1": 1}


def parse_csv(text: str, path: str | None = None) -> TripletInstance:
    """A triplet instance from CSV text: ``i,j,k`` rows (list-order) or ``i,j,k,y`` (with responses).

    A first line that is not numeric is a header; blank lines and lines starting with ``#`` are skipped.

    Parameters
    ----------
    text : str
        The file's contents.
    path : str, optional
        The file name for error messages.

    Returns
    -------
    TripletInstance

    Raises
    ------
    InstanceError
        Naming the line of a malformed row (wrong number of fields, non-integer index, bad response).

    Examples
    --------
    >>> parse_csv("0,1,2,false\\n").triplets
    ((0, 2, 1, 1),)
    """
    rows, resp, width, first, weighted = [], [], None, True, False
    for k, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        fields = [f.strip() for f in s.split(",")]
        if first and not fields[0].lstrip("+-").isdigit():
            first = False
            weighted = len(fields) == 4 and fields[3].lower() in ("w", "weight")
            continue  # a header
        first = False
        if width is None:
            width = len(fields)
            if width not in (3, 4):
                raise InstanceError(f"a row must be i,j,k or i,j,k,y; got {len(fields)} fields", path, k)
        if len(fields) != width:
            raise InstanceError(f"{len(fields)} fields where earlier rows have {width}", path, k)
        try:
            rows.append([int(f) for f in fields[:3]])
        except ValueError:
            raise InstanceError(f"indices must be integers, got {','.join(fields[:3])[:80]!r}", path, k) from None
        if width == 4 and weighted:
            if not fields[3].isdigit() or len(fields[3]) > 10_000:
                raise InstanceError(f"weight {fields[3][:40]!r} is not a positive integer", path, k)
            resp.append(int(fields[3]))
        elif width == 4:
            y = fields[3].lower()
            if y in _Y:
                resp.append(_Y[y])
            else:
                try:
                    resp.append(int(y))
                except ValueError:
                    raise InstanceError(f"response {fields[3][:40]!r} is not true/false or an integer", path, k) from None
    arr = np.array(rows, dtype=object).reshape(-1, 3)
    try:
        if len(arr) and max(abs(x) for x in arr.ravel()) >= 2**62:
            raise InstanceError("an index is too large")
        X = arr.astype(np.int64)
        if weighted:
            inst = instance_from_rows(X)
            weights: dict = {}
            for (a, b, c), w in zip(X.tolist(), resp):
                weights[(a, b, c)] = weights.get((a, b, c), 0) + w
            return TripletInstance(inst.points, tuple(t + (w,) for t, w in weights.items()))
        return instance_from_rows(orient(X, np.array(resp, dtype=np.int64) if width == 4 else None))
    except InstanceError as e:
        raise e.at(path) from None


def rows_of(inst: TripletInstance) -> np.ndarray:
    """The list-order rows of an instance, each triplet repeated ``w`` times (its weight).

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance (cblearn's rows are comparisons of distances).

    Returns
    -------
    numpy.ndarray
        int64, shape (total weight, 3).

    Raises
    ------
    InstanceError
        For a tree or (non-)betweenness instance, or a total weight above ``MAX_ROWS``.

    Examples
    --------
    >>> rows_of(TripletInstance(3, ((0, 1, 2, 2),))).tolist()
    [[0, 1, 2], [0, 1, 2]]
    """
    if inst.target != "euclidean":
        raise InstanceError(f"cblearn's triplet formats hold distance comparisons; a {inst.target!r} instance "
                            "does not fit them: write JSON")
    total = inst.total_weight
    if total > MAX_ROWS:
        raise InstanceError(f"the triplets' total weight {total} would need that many repeated rows in cblearn's "
                            f"format (at most {MAX_ROWS}); write .csv (weights in a column) or JSON")
    arr = np.array([t[:3] for t in inst.triplets], dtype=np.int64).reshape(-1, 3)
    return np.repeat(arr, [t[3] for t in inst.triplets], axis=0)


def npy_bytes(inst: TripletInstance) -> bytes:
    """The ``.npy`` file of an instance's list-order rows (see :func:`rows_of`)."""
    buf = io.BytesIO()
    np.save(buf, rows_of(inst), allow_pickle=False)
    return buf.getvalue()


def format_csv(inst: TripletInstance) -> str:
    """The CSV text of an instance: ``i,j,k`` rows when every weight is 1, else ``i,j,k,w`` (exact weights).

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance.

    Returns
    -------
    str

    Raises
    ------
    InstanceError
        For a tree or (non-)betweenness instance.

    Examples
    --------
    >>> format_csv(TripletInstance(3, ((2, 0, 1, 1),)))
    'i,j,k\\n2,0,1\\n'
    >>> parse_csv(format_csv(TripletInstance(3, ((2, 0, 1, 2**70),)))).triplets[0][3] == 2**70
    True
    """
    if inst.target != "euclidean":
        rows_of(inst)  # raises
    if all(t[3] == 1 for t in inst.triplets):
        return "i,j,k\n" + "".join(f"{a},{b},{c}\n" for a, b, c, _ in inst.triplets)
    return "i,j,k,w\n" + "".join(f"{a},{b},{c},{w}\n" for a, b, c, w in inst.triplets)

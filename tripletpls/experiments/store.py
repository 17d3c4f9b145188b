"""The result store: one SQLite row per run, written as each run finishes (WAL, one transaction per row).

The primary key is the run's spec key, so a sweep that was killed and is re-run with the same
arguments finds what is done (``done_keys``) and never stores a run twice. Objective values are
text (exact big integers); ``params`` is canonical JSON. Export to CSV or Parquet.

>>> s = Store(":memory:")
>>> s.add({"run_key": "k", "family": "dc", "size": 2, "rule": "first", "seed": 0, "steps": 6})
True
>>> s.done_keys(), [r["steps"] for r in s.rows()]
({'k'}, [6])
"""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3

from instances import InstanceError
from instances.io import open_output, output_target

#: (column, SQL type) in table order
COLUMNS = (
    ("run_key", "TEXT PRIMARY KEY"), ("instance_hash", "TEXT"), ("family", "TEXT"), ("size", "INTEGER"),
    ("params", "TEXT"), ("rule", "TEXT"), ("seed", "INTEGER"), ("target", "TEXT"), ("start", "TEXT"),
    ("max_steps", "INTEGER"), ("time_limit", "REAL"), ("vertices", "INTEGER"), ("edges", "INTEGER"),
    ("points", "INTEGER"), ("triplets", "INTEGER"), ("steps", "INTEGER"), ("status", "TEXT"),
    ("start_value", "TEXT"), ("value", "TEXT"), ("local_optimum", "INTEGER"), ("certificate", "TEXT"),
    ("backmapped_value", "TEXT"), ("backmapped_local_optimum", "INTEGER"), ("arithmetic", "TEXT"),
    ("seconds", "REAL"), ("version", "TEXT"), ("timestamp", "TEXT"),
)
NAMES = tuple(c for c, _ in COLUMNS)
BOOLEANS = ("local_optimum", "backmapped_local_optimum")
#: columns that legitimately differ between two runs of the same spec
TIMING = ("seconds", "timestamp")


class Store:
    """A SQLite result table ``runs``, one row per run (columns ``COLUMNS``); a context manager.

    Parameters
    ----------
    path : str
        The database file (created with its table if absent), or ``:memory:``. A symbolic link is
        followed (the store and its WAL files live beside the target; the link stays).

    Attributes
    ----------
    path : str
        The database file.
    db : sqlite3.Connection
        The connection (WAL journal, autocommit; each row in its own transaction).

    Raises
    ------
    InstanceError
        If the file is not a regular file (a FIFO, a device), not a SQLite database, fails SQLite's
        integrity check (a damaged page), or its table lacks columns; if a new store cannot be created
        there.
    """

    def __init__(self, path: str, readonly: bool = False):
        self.path = str(path)
        real = self.path
        if self.path == "-":
            raise InstanceError("a result store is a SQLite file; it cannot be '-' (standard input/output)")
        if self.path != ":memory:":
            real = os.path.realpath(self.path)
            if os.path.exists(real) and not os.path.isfile(real):
                raise InstanceError("not a regular file, so not a result store", self.path)
            if not os.path.exists(real):
                output_target(self.path)  # a new store: its directory must exist and be writable
        try:
            if readonly:  # plot, report, export: never create or change anything
                self.db = sqlite3.connect(f"file:{real}?mode=ro", uri=True, timeout=30, isolation_level=None)
                have = {r[1] for r in self.db.execute("PRAGMA table_info(runs)")}
                if not have:
                    self.db.close()
                    raise InstanceError("not a result store (no table 'runs')", self.path)
                problems = [r[0] for r in self.db.execute("PRAGMA quick_check")]
                return self._checked(have, problems)
            self.db = sqlite3.connect(real, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a committed row survives a killed process (it is in the WAL file); only an OS
            # crash can lose the last rows, never corrupt the store. FULL (fsync per row) was 25x slower
            # in bench/bench_sweep.py.
            self.db.execute("PRAGMA synchronous=NORMAL")
            cols = ", ".join(f"{c} {t}" for c, t in COLUMNS)
            self.db.execute(f"CREATE TABLE IF NOT EXISTS runs ({cols})")
            have = {r[1] for r in self.db.execute("PRAGMA table_info(runs)")}
            problems = [r[0] for r in self.db.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as e:
            raise InstanceError(f"not a usable SQLite result store: {e}", self.path) from None
        self._checked(have, problems)

    def _checked(self, have: set, problems: list) -> None:
        """Refuse a store that fails the integrity check or lacks columns."""
        if problems != ["ok"]:
            self.db.close()
            raise InstanceError(f"damaged SQLite result store (integrity check: {problems[0]}"
                                f"{f' and {len(problems) - 1} more problems' if len(problems) > 1 else ''}); "
                                "restore it or start a new one", self.path)
        missing = [c for c in NAMES if c not in have]
        if missing:
            raise InstanceError(f"result store lacks column(s) {', '.join(missing)}", self.path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        """Close the connection (committed rows are already on disk)."""
        self.db.close()

    @contextlib.contextmanager
    def _reading(self):
        """A damaged page found later than the integrity check becomes bad input naming the store."""
        try:
            yield
        except sqlite3.DatabaseError as e:
            raise InstanceError(f"damaged SQLite result store: {e}", self.path) from None

    def done_keys(self) -> set[str]:
        """The run keys already stored."""
        with self._reading():
            return {r[0] for r in self.db.execute("SELECT run_key FROM runs")}

    def add(self, row: dict) -> bool:
        """Store one row in its own transaction.

        Parameters
        ----------
        row : dict
            A result row (missing columns are NULL).

        Returns
        -------
        bool
            False if a row with the same ``run_key`` was already stored (it is kept).
        """
        values = [_to_sql(c, row.get(c)) for c in NAMES]
        marks = ", ".join("?" * len(NAMES))
        with self._reading(), self.db:  # BEGIN ... COMMIT
            cur = self.db.execute(f"INSERT OR IGNORE INTO runs ({', '.join(NAMES)}) VALUES ({marks})", values)
        return cur.rowcount == 1

    def rows(self, where: str = "", args: tuple = ()) -> list[dict]:
        """The stored rows as dicts (params decoded, booleans as bools), in insertion order.

        Parameters
        ----------
        where : str
            An SQL ``WHERE`` clause with ``?`` placeholders (default: every row).
        args : tuple
            The placeholders' values.

        Returns
        -------
        list of dict
        """
        with self._reading():
            cur = self.db.execute(f"SELECT {', '.join(NAMES)} FROM runs {where} ORDER BY rowid", args)
            return [_from_sql(dict(zip(NAMES, r))) for r in cur]

    def __len__(self) -> int:
        """The number of stored runs."""
        with self._reading():
            return self.db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]


def _to_sql(col: str, v):
    if col == "params":
        return json.dumps(v or {}, sort_keys=True, separators=(",", ":"))
    if col in BOOLEANS and v is not None:
        return int(bool(v))
    return v


def _from_sql(row: dict) -> dict:
    row["params"] = json.loads(row["params"]) if row["params"] else {}
    for c in BOOLEANS:
        if row[c] is not None:
            row[c] = bool(row[c])
    return row


def open_existing(path: str) -> Store:
    """Open a store that must already exist (for plot, report and export).

    Parameters
    ----------
    path : str
        The database file.

    Returns
    -------
    Store

    Raises
    ------
    InstanceError
        If there is no such file or it is not a result store.
    """
    if str(path) == "-":
        raise InstanceError("a result store is a SQLite file; it cannot be '-' (standard input)")
    if not os.path.isfile(path):
        raise InstanceError("no such result store", str(path))
    return Store(path, readonly=True)


def select_rows(path: str, family=(), rule=(), target=()) -> list[dict]:
    """The rows of an existing store, filtered by family, pivot rule and reduction target.

    Parameters
    ----------
    path : str
        The SQLite store (must exist).
    family, rule, target : sequence of str
        Keep only rows with one of these values (empty: no filter); the target ``none`` stands for the
        graph itself.

    Returns
    -------
    list of dict
        The selected rows, in insertion order.

    Raises
    ------
    InstanceError
        If the store does not exist or is not a result store, or nothing matches (names the store).
    """
    with open_existing(path) as store:
        rows = store.rows()
    keep = [r for r in rows if (not family or r["family"] in family) and (not rule or r["rule"] in rule)
            and (not target or (r["target"] or "none") in target)]
    if not keep:
        raise InstanceError("no stored runs match" + (" the filters" if family or rule or target else ""), path)
    return keep


@contextlib.contextmanager
def writing(path: str):
    """Context manager turning a failure to write an output file into bad input naming the file.

    Parameters
    ----------
    path : str
        The file being written.

    Raises
    ------
    InstanceError
        Instead of the OSError raised inside.
    """
    try:
        yield
    except OSError as e:
        raise InstanceError(f"cannot write: {e.strerror or e}", str(path)) from None


def export(rows: list[dict], path: str, fmt: str | None = None) -> str:
    """Write rows to CSV or Parquet, every column, big values as exact text.

    Parameters
    ----------
    rows : list of dict
        Stored rows.
    path : str
        The output file.
    fmt : str, optional
        ``csv`` or ``parquet`` (default: by the suffix, .parquet/.pq for Parquet).

    Returns
    -------
    str
        The format used.

    Raises
    ------
    InstanceError
        If the file cannot be written or the format is unknown.
    """
    fmt = fmt or ("parquet" if str(path).endswith((".parquet", ".pq")) else "csv")
    flat = [{c: (_to_sql(c, r.get(c)) if c == "params" else r.get(c)) for c in NAMES} for r in rows]
    if fmt == "csv":
        import csv

        with open_output(path, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=NAMES)
            w.writeheader()
            w.writerows(flat)
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        kinds = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string(), "TEXT PRIMARY KEY": pa.string()}
        types = {c: (pa.bool_() if c in BOOLEANS else kinds[t]) for c, t in COLUMNS}
        schema = pa.schema([(c, types[c]) for c in NAMES])
        table = pa.Table.from_pylist(flat, schema=schema)
        with open_output(path, "wb") as f:
            pq.write_table(table, f)
    else:
        raise InstanceError(f"unknown export format {fmt!r} (expected csv or parquet)", str(path))
    return fmt

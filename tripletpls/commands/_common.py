"""Helpers of the command line only: shared click options and parameter types (output files, seeds,
finite numbers), the check of file arguments (``check_paths``), output (``emit``), loading with kind
checks, progress bars on stderr. Not a command (it defines neither ``command`` nor ``commands``);
nothing outside ``tripletpls.commands`` and ``tripletpls.cli`` imports it."""
from __future__ import annotations

import contextlib
import functools
import json
import math
import os
import sys
from fractions import Fraction

import click

from instances import InstanceError, read_instance
from instances.io import GSET_SUFFIXES, STDIO, output_target
from instances.jsonio import encode_value
from instances.limits import MAX_INT_DIGITS, effective_seed

#: file-name suffixes of the formats the command line writes (the first one is the suggested one)
SUFFIXES = {"json": (".json",), "gset": (".gset", ".txt", ".rud", ".mc") + GSET_SUFFIXES,
            "csv": (".csv",), "parquet": (".parquet", ".pq"), "png": (".png",), "pdf": (".pdf",), "svg": (".svg",),
            "markdown": (".md", ".markdown"), "html": (".html", ".htm"), "sqlite": (".sqlite", ".sqlite3", ".db"),
            "toml": (".toml",), "yaml": (".yaml", ".yml"), "npy": (".npy",)}
PLOT_FORMATS = ("png", "pdf", "svg")
MAX_WORKERS = 256  # --jobs / --workers: processes or threads started at once
_stdout_taken = [False]  # an output is '-': tables and messages go to stderr


def stdout_taken() -> bool:
    """True when an output file of the running command is '-': tables and messages then go to stderr."""
    return _stdout_taken[0]


def format_of(path: str) -> str | None:
    """The format a file name's suffix stands for (``SUFFIXES``), or None (no or an unknown suffix).

    Examples
    --------
    >>> format_of("g.JSON"), format_of("runs.pq"), format_of("g.0"), format_of("notes.dat")
    ('json', 'parquet', 'gset', None)
    """
    low = str(path).lower()
    for fmt, ends in SUFFIXES.items():
        if low.endswith(ends):
            return fmt
    return None


def check_suffix(path: str, fmt: str, option: str, unknown_ok: bool = True) -> None:
    """Refuse an output name whose suffix belongs to another format than the one written.

    Parameters
    ----------
    path : str
        The output (``-`` always passes).
    fmt : str
        The format written (a key of ``SUFFIXES``).
    option : str
        The option named in the message, e.g. ``'-o'``.
    unknown_ok : bool, default True
        Accept a name without a known suffix.

    Raises
    ------
    click.BadParameter
        On a mismatch (exit 2).
    """
    if path == STDIO:
        return
    have = format_of(path)
    if have == fmt or (have is None and unknown_ok):
        return
    suffix = os.path.splitext(str(path))[1] or "no suffix"
    what = f"is for {have}" if have else "is not one"
    raise click.BadParameter(f"{path!r}: the suffix {suffix} {what}, but {fmt} is written here "
                             f"(name it {SUFFIXES[fmt][0]})", param_hint=f"'{option}'")


class OutputFile(click.Path):
    """An output file argument: ``-`` is stdout; checked writable (and its suffix) before any work.

    Parameters
    ----------
    formats : tuple of str, optional
        The formats this output can be written in; a suffix of another known format is refused (exit 2).
        None: no suffix check.
    unknown_ok : bool, default True
        Accept names without a known suffix (when the format does not depend on the name).
    may_be : tuple of str, optional
        Names of input parameters this output may be (a checkpoint updated in place: ``resume``).
    """

    name = "file"

    def __init__(self, formats: tuple[str, ...] | None = None, unknown_ok: bool = True, may_be: tuple[str, ...] = ()):
        super().__init__(dir_okay=False, allow_dash=True)
        self.formats, self.unknown_ok, self.may_be = formats, unknown_ok, may_be

    def convert(self, value, param, ctx):
        value = super().convert(value, param, ctx)
        if value == STDIO:
            return value
        option = param.opts[0] if param is not None and param.opts else "output"
        if self.formats is not None:
            have = format_of(value)
            if not (have in self.formats or (have is None and self.unknown_ok)):
                check_suffix(value, self.formats[0], option, self.unknown_ok)
        try:
            output_target(value)
        except InstanceError as e:
            self.fail(f"{e}", param, ctx)
        return value


def _same_file(output: str, other: str) -> bool:
    """Whether writing ``output`` would replace ``other``: the same regular (or not yet existing) file,
    through links too. Devices and FIFOs (``/dev/null`` twice) are written through, never replaced."""
    try:
        if os.path.exists(output):
            return os.path.isfile(output) and os.path.exists(other) and os.path.samefile(output, other)
        return os.path.realpath(output) == os.path.realpath(other)
    except OSError:
        return False


def check_paths(ctx: click.Context) -> None:
    """Vet a command's file arguments before it runs: outputs (:class:`OutputFile`) may not be one of its
    inputs (any other ``click.Path``; same file through links included) or another output; at most
    one input and one output may be ``-``; ``-o -`` and ``--json`` cannot share stdout.

    Raises
    ------
    click.BadParameter
        Naming the option (exit 2); nothing has been read or written yet.
    """
    _stdout_taken[0] = False
    inputs, outputs = [], []
    for p in ctx.command.params:
        if not isinstance(p.type, click.Path) or not isinstance(p, (click.Option, click.Argument)):
            continue
        if p.type.file_okay is False:  # a directory (demo --out)
            continue
        value = ctx.params.get(p.name)
        for v in (value if isinstance(value, (tuple, list)) else [value]):
            if v is not None:
                (outputs if isinstance(p.type, OutputFile) else inputs).append((p, str(v)))
    if "db_option" in ctx.params and ctx.params["db_option"] is None and ctx.params.get("db_positional") is None:
        inputs.append((next(p for p in ctx.command.params if p.name == "db_option"), DEFAULT_STORE))  # store_option

    def hint(p):
        return f"'{p.opts[0]}'" if isinstance(p, click.Option) else p.human_readable_name

    for group, where in ((inputs, "standard input"), (outputs, "standard output")):
        dashes = [p for p, v in group if v == STDIO]
        if len(dashes) > 1:
            raise click.BadParameter(f"only one file can be '-' ({where}), not {' and '.join(map(hint, dashes))}",
                                     param_hint=hint(dashes[1]))
    if any(v == STDIO for _, v in outputs):
        _stdout_taken[0] = True
        if ctx.params.get("as_json"):
            raise click.BadParameter("'-' (standard output) and --json would both write to stdout",
                                     param_hint=hint(next(p for p, v in outputs if v == STDIO)))
    for k, (po, vo) in enumerate(outputs):
        if vo == STDIO:
            continue
        others = inputs + outputs[:k]
        for pi, vi in others:
            if vi == STDIO or pi.name in po.type.may_be or pi is po:
                continue
            if _same_file(vo, vi):
                role = "an input" if (pi, vi) in inputs else "another output"
                raise click.BadParameter(f"{vo!r} is the same file as {hint(pi)} ({vi!r}), {role}; refusing to "
                                         "overwrite it", param_hint=hint(po))


class SeedType(click.ParamType):
    """A seed: any decimal integer; the seed in effect is ``seed mod 2**63`` (``instances.limits``)."""

    name = "integer"

    def convert(self, value, param, ctx):
        if isinstance(value, int) and not isinstance(value, bool):
            return effective_seed(value)
        text = str(value).strip()
        if len(text.lstrip("+-")) > MAX_INT_DIGITS:
            self.fail(f"has more than {MAX_INT_DIGITS} digits", param, ctx)
        try:
            return effective_seed(int(text, 10))
        except ValueError:
            self.fail(f"{value!r} is not an integer", param, ctx)


class FiniteFloat(click.FloatRange):
    """A float range that refuses inf and nan (``--eps inf``)."""

    def convert(self, value, param, ctx):
        x = super().convert(value, param, ctx)
        if not math.isfinite(x):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return x


def finite(min=None, max=None, min_open=False, max_open=False) -> FiniteFloat:  # noqa: A002
    """A finite float option type, optionally bounded (as ``click.FloatRange``)."""
    return FiniteFloat(min=min, max=max, min_open=min_open, max_open=max_open)


#: temperatures of the NT-Xent/InfoNCE objectives: outside this range exp(1/tau) and tau^2 leave the floats
TAU = finite(min=1e-6, max=1e6)

json_option = click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object on stdout.")
schedule_choice = click.Choice(["log", "sqrt", "linear", "fixed"])  # annealing schedules (langevin, anneal)
seed_option = click.option("--seed", type=SeedType(), default=0, show_default=True,
                           help="Seed for every random choice: any integer, used mod 2^63 (recorded in the results).")


#: the result store of ``sweep``, ``report``, ``plot`` and ``export`` when ``--db`` is not given
DEFAULT_STORE = "results.sqlite"


class _UnlistedArgument(click.Argument):
    """A positional argument left out of the usage line (an old spelling kept for scripts)."""

    def get_usage_pieces(self, ctx):
        return []


def store_option(f):
    """``--db FILE``, the result store, named as ``sweep --db`` names it (default ``results.sqlite``).

    The store used to be a positional argument of ``report``/``plot``/``export``; that spelling is still
    accepted (unlisted). The command receives ``db``.
    """
    @functools.wraps(f)
    def wrapper(*args, db_option=None, db_positional=None, **kwargs):
        if db_option is not None and db_positional is not None and db_option != db_positional:
            raise click.UsageError(f"two result stores given ({db_positional!r} and --db {db_option!r}): give one")
        return f(*args, db=db_option or db_positional or DEFAULT_STORE, **kwargs)

    wrapper = click.option("--db", "db_option", default=None, type=click.Path(dir_okay=False), metavar="FILE",
                           help=f"SQLite result store, as written by `sweep --db`.  [default: {DEFAULT_STORE}]")(wrapper)
    return click.argument("db_positional", required=False, type=click.Path(dir_okay=False),
                          cls=_UnlistedArgument)(wrapper)


def store_filters(f):
    """--family/--rule/--target (repeatable) and --min-size: the selection of stored runs (plot, report)."""
    f = click.option("--min-size", type=click.IntRange(min=0), default=None,
                     help="Fit growth on sizes >= this [default: the upper half of the sizes].")(f)
    f = click.option("--target", multiple=True, help="Only this reduction target ('none' = the graph); repeatable.")(f)
    f = click.option("--rule", multiple=True, help="Only this pivot rule; repeatable.")(f)
    return click.option("--family", multiple=True, help="Only this family; repeatable.")(f)


def _default(x):
    if isinstance(x, Fraction):
        return str(x)
    if hasattr(x, "item"):  # numpy scalars
        return x.item()
    if hasattr(x, "tolist"):
        return x.tolist()
    enc = encode_value(x)
    if enc is not x:
        return enc
    raise TypeError(f"not JSON-serialisable: {type(x).__name__}")


def to_json_text(obj: dict) -> str:
    return json.dumps(obj, default=_default)


def emit(obj: dict, as_json: bool, title: str | None = None) -> None:
    """Print a result: one JSON object with --json, else a readable key/value table (on stderr when an
    output file is '-', so that stdout holds only that file)."""
    if as_json:
        sys.stdout.write(to_json_text(obj) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold cyan")
    table.add_column()
    for k, v in obj.items():
        text = str(v) if isinstance(v, (str, int, float, bool, type(None))) else to_json_text(v)
        if len(text) > 200:
            text = text[:197] + "..."
        table.add_row(str(k), text)
    Console(soft_wrap=True, stderr=_stdout_taken[0]).print(table)


def load(path: str, expect=None, duplicates: str = "error"):
    """Read an instance file; wrong kinds and malformed files raise InstanceError naming the file."""
    return read_instance(path, expect=expect, duplicates=duplicates)


def bad_option(message: str) -> click.UsageError:
    return click.UsageError(message)


@contextlib.contextmanager
def progress(total: int | None, description: str, enabled: bool = True, unit: str = "it"):
    """A rich progress bar on stderr, shown whenever stderr is a terminal (also under ``--json``: the
    JSON goes to stdout) and ``enabled``; it disappears when done.

    With a known ``total``: bar, count, rate (``unit``/s), elapsed time and ETA; with ``total=None``: a
    spinner, the count, the rate and the elapsed time. Yields a function ``advance(k=1)``.
    """
    if not enabled or not sys.stderr.isatty():
        yield lambda k=1: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task):
            speed = task.finished_speed or task.speed
            return Text("?/s" if speed is None else f"{speed:,.0f} {unit}/s" if speed >= 10 else
                        f"{speed:.2f} {unit}/s", style="progress.data.speed")

    if total is None:
        columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed:,.0f}"), Rate(),
                   TimeElapsedColumn())
    else:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
                   TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda k=1: bar.advance(task, k)


__all__ = ["json_option", "seed_option", "schedule_choice", "store_filters", "store_option", "DEFAULT_STORE", "emit", "load",
           "progress", "to_json_text", "InstanceError", "bad_option", "OutputFile", "SeedType", "FiniteFloat", "finite",
           "check_paths", "check_suffix", "format_of", "SUFFIXES", "PLOT_FORMATS", "MAX_WORKERS", "stdout_taken", "TAU"]

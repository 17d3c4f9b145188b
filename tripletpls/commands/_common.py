"""Helpers of the command line only: shared click options, output (``emit``), loading with kind checks,
progress bars on stderr. Not a command (it defines neither ``command`` nor ``commands``); nothing
outside ``tripletpls.commands`` imports it."""
from __future__ import annotations

import contextlib
import functools
import json
import sys
from fractions import Fraction

import click

from instances import InstanceError, read_instance
from instances.jsonio import encode_value

json_option = click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object on stdout.")
schedule_choice = click.Choice(["log", "sqrt", "linear", "fixed"])  # annealing schedules (langevin, anneal)
seed_option = click.option("--seed", type=int, default=0, show_default=True,
                           help="Seed for every random choice (recorded in the results).")


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
    """Print a result: one JSON object with --json, else a readable key/value table."""
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
    Console(soft_wrap=True).print(table)


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


__all__ = ["json_option", "seed_option", "schedule_choice", "store_filters", "store_option", "DEFAULT_STORE", "emit", "load", "progress", "to_json_text", "InstanceError",
           "bad_option"]

"""``tripletpls info FILE``: kind, sizes, weight range in bits, whether int64 arithmetic suffices."""
from __future__ import annotations

import click

from ._common import emit, json_option, load


@click.command("info")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--duplicates", type=click.Choice(["error", "sum", "last"]), default="error", show_default=True,
              help="What a Gset file's repeated edge means.")
@json_option
def command(file, duplicates, as_json):
    """Describe an instance file (project JSON or Gset/rudy/Biq Mac text)."""
    from ..pipeline.describe import describe

    info = describe(load(file, duplicates=duplicates))
    info["file"] = file
    emit(info, as_json, f"info {file}")

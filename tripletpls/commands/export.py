"""``tripletpls export [--db FILE] -o FILE``: a result store as CSV or Parquet."""
from __future__ import annotations

import click

from ._common import emit, json_option, store_option


@click.command("export")
@store_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="A .csv or .parquet file.")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]), default=None,
              help="Override the format chosen from the suffix.")
@json_option
def command(db, output, fmt, as_json):
    """Export every stored run (one row each; big values as text) to CSV or Parquet.

    \b
    Example:
      tripletpls export --db results.sqlite -o runs.parquet
    """
    from ..experiments.store import export, open_existing

    with open_existing(db) as store:
        rows = store.rows()
    used = export(rows, output, fmt)
    emit({"db": db, "output": output, "format": used, "rows": len(rows)}, as_json, "export")

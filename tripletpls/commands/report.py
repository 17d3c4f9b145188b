"""``tripletpls report [--db FILE]``: a Markdown (or HTML) summary table of a result store."""
from __future__ import annotations

import click

from ._common import emit, json_option, store_filters, store_option


@click.command("report")
@store_option
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Write the report here (.md, or .html for an HTML page) instead of printing it.")
@click.option("--html", "as_html", is_flag=True, help="HTML instead of Markdown.")
@store_filters
@json_option
def command(db, output, as_html, family, rule, target, min_size, as_json):
    """Summarise a result store: per family/rule/target the sizes, the steps, their growth, and whether
    every run was certified a local optimum. Deterministic series (DC_n, a deterministic rule, no random
    start) are analysed exactly: successive ratios as fractions, and a constant, polynomial or
    recurrence only where it holds at every size; random series get a fitted base or degree with its
    95% confidence interval over the seeds.

    \b
    Examples:
      tripletpls sweep --family dc --sizes 2..14 --rules first,steepest --db dc.sqlite
      tripletpls report --db dc.sqlite
      tripletpls report --db dc.sqlite --html -o report.html
    """
    from instances.io import write_text_atomic

    from ..experiments.report import html_page, markdown, summarise
    from ..experiments.store import select_rows, writing

    summaries = summarise(select_rows(db, family, rule, target), min_size)
    as_html = as_html or bool(output and output.endswith((".html", ".htm")))
    text = html_page(summaries) if as_html else markdown(summaries)
    if output:
        with writing(output):
            write_text_atomic(output, text)
    if as_json:
        emit({"db": db, "output": output, "format": "html" if as_html else "markdown",
              "series": summaries}, True)
    elif not output:
        click.echo(text)
    else:
        emit({"db": db, "output": output, "series": len(summaries)}, False, "report")

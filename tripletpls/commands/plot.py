"""``tripletpls plot [--db FILE] -o FILE.png``: steps vs size on a log scale with fitted growth bases."""
from __future__ import annotations

import click

from ._common import emit, json_option, store_filters, store_option


@click.command("plot")
@store_option
@click.option("-o", "--output", default="steps.png", show_default=True, type=click.Path(dir_okay=False),
              help="PNG file to write.")
@store_filters
@click.option("--title", default=None, help="Figure title.")
@json_option
def command(db, output, family, rule, target, min_size, title, as_json):
    """Plot improving steps against size (log scale), per family, rule and target, with the growth of
    each series (exact for deterministic series, fitted with its 95% CI over seeds for random ones)
    and, for DC_n, the closed form 5*2^(n-1)-4.

    \b
    Example:
      tripletpls plot --db results.sqlite -o steps.png --family dc
    """
    from ..plots.steps import plot_steps
    from ..experiments.report import summarise
    from ..experiments.store import select_rows

    rows = select_rows(db, family, rule, target)
    summaries = summarise(rows, min_size)
    drawn = plot_steps(rows, output, summaries, title)
    emit({"db": db, "output": output, "panels": drawn["panels"], "closed_form": drawn.get("closed_form", False),
          "series": [{"label": s["label"], "family": s["family"], "rule": s["rule"], "target": s["target"],
                      "sizes": s["sizes"], "deterministic": s["deterministic"], "growth": s["growth"]}
                     for s in summaries]}, as_json, f"plot {db}")

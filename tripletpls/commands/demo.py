"""The built-in demo behind ``make demo`` (later issues extend it to the full story)."""
from __future__ import annotations

import click

from instances import dc_steps, doubling_chain


@click.command("demo")
@click.option("--max-n", type=click.IntRange(2, 60), default=20, show_default=True)
def command(max_n):
    """Show the doubling chain DC_n: sizes, weight growth, and the claimed step count of `first`."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="DC_n, the doubling chain (SPEC section 2)")
    for col in ("n", "vertices", "edges", "max weight bits", "int64 safe", "T(n) = 5*2^(n-1)-4"):
        table.add_column(col, justify="right")
    for n in [2, 3, 4, 5, 8, 12, 16, 17, 20, 24, 30, 40, 60]:
        if n > max_n:
            break
        g = doubling_chain(n)
        table.add_row(str(n), str(g.n), str(g.m), str(g.max_weight_bits), str(g.int64_safe), f"{dc_steps(n):,}")
    Console().print(table)

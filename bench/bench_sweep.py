"""Sweep overheads: (1) the crash-safe store (WAL, fsync, one transaction per row) against the same
inserts into an in-memory database; (2) a CPU-bound grid with 2 local worker processes against 1.

Run by hand: ``PYTHONPATH=. python bench/bench_sweep.py``. Prints ratios measured in this run.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tripletpls.experiments.grid import expand, make_grid  # noqa: E402
from tripletpls.experiments.runner import run_local, run_one  # noqa: E402
from tripletpls.experiments.store import Store  # noqa: E402
from tripletpls.experiments.sweep import sweep  # noqa: E402


def store_rate(path: str, rows: list[dict]) -> float:
    with Store(path) as s:
        t0 = time.perf_counter()
        for r in rows:
            s.add(r)
        return len(rows) / (time.perf_counter() - t0)


def main() -> None:
    template = run_one(expand(make_grid("dc", "5", ("first",)))[0])
    rows = [{**template, "run_key": f"k{i}"} for i in range(2000)]
    with tempfile.TemporaryDirectory() as d:
        disk = store_rate(os.path.join(d, "bench.sqlite"), rows)
    memory = store_rate(":memory:", rows)
    print(f"store: {disk:,.0f} rows/s on disk (WAL, synchronous=NORMAL, 1 transaction/row) vs "
          f"{memory:,.0f} rows/s in memory: ratio {memory / disk:.1f}x")

    specs = expand(make_grid("dc", "16..20", ("first", "random"), seeds="0..1"))
    times = {}
    for jobs in (1, 2):
        with Store(":memory:") as s:
            t0 = time.perf_counter()
            sweep(specs, s, lambda todo, j=jobs: run_local(todo, j))
            times[jobs] = time.perf_counter() - t0
    print(f"sweep of {len(specs)} DC_n runs: {times[1]:.2f} s with 1 job, {times[2]:.2f} s with 2 jobs: "
          f"speed-up {times[1] / times[2]:.2f}x on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

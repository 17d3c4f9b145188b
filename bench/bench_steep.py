"""Benchmark and cross-check of SC_n, the steepest chain (run by hand, not a test): steepest on SC_n for
growing n with the compiled engine, each run checked against the closed form 2^(n+2) - 3 and, when the C
reference flip engine (``flipref.c``, found as in ``bench_flip.py``) compiles, against its step count and
cut (an independent implementation of steepest), with the time ratio measured in the same run.

    PYTHONPATH=. python bench/bench_steep.py                 # n = 10, 12, ... until a run takes over 60 s
    PYTHONPATH=. python bench/bench_steep.py --budget 10     # stop earlier

It prints, per n: steps, our seconds and flips per second, the arithmetic path, the C reference's
seconds and the ratio of throughputs; and the largest n that finished within the budget.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_flip import Reference, line, rate  # noqa: E402
from instances import steep_chain, steep_steps  # noqa: E402
from localsearch.maxcut.flip import local_search  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--budget", type=float, default=60.0, help="stop after the first n whose run takes longer")
    ap.add_argument("--start", type=int, default=10)
    ap.add_argument("--step", type=int, default=1)
    ap.add_argument("--no-reference", action="store_true", help="skip the C reference")
    args = ap.parse_args()
    local_search(steep_chain(2), "steepest")  # compile outside the timings
    best = None
    with tempfile.TemporaryDirectory() as tmp:
        ref = Reference(tmp) if not args.no_reference else None
        n = args.start
        while True:
            g = steep_chain(n)
            res = local_search(g, "steepest")
            assert res.steps == steep_steps(n) and res.status == "local_optimum", (n, res.steps)
            print(f"\nSC_{n}: {res.steps:,} steepest flips ({g.max_weight_bits}-bit weights, {g.n} vertices)")
            ours = rate(res.steps, res.seconds)
            line(f"ours, {res.extra['arithmetic']}: seconds / flips per second", f"{res.seconds:.2f} s / {ours:,.0f}")
            if ref is not None and ref.exe and g.int64_safe:
                steps, secs, cut = ref.run(g, g.start, "steepest")
                assert steps == res.steps and cut == res.value, (steps, cut, res.value)
                line("C reference: same steps and cut; seconds", f"{secs:.2f} s")
                line("RATIO ours / C reference throughput", f"{ours / rate(steps, secs):.2f}")
            if res.seconds > args.budget:
                break
            best = n
            n += args.step
    print(f"\nlargest n within {args.budget:g} s: {best} ({steep_steps(best):,} flips)" if best else "none within budget")


if __name__ == "__main__":
    main()

"""Benchmark of the compiled triplet engines (issue 18; run by hand, not a test): improving moves per second
on the DC_n images under ``first``, as ratios to the C flip reference's flips per second on DC_24 measured
in the same run.

    PYTHONPATH=. python bench/bench_triplets.py            # DC_20 images vs C on DC_24 (a few minutes)
    PYTHONPATH=. python bench/bench_triplets.py --n 16     # smaller images (seconds)
    PYTHONPATH=. python bench/bench_triplets.py --memory   # also: DC_30 on the line for 20 s, peak RSS

Every run is checked: exactly 5*2^(n-1) - 4 moves and the final solution certified a local optimum by the
engine's exact certificate. Goals (issue 18): line and the radial instance >= 1/30 of the C reference,
tree and (non-)betweenness >= 1/100. The radial instance in d = 1 is a line instance (the compiled line
kernel runs it); in d >= 2 only the exact R^d engine exists, measured for a few seconds on a small image.
The C reference is the one bench_flip.py builds (gcc -O3 -march=native; see there where it is found).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))

from bench_flip import Reference, line, rate  # noqa: E402

from instances import dc_steps, doubling_chain  # noqa: E402
from localsearch.triplets import line as line_engine, orderings, rd, tree  # noqa: E402
from localsearch.triplets.compiled import TripletSearch  # noqa: E402
from reductions import to_betweenness, to_line, to_nonbetweenness, to_rd, to_tree  # noqa: E402

CASES = (  # label, reduction, engine (certificate), goal as a fraction of the C rate
    ("line", to_line.reduce, line_engine, 30),
    ("radial, d = 1 (line kernel)", lambda g: to_rd.reduce(g, dim=1), line_engine, 30),
    ("tree", to_tree.reduce, tree, 100),
    ("betweenness", to_betweenness.reduce, orderings, 100),
    ("non-betweenness", to_nonbetweenness.reduce, orderings, 100),
)


def c_rate(ref, n):
    g = doubling_chain(n)
    steps, secs, cut = ref.run(g, g.start, "first")
    assert steps == dc_steps(n)
    return rate(steps, secs), secs


def ours(reduce, engine, n):
    """(moves per second, seconds, arithmetic) of a compiled ``first`` run on the DC_n image, checked."""
    inst = reduce(doubling_chain(n))
    res = TripletSearch(inst, "first").run()
    assert res.status == "local_optimum" and res.steps == dc_steps(n), (res.status, res.steps)
    assert "fallback_at" not in res.extra
    assert engine.certify(inst, res.solution).local_optimum
    return rate(res.steps, res.seconds), res.seconds, res.extra["arithmetic"]


def radial_exact(n=8, seconds=5.0):
    inst = to_rd.reduce(doubling_chain(n), dim=2)
    res = rd.local_search(inst, "first", time_limit=seconds)
    return rate(res.steps, res.seconds), res.steps, res.status


def memory(n=30, seconds=20.0):
    """Peak RSS before and after a long DC_n line run (no trajectory): no per-step growth."""
    inst = to_line.reduce(doubling_chain(n))
    search = TripletSearch(inst, "first")
    search.run(max_steps=1 << 16)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    res = search.run(time_limit=seconds)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\nDC_{n} on the line ({inst.points} points, {len(inst.triplets)} triplets), {seconds:.0f} s, no trajectory")
    line("moves made / moves per second", f"{res.steps:,} / {rate(res.steps, res.seconds):,.0f}")
    line("peak RSS after warm-up / after the run (MiB)", f"{before / 1024:.1f} / {after / 1024:.1f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20, help="DC_n images to search (default 20)")
    ap.add_argument("--ref-n", type=int, default=24, help="DC_n for the C reference (default 24)")
    ap.add_argument("--memory", action="store_true", help="also run DC_30 on the line for 20 s")
    args = ap.parse_args()
    for _, reduce, engine, _ in CASES:  # compile (or load the numba cache) outside the timings
        ours(reduce, engine, 4)
    with tempfile.TemporaryDirectory() as tmp:
        ref = Reference(tmp)
        if ref.exe is None:
            sys.exit("the C reference is needed for the ratios")
        cr, cs = c_rate(ref, args.ref_n)
        print(f"C reference, DC_{args.ref_n} first: {dc_steps(args.ref_n):,} flips in {cs:.3f} s = {cr:,.0f} flips/s")
        print(f"\nDC_{args.n} images, rule first ({dc_steps(args.n):,} moves each; certified local optima)")
        print(f"  {'engine':<30} {'arith':>6} {'seconds':>8} {'moves/s':>12} {'ratio to C':>11} {'goal':>7}  met")
        for label, reduce, engine, goal in CASES:
            r, secs, arith = ours(reduce, engine, args.n)
            ratio = r / cr
            print(f"  {label:<30} {arith:>6} {secs:>8.2f} {r:>12,.0f} {'1/%.0f' % (1 / ratio):>11} {'1/%d' % goal:>7}  "
                  f"{'yes' if ratio >= 1 / goal else 'no'}")
        cr2, _ = c_rate(ref, args.ref_n)
        print(f"C reference again (noise check): {cr2:,.0f} flips/s ({cr2 / cr:.2f}x the first run)")
    r, steps, status = radial_exact()
    print(f"\nradial, d = 2, exact R^d engine (no compiled path), DC_8 image, first, 5 s: {steps:,} moves ({status}), "
          f"{r:,.0f} moves/s = 1/{cr / r:,.0f} of C")
    if args.memory:
        memory()


if __name__ == "__main__":
    main()

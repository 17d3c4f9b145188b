"""Benchmark of the exact side: time to prove Max-Cut optima, and exhaustive improving-path analysis.

Part 1: every instance in data/ with every solver under a time limit (value, bound, gap,
seconds; the ratio is each solver's time against CP-SAT's in the same run). G1/G43 get only a short
CP-SAT run (their optima are not provable here; the gap is reported).
Part 2 (``--formulations``): CP-SAT formulations on g05_60 (full/one-sided linearisation, triangle
inequalities of the graph, metric relaxation of the complete graph).
Part 3: ``paths`` on DC_k (3k+1 vertices), on sparse random graphs with large Gaussian weights from
random starts, and on unit-weight G(n, 1/2) from all +1 (huge DAGs), n = 16..24; the baseline is the Python-integer exploration on the smallest ones.

Run by hand:  PYTHONPATH=. python bench/bench_exact.py [--time-limit 60] [--formulations] [--quick]
"""
from __future__ import annotations

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from instances import Assignment, doubling_chain, gnm, gnp, read_instance  # noqa: E402
from localsearch.maxcut.exact import solve  # noqa: E402
from localsearch.maxcut.paths import improving_paths  # noqa: E402

PUBLISHED = {"g05_60.0": 536, "pm1s_100.0": 127, "w01_100.0": 651, "bqp100-1.sparse.mc": 7970,
             "G1.txt": 11624, "G43.txt": 6660}
LARGE = ("G1.txt", "G43.txt")


def data_dir() -> str:
    """The repository's data/ (public benchmark instances, see data/README.md)."""
    return os.path.join(ROOT, "data")


def row(*cells, widths=(20, 10, 8, 8, 7, 8, 9, 8)):
    print("  ".join(str(c).rjust(w) for c, w in zip(cells, widths)), flush=True)


def bench_solvers(limit: float, workers: int, large_limit: float):
    print(f"== exact solvers (time limit {limit} s, CP-SAT workers {workers})")
    row("instance", "solver", "value", "bound", "gap", "optimal", "seconds", "vs cpsat")
    d = data_dir()
    for name in PUBLISHED:
        g = read_instance(os.path.join(d, name))
        solvers = ("cpsat",) if name in LARGE else ("cpsat", "maxsat", "sdp")
        base = None
        for solver in solvers:
            res = solve(g, solver, time_limit=large_limit if name in LARGE else limit, workers=workers)
            assert res.value <= PUBLISHED[name] and (name in LARGE or res.bound >= PUBLISHED[name])
            base = base or res.seconds
            row(name, solver, res.value, res.bound, res.gap, res.optimal, f"{res.seconds:.1f}",
                f"{res.seconds / base:.2f}x")


def bench_formulations(limit: float, workers: int):
    print(f"== CP-SAT formulations on g05_60.0 (optimum 536), {limit} s each")
    row("formulation", "", "value", "bound", "gap", "optimal", "seconds", "constr.")
    g = read_instance(os.path.join(data_dir(), "g05_60.0"))
    for label, opts in (("full", {}), ("onesided", {"encoding": "onesided"}), ("triangles", {"triangles": True}),
                        ("complete+tri", {"complete": True})):
        res = solve(g, "cpsat", time_limit=limit, workers=workers, **opts)
        row(label, "", res.value, res.bound, res.gap, res.optimal, f"{res.seconds:.1f}", res.extra["constraints"])


def bench_paths(quick: bool):
    print("== improving-path DAGs (numba int64 path; baseline: Python integers on the same graph)")
    row("graph", "vertices", "reach.", "optima", "longest", "shortest", "seconds", "py/numba",
        widths=(22, 8, 10, 7, 8, 8, 8, 9))
    cases = [(f"DC_{k}", doubling_chain(k), None) for k in ((5, 6, 7) if quick else (5, 6, 7, 8))]
    for n in ((16, 18, 20) if quick else (16, 18, 20, 22, 24)):
        g = gnm(n, 3 * n // 2, weights="gaussian", sigma=10**6, seed=n)
        cases.append((f"gnm({n},{3 * n // 2}) gauss", g, Assignment.random(n, 0)))
    for n in ((16, 18, 20) if quick else (16, 18, 20, 22, 24)):
        cases.append((f"gnp({n},.5) unit, +1", gnp(n, 0.5, seed=n), Assignment.plus(n)))
    improving_paths(doubling_chain(2))  # load the compiled kernels before timing
    for label, g, start in cases:
        res = improving_paths(g, start, max_states=50_000_000)
        ratio = ""
        if res.reachable <= 200_000:
            slow = improving_paths(g, start, arithmetic="python", max_states=50_000_000)
            assert (slow.longest, slow.shortest, slow.reachable) == (res.longest, res.shortest, res.reachable)
            ratio = f"{slow.seconds / res.seconds:.0f}x"
        row(label, g.n, res.reachable, res.local_optima, res.longest, res.shortest, f"{res.seconds:.2f}", ratio,
            widths=(22, 8, 10, 7, 8, 8, 8, 9))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--large-limit", type=float, default=20.0, help="CP-SAT limit for G1/G43")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--formulations", action="store_true")
    ap.add_argument("--quick", action="store_true", help="paths only up to n = 22, solvers at 20 s")
    ap.add_argument("--part", choices=("all", "solvers", "paths"), default="all")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.part in ("all", "paths"):
        bench_paths(args.quick)
    if args.part in ("all", "solvers"):
        bench_solvers(20.0 if args.quick else args.time_limit, args.workers, args.large_limit)
        if args.formulations:
            bench_formulations(20.0 if args.quick else args.time_limit, args.workers)
    print(f"total {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()

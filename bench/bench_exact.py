"""Benchmark of the exact side: time to prove Max-Cut optima, and exhaustive improving-path analysis.

Part 1: every instance in data/ with every solver under a time limit (value, bound, gap,
seconds; the ratio is each solver's time against CP-SAT's in the same run). G1/G43 get only a short
CP-SAT run (their optima are not provable here; the gap is reported).
Part 2 (``--formulations``): CP-SAT formulations on g05_60 (full/one-sided linearisation, triangle
inequalities of the graph, metric relaxation of the complete graph).
Part 3 (``--part biqmac``): the SDP solver with odd clique cuts on Biq Mac instances (``--biqmac DIR``:
every pm1s_100.*, w01_100.*, g05_60.*, g05_100.* file there; default: the shared files) against BiqBin
run in the same session when ``--biqbin PATH`` names its binary (serial BiqBin, built from its public
source; one OpenBLAS thread): per instance value, nodes, wall and CPU seconds of both, the ratio, and how
the incumbent was found; ``--roots`` adds the root bounds of the plain SDP, with triangles and with all
cliques (gaps to the optimum); per family the worst ratio. ``--load`` (or ``--part load``) times numpy's
eigh/inv of order 60, 100 and 1000 and the solver on g05_60.0 and pm1s_100.0, quiet and next to a busy
single-threaded neighbour, on one BLAS thread (the solver's cap) and on the library's default.
Part 4: ``paths`` on DC_k (3k+1 vertices), on sparse random graphs with large Gaussian weights from
random starts, and on unit-weight G(n, 1/2) from all +1 (huge DAGs), n = 16..24; the baseline is the Python-integer exploration on the smallest ones.

Run by hand:  PYTHONPATH=. python bench/bench_exact.py [--time-limit 60] [--formulations] [--quick]
              PYTHONPATH=. python bench/bench_exact.py --part biqmac --biqmac DIR --biqbin PATH [--roots] [--load]
              PYTHONPATH=. python bench/bench_exact.py --part load
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
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


#: BiqBin's default parameters (its README), without the per-node output
BIQBIN_PARAMS = """init_bundle_iter = 5
max_bundle_iter = 20
min_outer_iter = 20
max_outer_iter = 30
violated_Ineq = 0.05
TriIneq = 500
Pent_Trials = 100
Hepta_Trials = 75
include_Pent = 1
include_Hepta = 1
root = 0
use_diff = 1
time_limit = 0
branchingStrategy = 1
detailedOutput = 0
"""


def run_biqbin(binary: str, path: str, limit: float) -> dict:
    """BiqBin on a copy of ``path`` (it writes files beside its input): value, nodes, root bound, wall and CPU s."""
    with tempfile.TemporaryDirectory() as d:
        inst, params = os.path.join(d, os.path.basename(path)), os.path.join(d, "params")
        shutil.copy(path, inst)
        with open(params, "w") as f:
            f.write(BIQBIN_PARAMS)
        cpu0, t = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        try:
            out = subprocess.run([binary, inst, params], capture_output=True, text=True, timeout=limit,
                                 env=dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")).stdout
        except subprocess.TimeoutExpired as e:
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        wall, cpu1 = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN)

    def grab(pattern, kind):
        m = re.search(pattern, out)
        return kind(m.group(1)) if m else None
    return {"value": grab(r"Maximum value = (-?\d+)", int), "nodes": grab(r"Nodes = (\d+)", int),
            "root": grab(r"Root node bound = ([-\d.]+)", float), "wall": wall,
            "cpu": (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)}


def biqmac_files(directory: str | None) -> list[str]:
    """The Biq Mac family files in ``directory`` (pm1s_100, w01_100, g05_60, g05_100), else the shared ones."""
    if directory is None:
        return [os.path.join(data_dir(), n) for n in ("g05_60.0", "pm1s_100.0", "w01_100.0")]
    files = []
    for fam in ("g05_60", "pm1s_100", "w01_100", "g05_100"):
        files += sorted(glob.glob(os.path.join(directory, f"{fam}.[0-9]")))
    return files


def root_bounds(g) -> dict:
    """Converged root bounds of the plain SDP, with triangles and with all odd cliques (no pruning target)."""
    from localsearch.maxcut.exact.relaxation import bound_relaxation
    from localsearch.maxcut.exact.sdp import cut_matrix

    L = cut_matrix(g)
    return {name: bound_relaxation(L, sizes=sizes, stall=0.0, max_rounds=40).bound
            for name, sizes in (("none", ()), ("triangles", (3,)), ("cliques", (3, 5, 7)))}


def bench_biqmac(files: list[str], biqbin: str | None, limit: float, roots: bool):
    print(f"== SDP + odd clique cuts vs BiqBin (same session; time limit {limit} s; CPU = user + system)")
    cols = ("instance", "value", "nodes", "wall s", "cpu s", "BB value", "BB nodes", "BB wall", "BB cpu",
            "cpu ratio", "incumbent")
    widths = (12, 6, 6, 7, 7, 8, 8, 7, 7, 9, 14)
    row(*cols, widths=widths)
    fam_rows: dict[str, list] = {}
    roots_out = []
    for path in files:
        name = os.path.basename(path)
        g = read_instance(path)
        bb = run_biqbin(biqbin, path, 10 * limit) if biqbin else None
        c0 = time.process_time()
        res = solve(g, "sdp", time_limit=limit)
        cpu = time.process_time() - c0
        assert res.value <= res.bound and g.cut_value(res.assignment) == res.value
        if name in PUBLISHED:
            assert res.value <= PUBLISHED[name] <= res.bound
        if bb and bb["value"] is not None and res.optimal:
            assert bb["value"] == res.value, (name, bb, res.value)
        ratio = f"{cpu / bb['cpu']:.2f}x" if bb and bb["cpu"] else ""
        how = f"{res.extra['incumbent']['source']}@{res.extra['incumbent']['node']}"
        row(name, res.value if res.optimal else f"{res.value}<={res.bound}", res.extra["nodes"],
            f"{res.seconds:.1f}", f"{cpu:.1f}", *(("", "", "", "") if not bb else
            (bb["value"], bb["nodes"], f"{bb['wall']:.1f}", f"{bb['cpu']:.1f}")), ratio, how, widths=widths)
        fam_rows.setdefault(name.rsplit(".", 1)[0], []).append((res, cpu, bb))
        if roots:
            roots_out.append((name, res.value if res.optimal else None, root_bounds(g), bb and bb["root"]))
    print("== per family (ours vs BiqBin): instances proven, nodes (sum), wall and CPU s (max), worst CPU ratio")
    for fam, rs in fam_rows.items():
        proven = sum(r.optimal for r, _, _ in rs)
        line = (f"{fam:10} proven {proven}/{len(rs)}  nodes {sum(r.extra['nodes'] for r, _, _ in rs)}  "
                f"wall max {max(r.seconds for r, _, _ in rs):.1f}  cpu max {max(c for _, c, _ in rs):.1f}")
        bbs = [(c, b) for _, c, b in rs if b and b["cpu"]]
        if bbs:
            line += (f"  | BiqBin nodes {sum(b['nodes'] or 0 for _, b in bbs)}  wall max "
                     f"{max(b['wall'] for _, b in bbs):.1f}  cpu max {max(b['cpu'] for _, b in bbs):.1f}  worst cpu "
                     f"ratio {max(c / b['cpu'] for c, b in bbs):.2f}x")
        print(line, flush=True)
    if roots_out:
        print("== root bounds: gap = bound - optimum (plain SDP, + triangles, + pentagonal/heptagonal; BiqBin's root)")
        row("instance", "optimum", "plain", "triangles", "cliques", "BiqBin", widths=(12, 8, 9, 9, 9, 9))
        for name, opt, b, bbr in roots_out:
            gaps = [f"{b[k] - opt:.2f}" if opt is not None else f"{b[k]:.1f}" for k in ("none", "triangles", "cliques")]
            row(name, opt, *gaps, "" if bbr is None or opt is None else f"{bbr - opt:.2f}", widths=(12, 8, 9, 9, 9, 9))


def busy_neighbour():
    """A single-threaded busy loop in another process (kill it when done)."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def bench_eigh(calls: int = 200):
    """Milliseconds per numpy eigh / inv of order 60, 100 and 1000 on one BLAS thread and on the default, quiet and busy."""
    import numpy as np
    from threadpoolctl import threadpool_info, threadpool_limits

    default = max((p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"), default=1)
    print(f"== BLAS threads on small matrices: ms per call (default = {default} threads), quiet / one busy neighbour")
    row("call", "threads", "quiet", "busy", "busy/quiet", widths=(12, 9, 8, 8, 10))
    rng = np.random.default_rng(0)
    for k in (60, 100, 1000):
        reps = calls if k <= 100 else 3
        A = rng.standard_normal((k, k))
        A = A + A.T + 2 * k * np.eye(k)
        for fname, f in (("eigh", np.linalg.eigh), ("inv", np.linalg.inv)):
            for label, limit in (("1", 1), (str(default), None)):
                ms = {}
                for mode in ("quiet", "busy"):
                    hog = busy_neighbour() if mode == "busy" else None
                    try:
                        with threadpool_limits(limits=limit, user_api="blas"):
                            f(A)
                            t = time.perf_counter()
                            for _ in range(reps):
                                f(A)
                            ms[mode] = (time.perf_counter() - t) / reps * 1e3
                    finally:
                        if hog is not None:
                            hog.kill()
                            hog.wait()
                row(f"{fname} {k}", label, f"{ms['quiet']:.2f}", f"{ms['busy']:.2f}", f"{ms['busy'] / ms['quiet']:.1f}x",
                    widths=(12, 9, 8, 8, 10))


def bench_load(repeats: int = 2):
    """Wall time of the SDP solver quiet and beside a busy neighbour, with and without the one-thread cap."""
    from localsearch.maxcut.exact import relaxation

    bench_eigh()

    print("== load: wall seconds quiet / next to one busy single-threaded process (best of "
          f"{repeats}); BLAS capped at one thread (the default) and uncapped")
    row("instance", "BLAS", "quiet", "busy", "busy/quiet", widths=(12, 9, 8, 8, 10))
    cap = relaxation.ONE_THREAD_UP_TO
    for name in ("g05_60.0", "pm1s_100.0"):
        g = read_instance(os.path.join(data_dir(), name))
        for label, limit in (("1 thread", cap), ("default", 0)):
            relaxation.ONE_THREAD_UP_TO = limit
            times = {}
            for mode in ("quiet", "busy"):
                hog = busy_neighbour() if mode == "busy" else None
                try:
                    times[mode] = min(solve(g, "sdp", time_limit=600).seconds for _ in range(repeats))
                finally:
                    if hog is not None:
                        hog.kill()
                        hog.wait()
            row(name, label, f"{times['quiet']:.2f}", f"{times['busy']:.2f}", f"{times['busy'] / times['quiet']:.2f}x",
                widths=(12, 9, 8, 8, 10))
    relaxation.ONE_THREAD_UP_TO = cap


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
    ap.add_argument("--part", choices=("all", "solvers", "paths", "biqmac", "load"), default="all")
    ap.add_argument("--biqmac", default=None, help="directory of Biq Mac files (pm1s_100.*, w01_100.*, g05_*)")
    ap.add_argument("--biqbin", default=None, help="BiqBin binary to run on the same files in the same session")
    ap.add_argument("--sdp-limit", type=float, default=600.0, help="time limit of the SDP solver per Biq Mac file")
    ap.add_argument("--roots", action="store_true", help="root bounds: plain SDP, triangles, all cliques")
    ap.add_argument("--load", action="store_true", help="SDP wall time quiet vs next to a busy process")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.part in ("all", "paths"):
        bench_paths(args.quick)
    if args.part in ("all", "solvers"):
        bench_solvers(20.0 if args.quick else args.time_limit, args.workers, args.large_limit)
        if args.formulations:
            bench_formulations(20.0 if args.quick else args.time_limit, args.workers)
    if args.part in ("all", "biqmac"):
        bench_biqmac(biqmac_files(args.biqmac), args.biqbin, args.sdp_limit, args.roots)
    if args.load or args.part == "load":
        bench_load()
    print(f"total {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()

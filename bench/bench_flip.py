"""Benchmark of the flip engine (run by hand, not a test): flips per second, as ratios to baselines
measured in the same run on the same instances and starts.

Baselines: the C reference ``../shared/reference/flipref.c`` (compiled here with gcc -O3 -march=native;
skipped if absent or gcc is missing), networkx ``approximation.one_exchange`` and dwave-samplers
``SteepestDescentSolver`` (skipped if not installed).

    PYTHONPATH=. python bench/bench_flip.py            # everything (a few minutes)
    PYTHONPATH=. python bench/bench_flip.py --quick    # no DC_24, no networkx

Targets (issue 4): DC_24 `first` (41,943,036 steps) under 60 s; compiled paths >= 0.5x the C reference;
>= 1000x networkx on G(800, 0.06); steepest at least as fast as dwave-samplers.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from instances import Assignment, dc_steps, doubling_chain, gnp, read_instance, write_instance  # noqa: E402
from localsearch.maxcut.certificate import certify_flip  # noqa: E402
from localsearch.maxcut.flip import local_search  # noqa: E402

SHARED = os.environ.get("TRIPLETPLS_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
DATA = {"g05_60.0": 536, "pm1s_100.0": 127, "w01_100.0": 651, "bqp100-1.sparse.mc": 7970, "G1.txt": 11624,
        "G43.txt": 6660}


def line(label, value):
    print(f"  {label:<58} {value}")


def rate(steps, seconds):
    return steps / seconds if seconds > 0 else float("inf")


class Reference:
    """The C yardstick, compiled into a temporary directory."""

    def __init__(self, tmp):
        src = os.path.join(SHARED, "reference", "flipref.c")
        self.exe = None
        if not os.path.exists(src):
            print(f"(C reference not found at {src}: skipped)")
            return
        if shutil.which("gcc") is None:
            print("(gcc not found: C reference skipped)")
            return
        exe = os.path.join(tmp, "flipref")
        subprocess.run(["gcc", "-O3", "-march=native", "-o", exe, src], check=True)
        self.exe, self.tmp = exe, tmp

    def run(self, graph, start, rule):
        gpath = os.path.join(self.tmp, "g.gset")
        ipath = os.path.join(self.tmp, "g.init")
        write_instance(graph, gpath, fmt="gset", drop_start=True)  # the start goes in g.init
        with open(ipath, "w") as f:
            f.write("\n".join("+1" if x > 0 else "-1" for x in start) + "\n")
        out = subprocess.run([self.exe, gpath, ipath, rule], check=True, capture_output=True, text=True).stdout
        d = json.loads(out)
        return d["steps"], d["seconds"], int(d["cut"])


def ours(graph, rule, start, **kw):
    res = local_search(graph, rule=rule, start=start, **kw)
    return res


def bench_dc(ref, n, exact_steps):
    g = doubling_chain(n)
    print(f"\nDC_{n}, rule first ({dc_steps(n):,} steps; {g.max_weight_bits}-bit weights)")
    res = ours(g, "first", g.start)
    assert res.steps == dc_steps(n) and res.status == "local_optimum"
    fast = rate(res.steps, res.seconds)
    line(f"ours, {res.extra['arithmetic']} path: seconds / flips per second", f"{res.seconds:.3f} s / {fast:,.0f}")
    if exact_steps:
        ex = ours(g, "first", g.start, max_steps=exact_steps, arithmetic="python")
        exr = rate(ex.steps, ex.seconds)
        line(f"ours, exact python path ({ex.steps:,} steps): flips per second", f"{exr:,.0f}")
        line("ratio fast path / exact path", f"{fast / exr:,.1f}x")
    if ref.exe:
        steps, secs, cut = ref.run(g, g.start, "first")
        assert steps == res.steps and cut == res.value
        line("C reference: seconds / flips per second", f"{secs:.3f} s / {rate(steps, secs):,.0f}")
        line("RATIO ours / C reference (goal >= 0.5)", f"{fast / rate(steps, secs):.2f}")
    return res.seconds


def bench_networkx(n=800, p=0.06, seed=0):
    try:
        import networkx as nx
        from networkx.algorithms.approximation import one_exchange
    except ImportError:
        print("(networkx missing: skipped)")
        return
    import random

    g = gnp(n, p, seed=seed)
    start = Assignment.random(g.n, seed)
    print(f"\nG({n}, {p}) unit weights ({g.m} edges), rule steepest vs networkx one_exchange, same random start")
    res = ours(g, "steepest", start)
    fast = rate(res.steps, res.seconds)
    line(f"ours: {res.steps} flips to a local optimum; flips per second", f"{fast:,.0f}")

    class OneStep(random.Random):
        """Stops one_exchange when it starts its second scan: times exactly one improving step."""

        calls = 0

        def shuffle(self, x):
            OneStep.calls += 1
            if OneStep.calls == 2:
                raise StopIteration
            super().shuffle(x)

    G = g.to_networkx()
    cut0 = {v for v in range(g.n) if start[v] < 0}
    t0 = time.perf_counter()
    try:
        one_exchange(G, initial_cut=cut0, seed=OneStep(seed))
    except StopIteration:
        pass
    nx_secs = time.perf_counter() - t0
    line("networkx one_exchange: seconds for its first step (flips per second)", f"{nx_secs:.1f} s ({1 / nx_secs:.4f})")
    line("RATIO ours / networkx (goal >= 1000)", f"{fast * nx_secs:,.0f}x")


def bench_dwave(graphs, reads, ref):
    try:
        import numpy as np
        from dwave.samplers import SteepestDescentSolver
    except ImportError:
        print("(dwave-samplers missing: skipped)")
        return
    print(f"\nrule steepest from {reads} random starts per instance: ours vs dwave-samplers SteepestDescentSolver"
          + (" vs C reference" if ref.exe else ""))
    solver = SteepestDescentSolver()
    tot = {"ours": 0.0, "ours_kernel": 0.0, "dw": 0.0, "dw_sampling": 0.0, "c": 0.0, "steps": 0, "dw_steps": 0}
    for name, g, optimum in graphs:
        starts = [Assignment.random(g.n, s) for s in range(reads)]
        local_search(g, rule="steepest")  # compile/load outside the timing
        t0 = time.perf_counter()
        results = [local_search(g, rule="steepest", start=s) for s in starts]
        ours_secs = time.perf_counter() - t0
        steps = sum(r.steps for r in results)
        kernel = sum(r.seconds for r in results)
        best = max(r.value for r in results)
        assert all(certify_flip(g, r.solution).local_optimum for r in results[:3])
        h = {v: 0 for v in range(g.n)}
        J = {(u, v): w for u, v, w in g.edges}
        states = np.array([s.to_array() for s in starts], dtype=np.int8)
        t0 = time.perf_counter()
        ss = solver.sample_ising(h, J, initial_states=(states, list(range(g.n))))
        dw_secs = time.perf_counter() - t0
        dw_steps = int(ss.record.num_steps.sum())
        dw_sampling = ss.info["timing"]["sampling_ns"] * 1e-9
        c_secs = 0.0
        if ref.exe:
            for s, r in zip(starts[:5], results[:5]):
                cs, csec, ccut = ref.run(g, s, "steepest")
                assert cs == r.steps and ccut == r.value
                c_secs += csec
            c_rate = rate(sum(r.steps for r in results[:5]), c_secs)
        opt = f", optimum {optimum}" if optimum else ""
        print(f"  {name}: n={g.n} m={g.m}, {steps} flips (dwave {dw_steps}), best cut {best}{opt}")
        line("  flips/s ours (whole calls) | ours (search only)", f"{rate(steps, ours_secs):,.0f} | {rate(steps, kernel):,.0f}")
        line("  flips/s dwave (whole call) | dwave (sampling only)", f"{rate(dw_steps, dw_secs):,.0f} | {rate(dw_steps, dw_sampling):,.0f}")
        if ref.exe:
            line("  flips/s C reference (search only, 5 starts)", f"{c_rate:,.0f}")
        for k, v in (("ours", ours_secs), ("ours_kernel", kernel), ("dw", dw_secs), ("dw_sampling", dw_sampling),
                     ("steps", steps), ("dw_steps", dw_steps)):
            tot[k] += v
    line("RATIO ours / dwave, whole calls (goal >= 1)", f"{rate(tot['steps'], tot['ours']) / rate(tot['dw_steps'], tot['dw']):.2f}")
    line("RATIO ours / dwave, search only vs sampling only",
         f"{rate(tot['steps'], tot['ours_kernel']) / rate(tot['dw_steps'], tot['dw_sampling']):.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="skip DC_24 and networkx")
    ap.add_argument("--reads", type=int, default=20, help="random starts per instance for the dwave comparison")
    args = ap.parse_args()
    local_search(doubling_chain(17))  # compile/load both widths outside the timings
    local_search(doubling_chain(3))
    with tempfile.TemporaryDirectory() as tmp:
        ref = Reference(tmp)
        bench_dc(ref, 20, exact_steps=100_000)
        if not args.quick:
            secs = bench_dc(ref, 24, exact_steps=0)
            line("DC_24 under 60 s (target)", "yes" if secs < 60 else "NO")
        graphs = [("G(800, 0.06) seed 0", gnp(800, 0.06, seed=0), None)]
        data_dir = os.path.join(SHARED, "data")
        for name, optimum in DATA.items():
            path = os.path.join(data_dir, name)
            if os.path.exists(path):
                graphs.append((name, read_instance(path), optimum))
        bench_dwave(graphs, args.reads, ref)
        if not args.quick:
            bench_networkx()


if __name__ == "__main__":
    main()

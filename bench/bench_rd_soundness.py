"""How often does a local optimum of the rd instance in the plane, reached from a RANDOM embedding,
back-map to a local max-cut? (It is not guaranteed: reductions/to_rd.py (3).) Baseline in the same run:
the same graphs and starts on the line (where it is guaranteed, so the rate must be 100%).

Run by hand: ``PYTHONPATH=. python bench/bench_rd_soundness.py [SECONDS]`` (default 240 s budget).
"""
import sys
import time

from instances import gnm
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets import line, rd
from reductions import to_line, to_rd


def trial(engine, inst, g, seed):
    res = engine.local_search(inst, rule="random", start=engine.random_solution(inst, seed), seed=seed,
                              time_limit=120)
    cert = engine.certify(inst, res.solution)
    s = to_rd.backmap(inst, res.solution)
    return cert.local_optimum, certify_flip(g, s).local_optimum, res.steps


def main(budget=240.0):
    t0, rows = time.perf_counter(), {"plane": [], "line": []}
    seed = 0
    while time.perf_counter() - t0 < budget:
        g = gnm(3 + seed % 2, 2 + seed % 2, weights="uniform", wmin=-6, wmax=6, seed=seed)
        for name, engine, inst in (("line", line, to_line.reduce(g)), ("plane", rd, to_rd.reduce(g, dim=2))):
            t = time.perf_counter()
            opt, good, steps = trial(engine, inst, g, seed)
            rows[name].append((opt, good, steps, time.perf_counter() - t))
        seed += 1
    for name, r in rows.items():
        certified = [x for x in r if x[0]]
        good = sum(x[1] for x in certified)
        print(f"{name:5s}: {len(r)} runs, {len(certified)} certified local optima, {good} back-map to a local "
              f"max-cut ({100 * good / max(len(certified), 1):.0f}%), mean {sum(x[2] for x in r) / max(len(r), 1):.1f} "
              f"steps, {sum(x[3] for x in r) / max(len(r), 1):.2f} s/run")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 240.0)

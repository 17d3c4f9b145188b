"""LocalSearchSampler(rule="steepest") against dwave-samplers' SteepestDescentSolver (same run).

Random sparse Ising models with integer biases (float64 is exact, so the samples must be identical),
the same seeded initial states; prints the seconds of both, their ratio and whether every sample,
energy and step count agrees. Repeat to judge the noise of the shared machine.
"""
from __future__ import annotations

import sys
import time

import numpy as np


def model(n, degree, seed):
    import dimod

    rng = np.random.default_rng(seed)
    lin = {i: int(rng.integers(-3, 4)) for i in range(n)}
    quad = {}
    for _ in range(n * degree // 2):
        u, v = (int(x) for x in rng.integers(0, n, 2))
        if u != v:
            quad[(min(u, v), max(u, v))] = int(rng.integers(-3, 4))
    return dimod.BQM(lin, quad, 0, "SPIN")


def main():
    try:
        from dwave.samplers import SteepestDescentSolver
    except ImportError:
        print("dwave-samplers is not installed (pip install 'tripletpls[bench]'); skipped")
        return 0
    from tripletpls import LocalSearchSampler

    ours, theirs = LocalSearchSampler(), SteepestDescentSolver()
    ours.sample(model(10, 3, 0), num_reads=2, seed=0)  # compile outside the timings
    print(f"{'n':>6} {'reads':>6} {'ours s':>8} {'dwave s':>8} {'ratio':>6} identical")
    for n, reads in ((100, 200), (1000, 50), (10000, 5)):
        bqm = model(n, 6, n)
        t0 = time.perf_counter()
        a = ours.sample(bqm, num_reads=reads, seed=1)
        t1 = time.perf_counter()
        b = theirs.sample(bqm, num_reads=reads, seed=1)
        t2 = time.perf_counter()
        same = (np.array_equal(a.record.sample, b.record.sample) and np.array_equal(a.record.energy, b.record.energy)
                and np.array_equal(a.record.num_steps, b.record.num_steps))
        print(f"{n:6d} {reads:6d} {t1 - t0:8.3f} {t2 - t1:8.3f} {(t1 - t0) / (t2 - t1):6.1f} {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The radial R^d reduction closed loop, measured: how often does a certified local optimum reached from a
fully RANDOM embedding (every point, anchors included) back-map to a local max-cut? (Always, by the
proof in reductions/to_rd.py: the rate must be 100%.) And what does a move cost in d = 2, 3 against the
line (d = 1) on the same instances, in the same run?

Contrast, same run: the line instance placed in the plane (``to_rd.embedded_line``), which is tight from
its start but NOT a reduction: its rate from random embeddings is below 100%.

Run by hand: ``PYTHONPATH=. python bench/bench_rd_soundness.py [SECONDS]`` (default 300 s budget for the
soundness part, split over d = 1, 2, 3 and the contrast).
"""
import sys
import time

from instances import doubling_chain, gnm
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets import line, rd
from reductions import to_rd

RULES = ("first", "last", "steepest", "least", "cyclic", "random")


def graph(seed, n_max):
    n = 2 + seed % (n_max - 1)
    m = min(n * (n - 1) // 2, 1 + seed % (n + 1))
    return gnm(n, m, weights="uniform", wmin=-6, wmax=6, seed=seed)


def naive_local_max_cut(g, s) -> bool:
    def cut(x):
        return sum(w for u, v, w in g.edges if x[u] != x[v])

    base = cut(s)
    return all(cut([-x if i == v else x for i, x in enumerate(s)]) <= base for v in range(g.n))


def trial(inst, g, rule, seed):
    engine = line if inst.dim == 1 else rd
    t = time.perf_counter()
    res = engine.local_search(inst, rule=rule, start=engine.random_solution(inst, seed), seed=seed, time_limit=600)
    dt = time.perf_counter() - t
    cert = engine.certify(inst, res.solution)
    s = to_rd.backmap(inst, res.solution)
    good = certify_flip(g, s).local_optimum and naive_local_max_cut(g, list(s.signs))
    return cert.local_optimum, good, res.steps, dt


def soundness(budget):
    print("== closed loop from fully random embeddings (rules cycled; graphs G(n, m), weights -6..6)")
    setups = [("radial d=1", 1, 6, "radial"), ("radial d=2", 2, 5, "radial"), ("radial d=3", 3, 3, "radial"),
              ("embedded line d=2 (not a reduction)", 2, 4, "embedded-line")]
    for name, dim, n_max, construction in setups:
        rows, t0, seed = [], time.perf_counter(), 0
        while time.perf_counter() - t0 < budget / len(setups):
            g = graph(seed, n_max)
            inst = to_rd.reduce(g, dim=dim, construction=construction)
            rows.append(trial(inst, g, RULES[seed % len(RULES)], seed))
            seed += 1
        certified = [r for r in rows if r[0]]
        good = sum(r[1] for r in certified)
        steps, secs = sum(r[2] for r in rows), sum(r[3] for r in rows)
        print(f"{name:38s}: {len(rows)} runs, {len(certified)} certified local optima, {good} back-map to a local "
              f"max-cut ({100 * good / max(len(certified), 1):.1f}%), {steps / max(len(rows), 1):.1f} moves/run, "
              f"{1e3 * secs / max(steps, 1):.1f} ms/move")


def per_move():
    print("== time per move: d = 2, 3 against the line (d = 1), same instances, same run")
    for n in (5, 6):
        g = doubling_chain(n)
        times = {}
        for dim in (1, 2, 3):
            inst = to_rd.reduce(g, dim=dim)
            engine = line if dim == 1 else rd
            t = time.perf_counter()
            res = engine.local_search(inst, "first")
            times[dim] = ((time.perf_counter() - t) / res.steps, res.steps)
        line_t = times[1][0]
        print(f"DC_{n} from the canonical image, first ({times[1][1]} moves in every d): " + ", ".join(
            f"d={d} {1e3 * t:.2f} ms/move ({t / line_t:.1f}x line)" for d, (t, _) in times.items()))
    for n_max, seeds in ((3, range(6)), (4, range(6))):
        acc = {1: [0.0, 0], 2: [0.0, 0], 3: [0.0, 0]}
        for seed in seeds:
            g = graph(seed + 100, n_max)
            for dim in (1, 2, 3):
                _, _, steps, dt = trial(to_rd.reduce(g, dim=dim), g, "random", seed)
                acc[dim][0] += dt
                acc[dim][1] += steps
        line_t = acc[1][0] / max(acc[1][1], 1)
        print(f"random embeddings, n <= {n_max}, rule random, {len(seeds)} graphs: " + ", ".join(
            f"d={d} {1e3 * t / max(k, 1):.2f} ms/move over {k} moves ({t / max(k, 1) / line_t:.0f}x line)"
            for d, (t, k) in acc.items()))


if __name__ == "__main__":
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 300.0
    per_move()
    soundness(budget)

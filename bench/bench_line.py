"""Bench for issue 6: sizes of the Max-Cut -> line reduction, seconds per triplet move, DC_12 end to end.

Run by hand: ``PYTHONPATH=. python bench/bench_line.py``. Baselines measured in the same run: a naive
flip runner on the source graph (seconds per flip) and the brute-force best move (seconds per point).
"""
import time

import numpy as np

from instances import dc_steps, doubling_chain, gnm
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets import line, rd
from localsearch.triplets.driver import incidence
from reductions import to_line, to_rd
from tests.helpers.oracles import brute_force_line_gain


def naive_first_flips(g):
    s = list(g.start)
    steps = 0
    while True:
        gains = g.gains(s)
        v = next((u for u in range(g.n) if gains[u] > 0), None)
        if v is None:
            return steps
        s[v] = -s[v]
        steps += 1


def sizes():
    print("== sizes (points = n + 11, triplets = 26 + 2n + m)")
    print(f"{'n':>6} {'m':>7} {'points':>7} {'triplets':>9} {'max_bits':>9} {'src_bits':>9}")
    for n, m in ((10, 20), (100, 300), (1000, 3000), (1000, 10000), (5000, 20000)):
        g = gnm(n, m, seed=0)
        inst = to_line.reduce(g)
        print(f"{n:>6} {m:>7} {inst.points:>7} {len(inst.triplets):>9} {inst.max_weight_bits:>9} {g.max_weight_bits:>9}")


def per_move():
    print("== DC_n on the line, rule first: seconds per move vs a naive flip runner (same run)")
    print(f"{'n':>3} {'steps':>6} {'T(n)':>6} {'line s':>8} {'us/move':>8} {'flip us/step':>12} {'ratio':>6}")
    for n in (6, 8, 10, 12):
        g = doubling_chain(n)
        inst = to_line.reduce(g)
        t = time.perf_counter()
        res = line.local_search(inst, "first")
        tl = time.perf_counter() - t
        t = time.perf_counter()
        fs = naive_first_flips(g)
        tf = time.perf_counter() - t
        assert res.steps == fs == dc_steps(n)
        print(f"{n:>3} {res.steps:>6} {dc_steps(n):>6} {tl:>8.3f} {1e6 * tl / res.steps:>8.1f} "
              f"{1e6 * tf / fs:>12.1f} {tl / tf:>6.2f}")


def best_move_vs_brute():
    print("== exact best move (sweep) vs brute force over all candidates, random embedding of a reduced G(n,m)")
    g = gnm(8, 16, seed=1)
    inst = to_line.reduce(g)
    sol = line.random_solution(inst, 0)
    pos = [line.int_if_integral(x) for x in sol]
    trips = incidence(inst)
    t = time.perf_counter()
    gains = [line.best_move(p, pos, trips[p])[0] for p in range(inst.points)]
    ts = time.perf_counter() - t
    t = time.perf_counter()
    brute = [brute_force_line_gain(inst, sol, p) for p in range(inst.points)]
    tb = time.perf_counter() - t
    assert gains == brute
    print(f"points {inst.points}: sweep {1e3 * ts / inst.points:.2f} ms/point, brute {1e3 * tb / inst.points:.1f} "
          f"ms/point, speedup {tb / ts:.0f}x (same gains)")


def dc12_end_to_end():
    print("== DC_12 on the line, end to end")
    n = 12
    t0 = time.perf_counter()
    g = doubling_chain(n)
    inst = to_line.reduce(g)
    t1 = time.perf_counter()
    res = line.local_search(inst, "first")
    t2 = time.perf_counter()
    cert = line.certify(inst, res.solution)
    s = to_line.backmap(inst, res.solution)
    fc = certify_flip(g, s)
    t3 = time.perf_counter()
    print(f"points {inst.points}, triplets {len(inst.triplets)}, max weight bits {inst.max_weight_bits}; "
          f"steps {res.steps} (T(12) = {dc_steps(n)}), local optimum {cert.local_optimum}, back-mapped cut "
          f"{fc.value} local max-cut {fc.local_optimum}; reduce {t1 - t0:.3f}s, search {t2 - t1:.2f}s, "
          f"certify+backmap {t3 - t2:.3f}s")


def rd_vs_line():
    print("== DC_6 reduced to R^2 and R^3 (radial instance, exact R^d engine) vs the line instance on the line")
    g = doubling_chain(6)
    t = time.perf_counter()
    r1 = line.local_search(to_line.reduce(g), "first")
    tl = time.perf_counter() - t
    for dim in (2, 3):
        t = time.perf_counter()
        r = rd.local_search(to_rd.reduce(g, dim=dim), "first")
        td = time.perf_counter() - t
        assert r.steps == r1.steps
        print(f"dim {dim}: steps {r.steps}, {1e3 * td / r.steps:.2f} ms/move vs line {1e3 * tl / r1.steps:.3f} "
              f"ms/move, ratio {td / tl:.0f}x")


def real_instance():
    print("== Gset G43 (1000 vertices, 9990 edges) on the line, rule first from the image of all +1")
    import os

    from instances import read_instance

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    g = read_instance(os.path.join(root, "data", "G43.txt"))
    inst = to_line.reduce(g)
    t = time.perf_counter()
    r = line.local_search(inst, "first")
    dt = time.perf_counter() - t
    t = time.perf_counter()
    fs = naive_first_flips(g.with_start([1] * g.n))
    tf = time.perf_counter() - t
    s = to_line.backmap(inst, r.solution)
    print(f"points {inst.points}, triplets {len(inst.triplets)}: {r.steps} moves (naive flips {fs}) in {dt:.2f}s "
          f"({1e3 * dt / r.steps:.2f} ms/move; naive flip runner {1e3 * tf / fs:.2f} ms/flip), cut {g.cut_value(s)}, "
          f"local max-cut {certify_flip(g, s).local_optimum}")


def plane_random_start():
    print("== reduced triangle in R^2 (radial instance) from random embeddings: s/move, back map verdicts")
    from instances import Graph

    g = Graph(3, ((0, 1, 2), (1, 2, -1), (0, 2, 3)), start=(1, 1, -1))
    inst = to_rd.reduce(g, dim=2)
    for seed in (0, 1):
        t = time.perf_counter()
        r = rd.local_search(inst, "steepest", start=rd.random_solution(inst, seed), seed=seed)
        dt = time.perf_counter() - t
        ok = certify_flip(g, to_rd.backmap(inst, r.solution)).local_optimum
        print(f"seed {seed}: {r.steps} moves, {dt / max(r.steps, 1):.2f} s/move, back map local max-cut: {ok}")


if __name__ == "__main__":
    np.random.seed(0)
    sizes()
    per_move()
    best_move_vs_brute()
    dc12_end_to_end()
    rd_vs_line()
    real_instance()
    plane_random_start()

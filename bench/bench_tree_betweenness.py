"""Bench: reduced instance sizes vs (n, m), and seconds per improving move of the tree and betweenness
engines, with ratios against baselines measured in the same run:
- incremental gains (re-evaluate only points sharing a triplet with the moved point) vs full
  re-evaluation of every point per step;
- the sweep best move vs exhaustive enumeration of the neighbourhood with from-scratch objectives.

Run by hand: PYTHONPATH=. python bench/bench_tree_betweenness.py [--quick]
"""
from __future__ import annotations

import sys
import time

from instances import doubling_chain, gnm
from localsearch.triplets import orderings as B, tree as T
from reductions import to_betweenness as RB, to_nonbetweenness as RN, to_tree as RT

PAIRS = {"tree": (RT, T), "betweenness": (RB, B), "nonbetweenness": (RN, B)}


def sizes(quick: bool) -> None:
    print("== reduced sizes (G(n, m), uniform weights in [-10, 10]; DC_n)")
    print(f"{'source':>18} {'target':>15} {'points':>7} {'triplets':>9} {'bits':>5}")
    graphs = [(f"gnm({n},{m})", gnm(n, m, weights="uniform", seed=0)) for n, m in
              ((100, 400), (1000, 4000)) + (() if quick else ((10000, 40000),))]
    graphs += [(f"DC_{n}", doubling_chain(n)) for n in (10, 40)]
    for name, g in graphs:
        for target, (R, _) in PAIRS.items():
            inst = R.reduce(g)
            print(f"{name:>18} {target:>15} {inst.points:>7} {len(inst.triplets):>9} {inst.max_weight_bits:>5}")


def seconds_per_move(E, inst) -> tuple[float, float]:
    """Seconds per move over the first 30 steepest moves from a random start: incremental, full."""
    start = E.random_solution(inst, 0)
    per = []
    for incremental in (True, False):
        res = E.local_search(inst, rule="steepest", start=start, max_steps=30, incremental=incremental)
        per.append(res.seconds / max(res.steps, 1))
    return per[0], per[1]


def row(name, target, inc, full) -> None:
    print(f"{name:>14} {target:>15} {inc:>12.5f} {full:>10.5f} {full / inc:>6.1f}x")


def per_move(quick: bool) -> None:
    print("== seconds per improving move, steepest rule, random non-clean start, first 30 moves")
    print(f"{'source':>14} {'target':>15} {'incremental':>12} {'full':>10} {'ratio':>7}")
    for n, m in ((200, 800),) + (() if quick else ((1000, 4000),)):
        g = gnm(n, m, weights="uniform", seed=1)
        for target, (R, E) in PAIRS.items():
            row(f"gnm({n},{m})", target, *seconds_per_move(E, R.reduce(g)))


def sparse_random(quick: bool) -> None:
    print("== seconds per improving move on random sparse triplet instances (3 triplets per point)")
    print(f"{'points':>14} {'target':>15} {'incremental':>12} {'full':>10} {'ratio':>7}")
    import numpy as np
    from instances import TripletInstance

    for m in (300,) + (() if quick else (2000,)):
        rng = np.random.default_rng(0)
        rows = tuple((*map(int, rng.choice(m, 3, replace=False)), int(rng.integers(1, 10))) for _ in range(3 * m))
        for target, (_, E) in PAIRS.items():
            row(str(m), target, *seconds_per_move(E, TripletInstance(m, rows, target=target)))


def sweep_vs_enumeration() -> None:
    print("== best move of every point: sweep vs exhaustive enumeration (from-scratch objective)")
    print(f"{'source':>10} {'target':>15} {'sweep s':>9} {'enum s':>9} {'ratio':>7}")
    from tests.helpers.oracles import naive_best_gain

    g = gnm(12, 30, weights="uniform", seed=2)
    for target, (R, E) in PAIRS.items():
        inst = R.reduce(g)
        sol = E.random_solution(inst, 0)
        t0 = time.perf_counter()
        state = (T.TreeState if target == "tree" else B.OrderState)(inst, sol)
        fast = [state.best(p)[0] for p in range(inst.points)]
        t1 = time.perf_counter()
        slow = [naive_best_gain(inst, sol, p) for p in range(inst.points)]
        t2 = time.perf_counter()
        assert fast == slow
        print(f"{'gnm(12,30)':>10} {target:>15} {t1 - t0:>9.4f} {t2 - t1:>9.4f} {(t2 - t1) / (t1 - t0):>6.0f}x")


def dc_runs() -> None:
    print("== DC_n, rule first from the reduced start: steps (= 5*2^(n-1)-4) and seconds")
    for target, (R, E) in PAIRS.items():
        for n in (8, 10):
            res = E.local_search(R.reduce(doubling_chain(n)), rule="first")
            print(f"{target:>15} n={n:>2} steps={res.steps:>5} seconds={res.seconds:.2f} "
                  f"s/move={res.seconds / res.steps:.5f}")


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    sizes(quick)
    sweep_vs_enumeration()
    per_move(quick)
    sparse_random(quick)
    dc_runs()

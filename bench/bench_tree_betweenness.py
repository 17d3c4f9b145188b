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
from localsearch import betweenness as B, tree as T
from reductions import betweenness as RB, nonbetweenness as RN, tree as RT

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


def per_move(quick: bool) -> None:
    print("== seconds per improving move, steepest rule, random non-clean start, first 30 moves")
    print(f"{'source':>14} {'target':>15} {'incremental':>12} {'full':>10} {'ratio':>7}")
    for n, m in ((200, 800),) + (() if quick else ((1000, 4000),)):
        g = gnm(n, m, weights="uniform", seed=1)
        for target, (R, E) in PAIRS.items():
            inst = R.reduce(g)
            start = E.random_solution(inst, 0)
            per = []
            for incremental in (True, False):
                res = E.local_search(inst, rule="steepest", start=start, max_steps=30, incremental=incremental)
                per.append(res.seconds / max(res.steps, 1))
            print(f"{f'gnm({n},{m})':>14} {target:>15} {per[0]:>12.5f} {per[1]:>10.5f} {per[1] / per[0]:>6.1f}x")


def sweep_vs_enumeration() -> None:
    print("== best move of every point: sweep vs exhaustive enumeration (from-scratch objective)")
    print(f"{'source':>10} {'target':>15} {'sweep s':>9} {'enum s':>9} {'ratio':>7}")
    import itertools  # noqa: F401
    from instances import Ordering, Tree

    g = gnm(12, 30, weights="uniform", seed=2)
    for target, (R, E) in PAIRS.items():
        inst = R.reduce(g)
        sol = E.random_solution(inst, 0)
        t0 = time.perf_counter()
        state = (T.TreeState if target == "tree" else B.OrderState)(inst, sol)
        fast = [state.best(p)[0] for p in range(inst.points)]
        t1 = time.perf_counter()
        v0 = inst.satisfied_weight(sol)
        slow = []
        for p in range(inst.points):
            best = 0
            if isinstance(sol, Tree):
                par = list(sol.parent)
                q = par[p]
                s = next(v for v in range(len(par)) if par[v] == q and v != p)
                for u in range(len(par)):
                    if u in (p, q):
                        continue
                    new = list(par)
                    new[s], new[q], new[u] = new[q], new[u] if u != s else new[q], q
                    best = max(best, inst.satisfied_weight(Tree(tuple(new))) - v0)
            else:
                for j in range(inst.points):
                    rest = [x for x in sol.order if x != p]
                    rest.insert(j, p)
                    best = max(best, inst.satisfied_weight(Ordering(tuple(rest))) - v0)
            slow.append(best)
        t2 = time.perf_counter()
        assert fast == slow
        print(f"{'gnm(12,30)':>10} {target:>15} {t1 - t0:>9.4f} {t2 - t1:>9.4f} {(t2 - t1) / (t1 - t0):>6.0f}x")


def sparse_random(quick: bool) -> None:
    print("== seconds per improving move on random sparse triplet instances (3 triplets per point)")
    print(f"{'points':>7} {'target':>15} {'incremental':>12} {'full':>10} {'ratio':>7}")
    import numpy as np
    from instances import TripletInstance

    for m in (300,) + (() if quick else (2000,)):
        rng = np.random.default_rng(0)
        rows = tuple((*map(int, rng.choice(m, 3, replace=False)), int(rng.integers(1, 10))) for _ in range(3 * m))
        for target, (_, E) in PAIRS.items():
            inst = TripletInstance(m, rows, target=target)
            start = E.random_solution(inst, 0)
            per = []
            for incremental in (True, False):
                res = E.local_search(inst, rule="steepest", start=start, max_steps=30, incremental=incremental)
                per.append(res.seconds / max(res.steps, 1))
            print(f"{m:>7} {target:>15} {per[0]:>12.5f} {per[1]:>10.5f} {per[1] / per[0]:>6.1f}x")


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

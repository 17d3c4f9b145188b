"""PGD on reduced random QPs (QP-KKT -> triplet loss, hinge, d = 1) vs the same PGD directly on the QP.

For each n and seed: random_qp(n, seed) (integer entries in [-10, 10], indefinite); the direct run stops at
an eps-KKT point of f (eps = 1e-3), the reduced run at an (alpha*eps)-KKT point of the loss (the back map
then certifies eps-KKT for f). Both start at the centre of [0,1]^n (the reduced start is its image).
While the anchors stay pinned, the reduced run moves the variables exactly like PGD on f with step
alpha/L_loss instead of 1/L_qp, so the iteration ratio should track L_loss/(alpha L_qp) (printed too).

Run by hand: PYTHONPATH=. python bench/bench_descend.py [--quick]
"""
from __future__ import annotations

import json
import statistics
import sys
from fractions import Fraction

from instances.qp_generators import random_qp
from localsearch.continuous import pgd
from localsearch.continuous.qp_kkt import certify_qp
from reductions import qp_to_triplet_loss as tl

EPS = 1e-3


def one(n: int, seed: int, step: str) -> dict:
    qp = random_qp(n, seed=seed)
    inst = tl.reduce(qp)
    alpha = Fraction(inst.meta["reduction"]["alpha"])
    d = pgd.descend_qp(qp, eps=EPS, step=step, max_iter=500_000, time_limit=30)
    r = pgd.descend(inst, eps=float(alpha) * EPS, step=step, max_iter=500_000, time_limit=30)
    x = tl.backmap(inst, r.solution)
    ok = certify_qp(qp, x, tl.backmapped_eps(inst, Fraction(float(alpha) * EPS))).eps_kkt
    return {"n": n, "seed": seed, "step": step, "direct_iter": d.steps, "direct_s": d.seconds, "direct_status": d.status,
            "reduced_iter": r.steps, "reduced_s": r.seconds, "reduced_status": r.status, "backmapped_kkt": ok,
            "L_ratio": (r.extra["lipschitz"] / (float(alpha) * d.extra["lipschitz"])) if d.extra["lipschitz"] else None,
            "triplets": len(inst.triplets)}


def main():
    quick = "--quick" in sys.argv
    ns = (2, 4, 8) if quick else (2, 4, 8, 16, 32, 64)
    seeds = range(3) if quick else range(5)
    print(f"{'step':12} {'n':>3} {'trip':>5} {'direct it':>10} {'reduced it':>11} {'it ratio':>9} "
          f"{'L ratio':>8} {'direct s':>9} {'reduced s':>10} {'s ratio':>8} certified")
    summary = []
    for step in ("fixed", "backtracking"):
        for n in ns:
            rows = [one(n, s, step) for s in seeds]
            it = [r["reduced_iter"] / max(r["direct_iter"], 1) for r in rows]
            sec = [r["reduced_s"] / max(r["direct_s"], 1e-9) for r in rows]
            lr = [r["L_ratio"] for r in rows if r["L_ratio"]]
            med = dict(step=step, n=n, triplets=rows[0]["triplets"],
                       direct_iter=statistics.median(r["direct_iter"] for r in rows),
                       reduced_iter=statistics.median(r["reduced_iter"] for r in rows),
                       iter_ratio=statistics.median(it), L_ratio=statistics.median(lr) if lr else None,
                       direct_s=statistics.median(r["direct_s"] for r in rows),
                       reduced_s=statistics.median(r["reduced_s"] for r in rows), sec_ratio=statistics.median(sec),
                       certified=sum(r["backmapped_kkt"] for r in rows), runs=len(rows),
                       statuses=sorted({r["reduced_status"] for r in rows} | {r["direct_status"] for r in rows}))
            summary.append(med)
            print(f"{step:12} {n:>3} {med['triplets']:>5} {med['direct_iter']:>10} {med['reduced_iter']:>11} "
                  f"{med['iter_ratio']:>9.1f} {med['L_ratio'] or 0:>8.1f} {med['direct_s']:>9.4f} "
                  f"{med['reduced_s']:>10.4f} {med['sec_ratio']:>8.1f} {med['certified']}/{med['runs']} "
                  f"{','.join(med['statuses'])}")
    print(json.dumps({"bench": "descend", "eps": EPS, "medians": summary}))


if __name__ == "__main__":
    main()

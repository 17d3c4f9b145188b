"""LocalSearchEmbedding against cblearn's SOE and t-STE on planted 1-D data with 0-20% noise.

Data: n objects at uniform random positions on the line; t random triplets (i, j, k) answered by the
planted positions ("i closer to j than to k"), each answer flipped with probability `noise`. Reported
per method: train accuracy (fraction of the given, noisy triplets satisfied), test accuracy (on fresh
noiseless triplets: how well the planted order is recovered), seconds, and for local search whether
the embedding is a certified local optimum. "LS from SOE" starts local search at SOE's embedding
(warm start), so its train accuracy is never below SOE's. All methods run in this process, in the same
run; timings are wall-clock on a shared machine (repeat to judge the noise).

Run with `make bench-embedding` (cblearn needs numpy 1.26, so it gets its own venv). Without cblearn the
script says so and exits 0.
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np


def planted(n, t, noise, seed):
    rng = np.random.default_rng(seed)
    x = rng.random(n)

    def draw(k):
        X = rng.integers(0, n, size=(3 * k, 3))
        X = X[(X[:, 0] != X[:, 1]) & (X[:, 0] != X[:, 2]) & (X[:, 1] != X[:, 2])][:k]
        y = np.abs(x[X[:, 0]] - x[X[:, 1]]) < np.abs(x[X[:, 0]] - x[X[:, 2]])
        return X, y

    X, y = draw(t)
    y = y ^ (rng.random(len(y)) < noise)
    train = np.where(y[:, None], X, X[:, [0, 2, 1]])
    Xt, yt = draw(t)
    test = np.where(yt[:, None], Xt, Xt[:, [0, 2, 1]])
    return train, test


def accuracy(emb, triplets):
    e = np.asarray(emb, dtype=float).reshape(len(emb), -1)
    d1 = np.linalg.norm(e[triplets[:, 0]] - e[triplets[:, 1]], axis=1)
    d2 = np.linalg.norm(e[triplets[:, 0]] - e[triplets[:, 2]], axis=1)
    return float(np.mean(d1 < d2))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--triplets", type=int, default=3000)
    ap.add_argument("--noise", default="0,0.05,0.1,0.2")
    ap.add_argument("--seeds", type=int, default=2)
    args = ap.parse_args()
    try:
        from cblearn.embedding import SOE, TSTE
    except ImportError:
        print("cblearn is not installed here (it pins numpy 1.26): run `make bench-embedding`; skipped")
        return 0
    from tripletpls import LocalSearchEmbedding

    LocalSearchEmbedding(random_state=0).fit([[0, 1, 2]])  # compile the kernel outside the timings
    rows = []
    print(f"n={args.n} objects, {args.triplets} triplets, {args.seeds} seeds per noise level; means")
    print(f"{'noise':>5} {'method':<14} {'train acc':>9} {'test acc':>8} {'seconds':>8} {'certified':>9}")
    for noise in (float(v) for v in args.noise.split(",")):
        res: dict = {}
        for seed in range(args.seeds):
            train, test = planted(args.n, args.triplets, noise, seed)
            runs = []
            t0 = time.perf_counter()
            soe = SOE(n_components=1, random_state=seed).fit(train, n_objects=args.n)
            runs.append(("SOE", soe.embedding_, time.perf_counter() - t0, None))
            t0 = time.perf_counter()
            tste = TSTE(n_components=1, random_state=seed).fit(train, n_objects=args.n)
            runs.append(("t-STE", tste.embedding_, time.perf_counter() - t0, None))
            for rule in ("steepest", "first"):
                t0 = time.perf_counter()
                ls = LocalSearchEmbedding(rule=rule, random_state=seed).fit(train, n_objects=args.n)
                runs.append((f"LS {rule}", ls.embedding_, time.perf_counter() - t0, ls.certificate_.local_optimum))
            t0 = time.perf_counter()
            warm = LocalSearchEmbedding(init=soe.embedding_, random_state=seed).fit(train, n_objects=args.n)
            runs.append(("LS from SOE", warm.embedding_, runs[0][2] + time.perf_counter() - t0,
                         warm.certificate_.local_optimum))
            for name, emb, sec, cert in runs:
                r = res.setdefault(name, [[], [], [], []])
                r[0].append(accuracy(emb, train))
                r[1].append(accuracy(emb, test))
                r[2].append(sec)
                r[3].append(cert)
        for name, (tr, te, sec, cert) in res.items():
            c = "-" if cert[0] is None else ("yes" if all(cert) else "NO")
            print(f"{noise:5.2f} {name:<14} {np.mean(tr):9.4f} {np.mean(te):8.4f} {np.mean(sec):8.2f} {c:>9}")
            rows.append((noise, name, np.mean(tr), np.mean(te), np.mean(sec)))
    base = {noise: sec for noise, name, _, _, sec in rows if name == "SOE"}
    print("time ratios to SOE (same run): " + ", ".join(
        f"{name}@{noise:.2f}={sec / base[noise]:.2f}" for noise, name, _, _, sec in rows if name != "SOE"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

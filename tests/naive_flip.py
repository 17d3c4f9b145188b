"""A naive flip local search by the SPEC section 1 definitions, independent of every engine.

Gains are recomputed from the edge list after every flip; ``random`` draws its own splitmix64 stream
(Steele, Lea & Flood 2014) written out here from the published constants, so the engines' shared
``localsearch.rules`` stream is checked against an independent copy.
"""
from __future__ import annotations


def naive_splitmix(x):
    x = (x + 0x9E3779B97F4A7C15) % 2**64
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64
    return x, z ^ (z >> 31)


def naive_gains(n, edges, s):
    return [sum(w * s[u] * s[x] for (a, b, w) in edges for (u, x) in ((a, b), (b, a)) if u == v) for v in range(n)]


def naive_flip_run(graph, start, rule, seed=0, cap=100_000):
    """([(vertex, gain), ...], final assignment as a list) of ``rule`` from ``start``."""
    n, s = graph.n, list(start)
    seq, pointer, rng = [], 0, seed % 2**64
    while len(seq) < cap:
        g = naive_gains(n, graph.edges, s)
        imp = [v for v in range(n) if g[v] > 0]
        if not imp:
            return seq, s
        if rule == "first":
            v = imp[0]
        elif rule == "last":
            v = imp[-1]
        elif rule == "steepest":
            v = min(imp, key=lambda x: (-g[x], x))
        elif rule == "least":
            v = min(imp, key=lambda x: (g[x], x))
        elif rule == "cyclic":
            after = [x for x in imp if x >= pointer]
            v = after[0] if after else imp[0]
        elif rule == "random":  # k-th improving vertex, k uniform by rejection from splitmix64
            c = len(imp)
            while True:
                rng, r = naive_splitmix(rng)
                if r >= (2**64 - c) % c:
                    break
            v = imp[r % c]
        else:
            raise ValueError(rule)
        seq.append((v, g[v]))
        s[v] = -s[v]
        pointer = (v + 1) % n
    raise AssertionError("reference run too long")

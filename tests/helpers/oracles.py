"""Slow reference implementations (oracles) the tests compare the engines with, independent of them.

A naive flip local search by the SPEC section 1 definitions, independent of every engine.

Gains are recomputed from the edge list after every flip; ``random`` draws its own splitmix64 stream
(Steele, Lea & Flood 2014) written out here from the published constants, so the engines' shared
``localsearch.core.rules`` stream is checked against an independent copy.
"""
from __future__ import annotations

from fractions import Fraction

from instances import Assignment, Graph, Ordering, Tree, TripletInstance


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


def flip_run(g: Graph, s, rule: str, seed: int = 0):
    seq, s = naive_flip_run(g, s, rule, seed)
    return [v for v, _ in seq], s


def brute_force_maxcut(g: Graph) -> int:
    """Maximum cut by visiting all 2^(n-1) assignments with s_0 = +1 in Gray-code order (exact ints)."""
    if g.n == 0:
        return 0
    s = [1] * g.n
    gains = list(g.gains(s))
    adj = [[] for _ in range(g.n)]
    for u, v, w in g.edges:
        adj[u].append((v, w))
        adj[v].append((u, w))
    cut = best = 0
    for k in range(1, 2 ** (g.n - 1)):
        v = (k & -k).bit_length()  # Gray code on vertices 1..n-1
        cut += gains[v]
        s[v] = -s[v]
        gains[v] = -gains[v]
        for u, w in adj[v]:
            gains[u] += 2 * w * s[u] * s[v]
        best = max(best, cut)
    return best


def naive_regrafts(tree: Tree, x: int):
    """Every (u, tree) obtained by pruning leaf x and regrafting it above node u (from scratch)."""
    par = list(tree.parent)
    p = par[x]
    s = next(v for v in range(len(par)) if par[v] == p and v != x)
    for u in range(len(par)):
        if u in (x, p):
            continue
        q = list(par)
        q[s] = q[p]
        q[p] = q[u]
        q[u] = p
        yield u, Tree(tuple(q))


def naive_insertions(order: Ordering, p: int):
    for j in range(len(order.order)):
        rest = [q for q in order.order if q != p]
        rest.insert(j, p)
        yield j, Ordering(tuple(rest))


def naive_moves_on_line(pos, x: int):
    """Point x moved to every other point's position, every midpoint of consecutive distinct positions,
    and beyond both ends: one representative of every class of the line (objectives only change there)."""
    vals = sorted(set(pos))
    for c in vals + [(a + b) / 2 for a, b in zip(vals, vals[1:])] + [vals[0] - 1, vals[-1] + 1]:
        q = list(pos)
        q[x] = c
        yield c, tuple(q)


def naive_best_gain(inst: TripletInstance, sol, x: int) -> int:
    """max(0, best gain of moving point x), by enumerating the whole neighbourhood."""
    v0 = inst.satisfied_weight(sol)
    if isinstance(sol, Tree):
        moves = naive_regrafts(sol, x)
    elif isinstance(sol, Ordering):
        moves = naive_insertions(sol, x)
    else:
        moves = naive_moves_on_line(sol, x)
    return max([0] + [inst.satisfied_weight(s) - v0 for _, s in moves])


def assert_best_moves_exact(inst: TripletInstance, sol, make_state) -> None:
    """Every point's best move from the engine state equals exhaustive enumeration, and applying it to a
    fresh state gains exactly that (objective recomputed with the reference semantics)."""
    v0 = inst.satisfied_weight(sol)
    state = make_state(inst, sol)
    for p in range(inst.points):
        gain, move = state.best(p)
        assert gain == naive_best_gain(inst, sol, p)
        if gain > 0:
            moved = make_state(inst, sol)
            moved.apply(move)
            assert inst.satisfied_weight(moved.solution()) == v0 + gain


def naive_flips(graph: Graph, start, rule: str, seed: int = 0):
    """The (vertex, gain) sequence of a flip local search, gains recomputed from scratch each step."""
    seq, s = naive_flip_run(graph, start, rule, seed)
    return seq, Assignment(tuple(s))

"""Slow reference implementations (oracles) the tests compare the engines with, independent of them.

A naive flip local search and a naive one-point-move local search by the SPEC section 1 definitions,
independent of every engine: gains are recomputed from scratch after every move; ``random`` draws its
own splitmix64 stream (Steele, Lea & Flood 2014) written out here from the published constants, so the
engines' shared ``localsearch.core.rules`` stream is checked against an independent copy. Exhaustive
neighbourhoods of trees, orderings and points on the line, scored by the instance's own objective.
"""
from __future__ import annotations

import itertools
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


def naive_choice(rule: str, imp: list, g, pointer: int, rng: int):
    """(element, new rng state) chosen by ``rule`` among the improving elements ``imp`` (index order),
    gains ``g``; ``pointer`` is the element after the last one moved (cyclic), ``rng`` the splitmix64 state."""
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
    elif rule == "random":  # k-th improving element, k uniform by rejection from splitmix64
        c = len(imp)
        while True:
            rng, r = naive_splitmix(rng)
            if r >= (2**64 - c) % c:
                break
        v = imp[r % c]
    else:
        raise ValueError(rule)
    return v, rng


def naive_flip_run(graph, start, rule, seed=0, cap=100_000):
    """([(vertex, gain), ...], final assignment as a list) of ``rule`` from ``start``."""
    n, s = graph.n, list(start)
    seq, pointer, rng = [], 0, seed % 2**64
    while len(seq) < cap:
        g = naive_gains(n, graph.edges, s)
        imp = [v for v in range(n) if g[v] > 0]
        if not imp:
            return seq, s
        v, rng = naive_choice(rule, imp, g, pointer, rng)
        seq.append((v, g[v]))
        s[v] = -s[v]
        pointer = (v + 1) % n
    raise AssertionError("reference run too long")


def naive_point_run(inst: TripletInstance, make_state, start, rule: str, seed: int = 0, max_steps=None, cap=10_000):
    """A one-point-move local search by the definitions: before every move a FRESH state is built from the
    current solution (``make_state(inst, solution)``) and every point's best move is recomputed; the rule
    picks the point. Returns (trajectory [(point, gain, move)], final solution, status)."""
    sol, traj, pointer, rng = start, [], 0, seed % 2**64
    while len(traj) < cap:
        state = make_state(inst, sol)
        best = [state.best(p) for p in range(inst.points)]
        imp = [p for p in range(inst.points) if best[p][0] > 0]
        if not imp:
            return traj, sol, "local_optimum"
        if max_steps is not None and len(traj) >= max_steps:
            return traj, sol, "max_steps"
        p, rng = naive_choice(rule, imp, [b[0] for b in best], pointer, rng)
        before = inst.satisfied_weight(sol)
        state.apply(best[p][1])
        sol = state.solution()
        assert inst.satisfied_weight(sol) == before + best[p][0]
        traj.append((p, best[p][0], best[p][1]))
        pointer = (p + 1) % inst.points
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


def assert_exact(res, g: Graph, optimum: int) -> None:
    """``res`` (a ``localsearch.maxcut.exact.MaxCutResult``) proves ``optimum`` optimal: status optimal, value =
    bound = optimum, and its assignment, recomputed from scratch, cuts exactly ``optimum``."""
    assert res.optimal and res.status == "optimal"
    assert res.value == res.bound == optimum
    assert g.cut_value(res.assignment) == optimum


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


def brute_force_line_gain(inst: TripletInstance, solution, p: int):
    """max(0, best gain of point p on the line), over a superset of all breakpoints: every other
    coordinate, the midpoint of two others and the reflection of one other about another, the points
    between consecutive candidates and beyond the extremes, each scored by the full objective."""
    pos = list(inst.check_solution(solution))
    others = [pos[q] for q in range(inst.points) if q != p]
    cands = set(others)
    for u in others:
        for v in others:
            cands.add((u + v) / 2)
            cands.add(2 * u - v)
    cs = sorted(cands)
    probe = list(cs) + [cs[0] - 1, cs[-1] + 1] if cs else [Fraction(0)]
    probe += [(x + y) / 2 for x, y in zip(cs, cs[1:])]
    current = inst.satisfied_weight(tuple(pos))
    best = current
    for x in probe:
        pos[p] = Fraction(x)
        best = max(best, inst.satisfied_weight(tuple(pos)))
    return best - current


def kkt_1d(q, c):
    """KKT points of q x^2 + c x on [0,1], by hand: 0 iff c >= 0, 1 iff 2q + c <= 0, -c/2q if inside."""
    q, c, pts = Fraction(q), Fraction(c), set()
    if c >= 0:
        pts.add(Fraction(0))
    if 2 * q + c <= 0:
        pts.add(Fraction(1))
    if q != 0 and 0 < -c / (2 * q) < 1:
        pts.add(-c / (2 * q))
    return pts


def brute_force_alignment(A, B, modulo_permutations: bool = True) -> float:
    """min over orthogonal Q (and every relabelling P) of ||P A Q - B||_F: all M! permutations, each
    aligned by scipy's own ``orthogonal_procrustes`` (for M <= 7)."""
    import itertools

    import numpy as np
    from scipy.linalg import orthogonal_procrustes

    perms = itertools.permutations(range(len(A))) if modulo_permutations else [tuple(range(len(A)))]
    best = float("inf")
    for p in perms:
        R, _ = orthogonal_procrustes(A[list(p)], B)
        best = min(best, float(np.linalg.norm(A[list(p)] @ R - B)))
    return best


def strict_system_feasible(rows) -> bool:
    """Is {x : c . x < e for every (c, e) in rows} non-empty? Fourier-Motzkin elimination, exact
    (a positive combination of strict inequalities is strict, so the system is feasible iff no
    eliminated row reads 0 < e with e <= 0)."""
    rows = [(tuple(Fraction(x) for x in c), Fraction(e)) for c, e in rows]
    k = len(rows[0][0]) if rows else 0
    for j in range(k):
        pos = [r for r in rows if r[0][j] > 0]
        neg = [r for r in rows if r[0][j] < 0]
        new = [r for r in rows if r[0][j] == 0]
        for cp, ep in pos:
            for cn, en in neg:
                a, b = cp[j], -cn[j]
                new.append((tuple(b * x + a * y for x, y in zip(cp, cn)), b * ep + a * en))
        rows = new
    return all(0 < e for _, e in rows)


def _min_sq_distance(rows, g):
    """min |x - g|^2 over the closed polyhedron {c . x <= e}: the best of the projections of g onto the flats
    of the subsets of rows that land in the polyhedron (the minimiser is one of them)."""
    k, best = len(g), None
    for size in range(k + 1):
        for S in itertools.combinations(range(len(rows)), size):
            A = [[Fraction(x) for x in rows[i][0]] for i in S]
            rhs = [sum(a * Fraction(y) for a, y in zip(A[i], g)) - rows[S[i]][1] for i in range(size)]
            M = [[sum(x * y for x, y in zip(r, s)) for s in A] + [rhs[i]] for i, r in enumerate(A)]
            for c in range(size):  # Gauss-Jordan on (A A^T | A g - e)
                piv = next((r for r in range(c, size) if M[r][c] != 0), None)
                if piv is None:
                    break
                M[c], M[piv] = M[piv], M[c]
                for r in range(size):
                    if r != c and M[r][c] != 0:
                        f = M[r][c] / M[c][c]
                        M[r] = [x - f * y for x, y in zip(M[r], M[c])]
            else:
                lam = [M[i][size] / M[i][i] for i in range(size)]
                x = [Fraction(g[c]) - sum(lam[i] * A[i][c] for i in range(size)) for c in range(k)]
                if all(sum(Fraction(a) * y for a, y in zip(c, x)) <= e for c, e in rows):
                    d = sum((a - Fraction(b)) ** 2 for a, b in zip(x, g))
                    best = d if best is None or d < best else best
    return best


def best_cell_by_sign_vectors(planes, k, g, ball=None):
    """The best value of weighted open half-spaces (and an open ball around g) over R^k, by trying every
    sign vector: feasibility by Fourier-Motzkin, the ball by the exact distance from g to the cell's
    closure. ``planes`` as in ``localsearch.triplets.cells.best_cell``; exponential, for tiny inputs."""
    planes = [p for p in planes if any(p[0])]
    best = None
    for signs in itertools.product((-1, 1), repeat=len(planes)):
        rows, val = [], 0
        for (a, b, wl, wg), s in zip(planes, signs):
            rows.append((a, b) if s < 0 else (tuple(-x for x in a), -b))
            val += wl if s < 0 else wg
        if rows and not strict_system_feasible(rows):
            continue
        if ball is not None:
            dist = _min_sq_distance(rows, g)
            if dist is not None and dist < Fraction(ball[0]):
                val += ball[1]
        best = val if best is None or val > best else best
    return best


def naive_local_max_cut(g: Graph, s) -> bool:
    """Is s a local max-cut of g? Every single flip tried, cuts recomputed from scratch."""
    def cut(x):
        return sum(w for u, v, w in g.edges if x[u] != x[v])

    base = cut(list(s))
    return all(cut([(-x if i == v else x) for i, x in enumerate(s)]) <= base for v in range(g.n))

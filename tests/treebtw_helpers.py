"""Shared by the tree/betweenness tests: naive neighbourhoods, a naive flip runner, graph strategies."""
from __future__ import annotations

from hypothesis import strategies as st

from instances import Assignment, Graph, Ordering, Tree, TripletInstance
from naive_flip import naive_flip_run


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


@st.composite
def graphs(draw, max_n=6, max_w=6, negative=True):
    """Random small graphs with positive and negative integer weights and a start assignment."""
    n = draw(st.integers(1, max_n))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    lo = -max_w if negative else 1
    ws = [draw(st.integers(lo, max_w).filter(lambda w: w != 0)) for _ in chosen]
    start = draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n))
    return Graph(n, tuple((u, v, w) for (u, v), w in zip(chosen, ws)), start=Assignment(tuple(start)))


@st.composite
def triplet_instances(draw, target, min_m=3, max_m=7, max_t=10):
    m = draw(st.integers(min_m, max_m))
    trip = st.tuples(st.permutations(range(m)).map(lambda p: p[:3]), st.integers(1, 9))
    rows = draw(st.lists(trip, min_size=1, max_size=max_t))
    return TripletInstance(m, tuple((a, b, c, w) for (a, b, c), w in rows), target=target)

"""The checks every reduction of Local Max-Cut to a discrete triplet target must pass, shared by
tests/reductions/test_to_{tree,betweenness,nonbetweenness}.py.

``target`` names the pair (reduction, engine family) in ``PAIRS``: ``tree``, ``betweenness``,
``nonbetweenness`` (ordering form) or ``nonbetweenness-positions`` (positions on the line). Each check is a
Hypothesis test taking ``target`` as its one explicit argument: a test module calls it, e.g.
``check_closed_loop("tree")``.
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from instances import Assignment
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets import orderings as B, tree as T
from reductions import to_betweenness as RB, to_nonbetweenness as RN, to_tree as RT

from tests.helpers.oracles import naive_best_gain, naive_flips
from tests.helpers.strategies import signed_graphs

PAIRS = {"tree": (RT, T), "betweenness": (RB, B), "nonbetweenness": (RN, B), "nonbetweenness-positions": (RN, B)}
TIGHT_RULES = ("first", "last", "steepest", "cyclic", "least", "random")


def make(target, g):
    """The reduced instance; "nonbetweenness-positions" is the positions form on the line."""
    R, _ = PAIRS[target]
    return R.reduce(g, form="positions") if target == "nonbetweenness-positions" else R.reduce(g)


def state_for(inst, sol):
    """The engine's incremental state for ``sol`` (a tree or an ordering/positions)."""
    return T.TreeState(inst, sol) if inst.target == "tree" else B._state(inst, sol)


@settings(max_examples=40)
@given(g=signed_graphs(), seed=st.integers(0, 10**6), rule=st.sampled_from(("first", "steepest", "random", "cyclic")))
def check_closed_loop(target, g, seed, rule):
    """From a random (non-clean) solution the engine ends at a certified local optimum whose back map is a
    certified local max-cut."""
    R, E = PAIRS[target]
    inst = make(target, g)
    res = E.local_search(inst, rule=rule, start=E.random_solution(inst, seed), seed=seed)
    assert res.status == "local_optimum" and E.certify(inst, res.solution).local_optimum
    s = R.backmap(inst, res.solution)
    assert certify_flip(g, s).local_optimum


@settings(max_examples=40)
@given(g=signed_graphs(), rule=st.sampled_from(TIGHT_RULES), seed=st.integers(0, 2**64 + 5))
def check_tight_flip_for_flip(target, g, rule, seed):
    """From the clean start every rule makes exactly the flips of the naive flip search, move for move, and
    every intermediate solution is clean and back-maps to the assignment so far."""
    R, E = PAIRS[target]
    inst = make(target, g)
    assert R.backmap(inst, inst.start) == g.start
    traj = []
    res = E.local_search(inst, rule=rule, seed=seed, trajectory=traj)
    flips, final = naive_flips(g, g.start, rule, seed)
    assert [(p, gain) for p, gain, _ in traj] == flips
    assert R.backmap(inst, res.solution) == final
    # the objective of a clean solution is a fixed offset plus the cut
    base = inst.satisfied_weight(inst.start) - g.cut_value(g.start)
    assert res.value == base + g.cut_value(final)
    # every intermediate solution is clean and maps to the flipped assignment so far
    state = state_for(inst, inst.start)
    s = list(g.start)
    for p, gain, move in traj:
        state.apply(move)
        s[p] = -s[p]
        assert R.backmap(inst, state.solution()) == Assignment(tuple(s))


@settings(max_examples=20)
@given(g=signed_graphs(max_n=4, max_w=4))
def check_clean_scaffold(target, g):
    """At the clean start no scaffold point has an improving move, and a vertex point's best gain is its flip
    gain (or 0), by exhaustive neighbourhoods."""
    R, E = PAIRS[target]
    inst = make(target, g)
    n = g.n
    for p in range(n, inst.points):  # exhaustive neighbourhood of every scaffold point
        assert naive_best_gain(inst, inst.start, p) == 0
    gains = g.gains(g.start)
    for v in range(n):
        assert naive_best_gain(inst, inst.start, v) == max(0, gains[v])

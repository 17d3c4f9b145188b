"""The weight designer (localsearch.maxcut.design): patterns, the obstructions of the steepest hunt,
random small designs against an exhaustive search over a weight box, certificates, and errors."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instances import Graph, InstanceError, dc_steps, doubling_chain
from localsearch.maxcut.design import (
    Row, design_rows, design_weights, expand, follows, verify_certificate, verify_weights,
)


def box_search(n, pairs, start, sequence, rule, bound, final=True):
    """Every weight vector in {-bound..bound}^m at once (numpy), the rule replayed from its definition:
    True iff some vector makes ``rule`` flip exactly ``sequence`` (and stop, with ``final``)."""
    m = len(pairs)
    W = np.array(list(itertools.product(range(-bound, bound + 1), repeat=m)), dtype=np.int64).reshape(-1, m)
    ok = np.ones(len(W), dtype=bool)
    s = list(start)
    pointer = 0

    def gains():
        C = np.zeros((m, n), dtype=np.int64)
        for e, (u, v) in enumerate(pairs):
            C[e, u] = C[e, v] = s[u] * s[v]
        return W @ C

    for v in sequence:
        G = gains()
        imp = G > 0
        anyimp = imp.any(axis=1)
        if rule == "steepest":
            pick = np.argmax(np.where(imp, G, np.iinfo(np.int64).min), axis=1)
        elif rule == "first":
            pick = np.argmax(imp, axis=1)
        elif rule == "last":
            pick = n - 1 - np.argmax(imp[:, ::-1], axis=1)
        elif rule == "cyclic":
            order = list(range(pointer, n)) + list(range(pointer))
            pick = np.array(order)[np.argmax(imp[:, order], axis=1)]
        elif rule == "only":
            pick = np.where(imp.sum(axis=1) == 1, np.argmax(imp, axis=1), -1)
        else:
            pick = np.where(imp[:, v], v, -1)
        ok &= anyimp & (pick == v)
        s[v] = -s[v]
        pointer = v + 1 if v + 1 < n else 0
    if final:
        ok &= ~(gains() > 0).any(axis=1)
    return bool(ok.any())


def kn(n):
    return list(itertools.combinations(range(n), 2))


# ---- patterns --------------------------------------------------------------------------------------

def test_expand_recursion_base_cases_and_arithmetic():
    m = {"act(k)": "a{k} act(k-1) b{2*k+1} act(k-1)", "act(0)": ""}
    assert expand("D act(2)", m) == ["D", "a2", "a1", "b3", "b5", "a1", "b3"]
    assert len(expand("act(12)", m)) == 2 * (2 ** 12 - 1)
    assert expand("x y", {}) == ["x", "y"]


@pytest.mark.parametrize("pattern,macros,needle", [
    ("f(1)", {}, "no definition"),
    ("f(3)", {"f(k)": "f(k-1)"}, "deeper"),
    ("f(25)", {"f(k)": "f(k-1) f(k-1)", "f(0)": "a"}, "longer"),
    ("a{j}", {}, "unknown name"),
    ("a{k/2}", {}, "cannot evaluate"),
    ("x", {"f": "a"}, "macro head"),
])
def test_expand_rejects_bad_patterns(pattern, macros, needle):
    with pytest.raises(InstanceError, match=needle):
        expand(pattern, macros, max_length=10**6)


# ---- the obstructions of the steepest hunt -------------------------------------------------------
# labels 1..k are vertices 2..k+1 of K_{k+2}; vertices 0 and 1 never flip (a pin pair's room)

def _obstruction(word, final):
    seq = [int(c) + 1 for c in word]
    n = max(seq) + 1
    return design_weights(n, kn(n), (1,) * n, seq, "steepest", final=final), n, seq


@pytest.mark.parametrize("word", ["1231", "123412", "12345123"])
def test_feasible_words_get_weights_the_engine_follows(word):
    d, n, seq = _obstruction(word, final=True)
    assert d.feasible
    assert verify_weights(n, kn(n), (1,) * n, seq, "steepest", d.weights)
    g = Graph(n, tuple((u, v, w) for (u, v), w in zip(kn(n), d.weights)))
    assert follows(g, "steepest", seq, (1,) * n)


@pytest.mark.parametrize("word", ["121", "12312", "1234123", "1234512345"])
def test_infeasible_words_have_checked_certificates(word):
    d, n, seq = _obstruction(word, final=False)  # infeasible even as a prefix of a longer run
    assert not d.feasible and verify_certificate(d.rows, d.multipliers)
    assert sum(1 for y in d.multipliers if y) <= len(d.labels) + 1  # a vertex of the dual: small support
    if len(kn(n)) <= 6:
        assert not box_search(n, kn(n), (1,) * n, seq, "steepest", 2, final=False)


def test_dc2_first_run_is_impossible_for_steepest_even_on_the_complete_graph():
    g = doubling_chain(2)
    traj = []
    from localsearch.maxcut import local_search

    local_search(g, "first", trajectory=traj)
    assert len(traj) == dc_steps(2)
    d = design_weights(g.n, kn(g.n), g.start, traj, "steepest", final=False)
    assert not d.feasible and verify_certificate(d.rows, d.multipliers)
    # while the same skeleton and sequence are feasible for first (DC_2's own weights witness it)
    assert design_weights(g.n, kn(g.n), g.start, traj, "first").feasible


# ---- random designs against the exhaustive box search --------------------------------------------

@st.composite
def problems(draw):
    n = draw(st.integers(2, 4))
    pairs = draw(st.lists(st.sampled_from(kn(n)), unique=True, min_size=1, max_size=min(5, len(kn(n)))))
    start = tuple(draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n)))
    seq = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=4))
    rule = draw(st.sampled_from(["steepest", "first", "last", "cyclic", "only", "any"]))
    return n, pairs, start, seq, rule, draw(st.booleans())


@settings(max_examples=60)
@given(problems())
def test_random_designs_agree_with_exhaustive_search(prob):
    n, pairs, start, seq, rule, final = prob
    d = design_weights(n, pairs, start, seq, rule, final=final)
    if d.feasible:
        assert verify_weights(n, pairs, start, seq, rule, d.weights, final=final)
        assert all(isinstance(w, int) for w in d.weights)
        if rule in ("steepest", "first", "last", "cyclic") and final:
            g = Graph(n, tuple((u, v, w) for (u, v), w in zip(pairs, d.weights)))
            assert follows(g, rule, seq, start)
    else:
        assert verify_certificate(d.rows, d.multipliers)
        assert not box_search(n, pairs, start, seq, rule, 2, final=final)
    if box_search(n, pairs, start, seq, rule, 1, final=final):
        assert d.feasible


def test_weight_classes_share_one_weight_and_positive_forces_signs():
    pairs = [(0, 1), (1, 2), (2, 3)]
    d = design_weights(4, pairs, (1, 1, 1, 1), [1, 3], "steepest", classes=["a", "b", "a"])
    assert d.feasible and d.weights[0] == d.weights[2] and d.labels == ["a", "b"]
    assert verify_weights(4, pairs, (1, 1, 1, 1), [1, 3], "steepest", d.weights)
    d = design_weights(3, [(0, 1), (1, 2)], (1, 1, 1), [1], "steepest", positive=True)
    assert d.feasible and min(d.weights) >= 1
    d = design_weights(2, [(0, 1)], (1, -1), [0], "any", positive=True)  # a cut edge of positive weight never improves
    assert not d.feasible and verify_certificate(d.rows, d.multipliers)


def test_designer_rebuilds_a_steepest_chain_from_its_skeleton():
    from instances import steep_chain, steep_steps

    g = steep_chain(2)
    seq = expand("D rise(1)", {"rise(k)": "p{k} rise(k+1) m{k} l{k} p{k} fall(k+1)",
                               "fall(k)": "q{k} rise(k+1) m{k} l{k} q{k} fall(k+1)", "rise(3)": "", "fall(3)": ""})
    seq = [g.names.index(v) for v in seq]
    assert len(seq) == steep_steps(2)
    d = design_weights(g.n, [(u, v) for u, v, _ in g.edges], g.start, seq, "steepest")
    assert d.feasible
    designed = Graph(g.n, tuple((u, v, w) for (u, v, _), w in zip(g.edges, d.weights)), start=g.start)
    assert follows(designed, "steepest", seq)
    assert max(abs(w) for w in d.weights) <= max(abs(w) for _, _, w in g.edges)  # the LP minimises max |w|


def test_certificates_are_checked_exactly():
    rows = [Row(((0, 1), (1, -1)), 1, 0, "beats", 0, 1), Row(((0, -1), (1, 1)), 0, 1, "beats", 1, 0)]
    assert verify_certificate(rows, [1, 1])
    assert not verify_certificate(rows, [1, 2])     # does not cancel
    assert not verify_certificate(rows, [0, 0])     # right-hand side 0
    assert not verify_certificate(rows, [-1, -1])   # negative multipliers
    assert not verify_certificate(rows, [1])        # wrong length
    assert not verify_certificate(rows, [0.5, 0.5])


def test_rows_describe_the_rules():
    rows, _ = design_rows(3, kn(3), (1, 1, 1), [2], "first", final=False)
    assert {r.describe() for r in rows} == {"step 0: g(2) > 0", "step 0: g(0) <= 0", "step 0: g(1) <= 0"}
    rows, _ = design_rows(3, kn(3), (1, 1, 1), [0, 2], "cyclic", final=False)
    assert [r.describe() for r in rows if r.step == 1] == ["step 1: g(2) > 0", "step 1: g(1) <= 0"]
    rows, _ = design_rows(3, kn(3), (1, 1, 1), [1], "steepest", final=False)
    assert {r.describe() for r in rows} >= {"step 0: g(1) > g(0)", "step 0: g(1) >= g(2)"}


@pytest.mark.parametrize("args,needle", [
    ((0, [], (), [], "steepest"), "at least one vertex"),
    ((2, [(0, 1)], (1, 1), [0], "least"), "unknown rule"),
    ((2, [(0, 0)], (1, 1), [0], "steepest"), "self-loop"),
    ((2, [(0, 1), (1, 0)], (1, 1), [0], "steepest"), "repeats"),
    ((2, [(0, 1)], (1,), [0], "steepest"), "start"),
    ((2, [(0, 1)], (1, 1), [2], "steepest"), "flip 0"),
])
def test_bad_input(args, needle):
    with pytest.raises(InstanceError, match=needle):
        design_weights(*args)
    with pytest.raises(InstanceError):
        design_weights(2, [(0, 1)], (1, 1), [0], "steepest", classes=["a", "b"])


def test_templates_joint_fits_strict_rows_and_objectives():
    from localsearch.maxcut.design import design_joint

    # a template fitted on three sizes of a path: weight(k) = a * 2^k + b on edge k
    def prob(m):
        pairs = [(k, k + 1) for k in range(m)]
        return dict(n=m + 1, pairs=pairs, start=(1,) * (m + 1), sequence=[m], rule="last", final=False,
                    classes=[{"a": 2 ** k, "b": 1} for k in range(m)])
    d = design_joint([prob(m) for m in (2, 3, 4)])
    assert d.feasible and d.labels == ["a", "b"] and len(d.weights) == 3
    for m, w in zip((2, 3, 4), d.weights):
        assert w == tuple(d.class_weights[0] * 2 ** k + d.class_weights[1] for k in range(m))
        assert verify_weights(m + 1, [(k, k + 1) for k in range(m)], (1,) * (m + 1), [m], "last", w, final=False)
    # the same template with "only" is infeasible on sizes 2 and 3 together, with a certificate
    only = [dict(prob(m), rule="only") for m in (2, 3)]
    d = design_joint(only)
    assert not d.feasible and verify_certificate(d.rows, d.multipliers)
    assert {r.problem for r, y in zip(d.rows, d.multipliers) if y} == {0, 1}
    # strict: no row reads ">= 0" any more, and the answer has no ties
    rows, _ = design_rows(4, kn(4), (1,) * 4, [1, 2], "steepest", strict=True)
    assert all(r.rhs == 1 for r in rows)
    d = design_weights(5, kn(5), (1,) * 5, [2, 3, 4, 2], "steepest", strict=True)
    g = Graph(5, tuple((u, v, w) for (u, v), w in zip(kn(5), d.weights)))
    s = g.start or (1,) * 5
    from instances import Assignment

    s = Assignment(s)
    for v in [2, 3, 4, 2]:
        gains = g.gains(s)
        assert all(gains[v] > gains[u] for u in range(5) if u != v)
        s = s.flipped(v)
    assert all(x < 0 for x in g.gains(s))
    # the sum objective never uses more nonzero weights than the max objective here, and both verify
    dense = design_weights(6, kn(6), (1,) * 6, [2, 3, 4, 2], "steepest")
    sparse = design_weights(6, kn(6), (1,) * 6, [2, 3, 4, 2], "steepest", objective="sum")
    assert sum(1 for w in sparse.weights if w) <= sum(1 for w in dense.weights if w)
    assert verify_weights(6, kn(6), (1,) * 6, [2, 3, 4, 2], "steepest", sparse.weights)
    with pytest.raises(InstanceError, match="objective"):
        design_weights(2, [(0, 1)], (1, 1), [0], "steepest", objective="l2")
    with pytest.raises(InstanceError, match="no problem"):
        design_joint([])
    with pytest.raises(InstanceError, match="integer"):
        design_weights(2, [(0, 1)], (1, 1), [0], "steepest", classes=[{"a": 0.5}])


def test_oversized_designs_are_refused_before_building(monkeypatch):
    from localsearch.maxcut import design as D

    monkeypatch.setattr(D, "MAX_ROWS", 1000)
    with pytest.raises(InstanceError, match="inequalities"):
        design_rows(50, kn(50), (1,) * 50, [1, 2] * 20, "steepest")
    assert design_rows(50, kn(50), (1,) * 50, [1, 2] * 20, "any", final=False)[0]

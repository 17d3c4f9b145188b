"""The compiled pivot structures (localsearch.core.jit_pivots) against Python sets, sorted lists and the
Python stream of localsearch.core.rules."""
import numpy as np
from hypothesis import given, settings, strategies as st

from localsearch.core import jit_int as J, jit_pivots as K
from localsearch.core.rules import MASK64, splitmix64, uniform_below


@settings(max_examples=60)
@given(st.integers(1, 5000), st.data())
def test_hierarchical_bitset_in_one_array(n, data):
    hoff = K.hb_layout(n)
    hb = np.zeros(hoff[-1], dtype=np.uint64)
    ref = set()
    for _ in range(data.draw(st.integers(0, 50))):
        i = data.draw(st.integers(0, n - 1))
        if data.draw(st.booleans()):
            K.hb_set(hb, hoff, i)
            ref.add(i)
        else:
            K.hb_clear(hb, hoff, i)
            ref.discard(i)
        assert K.hb_min(hb, hoff) == min(ref, default=-1) and K.hb_max(hb, hoff) == max(ref, default=-1)
        q = data.draw(st.integers(0, n - 1))
        assert K.hb_next(hb, hoff, q) == min((x for x in ref if x >= q), default=-1)




@settings(max_examples=60)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=40), st.sampled_from(["steepest", "least"]), st.data())
def test_tournament_tree_picks_the_rule_winner(gains, rule, data):
    code = K.RULE_CODES[rule]
    wide = data.draw(st.booleans())
    g = J.to_limbs(gains) if wide else np.array(gains, dtype=np.int64)
    t = np.full(K.tree_size(len(gains)), -1, dtype=np.int64)
    K.tree_build(g, code, t, len(gains))
    for _ in range(data.draw(st.integers(0, 10))):
        v, x = data.draw(st.integers(0, len(gains) - 1)), data.draw(st.integers(-5, 5))
        gains[v] = x
        J.st(g, v, J.ld(J.to_limbs([x]), 0) if wide else np.int64(x))
        K.tree_fix(g, code, t, v)
    improving = [v for v, x in enumerate(gains) if x > 0]
    if rule == "steepest":
        expect = max(range(len(gains)), key=lambda v: (gains[v], -v))
        assert t[1] == expect
    elif improving:
        assert t[1] == min(improving, key=lambda v: (gains[v], v))
    else:
        assert gains[t[1]] <= 0


@settings(max_examples=60)
@given(st.lists(st.booleans(), min_size=1, max_size=200), st.data())
def test_fenwick_select_is_the_kth_member(members, data):
    fen = np.zeros(len(members) + 1, dtype=np.int64)
    for v, b in enumerate(members):
        if b:
            K.fen_add(fen, v, 1)
    ref = [v for v, b in enumerate(members) if b]
    if ref:
        k = data.draw(st.integers(0, len(ref) - 1))
        assert K.fen_select(fen, k) == ref[k]


@settings(max_examples=100)
@given(st.integers(0, MASK64), st.integers(1, 2**62))
def test_compiled_stream_is_the_python_stream(seed, count):
    rng = np.array([seed], dtype=np.uint64)
    assert int(K.splitmix(rng)) == splitmix64(seed)[1] and int(rng[0]) == splitmix64(seed)[0]
    rng = np.array([seed], dtype=np.uint64)
    state, k = uniform_below(seed, count)
    assert K.uniform_below(rng, count) == k and int(rng[0]) == state

"""The shared pivot-rule names and seeded stream (localsearch.core.rules) against an independent splitmix64."""
from collections import Counter

from hypothesis import given, settings, strategies as st

from localsearch.core.rules import MASK64, RULES, random_pick, splitmix64, uniform_below
from tests.helpers.oracles import naive_splitmix


def test_rule_names():
    assert RULES == ("first", "last", "steepest", "cyclic", "random", "least")
    assert MASK64 == 2**64 - 1


def test_splitmix64_matches_the_published_sequence():
    # reference outputs of splitmix64 seeded with 0 (Vigna's splitmix64.c)
    state, out = 0, []
    for _ in range(3):
        state, r = splitmix64(state)
        out.append(r)
    assert out[0] == 0xE220A8397B1DCDAF
    assert out == [naive_splitmix(x)[1] for x in (0, (0x9E3779B97F4A7C15) % 2**64, (2 * 0x9E3779B97F4A7C15) % 2**64)]


@settings(max_examples=200)
@given(st.integers(0, 2**64 - 1))
def test_splitmix64_agrees_with_the_oracle_from_any_state(state):
    assert splitmix64(state) == naive_splitmix(state)


def naive_uniform_below(state, count):
    """Rejection of the outputs below (2^64 - count) mod count, written from the definition."""
    while True:
        state, r = naive_splitmix(state)
        if r >= (2**64 - count) % count:
            return state, r % count


@settings(max_examples=200)
@given(st.integers(0, 2**64 - 1), st.one_of(st.integers(1, 100), st.integers(1, 2**64)))
def test_uniform_below_is_the_rejection_rule(state, count):
    new, k = uniform_below(state, count)
    assert (new, k) == naive_uniform_below(state, count)
    assert 0 <= k < count


def test_uniform_below_small_counts():
    # count = 1: the threshold (2^64 - 1) mod 1 is 0, so the first output is taken and k = 0
    state = 12345
    assert uniform_below(state, 1) == (naive_splitmix(state)[0], 0)
    # count = 3: 2^64 mod 3 = 1, so only the output 0 is rejected; over many draws each value appears
    counts, s = Counter(), 7
    for _ in range(3000):
        s, k = uniform_below(s, 3)
        counts[k] += 1
    assert set(counts) == {0, 1, 2} and all(800 < c < 1200 for c in counts.values())


def test_random_pick_takes_the_kth_element_in_order():
    items = [4, 9, 11, 20]
    state = 99
    new, picked = random_pick(state, items)
    s2, k = naive_uniform_below(state, len(items))
    assert (new, picked) == (s2, items[k])
    seen = set()
    for seed in range(200):
        seen.add(random_pick(seed, items)[1])
    assert seen == set(items)

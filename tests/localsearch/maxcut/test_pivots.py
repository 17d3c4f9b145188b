"""Pivot rules as objects over a live gain list (localsearch.maxcut.pivots) against the SPEC definitions."""
import pytest
from hypothesis import given, settings, strategies as st

from instances import InstanceError, doubling_chain
from localsearch.core.rules import uniform_below
from localsearch.maxcut.certificate import certify_flip
from localsearch.maxcut.flip import local_search
from localsearch.maxcut.pivots import BUILTIN, RULE_CLASSES, HierBitset, PivotRule, register_rule

gain_lists = st.lists(st.one_of(st.integers(-5, 5), st.integers(-(2**100), 2**100)), min_size=0, max_size=140)


def naive_choice(rule, gains, pointer=0, rng=0):
    """The SPEC section 1 choice on a fixed gain list (None at a local optimum)."""
    imp = [v for v, g in enumerate(gains) if g > 0]
    if not imp:
        return None
    if rule == "first":
        return imp[0]
    if rule == "last":
        return imp[-1]
    if rule == "steepest":
        return min(imp, key=lambda v: (-gains[v], v))
    if rule == "least":
        return min(imp, key=lambda v: (gains[v], v))
    if rule == "cyclic":
        return next((v for v in imp if v >= pointer), imp[0])
    if rule == "random":
        return imp[uniform_below(rng, len(imp))[1]]
    raise ValueError(rule)


@settings(max_examples=100)
@given(gain_lists, st.sampled_from(BUILTIN), st.integers(0, 2**64 - 1), st.integers(0, 150))
def test_each_rule_chooses_by_its_definition(gains, rule, seed, pointer):
    state = {"pointer": pointer} if rule == "cyclic" else None
    r = RULE_CLASSES[rule](gains, seed=seed, state=state)
    assert r.choose() == naive_choice(rule, gains, pointer, seed)


@settings(max_examples=60)
@given(gain_lists.filter(len), st.sampled_from(BUILTIN), st.data())
def test_rules_follow_changes_of_the_live_gains(gains, rule, data):
    """The engine mutates the list and reports each change; the rule's structure must keep up."""
    gains = list(gains)
    r = RULE_CLASSES[rule](gains, seed=5)
    rng, pointer = 5, 0
    for _ in range(data.draw(st.integers(1, 25))):
        v = data.draw(st.integers(0, len(gains) - 1))
        old, new = gains[v], data.draw(st.integers(-(2**70), 2**70))
        gains[v] = new
        r.changed(v, old, new)
        expected = naive_choice(rule, gains, pointer, rng)
        assert r.choose() == expected
        if rule == "random" and expected is not None:
            rng = uniform_below(rng, sum(g > 0 for g in gains))[0]
        if expected is not None and rule == "cyclic":
            r.flipped(expected)
            pointer = expected + 1 if expected + 1 < len(gains) else 0
    assert r.state() == ({"pointer": pointer} if rule == "cyclic" else {"rng": rng} if rule == "random" else {})


@settings(max_examples=60)
@given(st.integers(1, 5000), st.data())
def test_hierarchical_bitset_is_a_sorted_set(n, data):
    bits, ref = HierBitset(n), set()
    for _ in range(data.draw(st.integers(0, 60))):
        i = data.draw(st.integers(0, n - 1))
        if data.draw(st.booleans()):
            bits.add(i)
            ref.add(i)
        else:
            bits.discard(i)
            ref.discard(i)
        assert bits.min() == min(ref, default=None) and bits.max() == max(ref, default=None)
        q = data.draw(st.integers(0, n + 70))
        assert bits.next(q) == min((x for x in ref if x >= q), default=None)


def test_a_user_rule_plugs_in():
    @register_rule
    class Middle(PivotRule):
        """Improving vertex closest to n // 2 (ties: lower index); a rescan rule, fine for tests."""

        name = "test-middle"

        def choose(self):
            imp = [v for v, x in enumerate(self.gains) if x > 0]
            return min(imp, key=lambda v: (abs(v - self.n // 2), v)) if imp else None

    g = doubling_chain(4)
    res = local_search(g, rule="test-middle")
    assert res.extra["arithmetic"] == "python"
    assert certify_flip(g, res.solution).local_optimum and res.steps > 0
    with pytest.raises(InstanceError):
        local_search(g, rule="test-middle", arithmetic="int64")
    with pytest.raises(InstanceError):
        local_search(g, rule="no-such-rule")
    del RULE_CLASSES["test-middle"]


def test_registry_and_base_class():
    assert BUILTIN == ("first", "last", "steepest", "cyclic", "random", "least")
    assert all(RULE_CLASSES[name].name == name for name in BUILTIN)

    class Nameless(PivotRule):
        pass

    with pytest.raises(ValueError):
        register_rule(Nameless)
    with pytest.raises(NotImplementedError):
        Nameless([1]).choose()
    assert Nameless([1]).state() == {}

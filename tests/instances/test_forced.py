"""The forced chain FC_n (instances.forced): sizes, the exact inductive check (one improving path, no
ties), every pivot rule on the compiled engine, exhaustive improving paths, perturbations that break it,
and the reductions to the line and to R^d (same step counts)."""
from __future__ import annotations

import itertools

import pytest

from instances import InstanceError, forced_chain, forced_steps
from instances import forced as F
from localsearch.maxcut import certify_flip, local_search

RULES = ("first", "last", "steepest", "cyclic", "least", "random")


def test_sizes_names_start_meta_and_weight_bits():
    for n in range(2, 40):
        g = forced_chain(n)
        assert (g.n, g.m) == (5 * n + 3, 39 * n - 17)
        assert g.names[:3] == ("r", "r'", "D") and g.names[-5:] == tuple(f"{c}{n}" for c in "abcde")
        assert tuple(g.start) == (1,) + (-1,) * (5 * n + 2) and g.meta == {"family": "forced", "n": n}
        assert g.max_weight_bits == 2 * n + 7
    assert len(list(F.forced_sequence(7))) == forced_steps(7) == 5 * 2 ** 7 - 4


def test_weights_follow_the_geometric_law():
    n = 6
    g = forced_chain(n)
    w = {frozenset((g.names[u], g.names[v])): x for u, v, x in g.edges}
    for j in range(1, n + 1):
        for x, y in itertools.combinations("abcde", 2):
            assert w[frozenset((f"{x}{j}", f"{y}{j}"))] == F.IN[x + y] * 4 ** (n - j)
        if j < n:
            for x, y in itertools.product("abcde", repeat=2):
                assert w.get(frozenset((f"{x}{j}", f"{y}{j + 1}")), 0) == F.DOWN[x + y] * 4 ** (n - j - 1)
        pin = F.PIN_TOP if j == 1 else F.PIN_BOTTOM if j == n else F.PIN
        assert all(w[frozenset(("r", f"{x}{j}"))] == pin[x] * 4 ** (n - j) for x in "abcde")


@pytest.mark.parametrize("n", range(2, 11))
def test_the_inductive_check_passes(n):
    assert F.verify_forced(n)


@pytest.mark.slow
@pytest.mark.parametrize("n", range(11, 17))
def test_the_inductive_check_passes_large(n):
    assert F.verify_forced(n)


def test_the_check_can_fail(monkeypatch):
    monkeypatch.setitem(F.DOWN, "ea", 0)
    assert not F.verify_forced(7)
    monkeypatch.undo()
    monkeypatch.setitem(F.PIN, "a", F.PIN["a"] + 30)
    assert not F.verify_forced(7)


@pytest.mark.parametrize("n", [2, 3, 5, 8, 11])
def test_every_pivot_rule_makes_the_one_path(n):
    g = forced_chain(n)
    expected = [g.names.index(v) for v in F.forced_sequence(n)]
    for rule in RULES:
        for seed in ((0, 1, 2) if rule == "random" else (0,)):
            traj = []
            res = local_search(g, rule, seed=seed, trajectory=traj)
            assert traj == expected and res.status == "local_optimum", (rule, seed)
            assert certify_flip(g, res.solution).local_optimum


@pytest.mark.slow
@pytest.mark.parametrize("n", range(12, 21))
def test_every_pivot_rule_large(n):
    g = forced_chain(n)
    assert {local_search(g, rule, seed=5).steps for rule in RULES} == {forced_steps(n)}


@pytest.mark.parametrize("n", [2, 3, 4])
def test_paths_finds_a_single_improving_path(n):
    from localsearch.maxcut.paths import improving_paths

    p = improving_paths(forced_chain(n))
    assert p.shortest == p.longest == p.moves == forced_steps(n) and p.reachable == forced_steps(n) + 1


@pytest.mark.slow
def test_paths_finds_a_single_improving_path_n5():
    from localsearch.maxcut.paths import improving_paths

    p = improving_paths(forced_chain(5))
    assert p.shortest == p.longest == forced_steps(5) == 156


@pytest.mark.parametrize("target,options,n", [("line", {}, 2), ("line", {}, 3), ("rd", {"dim": 2}, 2)])
def test_reductions_keep_the_step_count(target, options, n):
    from localsearch.triplets.registry import engine_for
    from reductions import target_module

    g = forced_chain(n)
    mod = target_module(target)
    inst = mod.reduce(g, **options)
    engine = engine_for(inst)
    for rule in ("first", "steepest"):
        res = engine.local_search(inst, rule)
        assert res.steps == forced_steps(n)
        assert certify_flip(g, mod.backmap(inst, res.solution)).local_optimum


def test_rejects_bad_n():
    for bad in (1, 0, 2.0, True):
        with pytest.raises(InstanceError):
            forced_chain(bad)
        with pytest.raises(InstanceError):
            list(F.forced_sequence(bad))

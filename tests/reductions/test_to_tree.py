"""Local Max-Cut -> triplets on trees: closed loop from clean and non-clean starts, tightness flip for flip,
scaffold (the harness shared with -> betweenness / non-betweenness, in tests.helpers.reduction_harness), DC_n
step counts and sizes for all three discrete targets. (``reduce`` + ``search`` from the command line are tested
in tests/tripletpls/commands/test_search.py.)"""
import pytest

from instances import Assignment, Graph, dc_steps, doubling_chain, jsonio
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets.exact import all_trees
from reductions import to_tree as RT
from tests.helpers.oracles import naive_best_gain, naive_flips
from tests.helpers.reduction_harness import (PAIRS, check_clean_scaffold, check_closed_loop, check_tight_flip_for_flip,
                                             make)


@pytest.mark.parametrize("target", ["tree"])
def test_closed_loop_from_random_non_clean_solutions(target):
    check_closed_loop(target)


@pytest.mark.parametrize("target", ["tree"])
def test_tight_flip_for_flip_from_the_start(target):
    check_tight_flip_for_flip(target)


@pytest.mark.parametrize("target", ["tree"])
def test_clean_solutions_scaffold_has_no_improving_move(target):
    check_clean_scaffold(target)


def test_tree_scaffold_has_no_spurious_local_optimum():
    # the four scaffold leaves alone: every tree but ((A,A'),(B,B')) has a regraft gaining a triplet
    g = Graph(0, ())
    inst = RT.reduce(g)
    assert inst.points == 4 and len(inst.triplets) == 4
    for tree in all_trees(4):
        v = inst.satisfied_weight(tree)
        improvable = any(naive_best_gain(inst, tree, x) > 0 for x in range(4))
        assert improvable == (v < inst.total_weight)


@pytest.mark.parametrize("target", ["tree", "betweenness", "nonbetweenness"])
def test_size_is_linear_and_file_is_self_contained(target):
    R, _ = PAIRS[target]
    for n in (3, 10, 30):
        g = doubling_chain(n)
        inst = make(target, g)
        assert inst.points <= g.n + 4
        assert len(inst.triplets) <= 2 * (1 + 2 * g.n + 2 * g.m) + 4
        back = jsonio.loads(jsonio.dumps(inst))
        assert back == inst and jsonio.from_json(back.meta["reduction"]["source"]) == g
        assert back.meta["reduction"]["name"] == target
        assert R.backmap(back, back.start) == g.start


def test_start_defaults_to_all_plus():
    g = Graph(3, ((0, 1, 2), (1, 2, -1)))
    for R, _ in PAIRS.values():
        assert R.backmap(R.reduce(g), R.reduce(g).start) == Assignment.plus(3)


@pytest.mark.parametrize("target", ["tree", "betweenness", "nonbetweenness", "nonbetweenness-positions"])
@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_dc_first_rule_step_count(target, n):
    run_dc(target, n)


@pytest.mark.slow
@pytest.mark.parametrize("target", ["tree", "betweenness", "nonbetweenness", "nonbetweenness-positions"])
@pytest.mark.parametrize("n", [7, 8])
def test_dc_first_rule_step_count_large(target, n):
    run_dc(target, n)


def run_dc(target, n):
    R, E = PAIRS[target]
    g = doubling_chain(n)
    inst = make(target, g)
    res = E.local_search(inst, rule="first")
    flips = naive_flips(g, g.start, "first")[0]
    assert res.steps == dc_steps(n) == len(flips)
    assert res.extra["moves_per_point"][:g.n] == [sum(1 for v, _ in flips if v == u) for u in range(g.n)]
    assert certify_flip(g, R.backmap(inst, res.solution)).local_optimum
    for rule in ("steepest", "last", "cyclic"):
        assert E.local_search(inst, rule=rule).steps == 2


def test_huge_weights_stay_exact():
    g = doubling_chain(25)
    assert not g.int64_safe
    for target in PAIRS:
        R, E = PAIRS[target]
        inst = make(target, g)
        assert inst.max_weight_bits > 64
        res = E.local_search(inst, rule="steepest")
        assert res.steps == 2 and res.value == inst.satisfied_weight(res.solution)


def test_docstring_examples():
    import doctest

    from reductions import scaffold

    for mod in (RT, scaffold):
        assert doctest.testmod(mod).failed == 0

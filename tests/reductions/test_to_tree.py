"""Local Max-Cut -> triplets on trees (and, sharing the harness, -> betweenness / non-betweenness):
closed loop from clean and non-clean starts, tightness flip for flip, scaffold, DC_n step counts."""
import pytest
from hypothesis import given, settings, strategies as st

from instances import Assignment, Graph, dc_steps, doubling_chain, jsonio
from localsearch.triplets import orderings as B, tree as T
from localsearch.maxcut.certificate import certify_flip
from localsearch.triplets.exact import all_trees
from reductions import to_betweenness as RB, to_nonbetweenness as RN, to_tree as RT
from tests.helpers.oracles import naive_best_gain, naive_flips
from tests.helpers.strategies import signed_graphs

PAIRS = {"tree": (RT, T), "betweenness": (RB, B), "nonbetweenness": (RN, B), "nonbetweenness-positions": (RN, B)}


def make(target, g):
    """The reduced instance; "nonbetweenness-positions" is the positions form on the line."""
    R, _ = PAIRS[target]
    return R.reduce(g, form="positions") if target == "nonbetweenness-positions" else R.reduce(g)


def state_for(inst, sol):
    return T.TreeState(inst, sol) if inst.target == "tree" else B._state(inst, sol)
TIGHT_RULES = ("first", "last", "steepest", "cyclic", "least", "random")


def clean_offset(g: Graph) -> int:
    return sum(-w for _, _, w in g.edges if w < 0)


@pytest.mark.parametrize("target", ["tree"])
@settings(max_examples=40)
@given(g=signed_graphs(), seed=st.integers(0, 10**6), rule=st.sampled_from(("first", "steepest", "random", "cyclic")))
def test_closed_loop_from_random_non_clean_solutions(target, g, seed, rule):
    R, E = PAIRS[target]
    inst = make(target, g)
    res = E.local_search(inst, rule=rule, start=E.random_solution(inst, seed), seed=seed)
    assert res.status == "local_optimum" and E.certify(inst, res.solution).local_optimum
    s = R.backmap(inst, res.solution)
    assert certify_flip(g, s).local_optimum


@pytest.mark.parametrize("target", ["tree"])
@settings(max_examples=40)
@given(g=signed_graphs(), rule=st.sampled_from(TIGHT_RULES), seed=st.integers(0, 2**64 + 5))
def test_tight_flip_for_flip_from_the_start(target, g, rule, seed):
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


@pytest.mark.parametrize("target", ["tree"])
@settings(max_examples=20)
@given(g=signed_graphs(max_n=4, max_w=4))
def test_clean_solutions_scaffold_has_no_improving_move(target, g):
    R, E = PAIRS[target]
    inst = make(target, g)
    n = g.n
    for p in range(n, inst.points):  # exhaustive neighbourhood of every scaffold point
        assert naive_best_gain(inst, inst.start, p) == 0
    gains = g.gains(g.start)
    for v in range(n):
        assert naive_best_gain(inst, inst.start, v) == max(0, gains[v])


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


@pytest.mark.parametrize("form", ["ordering", "positions"])
def test_cli_reduce_search_all_targets_on_dc(tmp_path, form):
    """reduce + search from the CLI: DC_n first takes T(n) steps on trees and (non-)betweenness in
    both solution forms, and the end back-maps to a certified local max-cut."""
    from tests.helpers.cli import assert_bad_input, run_json

    from instances import write_instance

    n = 4
    src = tmp_path / "dc.json"
    write_instance(doubling_chain(n), str(src))
    targets = ["nonbetweenness"] if form == "positions" else ["tree", "betweenness", "nonbetweenness"]
    for target in targets:
        out = tmp_path / f"{target}.json"
        extra = ("--form", form) if target == "nonbetweenness" else ()
        run_json("reduce", src, "--to", target, *extra, "-o", out)
        d = run_json("search", out, "--rule", "first")
        assert d["steps"] == dc_steps(n) and d["local_optimum"] and d["backmapped_local_optimum"]
    assert_bad_input("reduce", src, "--to", "tree", "--form", "positions", "-o", tmp_path / "x.json")


def test_docstring_examples():
    import doctest

    from reductions import scaffold

    for mod in (RT, scaffold):
        assert doctest.testmod(mod).failed == 0

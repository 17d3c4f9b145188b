"""The steepest chain SC_n (instances.steep): sizes, the premises of the proof checked exhaustively from
the actual weights, the exact flip sequence of steepest and last, the other rules, the exact arithmetic
paths, exhaustive improving paths, and the reductions to the line and to R^d (same step counts)."""
from __future__ import annotations

import itertools

import pytest

from instances import InstanceError, steep_chain, steep_steps
from instances.steep import steep_weights
from localsearch.maxcut import certify_flip, local_search


def sc_sequence(n):
    """The run of the proof, generated independently of the graph: D, then level 1 rising."""
    def act(j, rising):
        if j > n:
            return
        pulse = f"p{j}" if rising else f"q{j}"
        yield pulse
        yield from act(j + 1, True)
        yield f"m{j}"
        yield f"l{j}"
        yield pulse
        yield from act(j + 1, False)
    yield "D"
    yield from act(1, True)


def _gain(adj, s, v):
    return sum(w * s[u] * s[v] for u, w in adj[v])


def check_premises(n):
    """Lemma (1) of the module docstring, from the graph's weights, over EVERY state of each vertex's
    neighbourhood (inputs, its own level, the level below): improving iff it differs from its target;
    an improving lag m_j with l_j = m_j gains exactly j; every other improving vertex gains >= n + 1."""
    g = steep_chain(n)
    idx = {nm: i for i, nm in enumerate(g.names)}
    adj = [[] for _ in range(g.n)]
    for u, v, w in g.edges:
        adj[u].append((v, w))
        adj[v].append((u, w))
    r, rp = idx["r"], idx["r'"]
    pin = next(w for u, v, w in g.edges if {u, v} == {r, rp})
    assert pin > sum(abs(w) for u, w in adj[r] if u != rp) and len(adj[rp]) == 1
    base = [-1] * g.n
    base[r] = 1
    for j in range(1, n + 1):
        if j == 1:
            input_states = [{"D": x} for x in (-1, 1)]
        else:
            input_states = [{f"p{j-1}": a, f"q{j-1}": b} for a, b in ((-1, -1), (1, -1), (-1, 1))]
        level = [f"{c}{j}" for c in "mlpq"]
        below = [f"{c}{j+1}" for c in "mpq"] if j < n else []
        for ins in input_states:
            X = ins["D"] if j == 1 else ins[f"p{j-1}"] + ins[f"q{j-1}"] + 1
            for own in itertools.product((-1, 1), repeat=4):
                for low in itertools.product((-1, 1), repeat=len(below)):
                    s = list(base)
                    for k, x in {**ins, **dict(zip(level, own)), **dict(zip(below, low))}.items():
                        s[idx[k]] = x
                    m, l, p, q = own
                    target = {"m": X, "l": m, "p": 1 if (X == 1 and l == -1) else -1,
                              "q": 1 if (X == -1 and l == 1) else -1}
                    for c, name in zip("mlpq", level):
                        gv = _gain(adj, s, idx[name])
                        improving = s[idx[name]] != target[c]
                        assert (gv > 0) == improving, (n, j, name, ins, own, low, gv)
                        if improving and c == "m" and l == m:
                            assert gv == j
                        elif improving:
                            assert gv >= n + 1, (n, j, name, gv)
    for low in itertools.product((-1, 1), repeat=3):  # the driver D wants +1 whatever level 1 does
        for d in (-1, 1):
            s = list(base)
            s[idx["D"]] = d
            for k, x in zip(("m1", "p1", "q1"), low):
                s[idx[k]] = x
            gv = _gain(adj, s, idx["D"])
            assert (gv > 0) == (d == -1) and (d == 1 or gv >= n + 1)


def test_sizes_names_start_and_meta():
    for n in range(1, 40):
        g = steep_chain(n)
        assert (g.n, g.m) == (4 * n + 3, 11 * n - 1)
        assert g.names[:3] == ("r", "r'", "D") and g.names[-4:] == tuple(f"{c}{n}" for c in "mlpq")
        assert tuple(g.start) == (1,) + (-1,) * (4 * n + 2)
        assert g.meta == {"family": "steep", "n": n}
        assert steep_steps(n) == 2 ** (n + 2) - 3


def test_closed_form_constants():
    for n in range(1, 60):
        s = n + 1
        for j in range(1, n + 1):
            k = steep_weights(n, j)
            assert k["U"] == s * (2 * 4 ** (n - j) - 1) and k["B"] == 2 * k["U"] + s and k["A"] == k["B"] + j
            if j < n:  # the margin the proof uses: U_j - (A_{j+1} + 2 U_{j+1}) = 2n - j + 1 > n + 1
                nxt = steep_weights(n, j + 1)
                assert k["U"] - nxt["A"] - 2 * nxt["U"] == 2 * n - j + 1 > n + 1
        one = steep_weights(n, 1)
        assert one["T"] - one["A"] - 2 * one["U"] == s


def test_weight_bits_are_linear_in_n():
    for n in (5, 10, 20, 40, 80):
        assert 2 * n <= steep_chain(n).max_weight_bits <= 2 * n + n.bit_length() + 6


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13, 21, 34])
def test_premises_of_the_proof_hold_exactly(n):
    check_premises(n)


@pytest.mark.slow
@pytest.mark.parametrize("n", [55, 89, 144])
def test_premises_of_the_proof_hold_exactly_large(n):
    check_premises(n)


@pytest.mark.parametrize("n", range(1, 9))
def test_steepest_and_last_make_exactly_the_run_of_the_proof(n):
    g = steep_chain(n)
    expected = [g.names.index(v) for v in sc_sequence(n)]
    assert len(expected) == steep_steps(n)
    for rule in ("steepest", "last"):
        traj = []
        res = local_search(g, rule, trajectory=traj)
        assert traj == expected and res.steps == steep_steps(n) and res.status == "local_optimum"
        assert certify_flip(g, res.solution).local_optimum


@pytest.mark.parametrize("n", range(1, 12))
def test_step_counts_per_rule(n):
    g = steep_chain(n)
    assert local_search(g, "steepest").steps == local_search(g, "last").steps == steep_steps(n)
    assert local_search(g, "first").steps == local_search(g, "cyclic").steps == 3


def test_least_and_random_are_bounded_by_the_longest_path():
    g = steep_chain(3)
    from localsearch.maxcut.paths import improving_paths

    p = improving_paths(g)
    for rule, seed in (("least", 0), ("random", 0), ("random", 1), ("random", 2)):
        assert p.shortest <= local_search(g, rule, seed=seed).steps <= p.longest


@pytest.mark.parametrize("n", [1, 2, 3])
def test_paths_longest_is_steepest_and_shortest_is_three(n):
    from localsearch.maxcut.paths import improving_paths

    p = improving_paths(steep_chain(n))
    assert p.longest == steep_steps(n) and p.shortest == 3 and p.local_optima == 1


@pytest.mark.parametrize("n", [6])
def test_exact_paths_agree(n):
    g = steep_chain(n)
    runs = [local_search(g, "steepest", arithmetic=a) for a in ("int64", "int128", "python")]
    assert {r.steps for r in runs} == {steep_steps(n)} and len({r.value for r in runs}) == 1


def test_beyond_int64_the_engine_goes_exact_and_follows_the_run():
    g = steep_chain(29)
    assert not g.int64_safe
    traj = []
    res = local_search(g, "steepest", max_steps=20000, trajectory=traj)
    assert res.extra["arithmetic"] == "int128"
    assert traj == [g.names.index(v) for v in itertools.islice(sc_sequence(29), 20000)]


@pytest.mark.slow
@pytest.mark.parametrize("n", range(12, 23))
def test_compiled_engine_large_n(n):
    res = local_search(steep_chain(n), "steepest")
    assert res.steps == steep_steps(n) and res.extra["arithmetic"] == "int64"


def _reduced_run(g, target, rule, **options):
    from localsearch.triplets.registry import engine_for
    from reductions import target_module

    mod = target_module(target)
    inst = mod.reduce(g, **options)
    engine = engine_for(inst)
    res = engine.local_search(inst, rule)
    s = mod.backmap(inst, res.solution)
    return res, engine.certify(inst, res.solution).local_optimum, certify_flip(g, s).local_optimum


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_line_reduction_keeps_the_step_counts(n):
    g = steep_chain(n)
    for rule in ("steepest", "last", "first"):
        res, ok, back_ok = _reduced_run(g, "line", rule)
        assert res.steps == local_search(g, rule).steps and ok and back_ok
    assert _reduced_run(g, "line", "steepest")[0].steps == steep_steps(n)


@pytest.mark.slow
@pytest.mark.parametrize("n", [5, 6, 7])
def test_line_reduction_keeps_the_step_counts_slow(n):
    res, ok, back_ok = _reduced_run(steep_chain(n), "line", "steepest")
    assert res.steps == steep_steps(n) and ok and back_ok


@pytest.mark.parametrize("n", [1, 2])
def test_rd_reduction_keeps_the_step_counts(n):
    res, ok, back_ok = _reduced_run(steep_chain(n), "rd", "steepest", dim=2)
    assert res.steps == steep_steps(n) and ok and back_ok


@pytest.mark.slow
@pytest.mark.parametrize("n", [3, 4])
def test_rd_reduction_keeps_the_step_counts_slow(n):
    res, ok, back_ok = _reduced_run(steep_chain(n), "rd", "steepest", dim=2)
    assert res.steps == steep_steps(n) and ok and back_ok


def test_rejects_bad_n():
    for bad in (0, -1, 2.0, True, "3"):
        with pytest.raises(InstanceError):
            steep_chain(bad)

"""Smoke tests of the foundation: DC_n against its formulas, JSON round trip of big ints."""
from instances import dc_steps, doubling_chain, jsonio


def C(i):
    return 8 * 12 ** (i - 1)


def test_dc_sizes_and_weights_match_the_spec():
    for n in range(2, 12):
        g = doubling_chain(n)
        assert (g.n, g.m) == (3 * n + 1, 8 * n - 5)
        w = {frozenset((g.names[u], g.names[v])): wt for u, v, wt in g.edges}
        for i in range(1, n):
            assert w[frozenset((f"a{i}", "r"))] == 4 * C(i)
            assert w[frozenset((f"a{i}", f"x{i}"))] == 2 * C(i)
            assert w[frozenset((f"x{i+1}", f"x{i}"))] == C(i)
        assert w[frozenset(("x1", "y1"))] == 4
        assert w[frozenset((f"x{n}", "r'"))] == 12 * C(n)
        assert dc_steps(n) == 5 * 2 ** (n - 1) - 4


def test_big_weights_round_trip_exactly():
    g = doubling_chain(40)
    assert g.max_weight_bits > 64 and not g.int64_safe
    assert jsonio.loads(jsonio.dumps(g)) == g

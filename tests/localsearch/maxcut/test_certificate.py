"""The flip certificate (localsearch.maxcut.certificate) against gains recomputed by the naive oracle."""
from hypothesis import given, settings, strategies as st

from instances import Assignment, Graph
from localsearch.maxcut.certificate import certify_flip
from tests.helpers.oracles import naive_gains
from tests.helpers.strategies import graphs


@settings(max_examples=100)
@given(graphs(max_n=10), st.data())
def test_certificate_is_the_lowest_index_best_flip(graph, data):
    s = Assignment(tuple(data.draw(st.lists(st.sampled_from([1, -1]), min_size=graph.n, max_size=graph.n))))
    cert = certify_flip(graph, s)
    g = naive_gains(graph.n, graph.edges, s)
    value = sum(w for u, v, w in graph.edges if s[u] != s[v])
    assert cert.value == value
    if max(g, default=0) <= 0:
        assert cert.local_optimum and cert.witness is None and cert.gain == 0
    else:
        best = max(g)
        assert not cert.local_optimum and cert.gain == best and cert.witness == {"flip": g.index(best)}
        # the witness really improves by its gain
        assert graph.cut_value(s.flipped(cert.witness["flip"])) == value + best


def test_small_cases():
    assert certify_flip(Graph(0, ()), ()).to_json() == {"local_optimum": True, "witness": None, "gain": 0, "value": 0}
    # a path 0-1-2 of weights 2 and 2, all +1: vertex 1 gains 4, the ends 2 each
    c = certify_flip(Graph(3, ((0, 1, 2), (1, 2, 2))), (1, 1, 1))
    assert (c.local_optimum, c.witness, c.gain, c.value) == (False, {"flip": 1}, 4, 0)
    # ties go to the lowest index
    c = certify_flip(Graph(2, ((0, 1, 2**90),)), (1, 1))
    assert c.witness == {"flip": 0} and c.gain == 2**90

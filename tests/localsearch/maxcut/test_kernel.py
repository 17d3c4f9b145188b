"""The compiled flip kernel (localsearch.maxcut.kernel): initial gains and cuts against Python integers
(its shared arithmetic and pivot structures are tested in tests/localsearch/core)."""
import numpy as np
from hypothesis import given, settings, strategies as st

from instances import Assignment
from localsearch.maxcut import kernel as K
from tests.helpers.strategies import graphs

U = np.uint64
I128 = st.integers(-(2**127), 2**127 - 1)


def limbs(x):
    """Two's-complement (hi, lo) uint64 limbs of an int128, written from the definition."""
    x %= 2**128
    return (U(x >> 64), U(x & (2**64 - 1)))


def value(t):
    x = (int(t[0]) << 64) | int(t[1])
    return x - 2**128 if x >= 2**127 else x


@settings(max_examples=60)
@given(graphs(max_n=12, weight=st.integers(-(2**40), 2**40)), st.data())
def test_initial_gains_and_cut_on_int64(graph, data):
    s = Assignment(tuple(data.draw(st.lists(st.sampled_from([1, -1]), min_size=graph.n, max_size=graph.n))))
    csr = graph.csr()
    indptr, indices = np.array(csr.indptr, dtype=np.int64), np.array(csr.indices, dtype=np.int64)
    w = np.array(csr.weights, dtype=np.int64)
    g = np.zeros(graph.n, dtype=np.int64)
    K.init_gains(indptr, indices, 2 * w, s.to_array(), g)
    assert g.tolist() == list(graph.gains(s))
    assert K.cut64(indptr, indices, w, s.to_array()) == graph.cut_value(s)


@settings(max_examples=40)
@given(graphs(max_n=10, weight=st.integers(-(2**100), 2**100)), st.data())
def test_initial_gains_on_int128(graph, data):
    s = Assignment(tuple(data.draw(st.lists(st.sampled_from([1, -1]), min_size=graph.n, max_size=graph.n))))
    csr = graph.csr()
    indptr, indices = np.array(csr.indptr, dtype=np.int64), np.array(csr.indices, dtype=np.int64)
    dw = np.array([limbs(2 * int(x)) for x in csr.weights.tolist()], dtype=np.uint64).reshape(-1, 2)
    g = np.zeros((graph.n, 2), dtype=np.uint64)
    K.init_gains(indptr, indices, dw, s.to_array(), g)
    assert [value(row) for row in g] == list(graph.gains(s))


def test_rule_codes():
    assert K.RULE_CODES == {"first": 0, "last": 1, "cyclic": 2, "steepest": 3, "least": 4, "random": 5}

"""The project's JSON (instances.jsonio): exact round trips of every kind, huge integers, rationals in any
form, and malformed documents rejected with a one-line InstanceError."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from instances import QP, InstanceError, doubling_chain, jsonio

from tests.helpers.data import JSON_CASES
from tests.helpers.strategies import graphs, rationals, triplet_instances


@given(graphs())
def test_graph_json_round_trip(g):
    back = jsonio.loads(jsonio.dumps(g))
    assert back == g
    assert back.names == g.names and back.start == g.start


@given(triplet_instances())
def test_triplets_json_round_trip(t):
    back = jsonio.loads(jsonio.dumps(t))
    assert back == t


@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(st.lists(rationals, min_size=n, max_size=n), min_size=n, max_size=n),
    st.lists(rationals, min_size=n, max_size=n))))
def test_qp_json_round_trip(qc):
    Q, c = qc
    qp = QP(tuple(map(tuple, Q)), tuple(c))
    back = jsonio.loads(jsonio.dumps(qp))
    assert back == qp and all(isinstance(x, Fraction) for x in back.c)


def test_qp_accepts_ints_floats_and_rational_strings():
    qp = jsonio.loads('{"kind": "qp", "Q": [[1, "1/3"], [0.5, "-2"]], "c": ["7/2", 0]}')
    assert qp.Q[0][1] == Fraction(1, 3) and qp.Q[1][0] == Fraction(1, 2) and qp.c[0] == Fraction(7, 2)


def test_big_weights_round_trip_exactly():
    g = doubling_chain(40)
    assert g.max_weight_bits > 64 and not g.int64_safe
    assert jsonio.loads(jsonio.dumps(g)) == g


@pytest.mark.parametrize("text,needle", JSON_CASES)
def test_malformed_documents_name_the_problem(text, needle):
    with pytest.raises(InstanceError) as err:
        jsonio.loads(text, "doc.json")
    msg = str(err.value)
    assert needle in msg and msg.startswith("doc.json:") and "\n" not in msg


def test_kinds_and_unregistered_objects():
    assert {"graph", "triplets", "qp", "triplet-loss"} <= set(jsonio.kinds())
    with pytest.raises(TypeError, match="no JSON writer"):
        jsonio.dumps(object())
    with pytest.raises(InstanceError, match="expected kind 'graph' or 'qp', got 'triplets'"):
        jsonio.loads('{"kind": "triplets", "points": 0, "triplets": []}', expect=("graph", "qp"))

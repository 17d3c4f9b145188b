"""The Gset / rudy / Biq Mac text format (instances.gset): round trips, duplicate-edge policies, malformed
text rejected with the line number."""
from __future__ import annotations

import pytest
from hypothesis import given

from instances import Graph, InstanceError
from instances.gset import format_gset, parse_gset

from tests.helpers.data import GSET_CASES
from tests.helpers.strategies import graphs


@given(graphs(with_start=False))
def test_gset_round_trip(g):
    if g.n == 0:
        return
    back = parse_gset(format_gset(g))
    assert (back.n, back.edges) == (g.n, g.edges)


def test_duplicate_edge_policies():
    text = "3 2\n1 2 4\n2 1 5\n"
    assert parse_gset(text, duplicates="sum").edges == ((0, 1, 9),)
    assert parse_gset(text, duplicates="last").edges == ((0, 1, 5),)


@pytest.mark.parametrize("text,needle", GSET_CASES)
def test_malformed_text_names_the_problem(text, needle):
    with pytest.raises(InstanceError) as err:
        parse_gset(text, "g.txt")
    msg = str(err.value)
    assert needle in msg and msg.startswith("g.txt:") and "\n" not in msg


def test_comments_blank_lines_signs_and_zero_weights():
    g = parse_gset("# a comment\n\n 3 3 \n1 2 +4\n# between\n2 3 0\n\n3 1 -12345678901234567890", "g.txt")
    assert g == Graph(3, ((0, 1, 4), (1, 2, 0), (2, 0, -12345678901234567890)))
    assert g.meta == {"source": "g.txt"} and parse_gset("1 0\n").meta == {}
    with pytest.raises(InstanceError, match="policy"):
        parse_gset("2 0\n", duplicates="max")

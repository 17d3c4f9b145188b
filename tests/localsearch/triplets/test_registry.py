"""Which engine searches a triplet instance (localsearch.triplets.registry), and the interface every
engine offers."""
import doctest

import pytest

from instances import InstanceError, TripletInstance
from localsearch.core.rules import RULES
from localsearch.triplets import registry
from localsearch.triplets.registry import ENGINES, engine_for

TRIPLETS = ((0, 1, 2, 1),)


@pytest.mark.parametrize("target, dim, expected", [
    ("euclidean", 1, "line"), ("euclidean", 2, "rd"), ("euclidean", 5, "rd"), ("tree", 1, "tree"),
    ("betweenness", 1, "orderings"), ("nonbetweenness", 1, "orderings"), ("nonbetweenness", 2, "orderings")])
def test_engine_by_target_and_dimension(target, dim, expected):
    engine = engine_for(TripletInstance(3, TRIPLETS, dim=dim, target=target))
    assert engine.__name__ == f"localsearch.triplets.{expected}"


@pytest.mark.parametrize("name", sorted(set(ENGINES.values())))
def test_every_engine_offers_the_interface(name):
    engine = __import__(name, fromlist=["local_search"])
    assert all(callable(getattr(engine, f)) for f in ("local_search", "certify", "random_solution"))
    assert tuple(engine.RULES) == RULES


def test_a_missing_engine_is_an_instance_error(monkeypatch):
    monkeypatch.setitem(registry.ENGINES, ("tree", None), "localsearch.triplets.no_such_engine")
    with pytest.raises(InstanceError, match="no local-search engine"):
        engine_for(TripletInstance(3, TRIPLETS, target="tree"))


def test_docstring_examples():
    assert doctest.testmod(registry).failed == 0

"""Global optimum of tiny (non-)betweenness instances: enumeration of orderings == CP-SAT positions model."""
from hypothesis import given, settings, strategies as st

from instances import Ordering
from localsearch.triplets import orderings as B, exact as X
from tests.helpers.strategies import target_triplets


@settings(max_examples=30)
@given(st.sampled_from(["betweenness", "nonbetweenness"]).flatmap(lambda t: target_triplets(t, max_m=6)))
def test_cpsat_ordering_optimum_equals_enumeration(inst):
    res = X.solve(inst)
    best, _ = X.brute_force(inst)
    assert res.optimal and res.value == best == res.bound
    assert isinstance(res.solution, Ordering)


@settings(max_examples=20)
@given(st.sampled_from(["betweenness", "nonbetweenness"]).flatmap(lambda t: target_triplets(t, max_m=6)),
       st.integers(0, 1000))
def test_local_optimum_never_exceeds_global(inst, seed):
    res = B.local_search(inst, rule="first", start=B.random_solution(inst, seed))
    assert res.value <= X.solve(inst).value

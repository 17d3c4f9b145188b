"""The flip-landscape census of Max-Cut (localsearch.maxcut.census)."""
import numpy as np

from instances import Assignment, Graph, gnp
from localsearch.maxcut.census import maxcut_census
from localsearch.maxcut.certificate import certify_flip
from localsearch.maxcut.exact.brute_force import brute_force_maxcut
from tests.helpers.oracles import brute_force_maxcut as gray_code_maxcut, naive_flip_run


def test_maxcut_census_classes():
    g = gnp(10, 0.5, seed=3)
    c = maxcut_census(g, starts=40, seed=0)
    total = sum(v["successes"] for v in c.counts.values())
    assert total == 40 and c.reference == brute_force_maxcut(g)
    for cl in c.clusters:
        s = Assignment(tuple(cl["representative"]))
        assert certify_flip(g, s).local_optimum and (cl["class"] == "global") == (cl["value"] == c.reference)
    # a negative-weight graph collapses: everyone on one side is the local (and global) optimum
    neg = Graph(3, ((0, 1, -1), (1, 2, -1)))
    assert maxcut_census(neg, starts=5).counts["collapsed"]["successes"] == 5


def test_records_replay_steepest_descents_from_the_documented_starts():
    g = gnp(9, 0.6, seed=7, weights="uniform")
    c = maxcut_census(g, starts=12, seed=4)
    assert c.reference == gray_code_maxcut(g) and c.reference_status == "exact"
    keys = {}
    for i, rec in enumerate(c.records):
        start = Assignment.random(g.n, int(np.random.SeedSequence([4, i]).generate_state(1)[0]))
        seq, final = naive_flip_run(g, start, "steepest")
        assert rec["start"] == i and rec["steps"] == len(seq) and rec["value"] == g.cut_value(final)
        key = tuple(final) if final[0] == 1 else tuple(-x for x in final)
        keys[key] = keys.get(key, 0) + 1
    # basins are the end points modulo s ~ -s, largest first
    assert sorted(keys.values(), reverse=True) == [cl["count"] for cl in c.clusters]
    assert {tuple(cl["representative"]) for cl in c.clusters} == set(keys)
    progress = []
    maxcut_census(g, starts=3, progress=progress.append)
    assert progress == [1, 1, 1]

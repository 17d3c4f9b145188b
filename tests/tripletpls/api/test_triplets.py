"""reduce / search from Python: back-mapped cuts by the source graph's labels, certified."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import tripletpls
from instances import TripletInstance, write_instance
from localsearch.maxcut import local_search

dimod = pytest.importorskip("dimod")


@pytest.mark.parametrize("to", ["line", "tree", "betweenness", "nonbetweenness"])
def test_search_is_the_flip_run_by_label(to):
    G = nx.Graph([("a", "b", {"weight": 1.5}), ("b", "c", {"weight": 2}), ("c", "d", {"weight": -0.5}),
                  ("a", "d", {"weight": 1})])
    red = tripletpls.reduce(G, to=to)
    res = tripletpls.search(red, rule="first")
    flip = tripletpls.flip(G, rule="first")
    assert res.local_optimum and res.backmapped_local_optimum
    assert res.steps == flip.steps and res.assignment == flip.assignment and res.cut == flip.cut


def test_random_starts_back_map_to_local_max_cuts():
    G = nx.gnp_random_graph(7, 0.5, seed=2)
    red = tripletpls.reduce(G, to="line")
    for seed in range(3):
        res = tripletpls.search(red, rule="steepest", start="random", seed=seed)
        assert res.local_optimum and res.backmapped_local_optimum
        assert tripletpls.check(G, res.assignment).local_optimum and set(res.assignment) == set(G.nodes)


def test_ising_model_through_a_reduction():
    bqm = dimod.BQM({"p": 1, "q": -2}, {("p", "q"): 1, ("q", "r"): -1}, 0, "SPIN")
    res = tripletpls.search(tripletpls.reduce(bqm, to="tree"), start="random", seed=1, rule="steepest")
    assert res.backmapped_local_optimum and set(res.assignment) == {"p", "q", "r"}
    assert res.energy == bqm.energy(res.assignment)
    for v in res.assignment:  # a single-flip local minimum of the model
        t = dict(res.assignment)
        t[v] = -t[v]
        assert bqm.energy(t) >= res.energy


def test_files_arrays_and_instances(tmp_path):
    red = tripletpls.reduce(nx.path_graph(4), to="line")
    path = tmp_path / "r.json"
    write_instance(red.instance, path)
    res = tripletpls.search(path)
    assert res.assignment == tripletpls.search(red).assignment
    plain = tripletpls.search(np.array([[0, 1, 2], [2, 1, 0], [1, 0, 2]]), start="random")
    assert plain.local_optimum and plain.assignment is None
    assert tripletpls.search(TripletInstance(3, ((0, 1, 2, 1),), start=(0, 1, 2))).steps == 0


def test_errors():
    with pytest.raises(ValueError, match="unknown reduction target"):
        tripletpls.reduce(nx.path_graph(3), to="plane")
    with pytest.raises(ValueError, match="dim applies"):
        tripletpls.reduce(nx.path_graph(3), to="tree", dim=3)
    assert tripletpls.reduce(nx.path_graph(3), to="rd", dim=3).dim == 3
    with pytest.raises(TypeError):
        tripletpls.search({"a": 1})
    with pytest.raises(ValueError, match="pivot rule"):
        tripletpls.search(tripletpls.reduce(nx.path_graph(3)), rule="upwards")
    with pytest.raises(ValueError, match="start"):
        tripletpls.search(tripletpls.reduce(nx.path_graph(3)), start="clean")

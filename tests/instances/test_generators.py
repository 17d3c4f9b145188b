"""Seeded random Max-Cut instances (instances.generators): reproducibility, sizes, structure, weights."""
from __future__ import annotations

import networkx as nx
import pytest

from instances import InstanceError, gnm, gnp, random_regular, torus


@pytest.mark.parametrize("make", [
    lambda s: gnp(30, 0.3, weights="uniform", seed=s),
    lambda s: gnm(30, 50, weights="gaussian", seed=s),
    lambda s: torus((4, 5, 3), seed=s),
    lambda s: random_regular(20, 3, weights="pm1", seed=s),
])
def test_generators_are_seeded(make):
    assert make(1) == make(1)
    assert make(1) != make(2)
    assert make(3).meta["seed"] == 3


def test_gnm_and_regular_sizes():
    assert gnm(20, 37, seed=0).m == 37
    g = random_regular(30, 4, seed=0)
    degrees = [0] * g.n
    for u, v, _ in g.edges:
        degrees[u] += 1
        degrees[v] += 1
    assert set(degrees) == {4}


def test_gnp_edge_density_is_plausible():
    g = gnp(400, 0.06, seed=5)
    pairs = 400 * 399 // 2
    # binomial(pairs, p): mean 4788, sd ~ 67; 6 sd is a sound bound
    assert abs(g.m - 0.06 * pairs) < 6 * (pairs * 0.06 * 0.94) ** 0.5


@pytest.mark.parametrize("shape", [(3, 3), (4, 6), (3, 4, 5), (8, 8, 8)])
def test_torus_is_the_cartesian_product_of_cycles(shape):
    g = torus(shape, weights="unit", seed=0)
    expect = nx.cycle_graph(shape[0])
    for L in shape[1:]:
        expect = nx.cartesian_product(expect, nx.cycle_graph(L))
    assert nx.is_isomorphic(g.to_networkx(), expect)
    assert g.m == len(shape) * g.n


def test_weight_distributions():
    assert {w for *_, w in gnp(30, 0.5, weights="pm1", seed=0).edges} == {1, -1}
    ws = [w for *_, w in gnp(30, 0.5, weights="uniform", wmin=-3, wmax=5, seed=0).edges]
    assert min(ws) >= -3 and max(ws) <= 5 and len(set(ws)) == 9
    with pytest.raises(InstanceError):
        gnp(5, 0.5, weights="cauchy", seed=0)


@pytest.mark.parametrize("call", [
    lambda: gnp(0, 0.5), lambda: gnp(5, 1.5), lambda: gnm(4, 7), lambda: gnm(4, -1), lambda: torus((2, 5)),
    lambda: torus((3,)), lambda: torus((3, 3, 3, 3)), lambda: random_regular(5, 3), lambda: random_regular(4, 4),
    lambda: gnp(5, 0.5, weights="uniform", wmin=3, wmax=2), lambda: gnp(5, 0.5, weights="gaussian", sigma=0),
])
def test_bad_parameters_raise_instance_error(call):
    with pytest.raises(InstanceError):
        call()

"""The sphere census: one basin for the n-gon (modulo rotations, and permutations), classes against a
reference, records and clusters."""
import numpy as np
import pytest

from localsearch.core.census import CLASSES
from localsearch.core.stats import wilson_interval
from localsearch.landscape.census import sphere_census
from localsearch.landscape.infonce import Aligned, InfoNCE, aligned_ntxent, aligned_pairs, ngon_value, simplex_value


def test_census_on_the_ngon_finds_a_single_basin_modulo_rotation():
    # n = 3: all labelled triangles are related by rotations and reflections
    f = Aligned(InfoNCE(6, aligned_pairs(3), 0.5))
    c = sphere_census(f, 2, starts=12, seed=1, reference=ngon_value(3, 0.5))
    assert len(c.clusters) == 1 and c.counts["global"]["successes"] == 12
    assert c.clusters[0]["second_order"] == "minimum"
    # n = 5: the labelled pentagons differ by relabelling; modulo permutations too, one basin
    f5 = Aligned(InfoNCE(10, aligned_pairs(5), 0.5))
    c5 = sphere_census(f5, 2, starts=12, seed=2, reference=ngon_value(5, 0.5), modulo_permutations=True)
    assert len(c5.clusters) == 1 and c5.counts["global"]["successes"] == 12
    lo, hi = c5.counts["global"]["wilson95"]
    assert lo == pytest.approx(wilson_interval(12, 12)[0]) and hi == 1.0


def test_labelled_pentagons_are_several_basins_modulo_rotations_only():
    c = sphere_census(aligned_ntxent(5, 0.5), 2, starts=12, seed=2, reference=ngon_value(5, 0.5))
    assert c.counts["global"]["successes"] == 12 and len(c.clusters) > 1
    assert sum(cl["count"] for cl in c.clusters) == 12
    assert all(cl["value"] == pytest.approx(ngon_value(5, 0.5)) for cl in c.clusters)


def test_records_classes_and_reference_status():
    calls = []
    c = sphere_census(aligned_ntxent(4, 0.5), 3, starts=4, seed=0, progress=calls.append)
    assert c.reference is None and c.reference_status == "none" and calls == [1] * 4
    assert set(c.counts) == set(CLASSES) and sum(v["successes"] for v in c.counts.values()) == 4
    assert c.counts["global"]["successes"] == c.counts["suboptimal"]["successes"] == 0
    rec = c.records[0]
    assert rec["start"] == 0 and rec["class"] in ("noncollapsed", "collapsed", "uncertified")
    for key in ("iterations", "value", "second_order", "min_eigenvalue", "stationary", "grad_bound", "eps", "dps",
                "smooth", "grad_norm_float", "alignment_capped"):
        assert key in rec
    # against the simplex (which fits in R^3) the same starts are global or suboptimal
    r = sphere_census(aligned_ntxent(4, 0.5), 3, starts=4, seed=0, reference=simplex_value(4, 0.5),
                      reference_status="closed-form")
    assert r.reference_status == "closed-form"
    assert r.counts["global"]["successes"] + r.counts["suboptimal"]["successes"] == (
        c.counts["noncollapsed"]["successes"])
    rep = np.array(r.clusters[0]["representative"])
    assert rep.shape == (4, 3) and np.allclose(np.linalg.norm(rep, axis=1), 1)


def test_sixteen_points_at_low_temperature_make_two_basins_modulo_symmetry():
    # N = 16, tau = 0.1 on S^2: the descents end in 2 distinct minima (values 0.154140 and 0.156006),
    # each reached in many relabelled, rotated and reflected copies; sorted Gram rows made 15 basins of them
    c = sphere_census(aligned_ntxent(16, 0.1), 3, starts=12, seed=0, modulo_permutations=True)
    assert len(c.clusters) == 2 and sum(cl["count"] for cl in c.clusters) == 12
    assert [round(cl["value"], 6) for cl in sorted(c.clusters, key=lambda cl: cl["value"])] == [0.15414, 0.156006]
    assert not any(r["alignment_capped"] for r in c.records)
    for cl in c.clusters:  # members lie well within the radius the certificates give
        assert cl["second_order"] == "minimum" and 0 < cl["spread"] < cl["radius"] < 1e-7
    # modulo rotations and reflections only, the labelled copies stay apart
    assert len(sphere_census(aligned_ntxent(16, 0.1), 3, starts=4, seed=0).clusters) == 4


def test_basin_radius_is_twice_the_gradient_bound_over_the_smallest_eigenvalue():
    from localsearch.landscape.census import basin_radius
    from localsearch.landscape.sphere import SecondOrder

    assert basin_radius(1e-10, SecondOrder("minimum", (0.01, 2.0), 3, 1e-7), 1e-5) == pytest.approx(2e-8)
    assert basin_radius(1e-30, SecondOrder("minimum", (0.01,), 3, 1e-7), 1e-5) == 1e-10  # rounding floor
    for kind in ("saddle", "degenerate", "maximum"):
        assert basin_radius(1e-10, SecondOrder(kind, (-1.0, 1.0), 3, 1e-7), 1e-5) == 1e-5
    assert basin_radius(float("inf"), SecondOrder("minimum", (1.0,), 3, 1e-7), 1e-4) == 1e-4

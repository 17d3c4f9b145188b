"""`tripletpls census`: a Max-Cut graph against its brute-force optimum, or aligned NT-Xent on a sphere."""
from __future__ import annotations

from instances import gnp, write_instance

from tests.helpers.cli import run_cli, run_json
from tests.helpers.oracles import brute_force_maxcut


def test_census_of_a_graph_and_of_a_sphere(tmp_path):
    g = gnp(7, 0.5, weights="uniform", seed=3)
    f = tmp_path / "g.json"
    write_instance(g, str(f))
    d = run_json("census", f, "--starts", 12, "--records")
    assert (d["landscape"], d["file"], d["vertices"], d["edges"]) == ("maxcut-flip", str(f), g.n, g.m)
    assert d["reference"] == brute_force_maxcut(g) and len(d["records"]) == 12
    assert sum(v["successes"] for v in d["counts"].values()) == 12
    s = run_json("census", "--n", 4, "--dim", 3, "--starts", 3)
    assert (s["reference_config"], s["modulo"]) == ("simplex", "rotations, reflections")
    code, text, err = run_cli("census", "--n", 3, "--starts", 2)
    assert code == 0 and "aligned NT-Xent, N=3, d=2, tau=0.5" in text and "representative" not in text


def test_census_json_of_the_triangle_and_of_a_graph_with_a_plot(tmp_path):
    out = run_json("census", "--n", "3", "--starts", "4")
    assert out["basins"] == 1 and out["counts"]["global"]["successes"] == 4
    f = tmp_path / "g.json"
    write_instance(gnp(8, 0.5, seed=1), str(f))
    png = tmp_path / "c.png"
    out = run_json("census", f, "--starts", "10", "--plot", png)
    assert out["reference_status"] == "exact" and png.exists()

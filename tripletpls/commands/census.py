"""``tripletpls census [FILE]``: landscape census of a small Max-Cut graph or of aligned NT-Xent on a sphere."""
from __future__ import annotations

import click

from ._common import emit, json_option, load, progress, seed_option


def _census_out(c, plot, title, extra, as_json, records):
    out = dict(extra, **c.to_json(records))
    if plot:
        from ..plots.landscape import census_plot

        census_plot(out, plot, title)
        out["plot"] = plot
    if not as_json:
        out = {k: v for k, v in out.items() if k not in ("clusters", "records")}
        out["clusters"] = [{k: v for k, v in cl.items() if k != "representative"} for cl in c.clusters[:10]]
    emit(out, as_json, title)


@click.command("census")
@click.argument("file", type=click.Path(dir_okay=False), required=False)
@click.option("--n", type=click.IntRange(min=2), default=5, show_default=True,
              help="Sphere census: samples (aligned, views u_i = v_i = z_i).")
@click.option("--dim", type=click.IntRange(min=2), default=2, show_default=True, help="Sphere census: d of S^{d-1}.")
@click.option("--tau", type=click.FloatRange(min=0, min_open=True), default=0.5, show_default=True)
@click.option("--starts", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--modulo-permutations", is_flag=True, help="Sphere census: also identify relabelled optima.")
@click.option("--records", is_flag=True, help="Include one record per start.")
@seed_option
@click.option("--plot", type=click.Path(dir_okay=False), default=None, help="Write a PNG of the basins.")
@json_option
def command(file, n, dim, tau, starts, modulo_permutations, records, seed, plot, as_json):
    """Landscape census: seeded starts -> certified local optima -> classes (collapsed / suboptimal /
    global) with Wilson 95% intervals, and basins (end points equal up to the problem's symmetry).

    \b
    Without FILE: aligned NT-Xent with N samples on S^{dim-1}; Riemannian GD, interval-certified
    stationarity, second order modulo rotations. Two end points are one basin when their values agree
    and, after optimal alignment by a rotation or reflection (and a relabelling of the samples with
    --modulo-permutations), their distance is at most the sum of their radii 2g/lambda (g: certified
    gradient bound, lambda: smallest Hessian eigenvalue modulo rotations). Without --modulo-permutations, relabelled
    copies of one optimum are different basins. Reference: the regular N-gon (dim 2) or regular
    simplex (N <= dim+1), closed forms whose global optimality is not proved here.
    With FILE (a Max-Cut graph, <= 22 vertices): steepest flips from seeded random starts, certified,
    against the brute-force optimum; basins modulo s ~ -s.

    \b
    Examples:
      tripletpls census --n 6 --tau 0.5 --starts 100 --modulo-permutations --plot ngon.png --json
      tripletpls census small.json --starts 500 --json
    """
    if file is not None:
        from localsearch.maxcut.census import maxcut_census

        g = load(file, expect="graph")
        with progress(starts, "census", unit="starts") as advance:
            c = maxcut_census(g, starts, seed, progress=advance)
        extra = {"landscape": "maxcut-flip", "file": file, "vertices": g.n, "edges": g.m}
        return _census_out(c, plot, f"Max-Cut census {file}", extra, as_json, records)
    from ..pipeline.landscape import sphere_census

    with progress(starts, "census", unit="starts") as advance:
        c, extra = sphere_census(n, dim, tau, starts, seed, modulo_permutations, progress=advance)
    _census_out(c, plot, f"aligned NT-Xent, N={n}, d={dim}, tau={tau}", extra, as_json, records)

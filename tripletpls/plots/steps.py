"""Plot steps against size on a log scale: one panel per family, one series per rule/target, its growth
in the legend (what holds exactly for deterministic series, the fitted base with its 95% CI over the
seeds for random ones, whose fitted curve is overlaid), and the closed forms of DC_n (5*2^(n-1) - 4,
first), SC_n (2^(n+2) - 3, steepest) and FC_n (5*2^n - 4, every rule).

On a log scale exponential growth is a straight line and polynomial growth bends down, which is
the picture the paper's exponential lower bound predicts for DC_n and random graphs do not show.
"""
from __future__ import annotations

TITLES = {"dc": "DC_n, the doubling chain", "steep": "SC_n, the steepest chain",
          "forced": "FC_n, the forced chain (one improving path)", "gnp": "G(n, p) random graphs", "gnm": "G(n, m) random graphs",
          "torus": "toroidal grids", "regular": "random regular graphs"}


def plot_steps(rows: list[dict], path: str, summaries: list[dict] | None = None,
               title: str | None = None) -> dict:
    """Write a PNG of improving steps against size (log scale), one panel per family.

    Each series (family, parameters, start, target, rule) shows its finished runs as points, its
    medians as a line (colour: the rule; style: target and parameters) labelled with its growth
    (``experiments.report.growth_text``) and, for a random series fitted as exponential, the fitted
    curve; DC_n panels add the closed form 5*2^(n-1)-4.

    Parameters
    ----------
    rows : list of dict
        Stored rows.
    path : str
        The PNG to write.
    summaries : list of dict, optional
        ``experiments.report.summarise(rows)`` (computed when not given).
    title : str, optional
        Figure title.

    Returns
    -------
    dict
        ``panels`` (families), ``series`` (``label``, ``points`` drawn, ``base``: the growth per size
        unit, exact or fitted, ``growth``: its text), ``output`` and, with a DC_n panel,
        ``closed_form`` True.

    Raises
    ------
    InstanceError
        If the PNG cannot be written (checked before drawing when its directory is missing).
    """
    import os

    from instances import InstanceError

    folder = os.path.dirname(str(path)) or "."
    if not os.path.isdir(folder):  # fail before drawing
        raise InstanceError(f"cannot write: no such directory {folder!r}", str(path))
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from localsearch.core.rules import RULES

    from ..experiments.report import closed_form, closed_form_dc, growth_base, growth_text, series_key, summarise

    summaries = summaries if summaries is not None else summarise(rows)
    families = list(dict.fromkeys(s["family"] for s in summaries))
    fig, axes = plt.subplots(1, max(1, len(families)), figsize=(6.4 * max(1, len(families)), 4.8), squeeze=False)
    drawn = {"panels": families, "series": []}
    by_key: dict[tuple, list[dict]] = {}
    for r in rows:
        by_key.setdefault(series_key(r), []).append(r)
    styles = ["-", "--", ":", "-."]
    for ax, fam in zip(axes[0], families):
        # colour = pivot rule; line style = target and parameters
        variants = list(dict.fromkeys(_variant(s) for s in summaries if s["family"] == fam))
        for i, s in enumerate(x for x in summaries if x["family"] == fam):
            pts = [(r["size"], int(r["steps"])) for r in by_key[series_key(s)]
                   if r["status"] == "local_optimum" and int(r["steps"]) > 0]
            if not pts:
                continue
            color = f"C{RULES.index(s['rule']) % 10}" if s["rule"] in RULES else f"C{i % 10}"
            ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=14, color=color, alpha=0.6)
            med = s["median_steps"]
            xs = [n for n in med if med[n] > 0]
            lab = s["label"]
            growth = s["growth"]
            lab += ": " + growth_text(growth) if growth is not None else ""
            ax.plot(xs, [med[n] for n in xs], styles[variants.index(_variant(s)) % len(styles)], color=color,
                    label=lab)
            if growth is not None and growth["method"] == "regression" and growth["model"] == "exponential" \
                    and growth["base"] > 1:
                lo_n, hi_n = growth["sizes_used"][0], growth["sizes_used"][-1]
                grid = [lo_n + (hi_n - lo_n) * k / 50 for k in range(51)]
                ax.plot(grid, [growth["prefactor"] * growth["base"] ** x for x in grid], color=color, lw=0.8,
                        alpha=0.5)
            drawn["series"].append({"label": s["label"], "points": len(pts),
                                    "base": growth_base(growth),
                                    "growth": growth_text(growth)})
        if fam == "dc":
            sizes = sorted({r["size"] for r in rows if r["family"] == "dc"})
            if sizes:
                ax.plot(sizes, [closed_form_dc(n) for n in sizes], "k:", lw=2, label="5·2^(n-1) − 4 (closed form)")
                drawn["closed_form"] = True
        if fam in ("steep", "forced"):
            sizes = sorted({r["size"] for r in rows if r["family"] == fam})
            if sizes:
                ax.plot(sizes, [closed_form(fam, "steepest")(n) for n in sizes], "k:", lw=2,
                        label="2^(n+2) − 3 (closed form, steepest)" if fam == "steep"
                        else "5·2^n − 4 (closed form, every rule)")
                drawn["closed_form"] = True
        ax.set_yscale("log")
        ax.set_xlabel("n (levels)" if fam in ("dc", "steep", "forced") else "size (vertices)" if fam != "torus" else "side length")
        ax.set_ylabel("improving steps")
        ax.set_title(TITLES.get(fam, fam))
        ax.grid(True, which="both", alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=7)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    from ..experiments.store import writing

    try:
        with writing(path):
            fig.savefig(path, dpi=110)
    finally:
        plt.close(fig)
    drawn["output"] = str(path)
    return drawn



def _variant(summary: dict) -> str:
    return repr((summary["target"], sorted((summary["params"] or {}).items()), summary["start"]))

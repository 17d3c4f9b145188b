"""PNG plots for the landscape commands (matplotlib, Agg backend, imported lazily)."""
from __future__ import annotations

from . import save_figure


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def success_plot(rows: list[dict], path: str, title: str) -> None:
    """Write a PNG of the success rate per annealing configuration, Wilson 95% intervals as error bars.

    Parameters
    ----------
    rows : list of dict
        Rows of ``tripletpls.pipeline.landscape.langevin_rows`` (``schedule``, ``c``, ``beta_target``,
        ``rate``, ``wilson95``).
    path : str
        The PNG to write (6 x 3.6 inches at 120 dpi).
    title : str
        Figure title.
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.6))
    labels = [f"{r['schedule']}\nc={r['c']}" if r["schedule"] != "fixed" else f"fixed\nbeta={r['beta_target']}"
              for r in rows]
    p = [r["rate"] for r in rows]
    lo = [r["rate"] - r["wilson95"][0] for r in rows]
    hi = [r["wilson95"][1] - r["rate"] for r in rows]
    ax.errorbar(range(len(rows)), p, yerr=[lo, hi], fmt="o", capsize=4)
    ax.set_xticks(range(len(rows)), labels)
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("success rate (Wilson 95%)")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    save_figure(fig, path, dpi=120)


def census_plot(census: dict, path: str, title: str) -> None:
    """Write a PNG of the basins a census found: one bar per cluster (its count of starts), coloured by
    class, labelled by value (at most 40 clusters).

    Parameters
    ----------
    census : dict
        A census as JSON (``starts``, ``clusters`` with ``count``, ``value`` and ``class``).
    path : str
        The PNG to write (at least 4 inches wide, 0.35 inch per cluster, at 120 dpi).
    title : str
        Figure title.
    """
    plt = _pyplot()
    colours = {"global": "tab:green", "suboptimal": "tab:orange", "collapsed": "tab:red",
               "noncollapsed": "tab:blue", "uncertified": "tab:gray"}
    cl = census["clusters"][:40]
    fig, ax = plt.subplots(figsize=(max(4, 0.35 * len(cl) + 2), 3.6))
    ax.bar(range(len(cl)), [c["count"] for c in cl], color=[colours[c["class"]] for c in cl])
    ax.set_xticks(range(len(cl)), [f"{c['value']:.4g}" for c in cl], rotation=60, fontsize=7)
    ax.set_xlabel("basin (objective value at the certified optimum)")
    ax.set_ylabel(f"starts (of {census['starts']})")
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=col, label=k) for k, col in colours.items() if any(c["class"] == k for c in cl)],
              fontsize=8)
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    save_figure(fig, path, dpi=120)

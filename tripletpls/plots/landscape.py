"""PNG plots for the landscape commands (matplotlib, Agg backend, imported lazily)."""
from __future__ import annotations


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
    fig.savefig(path, dpi=120)
    plt.close(fig)


def value_labels(values: list, rel: float = 1e-9) -> list[str]:
    """Values printed with the fewest significant digits (at least 4) that keep apart every two values
    differing by more than ``rel`` relatively (equal values print equally).

    Parameters
    ----------
    values : list of int or float
        The values.
    rel : float, default 1e-9
        Values closer than this (relatively) count as equal.

    Returns
    -------
    list of str

    Examples
    --------
    >>> value_labels([0.15413974131, 0.15600632792, 0.154139741310637])
    ['0.1541', '0.156', '0.1541']
    >>> value_labels([1.00001, 1.00002])
    ['1.00001', '1.00002']
    """
    for digits in range(4, 18):
        text = [f"{v:.{digits}g}" for v in values]
        if all(text[i] != text[j] for i in range(len(values)) for j in range(i)
               if abs(values[i] - values[j]) > rel * max(1.0, abs(values[i]), abs(values[j]))):
            return text
    return [repr(v) for v in values]


def census_plot(census: dict, path: str, title: str, most: int = 40) -> dict:
    """Write a PNG of the basins a census found: one horizontal bar per basin (its count of starts),
    coloured by class, labelled by its number, value and second-order type, largest basin on top.

    Parameters
    ----------
    census : dict
        A census as JSON (``starts``, ``clusters`` with ``count``, ``value``, ``class`` and optionally
        ``second_order``; optionally ``modulo``).
    path : str
        The PNG to write (7 inches wide, 0.3 inch per basin and 1.7 inch of margins, at least 3
        inches high, at 120 dpi).
    title : str
        Figure title (the number of basins is added).
    most : int, default 40
        Draw at most this many basins (the largest); the others are counted in the title.

    Returns
    -------
    dict
        ``labels`` (the basin labels, top to bottom), ``shown`` and ``hidden`` (basins left out).
    """
    plt = _pyplot()
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    colours = {"global": "tab:green", "suboptimal": "tab:orange", "collapsed": "tab:red",
               "noncollapsed": "tab:blue", "uncertified": "tab:gray"}
    every = census["clusters"]
    cl = every[:most]
    kinds = {c.get("second_order") for c in cl}
    labels = [f"#{i + 1}  {v}" + (f" ({c['second_order']})" if len(kinds) > 1 and c.get("second_order") else "")
              for i, (c, v) in enumerate(zip(cl, value_labels([c["value"] for c in cl])))]
    fig, ax = plt.subplots(figsize=(7, max(3.0, 0.3 * len(cl) + 1.7)))
    y = range(len(cl))
    ax.barh(y, [c["count"] for c in cl], color=[colours[c["class"]] for c in cl], height=0.7)
    ax.set_yticks(y, labels, fontsize=9)
    ax.set_ylim(len(cl) - 0.5, -0.5)  # the largest basin on top
    for k, c in enumerate(cl):
        ax.annotate(str(c["count"]), (c["count"], k), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max([c["count"] for c in cl], default=1) * 1.12 + 0.5)
    ax.set_xlabel(f"starts ending in the basin (of {census['starts']})", fontsize=10)
    ax.set_ylabel("basin: value at its end points", fontsize=10)
    ax.legend(handles=[Patch(color=col, label=k) for k, col in colours.items() if any(c["class"] == k for c in cl)],
              fontsize=9, loc="best")
    hidden = len(every) - len(cl)
    sub = f"{len(every)} basins" + (f" modulo {census['modulo']}" if census.get("modulo") else "") + (
        f"; the {len(cl)} largest shown" if hidden else "")
    ax.set_title(f"{title}\n{sub}", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return {"labels": labels, "shown": len(cl), "hidden": hidden}

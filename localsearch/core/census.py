"""The shape of a landscape census, shared by every landscape: classes, counts with Wilson
intervals, basins (clusters of end points) sorted by size.

A census runs local search from many seeded starts to certified local optima and classifies each end
point (``collapsed``, ``suboptimal``, ``global``, ``noncollapsed`` when there is no reference,
``uncertified`` when certification failed). The sphere census lives in ``localsearch.landscape``, the
Max-Cut flip census in ``localsearch.maxcut``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from .stats import rate

CLASSES = ("collapsed", "suboptimal", "global", "noncollapsed", "uncertified")


@dataclass
class Census:
    """A landscape census: how the local optima reached from seeded starts are distributed.

    Attributes
    ----------
    starts : int
        Number of starts (runs).
    seed : int
        Seed from which every start is derived.
    reference : int, float or None
        The global optimum the end points are compared with, if known.
    reference_status : str
        Where the reference comes from: ``"exact"`` (computed exactly), ``"closed-form"`` or ``"none"``.
    counts : dict
        For every class of ``CLASSES``, a :func:`localsearch.core.stats.rate` dict (successes, runs,
        rate, wilson95).
    clusters : list of dict
        The basins (end points equal up to the landscape's symmetry), largest first, ties by increasing
        value; each has at least ``count``, ``value``, ``class`` and ``representative``.
    records : list of dict
        One record per start (its class, value, steps, ...).
    seconds : float
        Wall time of the census.
    """

    starts: int
    seed: int
    reference: float | int | None
    reference_status: str  # "exact" | "closed-form" | "none"
    counts: dict  # class -> rate dict (successes, runs, rate, wilson95)
    clusters: list  # [{"count", "value", "class", "second_order", "representative"}], by count
    records: list = field(default_factory=list)  # per start
    seconds: float = 0.0

    def to_json(self, records: bool = False) -> dict:
        """The census as a JSON-able dict (``basins`` = number of clusters); per-start ``records`` only
        when asked.

        Parameters
        ----------
        records : bool, default False
            Include the per-start records.

        Returns
        -------
        dict
            Keys ``starts``, ``seed``, ``reference``, ``reference_status``, ``counts``, ``basins``,
            ``clusters``, ``seconds`` (and ``records``).
        """
        out = {"starts": self.starts, "seed": self.seed, "reference": self.reference,
               "reference_status": self.reference_status, "counts": self.counts,
               "basins": len(self.clusters), "clusters": self.clusters, "seconds": self.seconds}
        if records:
            out["records"] = self.records
        return out


def finish(starts, seed, reference, status, recs, clusters, t0) -> Census:
    """Count the classes of the records, sort the basins, and build the :class:`Census`.

    Parameters
    ----------
    starts, seed, reference, status :
        As the :class:`Census` fields (``status`` is ``reference_status``).
    recs : list of dict
        Per-start records, each with a ``"class"`` key.
    clusters : list of dict
        The basins, each with ``"count"`` and ``"value"`` (sorted in place).
    t0 : float
        ``time.perf_counter()`` at the start of the census.

    Returns
    -------
    Census

    Examples
    --------
    >>> c = finish(2, 0, 1, "exact", [{"class": "global"}] * 2, [{"count": 2, "value": 1}], 0.0)
    >>> c.counts["global"]["successes"], c.counts["collapsed"]["successes"]
    (2, 0)
    """
    counts = {k: rate(sum(r["class"] == k for r in recs), starts) for k in CLASSES}
    clusters.sort(key=lambda c: (-c["count"], c["value"]))
    return Census(starts, seed, reference, status, counts, clusters, recs, time.perf_counter() - t0)

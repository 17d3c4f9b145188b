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
    starts: int
    seed: int
    reference: float | int | None
    reference_status: str  # "exact" | "closed-form" | "none"
    counts: dict  # class -> rate dict (successes, runs, rate, wilson95)
    clusters: list  # [{"count", "value", "class", "second_order", "representative"}], by count
    records: list = field(default_factory=list)  # per start
    seconds: float = 0.0

    def to_json(self, records: bool = False) -> dict:
        out = {"starts": self.starts, "seed": self.seed, "reference": self.reference,
               "reference_status": self.reference_status, "counts": self.counts,
               "basins": len(self.clusters), "clusters": self.clusters, "seconds": self.seconds}
        if records:
            out["records"] = self.records
        return out


def finish(starts, seed, reference, status, recs, clusters, t0) -> Census:
    counts = {k: rate(sum(r["class"] == k for r in recs), starts) for k in CLASSES}
    clusters.sort(key=lambda c: (-c["count"], c["value"]))
    return Census(starts, seed, reference, status, counts, clusters, recs, time.perf_counter() - t0)

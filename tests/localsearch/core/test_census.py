"""The census record shared by every landscape (localsearch.core.census)."""
import json

from localsearch.core.census import CLASSES, Census, finish
from localsearch.core.stats import wilson_interval


def test_finish_counts_every_class_and_sorts_the_basins():
    recs = [{"start": i, "class": c} for i, c in enumerate(["global", "suboptimal", "global", "collapsed", "global"])]
    clusters = [{"count": 1, "value": 3}, {"count": 3, "value": 9}, {"count": 1, "value": 1}, {"count": 3, "value": 2}]
    c = finish(5, 7, 9, "exact", recs, clusters, t0=0.0)
    assert isinstance(c, Census) and (c.starts, c.seed, c.reference, c.reference_status) == (5, 7, 9, "exact")
    assert list(c.counts) == list(CLASSES)
    assert {k: v["successes"] for k, v in c.counts.items()} == \
        {"collapsed": 1, "suboptimal": 1, "global": 3, "noncollapsed": 0, "uncertified": 0}
    assert all(v["runs"] == 5 for v in c.counts.values())
    assert c.counts["global"]["rate"] == 0.6 and c.counts["global"]["wilson95"] == list(wilson_interval(3, 5))
    # largest basins first, ties by increasing value
    assert [(b["count"], b["value"]) for b in c.clusters] == [(3, 2), (3, 9), (1, 1), (1, 3)]
    assert c.records == recs and c.seconds > 0


def test_to_json_has_the_documented_keys():
    c = finish(2, 0, None, "none", [{"class": "noncollapsed"}] * 2, [{"count": 2, "value": 0}], t0=0.0)
    out = c.to_json()
    assert set(out) == {"starts", "seed", "reference", "reference_status", "counts", "basins", "clusters", "seconds"}
    assert out["basins"] == 1 and out["reference"] is None and out["counts"]["noncollapsed"]["successes"] == 2
    assert c.to_json(records=True)["records"] == [{"class": "noncollapsed"}] * 2
    json.dumps(c.to_json(records=True))
    assert CLASSES == ("collapsed", "suboptimal", "global", "noncollapsed", "uncertified")

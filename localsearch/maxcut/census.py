"""Census of the flip landscape of a small Max-Cut instance.

Seeded random starts -> steepest improving flips (``localsearch.maxcut.descent.descend``) ->
``certify_flip`` -> class (``collapsed``: all vertices on one side; ``global``: the brute-force
optimum; ``suboptimal``; ``uncertified``), basins modulo s ~ -s. See ``localsearch.core.census``.

>>> from instances import Graph
>>> c = maxcut_census(Graph(3, ((0, 1, 1), (1, 2, 1), (0, 2, 1))), starts=4)
>>> c.reference, c.counts["global"]["successes"]
(2, 4)
"""
from __future__ import annotations

import time

import numpy as np

from instances import Assignment, Graph

from ..core.census import Census, finish
from .certificate import certify_flip
from .descent import Descent
from .exact.brute_force import brute_force_maxcut


def maxcut_census(graph: Graph, starts: int = 100, seed: int = 0, progress=None) -> Census:
    """Census of the flip landscape of a small Max-Cut instance.

    Start i is ``Assignment.random(n, SeedSequence([seed, i]).generate_state(1)[0])``; from it a
    steepest descent (:func:`localsearch.maxcut.descent.descend`) runs to a local optimum, which is
    certified (:func:`certify_flip`) and classified against the brute-force maximum cut.

    Parameters
    ----------
    graph : Graph
        The weighted graph (at most 22 vertices: the reference is computed by enumeration).
    starts : int, default 100
        Number of random starts.
    seed : int, default 0
        Seed of the starts.
    progress : callable, optional
        Called with 1 after every start.

    Returns
    -------
    Census
        ``reference`` is the maximum cut (``reference_status`` ``"exact"``); each record has ``start``,
        ``steps``, ``value``, ``class`` and ``local_optimum``; a cluster is an end point up to s ~ -s
        (``representative`` with s_0 = +1), with its ``count``, ``value`` and ``class``.

    Raises
    ------
    InstanceError
        If the graph has more than 22 vertices.

    References
    ----------
    Schaeffer & Yannakakis, "Simple local search problems that are hard to solve", SIAM J. Comput. 20(1),
    1991 (local optima of Max-Cut under flips).
    """
    t0 = time.perf_counter()
    opt = brute_force_maxcut(graph)
    recs, clusters, keys = [], [], []
    descend = Descent(graph, "steepest")
    for i in range(starts):
        s0 = Assignment.random(graph.n, int(np.random.SeedSequence([seed, i]).generate_state(1)[0]))
        s, steps = descend(s0)
        cert = certify_flip(graph, s)
        if not cert.local_optimum:
            cls = "uncertified"
        elif len(set(s.signs)) == 1:
            cls = "collapsed"
        else:
            cls = "global" if cert.value == opt else "suboptimal"
        recs.append({"start": i, "steps": steps, "value": cert.value, "class": cls,
                     "local_optimum": cert.local_optimum})
        key = s.signs if s.signs[0] == 1 else tuple(-x for x in s.signs)
        if key in keys:
            clusters[keys.index(key)]["count"] += 1
        else:
            keys.append(key)
            clusters.append({"count": 1, "value": cert.value, "class": cls, "representative": list(key)})
        if progress is not None:
            progress(1)
    return finish(starts, seed, opt, "exact", recs, clusters, t0)

"""Local Max-Cut -> weighted non-betweenness on orderings, a tight PLS reduction (via betweenness).

In an ordering exactly one of three points lies between the other two, so for every ordering
  [b between a, c] = [a not between b, c] + [c not between a, b] - 1.
Each betweenness triplet (a, b, c, w) of ``reductions.betweenness`` becomes the two non-betweenness
triplets (b, a, c, w) and (a, c, b, w). The non-betweenness objective of every ordering is then the
betweenness objective plus the constant sum of w: the two instances have the same improving moves with
the same gains, so soundness, tightness (gain factor 1, vertex point v <-> vertex v), the start and the
back map carry over unchanged (see ``reductions.betweenness`` for the proof sketch).
Size: n + 3 points, 2 (1 + 2n + m+ + 2 m-) triplets.

Supported solution form: orderings (the "ordering form" of SPEC section 3). The back map also accepts
positions on the line (ordered by position, ties by index), but local optimality is only claimed for
orderings.

>>> from instances import Graph
>>> inst = reduce(Graph(2, ((0, 1, -3),)))
>>> inst.points, len(inst.triplets), backmap(inst, inst.start).signs
(5, 14, (1, 1))

Reference: the seed paper, "The Complexity of Finding Local Optima in Contrastive Learning" (NeurIPS
2025), LocalNonBetweenness; Opatrny 1979 (betweenness).
"""
from __future__ import annotations

from instances import Graph, TripletInstance

from . import betweenness


def reduce(graph: Graph) -> TripletInstance:
    """The non-betweenness instance of ``graph``; start: the clean ordering of the graph's start."""
    inst = betweenness.reduce(graph, target="nonbetweenness")
    trips = tuple(t for a, b, c, w in inst.triplets for t in ((b, a, c, w), (a, c, b, w)))
    return TripletInstance(inst.points, trips, target="nonbetweenness", start=inst.start, names=inst.names,
                           meta=inst.meta)


backmap = betweenness.backmap

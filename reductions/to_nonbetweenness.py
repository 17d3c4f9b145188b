"""Local Max-Cut -> weighted non-betweenness on orderings, a tight PLS reduction (via betweenness).

In an ordering exactly one of three points lies between the other two, so for every ordering
  [b between a, c] = [a not between b, c] + [c not between a, b] - 1.
Each betweenness triplet (a, b, c, w) of ``reductions.to_betweenness`` becomes the two non-betweenness
triplets (b, a, c, w) and (a, c, b, w). The non-betweenness objective of every ordering is then the
betweenness objective plus the constant sum of w: the two instances have the same improving moves with
the same gains, so soundness, tightness (gain factor 1, vertex point v <-> vertex v), the start and the
back map carry over unchanged (see ``reductions.to_betweenness`` for the proof sketch).
Size: n + 3 points, 2 (1 + 2n + m+ + 2 m-) triplets.

Solution forms (SPEC section 3): orderings (default start), or with ``form="positions"`` points on the
line (start: position = rank), where (a, b, c) holds iff x_b is outside the closed interval [x_a, x_c]
and a point moves anywhere. Soundness for positions, sketch: for a betweenness triplet (a, b, c) the
pair of non-betweenness triplets holds 1 + [b strictly between a, c] - [x_a = x_c] times. At a local
optimum: L != R (else moving L away gains H1 > all its lighter triplets), M strictly inside (L, R),
every vertex strictly outside [L, R] (same moves as for orderings, to fresh positions), and endpoints of
an edge never coincide (nudging one apart gains |w|; satisfied sets are open, so a small nudge loses
nothing). Then the objective is a constant plus the cut of the back map (sides of M), and moving v to a
fresh position beyond the other pole gains exactly g(v). Positions with ties are dominated by nearby
distinct ones, so from distinct positions the run is the ordering run (tight, factor 1).

>>> from instances import Graph
>>> inst = reduce(Graph(2, ((0, 1, -3),)))
>>> inst.points, len(inst.triplets), backmap(inst, inst.start).signs
(5, 14, (1, 1))

Reference: the seed paper, "The Complexity of Finding Local Optima in Contrastive Learning" (NeurIPS
2025), LocalNonBetweenness; Opatrny 1979 (betweenness).
"""
from __future__ import annotations

from instances import Graph, InstanceError, TripletInstance

from . import to_betweenness


def reduce(graph: Graph, form: str = "ordering") -> TripletInstance:
    """The forward map: the non-betweenness instance of ``graph``.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    form : {"ordering", "positions"}, default "ordering"
        The solution form of the start: the clean ordering of the graph's start, or the positions
        0..m-1 of that ordering on the line.

    Returns
    -------
    TripletInstance

    Raises
    ------
    InstanceError
        For another form.
    """
    if form not in ("ordering", "positions"):
        raise InstanceError(f"form must be 'ordering' or 'positions', got {form!r}")
    inst = to_betweenness.reduce(graph, target="nonbetweenness")
    trips = tuple(t for a, b, c, w in inst.triplets for t in ((b, a, c, w), (a, c, b, w)))
    start = inst.start if form == "ordering" else inst.start.positions()
    meta = dict(inst.meta)
    meta["reduction"] = {**meta["reduction"], "form": form}
    return TripletInstance(inst.points, trips, target="nonbetweenness", start=start, names=inst.names, meta=meta)


backmap = to_betweenness.backmap  # the same back map: the sides of M (orderings or positions)

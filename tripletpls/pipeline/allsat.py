"""Can every triplet of a Euclidean instance hold at once, in some dimension? An exact answer: a cycle
of distance relations (no embedding satisfies them all), or an integer embedding in R^dim_integer
that does (and the positive-definite Gram proof for R^(m-1)).

>>> from instances import TripletInstance
>>> cyclic = TripletInstance(3, ((0, 1, 2, 1), (1, 2, 0, 1), (2, 0, 1, 1)))
>>> realisability(cyclic)["cycle"]
[[0, 1], [0, 2], [1, 2]]
"""
from __future__ import annotations

from instances import InstanceError, read_assignment

from .engines import backmap_report
from .solutions import write_solution

#: beyond this many points the exact O(m^3) rational Gram elimination is slow; reported as None
GRAM_MAX_POINTS = 60


def require_euclidean(inst, where: str | None = None) -> None:
    """Refuse non-Euclidean triplet instances.

    Parameters
    ----------
    inst : TripletInstance
        The instance.
    where : str, optional
        The file named in the error.

    Raises
    ------
    InstanceError
        If ``inst.target`` is not ``euclidean`` (names ``where``).
    """
    if inst.target != "euclidean":
        raise InstanceError(f"allsat applies to euclidean triplet instances, not {inst.target!r}", where)


def reduction_of(inst) -> dict:
    """The record of the reduction that made an instance.

    Parameters
    ----------
    inst : TripletInstance
        The instance.

    Returns
    -------
    dict
        Its ``meta["reduction"]`` (name, source, vertex points, ...), or empty when it was not reduced.

    Raises
    ------
    InstanceError
        If the record is damaged (see :func:`tripletpls.pipeline.engines.reduction_record`).
    """
    from .engines import reduction_record

    return reduction_record(inst)


def cut_relations(inst, cut_file: str) -> list:
    """The side relations that force the back map of an embedding to read a given cut.

    Parameters
    ----------
    inst : TripletInstance
        An instance made by ``reduce --to line`` or ``--to rd``.
    cut_file : str
        A +1/-1 assignment of the source graph's vertices.

    Returns
    -------
    list
        Extra distance relations for :func:`realisability` and :func:`allsat_embedding`.

    Raises
    ------
    InstanceError
        If the assignment file is malformed or has the wrong length (names the file).
    """
    from reductions import to_rd

    from .engines import reduction_errors

    red = reduction_of(inst)
    with reduction_errors():
        n = red["vertex_points"]
    s = read_assignment(cut_file, n)
    with reduction_errors():
        return to_rd.side_relations(inst, s)


def realisability(inst, extra=()) -> dict:
    """Decide whether every triplet (and every extra relation) holds in some embedding.

    Parameters
    ----------
    inst : TripletInstance
        A Euclidean triplet instance with m points.
    extra : sequence
        Extra distance relations (see :func:`cut_relations`).

    Returns
    -------
    dict
        ``points``, ``triplets``, ``total_weight``, ``all_satisfiable``, ``cycle`` (the cycle of
        distance relations as pairs, or None), ``dim_integer`` (dimension of the integer embedding),
        ``dim_gram`` (m - 1) and ``gram_positive_definite`` (None when a cycle exists or m exceeds
        ``GRAM_MAX_POINTS``).
    """
    from localsearch.triplets.realisation import embedding_dim, find_cycle, gram_pivots

    extra = list(extra)
    m = inst.points
    cycle = find_cycle(inst, extra)
    out = {"points": m, "triplets": len(inst.triplets), "total_weight": inst.total_weight,
           "all_satisfiable": cycle is None, "cycle": [list(p) for p in cycle] if cycle else None,
           "dim_integer": embedding_dim(m), "dim_gram": max(m - 1, 0), "gram_positive_definite": None}
    if cycle is None and m <= GRAM_MAX_POINTS:
        out["gram_positive_definite"] = all(p > 0 for p in gram_pivots(inst, extra))
    return out


def allsat_embedding(inst, extra=()):
    """An exact integer embedding satisfying every triplet (and extra relation), with its back map.

    Parameters
    ----------
    inst : TripletInstance
        A Euclidean instance without a cycle of distance relations, of dimension at least
        ``dim_integer``.
    extra : sequence
        Extra distance relations (see :func:`cut_relations`).

    Returns
    -------
    (list, dict)
        The positions (checked against the instance) and, for a reduced instance, its
        :func:`~tripletpls.pipeline.engines.backmap_report` (else empty).
    """
    from localsearch.triplets.realisation import integer_embedding

    pos = inst.check_solution(integer_embedding(inst, list(extra)))
    return pos, (backmap_report(inst, pos) if reduction_of(inst) else {})


def write_allsat(path: str, inst, positions, backmap: dict) -> None:
    """Write an allsat embedding as a solution file (``method`` ``allsat``), with the back-mapped cut.

    Parameters
    ----------
    path : str
        Where to write.
    inst : TripletInstance
        The instance.
    positions : list
        The embedding of :func:`allsat_embedding`.
    backmap : dict
        Its back-map report (may be empty).
    """
    write_solution(path, inst, positions, backmap, method="allsat")

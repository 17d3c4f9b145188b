"""Reductions and triplet local search from Python: ``reduce`` a graph, ``search`` the triplets, get the
back-mapped cut keyed by the source graph's node labels.

>>> import networkx as nx
>>> red = reduce(nx.path_graph(["x", "y", "z"]), to="line")
>>> red.points, red.target
(14, 'euclidean')
>>> res = search(red, rule="first")
>>> res.local_optimum, res.assignment, res.cut, res.backmapped_local_optimum
(True, {'x': -1, 'y': 1, 'z': -1}, 2, True)
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import numpy as np

from instances import Graph, TripletInstance, jsonio, read_instance

from .graphs import MaxCutForm, as_maxcut

__all__ = ["Reduction", "SearchResult", "reduce", "search", "as_triplets"]

#: reduction targets with a Max-Cut source
GRAPH_TARGETS = ("line", "rd", "tree", "betweenness", "nonbetweenness")


@dataclass(frozen=True)
class Reduction:
    """A graph reduced to a triplet instance, with the labels of the source graph for the back map.

    Attributes
    ----------
    instance : TripletInstance
        The reduced instance (its ``meta["reduction"]`` carries the integer source graph).
    source : MaxCutForm
        The source graph as searched (labels, weight scale, pins of an Ising model).
    to : str
        The reduction target.
    """

    instance: TripletInstance
    source: MaxCutForm
    to: str

    @property
    def points(self) -> int:
        """The number of points of the reduced instance."""
        return self.instance.points

    @property
    def triplets(self) -> tuple:
        """The triplets ``(a, b, c, w)`` of the reduced instance."""
        return self.instance.triplets

    @property
    def target(self) -> str:
        """The triplet target (``euclidean``, ``tree``, ``betweenness``, ``nonbetweenness``)."""
        return self.instance.target

    @property
    def dim(self) -> int:
        """The dimension of the reduced instance's positions."""
        return self.instance.dim

    def backmap(self, solution) -> dict:
        """The source assignment (label -> +1/-1) of any solution of the reduced instance.

        Parameters
        ----------
        solution : positions, Tree or Ordering
            A solution of ``instance``.

        Returns
        -------
        dict
        """
        from reductions import target_module

        name = self.instance.meta["reduction"]["name"]
        return self.source.assignment(self.source.normalised(target_module(name).backmap(self.instance, solution)))


@dataclass(frozen=True)
class SearchResult:
    """A certified triplet local search and, for a reduced instance, its back-mapped cut by label.

    Attributes
    ----------
    steps : int
        Improving moves made.
    status : str
        ``local_optimum``, ``max_steps`` or ``time_limit``.
    local_optimum : bool
        The final solution's certificate, recomputed from scratch by the engine.
    value : int
        Its satisfied weight (exact).
    total_weight : int
        The total weight of all triplets.
    solution : tuple, Tree or Ordering
        The final solution (exact rational positions, a tree or an ordering).
    certificate : Certificate
        The engine's certificate of ``solution``.
    seconds : float
        Search time.
    rule, start : str
        The pivot rule and the start used.
    seed : int
        The seed.
    assignment : dict or None
        For a reduced instance: the back-mapped source assignment, label -> +1/-1; else None.
    partition : tuple of set or None
        (labels with +1, labels with -1) of ``assignment``.
    cut : int, Fraction or None
        The exact cut of ``assignment`` in the source graph.
    backmapped_local_optimum : bool or None
        Whether ``assignment`` is a local max-cut (certified from scratch).
    backmap_certificate : Certificate or None
        Its flip certificate (witness by label).
    energy : int, Fraction or None
        For an Ising-model source, the energy of ``assignment``.
    """

    steps: int
    status: str
    local_optimum: bool
    value: int
    total_weight: int
    solution: Any
    certificate: Any
    seconds: float
    rule: str
    start: str
    seed: int
    assignment: dict | None = None
    partition: tuple | None = None
    cut: Any = None
    backmapped_local_optimum: bool | None = None
    backmap_certificate: Any = None
    energy: Any = None


def reduce(graph, to: str = "line", dim: int | None = None, weight: str | None = "weight", **options) -> Reduction:
    """Reduce Local Max-Cut on ``graph`` to a triplet objective (a tight PLS reduction).

    Parameters
    ----------
    graph : networkx graph, numpy array, scipy.sparse matrix, dimod BQM, instances.Graph or path
        The source (see :mod:`tripletpls.api.graphs`).
    to : str, default "line"
        ``line`` (triplets on the line), ``rd`` (in R^dim), ``tree`` (hierarchical clustering),
        ``betweenness`` or ``nonbetweenness``.
    dim : int, optional
        The dimension for ``to="rd"`` (default 2); not allowed for the other targets.
    weight : str or None, default "weight"
        The networkx edge attribute holding the weight.
    **options
        Passed to the reduction (e.g. ``form="positions"`` for ``nonbetweenness``).

    Returns
    -------
    Reduction

    Raises
    ------
    ValueError
        For an unknown target or a ``dim`` the target does not take.
    TypeError
        For an unsupported graph.

    Examples
    --------
    >>> red = reduce(Graph(2, ((0, 1, 3),)), to="tree")
    >>> red.target, red.points
    ('tree', 6)
    """
    from reductions import target_module

    if to not in GRAPH_TARGETS:
        raise ValueError(f"unknown reduction target {to!r} for a graph (one of {', '.join(GRAPH_TARGETS)})")
    if dim is not None:
        if to != "rd":
            raise ValueError(f"dim applies to to='rd' only, not {to!r}")
        options["dim"] = dim
    form = as_maxcut(graph, weight)
    return Reduction(target_module(to).reduce(form.graph, **options), form, to)


def as_triplets(X, y=None, dim: int = 1) -> TripletInstance:
    """A triplet instance from cblearn's array formats (weights 1; repeated rows add up).

    Parameters
    ----------
    X : array_like of int, shape (t, 3)
        Rows (i, j, k): in list-order, "i is closer to j than to k".
    y : array_like, optional
        list-boolean responses: True/1 keeps a row, False/0 (or -1) swaps j and k.
    dim : int, default 1
        The dimension of the instance.

    Returns
    -------
    TripletInstance

    Raises
    ------
    ValueError
        For a malformed array or response (see :func:`instances.triplet_arrays.orient`).

    Examples
    --------
    >>> as_triplets([[0, 1, 2], [2, 1, 0]], y=[True, False]).triplets
    ((0, 1, 2, 1), (2, 0, 1, 1))
    """
    from instances.triplet_arrays import instance_from_rows, orient

    return instance_from_rows(orient(X, y), dim=dim)


def _instance(obj) -> tuple[TripletInstance, MaxCutForm | None]:
    if isinstance(obj, Reduction):
        return obj.instance, obj.source
    if isinstance(obj, (str, os.PathLike)):
        obj = read_instance(obj, expect="triplets")
    elif isinstance(obj, (np.ndarray, list)):
        obj = as_triplets(obj)
    if not isinstance(obj, TripletInstance):
        raise TypeError(f"cannot search a {type(obj).__name__}; expected a Reduction, an instances.TripletInstance, "
                        "a file path or a (t, 3) integer array of triplets")
    red = obj.meta.get("reduction")
    if isinstance(red, dict) and "source" in red and red.get("name") in GRAPH_TARGETS:
        g = jsonio.from_json(red["source"])
        if isinstance(g, Graph):
            return obj, MaxCutForm(g, tuple(range(g.n)), 1, "graph")
    return obj, None


def search(instance, rule: str = "first", start="instance", seed: int = 0, max_steps: int | None = None,
           time_limit: float | None = None) -> SearchResult:
    """Local search on a triplet instance (move one point, or regraft one leaf, at a time), certified.

    Parameters
    ----------
    instance : Reduction, TripletInstance, path or (t, 3) int array
        The instance; a :class:`Reduction` (or a reduced instance read from a file) is also back-mapped
        to its source graph.
    rule : str, default "first"
        The pivot rule (``first``, ``last``, ``steepest``, ``cyclic``, ``random``, ``least``).
    start : "instance", "random" or a solution, default "instance"
        The instance's own start (a reduction's image of the source start), a seeded random solution, or
        a solution (positions, ``Tree`` or ``Ordering``).
    seed : int, default 0
        Seed of a random start and of the ``random`` rule.
    max_steps : int, optional
        Stop after this many moves.
    time_limit : float, optional
        Stop after about this many seconds.

    Returns
    -------
    SearchResult

    Raises
    ------
    TypeError
        For an unsupported instance.
    ValueError
        For an unknown rule or start, or an instance without a start of its own when ``start="instance"``.

    Examples
    --------
    >>> res = search([[0, 1, 2], [1, 2, 0]], start="random", rule="steepest")
    >>> res.local_optimum, res.value, res.assignment
    (True, 2, None)
    """
    from localsearch.core.rules import RULES

    from ..pipeline.search import search as run_search

    inst, form = _instance(instance)
    if rule not in RULES:
        raise ValueError(f"unknown pivot rule {rule!r} (one of {', '.join(RULES)})")
    if isinstance(start, str) and start not in ("instance", "random"):
        raise ValueError(f"unknown start {start!r} ('instance', 'random' or a solution)")
    run = run_search(inst, rule=rule, start=start, seed=seed, max_steps=max_steps, time_limit=time_limit)
    res, cert = run.result, run.certificate
    out = dict(steps=res.steps, status=res.status, local_optimum=cert.local_optimum, value=cert.value,
               total_weight=inst.total_weight, solution=res.solution, certificate=cert, seconds=res.seconds,
               rule=rule, start=run.start, seed=seed)
    if form is not None and "backmapped_assignment" in run.backmap:
        from .maxcut import user_certificate

        signs, bcert = user_certificate(form, run.backmap["backmapped_assignment"])
        out.update(assignment=form.assignment(signs), partition=form.partition(signs), cut=bcert.value,
                   backmapped_local_optimum=bcert.local_optimum, backmap_certificate=bcert, energy=form.energy(bcert.value))
    return SearchResult(**out)

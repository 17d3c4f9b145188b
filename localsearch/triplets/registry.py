"""Which engine searches a triplet instance: one module per target, with one interface.

Every engine module exposes ``local_search(inst, rule, start, seed, max_steps, time_limit, progress,
trajectory, incremental)`` -> ``RunResult``, ``certify(inst, solution)`` -> ``Certificate``,
``random_solution(inst, seed)`` and ``RULES`` (the pivot rules it implements: all of them, since every
engine runs on the one driver of ``localsearch.triplets.driver``).

>>> from instances import TripletInstance
>>> engine_for(TripletInstance(3, ((0, 1, 2, 1),), target="tree")).__name__
'localsearch.triplets.tree'
"""
from __future__ import annotations

from importlib import import_module

from instances import InstanceError, TripletInstance

ENGINES = {
    ("euclidean", True): "localsearch.triplets.line",
    ("euclidean", False): "localsearch.triplets.rd",
    ("tree", None): "localsearch.triplets.tree",
    ("betweenness", None): "localsearch.triplets.orderings",
    ("nonbetweenness", None): "localsearch.triplets.orderings",
}


def engine_for(inst: TripletInstance):
    """The engine module for ``inst`` (by target; for ``euclidean``, the line when dim = 1, else R^d).

    Parameters
    ----------
    inst : TripletInstance
        The instance to search.

    Returns
    -------
    module
        The engine module (``local_search``, ``certify``, ``random_solution``, ``RULES``).

    Raises
    ------
    InstanceError
        If no engine handles the instance's target.
    """
    key = (inst.target, inst.dim == 1) if inst.target == "euclidean" else (inst.target, None)
    try:
        return import_module(ENGINES[key])
    except (KeyError, ImportError):
        raise InstanceError(f"no local-search engine for target {inst.target!r} (dim {inst.dim}) in this version") from None

"""Reductions from Local Max-Cut (and QP-KKT) to contrastive-learning objectives.

Each target is one module exposing
- ``reduce(source, **options) -> instance``: the forward map; the instance's ``meta["reduction"]``
  carries what the back map needs (the source instance included), so a reduced file is self-contained;
- ``backmap(instance, solution) -> source solution``: defined for EVERY solution of the target, and
  mapping every local optimum of the target to a local optimum of the source.

Imports only ``instances`` (and numerical libraries), never ``localsearch`` or the application.
"""
from importlib import import_module

TARGETS = {
    "line": "reductions.to_line",
    "rd": "reductions.to_rd",
    "tree": "reductions.to_tree",
    "betweenness": "reductions.to_betweenness",
    "nonbetweenness": "reductions.to_nonbetweenness",
    "triplet-loss": "reductions.qp_to_triplet_loss",
}


def target_module(name: str):
    """The module implementing reduction target ``name``.

    Parameters
    ----------
    name : str
        A key of ``TARGETS``.

    Returns
    -------
    module
        With ``reduce`` and ``backmap``.

    Raises
    ------
    KeyError
        For an unknown target.

    Examples
    --------
    >>> target_module("tree").__name__
    'reductions.to_tree'
    """
    return import_module(TARGETS[name])

"""Which engine searches an instance, reductions to a target, and back-mapped certificates.

Every engine has one interface: ``local_search(inst, rule, start, seed, max_steps, time_limit,
progress)`` -> ``RunResult``, ``certify(inst, solution)`` -> ``Certificate``,
``random_solution(inst, seed)`` and ``RULES`` (the pivot rules it implements). A Max-Cut graph gets the
flip engine (:mod:`tripletpls.pipeline.flip_engine`), a triplet instance the engine of its target
(:func:`localsearch.triplets.registry.engine_for`).

>>> from instances import doubling_chain
>>> engine_for(doubling_chain(2)).__name__
'tripletpls.pipeline.flip_engine'
>>> inst, engine = reduce_for(doubling_chain(2), "tree")
>>> inst.target, engine.__name__
('tree', 'localsearch.triplets.tree')
"""
from __future__ import annotations

import contextlib

from instances import Graph, InstanceError, TripletInstance, jsonio


def engine_for(inst):
    """The local-search engine of an instance, whatever its kind.

    Parameters
    ----------
    inst : Graph or TripletInstance
        A Max-Cut graph (flip neighbourhood) or a triplet instance (its target's neighbourhood).

    Returns
    -------
    module
        A module with ``local_search``, ``certify``, ``random_solution`` and ``RULES``.

    Raises
    ------
    InstanceError
        If no engine searches this kind of instance, or the triplet target has no engine.

    Examples
    --------
    >>> from instances import TripletInstance
    >>> engine_for(TripletInstance(3, ((0, 1, 2, 1),))).__name__
    'localsearch.triplets.line'
    """
    if isinstance(inst, Graph):
        from . import flip_engine

        return flip_engine
    if isinstance(inst, TripletInstance):
        from localsearch.triplets.registry import engine_for as triplet_engine

        return triplet_engine(inst)
    kind = getattr(inst, "kind", type(inst).__name__)
    raise InstanceError(f"no local-search engine for instances of kind {kind!r}")


def reduce_for(graph: Graph, target: str | None):
    """A graph reduced to a target, with the engine that searches the result.

    Parameters
    ----------
    graph : Graph
        The Max-Cut source instance.
    target : str or None
        A name in ``reductions.TARGETS`` with a discrete target, or None for the graph itself.

    Returns
    -------
    (instance, module)
        The reduced instance (``graph`` itself when ``target`` is None) and its engine.

    Raises
    ------
    KeyError, ImportError
        If the reduction target is unknown or not available.
    InstanceError
        If the reduced instance has no engine.
    """
    if target is None:
        return graph, engine_for(graph)
    from reductions import target_module

    inst = target_module(target).reduce(graph)
    return inst, engine_for(inst)


def reduction_record(inst) -> dict:
    """The ``meta["reduction"]`` record of a reduced instance, checked: empty if the instance was not reduced.

    Parameters
    ----------
    inst : TripletInstance or TripletLoss
        The instance.

    Returns
    -------
    dict
        The record (its ``name`` a reduction target, its ``source`` a valid instance of the source kind,
        its ``vertex_points``, if any, the source's vertex count), or {}.

    Raises
    ------
    InstanceError
        If the record is there but unusable: not an object, no or an unknown ``name``, no or a malformed
        ``source``, ``vertex_points`` that do not fit. Cheap enough to call before a long run.

    Examples
    --------
    >>> from instances import TripletInstance
    >>> reduction_record(TripletInstance(3, ((0, 1, 2, 1),), meta={"reduction": {"name": "bogus"}}))
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: meta.reduction: unknown reduction 'bogus' (known: line, rd, tree, betweenness, nonbetweenness, triplet-loss)
    """
    from reductions import TARGETS

    meta = getattr(inst, "meta", None) or {}
    if "reduction" not in meta:
        return {}
    red = meta["reduction"]
    if not isinstance(red, dict):
        raise InstanceError(f"meta.reduction must be an object, got {type(red).__name__}")
    name = red.get("name")
    if not isinstance(name, str) or name not in TARGETS:
        raise InstanceError(f"meta.reduction: unknown reduction {str(name)[:40]!r} (known: {', '.join(TARGETS)})")
    if "source" not in red:
        raise InstanceError(f"meta.reduction ({name}) lacks its 'source' instance, which the back map needs")
    with reduction_errors():
        source = jsonio.from_json(red["source"], expect="qp" if name == "triplet-loss" else "graph")
        if "vertex_points" in red:
            k = red["vertex_points"]
            if isinstance(k, bool) or not isinstance(k, int) or k != source.n or k > inst.points:
                raise InstanceError(f"vertex_points {str(k)[:20]} does not match the source's {source.n} vertices "
                                    f"and the instance's {inst.points} points")
    return red


@contextlib.contextmanager
def reduction_errors():
    """Damaged reduction data met while back-mapping becomes one InstanceError (never a KeyError)."""
    try:
        yield
    except InstanceError as e:
        raise InstanceError(f"meta.reduction: {e.problem}", e.path, e.line) from None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, ZeroDivisionError) as e:
        raise InstanceError(f"meta.reduction is damaged ({type(e).__name__}: {str(e)[:80]}); "
                            "reduce the source again") from None


def backmap_report(inst, solution) -> dict:
    """The back-mapped source solution of a reduced instance, certified from scratch.

    Parameters
    ----------
    inst : TripletInstance
        An instance; only one made by a reduction (``meta["reduction"]`` naming it and carrying its
        source graph) has a back map.
    solution
        A solution of ``inst`` (positions, tree or ordering).

    Returns
    -------
    dict
        Empty when ``inst`` is not a reduced instance; else ``backmapped_cut`` (cut value of the
        back-mapped assignment in the source graph), ``backmapped_local_optimum``,
        ``backmapped_witness`` (an improving flip or None) and ``backmapped_assignment`` (+1/-1 list).

    Raises
    ------
    InstanceError
        If the reduction record is damaged (see :func:`reduction_record`).

    Examples
    --------
    >>> from instances import doubling_chain
    >>> inst, _ = reduce_for(doubling_chain(2), "line")
    >>> sorted(backmap_report(inst, inst.start))
    ['backmapped_assignment', 'backmapped_cut', 'backmapped_local_optimum', 'backmapped_witness']
    >>> backmap_report(doubling_chain(2), None)
    {}
    """
    red = reduction_record(inst)
    if not red:
        return {}
    from localsearch.maxcut import certify_flip
    from reductions import target_module

    with reduction_errors():
        source = jsonio.from_json(red["source"], expect="graph")
        assignment = target_module(red["name"]).backmap(inst, solution)
        if len(assignment) != source.n:
            raise InstanceError(f"the back map gives {len(assignment)} signs for a source of {source.n} vertices")
        cert = certify_flip(source, assignment)
    return {"backmapped_cut": cert.value, "backmapped_local_optimum": cert.local_optimum,
            "backmapped_witness": cert.witness, "backmapped_assignment": list(assignment)}

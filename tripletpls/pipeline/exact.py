"""Global optima: a maximum cut with a proven bound, or the optimum of a small tree / (non-)betweenness
triplet instance; certified from scratch and, for a reduced instance, back-mapped.

>>> from instances import Graph
>>> run = exact_maxcut(Graph(3, ((0, 1, 2), (1, 2, 3), (0, 2, -1))), "maxsat")
>>> run.result.value, run.result.optimal, run.certificate.local_optimum
(5, True, True)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from instances import InstanceError
from instances.io import write_json

from .engines import backmap_report, engine_for
from .solutions import write_solution

#: triplet targets with an exact (CP-SAT) model
EXACT_TARGETS = ("tree", "betweenness", "nonbetweenness")


@dataclass(frozen=True)
class ExactRun:
    """An exact optimisation, with the certificate of the solution it found.

    Attributes
    ----------
    instance : Graph or TripletInstance
        The instance.
    solver : str
        The solver's name.
    result : MaxCutResult or ExactTripletResult
        Value, proven bound, optimality, solution (``assignment`` or ``solution``), seconds.
    certificate : Certificate or None
        The local-optimality certificate of the solution found (None when no solution was found).
    backmap : dict
        For a reduced triplet instance, the back-mapped source solution and its certificate; else empty.
    """

    instance: Any
    solver: str
    result: Any
    certificate: Any
    backmap: dict = field(default_factory=dict)


def require_exact_model(inst, where: str | None = None) -> None:
    """Refuse triplet instances without an exact model.

    Parameters
    ----------
    inst : TripletInstance
        The instance.
    where : str, optional
        The file named in the error.

    Raises
    ------
    InstanceError
        If the target is not one of ``EXACT_TARGETS``.
    """
    if inst.target not in EXACT_TARGETS:
        raise InstanceError(f"no exact model for target {inst.target!r} (only tree, betweenness, "
                            "nonbetweenness and Max-Cut graphs)", where)


def exact_triplets(inst, time_limit: float | None = None, where: str | None = None) -> ExactRun:
    """The CP-SAT optimum of a tree or (non-)betweenness instance, certified and back-mapped.

    Parameters
    ----------
    inst : TripletInstance
        A ``tree``, ``betweenness`` or ``nonbetweenness`` instance.
    time_limit : float, optional
        Seconds; when reached the best solution and the proven bound are returned (not optimal).
    where : str, optional
        The file named in errors.

    Returns
    -------
    ExactRun
        Solver ``cpsat``; ``result.value`` equals the certificate's recomputed value.

    Raises
    ------
    InstanceError
        If the target has no exact model.
    RuntimeError
        If the solver's value differs from the value recomputed from its solution.
    """
    require_exact_model(inst, where)
    from localsearch.triplets.exact import solve

    res = solve(inst, time_limit=time_limit)
    cert = engine_for(inst).certify(inst, res.solution)
    if cert.value != res.value:
        raise RuntimeError(f"CP-SAT value {res.value} differs from the recomputed {cert.value}")
    return ExactRun(inst, "cpsat", res, cert, backmap_report(inst, res.solution))


def exact_maxcut(graph, solver: str = "cpsat", time_limit: float | None = None, workers: int = 1, hint=None,
                 triangles: bool = False, seed: int = 0, cuts: str = "cliques", progress=None) -> ExactRun:
    """A maximum cut with a proven bound, and the flip certificate of the cut found.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    solver : str
        ``cpsat``, ``maxsat`` or ``sdp`` (see :func:`localsearch.maxcut.exact.solvers.solve`).
    time_limit : float, optional
        Seconds; when reached, the best cut and the proven bound (not optimal).
    workers : int
        CP-SAT search workers (other solvers run one).
    hint : Assignment, optional
        A start assignment for the solver.
    triangles : bool
        CP-SAT only: add the triangle inequalities.
    seed : int
        Seed of CP-SAT and of the SDP rounding.
    cuts : str
        SDP only: the inequalities added to the bound (``none``, ``triangles``, ``cliques``; see
        :data:`localsearch.maxcut.exact.sdp.CUT_FAMILIES`).
    progress : callable, optional
        SDP only: called after every round of a node's bound and after every node with a dict
        (``nodes``, ``open_nodes``, ``bound``, ``value``, ``gap``, ``seconds``).

    Returns
    -------
    ExactRun
        ``certificate`` is None when the solver found no cut.
    """
    from localsearch.maxcut import certify_flip
    from localsearch.maxcut.exact import solve

    options = {"time_limit": time_limit, "hint": hint}
    if solver == "cpsat":
        options.update(workers=workers, seed=seed, triangles=triangles)
    elif solver == "sdp":
        options.update(seed=seed, cuts=cuts, progress=progress)
    res = solve(graph, solver, **options)
    cert = certify_flip(graph, res.assignment) if res.assignment is not None else None
    return ExactRun(graph, solver, res, cert)


def write_exact(path: str, run: ExactRun) -> None:
    """Write the solution of an exact run.

    Parameters
    ----------
    path : str
        Where to write (JSON).
    run : ExactRun
        A run of :func:`exact_maxcut` (written as ``{"kind": "solution", "solver", "value", "bound",
        "optimal", "assignment"}``) or :func:`exact_triplets` (a triplet solution file, see
        :func:`~tripletpls.pipeline.solutions.write_solution`).
    """
    res = run.result
    if hasattr(res, "assignment"):
        write_json(path, {"kind": "solution", "solver": run.solver, "value": res.value, "bound": res.bound,
                          "optimal": res.optimal,
                          "assignment": None if res.assignment is None else list(res.assignment)})
    else:
        write_solution(path, run.instance, res.solution, run.backmap, solver=run.solver, value=res.value,
                       optimal=res.optimal)

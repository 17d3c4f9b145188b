"""Local Max-Cut from Python on the graphs users hold: ``flip``, ``exact``, ``check``.

Every function takes any graph :func:`tripletpls.api.graphs.as_maxcut` accepts (networkx, numpy,
scipy.sparse, dimod BQM, ``instances.Graph``, a file path), runs the project's exact engines on the
integer form, and answers in the user's terms: assignments keyed by node label, cut values exact
(an ``int``, or a ``Fraction`` for fractional or float weights), witnesses naming labels. For an Ising
model (dimod BQM) the results also carry the exact ``energy`` (E = energy_offset - cut).

>>> import networkx as nx
>>> G = nx.cycle_graph(["a", "b", "c", "d"])
>>> res = flip(G, rule="first")
>>> res.steps, res.cut, res.local_optimum, res.assignment
(2, 4, True, {'a': -1, 'b': 1, 'c': -1, 'd': 1})
>>> sorted(res.partition[0]), sorted(res.partition[1])
(['b', 'd'], ['a', 'c'])
>>> check(G, {"a": 1, "b": 1, "c": 1, "d": -1})
Certificate(local_optimum=False, witness={'flip': 'b'}, gain=2, value=2)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from localsearch.core.certificate import Certificate

from .graphs import MaxCutForm, as_maxcut
from .weights import unscale

__all__ = ["FlipResult", "ExactResult", "flip", "exact", "check", "user_certificate"]


@dataclass(frozen=True)
class FlipResult:
    """The end of a flip local search, in the user's terms.

    Attributes
    ----------
    steps : int
        The number of improving flips made.
    cut : int or Fraction
        The exact cut value of ``assignment``.
    local_optimum : bool
        True iff ``assignment`` is a local optimum, certified from scratch (``certificate``).
    assignment : dict
        Node label -> +1/-1 (1/0 for a BINARY model).
    partition : tuple of set
        (labels with +1, labels with -1).
    certificate : Certificate
        ``witness`` is ``{"flip": label}`` (an improving flip) or None; ``gain`` and ``value`` exact.
    status : str
        ``local_optimum``, ``max_steps``, ``time_limit`` or ``interrupted``.
    seconds : float
        Search time.
    rule : str
        The pivot rule.
    seed : int
        The seed (random starts and the ``random`` rule).
    energy : int, Fraction or None
        For an Ising model, the exact energy of ``assignment``; else None.
    form : MaxCutForm
        The integer instance that was searched (labels, scale, pins).
    """

    steps: int
    cut: Any
    local_optimum: bool
    assignment: dict
    partition: tuple
    certificate: Certificate
    status: str
    seconds: float
    rule: str
    seed: int
    energy: Any
    form: MaxCutForm


@dataclass(frozen=True)
class ExactResult:
    """A global optimum with its proven bound, in the user's terms.

    Attributes
    ----------
    value : int, Fraction or None
        The exact cut of ``assignment`` (None if the solver found none).
    optimal : bool
        True iff ``value == bound``.
    bound : int, Fraction or None
        A proven upper bound on the maximum cut.
    assignment : dict or None
        Node label -> +1/-1 (1/0 for a BINARY model).
    partition : tuple of set or None
        (labels with +1, labels with -1).
    energy : int, Fraction or None
        For an Ising model, the energy of ``assignment`` (a minimum when ``optimal``).
    energy_bound : int, Fraction or None
        For an Ising model, a proven lower bound on the energy.
    solver : str
        The solver's name.
    seconds : float
        Solver time.
    status : str
        ``optimal``, ``feasible`` or ``unknown``.
    form : MaxCutForm
        The integer instance that was solved.
    """

    value: Any
    optimal: bool
    bound: Any
    assignment: dict | None
    partition: tuple | None
    energy: Any
    energy_bound: Any
    solver: str
    seconds: float
    status: str
    form: MaxCutForm


def user_certificate(form: MaxCutForm, internal_signs) -> tuple[list[int], Certificate]:
    """The user's signs of an internal assignment and their flip certificate in the user's terms.

    Parameters
    ----------
    form : MaxCutForm
        The instance.
    internal_signs : sequence of int
        An assignment of ``form.graph`` (pins included).

    Returns
    -------
    (signs, Certificate)
        The normalised signs in label order, and the certificate recomputed from scratch on them: value
        and gain divided by the scale, the witness naming a label.
    """
    from localsearch.maxcut import certify_flip

    signs = form.normalised(internal_signs)
    cert = certify_flip(form.graph, form.internal(signs))
    witness = None if cert.witness is None else {"flip": form.labels[cert.witness["flip"]]}
    gain = unscale(cert.gain, form.scale)  # the pins never move: a gain is a difference of user cuts times L
    return signs, Certificate(cert.local_optimum, witness, gain, form.user_value(cert.value))


def flip(graph, rule: str = "first", start=None, seed: int = 0, weight: str | None = "weight",
         max_steps: int | None = None, time_limit: float | None = None) -> FlipResult:
    """Flip local search for Local Max-Cut (improving single-vertex flips until none is left).

    Parameters
    ----------
    graph : networkx graph, numpy array, scipy.sparse matrix, dimod BQM, instances.Graph or path
        The instance (see :mod:`tripletpls.api.graphs`); a BQM is minimised (energy), which is the same
        as maximising its cut form.
    rule : str, default "first"
        The pivot rule: ``first``, ``last``, ``steepest``, ``cyclic``, ``random`` or ``least`` (ties to the
        lowest node in node order).
    start : None, "plus", "random", dict or sequence, optional
        None: the instance's own start (a file or ``instances.Graph`` may carry one), else all +1;
        ``"plus"``: all +1; ``"random"``: seeded random signs; a dict node label -> +1/-1; a sequence in
        node order.
    seed : int, default 0
        Seed of a random start and of the ``random`` rule.
    weight : str or None, default "weight"
        The networkx edge attribute holding the weight (None: all 1).
    max_steps : int, optional
        Stop after this many flips.
    time_limit : float, optional
        Stop after about this many seconds.

    Returns
    -------
    FlipResult

    Raises
    ------
    TypeError, ValueError
        For an unsupported graph type, a bad weight, a bad start or an unknown rule.

    Examples
    --------
    >>> import numpy as np
    >>> res = flip(np.array([[0, 0.5, 1], [0.5, 0, 1], [1, 1, 0]]), rule="steepest")
    >>> res.cut, res.assignment
    (2, {0: 1, 1: 1, 2: -1})
    """
    from localsearch.maxcut import local_search

    form = as_maxcut(graph, weight)
    s0 = form.signs_of(start, seed)
    res = local_search(form.graph, rule=rule, start=s0, seed=seed, max_steps=max_steps, time_limit=time_limit)
    signs, cert = user_certificate(form, res.solution)
    return FlipResult(res.steps, cert.value, cert.local_optimum, form.assignment(signs), form.partition(signs), cert,
                      res.status, res.seconds, rule, seed, form.energy(cert.value), form)


def exact(graph, solver: str = "cpsat", time_limit: float | None = None, weight: str | None = "weight",
          **options) -> ExactResult:
    """A maximum cut (for a BQM: a minimum energy) with a proven bound.

    Parameters
    ----------
    graph : networkx graph, numpy array, scipy.sparse matrix, dimod BQM, instances.Graph or path
        The instance.
    solver : str, default "cpsat"
        ``cpsat`` (OR-Tools CP-SAT), ``maxsat`` (PySAT RC2, any weight size), ``sdp`` (branch and bound
        with a semidefinite bound) or ``brute-force`` (tiny graphs).
    time_limit : float, optional
        Seconds; when reached, the best cut found and the proven bound (``optimal`` False).
    weight : str or None, default "weight"
        The networkx edge attribute holding the weight.
    **options
        Passed to the solver (e.g. ``workers``, ``seed``, ``hint`` for CP-SAT).

    Returns
    -------
    ExactResult

    Raises
    ------
    TypeError, ValueError
        For an unsupported graph, a bad weight or an unknown solver.

    Examples
    --------
    >>> import networkx as nx
    >>> res = exact(nx.complete_graph(4))
    >>> res.value, res.optimal, res.bound
    (4, True, 4)
    """
    from localsearch.maxcut.exact import solve

    form = as_maxcut(graph, weight)
    res = solve(form.graph, solver, time_limit=time_limit, **options)
    bound = None if res.bound is None else form.user_value(res.bound)
    if res.assignment is None:
        return ExactResult(None, False, bound, None, None, None, form.energy(bound) if bound is not None else None,
                           solver, res.seconds, res.status, form)
    signs = form.normalised(res.assignment)
    value = form.cut(res.assignment)
    return ExactResult(value, res.optimal, bound, form.assignment(signs), form.partition(signs), form.energy(value),
                       None if bound is None else form.energy(bound), solver, res.seconds, res.status, form)


def check(graph, assignment, weight: str | None = "weight") -> Certificate:
    """Is ``assignment`` a local max-cut (for a BQM: a single-flip local minimum of the energy)?

    Parameters
    ----------
    graph : networkx graph, numpy array, scipy.sparse matrix, dimod BQM, instances.Graph or path
        The instance.
    assignment : dict or sequence
        Node label -> +1/-1 (0/1 for a BINARY model), or values in node order.
    weight : str or None, default "weight"
        The networkx edge attribute holding the weight.

    Returns
    -------
    Certificate
        ``local_optimum``; ``witness`` ``{"flip": label}`` of the best improving flip (largest gain, ties
        to the first node) or None; ``gain`` (exact, in the weights' units; for a BQM the energy drop);
        ``value``, the exact cut.

    Raises
    ------
    TypeError, ValueError
        For an unsupported graph or a malformed assignment.

    Examples
    --------
    >>> import numpy as np
    >>> check(np.array([[0, 3], [3, 0]]), [1, 1])
    Certificate(local_optimum=False, witness={'flip': 0}, gain=3, value=0)
    """
    form = as_maxcut(graph, weight)
    if assignment is None or isinstance(assignment, str):
        raise TypeError("assignment must be a dict node label -> +1/-1 or a sequence in node order")
    return user_certificate(form, form.signs_of(assignment))[1]

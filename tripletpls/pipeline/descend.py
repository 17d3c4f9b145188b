"""Projected gradient descent on a triplet-loss instance (or directly on a box QP) to an eps-KKT point,
with the exact rational certificate of the float iterate and, for a reduced instance, the back-mapped
QP point certified eps'-KKT.

>>> from instances.qp_generators import random_qp
>>> run = descend(random_qp(3, seed=1), eps=1e-3)
>>> run.result.status, run.certificate.eps_kkt
('eps_kkt', True)
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from instances import QP, InstanceError, TripletLoss
from localsearch.continuous.pgd import STARTS  # noqa: F401  (where a triplet-loss descent may start)


def loss_start(inst: TripletLoss, how: str, seed: int = 0):
    """The start point of a descent on a triplet-loss instance (:func:`localsearch.continuous.pgd.start_point`).

    Parameters
    ----------
    inst : TripletLoss
        The instance.
    how : str
        ``instance`` (its own start), ``centre`` (of the box) or ``random`` (uniform in the box, seeded).
    seed : int
        Seed of the random start.

    Returns
    -------
    list
        Points x coordinates (exact for ``instance``/``centre``, floats for ``random``).

    Raises
    ------
    InstanceError
        If ``how`` is ``instance`` and the instance has no start.
    """
    from localsearch.continuous.pgd import start_point

    if how == "instance" and inst.start is None:
        raise InstanceError("instance has no start; use --start centre or random")
    return start_point(inst, how, seed)


def default_start(inst: TripletLoss) -> str:
    """The start a descent takes when none is asked for.

    Parameters
    ----------
    inst : TripletLoss
        The instance.

    Returns
    -------
    str
        ``instance`` when the instance has a start, else ``centre``
        (:func:`localsearch.continuous.pgd.default_start`).
    """
    from localsearch.continuous.pgd import default_start as default

    return default(inst)


@dataclass(frozen=True)
class Descent:
    """A descent run with its exact certificate.

    Attributes
    ----------
    instance : TripletLoss or QP
        The instance.
    result : RunResult
        Iterations (``steps``), status (``eps_kkt`` or a limit), final and start loss, the final
        iterate ``solution`` (floats), ``extra`` with ``certificate``, ``lipschitz`` (and its validity)
        and, if asked for, the ``trajectory`` of losses.
    certificate : KKTCertificate
        The exact eps-KKT certificate of the float iterate's exact rational value.
    start : str or None
        The start name for a triplet-loss instance; None for a QP (which starts at the centre).
    """

    instance: Any
    result: Any
    certificate: Any
    start: str | None

    def exact_x(self) -> list:
        """The final iterate as exact rationals.

        Returns
        -------
        list
            ``"p/q"`` texts of the float iterate's exact values: one row per point, or a flat list for
            a QP or in dimension 1.
        """
        res, inst = self.result, self.instance
        rows = [[str(Fraction(float(v))) for v in row] for row in res.solution.reshape(len(res.solution), -1)]
        return [r[0] for r in rows] if isinstance(inst, QP) or inst.dim == 1 else rows


def descend(inst, eps: float = 1e-3, step: str = "fixed", max_iter: int = 100_000, time_limit: float | None = None,
            start: str | None = None, seed: int = 0, trajectory: bool = False, progress=None) -> Descent:
    """Projected gradient descent to the first eps-KKT iterate, certified exactly.

    Parameters
    ----------
    inst : TripletLoss or QP
        The instance (a QP starts at the centre of [0,1]^n; ``start`` and ``seed`` are ignored).
    eps : float
        KKT tolerance.
    step : str
        ``fixed`` (1/L) or ``backtracking``.
    max_iter : int
        Iteration limit.
    time_limit : float, optional
        Seconds.
    start : str, optional
        See :func:`loss_start`; default :func:`default_start`.
    seed : int
        Seed of a random start.
    trajectory : bool
        Keep the loss after every iteration (``result.extra["trajectory"]``).
    progress : callable, optional
        Called with the number of iterations made since the last call.

    Returns
    -------
    Descent

    Raises
    ------
    InstanceError
        If the instance has no start and ``start`` is ``instance``, or numbers beyond what the float
        descent can represent (see :func:`check_float_range`).
    ValueError
        If the step rule does not apply to the instance's loss.
    """
    from localsearch.continuous import pgd

    check_float_range(inst)
    if isinstance(inst, QP):
        res = pgd.descend_qp(inst, eps=eps, step=step, max_iter=max_iter, time_limit=time_limit,
                             trajectory=trajectory, progress=progress)
        name = None
    else:
        name = start or default_start(inst)
        res = pgd.descend(inst, eps=eps, step=step, max_iter=max_iter, time_limit=time_limit,
                          start=loss_start(inst, name, seed), trajectory=trajectory, progress=progress)
    return Descent(inst, res, res.extra["certificate"], name)


FLOAT_RANGE = 2.0**300
"""The largest magnitude of a number (or the reciprocal of the smallest non-zero one) the float descent
accepts: sums of products of such numbers over up to 10^6 variables stay finite doubles."""


def check_float_range(inst) -> None:
    """Refuse an instance the float descent cannot run on: a number of magnitude above ``FLOAT_RANGE`` or
    a non-zero one below ``1 / FLOAT_RANGE`` (its gradients would overflow to inf or vanish).

    Parameters
    ----------
    inst : QP or TripletLoss
        The instance (its exact rational numbers).

    Raises
    ------
    InstanceError
        Naming the first number out of range.

    Examples
    --------
    >>> check_float_range(QP(((10**400,),), (0,)))
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: Q[0][0] has magnitude about 10^400, beyond the float descent's range 10^(+-90)
    """
    def numbers():
        if isinstance(inst, QP):
            for i, row in enumerate(inst.Q):
                for j, x in enumerate(row):
                    yield f"Q[{i}][{j}]", x
            for i, x in enumerate(inst.c):
                yield f"c[{i}]", x
            return
        yield "margin", inst.margin
        for k, t in enumerate(inst.triplets):
            yield f"weight of triplet {k}", t[3]
        for name, box in (("lo", inst.lo), ("hi", inst.hi)):
            for i, row in enumerate(box):
                for j, x in enumerate(row):
                    yield f"{name}[{i}][{j}]", x

    limit = Fraction(FLOAT_RANGE)
    for where, x in numbers():
        a = abs(Fraction(x))
        if a > limit or (a and a < 1 / limit):
            digits = len(str(a.numerator)) - len(str(a.denominator))
            raise InstanceError(f"{where} has magnitude about 10^{digits}, beyond the float descent's range "
                                f"10^(+-{len(str(int(FLOAT_RANGE))) - 1})")


def certificate_keys(cert, prefix: str = "") -> dict:
    """The keys ``descend`` reports for a KKT certificate (``prefix`` before each name).

    Parameters
    ----------
    cert : KKTCertificate
        The certificate.
    prefix : str
        Prepended to every key.

    Returns
    -------
    dict
        ``kkt_violation`` (float), ``kkt_violation_exact`` (text, or None when not exact), ``eps_kkt``,
        ``worst``, ``worst_where``, ``certificate_exact``, ``kinks``.
    """
    return {f"{prefix}kkt_violation": float(cert.violation), f"{prefix}kkt_violation_exact":
            str(cert.violation) if cert.exact else None, f"{prefix}eps_kkt": cert.eps_kkt,
            f"{prefix}worst": cert.worst, f"{prefix}worst_where": cert.where, f"{prefix}certificate_exact": cert.exact,
            f"{prefix}kinks": cert.kinks}


def backmap_descent(run: Descent, eps) -> dict | None:
    """The back-mapped QP point of a descent on a reduced triplet-loss instance, certified eps'-KKT.

    Parameters
    ----------
    run : Descent
        A descent (its instance must come from ``reduce --to triplet-loss`` to have a back map).
    eps : float or Fraction
        The loss's KKT tolerance; the QP's tolerance eps' follows from the reduction.

    Returns
    -------
    dict or None
        None without a back map; else ``backmapped_eps`` (eps'), ``backmapped_kkt``,
        ``backmapped_violation`` (float and ``_exact`` text), ``backmapped_worst``,
        ``backmapped_value`` (exact text) and ``backmapped_x`` (the QP point as exact text).
    """
    from .engines import reduction_errors, reduction_record

    inst = run.instance
    red = reduction_record(inst) if isinstance(inst, TripletLoss) else None
    if not red:
        return None
    if red["name"] != "triplet-loss":
        raise InstanceError(f"meta.reduction: a triplet-loss instance cannot come from reduction {red['name']!r}")
    from localsearch.continuous.qp_kkt import certify_qp
    from reductions import qp_to_triplet_loss as tl

    with reduction_errors():
        qp = tl.source_of(inst)
        xb = tl.backmap(inst, run.result.solution)
        eps_qp = tl.backmapped_eps(inst, Fraction(eps))
        bc = certify_qp(qp, xb, eps_qp)
    return {"backmapped_eps": float(eps_qp), "backmapped_kkt": bc.eps_kkt,
            "backmapped_violation": float(bc.violation), "backmapped_violation_exact": str(bc.violation),
            "backmapped_worst": bc.worst, "backmapped_value": str(bc.value), "backmapped_x": [str(v) for v in xb]}


def solution_doc(run: Descent, backmap: dict | None = None, trajectory: bool = False) -> dict:
    """The solution file of a descent: the iterate as exact rationals, the back-mapped point, the losses.

    Parameters
    ----------
    run : Descent
        The descent.
    backmap : dict, optional
        Its :func:`backmap_descent`.
    trajectory : bool
        Include the loss after every iteration.

    Returns
    -------
    dict
        ``kind`` (``solution``), ``format``, ``iterations``, ``x``, and ``backmapped_x`` /
        ``trajectory`` when present.
    """
    doc = {"kind": "solution", "format": "exact rationals p/q of the float iterate", "iterations": run.result.steps,
           "x": run.exact_x()}
    if backmap:
        doc["backmapped_x"] = backmap["backmapped_x"]
    if trajectory:
        doc["trajectory"] = run.result.extra["trajectory"]
    return doc

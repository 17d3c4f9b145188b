"""Projected gradient descent on a box, counted until the eps-KKT condition holds, exactly certified.

x_{k+1} = P(x_k - eta * grad f(x_k)), P the projection (clipping) onto [lo, hi]. Steps:
- ``fixed``: eta = 1/L with L an upper bound on the Lipschitz constant of grad f on the box, so every
  step decreases f by at least ||x_{k+1} - x_k||^2 L/2 (descent lemma);
- ``backtracking``: eta doubles after each accepted step and halves until the sufficient-decrease
  condition f(x+) <= f(x) + g.(x+ - x) + ||x+ - x||^2/(2 eta) holds (Beck & Teboulle's rule), or the
  local Lipschitz test ||grad f(x+) - grad f(x)|| <= ||x+ - x||/eta does (immune to cancellation in
  f when f is large; for a quadratic it implies the first condition).
The run stops at the first iterate whose float violation (``kkt.float_violation``) is <= eps AND, when
a ``certify`` callback is given, whose exact certificate confirms it (if the float test passes but the
exact one does not -- float rounding -- the float threshold is halved and the run goes on). Status:
``eps_kkt``, ``max_iter``, ``time_limit`` or ``stalled`` (the float iterate stopped moving).
``steps`` counts gradient steps (0 if the start is already eps-KKT); ``seconds`` excludes the exact
certification (``extra["certify_seconds"]``).

>>> from instances import QP
>>> res = descend_qp(QP(((1,),), (-1,)), eps=1e-6, start=[0])   # f = x^2 - x: L = 2, one step to 1/2
>>> res.status, res.steps, round(float(res.solution[0]), 6)
('eps_kkt', 1, 0.5)

A descent on a triplet-loss instance starts from the instance's own start, the centre of the box or a
seeded uniform point of the box (:func:`start_point`).

Reference: Beck, "First-Order Methods in Optimization", SIAM 2017, ch. 10 (projected gradient, 1/L step,
backtracking); Nesterov, "Lectures on Convex Optimization" (descent lemma).
"""
from __future__ import annotations

import time
from typing import Callable

import numpy as np

from instances import InstanceError

from .kkt import float_violation
from ..core.interrupt import deferred
from ..core.result import RunResult

#: the step rules
STEPS = ("fixed", "backtracking")
#: why a run stops
STATUSES = ("eps_kkt", "max_iter", "time_limit", "stalled", "interrupted")
#: where a descent on a triplet-loss instance may start (see :func:`start_point`)
STARTS = ("instance", "centre", "random")


def start_point(inst, how: str, seed: int = 0):
    """A start point of a descent on a ``TripletLoss`` instance.

    Parameters
    ----------
    inst : TripletLoss
        The instance.
    how : str
        One of ``STARTS``: ``instance`` (its own start), ``centre`` (of the box) or ``random`` (uniform
        in the box: coordinate by coordinate, point by point, from ``numpy.random.default_rng(seed)``).
    seed : int, default 0
        Seed of the random start.

    Returns
    -------
    sequence of sequences
        m rows of d coordinates: exact for ``instance`` and ``centre``, floats for ``random``.

    Raises
    ------
    InstanceError
        If ``how`` is ``instance`` and the instance has no start.
    ValueError
        If ``how`` is not one of ``STARTS``.

    Examples
    --------
    >>> from instances import TripletLoss
    >>> inst = TripletLoss(3, ((0, 1, 2, 1),), lo=0, hi=1)
    >>> start_point(inst, "centre")
    ((Fraction(1, 2),), (Fraction(1, 2),), (Fraction(1, 2),))
    >>> start_point(inst, "random", seed=3) == start_point(inst, "random", seed=3)
    True
    """
    if how == "instance":
        if inst.start is None:
            raise InstanceError("the instance has no start point")
        return inst.start
    if how == "centre":
        return inst.centre()
    if how == "random":
        rng = np.random.default_rng(seed)
        return [[float(rng.uniform(float(l), float(h))) for l, h in zip(lr, hr)] for lr, hr in zip(inst.lo, inst.hi)]
    raise ValueError(f"unknown start {how!r} (expected one of {', '.join(STARTS)})")


def default_start(inst) -> str:
    """The start a descent on a ``TripletLoss`` instance takes when none is asked for.

    Parameters
    ----------
    inst : TripletLoss
        The instance.

    Returns
    -------
    str
        ``instance`` when the instance has a start, else ``centre``.
    """
    return "instance" if inst.start is not None else "centre"


def projected_gradient_descent(fun: Callable, lo: np.ndarray, hi: np.ndarray, x0: np.ndarray, *, eps: float,
                               lipschitz: float | None = None, step: str = "fixed", max_iter: int | None = 100_000,
                               time_limit: float | None = None, certify: Callable | None = None,
                               trajectory: bool = False, progress: Callable | None = None) -> RunResult:
    """Run PGD on f (``fun(x) -> (value, grad)``, flat float arrays) from x0 (clipped into the box).

    Parameters
    ----------
    fun : callable
        ``fun(x) -> (value, gradient)`` for a flat float array x.
    lo, hi : ndarray
        The box (flat, like x).
    x0 : array_like
        The start.
    eps : float
        KKT tolerance of the float stopping test (and of ``certify``).
    lipschitz : float, optional
        Upper bound L on the Lipschitz constant of the gradient: the fixed step is 1/L (0 means a
        constant gradient: step 1); the backtracking rule starts from 1/L.
    step : str, default "fixed"
        One of ``STEPS``.
    max_iter : int or None, default 100000
        Iteration limit (None: none).
    time_limit : float, optional
        Seconds (checked before every step, certification time included).
    certify : callable, optional
        ``certify(x) -> KKTCertificate``: an iterate that passes the float test only ends the run when
        its certificate says ``eps_kkt``.
    trajectory : bool, default False
        Record f after every iterate (``extra["trajectory"]``, the start included).
    progress : callable, optional
        Called with 1 after every step.

    Returns
    -------
    RunResult
        ``steps`` (gradient steps), ``status`` (one of ``STATUSES``), ``value`` and ``start_value``
        (floats), ``solution`` (the last iterate, flat floats), ``seconds`` (without certification),
        ``rule`` (the step rule) and ``extra``: ``step``, ``lipschitz``, ``eta`` (the last step size),
        ``eps``, ``float_violation`` (of the last iterate), ``exact_rejections`` (float passes refused
        by the certificate), ``certificate`` (the last certificate, or None), ``certify_seconds`` and,
        if asked for, ``trajectory``.

    Raises
    ------
    ValueError
        For an unknown step rule, or a fixed step without a Lipschitz bound.

    Examples
    --------
    >>> lo, hi = np.zeros(1), np.ones(1)
    >>> r = projected_gradient_descent(lambda x: (float(-x @ x), -2 * x), lo, hi, [0.5], eps=1e-9, lipschitz=2.0)
    >>> r.status, r.steps, r.solution.tolist()   # f = -x^2 on [0, 1]: 0.5 -> 1 (KKT at the upper bound)
    ('eps_kkt', 1, [1.0])
    """
    if step not in STEPS:
        raise ValueError(f"unknown step rule {step!r} (expected one of {', '.join(STEPS)})")
    if step == "fixed" and not lipschitz:
        if lipschitz is None:
            raise ValueError("a fixed step needs a Lipschitz bound; use step='backtracking'")
        lipschitz = 1.0  # gradient constant: any step works
    t0 = time.perf_counter()
    x = np.clip(np.asarray(x0, dtype=float), lo, hi)
    value, g = fun(x)
    start_value = value
    traj = [value] if trajectory else None
    eta = 1.0 / lipschitz if lipschitz else 1.0
    threshold, rejections, k, status, cert, cert_seconds = eps, 0, 0, None, None, 0.0
    with deferred() as interrupted:
        while True:
            viol = float(float_violation(g, x, lo, hi).max(initial=0.0))
            if viol <= threshold:
                tc = time.perf_counter()
                cert = certify(x) if certify is not None else None
                cert_seconds += time.perf_counter() - tc
                if cert is None or cert.eps_kkt:
                    status = "eps_kkt"
                    break
                rejections += 1
                threshold /= 2
            if max_iter is not None and k >= max_iter:
                status = "max_iter"
                break
            if time_limit is not None and time.perf_counter() - t0 > time_limit:
                status = "time_limit"
                break
            if interrupted:  # SIGINT/SIGTERM (see localsearch.core.interrupt)
                status = "interrupted"
                break
            if step == "fixed":
                x_new = np.clip(x - eta * g, lo, hi)
                v_new, g_new = fun(x_new)
            else:
                eta *= 2.0
                for _ in range(200):
                    x_new = np.clip(x - eta * g, lo, hi)
                    v_new, g_new = fun(x_new)
                    dx = x_new - x
                    dxx = dx @ dx
                    if (v_new <= value + g @ dx + dxx / (2 * eta) + 1e-14 * abs(value)
                            or eta * eta * ((g_new - g) @ (g_new - g)) <= dxx):
                        break
                    eta /= 2.0
            if np.array_equal(x_new, x):
                status = "stalled"
                break
            x, value, g = x_new, v_new, g_new
            k += 1
            if traj is not None:
                traj.append(value)
            if progress is not None:
                progress(1)
    extra = {"step": step, "lipschitz": lipschitz, "eta": eta, "eps": eps, "float_violation": viol,
             "exact_rejections": rejections, "certificate": cert, "certify_seconds": cert_seconds}
    if traj is not None:
        extra["trajectory"] = traj
    return RunResult(k, status, value, start_value, x, time.perf_counter() - t0 - cert_seconds, step, None, extra)


def descend(inst, eps: float = 1e-3, step: str = "fixed", max_iter: int | None = 100_000,
            time_limit: float | None = None, start=None, exact: bool = True, trajectory: bool = False,
            progress: Callable | None = None) -> RunResult:
    """PGD on a ``TripletLoss`` instance from ``start`` (m x d; default the instance's start, else the box
    centre). ``solution`` is the final X (m x d floats); ``extra["certificate"]`` the exact certificate.

    The fixed step uses :func:`localsearch.continuous.loss.lipschitz`; an iterate is accepted as eps-KKT
    only when :func:`localsearch.continuous.loss.certify` confirms it (with ``exact``).

    Parameters
    ----------
    inst : TripletLoss
        The instance.
    eps : float, default 1e-3
        KKT tolerance.
    step : str, default "fixed"
        One of ``STEPS``.
    max_iter : int or None, default 100000
        Iteration limit.
    time_limit : float, optional
        Seconds.
    start : sequence of sequences, optional
        The start (m rows of d numbers); default ``start_point(inst, default_start(inst))``.
    exact : bool, default True
        Certify exactly (else ``extra["certificate"]`` is None).
    trajectory : bool, default False
        Record the loss after every iterate.
    progress : callable, optional
        Called with 1 after every step.

    Returns
    -------
    RunResult
        As :func:`projected_gradient_descent`, with ``solution`` of shape (m, d) and
        ``extra["lipschitz_valid"]`` (whether the Lipschitz bound is valid on the box).

    Raises
    ------
    ValueError
        For a fixed step on a loss without a Lipschitz bound (``torch``), or an unknown step rule.

    Examples
    --------
    >>> from instances import TripletLoss
    >>> r = descend(TripletLoss(3, ((0, 1, 2, 1),), dim=1, margin=1, lo=-1, hi=1), eps=1e-6)
    >>> r.status, r.extra["certificate"].eps_kkt, r.solution.shape
    ('eps_kkt', True, (3, 1))
    """
    from . import loss

    arr = loss.Arrays(inst)
    m, d = inst.points, inst.dim
    if start is None:
        start = start_point(inst, default_start(inst))
    x0 = np.array([[float(c) for c in row] for row in start], dtype=float).reshape(m * d)
    L, valid = loss.lipschitz(inst, arr)
    if step == "fixed" and L is None:
        raise ValueError(f"no Lipschitz bound for loss {inst.loss!r}; use step='backtracking'")

    def fun(x):
        v, G = loss.value_grad(arr, x.reshape(m, d))
        return v, G.reshape(-1)

    cert = (lambda x: loss.certify(inst, x.reshape(m, d), eps)) if exact else None
    res = projected_gradient_descent(fun, arr.lo.reshape(-1), arr.hi.reshape(-1), x0, eps=eps, lipschitz=L,
                                     step=step, max_iter=max_iter, time_limit=time_limit, certify=cert,
                                     trajectory=trajectory, progress=progress)
    res.solution = res.solution.reshape(m, d)
    res.extra["lipschitz_valid"] = valid
    if exact and res.extra["certificate"] is None:
        res.extra["certificate"] = loss.certify(inst, res.solution, eps)
    return res


def qp_lipschitz(qp) -> float:
    """||Q + Q^T||_2 (numpy, rounded up by 1e-9 relative): the Lipschitz constant of grad f.

    Parameters
    ----------
    qp : QP
        f(x) = x^T Q x + c^T x.

    Returns
    -------
    float
        0 for n = 0.

    Examples
    --------
    >>> from instances import QP
    >>> round(qp_lipschitz(QP(((1, 0), (0, -3)), (0, 0))), 6)
    6.0
    """
    H = np.array([[float(qp.Q[i][j] + qp.Q[j][i]) for j in range(qp.n)] for i in range(qp.n)])
    return float(np.abs(np.linalg.eigvalsh(H)).max(initial=0.0)) * (1 + 1e-9) if qp.n else 0.0


def descend_qp(qp, eps: float = 1e-3, step: str = "fixed", max_iter: int | None = 100_000,
               time_limit: float | None = None, start=None, exact: bool = True, trajectory: bool = False,
               progress: Callable | None = None, lipschitz: float | None = None) -> RunResult:
    """The same PGD run directly on a QP over [0,1]^n (default start: the centre 1/2; default L:
    ``qp_lipschitz``; a larger ``lipschitz`` means a shorter fixed step).

    Parameters
    ----------
    qp : QP
        f(x) = x^T Q x + c^T x on [0, 1]^n.
    eps : float, default 1e-3
        KKT tolerance.
    step : str, default "fixed"
        One of ``STEPS``.
    max_iter : int or None, default 100000
        Iteration limit.
    time_limit : float, optional
        Seconds.
    start : sequence, optional
        The start (n numbers); default all 1/2.
    exact : bool, default True
        Certify exactly with :func:`localsearch.continuous.qp_kkt.certify_qp` (``worst`` a variable index).
    trajectory : bool, default False
        Record f after every iterate.
    progress : callable, optional
        Called with 1 after every step.
    lipschitz : float, optional
        The L of the fixed step (default ``qp_lipschitz(qp)``).

    Returns
    -------
    RunResult
        As :func:`projected_gradient_descent` (``solution`` the flat iterate).
    """
    from .qp_kkt import certify_qp
    from fractions import Fraction

    n = qp.n
    H = np.array([[float(qp.Q[i][j] + qp.Q[j][i]) for j in range(n)] for i in range(n)]).reshape(n, n)
    Qf = H / 2
    c = np.array([float(v) for v in qp.c])

    def fun(x):
        return float(x @ Qf @ x + c @ x), H @ x + c

    x0 = np.full(n, 0.5) if start is None else np.array([float(v) for v in start])
    cert = (lambda x: certify_qp(qp, [Fraction(float(v)) for v in x], eps)) if exact else None
    L = qp_lipschitz(qp) if lipschitz is None else lipschitz
    res = projected_gradient_descent(fun, np.zeros(n), np.ones(n), x0, eps=eps, lipschitz=L,
                                     step=step, max_iter=max_iter, time_limit=time_limit, certify=cert,
                                     trajectory=trajectory, progress=progress)
    if exact and res.extra["certificate"] is None:  # stopped by a limit or a signal: certify where it stopped
        res.extra["certificate"] = cert(res.solution)
    return res

"""Riemannian gradient descent on (S^{d-1})^M with row normalisation as retraction, counting iterations.

Z_{t+1} = normalise_rows(Z_t - eta_t grad_R f(Z_t)), eta_t chosen by Armijo backtracking: start from the
previous step doubled (capped at ``max_step``), halve until f(Z_{t+1}) <= f(Z_t) - 1e-4 eta_t
||grad_R f(Z_t)||^2, or (once decreases are below rounding) until f rises by at most rounding and the
gradient norm shrinks. "Rounding" is 64 ulps of max(1, |f|, obj.value_scale), value_scale being the
size of the terms that cancel in f (1/tau for NT-Xent). Stops when ||grad_R f(Z_t)||_F <= tol (then certify with
``localsearch.landscape.stationary.certify_stationary``) or after ``max_iter`` iterations.

>>> from localsearch.landscape.infonce import InfoNCE, Aligned, aligned_pairs, ngon_value
>>> from localsearch.landscape.sphere import random_point
>>> f = Aligned(InfoNCE(8, aligned_pairs(4), 0.5))
>>> r = gradient_descent(f, random_point(4, 2, seed=1))
>>> r.status, bool(abs(r.value - ngon_value(4, 0.5)) < 1e-9)
('stationary', True)

Reference: P.-A. Absil, R. Mahony, R. Sepulchre, "Optimization Algorithms on Matrix Manifolds",
Princeton 2008, section 4.2 (Armijo line search on manifolds, convergence to critical points).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .sphere import normalise_rows, riemannian_gradient


@dataclass
class GDResult:
    """The end of a Riemannian gradient descent run.

    Attributes
    ----------
    iterations : int
        Accepted steps (0 when the start already meets the tolerance).
    status : str
        ``"stationary"`` (||grad_R f|| <= tol), ``"max_iter"`` (iteration limit) or ``"stalled"`` (no
        acceptable step above 1e-16).
    value : float
        f at the last iterate.
    grad_norm : float
        ||grad_R f||_F at the last iterate (floats, not certified).
    Z : ndarray, shape (M, d)
        The last iterate (unit rows).
    evaluations : int
        Evaluations of ``value_and_egrad`` (the start and every trial step of the line search).
    """

    iterations: int
    status: str  # "stationary" | "max_iter" | "stalled" (no acceptable step above 1e-16)
    value: float
    grad_norm: float
    Z: np.ndarray
    evaluations: int


def gradient_descent(obj, Z0: np.ndarray, tol: float = 1e-10, max_iter: int = 100_000,
                     max_step: float = 2.0, step: float = 1.0) -> GDResult:
    """Riemannian gradient descent with Armijo backtracking from Z0 until ||grad_R f|| <= tol.

    Parameters
    ----------
    obj : InfoNCE, U0 or Aligned
        Any objective with ``value_and_egrad`` (and optionally ``value_scale``) on (S^{d-1})^M.
    Z0 : array_like, shape (M, d)
        The start (rows are normalised first).
    tol : float, default 1e-10
        Stop when the Frobenius norm of the Riemannian gradient is at most this.
    max_iter : int, default 100000
        Iteration limit.
    max_step : float, default 2.0
        Cap of the trial step.
    step : float, default 1.0
        Half the first trial step (each line search starts from twice the previous accepted step).

    Returns
    -------
    GDResult

    Examples
    --------
    >>> from localsearch.landscape.infonce import aligned_ntxent, ngon
    >>> r = gradient_descent(aligned_ntxent(3, 0.5), ngon(3))   # already stationary: no step
    >>> r.status, r.iterations, r.evaluations
    ('stationary', 0, 1)

    References
    ----------
    L. Armijo, "Minimization of functions having Lipschitz continuous first partial derivatives",
    Pacific J. Math. 16(1), 1966.
    """
    Z = normalise_rows(np.array(Z0, dtype=float))
    f, g = obj.value_and_egrad(Z)
    g = riemannian_gradient(Z, g)
    evals = 1
    # rounding noise of f: the terms (e.g. s/tau and the log-sum-exp) are of size value_scale
    noise = 64 * np.finfo(float).eps * max(1.0, abs(float(f)), getattr(obj, "value_scale", 1.0))
    for it in range(max_iter + 1):
        gn2 = float(np.sum(g * g))
        if gn2 <= tol * tol:
            return GDResult(it, "stationary", float(f), gn2 ** 0.5, Z, evals)
        if it == max_iter:
            break
        eta = min(2 * step, max_step)
        while True:
            Zn = normalise_rows(Z - eta * g)
            fn, gnew = obj.value_and_egrad(Zn)
            evals += 1
            if fn <= f - 1e-4 * eta * gn2:
                break
            if eta < 1e-16:
                return GDResult(it, "stalled", float(f), gn2 ** 0.5, Z, evals)
            # once decreases fall below rounding of f, a step that does not raise f beyond a few ulps
            # and shrinks the gradient is taken
            rn = riemannian_gradient(Zn, gnew)
            if fn <= f + noise and float(np.sum(rn * rn)) < gn2:
                break
            eta /= 2
        step, Z, f, g = eta, Zn, fn, riemannian_gradient(Zn, gnew)
    return GDResult(it, "max_iter", float(f), float(np.sqrt(np.sum(g * g))), Z, evals)

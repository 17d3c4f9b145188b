"""Annealed Langevin dynamics on (S^{d-1})^M, vectorised over independent runs, with hitting times.

One step (k = 0, 1, ..., K-1), for every run at once (arrays of shape (runs, M, d)):

    Z <- normalise_rows(Z - grad_R f(Z) dt + P_tan(xi) sqrt(2 dt / beta_k)),   xi ~ N(0, I),

with beta_k from ``localsearch.core.schedules`` and P_tan the row-wise projection onto the tangent space.
K is the number of steps until beta reaches ``beta_target`` (or ``cap``; the ``fixed`` schedule
always runs ``cap`` steps). After each step the objective is evaluated; the *hitting time* of a run is
the number of steps n such that f < threshold after n, n+1, ..., n+hold-1 steps (``hold`` = 5
consecutive evaluations), the least such n (-1: never). Success of a run:
f < threshold at the end. Runs are reproducible from (seed, runs): the start points and all noise
come from one ``numpy.random.default_rng(seed)`` stream.

For the nonsmooth U0 the gradient is that of the active piece (a Clarke subgradient).

Reference: G. O. Roberts, R. L. Tweedie, "Exponential convergence of Langevin distributions and their
discrete approximations", Bernoulli 2(4), 1996; S. B. Gelfand, S. K. Mitter, "Recursive stochastic
algorithms for global optimization in R^d", SIAM J. Control Optim. 29(5), 1991 (annealed diffusions).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from ..core.schedules import beta, planned_steps
from .sphere import normalise_rows, project_tangent, random_point


@dataclass
class LangevinResult:
    steps: int
    stop: str  # "target" | "cap"
    final_beta: float
    values: np.ndarray  # (runs,) objective at the end
    hitting: np.ndarray  # (runs,) hitting time or -1
    Z: np.ndarray  # (runs, M, d) end points
    seconds: float
    seed: int
    params: dict = field(default_factory=dict)

    @property
    def successes(self) -> int:
        return int(np.sum(self.values < self.params["threshold"]))


def langevin(obj, dim: int, runs: int = 100, seed: int = 0, schedule: str = "log", c: float = 1.0,
             dt: float = 0.01, beta_target: float = 10.0, cap: int = 50_000, threshold: float = -np.inf,
             hold: int = 5, Z0: np.ndarray | None = None, progress=None, backend: str = "auto") -> LangevinResult:
    """Run ``runs`` independent annealed Langevin chains on ``obj`` over (S^{dim-1})^M.

    ``backend``: ``numpy`` (vectorised over the batch of runs, any objective with ``value_and_egrad``),
    ``numba`` (compiled loop for ``U0`` and ``InfoNCE``, same random stream, same arithmetic up to
    rounding), ``auto`` (numba where available).
    """
    if runs < 1 or dt <= 0 or cap < 0 or hold < 1:
        raise ValueError("need runs >= 1, dt > 0, cap >= 0, hold >= 1")
    K, stop = planned_steps(schedule, c, dt, beta_target, cap)
    rng = np.random.default_rng(seed)
    M = obj.points
    Z = random_point(M, dim, rng, runs=runs) if Z0 is None else normalise_rows(np.broadcast_to(Z0, (runs, M, dim)).copy())
    betas = beta(schedule, np.arange(K), c, dt, beta_target) if K else np.zeros(0)
    noise_scale = np.sqrt(2 * dt / betas)
    run_len = np.zeros(runs, dtype=np.int64)
    hit = np.full(runs, -1, dtype=np.int64)
    t0 = time.perf_counter()
    _, g = obj.value_and_egrad(Z)
    values = obj.value(Z)
    chunk = 1000
    kernel = _kernel_args(obj) if backend in ("auto", "numba") else None
    if backend == "numba" and kernel is None:
        raise ValueError(f"no numba kernel for {type(obj).__name__}")
    if kernel is not None:
        from .langevin_kernel import langevin_chunk

        values = np.array(values, dtype=float)
        for k in range(0, K, chunk):
            xis = rng.standard_normal((min(chunk, K - k), runs, M, dim))
            langevin_chunk(Z, xis, noise_scale[k:k + len(xis)], k, dt, *kernel, threshold, hold, run_len, hit, values)
            if progress is not None:
                progress(len(xis))
    for k in range(K if kernel is None else 0):
        if k % chunk == 0:
            xis = rng.standard_normal((min(chunk, K - k), runs, M, dim))
            if progress is not None and k:
                progress(chunk)
        xi = xis[k % chunk]
        Z = normalise_rows(Z - project_tangent(Z, g) * dt + project_tangent(Z, xi) * noise_scale[k])
        values, g = obj.value_and_egrad(Z)
        below = values < threshold
        run_len = np.where(below, run_len + 1, 0)
        new = (run_len == hold) & (hit < 0)
        hit[new] = k + 2 - hold  # steps done at the first evaluation of the stretch
    seconds = time.perf_counter() - t0
    backend_used = "numba" if kernel is not None else "numpy"
    final_beta = float(betas[-1]) if K else float(beta(schedule, 0, c, dt, beta_target))
    params = dict(schedule=schedule, c=c, dt=dt, beta_target=beta_target, cap=cap, threshold=threshold,
                  hold=hold, runs=runs, dim=dim, backend=backend_used)
    return LangevinResult(K, stop, final_beta, np.asarray(values), hit, Z, seconds, seed, params)


def _kernel_args(obj):
    """(a, p, mask, kind, tau) for the numba kernel, or None when the objective has no kernel."""
    from .infonce import U0, InfoNCE

    if type(obj) is U0:
        from .langevin_kernel import KIND_U0, KIND_U0_HINGE

        return obj.a, obj.p, obj.mask, KIND_U0_HINGE if obj.hinge else KIND_U0, 1.0
    if type(obj) is InfoNCE:
        from .langevin_kernel import KIND_INFONCE

        return obj.a, obj.p, obj.mask, KIND_INFONCE, float(obj.tau)
    return None

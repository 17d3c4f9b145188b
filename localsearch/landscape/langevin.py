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

:func:`end_classes` tells where the end points of a batch sit apart from thermal noise: it quenches
them (noiseless steps) and counts those at a known global value, those collapsed and the others.

>>> from localsearch.landscape.infonce import U0
>>> r = langevin(U0(4, ((0, 1), (2, 3))), 3, runs=8, seed=1, schedule="fixed", cap=500, threshold=-1.5,
...              backend="numpy")
>>> r.steps, r.stop, r.Z.shape, bool(np.all(r.values >= -2 - 1e-12))   # U0 >= -2 on the toy
(500, 'cap', (8, 4, 3), True)
>>> 0 <= r.successes <= 8 and bool(np.all(r.hitting < 500))
True

Reference: G. O. Roberts, R. L. Tweedie, "Exponential convergence of Langevin distributions and their
discrete approximations", Bernoulli 2(4), 1996; S. B. Gelfand, S. K. Mitter, "Recursive stochastic
algorithms for global optimization in R^d", SIAM J. Control Optim. 29(5), 1991 (annealed diffusions).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from ..core.schedules import beta, planned_steps
from .sphere import normalise_rows, project_tangent, random_point, rank_one


@dataclass
class LangevinResult:
    """A batch of annealed Langevin runs.

    Attributes
    ----------
    steps : int
        Steps K made by every run.
    stop : str
        ``"target"`` (beta reached ``beta_target``) or ``"cap"`` (the step limit came first; always for
        the ``fixed`` schedule).
    final_beta : float
        Inverse temperature of the last step (of step 0 when K = 0).
    values : ndarray, shape (runs,)
        The objective at every end point.
    hitting : ndarray of int, shape (runs,)
        Hitting time of every run (see the module docstring), -1 for a run that never hit.
    Z : ndarray, shape (runs, M, d)
        The end points.
    seconds : float
        Wall time of the dynamics (without planning).
    seed : int
        Seed of the one random stream (start points, then the noise).
    params : dict
        ``schedule``, ``c``, ``dt``, ``beta_target``, ``cap``, ``threshold``, ``hold``, ``runs``, ``dim``
        and ``backend`` (the one used: ``numpy`` or ``numba``).
    """

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
        """Runs whose end value is below the threshold."""
        return int(np.sum(self.values < self.params["threshold"]))


def langevin(obj, dim: int, runs: int = 100, seed: int = 0, schedule: str = "log", c: float = 1.0,
             dt: float = 0.01, beta_target: float = 10.0, cap: int = 50_000, threshold: float = -np.inf,
             hold: int = 5, Z0: np.ndarray | None = None, progress=None, backend: str = "auto") -> LangevinResult:
    """Run ``runs`` independent annealed Langevin chains on ``obj`` over (S^{dim-1})^M.

    ``backend``: ``numpy`` (vectorised over the batch of runs, any objective with ``value_and_egrad``),
    ``numba`` (compiled loop for ``U0`` and ``InfoNCE``, same random stream, same arithmetic up to
    rounding), ``auto`` (numba where available).

    Parameters
    ----------
    obj : U0, InfoNCE or Aligned
        The potential (``points`` rows, ``value`` and ``value_and_egrad`` on batches).
    dim : int
        Ambient dimension d.
    runs : int, default 100
        Independent chains, advanced together.
    seed : int, default 0
        Seed of the random stream: start points first (unless ``Z0``), then the noise in chunks of
        1000 steps.
    schedule : str, default "log"
        One of ``localsearch.core.schedules.SCHEDULES``.
    c : float, default 1.0
        Rate of the schedule.
    dt : float, default 0.01
        Step size.
    beta_target : float, default 10.0
        Inverse temperature at which an annealed run stops (the fixed schedule's beta).
    cap : int, default 50000
        Step limit.
    threshold : float, default -inf
        Success and hitting threshold (strictly below).
    hold : int, default 5
        Consecutive evaluations below the threshold that make a hit.
    Z0 : ndarray, shape (M, d) or (runs, M, d), optional
        Start points (normalised; broadcast over the runs); default uniform random.
    progress : callable, optional
        Called with the number of steps made since the last call.
    backend : str, default "auto"
        ``numpy``, ``numba`` or ``auto``.

    Returns
    -------
    LangevinResult

    Raises
    ------
    ValueError
        If runs < 1, dt <= 0, cap < 0 or hold < 1, or ``backend="numba"`` for an objective without a
        kernel (e.g. ``Aligned``).

    Examples
    --------
    >>> from localsearch.landscape.infonce import InfoNCE
    >>> f = InfoNCE(4, ((0, 1), (2, 3)), 0.5)
    >>> a = langevin(f, 3, runs=2, cap=100, schedule="fixed", backend="numpy")
    >>> b = langevin(f, 3, runs=2, cap=100, schedule="fixed", backend="numba")
    >>> b.params["backend"], bool(np.allclose(a.Z, b.Z, atol=1e-9))
    ('numba', True)
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


def end_classes(obj, Z: np.ndarray, global_value: float | None, dt: float, steps: int, seed: int = 0,
                vtol: float = 1e-3, rank_tol: float = 1e-3) -> dict:
    """Where the end points of a batch of runs sit in the landscape, apart from thermal noise.

    Each end point is quenched by ``steps`` noiseless steps (the fixed schedule at beta = 1e30, same
    ``dt``: plain Riemannian gradient steps up to a noise of size sqrt(2 dt 1e-30)), which brings it to
    the bottom of its basin; it is then counted as *global* if its value is within ``vtol`` of the known
    global value, else *collapsed* if it has numerical rank <= 1 (``sphere.rank_one`` with ``rank_tol``),
    else *other*.

    Parameters
    ----------
    obj : U0, InfoNCE or Aligned
        The objective.
    Z : ndarray, shape (runs, M, d)
        The end points.
    global_value : float or None
        The known global minimum (None: no end point counts as global).
    dt : float
        Step size of the quench.
    steps : int
        Quench steps.
    seed : int, default 0
        Seed of the quench's (negligible) noise.
    vtol : float, default 1e-3
        Absolute tolerance on the value for *global*.
    rank_tol : float, default 1e-3
        Relative tolerance of the rank test for *collapsed*.

    Returns
    -------
    dict
        ``quench_steps`` (= ``steps``), the counts ``global``, ``collapsed`` and ``other`` (summing to
        ``runs``) and ``mean_quenched_value`` (the mean value after the quench).

    Examples
    --------
    >>> from localsearch.landscape.infonce import U0, toy_global_minimum
    >>> e = np.array([1.0, 0.0, 0.0])
    >>> Z = np.stack([toy_global_minimum(), np.stack([e] * 4)])   # the minimum, and collapse (stationary)
    >>> end_classes(U0(4, ((0, 1), (2, 3))), Z, -2.0, dt=0.01, steps=100)
    {'quench_steps': 100, 'global': 1, 'collapsed': 1, 'other': 0, 'mean_quenched_value': -1.0}
    """
    runs, _, dim = Z.shape
    q = langevin(obj, dim, runs=runs, seed=seed, schedule="fixed", beta_target=1e30, cap=steps, dt=dt, Z0=Z)
    vals = q.values
    glob = np.abs(vals - global_value) <= vtol if global_value is not None else np.zeros(len(vals), bool)
    coll = np.array([rank_one(z, rank_tol) for z in q.Z])
    return {"quench_steps": steps, "global": int(np.sum(glob)), "collapsed": int(np.sum(coll & ~glob)),
            "other": int(np.sum(~glob & ~coll)), "mean_quenched_value": float(np.mean(vals))}


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

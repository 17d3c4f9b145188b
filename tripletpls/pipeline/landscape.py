"""Contrastive landscapes beyond triplets: annealed Langevin sweeps with the end points classified,
simulated annealing on a graph or a line instance, landscape censuses against a reference optimum,
and certified closed-form stationary configurations of aligned NT-Xent.

The landscape mathematics (the quench and classification of end points, the closed forms, the known
minimum of the worked toy) lives in :mod:`localsearch.landscape`; here are the objective names of the
command line, the sweep plans and the JSON rows and keys.

>>> obj = objective("u0", 4, ((0, 1), (2, 3)), 0.5)
>>> known_global_minimum("u0", 4, obj), langevin_configs("log", (1.0,), fixed=True)
(-2.0, [('log', 1.0), ('fixed', None)])
"""
from __future__ import annotations

from typing import Any

import numpy as np

from instances import Graph, InstanceError, TripletInstance

#: the potentials ``langevin`` runs on
OBJECTIVES = ("u0", "u0-hinge", "infonce", "infonce-decoupled")
#: noiseless steps that bring an end point to the bottom of its basin before it is classified
QUENCH_STEPS = 2000
#: the closed-form configurations ``stationary`` certifies (``localsearch.landscape.infonce.CONFIGS``)
CONFIGS = ("ngon", "collapse", "simplex")


# --- annealed Langevin ------------------------------------------------------------------------------
def objective(name: str, points: int, pairs, tau: float):
    """The potential ``name`` on ``points`` unit vectors with positive ``pairs``.

    Parameters
    ----------
    name : str
        ``u0`` (sum of negated inner products of the positive pairs), ``u0-hinge``, ``infonce``
        (positives in the denominator) or ``infonce-decoupled`` (not).
    points : int
        Number of unit vectors.
    pairs : sequence of (int, int)
        The positive pairs.
    tau : float
        Temperature (InfoNCE objectives).

    Returns
    -------
    U0 or InfoNCE
    """
    from localsearch.landscape.infonce import U0, InfoNCE

    if name.startswith("u0"):
        return U0(points, pairs, hinge=name == "u0-hinge")
    return InfoNCE(points, pairs, tau, include_positive=name == "infonce")


def objective_label(name: str, obj) -> str:
    """The objective's display name.

    Parameters
    ----------
    name : str
        The name it was made from (see :func:`objective`).
    obj : U0 or InfoNCE
        The objective.

    Returns
    -------
    str
        ``obj.name``, or ``U0-hinge`` for the hinged U0.
    """
    return obj.name if name != "u0-hinge" else "U0-hinge"


def known_global_minimum(name: str, points: int, obj) -> float | None:
    """The global minimum when it is known: the worked toy's.

    Parameters
    ----------
    name : str
        The objective's name.
    points : int
        Number of vectors.
    obj : U0 or InfoNCE
        The objective (its pairs).

    Returns
    -------
    float or None
        -2 for U0 on 4 points with pairs {(0,1),(2,3)} (both pairs aligned, the pairs opposite), else None
        (:func:`localsearch.landscape.infonce.known_minimum`).
    """
    if name != "u0" or points != obj.points:
        return None
    from localsearch.landscape.infonce import known_minimum

    return known_minimum(obj)


def end_classes(obj, Z, global_value: float | None, dt: float, seed: int) -> dict:
    """Where the end points of a batch of runs sit in the landscape, apart from thermal noise.

    Each end point is quenched by ``QUENCH_STEPS`` noiseless steps (beta = 1e30, same dt), then counted
    as at the known global value (within 1e-3), collapsed (rank <= 1), or other
    (:func:`localsearch.landscape.langevin.end_classes`).

    Parameters
    ----------
    obj : U0 or InfoNCE
        The objective.
    Z : ndarray, shape (runs, points, dim)
        The end points.
    global_value : float or None
        The known global minimum (None: no end point counts as global).
    dt : float
        Step size of the quench.
    seed : int
        Seed of the quench's (unused at beta = 1e30) noise stream.

    Returns
    -------
    dict
        ``quench_steps``, counts ``global``, ``collapsed`` and ``other`` (summing to ``runs``), and
        ``mean_quenched_value``.
    """
    from localsearch.landscape.langevin import end_classes as classify_ends

    return classify_ends(obj, Z, global_value, dt=dt, steps=QUENCH_STEPS, seed=seed)


def langevin_configs(schedule: str, cs=(), fixed: bool = True) -> list[tuple[str, float | None]]:
    """The (schedule, rate) pairs of a Langevin sweep.

    Parameters
    ----------
    schedule : str
        ``log``, ``sqrt``, ``linear`` or ``fixed``.
    cs : sequence of float
        Rates to sweep (default 0.5, 1, 2, 4); ignored for ``fixed``.
    fixed : bool
        Also run the fixed schedule beta = beta_target.

    Returns
    -------
    list of (str, float or None)
        ``(schedule, c)`` pairs, the fixed schedule last with c None.
    """
    configs = [(schedule, c) for c in (cs or (0.5, 1.0, 2.0, 4.0))] if schedule != "fixed" else []
    if fixed or schedule == "fixed":
        configs.append(("fixed", None))
    return configs


def planned_total(configs, dt: float, beta_target: float, cap: int) -> int:
    """Steps per run the configurations will take in total (for a progress bar).

    Parameters
    ----------
    configs : sequence of (str, float or None)
        From :func:`langevin_configs`.
    dt, beta_target : float
        Step size and target inverse temperature.
    cap : int
        Step limit per run.

    Returns
    -------
    int
    """
    from localsearch.core.schedules import planned_steps

    return sum(planned_steps(s, c or 1.0, dt, beta_target, cap)[0] for s, c in configs)


def langevin_rows(obj, dim: int, configs, *, runs: int, seed: int, dt: float, beta_target: float, cap: int,
                  threshold: float, hold: int, backend: str = "auto", global_value: float | None = None,
                  progress=None) -> list[dict]:
    """Run every configuration of a Langevin sweep: success rates with Wilson 95% intervals.

    Parameters
    ----------
    obj : U0 or InfoNCE
        The objective.
    dim : int
        Ambient dimension (the vectors live on S^(dim-1)).
    configs : sequence of (str, float or None)
        From :func:`langevin_configs`.
    runs, seed, dt, beta_target, cap, threshold, hold, backend
        As in :func:`localsearch.landscape.langevin.langevin`: a run succeeds when its end value is
        below ``threshold``; it hits when it stays below for ``hold`` consecutive steps.
    global_value : float, optional
        The known global minimum, for :func:`end_classes`.
    progress : callable, optional
        Called with the number of steps made since the last call.

    Returns
    -------
    list of dict
        One row per configuration: ``schedule``, ``c``, ``beta_target``, ``steps``, ``stop``,
        ``final_beta``, the success rate (``successes``, ``runs``, ``rate``, ``wilson95``),
        ``mean_final_value``, ``hit`` (a rate), ``hitting_time_median``, ``end_classes``, ``seconds``,
        ``backend``.
    """
    from localsearch.core.stats import rate
    from localsearch.landscape.langevin import langevin

    rows = []
    for sched, c in configs:
        res = langevin(obj, dim, runs=runs, seed=seed, schedule=sched, c=c or 1.0, dt=dt,
                       beta_target=beta_target, cap=cap, threshold=threshold, hold=hold, progress=progress,
                       backend=backend)
        hits = res.hitting[res.hitting >= 0]
        rows.append({"schedule": sched, "c": c, "beta_target": beta_target, "steps": res.steps, "stop": res.stop,
                     "final_beta": res.final_beta, **rate(res.successes, runs),
                     "mean_final_value": float(np.mean(res.values)),
                     "hit": rate(len(hits), runs),
                     "hitting_time_median": float(np.median(hits)) if len(hits) else None,
                     "end_classes": end_classes(obj, res.Z, global_value, dt, seed),
                     "seconds": res.seconds, "backend": res.params["backend"]})
    return rows


# --- simulated annealing ------------------------------------------------------------------------------
def annealer(inst, where: str | None = None):
    """The annealing engine of an instance.

    Parameters
    ----------
    inst : Graph or TripletInstance
        A Max-Cut graph (flips) or a line triplet instance (single-point moves).
    where : str, optional
        The file named in the error.

    Returns
    -------
    (callable, int, str)
        The annealing function, its default cap (proposals per run) and the neighbourhood's name.

    Raises
    ------
    InstanceError
        For any other kind of instance.
    """
    if isinstance(inst, Graph):
        from localsearch.maxcut.annealing import anneal_flips

        return anneal_flips, 100_000, "flip"
    if isinstance(inst, TripletInstance):
        from localsearch.triplets.annealing import anneal_line

        return anneal_line, 5_000, "line-move"
    raise InstanceError(f"annealing needs a graph or a line triplet instance, got kind {inst.kind!r}", where)


def anneal(inst, *, schedule: str = "log", c: float = 1.0, dt: float = 0.01, beta_target: float = 10.0,
           cap: int | None = None, scale: float = 1.0, polish: bool = False, runs: int = 1, seed: int = 0,
           target=None, progress=None, where: str | None = None) -> dict:
    """Simulated annealing runs with seeds ``seed .. seed+runs-1``, each end point certified.

    Parameters
    ----------
    inst : Graph or TripletInstance
        See :func:`annealer`.
    schedule, c, dt, beta_target : str, float, float, float
        The inverse-temperature schedule (see :mod:`localsearch.core.schedules`).
    cap : int, optional
        Proposals per run (default: the engine's, see :func:`annealer`).
    scale : float
        Worsening moves are accepted with probability exp(beta * delta / scale).
    polish : bool
        Finish with improving moves, so the end point is a certified local optimum.
    runs : int
        Number of runs.
    seed : int
        Seed of the first run.
    target : int, optional
        Success iff the final value is >= target (default: the end is a certified local optimum).
    progress : callable, optional
        Called with 1 after each run.
    where : str, optional
        The file named in errors.

    Returns
    -------
    dict
        ``kind``, ``neighbourhood``, the parameters (``cap`` resolved), ``success`` (criterion and
        rate with Wilson interval), ``best_value`` and ``runs`` (one record per run: value,
        certificate, counts of proposals/accepted/improving moves, ...); with one run its record's
        keys also at the top level.
    """
    from localsearch.core.stats import rate

    run, default_cap, neighbourhood = annealer(inst, where)
    cap = default_cap if cap is None else cap
    results = []
    for r in range(runs):
        results.append(run(inst, schedule=schedule, c=c, dt=dt, beta_target=beta_target, cap=cap, seed=seed + r,
                           scale=scale, polish=polish))
        if progress is not None:
            progress(1)
    ok = [(r.value >= target) if target is not None else r.extra["certificate"]["local_optimum"] for r in results]
    keys = ("proposals", "accepted", "improving", "polish_steps", "anneal_end_value", "stop", "final_beta")
    per_run = [{"seed": r.seed, "value": r.value, "local_optimum": r.extra["certificate"]["local_optimum"],
                "witness": r.extra["certificate"]["witness"], "seconds": r.seconds,
                **{k: r.extra[k] for k in keys}} for r in results]
    out = {"kind": inst.kind, "neighbourhood": neighbourhood, "schedule": schedule, "c": c, "dt": dt,
           "beta_target": beta_target, "cap": cap, "scale": scale, "polish": polish, "seed": seed,
           "success": {"criterion": f"value >= {target}" if target is not None else "certified local optimum",
                       **rate(sum(ok), runs)},
           "best_value": max(r.value for r in results), "runs": per_run}
    if runs == 1:
        out.update({k: v for k, v in per_run[0].items() if k != "seed"})
    return out


# --- census -------------------------------------------------------------------------------------------
def sphere_reference(n: int, dim: int, tau: float) -> tuple[float | None, str | None]:
    """The closed-form reference optimum of aligned NT-Xent with n samples on S^(dim-1).

    The regular n-gon in dimension 2, the regular simplex when n <= dim + 1, else none. Their global
    optimality is not proved here; a census compares its optima with them
    (:func:`localsearch.landscape.infonce.closed_form_reference`).

    Returns
    -------
    (float or None, str or None)
        The reference value and the configuration's name (``ngon``, ``simplex``).

    Examples
    --------
    >>> sphere_reference(5, 3, 0.5)
    (None, None)
    >>> sphere_reference(4, 3, 0.5)[1]
    'simplex'
    """
    from localsearch.landscape.infonce import closed_form_reference

    return closed_form_reference(n, dim, tau)


def sphere_census(n: int, dim: int, tau: float, starts: int, seed: int = 0, modulo_permutations: bool = False,
                  progress=None) -> tuple[Any, dict]:
    """Census of aligned NT-Xent with n samples on S^(dim-1) against :func:`sphere_reference`.

    Parameters
    ----------
    n, dim, tau : int, int, float
        Samples (views u_i = v_i = z_i), dimension, temperature.
    starts : int
        Seeded random starts, each descended to a certified stationary point.
    seed : int
        Seed of the first start.
    modulo_permutations : bool
        Also identify optima that differ by relabelling the samples.
    progress : callable, optional
        Called with 1 after each start.

    Returns
    -------
    (Census, dict)
        The census and its description: ``landscape``, ``n``, ``dim``, ``tau``, ``reference_config``,
        ``collapse_value`` (log(2n - 1), the value when every vector coincides) and ``modulo``.
    """
    from localsearch.landscape.census import sphere_census as run
    from localsearch.landscape.infonce import aligned_ntxent, closed_form_reference

    obj = aligned_ntxent(n, tau)
    ref, name = closed_form_reference(n, dim, tau)
    c = run(obj, dim, starts, seed, reference=ref, modulo_permutations=modulo_permutations, progress=progress)
    extra = {"landscape": "aligned-ntxent-sphere", "n": n, "dim": dim, "tau": tau, "reference_config": name,
             "collapse_value": float(np.log(2 * n - 1)), "modulo": "rotations, reflections" +
             (", permutations" if modulo_permutations else "")}
    return c, extra


# --- stationary closed forms ---------------------------------------------------------------------------
def closed_form(config: str, n: int, dim: int | None = None, tau: float = 0.5):
    """A closed-form configuration of n unit vectors and its claimed aligned NT-Xent value
    (:func:`localsearch.landscape.infonce.closed_form`).

    Parameters
    ----------
    config : str
        ``ngon`` (regular n-gon in R^2), ``simplex`` (regular simplex in R^(n-1)) or ``collapse``
        (every vector equal).
    n : int
        Number of vectors.
    dim : int, optional
        Ambient dimension (default 2, for the simplex n - 1).
    tau : float
        Temperature.

    Returns
    -------
    (ndarray, float, int)
        The configuration (n x k, k <= dim unless ``dim`` is too small), the formula's value, ``dim``.

    Examples
    --------
    >>> Z, value, dim = closed_form("simplex", 4)
    >>> Z.shape, dim
    ((4, 3), 3)
    """
    from localsearch.landscape.infonce import closed_form as configuration

    return configuration(config, n, tau, dim)


def certify_closed_form(config: str, Z, formula: float, dim: int, tau: float, dps: int = 40) -> dict:
    """Certify a closed-form configuration (padded with zeros to ``dim``) of aligned NT-Xent.

    Parameters
    ----------
    config : str
        Its name (``ngon`` in dimension 2 also gets the exact circulant Hessian spectrum).
    Z : ndarray, shape (n, k)
        The configuration, k <= dim.
    formula : float
        The value the closed form claims.
    dim : int
        Ambient dimension.
    tau : float
        Temperature.
    dps : int
        Digits of the interval arithmetic.

    Returns
    -------
    dict
        ``config``, ``n``, ``dim``, ``tau``, ``value`` (computed), ``formula``, the stationarity
        certificate (interval bound on the Riemannian gradient), ``second_order`` with ``gauge_dim`` and
        ``hessian_eigenvalues`` (modulo rotations); for the n-gon in the plane ``circulant_eigenvalues``
        (50 digits) and ``circulant_min``.
    """
    import mpmath

    from localsearch.landscape.infonce import aligned_ntxent, ngon_hessian_eigenvalues
    from localsearch.landscape.stationary import certify_stationary

    n = Z.shape[0]
    Z = np.hstack([Z, np.zeros((n, dim - Z.shape[1]))])
    obj = aligned_ntxent(n, tau)
    cert = certify_stationary(obj, Z, eps=1e-10, dps=dps)
    so = obj.second_order(Z)
    out = {"config": config, "n": n, "dim": dim, "tau": tau, "value": float(obj.value(Z)), "formula": formula,
           **cert.to_json(), "second_order": so.kind, "gauge_dim": so.gauge_dim,
           "hessian_eigenvalues": list(so.eigenvalues)}
    if config == "ngon" and dim == 2:
        with mpmath.workdps(50):
            ev = ngon_hessian_eigenvalues(n, tau)
            out["circulant_eigenvalues"] = [mpmath.nstr(x, 20) for x in ev]
            out["circulant_min"] = float(min(ev))
    return out

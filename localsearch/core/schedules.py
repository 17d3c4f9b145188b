"""Inverse-temperature schedules beta_k shared by annealed Langevin dynamics and simulated annealing.

Step k = 0, 1, 2, ... uses beta_k, with rate c > 0 and time step dt > 0:

- ``log``:    beta_k = max(c ln(k dt + 1), 1e-6)   (the classic logarithmic cooling),
- ``sqrt``:   beta_k = max(c sqrt(k dt), 1e-6),
- ``linear``: beta_k = max(c k dt, 1e-6),
- ``fixed``:  beta_k = beta_target for every k.

A run "until beta reaches the target" makes K steps, K = the least k with beta_k >= beta_target (so
steps 0..K-1 are run and beta_K is the first value at or above the target); for ``log`` this is
K = ceil((e^{beta_target/c} - 1)/dt). The ``fixed`` schedule never "reaches": it runs to the cap.

>>> steps_to_target("log", c=2.0, dt=0.01, beta_target=10.0)
14742

Reference: S. Geman, D. Geman, "Stochastic relaxation, Gibbs distributions, and the Bayesian
restoration of images", IEEE TPAMI 6, 1984 (logarithmic cooling); B. Hajek, "Cooling schedules for
optimal annealing", Math. Oper. Res. 13(2), 1988.
"""
from __future__ import annotations

import math

import numpy as np

SCHEDULES = ("log", "sqrt", "linear", "fixed")
FLOOR = 1e-6


def beta(schedule: str, k, c: float, dt: float, beta_target: float):
    """The inverse temperature beta_k of a schedule (see the module docstring for the formulas).

    Parameters
    ----------
    schedule : str
        One of ``SCHEDULES``: ``"log"``, ``"sqrt"``, ``"linear"`` or ``"fixed"``.
    k : int or array of int
        The step index (or indices), k >= 0.
    c : float
        The rate (ignored by ``fixed``).
    dt : float
        The time step (ignored by ``fixed``).
    beta_target : float
        The target inverse temperature (the constant value of ``fixed``).

    Returns
    -------
    float or numpy.ndarray
        beta_k, a float for a scalar k, an array of the shape of k otherwise; never below ``FLOOR``
        (except ``fixed``, which is ``beta_target`` throughout).

    Raises
    ------
    KeyError
        If the schedule is unknown.

    Examples
    --------
    >>> beta("linear", 4, c=2.0, dt=0.5, beta_target=9.0)
    4.0
    >>> beta("log", 0, c=1.0, dt=0.01, beta_target=9.0)
    1e-06
    """
    k = np.asarray(k, dtype=float)
    if schedule == "fixed":
        return np.full_like(k, float(beta_target)) if k.ndim else float(beta_target)
    raw = {"log": lambda: c * np.log1p(k * dt), "sqrt": lambda: c * np.sqrt(k * dt),
           "linear": lambda: c * k * dt}[schedule]()
    out = np.maximum(raw, FLOOR)
    return out if out.ndim else float(out)


def steps_to_target(schedule: str, c: float, dt: float, beta_target: float) -> int | None:
    """The number of steps K before beta reaches the target: the least k with beta_k >= beta_target.

    K comes from the closed form (e.g. ceil((e^{beta_target/c} - 1)/dt) for ``log``) and is then
    corrected by evaluating :func:`beta` itself around it, so it is exact for the floating-point betas
    the runs use.

    Parameters
    ----------
    schedule : str
        One of ``SCHEDULES``.
    c, dt : float
        The rate and the time step, both > 0.
    beta_target : float
        The target inverse temperature.

    Returns
    -------
    int or None
        K; 0 when the target is at most ``FLOOR``; ``math.inf`` (a float) when e^{beta_target/c}
        overflows (``log``); None for ``fixed``, which never reaches a target.

    Raises
    ------
    ValueError
        If c <= 0 or dt <= 0 (for every schedule but ``fixed``).

    Examples
    --------
    >>> steps_to_target("linear", c=2.0, dt=0.5, beta_target=9.0)
    9
    >>> steps_to_target("log", c=1.0, dt=1e-300, beta_target=10.0) > 10**300  # a tiny step: beyond any cap
    True
    """
    if schedule == "fixed":
        return None
    if c <= 0 or dt <= 0:
        raise ValueError("rate c and time step dt must be positive")
    if beta_target <= FLOOR:
        return 0
    x = beta_target / c
    if schedule == "log":
        if x > 700:
            return math.inf  # e^x overflows: beyond any cap
        K = math.ceil(math.expm1(x) / dt)
    elif schedule == "sqrt":
        K = math.ceil(x * x / dt)
    else:
        K = math.ceil(x / dt)
    if K >= 2**52:  # k dt no longer tells k from k + 1 in floats: the closed form is all there is (no cap is
        return K    # that large), and the correction below would not terminate
    while beta(schedule, K, c, dt, beta_target) < beta_target:
        K += 1
    while K > 0 and beta(schedule, K - 1, c, dt, beta_target) >= beta_target:
        K -= 1
    return K


def planned_steps(schedule: str, c: float, dt: float, beta_target: float, cap: int) -> tuple[int, str]:
    """How many steps a run makes, and why it stops.

    Parameters
    ----------
    schedule : str
        One of ``SCHEDULES``.
    c, dt, beta_target : float
        As in :func:`steps_to_target`.
    cap : int
        The most steps a run may make.

    Returns
    -------
    (steps, reason) : tuple of (int, str)
        ``(K, "target")`` when beta reaches the target after K <= cap steps, else ``(cap, "cap")``.

    Raises
    ------
    ValueError
        If c <= 0 or dt <= 0 (for every schedule but ``fixed``).

    Examples
    --------
    >>> planned_steps("linear", 2.0, 0.5, 9.0, cap=100), planned_steps("fixed", 2.0, 0.5, 9.0, cap=100)
    ((9, 'target'), (100, 'cap'))
    """
    K = steps_to_target(schedule, c, dt, beta_target)
    if K is None or K > cap:
        return int(cap), "cap"
    return int(K), "target"

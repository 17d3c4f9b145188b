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
    """beta_k (k an int or an array of ints)."""
    k = np.asarray(k, dtype=float)
    if schedule == "fixed":
        return np.full_like(k, float(beta_target)) if k.ndim else float(beta_target)
    raw = {"log": lambda: c * np.log1p(k * dt), "sqrt": lambda: c * np.sqrt(k * dt),
           "linear": lambda: c * k * dt}[schedule]()
    out = np.maximum(raw, FLOOR)
    return out if out.ndim else float(out)


def steps_to_target(schedule: str, c: float, dt: float, beta_target: float) -> int | None:
    """K = least k with beta_k >= beta_target (None for ``fixed``); closed form, then exact fix-up."""
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
    while beta(schedule, K, c, dt, beta_target) < beta_target:
        K += 1
    while K > 0 and beta(schedule, K - 1, c, dt, beta_target) >= beta_target:
        K -= 1
    return K


def planned_steps(schedule: str, c: float, dt: float, beta_target: float, cap: int) -> tuple[int, str]:
    """(steps to run, reason): ``target`` when beta reaches the target within the cap, else ``cap``."""
    K = steps_to_target(schedule, c, dt, beta_target)
    if K is None or K > cap:
        return int(cap), "cap"
    return int(K), "target"

"""Growth of step counts with size: log-linear (exponential) and log-log (polynomial) fits.

Exponential model: log(steps) = a + size * log(base), fitted by least squares; the 95% confidence
interval of the slope (Student t, k - 2 degrees of freedom) gives one for the base. Polynomial model:
log(steps) = a + degree * log(size). Both report R^2, so exponential and polynomial-looking growth
can be told apart.

Lower-order terms bias small sizes (DC_n takes 5*2^(n-1) - 4 steps: 6, 16, 36, ... whose successive
ratios only tend to 2), so by default the fit uses the upper half of the sizes (at least 3 points):
the asymptotic growth is what the base estimates.

>>> fit = fit_growth(range(2, 13), [5 * 2 ** (n - 1) - 4 for n in range(2, 13)])
>>> round(fit["base"], 2), fit["sizes_used"]
(2.0, [7, 8, 9, 10, 11, 12])

Reference: any regression text, e.g. Montgomery, Peck & Vining, "Introduction to Linear Regression
Analysis", ch. 2 (confidence interval of a slope).
"""
from __future__ import annotations

import math
from typing import Sequence


def _linear_fit(x: Sequence[float], y: Sequence[float]) -> dict:
    """Least squares y = a + b x with the 95% CI of b and R^2."""
    k = len(x)
    mx, my = sum(x) / k, sum(y) / k
    sxx = sum((xi - mx) ** 2 for xi in x)
    sxy = sum((xi - mx) * (yi - my) for xi, yi in zip(x, y))
    b = sxy / sxx
    a = my - b * mx
    resid = [yi - (a + b * xi) for xi, yi in zip(x, y)]
    sse = sum(r * r for r in resid)
    syy = sum((yi - my) ** 2 for yi in y)
    r2 = 1.0 - sse / syy if syy > 0 else 1.0
    if k > 2:
        from scipy.special import stdtrit  # Student t quantile (scipy.stats takes seconds to import)

        half = float(stdtrit(k - 2, 0.975)) * math.sqrt(sse / (k - 2) / sxx)
    else:
        half = math.inf
    return {"intercept": a, "slope": b, "slope_ci": (b - half, b + half), "r2": r2}


def fit_growth(sizes: Sequence[int], steps: Sequence[int], min_size: int | None = None) -> dict | None:
    """Fit step counts against size: exponential (log-linear) and polynomial (log-log) models.

    Several runs per size are allowed. Runs with 0 steps are left out (no logarithm).

    Parameters
    ----------
    sizes, steps : sequence of int
        One pair per run.
    min_size : int, optional
        Fit only sizes >= this (default: the upper half of the sizes when there are at least 6).

    Returns
    -------
    dict or None
        None when fewer than 2 distinct sizes remain; else ``base`` (steps multiply by about this per
        unit of size) with ``base_ci`` (95%, None where unbounded), ``r2``, ``prefactor``, ``degree``
        (polynomial exponent) with ``degree_ci`` and ``degree_r2``, ``model`` (``exponential``,
        ``polynomial`` or ``constant``), ``sizes_used`` and ``points``.

    Examples
    --------
    >>> fit = fit_growth([1, 2, 3, 4], [3, 6, 12, 24])
    >>> round(fit["base"], 6), fit["model"]
    (2.0, 'exponential')
    """
    pts = sorted((int(n), int(s)) for n, s in zip(sizes, steps) if int(s) > 0 and int(n) > 0)
    distinct = sorted({n for n, _ in pts})
    if min_size is None and len(distinct) >= 6:
        min_size = distinct[len(distinct) // 2]  # the upper half, at least 3 sizes
    if min_size is not None:
        pts = [(n, s) for n, s in pts if n >= min_size]
    used = sorted({n for n, _ in pts})
    if len(used) < 2:
        return None
    x = [float(n) for n, _ in pts]
    y = [math.log(s) for _, s in pts]  # math.log handles ints beyond float range
    exp_fit = _linear_fit(x, y)
    poly_fit = _linear_fit([math.log(v) for v in x], y)
    lo, hi = exp_fit["slope_ci"]
    return {"base": math.exp(exp_fit["slope"]), "base_ci": [_safe_exp(lo), _safe_exp(hi)], "r2": exp_fit["r2"],
            "prefactor": math.exp(exp_fit["intercept"]), "degree": poly_fit["slope"],
            "degree_ci": [v if math.isfinite(v) else None for v in poly_fit["slope_ci"]], "degree_r2": poly_fit["r2"],
            "model": _model(y, exp_fit, poly_fit),
            "sizes_used": used, "points": len(pts)}


def _model(y, exp_fit, poly_fit) -> str:
    """The better-fitting model by R^2; "constant" when the steps do not change with size."""
    if max(y) - min(y) < 1e-12:
        return "constant"
    return "exponential" if exp_fit["r2"] >= poly_fit["r2"] else "polynomial"


def _safe_exp(v: float) -> float | None:
    """exp, or None where the interval is unbounded (2 sizes only) or beyond float range."""
    try:
        return math.exp(v) if math.isfinite(v) else None
    except OverflowError:
        return None

"""Growth of step counts with size: exact analysis of deterministic series, regression over seeds of
random ones.

A *deterministic* series (one step count per size: DC_n, a deterministic pivot rule, the instance's own
start) is data without noise, so it gets no confidence interval: :func:`exact_growth` gives its exact
successive ratios (fractions) and tests, in exact rational arithmetic, whether it is constant, a
polynomial (vanishing finite differences) or follows an affine recurrence s(n+g) = r s(n) + c (then
s(n) = A r^(n/g) + B exactly and the growth base is exactly r^(1/g)). A pattern is only reported when
the sizes contain at least one point beyond those that determine it, so every reported pattern has been
checked on the data. DC_n with ``first`` takes 5*2^(n-1) - 4 steps: ratios 8/3, 9/4, 19/9, ... tend to 2,
and s(n+1) = 2 s(n) + 4 holds exactly.

>>> g = exact_growth(range(2, 9), [5 * 2 ** (n - 1) - 4 for n in range(2, 9)])
>>> g["pattern"], g["recurrence"], g["closed_form"], g["ratios"][0]["ratio"]
('recurrence', {'r': '2', 'c': '4', 'step': 1}, '5/2*2^n - 4', '8/3')

A *random* series (random instances, random starts or the ``random`` rule: the seed matters) is
summarised by :func:`fit_growth`: least squares (``scipy.stats.linregress``) of log(steps) against size
(exponential model) and against log(size) (polynomial model) over every finished run, with 95%
confidence intervals of the slopes (Student t, k - 2 degrees of freedom) -- intervals over the spread
of the seeds. Lower-order terms bias small sizes, so by default the fit uses the upper half of the sizes
(at least 3).

References: Montgomery, Peck & Vining, "Introduction to Linear Regression Analysis", ch. 2 (confidence
interval of a slope); finite differences of polynomials, e.g. Graham, Knuth & Patashnik, "Concrete
Mathematics", section 2.6.
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Sequence


# --- deterministic series: exact -------------------------------------------------------------------
def _frac(x: Fraction) -> str:
    return str(x)  # "p/q", or "p" when q == 1


def _poly_text(coeffs: list[Fraction]) -> str:
    """a_0 + a_1 n + ... as text, highest degree first (``3/2*n^2 - n + 4``)."""
    terms = []
    for k in range(len(coeffs) - 1, -1, -1):
        a = coeffs[k]
        if a == 0:
            continue
        mag = abs(a)
        power = "" if k == 0 else "n" if k == 1 else f"n^{k}"
        body = _frac(mag) if not power else power if mag == 1 else f"{_frac(mag)}*{power}"
        terms.append(("- " if a < 0 else "+ ") + body)
    if not terms:
        return "0"
    text = " ".join(terms)
    return text[2:] if text.startswith("+ ") else "-" + text[2:]


def _interpolate(xs: list[int], ys: list[int]) -> list[Fraction]:
    """Coefficients (constant first) of the polynomial of degree < len(xs) through the points, exactly."""
    k = len(xs)
    coeffs = [Fraction(0)] * k
    for i in range(k):
        basis = [Fraction(1)]  # prod over j != i of (x - x_j) / (x_i - x_j), expanded
        for j in range(k):
            if j == i:
                continue
            d = Fraction(1, xs[i] - xs[j])
            basis = [(basis[t - 1] if t > 0 else 0) * d - (basis[t] if t < len(basis) else 0) * xs[j] * d
                     for t in range(len(basis) + 1)]
        for t, b in enumerate(basis):
            coeffs[t] += ys[i] * b
    while len(coeffs) > 1 and coeffs[-1] == 0:
        coeffs.pop()
    return coeffs


def exact_growth(sizes: Sequence[int], steps: Sequence[int]) -> dict | None:
    """Exact successive ratios of a deterministic series, and the exact pattern it follows, if any.

    Patterns, tried in this order on equally spaced sizes n_0, n_0 + g, ...: ``constant``;
    ``polynomial`` of degree k when the (k+1)-th finite differences vanish (at least k + 3 points);
    ``recurrence`` s(n+g) = r s(n) + c with rational r != 1 (fixed by the first three points, checked on
    at least one more), whose solution is s(n) = A r^((n - n_0)/g) + B, B = c / (1 - r). Otherwise
    ``pattern`` is None and the ratios speak for themselves.

    Parameters
    ----------
    sizes : sequence of int
        Distinct sizes.
    steps : sequence of int
        The step count at each size.

    Returns
    -------
    dict or None
        None with fewer than 2 sizes. Else ``sizes``, ``ratios`` (one per consecutive pair:
        ``sizes`` [n, n'], exact ``ratio`` s(n')/s(n) as ``"p/q"`` and ``per_unit`` = ratio^(1/(n'-n))
        as a float; None where s(n) = 0), ``pattern``, ``base`` (the exact growth per unit of size as
        text when it is rational, e.g. ``"2"``; None otherwise, e.g. without a pattern or for a negative r), ``base_value`` (float: the exact base, else
        the last per-unit ratio), and by pattern ``value`` (constant), ``degree`` and ``polynomial``,
        or ``recurrence`` (``r``, ``c`` as text, ``step`` g) and ``closed_form`` (text in n).

    Raises
    ------
    ValueError
        If a size repeats or a step count is negative.

    Examples
    --------
    >>> exact_growth([1, 2, 3, 4], [3, 5, 7, 9])["polynomial"]
    '2*n + 1'
    >>> exact_growth([2, 3, 4], [2, 2, 2])["pattern"]
    'constant'
    >>> exact_growth([2, 3, 4], [6, 16, 36])["pattern"] is None   # 3 points fix a recurrence: unchecked
    True
    """
    pts = sorted((int(n), int(s)) for n, s in zip(sizes, steps))
    if len({n for n, _ in pts}) != len(pts):
        raise ValueError("exact_growth: one step count per size")
    if any(s < 0 for _, s in pts):
        raise ValueError("exact_growth: negative step count")
    if len(pts) < 2:
        return None
    xs, ys = [n for n, _ in pts], [s for _, s in pts]
    ratios = []
    for (n0, s0), (n1, s1) in zip(pts, pts[1:]):
        if s0 == 0:
            ratios.append({"sizes": [n0, n1], "ratio": None, "per_unit": None})
            continue
        r = Fraction(s1, s0)
        ratios.append({"sizes": [n0, n1], "ratio": _frac(r), "per_unit": _root(r, n1 - n0)})
    last = next((r["per_unit"] for r in reversed(ratios) if r["per_unit"] is not None), None)
    out = {"sizes": xs, "ratios": ratios, "pattern": None, "base": None, "base_value": last}
    gaps = {b - a for a, b in zip(xs, xs[1:])}
    if len(set(ys)) == 1:
        return {**out, "pattern": "constant", "value": ys[0], "base": "1", "base_value": 1.0}
    if len(gaps) != 1:
        return out
    g = gaps.pop()
    # polynomial: the (k+1)-th differences vanish, with at least 2 of them (a check beyond the fit)
    diff = list(ys)
    for k in range(1, len(ys) - 1):
        diff = [b - a for a, b in zip(diff, diff[1:])]
        if len(diff) >= 2 and all(d == 0 for d in diff):
            coeffs = _interpolate(xs[:k], ys[:k])
            return {**out, "pattern": "polynomial", "degree": len(coeffs) - 1, "polynomial": _poly_text(coeffs),
                    "base": "1", "base_value": 1.0}
    # affine recurrence s(i+1) = r s(i) + c, r != 1: fixed by three points, checked on the rest
    if len(ys) >= 4 and ys[1] != ys[0]:
        r = Fraction(ys[2] - ys[1], ys[1] - ys[0])
        c = ys[1] - r * ys[0]
        if r not in (0, 1) and all(b == r * a + c for a, b in zip(ys, ys[1:])):
            B = c / (1 - r)
            A = ys[0] - B  # s(n) = A r^((n - n0)/g) + B
            rho = _exact_root(r, g)
            base = _root(r, g)
            return {**out, "pattern": "recurrence", "recurrence": {"r": _frac(r), "c": _frac(c), "step": g},
                    "closed_form": _exp_text(A, r, B, xs[0], g), "base": None if rho is None else _frac(rho),
                    "base_value": base if base is not None else last}
    return out


def _root(r: Fraction, k: int) -> float | None:
    """r^(1/k) as a float (through logarithms when r is beyond float range); None when r <= 0."""
    if r <= 0:
        return None
    try:
        return float(r) ** (1.0 / k)
    except OverflowError:
        return math.exp((math.log(r.numerator) - math.log(r.denominator)) / k)


def _int_root(x: int, k: int) -> int | None:
    """The integer y >= 0 with y^k == x, or None (Newton's method on integers, any size)."""
    if x < 2:
        return x if x >= 0 else None
    y = 1 << -(-x.bit_length() // k)  # above the root
    while True:
        z = ((k - 1) * y + x // y ** (k - 1)) // k
        if z >= y:
            break
        y = z
    return y if y ** k == x else None


def _exact_root(r: Fraction, k: int) -> Fraction | None:
    """r^(1/k) when it is rational (r > 0), else None.

    >>> _exact_root(Fraction(9, 4), 2), _exact_root(Fraction(2), 2)
    (Fraction(3, 2), None)
    """
    if r <= 0:
        return None
    p, q = _int_root(r.numerator, k), _int_root(r.denominator, k)
    return Fraction(p, q) if p is not None and q is not None else None


def _exp_text(A: Fraction, r: Fraction, B: Fraction, n0: int, g: int) -> str:
    """A r^((n - n0)/g) + B as text: A' rho^n + B when rho = r^(1/g) is rational (A' = A / rho^n0)."""
    rho = _exact_root(r, g)
    if rho is not None:
        coef = A / rho ** n0
        power = f"{_frac(rho) if rho.denominator == 1 else '(' + _frac(rho) + ')'}^n"
    else:
        coef, power = A, f"({_frac(r)})^((n - {n0})/{g})"
    head = power if coef == 1 else f"{_frac(coef)}*{power}"
    if B == 0:
        return head
    return f"{head} {'-' if B < 0 else '+'} {_frac(abs(B))}"


# --- random series: regression over seeds -----------------------------------------------------------
def _linear_fit(x: Sequence[float], y: Sequence[float]) -> dict:
    """Least squares y = a + b x (``scipy.stats.linregress``) with the 95% CI of b and R^2."""
    from scipy import stats

    if len(set(x)) < 2:
        raise ValueError("a regression needs two distinct sizes")
    res = stats.linregress(x, y)
    k = len(x)
    if k > 2 and math.isfinite(res.stderr):
        half = float(stats.t.ppf(0.975, k - 2)) * res.stderr
    else:
        half = math.inf
    r2 = res.rvalue ** 2 if math.isfinite(res.rvalue) else 1.0
    return {"intercept": float(res.intercept), "slope": float(res.slope), "slope_ci": (res.slope - half, res.slope + half),
            "r2": float(r2)}


def fit_growth(sizes: Sequence[int], steps: Sequence[int], min_size: int | None = None) -> dict | None:
    """Fit step counts of a random series against size: exponential (log-linear) and polynomial (log-log).

    Several runs per size (one per seed) are expected; the confidence intervals come from their spread
    around the fitted line. Runs with 0 steps are left out (no logarithm). For deterministic series use
    :func:`exact_growth` instead: an interval on noiseless data is meaningless.

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
    >>> fit = fit_growth([1, 1, 2, 2, 3, 3, 4, 4], [3, 4, 6, 8, 12, 15, 24, 31])
    >>> round(fit["base"], 2), fit["model"], [round(b, 2) for b in fit["base_ci"]]
    (1.98, 'exponential', [1.76, 2.23])
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
    if max(y) - min(y) < 1e-12:
        return {"base": 1.0, "base_ci": [1.0, 1.0], "r2": 1.0, "prefactor": math.exp(y[0]), "degree": 0.0,
                "degree_ci": [0.0, 0.0], "degree_r2": 1.0, "model": "constant", "sizes_used": used,
                "points": len(pts)}
    exp_fit = _linear_fit(x, y)
    poly_fit = _linear_fit([math.log(v) for v in x], y)
    lo, hi = exp_fit["slope_ci"]
    return {"base": math.exp(exp_fit["slope"]), "base_ci": [_safe_exp(lo), _safe_exp(hi)], "r2": exp_fit["r2"],
            "prefactor": math.exp(exp_fit["intercept"]), "degree": poly_fit["slope"],
            "degree_ci": [v if math.isfinite(v) else None for v in poly_fit["slope_ci"]], "degree_r2": poly_fit["r2"],
            "model": "exponential" if exp_fit["r2"] >= poly_fit["r2"] else "polynomial",
            "sizes_used": used, "points": len(pts)}


def _safe_exp(v: float) -> float | None:
    """exp, or None where the interval is unbounded (2 sizes only) or beyond float range."""
    try:
        return math.exp(v) if math.isfinite(v) else None
    except OverflowError:
        return None

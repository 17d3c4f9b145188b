"""Success rates over seeded runs, with Wilson score intervals (from SciPy).

For s successes in n independent runs with success probability p, p_hat = s/n, the Wilson score
interval at level 1 - alpha is the set of p with |p_hat - p| <= z sqrt(p (1 - p) / n), z the
1 - alpha/2 quantile of the standard normal law (z = 1.95996... at 95%). Its endpoints are the two
roots of a quadratic in p; it stays inside [0, 1] and is informative at s = 0 and s = n, where the
Wald interval p_hat +- z sqrt(p_hat (1 - p_hat) / n) collapses to a point. The interval is computed by
``scipy.stats.binomtest(s, n).proportion_ci(method="wilson")``; the ends are then pinned to the exact
roots 0 (when s = 0) and 1 (when s = n), and n = 0 gives the uninformative (0, 1).

>>> lo, hi = wilson_interval(0, 10)
>>> lo, round(hi, 4)
(0.0, 0.2775)
>>> rate(3, 4)["wilson95"] == list(wilson_interval(3, 4))
True

References
----------
E. B. Wilson, "Probable inference, the law of succession, and statistical inference", JASA 22(158), 1927.
L. D. Brown, T. T. Cai, A. DasGupta, "Interval estimation for a binomial proportion", Statistical
Science 16(2), 2001.
"""
from __future__ import annotations

__all__ = ["wilson_interval", "rate"]


def wilson_interval(successes: int, n: int, confidence_level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial success probability.

    Parameters
    ----------
    successes : int
        Number of successes s, 0 <= s <= n.
    n : int
        Number of runs (trials), n >= 0.
    confidence_level : float, default 0.95
        The coverage level 1 - alpha.

    Returns
    -------
    (low, high) : tuple of float
        The interval; low is exactly 0.0 when s = 0 and high exactly 1.0 when s = n; (0.0, 1.0) when n = 0.

    Raises
    ------
    ValueError
        If n < 0 or s is not in [0, n].

    Examples
    --------
    >>> wilson_interval(0, 0)
    (0.0, 1.0)
    >>> lo, hi = wilson_interval(5, 5)
    >>> round(lo, 4), hi
    (0.5655, 1.0)
    """
    if n < 0 or not 0 <= successes <= max(n, 0):
        raise ValueError(f"need 0 <= successes <= n, got {successes} of {n}")
    if n == 0:
        return 0.0, 1.0
    from scipy.stats import binomtest  # scipy.stats takes about half a second to import: only when needed

    ci = binomtest(int(successes), int(n)).proportion_ci(confidence_level=confidence_level, method="wilson")
    lo = 0.0 if successes == 0 else max(0.0, float(ci.low))  # exact roots at the ends
    hi = 1.0 if successes == n else min(1.0, float(ci.high))
    return lo, hi


def rate(successes: int, n: int) -> dict:
    """A JSON-able success rate with its 95% Wilson interval.

    Parameters
    ----------
    successes : int
        Number of successful runs.
    n : int
        Number of runs.

    Returns
    -------
    dict
        ``{"successes": s, "runs": n, "rate": s / n (None when n = 0), "wilson95": [low, high]}``.

    Raises
    ------
    ValueError
        If n < 0 or s is not in [0, n].

    Examples
    --------
    >>> rate(0, 0)
    {'successes': 0, 'runs': 0, 'rate': None, 'wilson95': [0.0, 1.0]}
    """
    lo, hi = wilson_interval(successes, n)
    return {"successes": int(successes), "runs": int(n), "rate": successes / n if n else None,
            "wilson95": [lo, hi]}

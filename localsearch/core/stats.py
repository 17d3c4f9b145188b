"""Wilson score interval for a binomial proportion (success probabilities over seeded runs).

For s successes in n trials, p_hat = s/n and z the standard normal quantile (1.96 for 95%), the
interval is the set of p with |p_hat - p| <= z sqrt(p (1-p) / n), i.e.

    centre = (p_hat + z^2/(2n)) / (1 + z^2/n),
    half   = z / (1 + z^2/n) * sqrt(p_hat (1 - p_hat)/n + z^2/(4 n^2)).

It stays inside [0, 1] and is sensible at s = 0 and s = n (unlike the Wald interval).

>>> lo, hi = wilson_interval(0, 10)
>>> lo == 0.0 and round(hi, 4)
0.2775

Reference: E. B. Wilson, "Probable inference, the law of succession, and statistical inference",
JASA 22(158), 1927; L. D. Brown, T. T. Cai, A. DasGupta, "Interval estimation for a binomial
proportion", Statistical Science 16(2), 2001.
"""
from __future__ import annotations

import math

Z95 = 1.959963984540054  # Phi^{-1}(0.975)


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """(low, high) Wilson score interval; (0, 1) when n = 0."""
    if n < 0 or not 0 <= successes <= max(n, 0):
        raise ValueError(f"need 0 <= successes <= n, got {successes} of {n}")
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z / den * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    lo = 0.0 if successes == 0 else max(0.0, centre - half)  # exact roots at the ends
    hi = 1.0 if successes == n else min(1.0, centre + half)
    return lo, hi


def rate(successes: int, n: int) -> dict:
    """A JSON-able success rate with its 95% Wilson interval."""
    lo, hi = wilson_interval(successes, n)
    return {"successes": int(successes), "runs": int(n), "rate": successes / n if n else None,
            "wilson95": [lo, hi]}

"""Seeded random QP-KKT instances f(x) = x^T Q x + c^T x on [0,1]^n with indefinite Q.

``random_qp`` draws a symmetric Q with integer entries uniform in [low, high] (off-diagonal entries
kept with probability ``density``) and c likewise; with ``indefinite=True`` (and n >= 2) it sets
Q[0][0] = high and Q[1][1] = low (high > 0 > low), so e_0^T Q e_0 > 0 > e_1^T Q e_1: Q is indefinite
whatever else was drawn. ``denominator`` > 1 divides every entry by it (rational instances).
Parameters and seed are recorded in ``meta``.

>>> q = random_qp(4, seed=3)
>>> q == random_qp(4, seed=3), q.Q[0][0] > 0 > q.Q[1][1]
(True, True)

Reference: Fearnley, Goldberg, Hollender, Savani, "The complexity of gradient descent: CLS = PPAD ∩ PLS",
STOC 2021 (QP-KKT is CLS-complete).
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np

from . import limits
from .errors import InstanceError
from .limits import check_count
from .qp import QP

__all__ = ["random_qp"]


def random_qp(n: int, seed: int | None = 0, low: int = -10, high: int = 10, density: float = 1.0,
              indefinite: bool = True, denominator: int = 1) -> QP:
    """A seeded random box QP with symmetric Q, indefinite by construction (see the module docstring).

    Parameters
    ----------
    n : int
        The number of variables (>= 1).
    seed : int or None, default 0
        Seed of numpy's ``default_rng`` (recorded in ``meta``); None draws fresh entropy.
    low, high : int, default -10, 10
        The range of the integer entries (both ends included), before division by ``denominator``.
    density : float, default 1.0
        The probability that an off-diagonal pair Q[i][j] = Q[j][i] is kept (else it is 0); the
        diagonal and c are always drawn.
    indefinite : bool, default True
        Set Q[0][0] = high and Q[1][1] = low (when n >= 2), which makes Q indefinite.
    denominator : int, default 1
        Every entry of Q and c is divided by it.

    Returns
    -------
    QP
        ``meta`` holds ``generator`` (``"random_qp"``) and every parameter.

    Raises
    ------
    InstanceError
        If n < 1, low > high, density is outside [0, 1], denominator < 1, or an indefinite Q is asked
        for (n >= 2) without low < 0 < high.

    Examples
    --------
    >>> q = random_qp(3, seed=1, denominator=2)
    >>> q.Q[0][0], q.Q[1][1], all(q.Q[i][j] == q.Q[j][i] for i in range(3) for j in range(3))
    (Fraction(5, 1), Fraction(-5, 1), True)
    """
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise InstanceError(f"number of variables must be a positive integer, got {n!r}")
    check_count("QP entries", int(n) * int(n), limits.MAX_QP_ENTRIES)
    if low > high:
        raise InstanceError(f"low {low} > high {high}")
    if not 0 <= density <= 1:
        raise InstanceError(f"density must be in [0, 1], got {density}")
    if denominator < 1:
        raise InstanceError(f"denominator must be positive, got {denominator}")
    if indefinite and n >= 2 and not low < 0 < high:
        raise InstanceError("an indefinite Q needs low < 0 < high")
    rng = np.random.default_rng(seed)
    Q = [[0] * n for _ in range(n)]
    for i in range(n):
        Q[i][i] = int(rng.integers(low, high, endpoint=True))
        for j in range(i + 1, n):
            v = int(rng.integers(low, high, endpoint=True))
            if rng.random() < density:
                Q[i][j] = Q[j][i] = v
    c = [int(x) for x in rng.integers(low, high, size=n, endpoint=True)]
    if indefinite and n >= 2:
        Q[0][0], Q[1][1] = high, low
    den = Fraction(1, denominator)
    meta = {"generator": "random_qp", "n": int(n), "seed": seed, "low": low, "high": high, "density": density,
            "indefinite": indefinite, "denominator": denominator}
    return QP(tuple(tuple(v * den for v in row) for row in Q), tuple(v * den for v in c), meta=meta)

"""The Metropolis loop shared by the simulated-annealing neighbourhoods (maximising).

Step k proposes one move with change delta and accepts it iff delta >= 0 or u_k < exp(beta_k delta /
scale) (u_k uniform on [0, 1), drawn in chunks from ``numpy.random.default_rng(seed)``). The
neighbourhoods are ``localsearch.maxcut.annealing`` (flips) and ``localsearch.triplets.annealing``
(single-point moves on the line); the schedules are ``localsearch.core.schedules``.

>>> counts = metropolis(3, 0, lambda rng: (None, 1), lambda move, delta: None, lambda k: 1.0, 1)
>>> counts
{'proposals': 3, 'accepted': 3, 'improving': 3}

Reference: N. Metropolis et al., J. Chem. Phys. 21, 1953; S. Kirkpatrick, C. D. Gelatt, M. P. Vecchi,
"Optimization by simulated annealing", Science 220, 1983.
"""
from __future__ import annotations

import math

import numpy as np


def accept(delta, b: float, u: float, scale) -> bool:
    """The Metropolis acceptance test for maximising.

    Parameters
    ----------
    delta : int, Fraction or float
        The exact change of the objective the move would make.
    b : float
        The inverse temperature beta_k of this step.
    u : float
        A uniform number in [0, 1).
    scale : int or float
        The objective scale: the test uses delta / scale.

    Returns
    -------
    bool
        True iff delta >= 0 or u < exp(b delta / scale); False when b delta / scale is beyond the floats
        (a worsening move of astronomically large size).

    Examples
    --------
    >>> accept(-1, 1.0, 0.36, 1), accept(-1, 1.0, 0.37, 1)  # exp(-1) = 0.3679
    (True, False)
    """
    if delta >= 0:
        return True
    try:
        x = b * float(delta) / scale
    except OverflowError:  # |delta| beyond floats: probability 0
        return False
    return u < math.exp(x)


def metropolis(K, seed, propose, apply, beta_k, scale, progress=None):
    """Run K Metropolis steps; the neighbourhood is given by two callables.

    Parameters
    ----------
    K : int
        The number of proposals.
    seed : int
        Seed of ``numpy.random.default_rng``; per chunk of 4096 steps, the chunk's uniforms u_k are
        drawn first, then ``propose`` draws from the same generator once per step.
    propose : callable
        ``propose(rng) -> (move, delta)``: a random move and its exact change of the objective.
    apply : callable
        ``apply(move, delta)``: make an accepted move.
    beta_k : callable
        ``beta_k(k) -> float``: the inverse temperature of step k.
    scale : int or float
        The objective scale (see :func:`accept`).
    progress : callable, optional
        Called with the number of steps of each finished chunk.

    Returns
    -------
    dict
        ``{"proposals": K, "accepted": ..., "improving": ...}`` (improving: accepted with delta > 0).
    """
    rng = np.random.default_rng(seed)
    counts = {"proposals": 0, "accepted": 0, "improving": 0}
    chunk = 4096
    for k0 in range(0, K, chunk):
        n = min(chunk, K - k0)
        us = rng.random(n)
        for j in range(n):
            move, delta = propose(rng)
            counts["proposals"] += 1
            if accept(delta, beta_k(k0 + j), us[j], scale):
                counts["accepted"] += 1
                counts["improving"] += delta > 0
                apply(move, delta)
        if progress is not None:
            progress(n)
    return counts

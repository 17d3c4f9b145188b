"""Numba kernels for the pair objectives (U0, NT-Xent) inside Langevin chains: one run at a time,
all steps of a chunk, no temporaries. Same arithmetic as ``localsearch.landscape.infonce`` (tested against it).

The objective is passed as arrays: ``a``, ``p`` (anchor and positive of every anchor term), ``mask``
(T x M: the k each term compares with), ``kind`` (``KIND_U0``, ``KIND_U0_HINGE`` or ``KIND_INFONCE``)
and ``tau`` (NT-Xent's temperature; unused by U0). ``langevin.langevin(backend="numba")`` builds them
from a ``U0`` or ``InfoNCE`` object.

>>> from localsearch.landscape.infonce import U0, toy_global_minimum
>>> u, Z = U0(4, ((0, 1), (2, 3))), toy_global_minimum()
>>> g = np.empty((4, 3))
>>> value_grad(Z, u.a, u.p, u.mask, KIND_U0, 1.0, np.empty((4, 4)), g, np.empty(4))
-2.0
>>> bool(np.allclose(g, u.egrad(Z)))
True
"""
from __future__ import annotations

import numpy as np
from numba import njit

KIND_U0, KIND_U0_HINGE, KIND_INFONCE = 0, 1, 2


@njit(cache=True)
def value_grad(Z, a, p, mask, kind, tau, G, g, x):
    """Objective at Z (M, d); the Euclidean gradient goes to g (M, d). G (M, M), x (M,) are scratch.

    Parameters
    ----------
    Z : ndarray, shape (M, d)
        The point.
    a, p : ndarray of int, shape (T,)
        Anchor and positive of every anchor term.
    mask : ndarray of bool, shape (T, M)
        ``mask[t, k]``: term t compares with k.
    kind : int
        ``KIND_U0``, ``KIND_U0_HINGE`` or ``KIND_INFONCE``.
    tau : float
        Temperature (NT-Xent only).
    G : ndarray, shape (M, M)
        Scratch: dL/ds(i, k).
    g : ndarray, shape (M, d)
        Output: the Euclidean gradient (as ``U0.egrad`` / ``InfoNCE.egrad``, ties to the lowest index).
    x : ndarray, shape (M,)
        Scratch.

    Returns
    -------
    float
        The objective's value (as ``U0.value`` / ``InfoNCE.value``, up to rounding).
    """
    M, d = Z.shape
    T = a.shape[0]
    G[:, :] = 0.0
    total = 0.0
    for t in range(T):
        at, pt = a[t], p[t]
        spos = 0.0
        for j in range(d):
            spos += Z[at, j] * Z[pt, j]
        if kind == KIND_INFONCE:
            m = -np.inf
            for k in range(M):
                x[k] = -np.inf
                if mask[t, k]:
                    acc = 0.0
                    for j in range(d):
                        acc += Z[at, j] * Z[k, j]
                    x[k] = acc / tau
                    if x[k] > m:
                        m = x[k]
            z = 0.0
            for k in range(M):
                if mask[t, k]:
                    x[k] = np.exp(x[k] - m)
                    z += x[k]
            total += -spos / tau + np.log(z) + m
            for k in range(M):
                if mask[t, k]:
                    G[at, k] += x[k] / z / (tau * T)
            G[at, pt] -= 1.0 / (tau * T)
        else:
            best = -np.inf
            kb = -1
            for k in range(M):
                if mask[t, k]:
                    s = 0.0
                    for j in range(d):
                        s += Z[at, j] * Z[k, j]
                    if s > best:
                        best = s
                        kb = k
            v = best - spos
            if kind == KIND_U0_HINGE and v <= 0.0:
                continue
            total += v
            G[at, kb] += 1.0 / T
            G[at, pt] -= 1.0 / T
    for i in range(M):
        for j in range(d):
            acc = 0.0
            for k in range(M):
                acc += (G[i, k] + G[k, i]) * Z[k, j]
            g[i, j] = acc
    return total / T


@njit(cache=True)
def langevin_chunk(Z, xis, scales, k0, dt, a, p, mask, kind, tau, threshold, hold, run_len, hit, values):
    """Advance every run through the steps k0 .. k0+len(scales)-1 (in place).

    Step s of run r: Z_r <- normalise_rows(Z_r - P(grad) dt + P(xis[s, r]) scales[s]), P the tangent
    projection, then the value is recorded and the hitting bookkeeping updated, exactly as in the numpy
    loop of :func:`localsearch.landscape.langevin.langevin`.

    Parameters
    ----------
    Z : ndarray, shape (R, M, d)
        The runs' points, advanced in place.
    xis : ndarray, shape (S, R, M, d)
        Standard normal noise of the S steps of the chunk.
    scales : ndarray, shape (S,)
        sqrt(2 dt / beta_k) of every step.
    k0 : int
        Index of the chunk's first step (for hitting times).
    dt : float
        Step size.
    a, p, mask, kind, tau
        The objective, as in :func:`value_grad`.
    threshold : float
        A run is below when its value is < threshold.
    hold : int
        Consecutive evaluations below the threshold that make a hit.
    run_len : ndarray of int, shape (R,)
        Current stretch below the threshold, updated in place.
    hit : ndarray of int, shape (R,)
        Hitting times (-1 until a hit), updated in place.
    values : ndarray, shape (R,)
        Value after the last step, updated in place.
    """
    R, M, d = Z.shape
    G = np.empty((M, M))
    g = np.empty((M, d))
    x = np.empty(M)
    for r in range(R):
        Zr = Z[r]
        value_grad(Zr, a, p, mask, kind, tau, G, g, x)
        for s in range(scales.shape[0]):
            for i in range(M):
                zg = 0.0
                zx = 0.0
                for j in range(d):
                    zg += Zr[i, j] * g[i, j]
                    zx += Zr[i, j] * xis[s, r, i, j]
                nrm = 0.0
                for j in range(d):
                    y = Zr[i, j] - (g[i, j] - zg * Zr[i, j]) * dt + (xis[s, r, i, j] - zx * Zr[i, j]) * scales[s]
                    g[i, j] = y  # reuse g as the new row buffer (the gradient of row i is no longer needed)
                    nrm += y * y
                nrm = np.sqrt(nrm)
                for j in range(d):
                    Zr[i, j] = g[i, j] / nrm
            v = value_grad(Zr, a, p, mask, kind, tau, G, g, x)
            values[r] = v
            if v < threshold:
                run_len[r] += 1
                if run_len[r] == hold and hit[r] < 0:
                    hit[r] = k0 + s + 2 - hold
            else:
                run_len[r] = 0

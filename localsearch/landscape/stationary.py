"""Certified stationarity on (S^{d-1})^M: a rigorous bound on the Riemannian gradient by interval arithmetic.

The certified point is the exact row normalisation Z* = x_i/|x_i| of the given float array (a point
exactly on the spheres, within ~1e-16 of the floats). Every operation -- normalisation, similarities,
exponentials, softmax, the chain rule and the tangent projection -- is evaluated in ``mpmath.iv``
(outward-rounded intervals at ``dps`` digits), so each gradient component of the objective at Z* lies in
the returned interval. The certificate states

    || grad_R f(Z*) ||_F <= bound   (rigorous),

and ``stationary`` is ``bound <= eps``. For U0 the gradient exists only where every hardest negative is
strictly unique; the intervals must prove that, else ``smooth`` is False and nothing is certified.

>>> from localsearch.landscape.infonce import InfoNCE, Aligned, aligned_pairs, ngon
>>> c = certify_stationary(Aligned(InfoNCE(6, aligned_pairs(3), 0.5)), ngon(3), eps=1e-12)
>>> c.stationary and c.bound < 1e-15
True

Reference: R. E. Moore, R. B. Kearfott, M. J. Cloud, "Introduction to Interval Analysis", SIAM 2009;
F. Johansson et al., mpmath (interval context ``mpmath.iv``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .infonce import U0, Aligned, InfoNCE


@dataclass(frozen=True)
class StationaryCertificate:
    """A rigorous verdict on the stationarity of the exact normalisation Z* of a float array.

    Attributes
    ----------
    stationary : bool
        ``smooth`` and ``bound <= eps``: Z* is proved eps-stationary.
    bound : float
        Rigorous upper bound on ||grad_R f(Z*)||_F (a float at or above the interval's upper end);
        ``inf`` when not ``smooth``.
    eps : float
        The tolerance asked for.
    dps : int
        Decimal digits of the interval arithmetic.
    smooth : bool
        False when the intervals could not prove U0 differentiable at Z* (a hardest negative, or the
        sign of a hinged term, not provably unique); nothing is certified then.
    float_norm : float
        ||grad_R f||_F at the float normalisation of Z in plain floating point, for comparison.
    """

    stationary: bool  # bound <= eps (and smooth)
    bound: float  # rigorous upper bound on the Frobenius norm of the Riemannian gradient at Z*
    eps: float
    dps: int
    smooth: bool = True
    float_norm: float = float("nan")  # the same norm in plain floating point, for comparison

    def to_json(self) -> dict:
        """The certificate as JSON keys.

        Returns
        -------
        dict
            ``stationary``, ``grad_bound``, ``eps``, ``dps``, ``smooth`` and ``grad_norm_float``.
        """
        return {"stationary": self.stationary, "grad_bound": self.bound, "eps": self.eps, "dps": self.dps,
                "smooth": self.smooth, "grad_norm_float": self.float_norm}


def _lo(x):
    import mpmath

    return mpmath.mp.make_mpf(x._mpi_[0])


def _hi(x):
    import mpmath

    return mpmath.mp.make_mpf(x._mpi_[1])


def _weights_infonce(iv, obj: InfoNCE, rows, t):
    """dL/ds(a_t, k) for every k (intervals), or None at masked entries."""
    tau = iv.mpf(obj.tau)
    T = len(obj.terms)
    ks = [k for k in range(obj.points) if obj.mask[t, k]]
    shift = max(float(rows[k].mid) for k in ks) / obj.tau  # any shift is exact algebra; this avoids overflow
    e = {k: iv.exp(rows[k] / tau - shift) for k in ks}
    z = sum(e.values())
    p = obj.p[t]
    return {k: (e.get(k, 0) / z - (1 if k == p else 0)) / (tau * T) for k in set(ks) | {p}}


def _weights_u0(iv, obj: U0, rows, t):
    T = len(obj.terms)
    ks = [k for k in range(obj.points) if obj.mask[t, k]]
    best = max(ks, key=lambda k: float(rows[k].mid))
    if any(_hi(rows[k]) >= _lo(rows[best]) for k in ks if k != best):
        return None  # the hardest negative is not provably unique: U0 may not be differentiable here
    p = obj.p[t]
    if obj.hinge:
        margin = rows[best] - rows[p]
        if _lo(margin) <= 0 <= _hi(margin):
            return None
        if _hi(margin) < 0:
            return {}
    return {best: iv.mpf(1) / T, p: iv.mpf(-1) / T}


def interval_gradient(obj, Z: np.ndarray, dps: int = 40):
    """Interval enclosure of the Riemannian gradient at the exact normalisation of Z.

    Parameters
    ----------
    obj : InfoNCE, U0 or Aligned
        The objective (``Aligned`` over an InfoNCE or U0 base).
    Z : ndarray, shape (M, d)
        Float rows; they are normalised in interval arithmetic, so Z* is exactly on the spheres.
    dps : int, default 40
        Decimal digits of ``mpmath.iv`` (restored afterwards).

    Returns
    -------
    list of list of mpmath.iv.mpf, or None
        M rows of d intervals, each containing the corresponding component of grad_R f(Z*); None where
        U0 is not provably smooth at Z*.

    Examples
    --------
    >>> from localsearch.landscape.infonce import InfoNCE
    >>> from localsearch.landscape.sphere import random_point
    >>> f, Z = InfoNCE(4, ((0, 1), (2, 3)), 0.5), random_point(4, 3, seed=0)
    >>> g = interval_gradient(f, Z)
    >>> len(g), len(g[0]), max(float(c.delta) for row in g for c in row) < 1e-30   # tight enclosures
    (4, 3, True)
    >>> bool(np.allclose([[float(c.mid) for c in row] for row in g], f.rgrad(Z), atol=1e-12))
    True
    """
    import mpmath

    iv = mpmath.iv
    old = iv.dps
    iv.dps = dps
    try:
        X = [[iv.mpf(float(c)) for c in row] for row in np.asarray(Z, dtype=float)]
        zs = []
        for row in X:
            nrm = iv.sqrt(sum(c * c for c in row))
            zs.append([c / nrm for c in row])
        aligned = isinstance(obj, Aligned)
        base = obj.base if aligned else obj
        views = zs + zs if aligned else zs
        M, d = len(views), len(views[0])
        S = [[sum(views[a][j] * views[k][j] for j in range(d)) for k in range(M)] for a in range(M)]
        G = [[iv.mpf(0)] * M for _ in range(M)]
        weights = _weights_infonce if isinstance(base, InfoNCE) else _weights_u0
        for t, a in enumerate(base.a):
            w = weights(iv, base, S[a], t)
            if w is None:
                return None
            for k, wk in w.items():
                G[a][k] += wk
        eg = [[sum((G[i][k] + G[k][i]) * views[k][j] for k in range(M)) for j in range(d)] for i in range(M)]
        if aligned:
            n = M // 2
            eg = [[eg[i][j] + eg[n + i][j] for j in range(d)] for i in range(n)]
        out = []
        for z, g in zip(zs, eg):
            r = sum(a * b for a, b in zip(z, g))
            out.append([gj - r * zj for gj, zj in zip(g, z)])
        return out
    finally:
        iv.dps = old


def certify_stationary(obj, Z: np.ndarray, eps: float = 1e-8, dps: int = 40) -> StationaryCertificate:
    """Rigorous bound on ||grad_R f(Z*)||_F at the exact normalisation Z* of Z; stationary iff <= eps.

    The bound is the upper end of the interval sqrt(sum of squared magnitudes of the component
    enclosures of :func:`interval_gradient`), rounded up to the next float.

    Parameters
    ----------
    obj : InfoNCE, U0 or Aligned
        The objective.
    Z : ndarray, shape (M, d)
        The point (float rows, normalised exactly).
    eps : float, default 1e-8
        Tolerance on the gradient norm.
    dps : int, default 40
        Decimal digits of the interval arithmetic.

    Returns
    -------
    StationaryCertificate
        Not ``smooth`` (and not stationary, bound ``inf``) where U0 is not provably differentiable.

    Examples
    --------
    >>> from localsearch.landscape.infonce import U0, toy_global_minimum
    >>> c = certify_stationary(U0(4, ((0, 1), (2, 3))), toy_global_minimum())
    >>> c.smooth, c.stationary   # both negatives tie at the toy's minimum: U0 has a kink there
    (False, False)
    """
    import mpmath

    from .sphere import normalise_rows

    fn = float(np.linalg.norm(obj.rgrad(normalise_rows(np.asarray(Z, dtype=float)))))
    rg = interval_gradient(obj, Z, dps)
    if rg is None:
        return StationaryCertificate(False, float("inf"), eps, dps, smooth=False, float_norm=fn)
    iv = mpmath.iv
    old, iv.dps = iv.dps, dps
    try:
        mags = [iv.mpf(max(abs(_lo(c)), abs(_hi(c)))) for row in rg for c in row]  # exact endpoints
        hi = _hi(iv.sqrt(iv.mpf(_hi(sum(m * m for m in mags)))))
    finally:
        iv.dps = old
    bound = float(np.nextafter(float(hi), np.inf))  # float(mpf) rounds to nearest: step one ulp up
    return StationaryCertificate(bound <= eps, bound, eps, dps, True, fn)

"""The triplet loss of a ``TripletLoss`` instance: value and gradient (numpy, float), exact evaluation
(Fractions) for certificates, and a per-instance bound on the Lipschitz constant of the gradient.

For a triplet t = (a, b, c) with s = ||x_a-x_b||^2 - ||x_a-x_c||^2 + margin the gradient of s is
ds/dx_a = 2(x_c - x_b), ds/dx_b = 2(x_b - x_a), ds/dx_c = 2(x_a - x_c), and dL/dX = sum_t w_t h'(s_t) ds_t/dX.
Hinge kinks (s_t = 0 exactly) use h'(0) = 0 and are counted (the loss is not differentiable there).
``torch`` uses d(u, v) = ||u - v + delta||: dd/du = (u - v + delta)/d.

Exact: hinge and squared hinge are piecewise polynomial, so value and gradient are exact rationals
for rational X. softplus and torch are transcendental: they are evaluated with mpmath at 50 digits
and reported with ``exact=False``.

Lipschitz bound (squared-distance losses): the Hessian of one term is w(h''(s) ∇s∇s^T + h'(s) H_t)
with ||H_t||_2 = 2*sqrt(3) (H_t = 2[[0,-1,1],[-1,1,0],[1,0,-1]] ⊗ I_d) and
||∇s||^2 = 4(|x_c-x_b|^2 + |x_b-x_a|^2 + |x_a-x_c|^2); with rho_t the bound of that norm over the box,
||∇²L||_2 <= max over points u of sum_{t ∋ u} w_t rho_t (for symmetric A_t supported on index sets S_t,
|x^T (sum A_t) x| <= sum_t ||A_t|| sum_{u in S_t} |x_u|^2). Squared hinge: h'' <= 2, h' <= 2 max(0, s_max);
softplus: h'' <= 1/4, h' <= sigmoid(s_max); hinge: if no hinge can change sign on the box the Hessian is
the constant sum of w_t H_t over active terms and L is its spectral norm (computed, m <= 1000; else the
bound with 2*sqrt(3) per term); otherwise the gradient jumps (``valid`` False). torch: no bound (None).

>>> from instances import TripletLoss
>>> inst = TripletLoss(3, ((0, 1, 2, 1),), margin=1, lo=0, hi=2)
>>> value_exact(inst, ((0,), (1,), (2,)))   # s = 1 - 4 + 1 = -2: inactive
Fraction(0, 1)
>>> value_exact(inst, ((1,), (0,), (1,)))   # s = 1 - 0 + 1 = 2: loss 2^2
Fraction(4, 1)
>>> certify(inst, ((1,), (0,), (1,)), eps=0).eps_kkt   # dL/dx_0 = 2 s (2 (x_c - x_b)) = 8 in the interior
False

References: F. Schroff, D. Kalenichenko, J. Philbin, "FaceNet: a unified embedding for face recognition and
clustering", CVPR 2015 (the triplet loss); PyTorch ``torch.nn.TripletMarginLoss`` (the ``torch`` variant).
"""
from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np

from .kkt import KKTCertificate, box_kkt

#: an upper bound on 2 sqrt(3) = ||H_t||_2 (rounded up)
TWO_SQRT3 = 3.4641016151377553  # >= 2*sqrt(3) (rounded up)
#: hinge with a constant active set: the exact Hessian norm is computed up to this many points
HESSIAN_MAX_POINTS = 1000  # hinge with a constant active set: exact Hessian norm up to this many points


class Arrays:
    """Float arrays of a ``TripletLoss`` instance, built once for the vectorised evaluation.

    Parameters
    ----------
    inst : TripletLoss
        The instance.

    Attributes
    ----------
    m, d : int
        Points and dimension.
    loss : str
        The loss function (``hinge``, ``squared_hinge``, ``softplus`` or ``torch``).
    A, B, C : ndarray of int64, shape (T,)
        Anchor, positive and negative of every triplet.
    W : ndarray, shape (T,)
        Weights (floats).
    margin : float
        The margin.
    lo, hi : ndarray, shape (m, d)
        The box.
    """

    def __init__(self, inst):
        T = inst.triplets
        self.m, self.d, self.loss = inst.points, inst.dim, inst.loss
        self.A = np.array([t[0] for t in T], dtype=np.int64)
        self.B = np.array([t[1] for t in T], dtype=np.int64)
        self.C = np.array([t[2] for t in T], dtype=np.int64)
        self.W = np.array([float(t[3]) for t in T], dtype=float)
        self.margin = float(inst.margin)
        self.lo = np.array([[float(c) for c in r] for r in inst.lo], dtype=float).reshape(self.m, self.d)
        self.hi = np.array([[float(c) for c in r] for r in inst.hi], dtype=float).reshape(self.m, self.d)


def _scatter(m: int, idx: np.ndarray, vals: np.ndarray) -> np.ndarray:
    return np.stack([np.bincount(idx, weights=vals[:, k], minlength=m) for k in range(vals.shape[1])], axis=1)


def value_grad(arr: Arrays, X: np.ndarray) -> tuple[float, np.ndarray]:
    """Loss and gradient (m x d) at X (m x d), vectorised over triplets.

    Parameters
    ----------
    arr : Arrays
        The instance's arrays.
    X : ndarray, shape (m, d)
        Positions (floats).

    Returns
    -------
    (float, ndarray)
        L(X) and dL/dX (shape (m, d)); hinge kinks use h'(0) = 0.

    Examples
    --------
    >>> from instances import TripletLoss
    >>> arr = Arrays(TripletLoss(3, ((0, 1, 2, 1),), margin=1, lo=0, hi=2))
    >>> v, G = value_grad(arr, np.array([[1.0], [0.0], [1.0]]))
    >>> v, G.ravel().tolist()   # s = 2: dL/dx = 2 s ds/dx = 4 * (2 (x_c - x_b), 2 (x_b - x_a), 2 (x_a - x_c))
    (4.0, [8.0, -8.0, 0.0])
    """
    A, B, C, W = arr.A, arr.B, arr.C, arr.W
    if len(A) == 0:
        return 0.0, np.zeros_like(X)
    XA = X[A]
    if arr.loss == "torch":
        rab, rac = XA - X[B] + 1e-6, XA - X[C] + 1e-6
        dab, dac = np.linalg.norm(rab, axis=1), np.linalg.norm(rac, axis=1)
        s = dab - dac + arr.margin
        coef = W * (s > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            uab = np.where(dab[:, None] > 0, rab / dab[:, None], 0.0)
            uac = np.where(dac[:, None] > 0, rac / dac[:, None], 0.0)
        value = float(W @ np.maximum(s, 0.0))
        ga, gb, gc = coef[:, None] * (uab - uac), -coef[:, None] * uab, coef[:, None] * uac
    else:
        dab, dac = XA - X[B], XA - X[C]
        s = (dab * dab).sum(1) - (dac * dac).sum(1) + arr.margin
        if arr.loss == "hinge":
            value, hp = float(W @ np.maximum(s, 0.0)), (s > 0).astype(float)
        elif arr.loss == "squared_hinge":
            pos = np.maximum(s, 0.0)
            value, hp = float(W @ (pos * pos)), 2.0 * pos
        else:  # softplus
            value, hp = float(W @ np.logaddexp(0.0, s)), 0.5 * (1.0 + np.tanh(0.5 * s))
        coef = (W * hp)[:, None]
        ga, gb, gc = coef * 2.0 * (dab - dac), coef * (-2.0) * dab, coef * 2.0 * dac
    m = arr.m
    G = _scatter(m, A, ga) + _scatter(m, B, gb) + _scatter(m, C, gc)
    return value, G


def _sq(u, v):
    """Exact squared distance of two points (Fractions)."""
    return sum(((p - q) ** 2 for p, q in zip(u, v)), Fraction(0))


def evaluate_exact(inst, X):
    """(value, gradient as m x d tuple, kinks, exact) at X; Fractions for (squared) hinge, mpmath
    50-digit numbers for softplus/torch.

    Parameters
    ----------
    inst : TripletLoss
        The instance.
    X : sequence of sequences
        Positions, m rows of d numbers convertible to Fraction exactly (ints, Fractions, floats).

    Returns
    -------
    (value, tuple of tuple, int, bool)
        L(X); dL/dX as m rows of d entries; the number of hinge kinks (s = 0 exactly, where h'(0) = 0
        is used); whether value and gradient are exact (hinge, squared hinge).

    Examples
    --------
    >>> from instances import TripletLoss
    >>> evaluate_exact(TripletLoss(3, ((0, 1, 2, 1),), loss="hinge", margin=0, lo=-1, hi=1), ((0,), (1,), (1,)))
    (Fraction(0, 1), ((Fraction(0, 1),), (Fraction(0, 1),), (Fraction(0, 1),)), 1, True)
    """
    X = [tuple(Fraction(c) for c in row) for row in X]
    m, d = inst.points, inst.dim
    if inst.loss in ("softplus", "torch"):
        import mpmath

        mpmath.mp.dps = 50
        X = [tuple(mpmath.mpf(c.numerator) / c.denominator for c in row) for row in X]
        zero = mpmath.mpf(0)
    else:
        zero = Fraction(0)
    G = [[zero] * d for _ in range(m)]
    value, kinks = zero, 0
    for a, b, c, w in inst.triplets:
        xa, xb, xc = X[a], X[b], X[c]
        if inst.loss == "torch":
            delta = mpmath.mpf("1e-6")
            rab = [p - q + delta for p, q in zip(xa, xb)]
            rac = [p - q + delta for p, q in zip(xa, xc)]
            dab, dac = mpmath.sqrt(sum(r * r for r in rab)), mpmath.sqrt(sum(r * r for r in rac))
            s = dab - dac + mpmath.mpf(inst.margin.numerator) / inst.margin.denominator
            wf = mpmath.mpf(w.numerator) / w.denominator
            kinks += s == 0
            if s > 0:
                value += wf * s
                for k in range(d):
                    uab = rab[k] / dab if dab else zero
                    uac = rac[k] / dac if dac else zero
                    G[a][k] += wf * (uab - uac)
                    G[b][k] -= wf * uab
                    G[c][k] += wf * uac
            continue
        s = _sq(xa, xb) - _sq(xa, xc) + inst.margin
        if inst.loss == "hinge":
            kinks += s == 0
            h, hp = (s, 1) if s > 0 else (zero, 0)
        elif inst.loss == "squared_hinge":
            h, hp = (s * s, 2 * s) if s > 0 else (zero, 0)
        else:
            wf = mpmath.mpf(w.numerator) / w.denominator
            h, hp = mpmath.log1p(mpmath.exp(s)), 1 / (1 + mpmath.exp(-s))
            w = wf
        value += w * h
        if hp:
            cw = w * hp * 2
            for k in range(d):
                G[a][k] += cw * (xc[k] - xb[k])
                G[b][k] += cw * (xb[k] - xa[k])
                G[c][k] += cw * (xa[k] - xc[k])
    return value, tuple(tuple(r) for r in G), kinks, inst.loss in ("hinge", "squared_hinge")


def value_exact(inst, X):
    """The loss at X, exactly where possible (see :func:`evaluate_exact`).

    Parameters
    ----------
    inst : TripletLoss
        The instance.
    X : sequence of sequences
        Positions.

    Returns
    -------
    Fraction or mpmath.mpf
    """
    return evaluate_exact(inst, X)[0]


def exact_positions(inst, X) -> tuple[tuple[Fraction, ...], ...]:
    """Float positions read exactly, with coordinates equal to float(lo)/float(hi) read as lo/hi (so a
    float run that stopped on a face of a non-dyadic box is certified on that face).

    Parameters
    ----------
    inst : TripletLoss
        The instance (its box).
    X : array_like, shape (m, d) or (m d,)
        Float positions.

    Returns
    -------
    tuple of tuple of Fraction
        m rows of d exact coordinates.

    Examples
    --------
    >>> from instances import TripletLoss
    >>> inst = TripletLoss(3, ((0, 1, 2, 1),), lo=Fraction(1, 3), hi=1)
    >>> exact_positions(inst, [1 / 3, 0.5, 1.0])
    ((Fraction(1, 3),), (Fraction(1, 2),), (Fraction(1, 1),))
    """
    out = []
    for i, row in enumerate(np.asarray(X, dtype=float).reshape(inst.points, inst.dim)):
        r = []
        for k, v in enumerate(row):
            lo, hi = inst.lo[i][k], inst.hi[i][k]
            r.append(lo if v == float(lo) else hi if v == float(hi) else Fraction(float(v)))
        out.append(tuple(r))
    return tuple(out)


def certify(inst, X, eps) -> KKTCertificate:
    """The eps-KKT certificate of SPEC section 3 at X (exact for rational X and (squared) hinge);
    ``worst`` is (point, coordinate). Floats in X are read exactly (see ``exact_positions``).

    Parameters
    ----------
    inst : TripletLoss
        The instance.
    X : ndarray or sequence of sequences
        Positions: a float array (read with :func:`exact_positions`) or exact rows.
    eps : Fraction, float or str
        The tolerance (made a Fraction for the exact losses).

    Returns
    -------
    KKTCertificate
        ``exact`` False for softplus and torch (then violation, gradient and value are floats from
        50-digit evaluation); ``kinks`` counts the hinge kinks.

    Examples
    --------
    >>> from instances import TripletLoss
    >>> inst = TripletLoss(3, ((0, 1, 2, 1),), margin=1, lo=0, hi=2)
    >>> c = certify(inst, ((0,), (1,), (2,)), eps="1/1000")   # every hinge inactive: gradient 0
    >>> c.eps_kkt, c.violation, c.worst
    (True, Fraction(0, 1), (0, 0))
    """
    if isinstance(X, np.ndarray):
        X = exact_positions(inst, X)
    X = [tuple(Fraction(c) for c in row) for row in X]
    value, G, kinks, exact = evaluate_exact(inst, X)
    flat = lambda M: [c for row in M for c in row]  # noqa: E731
    labels = [(i, k) for i in range(inst.points) for k in range(inst.dim)]
    eps = Fraction(eps) if exact else eps
    cert = box_kkt(flat(G), flat(X), flat(inst.lo), flat(inst.hi), eps, value=value, labels=labels, exact=exact)
    if not exact:  # mpmath numbers -> floats for reporting
        cert = KKTCertificate(cert.eps_kkt, eps, float(cert.violation), cert.worst, cert.where,
                              None if cert.gradient is None else float(cert.gradient), float(value),
                              cert.feasible, False)
    return dataclasses.replace(cert, kinks=int(kinks))


def _pair_sq_bounds(arr: Arrays, U: np.ndarray, V: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(min, max) of ||x_u - x_v||^2 over the box, per pair (vectorised)."""
    a = arr.lo[U] - arr.hi[V]
    b = arr.hi[U] - arr.lo[V]
    mx = np.maximum(a * a, b * b).sum(1)
    mn = np.where((a <= 0) & (b >= 0), 0.0, np.minimum(a * a, b * b)).sum(1)
    return mn, mx


def lipschitz(inst, arr: Arrays | None = None) -> tuple[float | None, bool]:
    """(upper bound on the Lipschitz constant of the gradient on the box, valid); see module docstring.

    Parameters
    ----------
    inst : TripletLoss
        The instance.
    arr : Arrays, optional
        Its arrays (built when not given).

    Returns
    -------
    (float or None, bool)
        The bound (None for ``torch``, 0 without triplets) and whether the gradient is Lipschitz on the
        box at all (False for ``torch``, and for a hinge that can change sign on the box).

    Examples
    --------
    >>> from instances import TripletLoss
    >>> L, valid = lipschitz(TripletLoss(3, ((0, 1, 2, 1),), loss="hinge", margin=10, lo=0, hi=1))
    >>> round(L, 6), valid   # always active: the constant Hessian 2[[0,-1,1],[-1,1,0],[1,0,-1]], norm 2 sqrt(3)
    (3.464102, True)
    """
    arr = arr or Arrays(inst)
    if arr.loss == "torch":
        return None, False
    if len(arr.A) == 0:
        return 0.0, True
    ab_mn, ab_mx = _pair_sq_bounds(arr, arr.A, arr.B)
    ac_mn, ac_mx = _pair_sq_bounds(arr, arr.A, arr.C)
    _, bc_mx = _pair_sq_bounds(arr, arr.B, arr.C)
    grad_sq = 4.0 * (ab_mx + ac_mx + bc_mx)
    s_min, s_max = ab_mn - ac_mx + arr.margin, ab_mx - ac_mn + arr.margin
    valid = True
    if arr.loss == "squared_hinge":
        rho = np.where(s_max > 0, 2.0 * grad_sq + 2.0 * np.maximum(s_max, 0.0) * TWO_SQRT3, 0.0)
    elif arr.loss == "softplus":
        rho = 0.25 * grad_sq + TWO_SQRT3 * 0.5 * (1.0 + np.tanh(0.5 * s_max))
    else:  # hinge
        rho = np.where(s_max > 0, TWO_SQRT3, 0.0)
        valid = bool(np.all((s_min > 0) | (s_max <= 0)))
    if arr.loss == "hinge" and valid and arr.m <= HESSIAN_MAX_POINTS:
        return hinge_hessian_norm(arr, s_max > 0), True
    per_term = arr.W * rho
    per_point = (np.bincount(arr.A, per_term, arr.m) + np.bincount(arr.B, per_term, arr.m)
                 + np.bincount(arr.C, per_term, arr.m))
    return float(per_point.max()) * (1 + 1e-9), valid


def hinge_hessian_norm(arr: Arrays, active: np.ndarray) -> float:
    """||Hessian||_2 of a hinge loss whose active set is constant on the box: the Hessian is then the
    constant sum_t w_t H_t (H_t = 2[[0,-1,1],[-1,1,0],[1,0,-1]] on (a, b, c), ⊗ I_d, which has the same
    spectral norm as its m x m factor); eigvalsh, rounded up by 1e-9 relative.

    Parameters
    ----------
    arr : Arrays
        The instance's arrays.
    active : ndarray of bool, shape (T,)
        The triplets whose hinge is active on the whole box.

    Returns
    -------
    float
        The norm, rounded up (and at least 1e-300).
    """
    H = np.zeros((arr.m, arr.m))
    w = arr.W * active
    for (i, j), v in {(0, 1): -2, (0, 2): 2, (1, 1): 2, (2, 2): -2}.items():
        P, R = (arr.A, arr.B, arr.C)[i], (arr.A, arr.B, arr.C)[j]
        np.add.at(H, (P, R), v * w)
        if i != j:
            np.add.at(H, (R, P), v * w)
    return float(np.abs(np.linalg.eigvalsh(H)).max(initial=0.0)) * (1 + 1e-9) + 1e-300


__all__ = ["Arrays", "value_grad", "evaluate_exact", "value_exact", "certify", "exact_positions", "lipschitz"]

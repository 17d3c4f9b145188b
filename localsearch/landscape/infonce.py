"""NT-Xent / InfoNCE over unit vectors, its hardest-negative limit U0, and the aligned case.

Points z_0..z_{M-1} on S^{d-1}, cosine similarity s(a, k) = z_a . z_k, positive pairs P. Every pair
(i, j) gives two anchor terms, (a, a+) = (i, j) and (j, i) ("counted from both ends"); T is the list of
anchor terms. With temperature tau,

    l_a = -s(a, a+)/tau + log sum_{k != a} exp(s(a, k)/tau),      L = (1/|T|) sum_{(a, a+) in T} l_a.

The sum runs over every k != a, the positive included (SimCLR's NT-Xent). ``include_positive=False``
drops k = a+ (the "decoupled" loss of Yeh et al. 2022). The classic SimCLR layout is 2N views
u_i = z_i, v_i = z_{N+i} with P = {(i, N+i)}; the *aligned* case u_i = v_i = z_i is ``Aligned``.

Hardest-negative potential (tau -> 0):

    U0(Z) = (1/|T|) sum_{(a, a+) in T} ( -s(a, a+) + max_{k != a, a+} s(a, k) ).

Since tau * log sum_k exp(x_k/tau) -> max_k x_k (with 0 <= tau*LSE - max <= tau log K),
``tau * L -> U0`` for the decoupled loss, while for NT-Xent (positive in the sum) ``tau * L ->
(1/|T|) sum max(0, U0-term)``, the hinged form. On the sphere s(a,k) - s(a,a+) = (|z_a - z_a+|^2 -
|z_a - z_k|^2)/2, so each U0 term is half a squared-distance triplet margin *without hinge* over the
triplets (a, a+, k): an anchor term is negative iff all of its triplets are satisfied in the sense of
``instances.TripletInstance`` (target euclidean, see ``triplet_instance``).

All values and Euclidean gradients accept leading batch dimensions (..., M, d); log-sum-exp is
stabilised by the row maximum. Hessians are for one point.

>>> Z = ngon(4); L = InfoNCE(8, aligned_pairs(4), tau=0.5)
>>> bool(abs(Aligned(L).value(Z) - ngon_value(4, 0.5)) < 1e-12)
True

References: T. Chen, S. Kornblith, M. Norouzi, G. Hinton, "A simple framework for contrastive learning
of visual representations" (SimCLR), ICML 2020; A. van den Oord, Y. Li, O. Vinyals, "Representation
learning with contrastive predictive coding", 2018; C.-H. Yeh et al., "Decoupled contrastive
learning", ECCV 2022; T. Wang, P. Isola, "Understanding contrastive representation learning through
alignment and uniformity on the hypersphere", ICML 2020.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from instances import InstanceError, TripletInstance

from .sphere import classify, normalise_rows as normalise, riemannian_gradient


def anchor_terms(pairs: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Both ends of every positive pair: (i, j) -> anchor terms (i, j) and (j, i)."""
    out = []
    for i, j in pairs:
        out += [(int(i), int(j)), (int(j), int(i))]
    return tuple(out)


def aligned_pairs(n: int) -> tuple[tuple[int, int], ...]:
    """SimCLR layout for n samples: views u_i = row i, v_i = row n+i, positives (i, n+i)."""
    return tuple((i, n + i) for i in range(n))


def _check(points: int, pairs) -> tuple[tuple[int, int], ...]:
    pairs = tuple((int(i), int(j)) for i, j in pairs)
    if not pairs:
        raise InstanceError("at least one positive pair is needed")
    for i, j in pairs:
        if not (0 <= i < points and 0 <= j < points) or i == j:
            raise InstanceError(f"positive pair ({i}, {j}) is not two distinct points of 0..{points - 1}")
    return pairs


class _PairObjective:
    """Shared plumbing: anchor index arrays, masks and the S -> Z chain rule."""

    points: int
    pairs: tuple

    def _setup(self, exclude_positive: bool):
        T = anchor_terms(self.pairs)
        self.terms = T
        self.a = np.array([t[0] for t in T])
        self.p = np.array([t[1] for t in T])
        M = self.points
        self.mask = np.ones((len(T), M), dtype=bool)  # allowed k per anchor term
        self.mask[np.arange(len(T)), self.a] = False
        if exclude_positive:
            self.mask[np.arange(len(T)), self.p] = False
        if not self.mask.any(axis=1).all():
            raise InstanceError("an anchor has no term to compare with (need more points)")
        self.onehot_a = np.eye(M)[self.a]  # (T, M)
        self.onehot_p = np.eye(M)[self.p]

    def _sims(self, Z):
        S = Z @ np.swapaxes(Z, -1, -2)
        rows = S[..., self.a, :]  # (..., T, M): s(a_t, k)
        pos = S[..., self.a, self.p]
        return S, rows, pos

    def _egrad_from_dS(self, Z, W):
        """W[..., t, k] = dL/ds(a_t, k); returns dL/dZ = (G + G^T) Z with G = onehot_a^T W."""
        G = np.einsum("tm,...tk->...mk", self.onehot_a, W)
        return (G + np.swapaxes(G, -1, -2)) @ Z

    def _dS_dZ(self, Z, t) -> np.ndarray:
        """Jacobian of the row s(a_t, .) w.r.t. vec(Z): (M, M d); d s(a,k) = xi_a . z_k + z_a . xi_k."""
        M, d = Z.shape
        a = self.a[t]
        J = np.zeros((M, M, d))
        J[:, a, :] += Z
        J[np.arange(M), np.arange(M), :] += Z[a]
        return J.reshape(M, M * d)

    def rgrad(self, Z):
        return riemannian_gradient(Z, self.egrad(Z))

    def second_order(self, Z, rtol: float = 1e-7):
        return classify(Z, self.egrad(Z), self.ehess(Z), rtol)


@dataclass
class InfoNCE(_PairObjective):
    """NT-Xent over ``points`` unit vectors with positive pairs ``pairs`` and temperature ``tau``."""

    points: int
    pairs: tuple
    tau: float = 0.5
    include_positive: bool = True

    def __post_init__(self):
        self.pairs = _check(self.points, self.pairs)
        if not (self.tau > 0 and math.isfinite(self.tau)):
            raise InstanceError(f"temperature must be positive, got {self.tau!r}")
        self._setup(exclude_positive=not self.include_positive)

    name = "infonce"

    @property
    def value_scale(self) -> float:
        """Size of the terms that cancel in a value (s/tau and the log-sum-exp)."""
        return 1.0 / self.tau

    def _logits(self, Z):
        S, rows, pos = self._sims(Z)
        x = np.where(self.mask, rows / self.tau, -np.inf)
        m = np.max(x, axis=-1, keepdims=True)
        e = np.exp(x - m)
        z = np.sum(e, axis=-1, keepdims=True)
        lse = (np.log(z) + m)[..., 0]
        return pos, lse, e / z

    def terms_value(self, Z):
        pos, lse, _ = self._logits(Z)
        return -pos / self.tau + lse

    def value(self, Z):
        return np.mean(self.terms_value(Z), axis=-1)

    def egrad(self, Z):
        return self.value_and_egrad(Z)[1]

    def value_and_egrad(self, Z):
        pos, lse, pi = self._logits(Z)
        W = (pi - self.onehot_p) / (self.tau * len(self.terms))
        return np.mean(-pos / self.tau + lse, axis=-1), self._egrad_from_dS(Z, W)

    def ehess(self, Z):
        M, d = Z.shape
        _, _, pi = self._logits(Z)
        W = (pi - self.onehot_p) / (self.tau * len(self.terms))
        G = self.onehot_a.T @ W
        H = np.kron(G + G.T, np.eye(d))
        for t in range(len(self.terms)):
            J = self._dS_dZ(Z, t)
            C = np.diag(pi[t]) - np.outer(pi[t], pi[t])
            H += J.T @ C @ J / (self.tau ** 2 * len(self.terms))
        return (H + H.T) / 2


@dataclass
class U0(_PairObjective):
    """Hardest-negative potential (no hinge); ``hinge=True`` gives the tau -> 0 limit of tau * NT-Xent.

    Not differentiable where the hardest negative is tied; ``egrad`` is the gradient of the active
    piece (ties to the lowest index), a Clarke subgradient, which is what Langevin dynamics uses.
    """

    points: int
    pairs: tuple
    hinge: bool = False

    def __post_init__(self):
        self.pairs = _check(self.points, self.pairs)
        self._setup(exclude_positive=True)

    name = "U0"

    def _hardest(self, Z):
        _, rows, pos = self._sims(Z)
        x = np.where(self.mask, rows, -np.inf)
        k = np.argmax(x, axis=-1)
        return pos, np.take_along_axis(x, k[..., None], axis=-1)[..., 0], k

    def terms_value(self, Z):
        pos, neg, _ = self._hardest(Z)
        v = neg - pos
        return np.maximum(v, 0.0) if self.hinge else v

    def value(self, Z):
        return np.mean(self.terms_value(Z), axis=-1)

    def _W(self, Z):
        pos, neg, k = self._hardest(Z)
        W = (np.eye(self.points)[k] - self.onehot_p) / len(self.terms)
        v = neg - pos
        if self.hinge:
            W = W * (v > 0)[..., None]
            v = np.maximum(v, 0.0)
        return np.mean(v, axis=-1), W

    def egrad(self, Z):
        return self.value_and_egrad(Z)[1]

    def value_and_egrad(self, Z):
        v, W = self._W(Z)
        return v, self._egrad_from_dS(Z, W)

    def ehess(self, Z):
        """Hessian of the active piece (bilinear in Z): valid where the hardest negatives are unique."""
        G = self.onehot_a.T @ self._W(Z)[1]
        return np.kron(G + G.T, np.eye(Z.shape[1]))


@dataclass
class Aligned:
    """The aligned case u_i = v_i = z_i of an objective over 2N views laid out as ``aligned_pairs(N)``.

    Variables are the N rows z_i; value(Z) = base.value([Z; Z]); chain rule for gradient and Hessian.
    """

    base: _PairObjective

    def __post_init__(self):
        if self.base.points % 2:
            raise InstanceError("the aligned case needs 2N views")
        self.points = self.base.points // 2
        self.name = f"aligned-{self.base.name}"

    @property
    def value_scale(self) -> float:
        return getattr(self.base, "value_scale", 1.0)

    def _views(self, Z):
        return np.concatenate([Z, Z], axis=-2)

    def value(self, Z):
        return self.base.value(self._views(Z))

    def egrad(self, Z):
        return self.value_and_egrad(Z)[1]

    def value_and_egrad(self, Z):
        v, g = self.base.value_and_egrad(self._views(Z))
        return v, g[..., : self.points, :] + g[..., self.points:, :]

    def ehess(self, Z):
        n, d = Z.shape
        A = np.vstack([np.eye(n * d), np.eye(n * d)])
        return A.T @ self.base.ehess(self._views(Z)) @ A

    def rgrad(self, Z):
        return riemannian_gradient(Z, self.egrad(Z))

    def second_order(self, Z, rtol: float = 1e-7):
        return classify(Z, self.egrad(Z), self.ehess(Z), rtol)


# --- closed forms ---------------------------------------------------------------------------------
def ngon(n: int, phase: float = 0.0) -> np.ndarray:
    """The regular n-gon on S^1: z_k = (cos(phase + 2 pi k/n), sin(phase + 2 pi k/n))."""
    t = phase + 2 * np.pi * np.arange(n) / n
    return np.stack([np.cos(t), np.sin(t)], axis=1)


def ngon_value(n: int, tau: float) -> float:
    """Aligned NT-Xent at the regular n-gon (views u_k = v_k = z_k, positives (u_k, v_k)).

    Anchor u_i: its positive v_i has s = 1; the other 2N-2 views are u_k, v_k (k != i) with
    s = cos(2 pi (k-i)/n), each twice. So l = -1/tau + log(e^{1/tau} + 2 sum_{k=1}^{n-1}
    e^{cos(2 pi k/n)/tau}), the same for every anchor: L equals it.
    """
    s = sum(math.exp((math.cos(2 * math.pi * k / n) - 1) / tau) for k in range(1, n))
    return math.log1p(2 * s)  # = -1/tau + log(e^{1/tau} + 2 sum e^{cos/tau}), rescaled by e^{-1/tau}


def collapse_value(n: int) -> float:
    """Aligned NT-Xent at collapse (all z_i equal): every similarity is 1, l = log(2N-1)."""
    return math.log(2 * n - 1)


def simplex_value(n: int, tau: float) -> float:
    """Aligned NT-Xent at the regular simplex (n <= d+1 points, s = -1/(n-1) between distinct points):
    -1/tau + log(e^{1/tau} + 2 (n-1) e^{-1/((n-1) tau)})."""
    return math.log1p(2 * (n - 1) * math.exp((-1 / (n - 1) - 1) / tau))


def simplex(n: int) -> np.ndarray:
    """The regular simplex of n unit vectors in R^(n-1) (centred standard basis, normalised)."""
    E = np.eye(n) - 1.0 / n
    u, s, _ = np.linalg.svd(E)
    return normalise(u[:, : n - 1] * s[: n - 1])


def toy_global_minimum() -> np.ndarray:
    """A minimiser of U0 for 4 points, P = {(0,1),(2,3)}: z0 = z1 = e1, z2 = z3 = -e1 (U0 = -2)."""
    e = np.array([1.0, 0.0, 0.0])
    return np.stack([e, e, -e, -e])


def triplet_instance(u0: _PairObjective, dim: int) -> TripletInstance:
    """The triplets (a, a+, k), k != a, a+, weight 1, behind the U0 terms (target euclidean in R^dim).

    On the sphere an anchor term of U0 is < 0 iff all its triplets are satisfied, and each term is
    (1/2) max_k (|z_a - z_a+|^2 - |z_a - z_k|^2): a triplet margin without hinge.
    """
    rows = []
    for a, p in u0.terms:
        rows += [(a, p, k, 1) for k in range(u0.points) if k not in (a, p)]
    return TripletInstance(u0.points, tuple(rows), dim=dim, meta={"from": "U0", "pairs": list(u0.pairs)})


def ngon_hessian_eigenvalues(n: int, tau, ctx=None) -> list:
    """Eigenvalues of the Hessian of aligned NT-Xent at the regular n-gon on S^1, modes m = 1..n-1.

    In angle coordinates (unit speed on S^1) the Hessian is circulant; with g(x) = e^{cos(x)/tau},
    phi_r = 2 pi r/n and D = e^{1/tau} + 2 sum_{r=1}^{n-1} g(phi_r) the common denominator,

        lambda_m = ( Q_m / D - 4 (sum_r g'(phi_r) sin(m phi_r))^2 / D^2 ) / n,
        Q_m = sum_{r=1}^{n-1} 2 g''(phi_r) (2 - 2 cos(m phi_r)).

    Mode m = 0 is the rotation gauge (eigenvalue 0). ``ctx`` is ``mpmath.mp`` (default) or
    ``mpmath.iv`` for rigorous enclosures; everything is rescaled by e^{-1/tau} to avoid overflow.
    """
    if ctx is None:
        import mpmath as ctx
    tau = ctx.mpf(tau)
    phi = [2 * ctx.pi * r / n for r in range(1, n)]
    g = [ctx.exp((ctx.cos(x) - 1) / tau) for x in phi]  # e^{-1/tau} g(phi_r)
    g1 = [-ctx.sin(x) / tau * gx for x, gx in zip(phi, g)]
    g2 = [(ctx.sin(x) ** 2 / tau ** 2 - ctx.cos(x) / tau) * gx for x, gx in zip(phi, g)]
    D = 1 + 2 * sum(g)
    out = []
    for m in range(1, n):
        Q = sum(2 * b * (2 - 2 * ctx.cos(m * x)) for b, x in zip(g2, phi))
        s = sum(a * ctx.sin(m * x) for a, x in zip(g1, phi))
        out.append((Q / D - 4 * s ** 2 / D ** 2) / n)
    return out

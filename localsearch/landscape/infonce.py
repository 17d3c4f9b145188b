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

Closed forms of the aligned NT-Xent (N samples, u_i = v_i = z_i): the regular N-gon on S^1
(:func:`ngon`, :func:`ngon_value`, its exact Hessian spectrum :func:`ngon_hessian_eigenvalues`), the
regular simplex (:func:`simplex`, :func:`simplex_value`) and collapse (:func:`collapse`,
:func:`collapse_value`); :func:`closed_form` and :func:`closed_form_reference` pick among them. The worked
toy (U0 on 4 points, P = {(0,1),(2,3)}) has the known global minimum -2 (:func:`known_minimum`,
:func:`toy_global_minimum`).

>>> Z = ngon(4); L = InfoNCE(8, aligned_pairs(4), tau=0.5)
>>> bool(abs(Aligned(L).value(Z) - ngon_value(4, 0.5)) < 1e-12)
True
>>> u = U0(4, TOY_PAIRS)
>>> float(u.value(toy_global_minimum())), known_minimum(u)
(-2.0, -2.0)

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


#: the positive pairs of the worked toy (4 points: two pairs that want to be far apart)
TOY_PAIRS = ((0, 1), (2, 3))
#: the closed-form configurations of aligned NT-Xent (see :func:`closed_form`)
CONFIGS = ("ngon", "collapse", "simplex")


def anchor_terms(pairs: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The anchor terms of a set of positive pairs, each pair counted from both ends.

    Parameters
    ----------
    pairs : sequence of (int, int)
        The positive pairs (i, j).

    Returns
    -------
    tuple of (int, int)
        (i, j) and then (j, i) for every pair, in order: the (anchor, positive) of each term.

    Examples
    --------
    >>> anchor_terms([(0, 2), (1, 3)])
    ((0, 2), (2, 0), (1, 3), (3, 1))
    """
    out = []
    for i, j in pairs:
        out += [(int(i), int(j)), (int(j), int(i))]
    return tuple(out)


def aligned_pairs(n: int) -> tuple[tuple[int, int], ...]:
    """The positive pairs of the SimCLR layout for n samples.

    The 2n views are u_i = row i and v_i = row n + i; each sample's two views form a positive pair.

    Parameters
    ----------
    n : int
        Number of samples.

    Returns
    -------
    tuple of (int, int)
        (i, n + i) for i = 0..n-1.

    Examples
    --------
    >>> aligned_pairs(3)
    ((0, 3), (1, 4), (2, 5))
    """
    return tuple((i, n + i) for i in range(n))


def _check(points: int, pairs) -> tuple[tuple[int, int], ...]:
    """The pairs as int tuples; InstanceError unless non-empty, in range and without a loop."""
    pairs = tuple((int(i), int(j)) for i, j in pairs)
    if not pairs:
        raise InstanceError("at least one positive pair is needed")
    for i, j in pairs:
        if not (0 <= i < points and 0 <= j < points) or i == j:
            raise InstanceError(f"positive pair ({i}, {j}) is not two distinct points of 0..{points - 1}")
    return pairs


class _PairObjective:
    """Shared plumbing: anchor index arrays, masks and the S -> Z chain rule.

    After ``_setup``: ``terms`` (the anchor terms), ``a`` and ``p`` (anchor and positive index of each
    term, arrays of length T), ``mask`` (T x M booleans: k is compared with in term t) and the one-hot
    rows ``onehot_a``, ``onehot_p`` (T x M).
    """

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
        """Riemannian gradient on the product of spheres (see :func:`.sphere.riemannian_gradient`).

        Parameters
        ----------
        Z : ndarray, shape (..., M, d)
            Unit rows.

        Returns
        -------
        ndarray, shape (..., M, d)
            The Euclidean gradient projected row by row onto the tangent spaces.
        """
        return riemannian_gradient(Z, self.egrad(Z))

    def second_order(self, Z, rtol: float = 1e-7):
        """Second-order type of Z modulo rotations (see :func:`.sphere.classify`).

        Parameters
        ----------
        Z : ndarray, shape (M, d)
            A stationary point (unit rows).
        rtol : float, default 1e-7
            Relative tolerance below which an eigenvalue counts as zero.

        Returns
        -------
        SecondOrder
        """
        return classify(Z, self.egrad(Z), self.ehess(Z), rtol)


@dataclass
class InfoNCE(_PairObjective):
    """NT-Xent (InfoNCE) over ``points`` unit vectors with positive pairs ``pairs`` and temperature ``tau``.

    L(Z) is the mean over the anchor terms (a, a+) of l_a = -s(a, a+)/tau + log sum_k exp(s(a, k)/tau),
    the sum over every k != a (``include_positive=True``, SimCLR's NT-Xent) or every k != a, a+
    (``include_positive=False``, the decoupled loss); see the module docstring.

    Parameters
    ----------
    points : int
        Number M of unit vectors (rows of Z).
    pairs : sequence of (int, int)
        The positive pairs (stored as a tuple of int pairs).
    tau : float, default 0.5
        Temperature, positive and finite.
    include_positive : bool, default True
        Keep the positive in the log-sum-exp.

    Attributes
    ----------
    name : str
        ``"infonce"``.
    terms : tuple of (int, int)
        The anchor terms (:func:`anchor_terms`).

    Raises
    ------
    InstanceError
        If there is no pair, a pair is not two distinct points of 0..M-1, tau is not positive and
        finite, or an anchor has nothing to compare with.

    Examples
    --------
    >>> f = InfoNCE(4, TOY_PAIRS, tau=0.5)
    >>> round(float(f.value(toy_global_minimum())), 6)
    0.035976

    References
    ----------
    T. Chen, S. Kornblith, M. Norouzi, G. Hinton, "A simple framework for contrastive learning of visual
    representations", ICML 2020; C.-H. Yeh et al., "Decoupled contrastive learning", ECCV 2022.
    """

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
        """Size of the terms that cancel in a value (s/tau and the log-sum-exp): 1/tau."""
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
        """The anchor terms l_a, one per entry of ``terms``.

        Parameters
        ----------
        Z : ndarray, shape (..., M, d)
            Unit rows (any leading batch dimensions).

        Returns
        -------
        ndarray, shape (..., T)
        """
        pos, lse, _ = self._logits(Z)
        return -pos / self.tau + lse

    def value(self, Z):
        """The loss L(Z), the mean of the anchor terms.

        Parameters
        ----------
        Z : ndarray, shape (..., M, d)
            Unit rows (any leading batch dimensions).

        Returns
        -------
        float or ndarray, shape (...)
        """
        return np.mean(self.terms_value(Z), axis=-1)

    def egrad(self, Z):
        """Euclidean gradient of the ambient extension (the same formula off the spheres).

        Parameters
        ----------
        Z : ndarray, shape (..., M, d)

        Returns
        -------
        ndarray, shape (..., M, d)
        """
        return self.value_and_egrad(Z)[1]

    def value_and_egrad(self, Z):
        """Value and Euclidean gradient in one pass (the softmax is shared).

        Parameters
        ----------
        Z : ndarray, shape (..., M, d)

        Returns
        -------
        (float or ndarray, ndarray)
            ``value(Z)`` and ``egrad(Z)``.
        """
        pos, lse, pi = self._logits(Z)
        W = (pi - self.onehot_p) / (self.tau * len(self.terms))
        return np.mean(-pos / self.tau + lse, axis=-1), self._egrad_from_dS(Z, W)

    def ehess(self, Z):
        """Euclidean Hessian at one point, in row-major coordinates of Z.

        Parameters
        ----------
        Z : ndarray, shape (M, d)

        Returns
        -------
        ndarray, shape (M d, M d)
            Symmetric.
        """
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
    """The hardest-negative potential U0, the tau -> 0 limit of tau times the decoupled loss.

    U0(Z) is the mean over the anchor terms (a, a+) of -s(a, a+) + max_{k != a, a+} s(a, k); with
    ``hinge=True`` each term is clipped below at 0, which gives the tau -> 0 limit of tau * NT-Xent.
    Not differentiable where the hardest negative is tied; ``egrad`` is the gradient of the active
    piece (ties to the lowest index), a Clarke subgradient, which is what Langevin dynamics uses.

    Parameters
    ----------
    points : int
        Number M of unit vectors (rows of Z).
    pairs : sequence of (int, int)
        The positive pairs (stored as a tuple of int pairs).
    hinge : bool, default False
        Clip every term below at 0.

    Attributes
    ----------
    name : str
        ``"U0"``.
    terms : tuple of (int, int)
        The anchor terms (:func:`anchor_terms`).

    Raises
    ------
    InstanceError
        If there is no pair, a pair is not two distinct points of 0..M-1, or an anchor has no negative
        (fewer than 3 points).

    Examples
    --------
    >>> u = U0(4, TOY_PAIRS)
    >>> u.terms_value(toy_global_minimum()).tolist()
    [-2.0, -2.0, -2.0, -2.0]
    >>> float(U0(4, TOY_PAIRS, hinge=True).value(toy_global_minimum()))
    0.0
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
        """The anchor terms max_k s(a, k) - s(a, a+) (clipped at 0 with ``hinge``).

        Parameters
        ----------
        Z : ndarray, shape (..., M, d)
            Unit rows (any leading batch dimensions).

        Returns
        -------
        ndarray, shape (..., T)
        """
        pos, neg, _ = self._hardest(Z)
        v = neg - pos
        return np.maximum(v, 0.0) if self.hinge else v

    def value(self, Z):
        """U0(Z), the mean of the anchor terms.

        Parameters
        ----------
        Z : ndarray, shape (..., M, d)

        Returns
        -------
        float or ndarray, shape (...)
        """
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
        """Euclidean gradient of the active piece (hardest negative, ties to the lowest index).

        Parameters
        ----------
        Z : ndarray, shape (..., M, d)

        Returns
        -------
        ndarray, shape (..., M, d)
        """
        return self.value_and_egrad(Z)[1]

    def value_and_egrad(self, Z):
        """Value and Euclidean gradient of the active piece in one pass.

        Parameters
        ----------
        Z : ndarray, shape (..., M, d)

        Returns
        -------
        (float or ndarray, ndarray)
            ``value(Z)`` and ``egrad(Z)``.
        """
        v, W = self._W(Z)
        return v, self._egrad_from_dS(Z, W)

    def ehess(self, Z):
        """Euclidean Hessian of the active piece (bilinear in Z): valid where the hardest negatives are unique.

        Parameters
        ----------
        Z : ndarray, shape (M, d)

        Returns
        -------
        ndarray, shape (M d, M d)
        """
        G = self.onehot_a.T @ self._W(Z)[1]
        return np.kron(G + G.T, np.eye(Z.shape[1]))


@dataclass
class Aligned:
    """The aligned case u_i = v_i = z_i of an objective over 2N views laid out as ``aligned_pairs(N)``.

    Variables are the N rows z_i; value(Z) = base.value([Z; Z]); chain rule for gradient and Hessian.

    Parameters
    ----------
    base : InfoNCE or U0
        The objective over the 2N views (its pairs are normally ``aligned_pairs(N)``).

    Attributes
    ----------
    points : int
        N, the number of rows of Z.
    name : str
        ``"aligned-"`` followed by the base's name.

    Raises
    ------
    InstanceError
        If the base has an odd number of points.

    Examples
    --------
    >>> f = Aligned(InfoNCE(6, aligned_pairs(3), 0.5))
    >>> f.points, f.name, bool(abs(f.value(ngon(3)) - ngon_value(3, 0.5)) < 1e-12)
    (3, 'aligned-infonce', True)
    """

    base: _PairObjective

    def __post_init__(self):
        if self.base.points % 2:
            raise InstanceError("the aligned case needs 2N views")
        self.points = self.base.points // 2
        self.name = f"aligned-{self.base.name}"

    @property
    def value_scale(self) -> float:
        """The base's ``value_scale`` (1 when it has none)."""
        return getattr(self.base, "value_scale", 1.0)

    def _views(self, Z):
        return np.concatenate([Z, Z], axis=-2)

    def value(self, Z):
        """base.value([Z; Z]).

        Parameters
        ----------
        Z : ndarray, shape (..., N, d)

        Returns
        -------
        float or ndarray, shape (...)
        """
        return self.base.value(self._views(Z))

    def egrad(self, Z):
        """Euclidean gradient: the base's gradients of the two views of each row, added.

        Parameters
        ----------
        Z : ndarray, shape (..., N, d)

        Returns
        -------
        ndarray, shape (..., N, d)
        """
        return self.value_and_egrad(Z)[1]

    def value_and_egrad(self, Z):
        """Value and Euclidean gradient in one pass.

        Parameters
        ----------
        Z : ndarray, shape (..., N, d)

        Returns
        -------
        (float or ndarray, ndarray)
        """
        v, g = self.base.value_and_egrad(self._views(Z))
        return v, g[..., : self.points, :] + g[..., self.points:, :]

    def ehess(self, Z):
        """Euclidean Hessian at one point: A^T H A with A = [I; I] the map Z -> [Z; Z].

        Parameters
        ----------
        Z : ndarray, shape (N, d)

        Returns
        -------
        ndarray, shape (N d, N d)
        """
        n, d = Z.shape
        A = np.vstack([np.eye(n * d), np.eye(n * d)])
        return A.T @ self.base.ehess(self._views(Z)) @ A

    def rgrad(self, Z):
        """Riemannian gradient on (S^{d-1})^N (see :meth:`InfoNCE.rgrad`).

        Parameters
        ----------
        Z : ndarray, shape (..., N, d)
            Unit rows.

        Returns
        -------
        ndarray, shape (..., N, d)
        """
        return riemannian_gradient(Z, self.egrad(Z))

    def second_order(self, Z, rtol: float = 1e-7):
        """Second-order type of Z modulo rotations (see :meth:`InfoNCE.second_order`).

        Parameters
        ----------
        Z : ndarray, shape (N, d)
            A stationary point (unit rows).
        rtol : float, default 1e-7
            Relative tolerance below which an eigenvalue counts as zero.

        Returns
        -------
        SecondOrder
        """
        return classify(Z, self.egrad(Z), self.ehess(Z), rtol)


def aligned_ntxent(n: int, tau: float) -> Aligned:
    """Aligned NT-Xent with n samples: ``Aligned(InfoNCE(2n, aligned_pairs(n), tau))``.

    Parameters
    ----------
    n : int
        Number of samples (rows of Z), at least 2.
    tau : float
        Temperature.

    Returns
    -------
    Aligned

    Examples
    --------
    >>> aligned_ntxent(3, 0.5).base.pairs
    ((0, 3), (1, 4), (2, 5))
    """
    return Aligned(InfoNCE(2 * n, aligned_pairs(n), tau))


# --- closed forms ---------------------------------------------------------------------------------
def ngon(n: int, phase: float = 0.0) -> np.ndarray:
    """The regular n-gon on S^1: z_k = (cos(phase + 2 pi k/n), sin(phase + 2 pi k/n)).

    Parameters
    ----------
    n : int
        Number of vertices.
    phase : float, default 0
        Angle of z_0.

    Returns
    -------
    ndarray, shape (n, 2)

    Examples
    --------
    >>> ngon(4).round(12).tolist()
    [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [-0.0, -1.0]]
    """
    t = phase + 2 * np.pi * np.arange(n) / n
    return np.stack([np.cos(t), np.sin(t)], axis=1)


def ngon_value(n: int, tau: float) -> float:
    """Aligned NT-Xent at the regular n-gon (views u_k = v_k = z_k, positives (u_k, v_k)).

    Anchor u_i: its positive v_i has s = 1; the other 2N-2 views are u_k, v_k (k != i) with
    s = cos(2 pi (k-i)/n), each twice. So l = -1/tau + log(e^{1/tau} + 2 sum_{k=1}^{n-1}
    e^{cos(2 pi k/n)/tau}), the same for every anchor: L equals it. Evaluated as
    log(1 + 2 sum_k e^{(cos(2 pi k/n) - 1)/tau}), which does not overflow for small tau.

    Parameters
    ----------
    n : int
        Number of samples (vertices of the n-gon).
    tau : float
        Temperature.

    Returns
    -------
    float

    Examples
    --------
    >>> round(ngon_value(2, 1.0), 12) == round(math.log(1 + 2 * math.exp(-2)), 12)
    True
    """
    s = sum(math.exp((math.cos(2 * math.pi * k / n) - 1) / tau) for k in range(1, n))
    return math.log1p(2 * s)  # = -1/tau + log(e^{1/tau} + 2 sum e^{cos/tau}), rescaled by e^{-1/tau}


def collapse_value(n: int) -> float:
    """Aligned NT-Xent at collapse (all z_i equal): every similarity is 1, l = log(2N-1).

    Parameters
    ----------
    n : int
        Number of samples N.

    Returns
    -------
    float
        log(2n - 1).

    Examples
    --------
    >>> collapse_value(1), round(collapse_value(3), 12)
    (0.0, 1.609437912434)
    """
    return math.log(2 * n - 1)


def simplex_value(n: int, tau: float) -> float:
    """Aligned NT-Xent at the regular simplex (n <= d+1 points, s = -1/(n-1) between distinct points).

    Each anchor sees its positive at s = 1 and 2(n-1) views at s = -1/(n-1), so
    L = -1/tau + log(e^{1/tau} + 2 (n-1) e^{-1/((n-1) tau)}), evaluated without overflow.

    Parameters
    ----------
    n : int
        Number of samples, at least 2.
    tau : float
        Temperature.

    Returns
    -------
    float

    Examples
    --------
    >>> simplex_value(2, 0.5) == ngon_value(2, 0.5)   # two antipodal points are both
    True
    """
    return math.log1p(2 * (n - 1) * math.exp((-1 / (n - 1) - 1) / tau))


def simplex(n: int) -> np.ndarray:
    """The regular simplex of n unit vectors in R^(n-1) (centred standard basis, normalised).

    Distinct rows have inner product -1/(n-1), the least possible for n unit vectors with equal
    pairwise inner products.

    Parameters
    ----------
    n : int
        Number of vectors, at least 2.

    Returns
    -------
    ndarray, shape (n, n - 1)

    Examples
    --------
    >>> Z = simplex(3)
    >>> Z.shape, bool(np.allclose(Z @ Z.T, [[1, -0.5, -0.5], [-0.5, 1, -0.5], [-0.5, -0.5, 1]]))
    ((3, 2), True)
    """
    E = np.eye(n) - 1.0 / n
    u, s, _ = np.linalg.svd(E)
    return normalise(u[:, : n - 1] * s[: n - 1])


def collapse(n: int, dim: int = 2) -> np.ndarray:
    """Collapse: n copies of the first basis vector of R^dim.

    Parameters
    ----------
    n : int
        Number of vectors.
    dim : int, default 2
        Ambient dimension.

    Returns
    -------
    ndarray, shape (n, dim)

    Examples
    --------
    >>> collapse(3, 2).tolist()
    [[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]]
    """
    return np.tile(np.eye(dim)[0], (n, 1))


def closed_form(config: str, n: int, tau: float, dim: int | None = None) -> tuple[np.ndarray, float, int]:
    """A closed-form configuration of n unit vectors and the value of aligned NT-Xent there.

    Parameters
    ----------
    config : str
        One of ``CONFIGS``: ``ngon`` (regular n-gon in R^2), ``simplex`` (regular simplex in R^(n-1)) or
        ``collapse`` (every vector equal to the first basis vector of R^dim).
    n : int
        Number of vectors (samples).
    tau : float
        Temperature.
    dim : int, optional
        Ambient dimension; default the configuration's own: 2, for the simplex n - 1.

    Returns
    -------
    (ndarray, float, int)
        The configuration (n x k with k = 2 for the n-gon, n - 1 for the simplex, ``dim`` for
        collapse; k may exceed a ``dim`` that is too small), its value by the closed formula
        (:func:`ngon_value`, :func:`simplex_value`, :func:`collapse_value`) and ``dim``.

    Raises
    ------
    ValueError
        If ``config`` is not one of ``CONFIGS``.

    Examples
    --------
    >>> Z, value, dim = closed_form("simplex", 4, 0.5)
    >>> Z.shape, dim, value == simplex_value(4, 0.5)
    ((4, 3), 3, True)
    """
    if config == "ngon":
        return ngon(n), ngon_value(n, tau), dim or 2
    if config == "simplex":
        return simplex(n), simplex_value(n, tau), dim or n - 1
    if config == "collapse":
        dim = dim or 2
        return collapse(n, dim), collapse_value(n), dim
    raise ValueError(f"unknown configuration {config!r} (expected one of {', '.join(CONFIGS)})")


def closed_form_reference(n: int, dim: int, tau: float) -> tuple[float | None, str | None]:
    """The closed-form candidate for the global minimum of aligned NT-Xent with n samples on S^(dim-1).

    The regular n-gon when dim = 2; else the regular simplex when it fits (n <= dim + 1); else none.
    Their global optimality is not proved here: a census compares the local optima it finds with them.

    Parameters
    ----------
    n : int
        Number of samples.
    dim : int
        Ambient dimension.
    tau : float
        Temperature.

    Returns
    -------
    (float or None, str or None)
        The value (:func:`ngon_value` or :func:`simplex_value`) and the configuration's name (``ngon``,
        ``simplex``), or (None, None).

    Examples
    --------
    >>> closed_form_reference(6, 2, 0.5) == (ngon_value(6, 0.5), "ngon")
    True
    >>> closed_form_reference(4, 3, 0.5)[1], closed_form_reference(5, 3, 0.5)
    ('simplex', (None, None))
    """
    if dim == 2:
        return ngon_value(n, tau), "ngon"
    if n <= dim + 1:
        return simplex_value(n, tau), "simplex"
    return None, None


def toy_global_minimum() -> np.ndarray:
    """A minimiser of U0 for the worked toy (4 points, P = {(0,1),(2,3)}): z0 = z1 = e1, z2 = z3 = -e1.

    Every anchor term is -s(a, a+) + max_k s(a, k) >= -1 - 1 = -2, with equality iff the pair is
    aligned and both negatives are antipodal to it; this configuration attains U0 = -2.

    Returns
    -------
    ndarray, shape (4, 3)
    """
    e = np.array([1.0, 0.0, 0.0])
    return np.stack([e, e, -e, -e])


def known_minimum(obj) -> float | None:
    """The global minimum of an objective when it is known in closed form: the worked toy's.

    Parameters
    ----------
    obj : InfoNCE, U0 or Aligned
        The objective.

    Returns
    -------
    float or None
        -2.0 for U0 without hinge on 4 points with the pairs (0, 1) and (2, 3), listed in either order
        (see :func:`toy_global_minimum`); None for every other objective, relabellings of the toy
        included.

    Examples
    --------
    >>> known_minimum(U0(4, ((2, 3), (0, 1)))), known_minimum(U0(4, TOY_PAIRS, hinge=True))
    (-2.0, None)
    """
    toy = type(obj) is U0 and not obj.hinge and obj.points == 4 and sorted(obj.pairs) == list(TOY_PAIRS)
    return -2.0 if toy else None


def triplet_instance(u0: _PairObjective, dim: int) -> TripletInstance:
    """The triplets (a, a+, k), k != a, a+, weight 1, behind the U0 terms (target euclidean in R^dim).

    On the sphere an anchor term of U0 is < 0 iff all its triplets are satisfied, and each term is
    (1/2) max_k (|z_a - z_a+|^2 - |z_a - z_k|^2): a triplet margin without hinge.

    Parameters
    ----------
    u0 : U0 or InfoNCE
        The objective (its points and anchor terms are used).
    dim : int
        Dimension of the triplet instance.

    Returns
    -------
    TripletInstance
        ``meta`` records ``{"from": "U0", "pairs": [...]}``.

    Examples
    --------
    >>> triplet_instance(U0(4, TOY_PAIRS), 3).triplets[:2]
    ((0, 1, 2, 1), (0, 1, 3, 1))
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

    Parameters
    ----------
    n : int
        Number of samples (vertices of the n-gon), at least 2.
    tau : float, str or mpf
        Temperature (converted with ``ctx.mpf``).
    ctx : mpmath context, optional
        ``mpmath.mp`` (default, at its current precision) or ``mpmath.iv``.

    Returns
    -------
    list
        lambda_1 .. lambda_{n-1} as ``ctx`` numbers (intervals with ``mpmath.iv``); lambda_m =
        lambda_{n-m}. All positive means a strict local minimum modulo rotations.

    Examples
    --------
    >>> ev = ngon_hessian_eigenvalues(4, 0.5)
    >>> len(ev), bool(min(ev) > 0), abs(float(ev[0] - ev[2])) < 1e-12
    (3, True, True)

    References
    ----------
    R. M. Gray, "Toeplitz and circulant matrices: a review", Foundations and Trends in Communications and
    Information Theory 2(3), 2006 (eigenvalues of circulant matrices are the discrete Fourier modes).
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

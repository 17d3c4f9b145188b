"""Calculus on the product of spheres (S^{d-1})^M, with the rotation gauge quotiented out.

A point is an (M, d) array Z whose rows are unit vectors. For an objective f with a smooth ambient
extension f~ (Euclidean gradient G = grad f~(Z), Euclidean Hessian H), row by row:

- tangent projection  P_z(x) = x - (z . x) z,
- Riemannian gradient  grad f(Z)_i = P_{z_i}(G_i),
- Riemannian Hessian   Hess f(Z)[X]_i = P_{z_i}((H X)_i) - (z_i . G_i) X_i   (X tangent),
- retraction          R_Z(X) = normalise_rows(Z + X).

The objectives of this project only depend on inner products, so they are invariant under a common
rotation z_i -> Q z_i (Q in SO(d)): the gauge directions Z A^T (A skew, d(d-1)/2 of them, fewer when Z
has a stabiliser, e.g. at collapse) lie in the kernel of the Hessian at a stationary point. ``classify``
restricts the Hessian to the orthogonal complement of the gauge in the tangent space before reading
signs: strict minimum / strict maximum / saddle / degenerate.

>>> Z = normalise_rows(np.array([[1.0, 0.0], [0.0, 2.0]]))
>>> gauge_basis(Z).shape
(4, 1)
>>> tangent_basis(Z).shape, quotient_basis(Z).shape   # 2 tangent directions, 1 after removing the gauge
((4, 2), (2, 1))

Reference: P.-A. Absil, R. Mahony, R. Sepulchre, "Optimization Algorithms on Matrix Manifolds",
Princeton 2008 (sections 3.6, 5.5, and 4.1 for retractions); N. Boumal, "An Introduction to Optimization
on Smooth Manifolds", Cambridge 2023, section 7.7 (sphere) and 9.9 (quotients).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def normalise_rows(Z: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (works on any leading batch dimensions); the retraction.

    Parameters
    ----------
    Z : ndarray, shape (..., M, d)
        Nonzero rows.

    Returns
    -------
    ndarray, shape (..., M, d)
        Z_i / |Z_i| row by row.

    Examples
    --------
    >>> normalise_rows(np.array([[3.0, 4.0]])).tolist()
    [[0.6, 0.8]]
    """
    return Z / np.linalg.norm(Z, axis=-1, keepdims=True)


def project_tangent(Z: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Row-wise projection of X onto the tangent space at Z (batch dimensions allowed).

    P_z(x) = x - (z . x) z for every row.

    Parameters
    ----------
    Z : ndarray, shape (..., M, d)
        Unit rows.
    X : ndarray, shape (..., M, d)
        Ambient vectors.

    Returns
    -------
    ndarray, shape (..., M, d)
        Rows orthogonal to the rows of Z.

    Examples
    --------
    >>> project_tangent(np.array([[1.0, 0.0]]), np.array([[2.0, 3.0]])).tolist()
    [[0.0, 3.0]]
    """
    return X - np.sum(Z * X, axis=-1, keepdims=True) * Z


def random_point(m: int, d: int, seed=0, runs: int | None = None) -> np.ndarray:
    """Uniform random point of (S^{d-1})^m (shape (runs, m, d) when ``runs`` is given).

    Normalised standard Gaussian rows, drawn with one ``standard_normal`` call.

    Parameters
    ----------
    m : int
        Number of rows.
    d : int
        Ambient dimension.
    seed : int, SeedSequence or Generator, default 0
        Seed of ``numpy.random.default_rng``, or a generator to draw from (and advance).
    runs : int, optional
        Draw a batch of that many points.

    Returns
    -------
    ndarray, shape (m, d) or (runs, m, d)

    Examples
    --------
    >>> Z = random_point(3, 2, seed=1, runs=4)
    >>> Z.shape, bool(np.allclose(np.linalg.norm(Z, axis=-1), 1))
    ((4, 3, 2), True)
    """
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    shape = (m, d) if runs is None else (runs, m, d)
    return normalise_rows(rng.standard_normal(shape))


def riemannian_gradient(Z: np.ndarray, egrad: np.ndarray) -> np.ndarray:
    """Riemannian gradient on (S^{d-1})^M from the Euclidean gradient of an ambient extension.

    Parameters
    ----------
    Z : ndarray, shape (..., M, d)
        Unit rows.
    egrad : ndarray, shape (..., M, d)
        Euclidean gradient at Z.

    Returns
    -------
    ndarray, shape (..., M, d)
        ``project_tangent(Z, egrad)``.
    """
    return project_tangent(Z, egrad)


def tangent_basis(Z: np.ndarray) -> np.ndarray:
    """Orthonormal basis (columns, shape (M d, M (d-1))) of the tangent space at Z, flattened row-major.

    Block diagonal: row i contributes d - 1 columns spanning the complement of z_i in R^d.

    Parameters
    ----------
    Z : ndarray, shape (M, d)
        Unit rows.

    Returns
    -------
    ndarray, shape (M d, M (d - 1))

    Examples
    --------
    >>> B = tangent_basis(np.array([[1.0, 0.0], [0.0, 1.0]]))
    >>> B.shape, bool(np.allclose(B.T @ B, np.eye(2)))
    ((4, 2), True)
    """
    M, d = Z.shape
    blocks = []
    for i in range(M):
        # null space of z_i^T: the last d-1 left singular vectors of the column z_i
        u, _, _ = np.linalg.svd(Z[i][:, None], full_matrices=True)
        b = np.zeros((M * d, d - 1))
        b[i * d:(i + 1) * d] = u[:, 1:]
        blocks.append(b)
    return np.hstack(blocks) if blocks else np.zeros((0, 0))


def riemannian_hessian(Z: np.ndarray, egrad: np.ndarray, ehess: np.ndarray) -> np.ndarray:
    """The Riemannian Hessian as a symmetric matrix in the basis ``tangent_basis(Z)``.

    Hess f(Z)[X]_i = P_{z_i}((H X)_i) - (z_i . G_i) X_i: the projected Euclidean Hessian minus the
    curvature term of each sphere (Absil, Mahony, Sepulchre, section 5.5).

    Parameters
    ----------
    Z : ndarray, shape (M, d)
        Unit rows.
    egrad : ndarray, shape (M, d)
        Euclidean gradient G at Z.
    ehess : ndarray, shape (M d, M d)
        Euclidean Hessian H at Z (row-major coordinates).

    Returns
    -------
    ndarray, shape (M (d - 1), M (d - 1))
        Symmetric.

    Examples
    --------
    >>> # f(z) = z_1 on S^1 at its maximum e_1: Hess f = -1 (the curvature term)
    >>> riemannian_hessian(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]]), np.zeros((2, 2))).tolist()
    [[-1.0]]
    """
    B = tangent_basis(Z)
    M, d = Z.shape
    radial = np.repeat(np.sum(Z * egrad, axis=1), d)  # (z_i . G_i) for every coordinate of row i
    H = B.T @ (ehess @ B) - B.T @ (radial[:, None] * B)
    return (H + H.T) / 2


def skew_basis(d: int) -> list[np.ndarray]:
    """The d(d-1)/2 elementary skew matrices E_pq - E_qp (p < q): a basis of so(d).

    Parameters
    ----------
    d : int
        Dimension.

    Returns
    -------
    list of ndarray, shape (d, d)

    Examples
    --------
    >>> [A.tolist() for A in skew_basis(2)]
    [[[0.0, 1.0], [-1.0, 0.0]]]
    """
    out = []
    for p in range(d):
        for q in range(p + 1, d):
            A = np.zeros((d, d))
            A[p, q], A[q, p] = 1.0, -1.0
            out.append(A)
    return out


def gauge_basis(Z: np.ndarray, rtol: float = 1e-9) -> np.ndarray:
    """Orthonormal basis (columns, in the ambient coordinates) of the gauge directions {Z A^T : A skew}.

    Its dimension is d(d-1)/2 minus the dimension of the stabiliser of Z (e.g. d-1 at collapse).

    Parameters
    ----------
    Z : ndarray, shape (M, d)
        Unit rows.
    rtol : float, default 1e-9
        Singular values below ``rtol`` times the largest (or 1) count as zero.

    Returns
    -------
    ndarray, shape (M d, r)
        r the dimension of the gauge orbit through Z.

    Examples
    --------
    >>> gauge_basis(np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]])).shape   # collapse in R^3: d - 1 = 2
    (6, 2)
    """
    M, d = Z.shape
    gens = [(Z @ A.T).reshape(-1) for A in skew_basis(d)]
    if not gens:
        return np.zeros((M * d, 0))
    G = np.stack(gens, axis=1)
    u, s, _ = np.linalg.svd(G, full_matrices=False)
    rank = int(np.sum(s > rtol * max(1.0, s.max(initial=0.0))))
    return u[:, :rank]


def quotient_basis(Z: np.ndarray) -> np.ndarray:
    """Orthonormal basis, in tangent coordinates, of the complement of the gauge in the tangent space.

    Parameters
    ----------
    Z : ndarray, shape (M, d)
        Unit rows.

    Returns
    -------
    ndarray, shape (M (d - 1), M (d - 1) - r)
        Columns in the coordinates of ``tangent_basis(Z)``, orthogonal to the r gauge directions.
    """
    B = tangent_basis(Z)
    g = B.T @ gauge_basis(Z)  # gauge directions are tangent: their tangent coordinates
    if g.shape[1] == 0:
        return np.eye(B.shape[1])
    u, s, _ = np.linalg.svd(g, full_matrices=True)
    return u[:, g.shape[1]:]


@dataclass(frozen=True)
class SecondOrder:
    """Eigenvalues of the Riemannian Hessian on the quotient by the gauge, and their reading.

    Attributes
    ----------
    kind : str
        ``"minimum"`` (every eigenvalue > tol: a strict local minimum modulo rotations),
        ``"maximum"`` (every eigenvalue < -tol), ``"saddle"`` (some of each sign) or ``"degenerate"``
        (some |eigenvalue| <= tol, or none at all: second order does not decide).
    eigenvalues : tuple of float
        The eigenvalues of the Riemannian Hessian restricted to the complement of the gauge, ascending.
    gauge_dim : int
        Dimension of the gauge orbit (rotation directions) removed before reading signs.
    tol : float
        The threshold below which an eigenvalue counted as zero.
    """

    kind: str  # "minimum" | "maximum" | "saddle" | "degenerate"
    eigenvalues: tuple[float, ...]
    gauge_dim: int
    tol: float

    @property
    def strict_minimum(self) -> bool:
        """True iff ``kind`` is ``"minimum"``."""
        return self.kind == "minimum"


def classify(Z: np.ndarray, egrad: np.ndarray, ehess: np.ndarray, rtol: float = 1e-7) -> SecondOrder:
    """Second-order type of a stationary point modulo rotations.

    An eigenvalue counts as zero when |lambda| <= rtol * max(1, max |lambda|) (float Hessian, no
    certificate: use it where the margin is many orders above rounding). minimum: all > tol;
    maximum: all < -tol; saddle: some > tol and some < -tol; degenerate: otherwise (a zero mode left
    after quotienting, so second order does not decide).

    Parameters
    ----------
    Z : ndarray, shape (M, d)
        A stationary point (unit rows).
    egrad : ndarray, shape (M, d)
        Euclidean gradient at Z.
    ehess : ndarray, shape (M d, M d)
        Euclidean Hessian at Z.
    rtol : float, default 1e-7
        Relative zero threshold.

    Returns
    -------
    SecondOrder

    Examples
    --------
    >>> # f = z_0 . z_1 on S^1 x S^1: a maximum where the two agree, a minimum where they are opposite
    >>> H = np.kron(np.array([[0.0, 1.0], [1.0, 0.0]]), np.eye(2))
    >>> same, opp = np.array([[1.0, 0.0], [1.0, 0.0]]), np.array([[1.0, 0.0], [-1.0, 0.0]])
    >>> classify(same, same[::-1], H).kind, classify(opp, opp[::-1], H).kind
    ('maximum', 'minimum')
    """
    H = riemannian_hessian(Z, egrad, ehess)
    Q = quotient_basis(Z)
    ev = np.linalg.eigvalsh(Q.T @ H @ Q) if Q.shape[1] else np.zeros(0)
    gdim = gauge_basis(Z).shape[1]
    tol = rtol * max(1.0, float(np.max(np.abs(ev), initial=0.0)))
    pos, neg = bool(np.any(ev > tol)), bool(np.any(ev < -tol))
    zero = bool(np.any(np.abs(ev) <= tol))
    if pos and neg:
        kind = "saddle"
    elif zero or not (pos or neg):
        kind = "degenerate"
    else:
        kind = "minimum" if pos else "maximum"
    return SecondOrder(kind, tuple(float(x) for x in ev), gdim, tol)


def rank_one(Z: np.ndarray, rtol: float = 1e-6) -> bool:
    """True iff the embedding has numerical rank <= 1 (all z_i = +-z: collapse or antipodal collapse).

    Parameters
    ----------
    Z : ndarray, shape (M, d)
        The embedding.
    rtol : float, default 1e-6
        Rank <= 1 means the second singular value is at most ``rtol`` times the first.

    Returns
    -------
    bool

    Examples
    --------
    >>> rank_one(np.array([[1.0, 0.0], [-1.0, 0.0]])), rank_one(np.eye(2))
    (True, False)
    """
    s = np.linalg.svd(Z, compute_uv=False)
    return bool(len(s) < 2 or s[1] <= rtol * s[0])


# --- configurations equal up to rotations, reflections and relabelling --------------------------------
def procrustes(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, float]:
    """The orthogonal Q (rotation or reflection) that brings A closest to B, and the distance left.

    Orthogonal Procrustes: min over Q in O(d) of ||A Q - B||_F. With A^T B = U S V^T (SVD), Q = U V^T and
    ||A Q - B||_F^2 = ||A||_F^2 + ||B||_F^2 - 2 trace(S).

    Parameters
    ----------
    A, B : ndarray, shape (M, d)
        Two configurations (rows: points).

    Returns
    -------
    (ndarray, float)
        Q, shape (d, d), orthogonal, and ``||A Q - B||_F`` (computed from ``A @ Q - B``).

    Examples
    --------
    >>> A = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
    >>> Q, dist = procrustes(A, A @ np.array([[0.0, 1.0], [1.0, 0.0]]))   # a reflection
    >>> bool(dist < 1e-12), bool(np.isclose(np.linalg.det(Q), -1.0))
    (True, True)

    References
    ----------
    P. H. Schoenemann, "A generalized solution of the orthogonal Procrustes problem", Psychometrika 31
    (1966) 1-10.
    """
    u, _, vt = np.linalg.svd(A.T @ B)
    Q = u @ vt
    return Q, float(np.linalg.norm(A @ Q - B))


def _anchors(A: np.ndarray, rtol: float = 1e-6) -> list[int]:
    """Rows of A that span its row space, picked greedily (each the farthest from the span of the
    previous ones), so the rotation they pin down is well conditioned."""
    picked: list[int] = []
    R = A.copy()
    scale = max(1.0, float(np.max(np.linalg.norm(A, axis=1), initial=0.0)))
    while len(picked) < A.shape[1]:
        norms = np.linalg.norm(R, axis=1)
        i = int(np.argmax(norms))
        if norms[i] <= rtol * scale:
            break
        picked.append(i)
        q = R[i] / norms[i]
        R = R - np.outer(R @ q, q)
    return picked


def align(A: np.ndarray, B: np.ndarray, tol: float, modulo_permutations: bool = False,
          max_leaves: int = 100_000) -> dict:
    """Whether B is A up to a rotation or reflection (and a relabelling of the points), within ``tol``.

    Without permutations: orthogonal Procrustes (:func:`procrustes`), ``distance`` = min over Q in O(d)
    of ||A Q - B||_F. With permutations: min over Q and permutations P of ||P A Q - B||_F, searched
    exactly as follows. If ||P A Q - B||_F <= tol, every inner product of A differs from the matching one
    of B by at most 2 tol (unit rows), hence so do the sorted rows of the Gram matrices. The search
    maps rows of A that span its row space (:func:`_anchors`), one at a time, only to rows of B whose
    sorted Gram row and inner products with the rows already mapped agree within 2 tol; each complete
    map of the anchors fixes Q (Procrustes on the anchors), the other points go to their nearest partners
    (an assignment, ``scipy.optimize.linear_sum_assignment``), and Procrustes on all points gives the
    distance. The best map over all that pass the filters is returned. The true relabelling passes the
    filters (by the inequality above), and the rotation its anchors pin down is within O(tol / s) of
    the true one (s the smallest singular value of the anchors, which are picked to keep it large), so
    configurations equal within ``tol`` are recognised unless two points of one configuration lie
    within about that distance of each other (then either labelling is as good). The search is bounded
    by ``max_leaves`` complete anchor maps.

    Parameters
    ----------
    A, B : ndarray, shape (M, d)
        Configurations of unit vectors.
    tol : float
        Largest distance ||P A Q - B||_F that counts as equal.
    modulo_permutations : bool, default False
        Also allow relabelling the points.
    max_leaves : int, default 100000
        Most complete anchor maps tried (each one an assignment of M points).

    Returns
    -------
    dict
        ``equal`` (bool), ``distance`` (the smallest distance found; ``inf`` when no relabelling passed
        the filters), ``permutation`` (``perm`` with A[perm[j]] matched to B[j], or None), ``Q``
        (the orthogonal matrix, or None), ``leaves`` (anchor maps tried) and ``exhausted`` (False when
        ``max_leaves`` cut the search short).

    Examples
    --------
    >>> t = np.linspace(0, 2 * np.pi, 5, endpoint=False)
    >>> pentagon = np.stack([np.cos(t), np.sin(t)], axis=1)
    >>> relabelled = (pentagon @ np.array([[1.0, 0.0], [0.0, -1.0]]))[[2, 0, 4, 1, 3]]   # reflected, relabelled
    >>> align(pentagon, relabelled, 1e-9)["equal"], align(pentagon, relabelled, 1e-9, True)["equal"]
    (False, True)
    """
    if A.shape != B.shape:
        return {"equal": False, "distance": float("inf"), "permutation": None, "Q": None, "leaves": 0,
                "exhausted": True}
    if not modulo_permutations:
        Q, dist = procrustes(A, B)
        return {"equal": dist <= tol, "distance": dist, "permutation": list(range(len(A))), "Q": Q, "leaves": 1,
                "exhausted": True}
    from scipy.optimize import linear_sum_assignment

    slack = 2 * tol + 1e-12 * max(1, A.shape[0])  # rounding of the inner products
    GA, GB = A @ A.T, B @ B.T
    SA, SB = np.sort(GA, axis=1), np.sort(GB, axis=1)
    fits = np.max(np.abs(SA[:, None, :] - SB[None, :, :]), axis=2) <= slack  # fits[i, j]: A_i may be B_j
    best = {"equal": False, "distance": float("inf"), "permutation": None, "Q": None, "leaves": 0,
            "exhausted": True}
    if not np.all(fits.any(axis=1)) or not np.all(fits.any(axis=0)):
        return best
    anchors = _anchors(A)

    def leaf(images):
        Q, _ = procrustes(A[anchors], B[images])
        cost = np.linalg.norm((A @ Q)[:, None, :] - B[None, :, :], axis=2) ** 2
        rows, cols = linear_sum_assignment(cost)
        perm = np.empty(len(A), dtype=int)
        perm[cols] = rows
        Q, dist = procrustes(A[perm], B)
        return perm, Q, dist

    def extend(images):
        if best["leaves"] >= max_leaves:
            best["exhausted"] = False
            return True
        k = len(images)
        if k == len(anchors):
            best["leaves"] += 1
            perm, Q, dist = leaf(images)
            if dist < best["distance"]:
                best.update(distance=dist, permutation=[int(p) for p in perm], Q=Q, equal=dist <= tol)
            return False
        i = anchors[k]
        for j in np.flatnonzero(fits[i]):
            if j in images or any(abs(GA[i, anchors[m]] - GB[j, images[m]]) > slack for m in range(k)):
                continue
            if extend(images + [int(j)]):
                return True
        return False

    extend([])
    return best

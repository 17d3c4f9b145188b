"""Odd clique inequalities of the cut polytope (triangle, pentagonal, heptagonal) and their separation.

For q odd, q vertices v_1..v_q and signs s_1..s_q in {+1,-1}, every z in {+1,-1}^k satisfies

    sum_{a<b} s_a s_b z_{v_a} z_{v_b} = ((sum_a s_a z_{v_a})^2 - q) / 2 >= (1 - q) / 2,

because a sum of q (odd) terms +-1 is odd, so its square is at least 1. With X = z z^T this is the
linear inequality  b + sum_{a<b} s_a s_b X_{v_a v_b} >= 0  with right-hand side b = (q - 1) / 2, valid
for every cut matrix, so it can be added to the semidefinite relaxation of Max-Cut. q = 3 gives the four
triangle inequalities of a triple (the switchings s up to a global sign), q = 5 the pentagonal and
q = 7 the heptagonal ones (Barahona & Mahjoub's odd clique / hypermetric family). The Biq Mac and
BiqBin solvers add the same three families to the SDP bound.

:class:`CliqueCuts` stores such inequalities for a matrix of order k (vertices are indices 0..k-1),
evaluates their slacks at a matrix X, adds their multipliers into a matrix (the adjoint map), and maps
them to a branch-and-bound child where one vertex is fixed relative to vertex 0. The separation
routines find the most violated triangles by enumeration and pentagonal/heptagonal inequalities by a
greedy extension of nearly violated triangles.

>>> import numpy as np
>>> X = np.full((3, 3), -0.5) + 1.5 * np.eye(3)      # three unit vectors at 120 degrees
>>> cuts = separate_triangles(X, 10, 0.0)          # x01 + x02 + x12 = -1.5 < -1: violated
>>> len(cuts), cuts.vertices[0, :3].tolist(), cuts.signs[0, :3].tolist(), float(cuts.slack(X)[0])
(1, [0, 1, 2], [1, 1, 1], -0.5)

References
----------
Barahona & Mahjoub, "On the cut polytope", Math. Programming 36, 1986; Deza & Laurent, Geometry of
Cuts and Metrics, Springer 1997 (hypermetric inequalities); Rendl, Rinaldi & Wiegele, "Solving Max-Cut
to optimality by intersecting semidefinite and polyhedral relaxations", Math. Programming 121, 2010;
Gusmeroli, Hrga, Lužar, Povh, Siebenhofer & Wiegele, "BiqBin: a parallel branch-and-bound solver for
binary quadratic problems with linear constraints", ACM TOMS 48(2), 2022.
"""
from __future__ import annotations

from itertools import combinations

import numpy as np

__all__ = ["CliqueCuts", "separate_triangles", "separate_cliques", "SIZES"]

#: the clique sizes handled (triangles, pentagons, heptagons)
SIZES = (3, 5, 7)
_WIDTH = max(SIZES)
#: vertex signs of the four triangle inequalities of a triple i < j < k
_TRIANGLE_SIGNS = np.array([[1, 1, 1], [1, 1, -1], [1, -1, 1], [-1, 1, 1]])


class CliqueCuts:
    """A set of odd clique inequalities  b_c + sum_{a<b} s_a s_b X_{v_a v_b} >= 0  on k x k matrices.

    Parameters
    ----------
    k : int
        The order of the matrices (vertices are 0..k-1).
    vertices : numpy.ndarray, optional
        m x 7 integer array, row c holding the q_c distinct vertices of cut c then -1 padding.
    signs : numpy.ndarray, optional
        m x 7 array of +1/-1 (0 in the padding).
    sizes : numpy.ndarray, optional
        The q_c, each 3, 5 or 7.

    Examples
    --------
    >>> import numpy as np
    >>> c = CliqueCuts(3, np.array([[0, 1, 2, -1, -1, -1, -1]]), np.array([[1, 1, 1, 0, 0, 0, 0]]), np.array([3]))
    >>> c.rhs.tolist(), c.slack(np.eye(3)).tolist()     # 1 + x01 + x02 + x12 at X = I
    ([1.0], [1.0])
    >>> c.scatter(np.array([2.0])).tolist()              # 2 * S_c: 1/2 off the diagonal, times 2
    [[0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 0.0]]
    """

    def __init__(self, k: int, vertices=None, signs=None, sizes=None):
        self.k = int(k)
        self.vertices = np.zeros((0, _WIDTH), dtype=np.int64) if vertices is None else np.asarray(vertices, np.int64)
        self.signs = np.zeros((0, _WIDTH), dtype=np.int64) if signs is None else np.asarray(signs, np.int64)
        self.sizes = np.zeros(0, dtype=np.int64) if sizes is None else np.asarray(sizes, np.int64)
        self._pairs = None

    def __len__(self) -> int:
        return len(self.sizes)

    @property
    def rhs(self) -> np.ndarray:
        """The right-hand sides b_c = (q_c - 1) / 2 (1, 2 or 3)."""
        return (self.sizes - 1) / 2.0

    def pairs(self):
        """The inequalities as pair lists: (cut index, u, v, s_u s_v) for every pair of every cut."""
        if self._pairs is None:
            parts = []
            for q in SIZES:
                idx = np.flatnonzero(self.sizes == q)
                if len(idx):
                    for a, b in combinations(range(q), 2):
                        parts.append((idx, self.vertices[idx, a], self.vertices[idx, b],
                                      self.signs[idx, a] * self.signs[idx, b]))
            if parts:
                self._pairs = tuple(np.concatenate([p[i] for p in parts]) for i in range(4))
                self._pairs = self._pairs[:3] + (self._pairs[3].astype(float),)
            else:
                e = np.zeros(0, dtype=np.int64)
                self._pairs = (e, e, e, np.zeros(0))
        return self._pairs

    def slack(self, X: np.ndarray) -> np.ndarray:
        """b_c + sum_{a<b} s_a s_b X_{v_a v_b} per cut (negative: X violates the cut).

        Parameters
        ----------
        X : numpy.ndarray
            A symmetric k x k matrix.

        Returns
        -------
        numpy.ndarray
            One slack per cut.
        """
        c, u, v, coef = self.pairs()
        return self.rhs + np.bincount(c, coef * X[u, v], len(self))

    def scatter(self, gamma: np.ndarray, absolute: bool = False) -> np.ndarray:
        """sum_c gamma_c S_c, where S_c has s_a s_b / 2 at (v_a, v_b) and (v_b, v_a) (the adjoint map).

        Parameters
        ----------
        gamma : numpy.ndarray
            One multiplier per cut.
        absolute : bool, default False
            Use |s_a s_b| / 2 instead (for rounding-error bounds).

        Returns
        -------
        numpy.ndarray
            The symmetric k x k matrix; <scatter(gamma), X> = sum_c gamma_c (slack_c(X) - b_c).
        """
        c, u, v, coef = self.pairs()
        k = self.k
        w = (np.abs(coef) if absolute else coef) * gamma[c] / 2
        return (np.bincount(u * k + v, w, k * k) + np.bincount(v * k + u, w, k * k)).reshape(k, k)

    def max_terms(self) -> int:
        """The most cut terms that fall on one matrix entry (for the rounding-error bound of :meth:`scatter`)."""
        c, u, v, _ = self.pairs()
        if len(c) == 0:
            return 0
        lo, hi = np.minimum(u, v), np.maximum(u, v)
        return int(np.bincount(lo * self.k + hi).max())

    def select(self, mask) -> "CliqueCuts":
        """The cuts where ``mask`` is true (or at the given indices)."""
        return CliqueCuts(self.k, self.vertices[mask], self.signs[mask], self.sizes[mask])

    def extend(self, other: "CliqueCuts") -> "CliqueCuts":
        """These cuts followed by ``other``'s (same order k)."""
        return CliqueCuts(self.k, np.vstack([self.vertices, other.vertices]), np.vstack([self.signs, other.signs]),
                          np.concatenate([self.sizes, other.sizes]))

    def key(self, i: int) -> tuple:
        """A canonical key of cut i (sorted vertices, signs normalised to s_1 = +1), to skip duplicates."""
        return _key(self.vertices[i], self.signs[i], self.sizes[i])

    def keys(self) -> set:
        """The set of :meth:`key` of every cut."""
        return {self.key(i) for i in range(len(self))}

    def triangle_codes(self) -> np.ndarray:
        """One integer per triangle cut, equal for equal inequalities (vectorised :meth:`key`; other sizes: -1)."""
        V, S = self.vertices[:, :3], self.signs[:, :3]
        order = np.argsort(V, 1, kind="stable")
        V, S = np.take_along_axis(V, order, 1), np.take_along_axis(S, order, 1) * S[np.arange(len(V)), order[:, 0], None]
        code = ((V[:, 0] * self.k + V[:, 1]) * self.k + V[:, 2]) * 4 + 2 * (S[:, 1] < 0) + (S[:, 2] < 0)
        return np.where(self.sizes == 3, code, -1)

    def fix(self, r: int, sigma: int) -> tuple["CliqueCuts", np.ndarray]:
        """The cuts after substituting z_r = sigma * z_0 and deleting vertex r (order k - 1).

        The substitution keeps every inequality valid (its slack at z is unchanged); cuts holding both
        0 and r would repeat a vertex and are dropped; vertices above r move down by one.

        Parameters
        ----------
        r : int
            The vertex fixed (1..k-1).
        sigma : int
            +1 or -1.

        Returns
        -------
        (CliqueCuts, numpy.ndarray)
            The child's cuts and the indices of the kept ones (to carry their multipliers).

        Examples
        --------
        >>> c = CliqueCuts(4, [[0, 1, 2, -1, -1, -1, -1], [1, 2, 3, -1, -1, -1, -1]],
        ...                [[1, 1, 1, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0, 0]], [3, 3])
        >>> child, kept = c.fix(2, -1)            # z_2 = -z_0: the first cut repeats 0 and goes
        >>> kept.tolist(), child.vertices[0, :3].tolist(), child.signs[0, :3].tolist()
        ([1], [1, 0, 2], [1, -1, 1])
        """
        V, S, Q = self.vertices, self.signs, self.sizes
        has_r = (V == r).any(1)
        keep = ~(has_r & (V == 0).any(1))
        V, S = V[keep].copy(), S[keep].copy()
        at_r = V == r
        S[at_r] *= sigma
        V[at_r] = 0
        V[V > r] -= 1
        return CliqueCuts(self.k - 1, V, S, Q[keep]), np.flatnonzero(keep)


def _key(v, s, q):
    order = np.argsort(v[:q], kind="stable")
    vv, ss = v[:q][order], s[:q][order]
    return tuple(vv.tolist()), tuple((ss * ss[0]).tolist())


def _triples(k: int, first: range) -> np.ndarray:
    """The triples i < j < l of 0..k-1 with i in ``first``, as an array of shape (count, 3)."""
    parts = []
    for i in first:
        j, l = np.triu_indices(k - i - 1, 1)
        parts.append(np.column_stack([np.full(len(j), i), j + i + 1, l + i + 1]))
    return np.concatenate(parts) if parts else np.zeros((0, 3), dtype=np.int64)


def _cuts(k, V, S, q) -> CliqueCuts:
    out_v = np.full((len(V), _WIDTH), -1, dtype=np.int64)
    out_s = np.zeros((len(V), _WIDTH), dtype=np.int64)
    out_v[:, :V.shape[1]], out_s[:, :S.shape[1]] = V, S
    return CliqueCuts(k, out_v, out_s, np.full(len(V), q, dtype=np.int64))


def _top(violation: np.ndarray, max_cuts: int, min_violation: float) -> np.ndarray:
    """Indices of the at most ``max_cuts`` largest entries above ``min_violation``, largest first."""
    cand = np.flatnonzero(violation > min_violation)
    if len(cand) > max_cuts:
        cand = cand[np.argpartition(-violation[cand], max_cuts - 1)[:max_cuts]]
    return cand[np.argsort(-violation[cand], kind="stable")]


def separate_triangles(X: np.ndarray, max_cuts: int, min_violation: float = 0.0, stop=None) -> CliqueCuts:
    """The most violated triangle inequalities at X (by enumeration of all triples and switchings).

    Parameters
    ----------
    X : numpy.ndarray
        A symmetric k x k matrix (an approximate primal solution of the relaxation).
    max_cuts : int
        The most inequalities returned.
    min_violation : float, default 0
        Only inequalities with -slack above this are returned (a negative value returns nearly violated
        ones too, used as seeds of :func:`separate_cliques`).
    stop : callable, optional
        Called between chunks of about a million triples; when it returns True the enumeration ends and
        the most violated among the triples seen so far are returned (for time limits: order 1000 takes
        seconds).

    Returns
    -------
    CliqueCuts
        Most violated first.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1, 1, -1], [1, 1, 1], [-1, 1, 1]], dtype=float)   # x01 = x12 = 1, x02 = -1
    >>> c = separate_triangles(X, 5)
    >>> c.signs[0, :3].tolist(), c.slack(X).tolist()                   # x01 - x02 + x12 <= 1 fails by 2
    ([1, -1, 1], [-2.0])
    """
    k = X.shape[0]
    if k < 3 or max_cuts <= 0:
        return CliqueCuts(k)
    S = _TRIANGLE_SIGNS
    best_t, best_v = [], []
    chunk = max(1, 3_000_000 // (k * k))          # about a million triples at a time
    for start in range(0, k - 2, chunk):
        if best_t and stop is not None and stop():
            break
        T = _triples(k, range(start, min(start + chunk, k - 2)))
        a, b, c = T[:, 0], T[:, 1], T[:, 2]
        xab, xac, xbc = X[a, b], X[a, c], X[b, c]
        # violation = -(1 + s_a s_b x_ab + s_a s_c x_ac + s_b s_c x_bc)
        viol = np.stack([-(1 + s[0] * s[1] * xab + s[0] * s[2] * xac + s[1] * s[2] * xbc) for s in S], 1).ravel()
        pick = _top(viol, max_cuts, min_violation)
        best_t.append(np.column_stack([T[pick // 4], pick % 4]))
        best_v.append(viol[pick])
    found, viol = np.concatenate(best_t), np.concatenate(best_v)
    pick = _top(viol, max_cuts, -np.inf)
    return _cuts(k, found[pick, :3], S[found[pick, 3]], 3)


def separate_cliques(X: np.ndarray, q: int, seeds: CliqueCuts, max_cuts: int, min_violation: float = 0.0,
                     rng: np.random.Generator | None = None, known: set | None = None) -> CliqueCuts:
    """Violated odd clique inequalities on q vertices (5 or 7), grown greedily from triangle seeds.

    Each seed triangle (vertices and signs) is extended one vertex at a time by the vertex v and sign t
    that make sum_{a<b} s_a s_b X_{v_a v_b} smallest (t * sum_a s_a X_{v, v_a} most negative), with a
    little random noise to diversify; the violated results are returned, most violated first, without
    duplicates (nor cuts in ``known``).

    Parameters
    ----------
    X : numpy.ndarray
        A symmetric k x k matrix.
    q : int
        5 or 7.
    seeds : CliqueCuts
        Triangle inequalities to grow (typically violated or nearly violated ones).
    max_cuts : int
        The most inequalities returned.
    min_violation : float, default 0
        Only inequalities with -slack above this are returned.
    rng : numpy.random.Generator, optional
        Source of the tie-breaking noise (default: seed 0).
    known : set, optional
        Keys (see :meth:`CliqueCuts.keys`) of cuts to leave out.

    Returns
    -------
    CliqueCuts

    Examples
    --------
    >>> import numpy as np
    >>> X = np.full((5, 5), -0.25) + 1.25 * np.eye(5)   # 5 unit vectors summing to 0: sum x_ab = -2.5
    >>> c = separate_cliques(X, 5, separate_triangles(X, 10, -1.0), 3)
    >>> len(c), c.sizes.tolist(), c.slack(X).round(6).tolist()
    (1, [5], [-0.5])
    """
    k = X.shape[0]
    T = len(seeds)
    if k < q or T == 0 or max_cuts <= 0:
        return CliqueCuts(k)
    rng = np.random.default_rng(0) if rng is None else rng
    V = np.full((T, q), -1, dtype=np.int64)
    S = np.zeros((T, q), dtype=np.int64)
    V[:, :3], S[:, :3] = seeds.vertices[:, :3], seeds.signs[:, :3]
    rows = np.arange(T)
    pull = np.zeros((T, k))            # pull[t, v] = sum_a s_a X[v, v_a]
    for a in range(3):
        pull += S[:, a, None] * X[V[:, a]]
    value = sum(S[:, a] * S[:, b] * X[V[:, a], V[:, b]] for a, b in combinations(range(3), 2))
    scale = 0.02 * (1 + np.abs(pull).max())
    for pos in range(3, q):
        score = -np.abs(pull) + scale * rng.random(pull.shape)
        for a in range(pos):
            score[rows, V[:, a]] = np.inf
        v = np.argmin(score, 1)
        t = np.where(pull[rows, v] > 0, -1, 1)
        value = value + t * pull[rows, v]
        V[:, pos], S[:, pos] = v, t
        pull += t[:, None] * X[v]
    violation = -(value + (q - 1) / 2)
    seen = set() if known is None else set(known)
    chosen = []
    for i in _top(violation, T, min_violation):
        key = _key(V[i], S[i], q)
        if key not in seen:
            seen.add(key)
            chosen.append(i)
            if len(chosen) == max_cuts:
                break
    chosen = np.array(chosen, dtype=np.int64)
    return _cuts(k, V[chosen].reshape(-1, q), S[chosen].reshape(-1, q), q)

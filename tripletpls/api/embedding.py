"""``LocalSearchEmbedding``: ordinal (triplet) embedding by exact local search, as a scikit-learn estimator.

Given triplets "i is closer to j than to k" (cblearn's list-order rows, or list-boolean rows with
responses y), ``fit`` places the objects on the line (``n_components=1``) or in the plane
(``n_components=2``) by improving single-point moves, each point going to an exact best position for
its triplets (the engines of ``localsearch.triplets``: an exact sweep on the line, an exact
vertical-slab sweep in the plane), until no single point can be moved to satisfy more triplet weight.

The fitted ``embedding_`` is itself that local optimum, certified. Every position the search chooses
is a dyadic rational with few significant bits (hence exactly a float64): the engine's best position
lies inside an open cell on which the point's satisfied weight is constant (the satisfied sets are
open), so rounding it to the grid 2^e for e = top, top - 1, ... reaches a grid point of the same value
after finitely many tries (``dyadic_near``). Start positions are integers (``init="random"``) or a
given float array rounded to 40 significant bits of its range. So ``embedding_`` holds the exact positions the engine works on,
and ``fit`` certifies them from scratch with the exact engine (``localsearch.triplets.line.certify``
or ``rd.certify``) before returning: ``certificate_.local_optimum`` is True (unless ``max_steps`` or
``time_limit`` stopped the search, which warns).

Supported exactly: ``n_components`` 1 and 2. The exact best move in R^d for d >= 3 is implemented
only when the other points of a point's triplets are collinear, which a general embedding does not
keep, so d >= 3 is refused with a ``ValueError``. In the plane a best move costs O(K^3 log K) exact
comparisons for a point in K triplets: fine for tens of objects, slow beyond.

>>> X = [[0, 1, 2], [1, 2, 0], [2, 1, 0], [0, 1, 3], [3, 2, 0]]
>>> est = LocalSearchEmbedding(random_state=0).fit(X)
>>> est.score(X), est.certificate_.local_optimum, est.embedding_.shape
(1.0, True, (4, 1))
"""
from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np

try:
    from sklearn.base import BaseEstimator, TransformerMixin
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.utils.validation import check_array, check_is_fitted, check_random_state
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError("LocalSearchEmbedding needs scikit-learn: pip install 'tripletpls[sklearn]'") from e

from instances import InstanceError
from instances.triplet_arrays import instance_from_rows, orient
from localsearch.core.rules import RULES
from localsearch.triplets import line, rd
from localsearch.triplets.driver import run

__all__ = ["LocalSearchEmbedding", "dyadic_near", "SUPPORTED_COMPONENTS"]

SUPPORTED_COMPONENTS = (1, 2)
"""The embedding dimensions with exact, certified local search."""

START_BITS = 40
"""A given ``init`` array is rounded to multiples of 2^(e - 40), 2^e > its largest |value| (about 12 digits)."""


def dyadic_near(x, same_value, max_tries: int = 4000):
    """A dyadic point with few significant bits near ``x`` that ``same_value`` accepts.

    Tries x rounded to the grids 2^e Z (each coordinate), e decreasing from above the largest
    coordinate, and returns the first accepted grid point; ``x`` must lie inside an open set that
    ``same_value`` accepts, so a fine enough grid point is accepted.

    Parameters
    ----------
    x : int, Fraction or tuple of them
        The point (a number on the line, a tuple in the plane).
    same_value : callable
        ``same_value(y) -> bool`` for a candidate of the same form.
    max_tries : int, default 4000
        Grids to try before giving up.

    Returns
    -------
    int, Fraction or tuple
        Integers where integral.

    Raises
    ------
    RuntimeError
        If no grid point within ``max_tries`` grids is accepted (x not interior).

    Examples
    --------
    >>> dyadic_near(Fraction(2, 5), lambda y: Fraction(1, 3) < y < Fraction(1, 2))
    Fraction(3, 8)
    >>> dyadic_near(1000, lambda y: 990 < y < 1010)  # 31 * 2^5
    992
    """
    coords = x if isinstance(x, tuple) else (x,)
    top = max((abs(Fraction(c)) for c in coords), default=Fraction(0))
    e = (math.floor(top).bit_length() + 1) if top >= 1 else 1
    for _ in range(max_tries):
        grid = Fraction(2) ** e
        cand = tuple(line.int_if_integral(round(Fraction(c) / grid) * grid) for c in coords)
        y = cand if isinstance(x, tuple) else cand[0]
        if same_value(y):
            return y
        e -= 1
    raise RuntimeError(f"no dyadic point near {x} keeps its value within {max_tries} grids")


class _Dyadic:
    """Mixin for an engine state: its best positions moved to short dyadics of the same value."""

    value = None  # the engine's point_value(p, y, pos, trips)

    def best(self, p: int):
        gain, move = super().best(p)
        if move is None:
            return gain, move
        pos, trips, value = self.pos, self.inc[p], self.value
        target = value(p, move[1], pos, trips)
        return gain, (p, dyadic_near(move[1], lambda y: value(p, y, pos, trips) == target))


class _DyadicLine(_Dyadic, line.LineState):
    """The line engine's state with dyadic best positions."""

    value = staticmethod(line.point_value)


class _DyadicPlane(_Dyadic, rd.SpaceState):
    """The R^d engine's state (used in the plane) with dyadic best positions."""

    value = staticmethod(rd.point_value)


class _Overflow(Exception):
    """The compiled path's int64 grid cannot hold the next position: continue on the exact Python path."""


class _FastLine:
    """Dyadic positions U / 2^s as int64 U, with the compiled exact best move (``line_kernel``).

    A ``driver.MoveState``; moves are ``(p, U, s)`` (valid on any later, finer grid); raises
    ``_Overflow`` when a position would leave |U| < 2^57.
    """

    stable_moves = True
    arithmetic = "int64-dyadic"

    def __init__(self, inst, start):
        from localsearch.triplets.driver import incidence

        from . import line_kernel as K

        self.K = K
        pos = [Fraction(x) for x in inst.check_solution(start)]
        if any(x.denominator & (x.denominator - 1) for x in pos):
            raise _Overflow("a start position is not dyadic")
        self.s = max((x.denominator.bit_length() - 1 for x in pos), default=0)
        U = [int(x * 2**self.s) for x in pos]
        if any(abs(u) >= K.LIMIT for u in U):
            raise _Overflow("start positions too large for int64")
        self.U = np.array(U, dtype=np.int64)
        self.inc = incidence(inst)
        trips = np.array([t for t in inst.triplets], dtype=np.int64).reshape(-1, 4)
        self.A, self.B, self.C, self.W = (np.ascontiguousarray(trips[:, i]) for i in range(4))
        counts = np.zeros(inst.points + 1, dtype=np.int64)
        for col in (self.A, self.B, self.C):
            np.add.at(counts, col + 1, 1)
        self.ptr = np.cumsum(counts)
        order = np.argsort(np.concatenate([self.A, self.B, self.C]), kind="stable")
        self.idx = np.tile(np.arange(len(self.A), dtype=np.int64), 3)[order]

    def best(self, p: int):
        while True:
            gain, u, status = self.K.best_move(p, self.U, self.ptr, self.idx, self.A, self.B, self.C, self.W)
            if status == self.K.OK:
                return (int(gain), (p, int(u), self.s)) if gain > 0 else (0, None)
            if np.abs(self.U).max() >= self.K.LIMIT // 2:
                raise _Overflow("the grid cannot be refined further in int64")
            self.U *= 2
            self.s += 1

    def apply(self, move) -> None:
        p, u, s = move
        u <<= self.s - s
        if abs(u) >= self.K.LIMIT:
            raise _Overflow("a position leaves the int64 range")
        self.U[p] = u

    def solution(self):
        return tuple(line.int_if_integral(Fraction(int(u), 2**self.s)) for u in self.U)


def _search(inst, start, d, rule, seed, max_steps, time_limit):
    """The run: on the compiled int64 path on the line while it fits, else (or from there on) exact Python."""
    if d == 1:
        try:
            state = _FastLine(inst, start)
        except _Overflow:
            state = None
        if state is not None:
            moves: list = []
            try:
                return run(inst, state, rule, seed, max_steps, time_limit, trajectory=moves)
            except _Overflow:  # continue exactly from where the compiled path stopped
                start = state.solution()
                max_steps = None if max_steps is None else max_steps - len(moves)
                res = run(inst, _DyadicLine(inst, start), rule, seed, max_steps, time_limit)
                res.steps += len(moves)
                return res
    return run(inst, (_DyadicLine if d == 1 else _DyadicPlane)(inst, start), rule, seed, max_steps, time_limit)


class LocalSearchEmbedding(TransformerMixin, BaseEstimator):
    """Ordinal embedding whose result is a certified local optimum of the satisfied triplets.

    Parameters
    ----------
    n_components : int, default 1
        The embedding dimension: 1 (the line) or 2 (the plane); see the module docstring.
    rule : str, default "steepest"
        The pivot rule choosing which point moves: ``steepest`` (largest gain, ties to the lowest
        index), ``first``, ``last``, ``cyclic``, ``random``, ``least``.
    random_state : int, RandomState or None, default None
        Seeds the random start and the ``random`` rule.
    init : "random" or array of shape (n_objects, n_components), default "random"
        ``"random"``: a random permutation of 0..n-1 on the line, random integer points in the plane.
        An array (e.g. another estimator's embedding): start there, rounded to 40 bits below its largest
        value (``START_BITS``; relative 1e-12), so that the compiled int64 path has room to refine.
    max_steps : int, optional
        Stop after this many moves (the result is then in general not a local optimum).
    time_limit : float, optional
        Stop after about this many seconds (likewise).

    Attributes
    ----------
    embedding_ : numpy.ndarray
        float64, shape (n_objects, n_components): the exact positions of the local optimum.
    positions_ : tuple
        The same positions as exact ``Fraction`` s (tuples of them in the plane).
    certificate_ : Certificate
        The exact engine's certificate of ``positions_``: ``local_optimum``, ``witness`` (an improving
        move, if any), ``value`` (the satisfied weight).
    n_iter_ : int
        The number of improving moves made.
    satisfied_ : int
        Satisfied triplets (counted with multiplicity).
    n_features_in_ : int
        3: the columns of the triplet array.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> truth = rng.permutation(12)
    >>> X = rng.integers(0, 12, size=(300, 3))
    >>> X = X[(X[:, 0] != X[:, 1]) & (X[:, 0] != X[:, 2]) & (X[:, 1] != X[:, 2])]
    >>> y = np.abs(truth[X[:, 0]] - truth[X[:, 1]]) < np.abs(truth[X[:, 0]] - truth[X[:, 2]])
    >>> est = LocalSearchEmbedding(random_state=1).fit(X, y)
    >>> est.certificate_.local_optimum, est.score(X, y) > 0.9
    (True, True)
    """

    def __init__(self, n_components=1, rule="steepest", random_state=None, init="random", max_steps=None,
                 time_limit=None):
        self.n_components = n_components
        self.rule = rule
        self.random_state = random_state
        self.init = init
        self.max_steps = max_steps
        self.time_limit = time_limit

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = True
        tags.input_tags.categorical = True
        tags.transformer_tags.preserves_dtype = []
        return tags

    def _check_params(self):
        d = self.n_components
        if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d not in SUPPORTED_COMPONENTS:
            raise ValueError(f"n_components={d!r} is not supported: certified local search is exact for 1 (the line) "
                             "and 2 (the plane) dimensions; in R^d, d >= 3, the exact best move of a point is "
                             "implemented only for collinear neighbours")
        if self.rule not in RULES:
            raise ValueError(f"rule={self.rule!r} is not a pivot rule (one of {', '.join(RULES)})")
        for name in ("max_steps", "time_limit"):
            v = getattr(self, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float, np.number)) or v < 0):
                raise ValueError(f"{name}={v!r} must be None or a non-negative number")
        return int(d)

    @staticmethod
    def _oriented(X, y=None):
        """Validated list-order rows (t, 3) from X (and y), with scikit-learn's messages for the generic
        problems (sparse, complex, NaN/inf, empty)."""
        X = check_array(X, accept_sparse=False, dtype=None)
        if X.shape[1] != 3:
            raise ValueError(f"X must hold triplets (i, j, k) of object indices, shape (n_triplets, 3); got shape {X.shape}")
        if X.dtype.kind in "iuf" and (X < 0).any():
            raise ValueError("Negative values in data: object indices must be >= 0")
        if y is not None:
            y = check_array(y, ensure_2d=False, dtype=None)
        try:
            return orient(X, y)
        except InstanceError as e:
            raise ValueError(str(e)) from None

    def _start(self, inst, d, rng):
        n = inst.points
        if isinstance(self.init, str):
            if self.init != "random":
                raise ValueError(f"init={self.init!r} must be 'random' or an array of shape (n_objects, n_components)")
            if d == 1:
                return tuple(int(v) for v in rng.permutation(n))
            return tuple((int(a), int(b)) for a, b in rng.randint(0, 4 * max(n, 1), size=(n, 2)))
        arr = np.asarray(self.init, dtype=np.float64)
        if arr.ndim == 1 and d == 1:
            arr = arr[:, None]
        if arr.shape != (n, d):
            raise ValueError(f"init has shape {arr.shape}, expected ({n}, {d}) for {n} objects")
        if not np.all(np.isfinite(arr)):
            raise ValueError("init holds NaN or infinite values")
        top = float(np.abs(arr).max()) if arr.size else 0.0
        grid = Fraction(2) ** (START_BITS - (math.frexp(top)[1] if top > 0 else 0))
        exact = [tuple(line.int_if_integral(Fraction(round(Fraction(float(c)) * grid)) / grid) for c in row) for row in arr]
        return tuple(r[0] for r in exact) if d == 1 else tuple(exact)

    def fit(self, X, y=None, n_objects=None):
        """Embed the objects of the triplets X (with responses y) at a certified local optimum.

        Parameters
        ----------
        X : array_like of int, shape (t, 3)
            Triplets (i, j, k): list-order "i closer to j than to k", or list-boolean/count with ``y``.
        y : array_like, shape (t,), optional
            Responses: True/1 keeps a row, False/0/-1 swaps j and k (cblearn's conventions).
        n_objects : int, optional
            The number of objects (default: 1 + the largest index).

        Returns
        -------
        self

        Raises
        ------
        ValueError
            For malformed triplets or responses, an unsupported ``n_components``, rule or init.
        """
        d = self._check_params()
        rows = self._oriented(X, y)
        try:
            inst = instance_from_rows(rows, points=n_objects, dim=d)
        except InstanceError as e:
            raise ValueError(str(e)) from None
        rng = check_random_state(self.random_state)
        start = self._start(inst, d, rng)
        seed = int(rng.randint(0, 2**31 - 1))
        res = _search(inst, start, d, self.rule, seed, self.max_steps, self.time_limit)
        cert = (line if d == 1 else rd).certify(inst, res.solution)
        emb = np.array([[float(c) for c in (p if d > 1 else (p,))] for p in res.solution], dtype=np.float64)
        emb = emb.reshape(inst.points, d)
        back = [tuple(Fraction(float(c)) for c in (p if d > 1 else (p,))) for p in res.solution]
        if any(b != (p if d > 1 else (p,)) for b, p in zip(back, res.solution)):
            raise RuntimeError("a position is not exactly a float64; please report this instance")
        if not cert.local_optimum:
            warnings.warn(f"local search stopped ({res.status}) before a local optimum: an improving move "
                          f"remains ({cert.witness})", ConvergenceWarning, stacklevel=2)
        self.embedding_ = emb
        self.positions_ = res.solution
        self.certificate_ = cert
        self.n_iter_ = res.steps
        self.satisfied_ = cert.value
        self.n_features_in_ = 3
        return self

    def transform(self, X=None):
        """The fitted embedding, one row per OBJECT (as in cblearn; X, if given, is only validated).

        Parameters
        ----------
        X : array_like of int, shape (t, 3), optional
            Triplets of the fitted objects (there for pipelines).

        Returns
        -------
        numpy.ndarray
            ``embedding_``.
        """
        check_is_fitted(self, "embedding_")
        if X is not None:
            self._rows(X)
        return self.embedding_

    def predict(self, X):
        """Which triplets the embedding satisfies: True iff ||x_i - x_j|| < ||x_i - x_k||, exactly.

        Parameters
        ----------
        X : array_like of int, shape (t, 3)
            Triplets (i, j, k) of fitted objects.

        Returns
        -------
        numpy.ndarray
            bool, shape (t,) (cblearn's list-boolean responses).
        """
        check_is_fitted(self, "positions_")
        rows = self._rows(X)
        pos = [p if isinstance(p, tuple) else (p,) for p in self.positions_]

        def sq(a, b):
            return sum((u - v) ** 2 for u, v in zip(pos[a], pos[b]))

        return np.array([sq(i, j) < sq(i, k) for i, j, k in rows.tolist()], dtype=bool)

    def _rows(self, X, y=None):
        rows = self._oriented(X, y)
        if len(rows) and rows.max() >= len(self.positions_):
            raise ValueError(f"triplets name object {int(rows.max())}, but {len(self.positions_)} objects were fitted")
        return rows

    def score(self, X, y=None):
        """The fraction of the triplets (X, y) that the embedding satisfies (strictly, exactly).

        Parameters
        ----------
        X : array_like of int, shape (t, 3)
            Triplets, as for ``fit``.
        y : array_like, optional
            Responses, as for ``fit``.

        Returns
        -------
        float
            In [0, 1]; 1.0 for no triplets.
        """
        rows = self._rows(X, y)
        if not len(rows):
            return 1.0
        return float(np.mean(self.predict(rows)))

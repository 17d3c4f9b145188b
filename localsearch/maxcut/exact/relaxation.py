"""The semidefinite bound of Max-Cut strengthened by odd clique inequalities, with certified values.

For a symmetric k x k matrix L (the node's problem is max z^T L z over z in {+1,-1}^k) and a set of
odd clique inequalities b_c + <S_c, X> >= 0 (:mod:`.cuts`), the relaxation is

    max <L, X>  s.t.  diag(X) = e,  b_c + <S_c, X> >= 0 (every cut c),  X psd.

**Bound.** For any y in R^k and gamma >= 0, with M = L + sum_c gamma_c S_c - Diag(y), every cut matrix
X = z z^T satisfies <L, X> = <M, X> + sum(y) - sum_c gamma_c <S_c, X> <= k * max(0, lambda_max(M))
+ sum(y) + sum_c gamma_c b_c (trace X = k). :func:`certified_bound` evaluates this in floating point
and adds rigorous margins for the rounding in forming M (each entry is a sum of at most t + 2 terms),
for the eigenvalue solver (backward stable: error below 64 k eps ||M||_F, generous) and for the sums,
so the returned number is a proven upper bound whatever (y, gamma) the optimiser produced.

**Optimiser.** (y, gamma) are found by a proximal point method on the primal (equivalently an augmented
Lagrangian on the dual): with a centre C and a step alpha, the regularised problem
max <L, X> - (alpha / 2) ||X - C||^2 has the smooth dual

    phi(y, gamma) = sum(y) + sum_c gamma_c b_c + ||[M + alpha C]_+||^2 / (2 alpha),

whose gradient is (1 - diag X, b_c + <S_c, X>) at X = [M + alpha C]_+ / alpha (one eigendecomposition
per evaluation). phi is minimised over gamma >= 0 by L-BFGS-B (scipy), the centre moves to X, violated
inequalities are separated at X and added (multiplier 0), inactive ones (multiplier 0) are purged, and
the loop repeats. This is the regularisation approach of Malick, Povh, Rendl & Wiegele (2009), used for
Max-Cut with triangle inequalities by Krislock, Malick & Roupin (BiqCrunch, 2014); Biq Mac and BiqBin
optimise the same Lagrangian dual with a bundle method instead.

>>> import numpy as np
>>> W = np.ones((3, 3)) - np.eye(3)                 # the triangle: max cut 2, SDP value 9/4
>>> L = (np.diag(W.sum(1)) - W) / 4
>>> plain = bound_relaxation(L, sizes=())
>>> with_cuts = bound_relaxation(L)
>>> bool(2.25 <= plain.bound < 2.26), bool(2 <= with_cuts.bound < 2.01)
(True, True)

References
----------
Malick, Povh, Rendl & Wiegele, "Regularization methods for semidefinite programming", SIAM J. Optim.
20(1), 2009; Krislock, Malick & Roupin, "Improved semidefinite bounding procedure for solving Max-Cut
problems to optimality", Math. Programming 143, 2014; Rendl, Rinaldi & Wiegele, Math. Programming 121,
2010 (Biq Mac); Goemans & Williamson, JACM 42(6), 1995.
"""
from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize

from .cuts import SIZES, CliqueCuts, separate_cliques, separate_triangles

__all__ = ["certified_bound", "bound_relaxation", "Relaxation", "NodeStart", "one_blas_thread"]

EPS = float(np.finfo(float).eps)
#: matrices up to this order get one BLAS thread (see :func:`one_blas_thread`); 0 keeps the library default
ONE_THREAD_UP_TO = 20_000


def one_blas_thread(k: int):
    """A context capping BLAS/LAPACK at one thread for matrices of order k <= ``ONE_THREAD_UP_TO``.

    On small matrices (eigendecompositions of order ~100 take a millisecond) extra BLAS threads mostly
    spin-wait for each other; when another process occupies a core, a waiting thread is descheduled and
    every call stalls (measured: order-60 ``eigh`` 0.9 ms on one thread, 45 ms on two under load). The
    same holds far beyond "small" on a loaded 2-core machine: order-1000 ``eigh`` took 0.3 s on one
    thread and 13.6 s on two (``bench/bench_exact.py --part load``), so the cap covers every order up to
    ``ONE_THREAD_UP_TO`` (larger ones could not be stored by the solver anyway).

    Parameters
    ----------
    k : int
        The matrix order.

    Returns
    -------
    context manager

    Examples
    --------
    >>> from threadpoolctl import threadpool_info
    >>> with one_blas_thread(100):
    ...     all(p["num_threads"] == 1 for p in threadpool_info() if p["user_api"] == "blas")
    True
    """
    if k > ONE_THREAD_UP_TO:
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def certified_bound(L: np.ndarray, y: np.ndarray, cuts: CliqueCuts, gamma: np.ndarray) -> float:
    """A proven upper bound on max z^T L z over z in {+1,-1}^k from any y and gamma >= 0.

    sum(y) + sum_c gamma_c b_c + k * max(0, lambda_max(L + sum_c gamma_c S_c - Diag(y))), raised by
    rigorous margins for every floating-point error (see the module docstring).

    Parameters
    ----------
    L : numpy.ndarray
        The symmetric k x k objective (its entries exact in floating point).
    y : numpy.ndarray
        Any k reals.
    cuts : CliqueCuts
        The inequalities (valid for every cut matrix).
    gamma : numpy.ndarray
        One multiplier per cut, each >= 0.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If a multiplier is negative or not finite.

    Examples
    --------
    >>> import numpy as np
    >>> L = np.array([[0.5, -0.5], [-0.5, 0.5]])       # one edge of weight 2: max cut 2
    >>> b = certified_bound(L, np.array([1.0, 1.0]), CliqueCuts(2), np.zeros(0))
    >>> bool(2 <= b < 2 + 1e-12)
    True
    """
    k = len(y)
    gamma = np.asarray(gamma, dtype=float)
    if len(gamma) != len(cuts) or (len(gamma) and not (np.all(np.isfinite(gamma)) and gamma.min() >= 0)):
        raise ValueError("the multipliers must be finite, non-negative and one per cut")
    if not np.all(np.isfinite(y)):
        return math.inf
    M = L + cuts.scatter(gamma)
    M[np.diag_indices(k)] -= y
    terms = cuts.max_terms() + 4
    # |M - fl(M)| <= terms * eps * (|L| + sum |gamma_c S_c| + |Diag(y)|), the last computed with error <= terms * eps
    E = np.abs(L) + cuts.scatter(gamma, absolute=True) * (1 + terms * EPS)
    E[np.diag_indices(k)] += np.abs(y)
    entry_error = terms * EPS * float(np.linalg.norm(E)) * (1 + 4 * EPS)
    lam = float(np.linalg.eigvalsh(M)[-1])
    lam_up = lam + 64 * k * EPS * float(np.linalg.norm(M)) + entry_error
    bg = cuts.rhs * gamma
    total = math.fsum(y) + math.fsum(bg) + k * max(0.0, lam_up)
    margin = (k + len(gamma) + 8) * EPS * (math.fsum(np.abs(y)) + math.fsum(bg) + k * abs(lam_up) + 1.0)
    return total + margin


@dataclass
class NodeStart:
    """Where the optimiser of a node starts: multipliers, cuts and proximal centre (from the parent)."""

    y: np.ndarray
    cuts: CliqueCuts
    gamma: np.ndarray
    centre: np.ndarray | None = None

    @classmethod
    def cold(cls, L: np.ndarray) -> "NodeStart":
        """A start from scratch: y with Diag(y) - L diagonally dominant, no cuts, centre 0."""
        y = np.diag(L) + np.abs(L).sum(1) - np.abs(np.diag(L))
        return cls(y.astype(float), CliqueCuts(L.shape[0]), np.zeros(0), None)

    def fix(self, r: int, sigma: int) -> "NodeStart":
        """The start of the child where z_r = sigma * z_0 (vertex r merged into 0, see :meth:`CliqueCuts.fix`)."""
        cuts, kept = self.cuts.fix(r, sigma)
        y = np.delete(self.y, r)
        centre = None
        if self.centre is not None:
            centre = np.delete(np.delete(self.centre, r, 0), r, 1)
        return NodeStart(y, cuts, self.gamma[kept], centre)


@dataclass
class Relaxation:
    """What :func:`bound_relaxation` returns for one node.

    Attributes
    ----------
    bound : float
        A certified upper bound on max z^T L z (see :func:`certified_bound`).
    X : numpy.ndarray
        The last primal iterate (unit diagonal approximately; used for branching and rounding).
    factor : numpy.ndarray
        F with F F^T = X (for hyperplane rounding).
    start : NodeStart
        The final multipliers, cuts and centre (to warm-start the children).
    history : list of float
        The certified bound after each round.
    evaluations : int
        Dual function evaluations (eigendecompositions).
    pruned : bool
        True if the bound went below ``target``.
    """

    bound: float
    X: np.ndarray
    factor: np.ndarray
    start: NodeStart
    history: list = field(default_factory=list)
    evaluations: int = 0
    pruned: bool = False


def bound_relaxation(L: np.ndarray, start: NodeStart | None = None, target: float = -math.inf,
                     sizes: tuple = SIZES, max_rounds: int = 40, iterations: int = 60, stall: float = 0.08,
                     min_rounds: int = 3, alpha: float = 0.1, max_new: tuple = (500, 300, 300), seed: int = 0,
                     deadline: float | None = None, clock=None, on_round=None, stop=None) -> Relaxation:
    """Bound max z^T L z by the SDP relaxation with odd clique cuts (proximal method, see the module docstring).

    Parameters
    ----------
    L : numpy.ndarray
        The symmetric k x k objective.
    start : NodeStart, optional
        Warm start (None: :meth:`NodeStart.cold`).
    target : float, default -inf
        Stop as soon as the certified bound is below this (the node is pruned).
    sizes : tuple of int, default (3, 5, 7)
        Clique sizes to separate: () is the plain Goemans-Williamson SDP bound, (3,) adds triangles.
    max_rounds : int, default 40
        The most rounds (L-BFGS-B run, centre update, separation).
    iterations : int, default 60
        L-BFGS-B iterations per round.
    stall : float, default 0.08
        After ``min_rounds`` rounds, stop when a round lowers the bound by less than ``stall`` times its
        distance to ``target`` (more rounds would not prune soon: better to branch); 0 turns the test
        off (rounds go on until ``max_rounds`` or until no inequality is violated and the bound settles).
    min_rounds : int, default 3
        Rounds before the stall test applies.
    alpha : float, default 0.1
        The proximal step, relative to the mean absolute row sum of L over k.
    max_new : tuple of int, default (500, 300, 300)
        The most new triangle, pentagonal and heptagonal inequalities per round.
    seed : int, default 0
        Seed of the separation noise.
    deadline : float, optional
        Stop when ``clock()`` passes this, inside a round if need be (the bound is then certified at the
        last multipliers evaluated; at least one evaluation is made).
    clock : callable, optional
        The clock for ``deadline`` (default ``time.perf_counter``).
    on_round : callable, optional
        Called after each round with the factor F (F F^T = X) and the best certified bound so far; may
        return a new ``target`` (e.g. after rounding F found a better cut).
    stop : callable, optional
        Checked where ``deadline`` is: when it returns True the relaxation ends as at the deadline (for
        example on SIGINT/SIGTERM).

    Returns
    -------
    Relaxation
    """
    with one_blas_thread(L.shape[0]):
        return _bound_relaxation(L, start, target, sizes, max_rounds, iterations, stall, min_rounds, alpha,
                                 max_new, seed, deadline, clock, on_round, stop)


def _bound_relaxation(L, start, target, sizes, max_rounds, iterations, stall, min_rounds, alpha, max_new, seed,
                      deadline, clock, on_round, stop):
    import time

    clock = clock or time.perf_counter

    def expired():
        return deadline is not None and clock() > deadline or stop is not None and stop()

    k = L.shape[0]
    start = start or NodeStart.cold(L)
    y, cuts, gamma, centre = start.y.copy(), start.cuts, start.gamma.copy(), start.centre
    centre = np.zeros((k, k)) if centre is None else centre.astype(float)
    scale = float(np.abs(L).sum()) / k or 1.0
    step = alpha * scale / k
    rng = np.random.default_rng(seed)
    state = {"evals": 0, "X": None, "factor": None}

    def evaluate(z):
        if state["X"] is not None and expired():
            raise _OutOfTime          # stop mid-round: the last point evaluated still gives a certified bound
        state["evals"] += 1
        state["z"] = z.copy()
        yy, gg = z[:k], z[k:]
        M = L + cuts.scatter(gg)
        M[np.diag_indices(k)] -= yy
        lam, V = np.linalg.eigh(M + step * centre)
        pos = lam > 0
        F = V[:, pos] * np.sqrt(lam[pos] / step)
        X = F @ F.T
        state["X"], state["factor"] = X, F
        value = yy.sum() + cuts.rhs @ gg + float(lam[pos] @ lam[pos]) / (2 * step)
        return value, np.concatenate([1 - np.diag(X), cuts.slack(X)])

    history: list[float] = []
    pruned = False
    for rnd in range(max_rounds):
        bounds = [(None, None)] * k + [(0, None)] * len(gamma)
        state["z"] = np.concatenate([y, gamma])      # (y, gamma) if the deadline stops the first evaluation
        try:
            res = minimize(evaluate, state["z"], jac=True, method="L-BFGS-B", bounds=bounds,
                           options={"maxiter": iterations, "maxcor": 10, "gtol": 1e-9, "ftol": 1e-14})
            y, gamma = res.x[:k].copy(), np.maximum(res.x[k:], 0.0)
            evaluate(np.concatenate([y, gamma]))
        except _OutOfTime:
            y, gamma = state["z"][:k].copy(), np.maximum(state["z"][k:], 0.0)
        X, F = state["X"], state["factor"]
        bound = certified_bound(L, y, cuts, gamma)
        history.append(bound)
        if on_round is not None:
            new_target = on_round(F, min(history))
            target = target if new_target is None else new_target
        if bound < target:
            pruned = True
            break
        if expired():
            break
        if stall > 0 and rnd + 1 >= min_rounds and len(history) > 1 and history[-2] - bound < stall * (bound - target):
            break
        centre = X
        if not sizes:
            continue
        active = gamma > 0
        cuts, gamma = cuts.select(active), gamma[active]
        new = _separate(X, cuts, sizes, max_new, rng,
                        None if deadline is None and stop is None else expired)
        if len(new) == 0 and rnd + 1 >= min_rounds and len(history) > 1 and \
                history[-2] - bound < 1e-3 * (abs(bound) + 1):
            break
        cuts, gamma = cuts.extend(new), np.concatenate([gamma, np.zeros(len(new))])
    return Relaxation(min(history), X, F, NodeStart(y, cuts, gamma, centre), history, state["evals"], pruned)


class _OutOfTime(Exception):
    """Raised inside the dual evaluation when the deadline has passed (caught by the round loop)."""


def _separate(X, cuts: CliqueCuts, sizes, max_new, rng, stop=None) -> CliqueCuts:
    """New violated inequalities at X: triangles by enumeration, larger cliques grown from near-violated triangles.

    One enumeration serves both: the triangles violated by more than 0.02 are a prefix of the (most
    violated first) list of those violated by more than -0.3."""
    caps = dict(zip(SIZES, max_new))
    new = CliqueCuts(X.shape[0])
    bigger = [q for q in sizes if q > 3]
    want_tri = caps[3] + len(cuts) if 3 in sizes else 0
    want_seeds = 3 * max(caps[q] for q in bigger) if bigger else 0
    found = separate_triangles(X, max(want_tri, want_seeds), -0.3 if bigger else 0.02, stop)
    if 3 in sizes:
        tri = found.select(slice(0, want_tri))
        tri = tri.select(tri.slack(X) < -0.02)
        tri = tri.select(~np.isin(tri.triangle_codes(), cuts.triangle_codes()))
        new = new.extend(tri.select(slice(0, caps[3])))
    if bigger:
        known = cuts.select(cuts.sizes > 3).keys()
        seeds = found.select(slice(0, want_seeds))
        for q in bigger:
            new = new.extend(separate_cliques(X, q, seeds, caps[q], 0.02, rng, known))
    return new


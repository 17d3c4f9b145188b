"""QP-KKT on [0,1]^n: the exact eps-KKT certificate and, for tiny n, ALL KKT points by face enumeration.

f(x) = x^T Q x + c^T x, grad f = (Q + Q^T) x + c. Every point of the box lies in the relative interior
of exactly one face F = (S0, S1, free): x_i = 0 on S0, x_i = 1 on S1, 0 < x_i < 1 on the free set.
x is a (0-)KKT point iff grad_i = 0 on the free set, grad_i >= 0 on S0 and grad_i <= 0 on S1.
So the KKT points are found by solving, for each of the 3^n faces, the linear system
(Q+Q^T)_{FF} x_F = -(c_F + (Q+Q^T)_{F,S1} 1) exactly (Fractions) and keeping the solutions strictly
inside (0,1)^F that satisfy the sign conditions. A face whose system is singular and consistent has an
affine space (of dimension >= 1) of solutions, which may or may not meet the face; the face is
reported in ``degenerate`` and not expanded (none of its points is listed).

>>> from instances import QP
>>> kkt_points(QP(((-1,),), (1,))).points       # f = -x^2 + x: stationary at 1/2 (a max), KKT at 0 and 1
[(Fraction(0, 1),), (Fraction(1, 2),), (Fraction(1, 1),)]

Reference: Fearnley, Goldberg, Hollender, Savani (STOC 2021) for QP-KKT; Murty & Kabadi, "Some NP-complete
problems in quadratic and nonlinear programming", Math. Programming 39 (1987) for face enumeration.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction

from instances import QP
from instances.triplets import as_fraction

from .kkt import KKTCertificate, box_kkt


def certify_qp(qp: QP, x, eps) -> KKTCertificate:
    """Exact eps-KKT certificate of x for the QP on [0,1]^n (``worst`` is a variable index).

    Parameters
    ----------
    qp : QP
        f(x) = x^T Q x + c^T x.
    x : sequence
        The point (ints, Fractions, floats or ``"p/q"`` texts, read exactly).
    eps : Fraction, float, int or str
        The tolerance (read exactly).

    Returns
    -------
    KKTCertificate
        Exact, with ``value`` = f(x).

    Examples
    --------
    >>> c = certify_qp(QP(((-1,),), (1,)), ["1/2"], 0)   # f = -x^2 + x is stationary at 1/2
    >>> c.eps_kkt, c.value
    (True, Fraction(1, 4))
    """
    x = [as_fraction(v) for v in x]
    n = qp.n
    return box_kkt(list(qp.gradient(x)), x, [Fraction(0)] * n, [Fraction(1)] * n, as_fraction(eps),
                   value=qp.value(x))


def solve_exact(M: list[list[Fraction]], r: list[Fraction]):
    """Solve M y = r exactly: (solution, unique). Singular and consistent: one solution with free
    variables 0 and unique=False; inconsistent: (None, False).

    Gauss-Jordan elimination over the rationals.

    Parameters
    ----------
    M : list of list of Fraction
        A square matrix (k x k).
    r : list of Fraction
        The right-hand side.

    Returns
    -------
    (list of Fraction or None, bool)

    Examples
    --------
    >>> F = Fraction
    >>> solve_exact([[F(2), F(0)], [F(0), F(4)]], [F(1), F(1)])
    ([Fraction(1, 2), Fraction(1, 4)], True)
    >>> solve_exact([[F(1), F(1)], [F(1), F(1)]], [F(1), F(2)])
    (None, False)
    """
    k = len(r)
    aug = [list(row) + [ri] for row, ri in zip(M, r)]
    pivots, row = [], 0
    for col in range(k):
        p = next((i for i in range(row, k) if aug[i][col] != 0), None)
        if p is None:
            continue
        aug[row], aug[p] = aug[p], aug[row]
        pv = aug[row][col]
        aug[row] = [v / pv for v in aug[row]]
        for i in range(k):
            if i != row and aug[i][col] != 0:
                f = aug[i][col]
                aug[i] = [a - f * b for a, b in zip(aug[i], aug[row])]
        pivots.append(col)
        row += 1
    if any(all(v == 0 for v in aug[i][:k]) and aug[i][k] != 0 for i in range(row, k)):
        return None, False
    y = [Fraction(0)] * k
    for i, col in enumerate(pivots):
        y[col] = aug[i][k]
    return y, len(pivots) == k


@dataclass
class FaceEnumeration:
    """All KKT points of a tiny QP, by face enumeration.

    Attributes
    ----------
    points : list of tuple of Fraction
        The isolated KKT points (exact), sorted.
    degenerate : list of tuple
        Faces, as tuples of 0, 1 or None (free) per variable, whose linear system is singular and
        consistent (an affine space of solutions that may or may not meet the face); not expanded,
        and none of their points is in ``points``.
    faces : int
        Faces examined (3^n).
    """

    points: list = field(default_factory=list)       # isolated KKT points, sorted
    degenerate: list = field(default_factory=list)   # faces (tuple of 0/1/None) whose system is singular, consistent
    faces: int = 0


def kkt_points(qp: QP, max_n: int = 10) -> FaceEnumeration:
    """All KKT points of a tiny QP (3^n faces; refuses n > max_n).

    Parameters
    ----------
    qp : QP
        The QP on [0, 1]^n.
    max_n : int, default 10
        The largest n accepted.

    Returns
    -------
    FaceEnumeration

    Raises
    ------
    ValueError
        If n > max_n.

    Examples
    --------
    >>> e = kkt_points(QP(((1, 0), (0, 1)), (-1, -1)))   # f = (x - 1/2)^2 + (y - 1/2)^2 - 1/2: one minimum
    >>> e.points, e.faces, e.degenerate
    ([(Fraction(1, 2), Fraction(1, 2))], 9, [])
    """
    n = qp.n
    if n > max_n:
        raise ValueError(f"face enumeration is for tiny QPs (n <= {max_n}), got n = {n}")
    H = [[qp.Q[i][j] + qp.Q[j][i] for j in range(n)] for i in range(n)]
    out = FaceEnumeration()
    for face in itertools.product((0, 1, None), repeat=n):
        out.faces += 1
        free = [i for i in range(n) if face[i] is None]
        x = [Fraction(v) if v is not None else Fraction(0) for v in face]
        unique = True
        if free:
            M = [[H[i][j] for j in free] for i in free]
            r = [-(qp.c[i] + sum((H[i][j] * x[j] for j in range(n) if face[j] is not None), Fraction(0)))
                 for i in free]
            y, unique = solve_exact(M, r)
            if y is None:
                continue
            for i, v in zip(free, y):
                x[i] = v
            if not unique:
                out.degenerate.append(face)
        if any(not 0 < x[i] < 1 for i in free):
            continue
        if certify_qp(qp, x, 0).eps_kkt and unique:
            out.points.append(tuple(x))
    out.points.sort()
    return out

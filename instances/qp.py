"""Box-constrained quadratic programs: f(x) = x^T Q x + c^T x on [0,1]^n (the QP-KKT source problem).

Entries are exact rationals (``Fraction``). An eps-KKT point x of f on [0,1]^n satisfies, for every i
with g = df/dx_i = ((Q + Q^T) x + c)_i: |g| <= eps if 0 < x_i < 1, g >= -eps if x_i = 0, g <= eps if
x_i = 1 (SPEC section 3).

>>> qp = QP(((1, 0), (0, -1)), (0, 1))
>>> qp.value((Fraction(1, 2), 1))
Fraction(1, 4)
>>> qp.gradient((Fraction(1, 2), 1))  # at x_1 = 1 the partial derivative -1 <= 0: a KKT point for x_1
(Fraction(1, 1), Fraction(-1, 1))

Reference: Fearnley, Goldberg, Hollender, Savani, "The complexity of gradient descent: CLS = PPAD ∩ PLS",
STOC 2021 (QP-KKT is CLS-complete).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

from .errors import InstanceError
from .triplets import as_fraction

__all__ = ["QP"]


@dataclass(frozen=True)
class QP:
    """A box-constrained quadratic program: minimise f(x) = x^T Q x + c^T x over x in [0,1]^n.

    Q need not be symmetric (only Q + Q^T matters for the gradient) nor definite. Entries are stored as
    exact ``Fraction`` values; two QPs are equal iff ``Q`` and ``c`` are.

    Attributes
    ----------
    Q : tuple of tuple of Fraction
        The n x n quadratic coefficients; any number ``as_fraction`` accepts is allowed at construction.
    c : tuple of Fraction
        The n linear coefficients.
    meta : dict
        Free JSON-able provenance (generator, parameters, seed); not compared by ``==``.
    kind : str
        Class attribute ``"qp"``: the ``kind`` key of the project's JSON.

    Raises
    ------
    InstanceError
        If Q is not n x n for n = len(c), or an entry is not a number.

    References
    ----------
    Fearnley, Goldberg, Hollender, Savani, "The complexity of gradient descent: CLS = PPAD ∩ PLS",
    STOC 2021.

    Examples
    --------
    >>> q = QP(((0, "1/2"), (0, 0)), ("-1", 0.5))
    >>> q.n, q.Q[0][1], q.c
    (2, Fraction(1, 2), (Fraction(-1, 1), Fraction(1, 2)))
    """

    Q: tuple[tuple[Fraction, ...], ...]
    c: tuple[Fraction, ...]
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    kind = "qp"

    def __post_init__(self):
        c = tuple(as_fraction(x) for x in self.c)
        n = len(c)
        if len(self.Q) != n:
            raise InstanceError(f"Q has {len(self.Q)} rows, c has {n} entries")
        Q = []
        for i, row in enumerate(self.Q):
            if len(row) != n:
                raise InstanceError(f"row {i} of Q has {len(row)} entries, expected {n}")
            Q.append(tuple(as_fraction(x) for x in row))
        object.__setattr__(self, "Q", tuple(Q))
        object.__setattr__(self, "c", c)
        object.__setattr__(self, "meta", dict(self.meta or {}))

    @property
    def n(self) -> int:
        """The number of variables."""
        return len(self.c)

    def value(self, x: Sequence) -> Fraction:
        """The objective f(x) = x^T Q x + c^T x (exact).

        Parameters
        ----------
        x : sequence
            n numbers (anything ``as_fraction`` accepts); the box is not checked.

        Returns
        -------
        Fraction
        """
        x = [as_fraction(v) for v in x]
        quad = sum((self.Q[i][j] * x[i] * x[j] for i in range(self.n) for j in range(self.n)), Fraction(0))
        return quad + sum((ci * xi for ci, xi in zip(self.c, x)), Fraction(0))

    def gradient(self, x: Sequence) -> tuple[Fraction, ...]:
        """The gradient (Q + Q^T) x + c of f at x (exact).

        Parameters
        ----------
        x : sequence
            n numbers (anything ``as_fraction`` accepts); the box is not checked.

        Returns
        -------
        tuple of Fraction
            The partial derivatives df/dx_i.
        """
        x = [as_fraction(v) for v in x]
        return tuple(sum((( self.Q[i][j] + self.Q[j][i]) * x[j] for j in range(self.n)), Fraction(0)) + self.c[i]
                     for i in range(self.n))

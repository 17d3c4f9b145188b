"""Box-constrained quadratic programs: f(x) = x^T Q x + c^T x on [0,1]^n (the QP-KKT source problem).

Entries are exact rationals (``Fraction``). An eps-KKT point x of f on [0,1]^n satisfies, for every i
with g = df/dx_i = ((Q + Q^T) x + c)_i: |g| <= eps if 0 < x_i < 1, g >= -eps if x_i = 0, g <= eps if
x_i = 1 (SPEC section 3).

>>> qp = QP(((1, 0), (0, -1)), (0, 1))
>>> qp.value((Fraction(1, 2), 1))
Fraction(1, 4)

Reference: Fearnley, Goldberg, Hollender, Savani, "The complexity of gradient descent: CLS = PPAD ∩ PLS",
STOC 2021 (QP-KKT is CLS-complete).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

from .errors import InstanceError
from .triplets import as_fraction


@dataclass(frozen=True)
class QP:
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
        return len(self.c)

    def value(self, x: Sequence) -> Fraction:
        x = [as_fraction(v) for v in x]
        quad = sum((self.Q[i][j] * x[i] * x[j] for i in range(self.n) for j in range(self.n)), Fraction(0))
        return quad + sum((ci * xi for ci, xi in zip(self.c, x)), Fraction(0))

    def gradient(self, x: Sequence) -> tuple[Fraction, ...]:
        x = [as_fraction(v) for v in x]
        return tuple(sum((( self.Q[i][j] + self.Q[j][i]) * x[j] for j in range(self.n)), Fraction(0)) + self.c[i]
                     for i in range(self.n))

"""eps-KKT points of a C^1 function on a box [l, u] (SPEC section 3), checked exactly.

x is an eps-KKT point of f on [l, u] iff for every coordinate i, with g = df/dx_i(x):
|g| <= eps if l_i < x_i < u_i;  g >= -eps if x_i = l_i;  g <= eps if x_i = u_i.
The **violation** of coordinate i is the least eps for which its condition holds (|g|, max(0, -g) or
max(0, g)); x is eps-KKT iff its largest violation is <= eps. A coordinate with l_i = u_i is fixed
(its normal cone is all of R): its violation is 0. The same formula in floats is the stopping test of
projected gradient descent (it equals |x - P(x - g)| per coordinate in the limit of small steps).

>>> c = box_kkt([Fraction(-1), Fraction(3)], [0, Fraction(1, 2)], [0, 0], [1, 1], eps=Fraction(1, 2))
>>> c.eps_kkt, c.violation, c.worst, c.where
(False, Fraction(3, 1), 1, 'interior')

Reference: Bertsekas, "Nonlinear Programming", 3rd ed., section 2.3 (projected gradient, box constraints).
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np


@dataclass(frozen=True)
class KKTCertificate:
    """The verdict on whether x is an eps-KKT point of f on a box, with the worst coordinate.

    Attributes
    ----------
    eps_kkt : bool
        x is in the box and every coordinate's violation is <= ``eps``.
    eps : Fraction or float
        The tolerance.
    violation : Fraction, float or None
        The largest violation over the coordinates (exact when ``exact``); 0 without coordinates.
    worst : int, tuple or None
        The first coordinate attaining it: an index, or a label such as (point, coordinate) for
        embeddings; None without coordinates.
    where : str or None
        Its position: ``"interior"``, ``"lower"``, ``"upper"`` or ``"fixed"`` (l = u).
    gradient : Fraction, float or None
        df/dx at the worst coordinate.
    value : Any
        f(x), when the caller supplied it.
    feasible : bool, default True
        False if x leaves the box (then ``eps_kkt`` is False).
    exact : bool, default True
        The gradient and violation are exact rationals (False: floats from high-precision evaluation).
    kinks : int, default 0
        Hinge terms with s = 0 exactly (not differentiable there; h'(0) = 0 was used).
    """

    eps_kkt: bool
    eps: Any
    violation: Any
    worst: Any
    where: str | None
    gradient: Any
    value: Any
    feasible: bool = True
    exact: bool = True
    kinks: int = 0  # hinge terms with s = 0 exactly (not differentiable there; h'(0) = 0 was used)

    def to_json(self) -> dict:
        """The certificate as JSON: Fractions as ``"p/q"`` texts, tuples as lists.

        Returns
        -------
        dict
            Every attribute, plus ``violation_float`` (the violation as a float, or None).
        """
        def enc(v):
            if isinstance(v, Fraction):
                return str(v)
            if isinstance(v, tuple):
                return list(v)
            return v

        out = {k: enc(getattr(self, k)) for k in self.__dataclass_fields__}
        out["violation_float"] = float(self.violation) if self.violation is not None else None
        return out


def coordinate_violation(g, x, l, u):
    """(violation, where) of one coordinate; exact for Fractions.

    Parameters
    ----------
    g : Fraction, int or float
        df/dx_i at x.
    x, l, u : Fraction, int or float
        The coordinate and its bounds (l <= u).

    Returns
    -------
    (number, str)
        The least eps for which the coordinate's KKT condition holds (0 of g's type when fixed) and the
        position ``"fixed"``, ``"lower"``, ``"upper"`` or ``"interior"``.

    Examples
    --------
    >>> coordinate_violation(Fraction(-2), 0, 0, 1), coordinate_violation(Fraction(2), 0, 0, 1)
    ((Fraction(2, 1), 'lower'), (Fraction(0, 1), 'lower'))
    """
    if l == u:
        return g * 0, "fixed"
    if x == l:
        return max(-g, g * 0), "lower"
    if x == u:
        return max(g, g * 0), "upper"
    return abs(g), "interior"


def box_kkt(grad: Sequence, x: Sequence, lo: Sequence, hi: Sequence, eps, value=None, labels=None,
            exact: bool = True) -> KKTCertificate:
    """Certificate that x is (or is not) an eps-KKT point given the gradient at x (flat sequences).

    Parameters
    ----------
    grad : sequence
        df/dx at x, one entry per coordinate.
    x, lo, hi : sequence
        The point and the box.
    eps : Fraction or float
        The tolerance.
    value : optional
        f(x), stored in the certificate.
    labels : sequence, optional
        Names of the coordinates for ``worst`` (default their indices).
    exact : bool, default True
        Recorded in the certificate (whether the numbers are exact).

    Returns
    -------
    KKTCertificate

    Examples
    --------
    >>> c = box_kkt([Fraction(1, 3)], [Fraction(1)], [0], [1], eps=Fraction(1, 10), labels=["x0"])
    >>> c.eps_kkt, c.violation, c.worst, c.where
    (False, Fraction(1, 3), 'x0', 'upper')
    """
    feasible = all(l <= xi <= u for xi, l, u in zip(x, lo, hi))
    worst, worst_v, where = None, None, None
    for i, (g, xi, l, u) in enumerate(zip(grad, x, lo, hi)):
        v, w = coordinate_violation(g, xi, l, u)
        if worst_v is None or v > worst_v:
            worst, worst_v, where = i, v, w
    if worst is None:
        return KKTCertificate(feasible, eps, Fraction(0), None, None, None, value, feasible, exact)
    label = labels[worst] if labels is not None else worst
    return KKTCertificate(feasible and worst_v <= eps, eps, worst_v, label, where, grad[worst], value, feasible, exact)


def float_violation(g: np.ndarray, x: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Per-coordinate violation in floats (vectorised ``coordinate_violation``).

    Parameters
    ----------
    g, x, lo, hi : ndarray
        Gradient, point and box, of one shape.

    Returns
    -------
    ndarray
        The violation of every coordinate (a coordinate at or beyond a bound counts as on it).

    Examples
    --------
    >>> float_violation(np.array([1.0, -1.0, 3.0]), np.array([0.0, 0.0, 0.5]), np.zeros(3), np.ones(3)).tolist()
    [0.0, 1.0, 3.0]
    """
    v = np.abs(g)
    v = np.where(x <= lo, np.maximum(-g, 0.0), v)
    v = np.where(x >= hi, np.maximum(g, 0.0), v)
    return np.where(lo == hi, 0.0, v)

"""Triplet-loss instances: weighted triplets, a loss function, a margin and a box (SPEC section 3).

An embedding X in R^{m x d} (m points, dimension d) has loss

    L(X) = sum_t w_t * h(s_t(X)),   s_t(X) = ||x_a - x_b||^2 - ||x_a - x_c||^2 + margin

for triplets t = (a, b, c) with positive rational weights w_t, where h is

- ``squared_hinge`` (default, C^1): h(s) = max(0, s)^2;
- ``hinge``: h(s) = max(0, s);
- ``softplus``: h(s) = log(1 + e^s);
- ``torch``: PyTorch's ``TripletMarginLoss(margin, p=2)`` semantics: NON-squared distances,
  s_t = d(x_a, x_b) - d(x_a, x_c) + margin with d(u, v) = ||u - v + delta*1||_2 (delta = 1e-6, torch's
  ``pairwise_distance`` eps) and h = hinge. Torch's default ``reduction="mean"`` is weights 1/T.

X is constrained to a box: lo <= X <= hi coordinate-wise (lo == hi fixes a coordinate). The box is
stored per coordinate (m x d); JSON accepts one global pair, one pair per dimension, or per coordinate.

JSON (kind ``triplet-loss``, exact; numbers as ints, floats or "p/q" strings):
    {"kind": "triplet-loss", "points": m, "dim": d, "loss": "squared_hinge", "margin": 1,
     "triplets": [[a, b, c, w], ...], "box": {"lo": 0, "hi": 1}, "start": X | null, "meta": {}}
with X flat for d = 1, else one list per point.

>>> inst = TripletLoss(3, ((0, 1, 2, 1),), margin=1, lo=0, hi=2)
>>> inst.box_of(0)
((Fraction(0, 1), Fraction(2, 1)),)
>>> jsonio.loads(jsonio.dumps(inst)) == inst
True
>>> to_json(inst)["box"], to_json(inst)["margin"]
({'lo': 0, 'hi': 2}, 1)

Reference: Schroff, Kalenichenko, Philbin, "FaceNet", CVPR 2015 (triplet loss); the seed paper (CLS-hardness
of finding eps-KKT points of the triplet loss, by reduction from QP-KKT).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from . import jsonio
from .errors import InstanceError
from .triplets import as_fraction, check_sizes

__all__ = ["LOSSES", "TORCH_EPS", "TripletLoss", "encode_positions", "to_json", "from_json"]

LOSSES = ("squared_hinge", "hinge", "softplus", "torch")
"""The loss functions h a ``TripletLoss`` can use (see the module docstring)."""
TORCH_EPS = 1e-6  # torch.nn.functional.pairwise_distance's default eps, added to the difference
"""The ``delta`` of the ``torch`` loss: PyTorch's ``pairwise_distance`` eps, added to every difference."""


def _num(x: Fraction):
    return x.numerator if x.denominator == 1 else str(x)


def _grid(value, m: int, d: int, what: str) -> tuple[tuple[Fraction, ...], ...]:
    """Normalise a scalar, a per-dimension list (d), a flat per-point list (d = 1) or an m x d list."""
    if isinstance(value, (list, tuple)):
        vals = list(value)
        if vals and all(isinstance(v, (list, tuple)) for v in vals):
            if len(vals) != m or any(len(v) != d for v in vals):
                raise InstanceError(f"{what} must have {m} rows of {d} coordinates")
            return tuple(tuple(as_fraction(c) for c in v) for v in vals)
        if any(isinstance(v, (list, tuple)) for v in vals):
            raise InstanceError(f"{what} mixes numbers and lists")
        if d == 1 and len(vals) == m:
            return tuple((as_fraction(v),) for v in vals)
        if len(vals) == d:
            row = tuple(as_fraction(v) for v in vals)
            return tuple(row for _ in range(m))
        raise InstanceError(f"{what} has {len(vals)} entries; expected 1, {d} (per dimension) or {m} x {d}")
    v = as_fraction(value)
    return tuple(tuple(v for _ in range(d)) for _ in range(m))


def _ungrid(g, d: int):
    """Inverse of ``_grid`` for output: a scalar if uniform, else flat (d = 1) or m x d."""
    flat = {c for row in g for c in row}
    if len(flat) == 1:
        return _num(next(iter(flat)))
    if d == 1:
        return [_num(row[0]) for row in g]
    return [[_num(c) for c in row] for row in g]


@dataclass(frozen=True)
class TripletLoss:
    """A triplet-loss instance: minimise L(X) over the embeddings X in a box (see the module docstring).

    Numbers are stored as exact ``Fraction`` values and the box per coordinate. Two instances are equal
    iff every field but ``meta`` is.

    Attributes
    ----------
    points : int
        The number m of points (0 allowed).
    triplets : tuple of (int, int, int, Fraction)
        The terms ``(a, b, c, w)``: distinct points a, b, c in 0..m-1 and a positive rational weight w
        (any number ``as_fraction`` accepts at construction).
    dim : int, default 1
        The dimension d of the embedding.
    loss : str, default "squared_hinge"
        One of ``LOSSES``.
    margin : Fraction, default 1
        The margin added to every term's score.
    lo : tuple of tuple of Fraction, default 0
        The lower bounds of the box, m rows of d coordinates. At construction a scalar (every
        coordinate), d numbers (per dimension), m numbers (d = 1: per point) or m rows of d are accepted.
    hi : tuple of tuple of Fraction, default 1
        The upper bounds, in the same forms as ``lo``; lo <= hi everywhere (lo == hi fixes a coordinate).
    start : tuple of tuple of Fraction or None, default None
        A start embedding inside the box, m rows of d coordinates (normalised by ``check_solution``).
    meta : dict
        Free JSON-able data, e.g. the reduction that produced the instance; not compared by ``==``.
    kind : str
        Class attribute ``"triplet-loss"``: the ``kind`` key of the project's JSON.

    Raises
    ------
    InstanceError
        If ``points`` or ``dim`` is not a valid int, ``loss`` is unknown, a number is not rational, a
        triplet has a point out of range, repeats a point or a weight <= 0, the box has the wrong shape
        or lo > hi somewhere, or ``start`` is not an embedding in the box.

    Examples
    --------
    >>> inst = TripletLoss(3, ((0, 1, 2, "1/2"),), dim=2, lo=[0, -1], hi=1)
    >>> inst.variables, inst.total_weight, inst.box_of(1)
    (6, Fraction(1, 2), ((Fraction(0, 1), Fraction(1, 1)), (Fraction(-1, 1), Fraction(1, 1))))
    """

    points: int
    triplets: tuple[tuple[int, int, int, Fraction], ...]
    dim: int = 1
    loss: str = "squared_hinge"
    margin: Fraction = Fraction(1)
    lo: Any = 0
    hi: Any = 1
    start: Any = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    kind = "triplet-loss"

    def __post_init__(self):
        m, d = self.points, self.dim
        if not isinstance(m, int) or isinstance(m, bool) or m < 0:
            raise InstanceError(f"number of points must be a non-negative integer, got {m!r}")
        if not isinstance(d, int) or isinstance(d, bool) or d < 1:
            raise InstanceError(f"dimension must be a positive integer, got {d!r}")
        check_sizes(m, d, len(self.triplets))
        if self.loss not in LOSSES:
            raise InstanceError(f"unknown loss {self.loss!r} (expected one of {', '.join(LOSSES)})")
        object.__setattr__(self, "margin", as_fraction(self.margin))
        trips = []
        for k, t in enumerate(self.triplets):
            if len(t) != 4:
                raise InstanceError(f"triplet {k} must be [a, b, c, w], got {list(t)!r}")
            a, b, c, w = t
            for x in (a, b, c):
                if isinstance(x, bool) or not isinstance(x, int):
                    raise InstanceError(f"triplet {k}: point {x!r} is not an integer")
            if not all(0 <= x < m for x in (a, b, c)):
                raise InstanceError(f"triplet {k} ({a}, {b}, {c}): point out of range 0..{m - 1}")
            if len({a, b, c}) != 3:
                raise InstanceError(f"triplet {k} ({a}, {b}, {c}): points must be distinct")
            w = as_fraction(w)
            if w <= 0:
                raise InstanceError(f"triplet {k}: weight {w} must be positive")
            trips.append((a, b, c, w))
        object.__setattr__(self, "triplets", tuple(trips))
        lo, hi = _grid(self.lo, m, d, "box 'lo'"), _grid(self.hi, m, d, "box 'hi'")
        for i in range(m):
            for k in range(d):
                if lo[i][k] > hi[i][k]:
                    raise InstanceError(f"box of point {i}, coordinate {k}: lo {lo[i][k]} > hi {hi[i][k]}")
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)
        if self.start is not None:
            object.__setattr__(self, "start", self.check_solution(self.start))
        object.__setattr__(self, "meta", dict(self.meta or {}))

    # --- accessors ------------------------------------------------------------------------------
    @property
    def variables(self) -> int:
        """The number of coordinates m * d."""
        return self.points * self.dim

    @property
    def total_weight(self) -> Fraction:
        """The sum of the triplet weights."""
        return sum((t[3] for t in self.triplets), Fraction(0))

    def box_of(self, i: int) -> tuple[tuple[Fraction, Fraction], ...]:
        """The box of point ``i``: one ``(lo, hi)`` pair per coordinate.

        Parameters
        ----------
        i : int
            A point.

        Returns
        -------
        tuple of (Fraction, Fraction)
        """
        return tuple(zip(self.lo[i], self.hi[i]))

    def check_solution(self, X) -> tuple[tuple[Fraction, ...], ...]:
        """Normalise an embedding to m rows of d Fractions and check that it lies in the box.

        Parameters
        ----------
        X : sequence
            One position per point: a sequence of d numbers, or (d = 1) a number.

        Returns
        -------
        tuple of tuple of Fraction

        Raises
        ------
        InstanceError
            If X is not a sequence of m positions of d numbers, or a coordinate is outside the box.
        """
        try:
            X = [list(x) if isinstance(x, (list, tuple)) else x for x in X]
        except TypeError:
            raise InstanceError("an embedding must be a list of positions") from None
        if len(X) != self.points:
            raise InstanceError(f"{len(X)} positions given for {self.points} points")
        if self.dim == 1 and X and not isinstance(X[0], list):
            X = [[x] for x in X]
        out = []
        for i, x in enumerate(X):
            if not isinstance(x, list) or len(x) != self.dim:
                raise InstanceError(f"position {i} does not have {self.dim} coordinates")
            row = tuple(as_fraction(c) for c in x)
            for k, c in enumerate(row):
                if not self.lo[i][k] <= c <= self.hi[i][k]:
                    raise InstanceError(f"position {i}, coordinate {k}: {c} outside the box "
                                        f"[{self.lo[i][k]}, {self.hi[i][k]}]")
            out.append(row)
        return tuple(out)

    def centre(self) -> tuple[tuple[Fraction, ...], ...]:
        """The centre of the box, (lo + hi) / 2 coordinate-wise (m rows of d Fractions)."""
        return tuple(tuple((l + h) / 2 for l, h in zip(lr, hr)) for lr, hr in zip(self.lo, self.hi))

    def with_start(self, start) -> "TripletLoss":
        """The same instance with another start embedding.

        Parameters
        ----------
        start : sequence or None
            The new start, validated as by ``check_solution`` (None removes it).

        Returns
        -------
        TripletLoss

        Raises
        ------
        InstanceError
            If ``start`` is not an embedding in the box.
        """
        return TripletLoss(self.points, self.triplets, self.dim, self.loss, self.margin, self.lo, self.hi,
                           start, self.meta)

    def describe(self) -> dict:
        """The instance's size and kind as a JSON-able dict (the keys ``reduce`` and ``info`` report).

        Returns
        -------
        dict
            ``kind``, ``points``, ``dim``, ``variables``, ``terms`` and ``triplets`` (both the number of
            triplets), ``loss``, ``margin`` (a string), ``integer_weights`` (every weight an integer)
            and ``max_weight_bits`` (bit length of the largest weight numerator).
        """
        ws = [t[3] for t in self.triplets]
        return {"kind": self.kind, "points": self.points, "dim": self.dim, "variables": self.variables,
                "terms": len(self.triplets), "triplets": len(self.triplets), "loss": self.loss,
                "margin": str(self.margin), "integer_weights": all(w.denominator == 1 for w in ws),
                "max_weight_bits": max((w.numerator.bit_length() for w in ws), default=0)}


def encode_positions(X, d: int, exact: bool = True):
    """An embedding in JSON-able form: one list per point, or a flat list for d = 1.

    Parameters
    ----------
    X : sequence of sequence
        m rows of d numbers.
    d : int
        The dimension (1 gives a flat list).
    exact : bool, default True
        Exact ``"p/q"`` strings (``str`` of the Fraction), or floats when False.

    Returns
    -------
    list

    Examples
    --------
    >>> encode_positions(((Fraction(1, 3),), (Fraction(2),)), 1)
    ['1/3', '2']
    >>> encode_positions(((Fraction(1, 2), 1),), 2, exact=False)
    [[0.5, 1.0]]
    """
    enc = (lambda c: str(Fraction(c))) if exact else float
    rows = [[enc(c) for c in row] for row in X]
    return [r[0] for r in rows] if d == 1 else rows


def to_json(inst: TripletLoss) -> dict:
    """The project's JSON document for a triplet-loss instance (the writer registered with ``jsonio``).

    Integers are written as JSON integers, other rationals as ``"p/q"`` strings; a uniform box is
    written as one number (see ``from_json`` for the document).

    Parameters
    ----------
    inst : TripletLoss

    Returns
    -------
    dict
        A JSON-able document with ``kind`` ``"triplet-loss"``.
    """
    return {"kind": inst.kind, "points": inst.points, "dim": inst.dim, "loss": inst.loss,
            "margin": _num(inst.margin), "triplets": [[a, b, c, _num(w)] for a, b, c, w in inst.triplets],
            "box": {"lo": _ungrid(inst.lo, inst.dim), "hi": _ungrid(inst.hi, inst.dim)},
            "start": encode_positions(inst.start, inst.dim) if inst.start is not None else None,
            "meta": dict(inst.meta)}


def from_json(doc: dict) -> TripletLoss:
    """A triplet-loss instance from its JSON document (the reader registered with ``jsonio``).

    Parameters
    ----------
    doc : dict
        ``points`` and ``triplets`` (lists ``[a, b, c, w]``) are required; ``dim`` (1), ``loss``
        (``"squared_hinge"``), ``margin`` (1), ``box`` (``{"lo": 0, "hi": 1}``), ``start`` and ``meta``
        are optional. Numbers may be ints, floats or ``"p/q"`` strings.

    Returns
    -------
    TripletLoss

    Raises
    ------
    InstanceError
        If a required key is missing, a value has the wrong shape, or the instance is invalid.

    Examples
    --------
    >>> from_json({"points": 3, "triplets": [[0, 1, 2, "1/2"]], "box": {"lo": -1, "hi": 1}}).lo[0]
    (Fraction(-1, 1),)
    """
    for key in ("points", "triplets"):
        if key not in doc:
            raise InstanceError(f"triplet-loss JSON lacks the key {key!r}")
    trips = doc["triplets"]
    if not isinstance(trips, list):
        raise InstanceError("'triplets' must be a list")
    rows = []
    for k, t in enumerate(trips):
        if not isinstance(t, list) or len(t) != 4:
            raise InstanceError(f"triplet {k} must be [a, b, c, w], got {t!r}")
        rows.append(tuple(t))
    box = doc.get("box", {"lo": 0, "hi": 1})
    if not isinstance(box, dict) or "lo" not in box or "hi" not in box:
        raise InstanceError("'box' must be an object with 'lo' and 'hi'")
    meta = doc.get("meta") or {}
    if not isinstance(meta, dict):
        raise InstanceError("'meta' must be an object")
    return TripletLoss(doc["points"], tuple(rows), dim=doc.get("dim", 1), loss=doc.get("loss", "squared_hinge"),
                       margin=doc.get("margin", 1), lo=box["lo"], hi=box["hi"], start=doc.get("start"),
                       meta=meta)


jsonio.register_kind("triplet-loss", TripletLoss, to_json, from_json)

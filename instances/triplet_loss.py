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

Reference: Schroff, Kalenichenko, Philbin, "FaceNet", CVPR 2015 (triplet loss); the seed paper (CLS-hardness
of finding eps-KKT points of the triplet loss, by reduction from QP-KKT).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from . import jsonio
from .errors import InstanceError
from .triplets import as_fraction

LOSSES = ("squared_hinge", "hinge", "softplus", "torch")
TORCH_EPS = 1e-6  # torch.nn.functional.pairwise_distance's default eps, added to the difference


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
        return self.points * self.dim

    @property
    def total_weight(self) -> Fraction:
        return sum((t[3] for t in self.triplets), Fraction(0))

    def box_of(self, i: int) -> tuple[tuple[Fraction, Fraction], ...]:
        return tuple(zip(self.lo[i], self.hi[i]))

    def check_solution(self, X) -> tuple[tuple[Fraction, ...], ...]:
        """Normalise an embedding to m x d Fractions and check it lies in the box."""
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
        return tuple(tuple((l + h) / 2 for l, h in zip(lr, hr)) for lr, hr in zip(self.lo, self.hi))

    def with_start(self, start) -> "TripletLoss":
        return TripletLoss(self.points, self.triplets, self.dim, self.loss, self.margin, self.lo, self.hi,
                           start, self.meta)

    def describe(self) -> dict:
        """Size keys for the CLI (``reduce``/``info``)."""
        ws = [t[3] for t in self.triplets]
        return {"kind": self.kind, "points": self.points, "dim": self.dim, "variables": self.variables,
                "terms": len(self.triplets), "triplets": len(self.triplets), "loss": self.loss,
                "margin": str(self.margin), "integer_weights": all(w.denominator == 1 for w in ws),
                "max_weight_bits": max((w.numerator.bit_length() for w in ws), default=0)}


def encode_positions(X, d: int, exact: bool = True):
    """Positions as JSON: "p/q" strings (exact) or floats; flat for d = 1."""
    enc = (lambda c: str(Fraction(c))) if exact else float
    rows = [[enc(c) for c in row] for row in X]
    return [r[0] for r in rows] if d == 1 else rows


def to_json(inst: TripletLoss) -> dict:
    return {"kind": inst.kind, "points": inst.points, "dim": inst.dim, "loss": inst.loss,
            "margin": _num(inst.margin), "triplets": [[a, b, c, _num(w)] for a, b, c, w in inst.triplets],
            "box": {"lo": _ungrid(inst.lo, inst.dim), "hi": _ungrid(inst.hi, inst.dim)},
            "start": encode_positions(inst.start, inst.dim) if inst.start is not None else None,
            "meta": dict(inst.meta)}


def from_json(doc: dict) -> TripletLoss:
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

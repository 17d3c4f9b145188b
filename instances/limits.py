"""Documented bounds on what an input may ask for: sizes, digits, bytes, seeds.

A file or an option can declare a size it cannot back up (a header announcing 10^9 vertices, ``dim``
10^9, ``generate --n 10^9``). Everything here is checked *before* anything of that size is
allocated, so hostile input is refused in bounded time and memory with an ``InstanceError`` naming
the quantity and the limit. The limits are far above the instances this project is about (the Gset
graphs have at most 20,000 vertices; DC_60 has 181) and can be raised by assigning to the module
attributes before reading or generating (e.g. ``instances.limits.MAX_VERTICES = 10**8``).

- ``MAX_VERTICES``: vertices of a graph, points of a triplet instance, variables of a QP.
- ``MAX_EDGES``: edges of a graph, triplets of a triplet instance.
- ``MAX_PAIRS``: vertex pairs n(n-1)/2 of a random G(n, p) or G(n, m) graph (its generator touches each).
- ``MAX_COORDINATES``: points x dimension of an embedding (a start, a box, a random solution).
- ``MAX_QP_ENTRIES``: entries n^2 of a QP's matrix (a generated one; a file's are in the file).
- ``MAX_DC_LEVELS``: n of the chains DC_n, SC_n and FC_n (their weights have O(n) bits each).
- ``MAX_INT_DIGITS``: decimal digits of one integer in a file or an option (parsing a decimal
  integer takes time quadratic in its length; 20,000 digits is about 66,000 bits).
- ``MAX_FILE_BYTES``: bytes of one input file.
- Seeds: any integer is accepted; the seed in effect is ``seed mod 2**63`` (``SEED_MODULUS``), a
  non-negative 64-bit signed integer that every consumer takes as is (numpy, splitmix64, the SQLite
  store) and results record. CP-SAT takes 32-bit seeds: it gets ``seed mod 2**31``.

>>> check_count("vertices", 10**9, MAX_VERTICES, "g.json")
Traceback (most recent call last):
...
instances.errors.InstanceError: g.json: 1000000000 vertices exceed the limit of 10000000 (instances.limits.MAX_VERTICES)
>>> effective_seed(-1) == 2**63 - 1, effective_seed(2**70), effective_seed(7)
(True, 0, 7)
"""
from __future__ import annotations

import operator
import sys

from .errors import InstanceError

__all__ = ["MAX_VERTICES", "MAX_EDGES", "MAX_PAIRS", "MAX_COORDINATES", "MAX_QP_ENTRIES", "MAX_DC_LEVELS", "MAX_INT_DIGITS",
           "MAX_FILE_BYTES", "SEED_MODULUS", "check_count", "effective_seed", "apply_int_digits"]

MAX_VERTICES = 10**7
MAX_EDGES = 10**7
MAX_PAIRS = 5 * 10**7
MAX_COORDINATES = 10**7
MAX_QP_ENTRIES = 10**6
MAX_DC_LEVELS = 5000
MAX_INT_DIGITS = 20_000
MAX_FILE_BYTES = 1 << 28
SEED_MODULUS = 2**63

_NAMES = {"vertices": "MAX_VERTICES", "points": "MAX_VERTICES", "variables": "MAX_VERTICES",
          "edges": "MAX_EDGES", "triplets": "MAX_EDGES", "vertex pairs": "MAX_PAIRS", "coordinates": "MAX_COORDINATES",
          "QP entries": "MAX_QP_ENTRIES", "levels": "MAX_DC_LEVELS"}


def check_count(what: str, value: int, limit: int, path: str | None = None) -> int:
    """Refuse a declared count above its limit, before anything of that size is built.

    Parameters
    ----------
    what : str
        The quantity, e.g. ``"vertices"`` (named in the message with the limit's attribute).
    value : int
        The declared count.
    limit : int
        Its limit (one of the module attributes).
    path : str, optional
        The file that declared it.

    Returns
    -------
    int
        ``value``, when within the limit.

    Raises
    ------
    InstanceError
        If ``value > limit``.
    """
    if value > limit:
        name = _NAMES.get(what)
        attr = f" (instances.limits.{name})" if name else ""
        raise InstanceError(f"{value} {what} exceed the limit of {limit}{attr}", path)
    return value


def effective_seed(seed: int) -> int:
    """The seed in effect for a given integer: ``seed mod 2**63`` (see the module docstring).

    Parameters
    ----------
    seed : int
        Any integer (negative and huge ones included).

    Returns
    -------
    int
        In ``0 .. 2**63 - 1``; equal to ``seed`` for seeds already in that range.

    Raises
    ------
    InstanceError
        If ``seed`` is not an integer.
    """
    if isinstance(seed, bool):
        raise InstanceError(f"a seed must be an integer, got {seed!r}")
    try:
        seed = operator.index(seed)  # ints and numpy integers
    except TypeError:
        raise InstanceError(f"a seed must be an integer, got {seed!r}") from None
    return seed % SEED_MODULUS


def apply_int_digits() -> None:
    """Make ``int <-> str`` conversions of this process refuse more than ``MAX_INT_DIGITS`` digits.

    Python (>= 3.11) then raises ``ValueError`` at once for a longer decimal integer instead of spending
    quadratic time on it; the readers turn that into an ``InstanceError``. Called on import of
    ``instances``; call again after changing ``MAX_INT_DIGITS``.
    """
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(max(MAX_INT_DIGITS, 640))

"""Checking the fields of a checkpoint before a run resumes from it (shared by every resumable engine).

A checkpoint is a JSON object written by a search's ``state()``; a damaged or tampered one must be
refused with the name of its first bad field rather than resume a wrong run.

>>> check_counts({"steps": 3, "counts": [1, 2]}, "counts", 2)
>>> check_counts({"steps": -1, "counts": [0, 0]}, "counts", 2)
Traceback (most recent call last):
...
instances.errors.InstanceError: bad checkpoint: 'steps' must be a non-negative integer, got -1
"""
from __future__ import annotations

from instances import InstanceError

from .rules import MASK64

__all__ = ["bad", "is_int", "short", "check_counts", "check_common"]


def is_int(x) -> bool:
    """True for a Python int that is not a bool (JSON integers)."""
    return isinstance(x, int) and not isinstance(x, bool)


def short(x) -> str:
    """``repr(x)`` cut to 40 characters, for error messages that must not echo a whole file."""
    text = repr(x)
    return text if len(text) <= 40 else text[:37] + "..."


def bad(msg: str) -> InstanceError:
    """The error for a bad checkpoint field."""
    return InstanceError(f"bad checkpoint: {msg}")


def check_counts(state: dict, key: str, size: int) -> None:
    """Check ``steps`` (a non-negative integer) and ``state[key]``: ``size`` non-negative integers adding up to it.

    Parameters
    ----------
    state : dict
        The checkpoint.
    key : str
        The per-item move counts (``flips_per_vertex``, ``moves_per_point``).
    size : int
        Their number.

    Raises
    ------
    InstanceError
        Naming the first bad field.
    """
    for k in ("steps", key):
        if k not in state:
            raise bad(f"lacks {k!r}")
    steps, counts = state["steps"], state[key]
    if not is_int(steps) or steps < 0:
        raise bad(f"'steps' must be a non-negative integer, got {short(steps)}")
    if not isinstance(counts, list) or len(counts) != size or not all(is_int(x) and x >= 0 for x in counts):
        raise bad(f"{key!r} must be a list of {size} non-negative integers")
    if sum(counts) != steps:
        raise bad(f"{key!r} adds up to {sum(counts)}, not to 'steps' ({steps})")


def check_common(state: dict) -> None:
    """Check the fields every checkpoint has: an integer ``start_value``, finite ``seconds`` >= 0, an
    integer ``seed`` and, in ``rule_state``, an ``rng`` in 0..2^64-1.

    Raises
    ------
    InstanceError
        Naming the first bad field.

    Examples
    --------
    >>> check_common({"start_value": 5, "seconds": 0.5, "seed": -3, "rule_state": {"rng": 7}})
    >>> check_common({"start_value": 5, "seconds": float("nan")})
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: bad checkpoint: 'seconds' must be a finite number >= 0, got nan
    """
    if "start_value" not in state:
        raise bad("lacks 'start_value'")
    if not is_int(state["start_value"]):
        raise bad(f"'start_value' must be an integer, got {short(state['start_value'])}")
    seconds = state.get("seconds", 0.0)
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds < float("inf"):
        raise bad(f"'seconds' must be a finite number >= 0, got {short(seconds)}")
    if "seed" in state and not is_int(state["seed"]):
        raise bad(f"'seed' must be an integer, got {short(state['seed'])}")
    rs = state.get("rule_state") or {}
    if not isinstance(rs, dict):
        raise bad("'rule_state' must be an object")
    if "rng" in rs and not (is_int(rs["rng"]) and 0 <= rs["rng"] <= MASK64):
        raise bad(f"'rule_state' rng must be an integer in 0..2^64-1, got {short(rs['rng'])}")

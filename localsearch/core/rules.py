"""Names of the pivot rules (SPEC section 1) and the seeded stream of the ``random`` rule.

Every engine accepts the subset of rules it implements:

- ``first``: lowest-index improving element, rescanning from index 0 after every move.
- ``last``: highest-index improving element.
- ``steepest``: largest gain, ties to the lowest index.
- ``cyclic``: round-robin, continuing after the last element moved, wrapping.
- ``random``: the k-th improving element in index order, k uniform in {0..count-1} drawn from
  splitmix64 seeded with ``seed mod 2^64`` by rejection (``uniform_below``): exactly uniform, and the
  same stream in every engine, so a tight reduction (vertex v = point v) keeps random runs flip for flip.
- ``least``: smallest positive gain, ties to the lowest index.

>>> state, out = splitmix64(0)
>>> hex(out)
'0xe220a8397b1dcdaf'
>>> random_pick(0, ["a", "b", "c"])[1]
'b'

Reference: G. L. Steele Jr., D. Lea, C. H. Flood, "Fast splittable pseudorandom number generators",
OOPSLA 2014 (splitmix64).
"""
from __future__ import annotations

RULES = ("first", "last", "steepest", "cyclic", "random", "least")

MASK64 = (1 << 64) - 1


def splitmix64(state: int) -> tuple[int, int]:
    """One step of the splitmix64 generator.

    Parameters
    ----------
    state : int
        The current state, in [0, 2^64).

    Returns
    -------
    (new_state, output) : tuple of int
        The next state (``state + 0x9E3779B97F4A7C15 mod 2^64``) and the mixed 64-bit output.

    Examples
    --------
    >>> splitmix64(0)[0] == 0x9E3779B97F4A7C15
    True

    References
    ----------
    Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014.
    """
    state = (state + 0x9E3779B97F4A7C15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def uniform_below(state: int, count: int) -> tuple[int, int]:
    """An exactly uniform integer in [0, count) from the splitmix64 stream.

    Outputs r below ``(2^64 - count) mod count`` are rejected (they would make small residues more
    likely); the first accepted r gives ``r mod count``.

    Parameters
    ----------
    state : int
        The splitmix64 state, in [0, 2^64).
    count : int
        The size of the range, 1 <= count <= 2^64.

    Returns
    -------
    (new_state, k) : tuple of int
        The state after the draws and k, uniform in [0, count).

    Examples
    --------
    >>> uniform_below(0, 1)[1]
    0
    """
    threshold = ((1 << 64) - count) % count
    while True:
        state, r = splitmix64(state)
        if r >= threshold:
            return state, r % count


def random_pick(state: int, improving: list) -> tuple[int, int]:
    """The ``random`` rule on a list of improving elements in index order.

    Parameters
    ----------
    state : int
        The splitmix64 state, in [0, 2^64).
    improving : list
        The improving elements in increasing index order (non-empty).

    Returns
    -------
    (new_state, element) : tuple
        The state after the draw and ``improving[k]``, k uniform by :func:`uniform_below`.
    """
    state, k = uniform_below(state, len(improving))
    return state, improving[k]

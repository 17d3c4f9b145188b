"""Names of the pivot rules (SPEC section 1); every engine accepts the subset it implements.

- ``first``: lowest-index improving element, rescanning from index 0 after every move.
- ``last``: highest-index improving element.
- ``steepest``: largest gain, ties to the lowest index.
- ``cyclic``: round-robin, continuing after the last element moved, wrapping.
- ``random``: the k-th improving element in index order, k uniform in {0..count-1} drawn from
  splitmix64 seeded with ``seed mod 2^64`` by rejection (``uniform_below``): exactly uniform, and the
  same stream in every engine, so a tight reduction (vertex v = point v) keeps random runs flip for flip.
- ``least``: smallest positive gain, ties to the lowest index.
"""
RULES = ("first", "last", "steepest", "cyclic", "random", "least")

MASK64 = (1 << 64) - 1


def splitmix64(state: int) -> tuple[int, int]:
    """One splitmix64 step: returns (new_state, output), both in [0, 2^64)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def uniform_below(state: int, count: int) -> tuple[int, int]:
    """(new_state, k) with k uniform in [0, count): rejection of the biased low range of outputs."""
    threshold = ((1 << 64) - count) % count
    while True:
        state, r = splitmix64(state)
        if r >= threshold:
            return state, r % count


def random_pick(state: int, improving: list) -> tuple[int, int]:
    """(new_state, element): the ``random`` rule on a list of improving elements in index order."""
    state, k = uniform_below(state, len(improving))
    return state, improving[k]

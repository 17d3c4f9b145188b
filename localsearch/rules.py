"""Names of the pivot rules (SPEC section 1); every engine accepts the subset it implements.

- ``first``: lowest-index improving element, rescanning from index 0 after every move.
- ``last``: highest-index improving element.
- ``steepest``: largest gain, ties to the lowest index.
- ``cyclic``: round-robin, continuing after the last element moved, wrapping.
- ``random``: uniformly random improving element (seeded).
- ``least``: smallest positive gain, ties to the lowest index.
"""
RULES = ("first", "last", "steepest", "cyclic", "random", "least")

"""Best position of a point under a sum of weighted intervals: the sweep behind exact best moves.

A move of one point to discrete position j in 0..N-1 changes the objective by a sum of terms, each of
the form ``w`` if ``lo <= j <= hi`` (w may be negative). Sorting the 2t interval ends and sweeping finds
the best allowed position in O(t log t) for t intervals, whatever N is; ties go to the smallest position.

>>> best_position(5, [(1, 3, 2), (3, 4, 5)])
(7, 3)
>>> best_position(5, [(1, 3, 2), (3, 4, 5)], masked={3})
(5, 4)

Reference: the plane-sweep technique, e.g. de Berg et al., "Computational Geometry", ch. 2 (2008).
"""
from __future__ import annotations

from typing import Iterable


def best_position(N: int, intervals: Iterable[tuple[int, int, int]], masked=frozenset()) -> tuple[int, int] | None:
    """The best position 0..N-1 not in ``masked`` for a sum of weighted intervals, by a sweep.

    Parameters
    ----------
    N : int
        The number of positions.
    intervals : iterable of tuple
        ``(lo, hi, w)``: the sum takes ``w`` (any sign) at positions lo..hi (inclusive; empty if lo > hi;
        clipped to 0..N-1).
    masked : set, optional
        Forbidden positions; must be small (it is scanned linearly per segment).

    Returns
    -------
    tuple or None
        ``(best sum, smallest position achieving it)``; None if every position is masked.

    Examples
    --------
    >>> best_position(4, [(0, 3, -1), (2, 2, 3)]), best_position(2, [], masked={0, 1})
    ((2, 2), None)
    """
    events: dict[int, int] = {}
    for lo, hi, w in intervals:
        lo, hi = max(lo, 0), min(hi, N - 1)
        if lo > hi or w == 0:
            continue
        events[lo] = events.get(lo, 0) + w
        events[hi + 1] = events.get(hi + 1, 0) - w
    cuts = sorted(k for k in events if k < N)
    if not cuts or cuts[0] != 0:
        cuts.insert(0, 0)
    best = None
    running = 0
    for i, start in enumerate(cuts):
        running += events.get(start, 0)
        end = cuts[i + 1] if i + 1 < len(cuts) else N
        if best is not None and running <= best[0]:
            continue
        j = start
        while j < end and j in masked:
            j += 1
        if j < end:
            best = (running, j)
    return best


def value_at(j: int, intervals: Iterable[tuple[int, int, int]]) -> int:
    """The sum of the intervals at position j (direct evaluation).

    Parameters
    ----------
    j : int
        A position.
    intervals : iterable of tuple
        ``(lo, hi, w)`` as in ``best_position``.

    Returns
    -------
    int

    Examples
    --------
    >>> value_at(3, [(1, 3, 2), (3, 4, 5), (0, 0, 7)])
    7
    """
    return sum(w for lo, hi, w in intervals if lo <= j <= hi)

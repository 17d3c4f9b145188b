"""Pivot rules for flip local search, as small objects over a live list of exact gains.

A rule answers one question after every flip: *which improving vertex (gain > 0) is flipped next?*
The engine owns the gains (a list of Python ints it mutates in place) and tells the rule about every
change; the rule keeps whatever index structure makes ``choose`` fast. Definitions (SPEC section 1):

- ``first``: lowest-index improving vertex (hierarchical bitset, O(log_64 n) per query);
- ``last``: highest-index improving vertex (same bitset);
- ``cyclic``: the first improving vertex at or after the one following the last flipped vertex,
  wrapping around (the scan starts at vertex 0);
- ``steepest``: largest gain, ties to the lowest index (tournament tree);
- ``least``: smallest positive gain, ties to the lowest index (tournament tree);
- ``random``: the k-th improving vertex in index order, with k uniform in {0..count-1} drawn from
  splitmix64 (seeded) by rejection sampling, so the choice is exactly uniform and reproducible.

Every rule is a function of the current gains plus a tiny state (the cyclic pointer, the PRNG state),
so the compiled paths in :mod:`localsearch.maxcut.kernel` reproduce them flip for flip.

Adding a rule: subclass :class:`PivotRule`, set ``name``, implement ``choose`` (and ``changed`` /
``flipped`` if it keeps a structure), then ``register_rule(MyRule)``. New rules run on the exact
Python path.

>>> r = RULE_CLASSES["steepest"]([3, -1, 5, 5], seed=0)
>>> r.choose()
2

Reference: Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988;
Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014 (splitmix64).
"""
from __future__ import annotations

from typing import ClassVar

from ..core.rules import MASK64, uniform_below


class PivotRule:
    """Base class of the pivot rules: which improving vertex is flipped next.

    Parameters
    ----------
    gains : list
        The engine's live list of exact gains (Python ints); the rule reads it and never writes it.
    seed : int, default 0
        Seed of the rule's random choices, if any.
    state : dict, optional
        The rule's state from :meth:`state` (checkpoints).

    Attributes
    ----------
    name : str
        The class attribute under which :func:`register_rule` makes the rule available.
    gains : list
        The live gains.
    n : int
        The number of vertices.
    """

    name: ClassVar[str] = ""

    def __init__(self, gains: list, seed: int = 0, state: dict | None = None):
        self.gains = gains
        self.n = len(gains)

    def choose(self) -> int | None:
        """The improving vertex to flip next.

        Returns
        -------
        int or None
            A vertex of positive gain, or None at a local optimum.
        """
        raise NotImplementedError

    def changed(self, v: int, old, new) -> None:
        """Called by the engine after ``gains[v]`` changed from ``old`` to ``new``.

        Parameters
        ----------
        v : int
            The vertex.
        old, new : int
            Its gain before and after.
        """

    def flipped(self, v: int) -> None:
        """Called by the engine after vertex ``v`` was flipped and every gain was updated.

        Parameters
        ----------
        v : int
            The flipped vertex.
        """

    def state(self) -> dict:
        """The rule's JSON-able state for checkpoints (restored through the ``state`` argument).

        Returns
        -------
        dict
            Empty for rules that are functions of the gains alone.
        """
        return {}


class HierBitset:
    """A set of indices 0..n-1 with O(log_64 n) insert, delete, min, max and next-at-or-after.

    Level 0 has one bit per index; a bit of level l + 1 is set iff its 64-bit word of level l is not zero.

    Parameters
    ----------
    n : int
        The size of the universe.

    Examples
    --------
    >>> b = HierBitset(1000)
    >>> b.add(700); b.add(3)
    >>> b.min(), b.max(), b.next(4), b.next(701)
    (3, 700, 700, None)
    """

    def __init__(self, n: int):
        self.levels = []
        words = max(1, (n + 63) >> 6)
        while True:
            self.levels.append([0] * words)
            if words == 1:
                break
            words = (words + 63) >> 6

    def add(self, i: int) -> None:
        """Insert index i."""
        for lv in self.levels:
            w = i >> 6
            old = lv[w]
            lv[w] = old | (1 << (i & 63))
            if old:
                return
            i = w

    def discard(self, i: int) -> None:
        """Remove index i (if present)."""
        for lv in self.levels:
            w = i >> 6
            lv[w] &= ~(1 << (i & 63))
            if lv[w]:
                return
            i = w

    def _descend(self, level: int, p: int, highest: bool) -> int:
        while level > 0:
            level -= 1
            x = self.levels[level][p]
            p = (p << 6) | ((x.bit_length() - 1) if highest else ((x & -x).bit_length() - 1))
        return p

    def min(self) -> int | None:
        """The lowest member, or None if the set is empty."""
        top = len(self.levels) - 1
        x = self.levels[top][0]
        return None if not x else self._descend(top, (x & -x).bit_length() - 1, False)

    def max(self) -> int | None:
        """The highest member, or None if the set is empty."""
        top = len(self.levels) - 1
        x = self.levels[top][0]
        return None if not x else self._descend(top, x.bit_length() - 1, True)

    def next(self, i: int) -> int | None:
        """The lowest member >= i, or None."""
        p = i
        for level, lv in enumerate(self.levels):
            w = p >> 6
            if w >= len(lv):
                return None
            x = lv[w] >> (p & 63)
            if x:
                return self._descend(level, p + ((x & -x).bit_length() - 1), False)
            p = w + 1
        return None


class _BitsetRule(PivotRule):
    """A rule that keeps the improving vertices in a :class:`HierBitset`."""

    def __init__(self, gains, seed=0, state=None):
        super().__init__(gains, seed, state)
        self.bits = HierBitset(self.n)
        for v, g in enumerate(gains):
            if g > 0:
                self.bits.add(v)

    def changed(self, v, old, new):
        if (old > 0) != (new > 0):
            if new > 0:
                self.bits.add(v)
            else:
                self.bits.discard(v)


class First(_BitsetRule):
    """``first``: the lowest-index improving vertex (bitset minimum)."""

    name = "first"

    def choose(self):
        return self.bits.min()


class Last(_BitsetRule):
    """``last``: the highest-index improving vertex (bitset maximum)."""

    name = "last"

    def choose(self):
        return self.bits.max()


class Cyclic(_BitsetRule):
    """``cyclic``: the first improving vertex at or after the pointer, wrapping; the pointer moves to the
    vertex after the last flipped one (state ``{"pointer": p}``, 0 at the start)."""

    name = "cyclic"

    def __init__(self, gains, seed=0, state=None):
        super().__init__(gains, seed, state)
        self.pointer = int((state or {}).get("pointer", 0))

    def choose(self):
        v = self.bits.next(self.pointer) if self.pointer < self.n else None
        return self.bits.min() if v is None else v

    def flipped(self, v):
        self.pointer = v + 1 if v + 1 < self.n else 0

    def state(self):
        return {"pointer": self.pointer}


class _TournamentRule(PivotRule):
    """Segment tree whose nodes hold the index of the best vertex below them (left wins ties)."""

    def better(self, a: int, b: int) -> int:
        """The winner of two vertices, a left of b (a wins ties)."""
        raise NotImplementedError

    def __init__(self, gains, seed=0, state=None):
        super().__init__(gains, seed, state)
        P = 1
        while P < self.n:
            P <<= 1
        self.P = P
        t = [-1] * (2 * P)
        t[P:P + self.n] = range(self.n)
        for p in range(P - 1, 0, -1):
            t[p] = self._pick(t[2 * p], t[2 * p + 1])
        self.tree = t

    def _pick(self, a, b):
        if a < 0:
            return b
        if b < 0:
            return a
        return self.better(a, b)

    def changed(self, v, old, new):
        t, p = self.tree, (self.P + v) >> 1
        while p:
            w = self._pick(t[2 * p], t[2 * p + 1])
            if w == t[p] and w != v:  # an unchanged winner other than v: nothing above changes
                return
            t[p] = w
            p >>= 1

    def choose(self):
        v = self.tree[1] if self.n else -1
        return v if v >= 0 and self.gains[v] > 0 else None


class Steepest(_TournamentRule):
    """``steepest``: the largest gain, ties to the lowest index (tournament tree)."""

    name = "steepest"

    def better(self, a, b):
        """b if its gain is larger, else a (a is left of b, so ties go to the lower index)."""
        return b if self.gains[b] > self.gains[a] else a


class Least(_TournamentRule):
    """``least``: the smallest positive gain, ties to the lowest index (tournament tree)."""

    name = "least"

    def better(self, a, b):
        """b if its gain is positive and a's is not, or both are and b's is smaller; else a."""
        ga, gb = self.gains[a], self.gains[b]
        if gb > 0 and (ga <= 0 or gb < ga):
            return b
        return a


class Random(PivotRule):
    """``random``: the k-th improving vertex in index order, k uniform by ``uniform_below`` on the
    splitmix64 stream seeded with ``seed mod 2^64`` (state ``{"rng": r}``); a Fenwick tree of the
    improving indicators finds the k-th one in O(log n)."""

    name = "random"

    def __init__(self, gains, seed=0, state=None):
        super().__init__(gains, seed, state)
        self.rng = int((state or {}).get("rng", seed & MASK64))
        self.fen = [0] * (self.n + 1)
        self.count = 0
        for v, g in enumerate(gains):
            if g > 0:
                self._add(v, 1)
        self.top = 1 << max(0, self.n.bit_length() - 1) if self.n else 0

    def _add(self, v, d):
        self.count += d
        i = v + 1
        while i <= self.n:
            self.fen[i] += d
            i += i & -i

    def changed(self, v, old, new):
        if (old > 0) != (new > 0):
            self._add(v, 1 if new > 0 else -1)

    def choose(self):
        if not self.count:
            return None
        self.rng, k = uniform_below(self.rng, self.count)
        pos, rem, step = 0, k + 1, self.top
        while step:
            if pos + step <= self.n and self.fen[pos + step] < rem:
                pos += step
                rem -= self.fen[pos]
            step >>= 1
        return pos

    def state(self):
        return {"rng": self.rng}


RULE_CLASSES: dict[str, type[PivotRule]] = {}


def register_rule(cls: type[PivotRule]) -> type[PivotRule]:
    """Make a pivot rule available by its ``name`` to the flip engine (usable as a class decorator).

    Registered rules run on the exact Python path of :class:`localsearch.maxcut.flip.FlipSearch`.

    Parameters
    ----------
    cls : type
        A subclass of :class:`PivotRule` with a non-empty ``name``.

    Returns
    -------
    type
        ``cls`` itself.

    Raises
    ------
    ValueError
        If ``cls.name`` is empty.
    """
    if not cls.name:
        raise ValueError("a pivot rule needs a non-empty class attribute 'name'")
    RULE_CLASSES[cls.name] = cls
    return cls


for _cls in (First, Last, Steepest, Cyclic, Random, Least):
    register_rule(_cls)

BUILTIN = ("first", "last", "steepest", "cyclic", "random", "least")

"""Local Max-Cut search under the flip neighbourhood, with exact step counts for every pivot rule.

From a start assignment s, repeatedly flip an improving vertex (gain g(v) = sum_u w(u,v) s_u s_v > 0)
chosen by a pivot rule (:mod:`localsearch.maxcut.pivots`) until none is left (a local optimum). Gains are
updated incrementally (O(deg v) per flip). Three arithmetic paths give identical flip sequences:

- ``int64``: compiled (numba), used when ``graph.fits(2**63 - 1)`` proves no gain or update overflows;
- ``int128``: compiled, exact 128-bit integers in two uint64 limbs, when ``graph.fits(2**127 - 1)``;
- ``python``: Python integers, any size (and any user-registered rule).

Runs go in chunks, so step limits, time limits, Ctrl-C and SIGTERM (status ``interrupted``, see
:mod:`localsearch.core.interrupt`), progress callbacks and
streamed trajectories work on runs of any length; :class:`FlipSearch` also exposes a JSON-able
``state()`` to checkpoint and resume a run, and, for the many short descents of
:mod:`localsearch.maxcut.descent`, its bare loop ``advance()`` (no driver) and ``restart()``.

>>> from instances import doubling_chain, dc_steps
>>> res = local_search(doubling_chain(5))
>>> res.steps == dc_steps(5), res.status, res.extra["arithmetic"]
(True, 'local_optimum', 'int64')

Reference: Schaeffer & Yannakakis, "Simple local search problems that are hard to solve", SIAM J.
Comput. 20(1), 1991; Monien & Tscheuschner, CIAC 2010 (exponential pivot-rule runs).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import time
import weakref
from functools import cached_property
from typing import Any, Callable, Sequence

import numpy as np

from instances import INT64_MAX, Assignment, Graph, InstanceError
from instances.io import open_output

from .pivots import BUILTIN, RULE_CLASSES
from ..core.checkpoints import bad, check_common, check_counts, is_int, short
from ..core.interrupt import deferred
from ..core.result import RunResult
from ..core.rules import MASK64

INT128_MAX = 2**127 - 1
ARITHMETICS = ("int64", "int128", "python")
_LIMITS = {"int64": INT64_MAX, "int128": INT128_MAX}
_MAX_CHUNK = 1 << 20
_TARGET_CHUNK_SECONDS = 0.05
_NO_LIMIT = (1 << 62)  # "no step limit" for one compiled call (an int64 argument)
_NO_TRAJECTORY = np.empty(0, dtype=np.int64)  # the compiled loops record flipped vertices only into a non-empty one


class _Prepared:
    """Per-graph arrays shared by every run on that graph (built lazily, never mutated)."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self._fits: dict[int, bool] = {}

    def fits(self, limit: int) -> bool:
        if limit not in self._fits:
            self._fits[limit] = self.graph.fits(limit)
        return self._fits[limit]

    @cached_property
    def adjacency(self) -> tuple[np.ndarray, np.ndarray]:
        csr = self.graph.csr()  # writable int64 copies: one compiled signature for every graph
        return np.array(csr.indptr, dtype=np.int64), np.array(csr.indices, dtype=np.int64)

    @cached_property
    def w64(self) -> np.ndarray:
        return self.graph.csr().weights.astype(np.int64)

    @cached_property
    def dw64(self) -> np.ndarray:
        return self.graph.csr().weights.astype(np.int64) * 2

    @cached_property
    def dw128(self) -> np.ndarray:
        dw = [2 * int(x) for x in self.graph.csr().weights.tolist()]
        return np.array([[(x >> 64) & MASK64, x & MASK64] for x in dw], dtype=np.uint64).reshape(-1, 2)

    @cached_property
    def edge_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(u, v, w) with u < v, for vectorised cut values."""
        csr = self.graph.csr()
        src = np.repeat(np.arange(self.graph.n), np.diff(csr.indptr))
        keep = src < csr.indices
        return src[keep], csr.indices[keep], csr.weights[keep]


_PREPARED: dict[int, tuple[weakref.ref, _Prepared]] = {}


def _prepared(graph: Graph) -> _Prepared:
    key = id(graph)
    hit = _PREPARED.get(key)
    if hit is not None and hit[0]() is graph:
        return hit[1]
    prep = _Prepared(graph)
    _PREPARED[key] = (weakref.ref(graph, lambda _, k=key, d=_PREPARED: d.pop(k, None)), prep)
    return prep


def choose_arithmetic(graph: Graph, arithmetic: str = "auto", rule: str = "first") -> str:
    """The arithmetic path a flip search on ``graph`` runs on.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    arithmetic : str, default "auto"
        ``"auto"`` (the narrowest path proven exact by ``Graph.fits``: int64, else int128, else python),
        or one of ``ARITHMETICS`` to force it (checked to be exact).
    rule : str, default "first"
        The pivot rule; user-registered rules have no compiled implementation and run on ``python``.

    Returns
    -------
    str
        ``"int64"``, ``"int128"`` or ``"python"``.

    Raises
    ------
    InstanceError
        If ``arithmetic`` is unknown, or forced to a compiled path that is unsafe for these weights or
        unavailable for this rule.

    Examples
    --------
    >>> from instances import Graph
    >>> choose_arithmetic(Graph(2, ((0, 1, 5),))), choose_arithmetic(Graph(2, ((0, 1, 2**62),)))
    ('int64', 'int128')
    """
    if arithmetic not in ARITHMETICS + ("auto",):
        raise InstanceError(f"unknown arithmetic {arithmetic!r} (auto, {', '.join(ARITHMETICS)})")
    compiled = rule in BUILTIN
    prep = _prepared(graph)
    if arithmetic == "auto":
        if compiled:
            for name in ("int64", "int128"):
                if prep.fits(_LIMITS[name]):
                    return name
        return "python"
    if arithmetic != "python":
        if not compiled:
            raise InstanceError(f"rule {rule!r} has no compiled implementation; use arithmetic 'python'")
        if not prep.fits(_LIMITS[arithmetic]):
            raise InstanceError(f"arithmetic {arithmetic!r} is unsafe for this graph: some gain or update "
                                f"may exceed 2^{_LIMITS[arithmetic].bit_length()} - 1")
    return arithmetic


def graph_fingerprint(graph: Graph) -> str:
    """A short hash of the vertex count and the weighted edges, stored in checkpoints.

    Parameters
    ----------
    graph : Graph
        The weighted graph.

    Returns
    -------
    str
        16 hexadecimal digits of the SHA-256 of ``"n;u,v,w;..."`` (edges in their stored order).
    """
    h = hashlib.sha256(f"{graph.n};".encode())
    for u, v, w in graph.edges:
        h.update(f"{u},{v},{w};".encode())
    return h.hexdigest()[:16]


def check_state(state, graph: Graph, rule: str) -> None:
    """Validate a checkpoint (a :meth:`FlipSearch.state`) against the graph and rule it is resumed with.

    Every field is checked for its type and range, and the flip counts must add up to the steps, so
    a tampered or damaged checkpoint is refused instead of resuming a wrong run.

    Parameters
    ----------
    state : dict
        The checkpoint.
    graph : Graph
        The graph.
    rule : str
        The pivot rule.

    Raises
    ------
    InstanceError
        Naming the first bad field.

    Examples
    --------
    >>> from instances import doubling_chain
    >>> g = doubling_chain(3)
    >>> state = FlipSearch(g).state()
    >>> check_state(dict(state, steps=-5), g, "first")
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: bad checkpoint: 'steps' must be a non-negative integer, got -5
    """
    if not isinstance(state, dict):
        raise bad("not a JSON object")
    if state.get("graph") != graph_fingerprint(graph):
        raise InstanceError("checkpoint was written for a different graph")
    if state.get("rule") != rule:
        raise InstanceError(f"checkpoint is for rule {short(state.get('rule'))}, not {rule!r}")
    n = graph.n
    if "assignment" not in state:
        raise bad("lacks 'assignment'")
    check_counts(state, "flips_per_vertex", n)
    check_common(state)
    signs = state["assignment"]
    if not isinstance(signs, list) or len(signs) != n or not all(is_int(x) and x in (1, -1) for x in signs):
        raise bad(f"'assignment' must be a list of {n} entries +1/-1")
    rs = state.get("rule_state") or {}
    if set(rs) - {"pointer", "rng"}:
        raise bad("'rule_state' must be an object with 'pointer' (cyclic) or 'rng' (random)")
    if "pointer" in rs and not (is_int(rs["pointer"]) and 0 <= rs["pointer"] < max(n, 1)):
        raise bad(f"'rule_state' pointer must be a vertex 0..{n - 1}, got {short(rs['pointer'])}")


class FlipSearch:
    """A resumable flip local search on a Max-Cut graph: each :meth:`run` continues where the last stopped.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    rule : str, default "first"
        A pivot rule registered in :mod:`localsearch.maxcut.pivots` (the built-in ones: ``first``,
        ``last``, ``steepest``, ``cyclic``, ``random``, ``least``).
    start : Assignment or sequence of int, optional
        The start assignment (None: the graph's own start, else all +1).
    seed : int, default 0
        Seed of the ``random`` rule's splitmix64 stream (taken mod 2^64).
    arithmetic : str, default "auto"
        The arithmetic path, see :func:`choose_arithmetic`.
    state : dict, optional
        A checkpoint from :meth:`state` to resume (then ``start`` is ignored).

    Attributes
    ----------
    graph, rule, seed, arithmetic :
        As given (``arithmetic`` resolved to the path in use).
    steps : int
        Improving flips made so far (since the start of the run, across resumptions).
    seconds : float
        Search time so far (gain setup and flips; compilation excluded).
    counts : numpy.ndarray
        Flips per vertex so far (int64).
    done : bool
        True once a local optimum has been reached.
    start_value : int
        Cut value of the start assignment.

    Raises
    ------
    InstanceError
        For an unknown rule, a start of the wrong length, an unsafe forced arithmetic, or a checkpoint
        written for another graph or rule, or malformed (see :func:`check_state`).

    Examples
    --------
    >>> from instances import doubling_chain, dc_steps
    >>> search = FlipSearch(doubling_chain(4))
    >>> search.run(max_steps=10).status
    'max_steps'
    >>> resumed = FlipSearch(doubling_chain(4), state=search.state())
    >>> r = resumed.run()
    >>> r.status, r.steps == dc_steps(4)
    ('local_optimum', True)
    """

    def __init__(self, graph: Graph, rule: str = "first", start=None, seed: int = 0,
                 arithmetic: str = "auto", state: dict | None = None):
        if not isinstance(rule, str) or rule not in RULE_CLASSES:
            raise InstanceError(f"unknown pivot rule {short(rule)} (known: {', '.join(RULE_CLASSES)})")
        self.graph, self.rule, self.seed = graph, rule, int(seed)
        self.arithmetic = choose_arithmetic(graph, arithmetic, rule)
        n = graph.n
        rule_state: dict = {}
        if state is not None:
            check_state(state, graph, rule)
            s0 = Assignment(tuple(state["assignment"]))
            self.steps = state["steps"]
            self._start_value = state["start_value"]
            self.seconds = float(state.get("seconds", 0.0))
            counts = state["flips_per_vertex"]
            rule_state = dict(state.get("rule_state") or {})
        else:
            if start is None:
                start = graph.start if graph.start is not None else Assignment.plus(n)
            s0 = start if isinstance(start, Assignment) else Assignment(tuple(start))
            self.steps, self.seconds, counts = 0, 0.0, [0] * n
            self._start_value = None
        if len(s0) != n or len(counts) != n:
            raise InstanceError(f"start assignment has {len(s0)} entries for {n} vertices")
        self.counts = np.array(counts, dtype=np.int64)
        self.done = False
        init = self._py_init if self.arithmetic == "python" else self._jit_init
        self.seconds += init(s0, rule_state)
        self._start_signs = None  # kept by restart(), which defers the start cut to the first use
        if self._start_value is None:
            self._start_value = self.cut()

    @property
    def start_value(self) -> int:
        """Cut value of the start assignment (exact; after :meth:`restart`, computed when first asked)."""
        if self._start_value is None:
            self._start_value = self._cut_of(self._start_signs)
        return self._start_value

    # ---- compiled paths ---------------------------------------------------------------------------
    def _jit_init(self, s0: Assignment, rule_state: dict) -> float:
        """Build the arrays, compile (untimed), compute gains and structures; returns the timed part."""
        from . import kernel as K

        n, prep = self.graph.n, _prepared(self.graph)
        self._indptr, self._indices = prep.adjacency
        if self.arithmetic == "int64":
            self._dw = prep.dw64
            self._g = np.zeros(n, dtype=np.int64)
        else:
            self._dw = prep.dw128
            self._g = np.zeros((n, 2), dtype=np.uint64)
        self._s = s0.to_array()
        self._code = K.RULE_CODES[self.rule]
        self._hoff = K.hb_layout(n)
        self._hb = np.zeros(self._hoff[-1], dtype=np.uint64)
        P = 1
        while P < n:
            P <<= 1
        self._t = np.full(2 * P if self._code in (3, 4) else 2, -1, dtype=np.int64)
        self._fen = np.zeros(n + 1, dtype=np.int64)
        self._state = np.array([int(rule_state.get("pointer", 0)), 0], dtype=np.int64)
        self._rng = np.array([int(rule_state.get("rng", self.seed & MASK64))], dtype=np.uint64)
        _warm_up(self._dw.ndim == 2)
        return self._jit_gains()

    def _jit_gains(self) -> float:
        """Gains and the rule's structure from the signs (the structures start empty); returns the seconds."""
        from . import kernel as K

        t0 = time.perf_counter()
        if self.graph.n:
            K.init_gains(self._indptr, self._indices, self._dw, self._s, self._g)
            K.build(self._code, self._g, self._hb, self._hoff, self._t, self._fen, self._state)
        return time.perf_counter() - t0

    def _jit_restart(self, s0: Assignment | np.ndarray) -> float:
        """Reset the arrays of :meth:`_jit_init` in place for a fresh start at ``s0``."""
        self._s[:] = s0 if isinstance(s0, np.ndarray) else s0.signs
        self._hb.fill(0)
        self._t.fill(-1)
        self._fen.fill(0)
        self._state.fill(0)
        self._rng[0] = self.seed & MASK64
        return self._jit_gains()

    def _jit_chunk(self, limit: int, buf: np.ndarray) -> tuple[int, bool]:
        from . import kernel as K

        if self._code == K.RULE_CODES["first"]:
            k, opt = K.run_first(limit, self._indptr, self._indices, self._dw, self._s, self._g, self._hb,
                                 self._hoff, buf, self.counts)
        else:
            k, opt = K.run(self._code, limit, self._indptr, self._indices, self._dw, self._s, self._g, self._hb,
                           self._hoff, self._t, self._fen, self._state, self._rng, buf, self.counts)
        return int(k), bool(opt)

    # ---- exact Python path ------------------------------------------------------------------------
    def _py_init(self, s0: Assignment, rule_state: dict) -> float:
        csr = self.graph.csr()
        self._pindptr = csr.indptr.tolist()
        self._pindices = csr.indices.tolist()
        self._pdw = [2 * int(x) for x in csr.weights.tolist()]
        t0 = time.perf_counter()
        self._ps = list(s0.signs)
        self._pg = list(self.graph.gains(self._ps))
        self._prule = RULE_CLASSES[self.rule](self._pg, seed=self.seed, state=rule_state)
        return time.perf_counter() - t0

    def _py_chunk(self, limit: int, buf: np.ndarray) -> tuple[int, bool]:
        g, s, rule = self._pg, self._ps, self._prule
        indptr, indices, dw, counts = self._pindptr, self._pindices, self._pdw, self.counts
        changed = rule.changed
        for steps in range(limit):
            v = rule.choose()
            if v is None:
                return steps, True
            sv = -s[v]
            s[v] = sv
            old = g[v]
            g[v] = -old
            changed(v, old, -old)
            for k in range(indptr[v], indptr[v + 1]):
                u = indices[k]
                old = g[u]
                new = old + dw[k] if s[u] == sv else old - dw[k]
                g[u] = new
                changed(u, old, new)
            rule.flipped(v)
            buf[steps] = v
            counts[v] += 1
        return limit, not any(x > 0 for x in g)

    # ---- driver -----------------------------------------------------------------------------------
    def restart(self, start=None) -> None:
        """Start the search afresh from ``start``, on the same graph, rule, seed and arithmetic.

        Equivalent to building a new ``FlipSearch(graph, rule, start, seed, arithmetic)``, but the
        engine's arrays are reused, which makes many short searches on one graph cheaper
        (:class:`localsearch.maxcut.descent.Descent`).

        Parameters
        ----------
        start : Assignment, sequence of int or numpy.ndarray, optional
            The new start (None: the graph's own start, else all +1); an integer array of +-1 is taken
            without building an Assignment (the cheap way for callers that hold arrays).

        Raises
        ------
        InstanceError
            If ``start`` does not have one +1/-1 entry per vertex.

        Examples
        --------
        >>> from instances import Graph
        >>> search = FlipSearch(Graph(2, ((0, 1, 1),)), "steepest", (1, 1))
        >>> search.advance(), search.done
        (1, True)
        >>> search.restart((-1, -1)); search.steps, search.done, search.start_value
        (0, False, 0)
        >>> search.advance(), search.assignment().signs
        (1, (1, -1))
        """
        n = self.graph.n
        if start is None:
            start = self.graph.start if self.graph.start is not None else Assignment.plus(n)
        if isinstance(start, np.ndarray) and start.dtype.kind == "i":
            if start.shape != (n,) or not np.all((start == 1) | (start == -1)):
                raise InstanceError(f"start must be an array of {n} entries +1 or -1")
            s0 = start if self.arithmetic != "python" else Assignment(tuple(start.tolist()))
        else:
            s0 = start if isinstance(start, Assignment) else Assignment(tuple(start))
        if len(s0) != n:
            raise InstanceError(f"start assignment has {len(s0)} entries for {n} vertices")
        self.steps, self.seconds, self.done = 0, 0.0, False
        self.counts.fill(0)
        self._start_value = None
        if self.arithmetic == "python":
            self.seconds += self._py_init(s0, {})
            self._start_signs = s0
        else:
            self.seconds += self._jit_restart(s0)
            if self._start_signs is None:
                self._start_signs = self._s.copy()
            else:
                self._start_signs[:] = self._s

    def advance(self, max_flips: int | None = None) -> int:
        """Make up to ``max_flips`` more improving flips in one uninterrupted call; return how many.

        The bare loop of :meth:`run` without its driver: no chunking, time limit, progress, trajectory,
        Ctrl-C handling or result object (Ctrl-C raises ``KeyboardInterrupt`` as usual). ``steps``,
        ``seconds``, the flip counts and ``done`` (True once a local optimum is reached) are updated, so
        :meth:`run`, :meth:`state` and :meth:`assignment` continue from here. It is the cheap entry point
        for many short descents (:func:`localsearch.maxcut.descent.descend`).

        Parameters
        ----------
        max_flips : int or None, default None
            The most flips to make in this call (None: until a local optimum).

        Returns
        -------
        int
            The number of flips made by this call.

        Raises
        ------
        InstanceError
            If ``max_flips`` is negative.

        Examples
        --------
        >>> from instances import doubling_chain, dc_steps
        >>> search = FlipSearch(doubling_chain(4))
        >>> search.advance(5), search.done, search.advance() + 5 == dc_steps(4), search.done
        (5, False, True, True)
        """
        if max_flips is not None and max_flips < 0:
            raise InstanceError(f"max_flips must be >= 0, got {max_flips}")
        if self.done:
            return 0
        limit = _NO_LIMIT if max_flips is None else int(max_flips)
        t0 = time.perf_counter()
        if self.arithmetic == "python":  # its loop records every flip: reuse one buffer, chunk by chunk
            buf = np.empty(min(limit, 4096), dtype=np.int64)
            k = 0
            while True:
                made, optimum = self._py_chunk(min(len(buf), limit - k), buf)
                k += made
                if optimum or k >= limit:
                    break
        else:
            k, optimum = self._jit_chunk(limit, _NO_TRAJECTORY)
        self.seconds += time.perf_counter() - t0
        self.steps += k
        self.done = optimum
        return k

    def assignment(self) -> Assignment:
        """The current assignment.

        Returns
        -------
        Assignment
            A new immutable copy (built without re-validating the engine's own +-1 entries).
        """
        a = object.__new__(Assignment)
        object.__setattr__(a, "signs", tuple(self._ps) if self.arithmetic == "python" else tuple(self._s.tolist()))
        return a

    def cut(self) -> int:
        """Cut value of the current assignment.

        Returns
        -------
        int
            Recomputed from the edge weights (not from the gains), exact.
        """
        return self._cut_of(self._s if self.arithmetic != "python" else self.assignment())

    def _cut_of(self, signs) -> int:
        """Cut of ``signs`` (the engine's int8 array on the compiled paths, an Assignment on ``python``)."""
        if self.arithmetic == "int64":
            from . import kernel as K

            return int(K.cut64(self._indptr, self._indices, _prepared(self.graph).w64, signs))
        return cut_value(self.graph, signs)

    def rule_state(self) -> dict:
        """The pivot rule's own state: ``{"pointer": p}`` for cyclic, ``{"rng": r}`` for random, else {}.

        Returns
        -------
        dict
            JSON-able; restored through a checkpoint.
        """
        if self.arithmetic == "python":
            return self._prule.state()
        return {"pointer": int(self._state[0])} if self.rule == "cyclic" else (
            {"rng": int(self._rng[0])} if self.rule == "random" else {})

    def state(self) -> dict:
        """A JSON-able checkpoint of the run so far, to resume with ``FlipSearch(..., state=...)``.

        Returns
        -------
        dict
            ``kind`` ("flip-checkpoint"), ``graph`` (:func:`graph_fingerprint`), ``rule``, ``seed``,
            ``arithmetic``, ``steps``, ``start_value``, ``seconds``, ``assignment``,
            ``flips_per_vertex`` and ``rule_state``.
        """
        return {"kind": "flip-checkpoint", "graph": graph_fingerprint(self.graph), "rule": self.rule,
                "seed": self.seed, "arithmetic": self.arithmetic, "steps": self.steps,
                "start_value": self.start_value, "seconds": self.seconds,
                "assignment": list(self.assignment().signs), "flips_per_vertex": self.counts.tolist(),
                "rule_state": self.rule_state()}

    def run(self, max_steps: int | None = None, time_limit: float | None = None, trajectory=None,
            progress: Callable[[int], Any] | None = None) -> RunResult:
        """Continue the search until a local optimum, a limit, or Ctrl-C / SIGTERM.

        The flips go in chunks (growing while a chunk takes under 50 ms), and limits, progress,
        trajectory output and stop signals are handled between chunks, so the state is always
        consistent (see :func:`localsearch.core.interrupt.deferred`).

        Parameters
        ----------
        max_steps : int, optional
            Stop once the run has made this many flips in all (earlier calls included).
        time_limit : float, optional
            Stop after about this many seconds of this call (> 0).
        trajectory : callable, list, path or text file, optional
            Where the flipped vertices go: a callable gets an int64 array per chunk, a list is extended,
            a path or a text file gets one vertex per line.
        progress : callable, optional
            Called with the number of flips of each chunk.

        Returns
        -------
        RunResult
            ``steps``, ``status`` (``local_optimum``, ``max_steps``, ``time_limit`` or ``interrupted``),
            ``value`` (the cut), ``start_value``, ``solution`` (an Assignment), ``seconds``, ``rule``,
            ``seed``; ``extra`` has ``arithmetic``, ``flips_per_vertex`` and ``rule_state``.

        Raises
        ------
        InstanceError
            If ``max_steps < 0`` or ``time_limit <= 0``.
        TypeError
            If ``trajectory`` is none of the accepted kinds.
        """
        if max_steps is not None and max_steps < 0:
            raise InstanceError(f"max_steps must be >= 0, got {max_steps}")
        if time_limit is not None and not time_limit > 0:
            raise InstanceError(f"time_limit must be > 0, got {time_limit}")
        python = self.arithmetic == "python"
        chunk_fn = self._py_chunk if python else self._jit_chunk
        chunk = 256 if python else 4096
        sink, close = _trajectory_sink(trajectory)
        status = "local_optimum" if self.done else None
        t_start = time.perf_counter()
        try:
            with deferred() as interrupted:
                while status is None:
                    remaining = None if max_steps is None else max_steps - self.steps
                    limit = chunk if remaining is None else min(chunk, remaining)
                    # the compiled loop writes the flipped vertices only when someone reads them
                    buf = np.empty(max(limit, 1) if python or sink is not None else 0, dtype=np.int64)
                    t0 = time.perf_counter()
                    k, optimum = chunk_fn(limit, buf)
                    dt = time.perf_counter() - t0
                    self.seconds += dt
                    self.steps += k
                    if sink is not None and k:
                        sink(buf[:k])
                    if progress is not None and k:
                        progress(k)
                    if optimum:
                        status = "local_optimum"
                        self.done = True
                    elif remaining is not None and k >= remaining:
                        status = "max_steps"
                    elif time_limit is not None and time.perf_counter() - t_start >= time_limit:
                        status = "time_limit"
                    elif interrupted:
                        status = "interrupted"
                    elif dt < _TARGET_CHUNK_SECONDS and chunk < _MAX_CHUNK:
                        chunk *= 2
        finally:
            if close is not None:
                close()
        final = self.assignment()
        return RunResult(steps=self.steps, status=status, value=self.cut(),
                         start_value=self.start_value, solution=final, seconds=self.seconds, rule=self.rule,
                         seed=self.seed, extra={"arithmetic": self.arithmetic,
                                                "flips_per_vertex": self.counts.tolist(),
                                                "rule_state": self.rule_state()})


def cut_value(graph: Graph, s: Sequence[int]) -> int:
    """The cut value of ``s``, recomputed from the edges with numpy.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    s : Assignment or sequence of int
        One +1/-1 per vertex.

    Returns
    -------
    int
        The total weight of the cut edges, exact (summed in int64 only when every cut fits int64).

    Raises
    ------
    InstanceError
        If ``s`` does not have one entry per vertex.

    Examples
    --------
    >>> from instances import Graph
    >>> cut_value(Graph(3, ((0, 1, 2), (1, 2, 2**70))), (1, -1, -1))
    2
    """
    if len(s) != graph.n:
        raise InstanceError(f"assignment has {len(s)} entries, graph has {graph.n} vertices")
    prep = _prepared(graph)
    u, v, w = prep.edge_arrays
    sa = s.to_array() if isinstance(s, Assignment) else np.asarray(s)
    w = w[sa[u] != sa[v]]
    return int(w.sum()) if w.dtype == np.int64 and prep.fits(INT64_MAX) else sum(int(x) for x in w.tolist())


def local_search(graph: Graph, rule: str = "first", start: Assignment | Sequence[int] | None = None,
                 seed: int = 0, max_steps: int | None = None, time_limit: float | None = None,
                 arithmetic: str = "auto", trajectory=None, progress=None) -> RunResult:
    """Flip local search from ``start`` with pivot ``rule`` until a local optimum or a limit.

    One call of ``FlipSearch(graph, rule, start, seed, arithmetic).run(...)``.

    Parameters
    ----------
    graph : Graph
        The weighted graph.
    rule : str, default "first"
        The pivot rule (see :mod:`localsearch.maxcut.pivots`).
    start : Assignment or sequence of int, optional
        The start assignment (None: the graph's own start, else all +1).
    seed : int, default 0
        Seed of the ``random`` rule.
    max_steps : int, optional
        The most flips.
    time_limit : float, optional
        The most seconds.
    arithmetic : str, default "auto"
        See :func:`choose_arithmetic`.
    trajectory, progress : optional
        See :meth:`FlipSearch.run`.

    Returns
    -------
    RunResult
        See :meth:`FlipSearch.run`; ``seconds`` covers gain setup and search (not compilation).

    Raises
    ------
    InstanceError
        See :class:`FlipSearch` and :meth:`FlipSearch.run`.

    References
    ----------
    Schaeffer & Yannakakis, "Simple local search problems that are hard to solve", SIAM J. Comput. 20(1),
    1991; Monien & Tscheuschner, CIAC 2010.
    """
    search = FlipSearch(graph, rule, start, seed, arithmetic)
    return search.run(max_steps=max_steps, time_limit=time_limit, trajectory=trajectory, progress=progress)


def _trajectory_sink(trajectory):
    """(write(array), close or None) for the accepted trajectory targets."""
    if trajectory is None:
        return None, None
    if isinstance(trajectory, list):
        return (lambda a: trajectory.extend(a.tolist())), None
    if isinstance(trajectory, (str, os.PathLike)):  # written in place as it grows ('-': stdout)
        stack = contextlib.ExitStack()
        f = stack.enter_context(open_output(trajectory, "w", atomic=False))
        return (lambda a: f.write("\n".join(map(str, a.tolist())) + "\n")), stack.close
    if hasattr(trajectory, "write"):
        return (lambda a: trajectory.write("\n".join(map(str, a.tolist())) + "\n")), None
    if callable(trajectory):
        return trajectory, None
    raise TypeError(f"trajectory must be a callable, list, path or text file, not {type(trajectory).__name__}")


_WARM: set = set()


def _warm_up(wide: bool) -> None:
    """Compile (or load from cache) the kernels for one width on a tiny graph, outside any timing."""
    if wide in _WARM:
        return
    from . import kernel as K

    indptr = np.array([0, 1, 2], dtype=np.int64)
    indices = np.array([1, 0], dtype=np.int64)
    dw = np.array([[0, 2], [0, 2]], dtype=np.uint64) if wide else np.array([2, 2], dtype=np.int64)
    g = np.zeros((2, 2), dtype=np.uint64) if wide else np.zeros(2, dtype=np.int64)
    s = np.ones(2, dtype=np.int8)
    hoff = K.hb_layout(2)
    for code in range(6):
        hb = np.zeros(hoff[-1], dtype=np.uint64)
        t = np.full(4, -1, dtype=np.int64)
        fen, state, rng = np.zeros(3, dtype=np.int64), np.zeros(2, dtype=np.int64), np.zeros(1, dtype=np.uint64)
        K.init_gains(indptr, indices, dw, s, g)
        K.build(code, g, hb, hoff, t, fen, state)
        K.run(code, 4, indptr, indices, dw, s.copy(), g, hb, hoff, t, fen, state, rng, np.empty(4, dtype=np.int64),
              np.zeros(len(s), dtype=np.int64))
        if code == K.RULE_CODES["first"]:
            K.run_first(4, indptr, indices, dw, s.copy(), g, hb, hoff, np.empty(4, dtype=np.int64),
                        np.zeros(len(s), dtype=np.int64))
    if not wide:
        K.cut64(indptr, indices, dw, s)
    _WARM.add(wide)

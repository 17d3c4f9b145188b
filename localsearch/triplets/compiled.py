"""Resumable triplet searches on the compiled kernels, with the exact Python engines as reference and fallback.

:class:`TripletSearch` runs the pivot rules of :mod:`localsearch.triplets.driver` on one instance. When a
compiled kernel exists for the target (the line, trees, orderings) and a proven bound says its int64 /
int128 arithmetic is exact for the instance and the start (see each kernel's docstring), the moves are
made by the kernel, in chunks, so step and time limits, progress callbacks, trajectories and SIGINT/SIGTERM are
handled between chunks; otherwise, and from the first move where the bound could fail, the run goes on
with the exact Python engine (``arithmetic`` says which). Every path makes the same moves: the kernels
compute the same exact best moves with the same tie rules, and the pivot rules use the same structures
and the same splitmix64 stream (:mod:`localsearch.triplets.kernels.common`).

Each engine module provides a kernel adapter (a subclass of :class:`KernelAdapter`), the exact
``MoveState`` and the checks of its solutions; ``KERNELS`` maps a target to them.

:meth:`TripletSearch.state` is a JSON-able checkpoint; ``TripletSearch(inst, state=...)`` resumes it.

>>> from instances import doubling_chain, dc_steps
>>> from reductions import to_line
>>> search = TripletSearch(to_line.reduce(doubling_chain(4)))
>>> r = search.run(max_steps=10)
>>> r.status, r.steps, search.arithmetic
('max_steps', 10, 'int64')
>>> r = TripletSearch(search.inst, state=search.state()).run()
>>> r.status, r.steps == dc_steps(4)
('local_optimum', True)
"""
from __future__ import annotations

import hashlib
import time
from importlib import import_module
from typing import Any, Callable

import numpy as np

from instances import InstanceError, TripletInstance, jsonio

from ..core.jit_int import INT64_LIMIT, INT128_LIMIT, from_limbs, to_limbs
from ..core.checkpoints import bad, check_common, check_counts, is_int, short
from ..core.interrupt import deferred
from ..core.result import RunResult
from ..core.rules import MASK64, RULES
from .driver import incidence, run as driver_run
from .kernels import common as C

__all__ = ["TripletSearch", "check_state", "KernelAdapter", "instance_fingerprint", "ARITHMETICS", "weight_width",
           "incidence_arrays"]

#: the arithmetic a search may be asked for ("auto": the compiled kernel when its bound holds)
ARITHMETICS = ("auto", "compiled", "python")

_MAX_CHUNK = 1 << 20
_TARGET_CHUNK_SECONDS = 0.05
_NO_TRAJ = np.empty(0, dtype=np.int64)

# target -> module holding the engine's adapter (``ADAPTER``), exact state (``exact_state``), ``check_start``
_ENGINES = {"euclidean": "localsearch.triplets.line", "tree": "localsearch.triplets.tree",
            "betweenness": "localsearch.triplets.orderings", "nonbetweenness": "localsearch.triplets.orderings"}


def instance_fingerprint(inst: TripletInstance) -> str:
    """A short hash of the points, target, dimension and weighted triplets, stored in checkpoints.

    Parameters
    ----------
    inst : TripletInstance

    Returns
    -------
    str
        16 hexadecimal digits of the SHA-256 of ``"points;target;dim;a,b,c,w;..."``.

    Examples
    --------
    >>> instance_fingerprint(TripletInstance(3, ((0, 1, 2, 1),))) == instance_fingerprint(TripletInstance(3, ((0, 1, 2, 2),)))
    False
    """
    h = hashlib.sha256(f"{inst.points};{inst.target};{inst.dim};".encode())
    for a, b, c, w in inst.triplets:
        h.update(f"{a},{b},{c},{w};".encode())
    return h.hexdigest()[:16]


def weight_width(inst: TripletInstance, inc=None) -> tuple[str | None, np.ndarray]:
    """The narrowest exact width for every point's value and gain, and the points too wide for it.

    A point's value lies in [0, S_p] and its gains in [-S_p, S_p], S_p the sum of the weights of its
    triplets; int64 is exact if every S_p <= 2^63 - 1, int128 if every S_p <= 2^127 - 1.

    Parameters
    ----------
    inst : TripletInstance
    inc : list, optional
        ``driver.incidence(inst)``.

    Returns
    -------
    (width, wide) : tuple
        ``"int64"`` or ``"int128"`` (None if some point exceeds int128: those points are ``wide``), and a
        bool array of the points whose sums exceed the width (evaluated in Python).

    Examples
    --------
    >>> weight_width(TripletInstance(3, ((0, 1, 2, 2**70),)))[0]
    'int128'
    """
    inc = incidence(inst) if inc is None else inc
    sums = [sum(t[3] for t in trips) for trips in inc]
    top = max(sums, default=0)
    if top <= INT64_LIMIT:
        return "int64", np.zeros(inst.points, dtype=np.bool_)
    return "int128", np.array([s > INT128_LIMIT for s in sums], dtype=np.bool_)


def incidence_arrays(inc, width: str, wide=None) -> tuple:
    """The triplets at each point as the kernels read them: CSR pointers, the point's role (0: the anchor
    a, 1: b, 2: c), the two other points in triplet order, and the weights (int64 or int128 limbs; 0 for
    the entries of ``wide`` points, which the kernels never read).

    Parameters
    ----------
    inc : list of list of tuple
        ``driver.incidence``.
    width : str
        ``"int64"`` or ``"int128"``.
    wide : numpy.ndarray, optional
        Points whose weights are not given to the kernel.

    Returns
    -------
    (ip, role, o1, o2, w) : tuple of numpy.ndarray

    Examples
    --------
    >>> ip, role, o1, o2, w = incidence_arrays(incidence(TripletInstance(3, ((0, 1, 2, 5),))), "int64")
    >>> ip.tolist(), role.tolist(), o1.tolist(), o2.tolist(), w.tolist()
    ([0, 1, 2, 3], [0, 1, 2], [1, 0, 0], [2, 2, 1], [5, 5, 5])
    """
    roles, others, ws = [], [], []
    for p, trips in enumerate(inc):
        for a, b, c, wt in trips:
            role = 0 if p == a else 1 if p == b else 2
            roles.append(role)
            others.append((b, c) if role == 0 else (a, c) if role == 1 else (a, b))
            ws.append(0 if wide is not None and wide[p] else wt)
    ip = np.zeros(len(inc) + 1, dtype=np.int64)
    ip[1:] = np.cumsum([len(t) for t in inc])
    pairs = np.array(others, dtype=np.int64).reshape(-1, 2)
    w = np.array(ws, dtype=np.int64) if width == "int64" else to_limbs(ws)
    return ip, np.array(roles, dtype=np.int8), pairs[:, 0].copy(), pairs[:, 1].copy(), w


class KernelAdapter:
    """The Python side of one compiled triplet kernel: its arrays, and what Python does for it.

    A subclass sets ``self.g`` (the gain vector, int64 or int128 limbs), ``self.pv``
    (:func:`localsearch.triplets.kernels.common.pivot_arrays`), ``self.counts`` and implements
    :meth:`chunk`, :meth:`solution`, :meth:`exact_state` (the Python ``MoveState`` of the current
    solution), :meth:`outside` (evaluate a wide point exactly) and :meth:`decode` (a trajectory move).

    Parameters
    ----------
    inst : TripletInstance
    rule : str
    rng : int
        The splitmix64 state.
    last : int
        The last point moved (-1: none), for ``cyclic``.
    width : str
        ``"int64"`` or ``"int128"``.
    wide : numpy.ndarray
        Points whose sums exceed the width.
    """

    def __init__(self, inst: TripletInstance, rule: str, rng: int, last: int, width: str, wide: np.ndarray):
        m = inst.points
        self.inst, self.m, self.width, self.wide = inst, m, width, wide
        self.code = C.RULE_CODES[rule]
        self.g = np.zeros(m, dtype=np.int64) if width == "int64" else np.zeros((m, 2), dtype=np.uint64)
        self.pv = C.pivot_arrays(m, self.code, rng, self.g, ptr=(last + 1) % m if last >= 0 and m else 0)
        self.counts = np.zeros(m, dtype=np.int64)

    # -- what a subclass provides --
    def chunk(self, limit: int, traj: tuple) -> tuple[int, int]:
        """Run the kernel for up to ``limit`` moves; returns (moves, code)."""
        raise NotImplementedError

    def solution(self):
        """The current solution in the instance's solution form."""
        raise NotImplementedError

    def exact_state(self):
        """The exact Python ``MoveState`` holding the current solution (for a fallback)."""
        raise NotImplementedError

    def outside(self, p: int) -> bool:
        """Evaluate point p exactly in Python and store its gain and move; False if they do not fit."""
        raise NotImplementedError

    def rescale(self, q: int) -> bool:
        """Refine the position grid to admit denominator q; False if the bound would fail."""
        return False

    def decode(self, p: int, mv) -> Any:
        """The move of a trajectory entry, in the Python engine's form."""
        raise NotImplementedError

    def move_buffer(self, k: int) -> np.ndarray:
        """A buffer for k moves of the kernel's move encoding."""
        return np.empty(k, dtype=np.int64)

    # -- shared --
    def alloc_cache(self, entries: int, values: int = 2) -> None:
        """The arrays of a kernel with stamped evaluations (orderings, trees): the cached move ``mv``,
        ``values`` values per point (``vals``), per triplet entry whether it held (``se``), the move count
        at each point's evaluation (``stamp``) and after its last move (``lastmv``), and sweep buffers."""
        m = self.m
        self.mv = np.zeros(m, dtype=np.int64)
        self.vals = np.zeros((m, values), dtype=np.int64) if self.width == "int64" else \
            np.zeros((m, values, 2), dtype=np.uint64)
        self.se = np.zeros(entries, dtype=np.int8)
        self.stamp = np.full(m, -1, dtype=np.int64)
        self.lastmv = np.full(m, -1, dtype=np.int64)
        events = 2 * int(np.diff(self.ip).max(initial=0)) + 1
        self.bp = np.empty(events, dtype=np.int64)
        self.bk = np.empty(events, dtype=np.int64)

    def store_gain(self, p: int, gain: int) -> bool:
        """Write an exact gain (0 for a point without improving move); False if it does not fit."""
        if self.width == "int64":
            if abs(gain) > INT64_LIMIT:
                return False
            self.g[p] = gain
        else:
            if abs(gain) > INT128_LIMIT:
                return False
            self.g[p] = to_limbs([gain])[0]
        return True

    def gains_of(self, buf: np.ndarray, k: int) -> list[int]:
        """Python ints of the first k gains of a trajectory gain buffer."""
        return buf[:k].tolist() if buf.ndim == 1 else from_limbs(buf[:k])

    def gain_buffer(self, k: int) -> np.ndarray:
        return np.empty(k, dtype=np.int64) if self.width == "int64" else np.empty((k, 2), dtype=np.uint64)

    @property
    def rng(self) -> int:
        return int(self.pv[8][0])

    @property
    def last(self) -> int:
        ptr = int(self.pv[7][C.PTR])
        return ptr - 1 if ptr > 0 else (self.m - 1 if self.counts.any() else -1)


def _engine(inst: TripletInstance):
    try:
        return import_module(_ENGINES[inst.target])
    except KeyError:
        raise InstanceError(f"no compiled search for target {inst.target!r}") from None


def check_state(state, inst: TripletInstance) -> None:
    """Validate a checkpoint (a :meth:`TripletSearch.state`) against the instance it is resumed on.

    Every field is checked for its type and range, and the move counts must add up to the steps, so
    a tampered or damaged checkpoint is refused instead of resuming a wrong run (the solution itself
    is checked by the engine's ``check_start``).

    Parameters
    ----------
    state : dict
        The checkpoint.
    inst : TripletInstance
        The instance.

    Raises
    ------
    InstanceError
        Naming the first bad field.

    Examples
    --------
    >>> from instances import doubling_chain
    >>> from reductions import target_module
    >>> inst = target_module("line").reduce(doubling_chain(2))
    >>> state = TripletSearch(inst).state()
    >>> check_state(state, inst)
    >>> check_state(dict(state, steps=1.5), inst)
    Traceback (most recent call last):
    ...
    instances.errors.InstanceError: bad checkpoint: 'steps' must be a non-negative integer, got 1.5
    """
    if not isinstance(state, dict):
        raise bad("not a JSON object")
    if state.get("instance") != instance_fingerprint(inst):
        raise InstanceError("checkpoint was written for a different instance")
    if state.get("rule", "first") not in RULES:
        raise bad(f"'rule' must be one of {', '.join(RULES)}, got {short(state.get('rule'))}")
    if "solution" not in state:
        raise bad("lacks 'solution'")
    check_counts(state, "moves_per_point", inst.points)
    check_common(state)
    rs = state.get("rule_state") or {}
    if set(rs) - {"rng", "last"}:
        raise bad("'rule_state' must be an object with 'rng' and 'last'")
    if "last" in rs and not (is_int(rs["last"]) and -1 <= rs["last"] < inst.points):
        raise bad(f"'rule_state' last must be a point -1..{inst.points - 1}, got {short(rs['last'])}")


class TripletSearch:
    """A resumable local search on a triplet instance (line, trees, orderings): each :meth:`run` continues.

    Parameters
    ----------
    inst : TripletInstance
        A line (euclidean, dim 1), tree, betweenness or non-betweenness instance.
    rule : str, default "first"
        A pivot rule of ``localsearch.core.rules.RULES``.
    start : optional
        The start solution (default: the instance's own; see each engine's ``local_search``).
    seed : int, default 0
        Seed of the ``random`` rule's splitmix64 stream.
    arithmetic : str, default "auto"
        ``"auto"`` (the compiled kernel when its bound holds, else the exact Python engine),
        ``"compiled"`` (an error if the kernel cannot run from this start) or ``"python"``.
    state : dict, optional
        A checkpoint from :meth:`state` to resume (then ``start``, ``rule`` and ``seed`` come from it).

    Attributes
    ----------
    inst, rule, seed :
        As given.
    steps : int
        Moves made so far (across resumptions).
    seconds : float
        Search time so far.
    done : bool
        True once a local optimum is reached.
    start_value : int
        The objective of the run's start.

    Raises
    ------
    InstanceError
        For an unknown rule or arithmetic, a bad start, a target without engine, ``arithmetic="compiled"``
        where the kernel cannot run, or a checkpoint written for another instance.
    """

    def __init__(self, inst: TripletInstance, rule: str = "first", start=None, seed: int = 0,
                 arithmetic: str = "auto", state: dict | None = None):
        if arithmetic not in ARITHMETICS:
            raise InstanceError(f"unknown arithmetic {arithmetic!r} (expected one of {', '.join(ARITHMETICS)})")
        self.inst = inst
        self.engine = _engine(inst)
        per_point: list | None = None
        rng, last = None, -1
        if state is not None:
            check_state(state, inst)
            rule, seed = state.get("rule", rule), state.get("seed", seed)
            start = jsonio.decode_solution(state["solution"], inst.target, inst.dim)
            self.steps = state["steps"]
            self.seconds = float(state.get("seconds", 0.0))
            per_point = list(state["moves_per_point"])
            rs = state.get("rule_state") or {}
            rng, last = rs.get("rng", seed & MASK64), rs.get("last", -1)
        else:
            self.steps, self.seconds = 0, 0.0
        if rule not in RULES:
            raise InstanceError(f"unknown pivot rule {rule!r} (expected one of {', '.join(RULES)})")
        self.rule, self.seed = rule, int(seed)
        start = self.engine.check_start(inst, start)
        self.start_value = int(state["start_value"]) if state is not None else inst.satisfied_weight(start)
        self.done = False
        self._rng = (self.seed & MASK64) if rng is None else rng
        self._last = last
        self._per_point = per_point or [0] * inst.points
        self.adapter = None
        self._exact = None
        if arithmetic != "python":
            self.adapter = self.engine.ADAPTER.make(inst, start, rule, self._rng, last)
            if self.adapter is None and arithmetic == "compiled":
                raise InstanceError("the compiled kernel cannot run on this instance and start (weights or "
                                    "positions beyond its proven bound); use arithmetic 'auto' or 'python'")
        if self.adapter is None:
            self._exact = self.engine.exact_state(inst, start)
        else:
            self.adapter.counts[:] = self._per_point
        self._fallback_at = None

    @property
    def arithmetic(self) -> str:
        """The path the next moves run on: the kernel's width (``int64``/``int128``) or the exact engine's."""
        return self.adapter.width if self.adapter is not None else self._exact.arithmetic

    def solution(self):
        """The current solution."""
        return self.adapter.solution() if self.adapter is not None else self._exact.solution()

    def moves_per_point(self) -> list[int]:
        """Moves of each point so far."""
        return self.adapter.counts.tolist() if self.adapter is not None else list(self._per_point)

    def rule_state(self) -> dict:
        """``{"rng": r, "last": p}``: the splitmix64 state and the last point moved."""
        if self.adapter is not None:
            return {"rng": self.adapter.rng, "last": self.adapter.last}
        return {"rng": self._rng, "last": self._last}

    def state(self) -> dict:
        """A JSON-able checkpoint of the run so far, to resume with ``TripletSearch(inst, state=...)``.

        Returns
        -------
        dict
            ``kind`` ("triplet-checkpoint"), ``instance`` (:func:`instance_fingerprint`), ``target``,
            ``rule``, ``seed``, ``arithmetic``, ``steps``, ``start_value``, ``seconds``, ``solution``
            (JSON form), ``moves_per_point`` and ``rule_state``.
        """
        return {"kind": "triplet-checkpoint", "instance": instance_fingerprint(self.inst),
                "target": self.inst.target, "rule": self.rule, "seed": self.seed, "arithmetic": self.arithmetic,
                "steps": self.steps, "start_value": self.start_value, "seconds": self.seconds,
                "solution": jsonio.encode_value(self.solution()), "moves_per_point": self.moves_per_point(),
                "rule_state": self.rule_state()}

    def _fall_back(self) -> None:
        """Continue on the exact Python engine from the kernel's current state."""
        ad = self.adapter
        self._rng, self._last, self._per_point = ad.rng, ad.last, ad.counts.tolist()
        self._exact = ad.exact_state()
        self.adapter = None
        self._fallback_at = self.steps

    def run(self, max_steps: int | None = None, time_limit: float | None = None, trajectory=None,
            progress: Callable[[int], Any] | None = None) -> RunResult:
        """Continue the search until a local optimum, a limit, or SIGINT/SIGTERM.

        Parameters
        ----------
        max_steps : int, optional
            Stop once the run has made this many moves in all (earlier calls included).
        time_limit : float, optional
            Stop after about this many seconds of this call (> 0).
        trajectory : list or callable, optional
            Receives ``(point, gain, move)`` per move (a list is extended; a callable gets a list per chunk).
        progress : callable, optional
            Called with the number of moves of each chunk.

        Returns
        -------
        RunResult
            ``status`` (``local_optimum``, ``max_steps``, ``time_limit`` or ``interrupted``), ``value``
            (recomputed from scratch), ``start_value``, ``solution``, ``seconds``; ``extra`` has
            ``moves_per_point``, ``arithmetic``, ``rule_state`` and, when the kernel handed over to the
            exact path, ``fallback_at`` (the step).

        Raises
        ------
        InstanceError
            If ``max_steps < 0`` or ``time_limit <= 0``.
        """
        if max_steps is not None and max_steps < 0:
            raise InstanceError(f"max_steps must be >= 0, got {max_steps}")
        if time_limit is not None and not time_limit > 0:
            raise InstanceError(f"time_limit must be > 0, got {time_limit}")
        sink = (trajectory.extend if isinstance(trajectory, list) else trajectory) if trajectory is not None else None
        t_start = time.perf_counter()
        status = "local_optimum" if self.done else None
        with deferred() as interrupted:  # SIGINT/SIGTERM: stop between chunks, the state consistent
            if status is None and self.adapter is not None:
                status = self._run_compiled(max_steps, time_limit, sink, progress, t_start, interrupted)
            if status is None:
                status = self._run_exact(max_steps, time_limit, sink, progress, t_start)
        self.done = status == "local_optimum"
        sol = self.solution()
        extra = {"moves_per_point": self.moves_per_point(), "arithmetic": self.arithmetic,
                 "rule_state": self.rule_state()}
        if self._fallback_at is not None:
            extra["fallback_at"] = self._fallback_at
        return RunResult(steps=self.steps, status=status, value=self.inst.satisfied_weight(sol),
                         start_value=self.start_value, solution=sol, seconds=self.seconds, rule=self.rule,
                         seed=self.seed, extra=extra)

    def _run_compiled(self, max_steps, time_limit, sink, progress, t_start, interrupted):
        """Kernel chunks; returns the status, or None when the exact path must take over."""
        ad = self.adapter
        chunk = 4096
        while True:
            if time_limit is not None and time.perf_counter() - t_start >= time_limit:
                return "time_limit"
            remaining = None if max_steps is None else max_steps - self.steps
            limit = chunk if remaining is None else min(chunk, remaining)
            traj = (np.empty(limit, dtype=np.int64), ad.gain_buffer(limit), ad.move_buffer(limit)) \
                if sink is not None and limit else (_NO_TRAJ, ad.gain_buffer(0), ad.move_buffer(0))
            t0 = time.perf_counter()
            k, code = ad.chunk(limit, traj)
            dt = time.perf_counter() - t0
            self.seconds += dt
            self.steps += k
            if sink is not None and k:
                pts = traj[0][:k].tolist()
                gains = ad.gains_of(traj[1], k)
                sink([(p, gn, ad.decode(p, mv)) for p, gn, mv in zip(pts, gains, traj[2][:k].tolist())])
            if progress is not None and k:
                progress(k)
            if code == C.OPTIMUM:
                return "local_optimum"
            if code == C.NEED_EVAL:
                t0 = time.perf_counter()
                ok = ad.outside(int(ad.pv[7][C.ARG]))
                self.seconds += time.perf_counter() - t0
                if not ok:
                    self._fall_back()
                    return None
                continue
            if code == C.RESCALE:
                if not ad.rescale(int(ad.pv[7][C.ARG])):
                    self._fall_back()
                    return None
                continue
            if code == C.OVERFLOW:
                self._fall_back()
                return None
            if remaining is not None and k >= remaining:
                return "max_steps"
            if interrupted:
                return "interrupted"
            if dt < _TARGET_CHUNK_SECONDS and chunk < _MAX_CHUNK:
                chunk *= 2

    def _run_exact(self, max_steps, time_limit, sink, progress, t_start):
        """The exact Python driver from the current state; returns the status."""
        left = None if time_limit is None else max(time_limit - (time.perf_counter() - t_start), 1e-9)
        traj: list | None = [] if sink is not None else None
        res = driver_run(self.inst, self._exact, self.rule, self.seed, max_steps, left, progress, traj,
                         resume={"steps": self.steps, "per_point": self._per_point, "rng": self._rng,
                                 "last": self._last}, start_value=self.start_value)
        if traj:
            sink(traj)
        self.seconds += res.seconds
        self.steps = res.steps
        self._per_point = res.extra["moves_per_point"]
        self._rng, self._last = res.extra["rule_state"]["rng"], res.extra["rule_state"]["last"]
        return res.status

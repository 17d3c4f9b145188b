"""Certified local-search runs: choose a start, run the instance's engine, certify the final solution
from scratch and, for a reduced instance, back-map it to the source graph and certify that too.

:func:`search` is one run of any engine (what ``search`` and ``flip`` print and what a sweep stores).
:func:`flip_session` opens a resumable flip run whose :meth:`FlipSession.run` writes checkpoints, streams
the trajectory and honours a time limit across checkpoint intervals (``flip --checkpoint/--resume``);
:func:`triplet_session` does the same for the compiled triplet engines (``search --checkpoint/--resume``).

>>> from instances import doubling_chain
>>> from tripletpls.pipeline.engines import reduce_for
>>> inst, _ = reduce_for(doubling_chain(3), "line")
>>> run = search(inst, rule="first")
>>> run.result.steps, run.certificate.local_optimum, run.backmap["backmapped_local_optimum"]
(16, True, True)
"""
from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

from instances import Assignment, Graph, InstanceError
from instances.io import open_output, truncate_lines

from .engines import backmap_report, engine_for
from .solutions import read_checkpoint, write_checkpoint

#: how a run may start: the instance's own start, a seeded random solution, or (graphs) all +1
STARTS = ("instance", "random", "plus")


def choose_start(inst, how: str = "instance", seed: int = 0, engine=None) -> tuple[Any, str]:
    """The start solution a start name stands for, and the name it is reported under.

    Parameters
    ----------
    inst : Graph or TripletInstance
        The instance.
    how : str
        ``instance``: the instance's own start (a graph without one starts from all +1, reported as
        ``plus``; a triplet instance without one is an error). ``random``: the engine's seeded random
        solution. ``plus`` (graphs): all +1.
    seed : int
        Seed of a random start.
    engine : module, optional
        The instance's engine (default: :func:`engine_for`), for random starts.

    Returns
    -------
    (solution, str)
        The start and its name.

    Raises
    ------
    InstanceError
        If a triplet instance has no start of its own and ``how`` is ``instance``.
    ValueError
        If ``how`` is not a start a triplet instance can have.

    Examples
    --------
    >>> from instances import Graph
    >>> choose_start(Graph(3, ((0, 1, 1),)), "instance")
    (Assignment(signs=(1, 1, 1)), 'plus')
    """
    if isinstance(inst, Graph):
        if how == "random":
            return (engine or engine_for(inst)).random_solution(inst, seed), "random"
        if how == "instance" and inst.start is not None:
            return inst.start, "instance"
        return Assignment.plus(inst.n), "plus"
    if how == "instance":
        if inst.start is None:
            raise InstanceError("instance has no start solution; use --start random")
        return inst.start, "instance"
    if how == "random":
        return (engine or engine_for(inst)).random_solution(inst, seed), "random"
    raise ValueError(f"unknown start {how!r} for a triplet instance (instance or random)")


@dataclass(frozen=True)
class SearchRun:
    """One local-search run, certified from scratch.

    Attributes
    ----------
    instance : Graph or TripletInstance
        The searched instance.
    result : RunResult
        What the engine reported: steps, status, start and final value, final solution, seconds,
        rule and seed, engine-specific ``extra`` (e.g. the flip engine's ``arithmetic``).
    certificate : Certificate
        The final solution's certificate, recomputed by the engine's ``certify`` (independent of the
        run): local optimum or not, an improving move as witness, its gain, the objective value.
    start : str
        The name of the start (``instance``, ``random``, ``plus``, ``given``, or a checkpoint's).
    backmap : dict
        For a reduced instance, :func:`~tripletpls.pipeline.engines.backmap_report` of the final
        solution (back-mapped cut, its certificate and assignment); else empty.
    """

    instance: Any
    result: Any
    certificate: Any
    start: str
    backmap: dict = field(default_factory=dict)


def search(inst, rule: str = "first", start="instance", seed: int = 0, max_steps: int | None = None,
           time_limit: float | None = None, progress=None, engine=None) -> SearchRun:
    """Run local search on any instance, certify the result and back-map it if the instance is reduced.

    Parameters
    ----------
    inst : Graph or TripletInstance
        The instance.
    rule : str
        A pivot rule of the engine (``engine.RULES``).
    start : str, solution or None
        A start name for :func:`choose_start`, a start solution (reported as ``given``), or None for
        the engine's default (the instance's own start; reported as ``instance``).
    seed : int
        Seed of the ``random`` rule and of a random start.
    max_steps : int, optional
        Stop after this many moves.
    time_limit : float, optional
        Stop after this many seconds.
    progress : callable, optional
        Called with the number of moves made since the last call.
    engine : module, optional
        The engine (default: :func:`~tripletpls.pipeline.engines.engine_for`).

    Returns
    -------
    SearchRun

    Raises
    ------
    InstanceError
        If the instance has no engine or no start of its own when one is asked for.

    Examples
    --------
    >>> from instances import doubling_chain
    >>> run = search(doubling_chain(5), rule="steepest")
    >>> run.result.steps, run.certificate.value == run.result.value, run.backmap
    (2, True, {})
    """
    engine = engine or engine_for(inst)
    if start is None:
        sol0, name = None, "instance"
    elif isinstance(start, str):
        sol0, name = choose_start(inst, start, seed, engine)
    else:
        sol0, name = start, "given"
    res = engine.local_search(inst, rule=rule, start=sol0, seed=seed, max_steps=max_steps, time_limit=time_limit,
                              progress=progress)
    cert = engine.certify(inst, res.solution)
    return SearchRun(inst, res, cert, name, backmap_report(inst, res.solution))


@dataclass
class FlipSession:
    """A flip run that can be continued, checkpointed and resumed (made by :func:`flip_session`).

    Attributes
    ----------
    search : localsearch.maxcut.FlipSearch
        The run's state; each :meth:`run` continues where the previous one stopped.
    start : str
        How the run started, kept in its checkpoints.
    resumed : bool
        True when the session continues a checkpoint (a trajectory file is then appended to).
    """

    search: Any
    start: str
    resumed: bool = False

    def _open_trajectory(self, path):
        """The trajectory file, written in place; a resumed run first cuts it to the checkpoint's flips.

        A run killed after its last checkpoint (``kill -9``) may have streamed more flips than the
        checkpoint holds; they are made again after resuming, so the file is truncated to exactly
        ``steps`` lines first (a FIFO or stdout is appended to as is). A file that does not exist yet
        receives the flips after the checkpoint only; one with fewer lines than ``steps`` is refused.
        """
        if not self.resumed:
            return open_output(path, "w", atomic=False)
        steps = self.search.steps
        try:
            truncate_lines(path, steps)
        except InstanceError as e:
            raise InstanceError(f"cannot resume this trajectory with a checkpoint at step {steps}: {e.problem} "
                                "(give a --trajectory file that does not exist yet to record the flips from here "
                                "on)", str(path)) from None
        return open_output(path, "a", atomic=False)

    @property
    def rule(self) -> str:
        """The pivot rule (a checkpoint's own rule when resumed)."""
        return self.search.rule

    @property
    def seed(self) -> int:
        """The seed (a checkpoint's own seed when resumed)."""
        return self.search.seed

    def run(self, max_steps: int | None = None, time_limit: float | None = None, trajectory=None,
            checkpoint: str | None = None, checkpoint_every: float = 60.0, progress=None) -> SearchRun:
        """Continue the run to a local optimum or a limit, saving checkpoints on the way; certify the end.

        Parameters
        ----------
        max_steps : int, optional
            Stop when the run has made this many flips in total (earlier sessions included).
        time_limit : float, optional
            Seconds of this call, across checkpoint intervals.
        trajectory : str, list, callable or text file, optional
            Receives the flipped vertices; a path is written one vertex per line (appended to when
            the session was resumed).
        checkpoint : str, optional
            Write the state here every ``checkpoint_every`` seconds and at the end.
        checkpoint_every : float
            Seconds between checkpoints.
        progress : callable, optional
            Called with the number of flips made since the last call.

        Returns
        -------
        SearchRun
            The run so far (steps count every session) with the certificate of its assignment.
        """
        if isinstance(trajectory, str) and not trajectory:
            trajectory = None
        opened = isinstance(trajectory, str) or hasattr(trajectory, "__fspath__")
        with contextlib.ExitStack() as stack:
            traj = stack.enter_context(self._open_trajectory(trajectory)) if opened else trajectory

            def save():
                if opened:
                    traj.flush()  # the trajectory on disk holds at least the checkpoint's flips
                write_checkpoint(checkpoint, self.search, self.start)

            res = checkpointed_run(self.search, save if checkpoint else None, checkpoint_every, max_steps,
                                   time_limit, progress, trajectory=traj)
        from . import flip_engine

        graph = self.search.graph
        return SearchRun(graph, res, flip_engine.certify(graph, res.solution), self.start)


def checkpointed_run(search, save, every: float, max_steps=None, time_limit=None, progress=None, **kw):
    """Continue a resumable search (``search.run(max_steps, time_limit, progress=..., **kw)``) to a local
    optimum or a limit, calling ``save()`` every ``every`` seconds and at the end (``save`` None: never).

    Parameters
    ----------
    search : FlipSearch or TripletSearch
        The run.
    save : callable or None
        Writes a checkpoint.
    every : float
        Seconds between checkpoints.
    max_steps, time_limit, progress :
        As in ``search.run`` (``time_limit``: seconds of this call, across checkpoint intervals).

    Returns
    -------
    RunResult
        The last ``search.run`` result.
    """
    every = every if save is not None else None
    t_end = None if time_limit is None else time.perf_counter() + time_limit
    while True:
        budget = None if t_end is None else max(t_end - time.perf_counter(), 1e-9)
        limit = every if budget is None else (budget if every is None else min(every, budget))
        res = search.run(max_steps=max_steps, time_limit=limit, progress=progress, **kw)
        if save is not None:
            save()
        if res.status != "time_limit" or (t_end is not None and time.perf_counter() >= t_end):
            return res


def flip_session(graph: Graph, rule: str = "first", start: str = "instance", seed: int = 0,
                 arithmetic: str = "auto", resume: str | None = None) -> FlipSession:
    """Open a flip run on a graph, new or continued from a checkpoint file.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    rule : str
        Pivot rule (a checkpoint's own rule wins when resuming).
    start : str
        Start name for :func:`choose_start` (ignored when resuming).
    seed : int
        Seed of the ``random`` rule and of a random start (a checkpoint's own seed wins).
    arithmetic : str
        ``auto``, ``int64``, ``int128`` or ``python``.
    resume : str, optional
        A checkpoint file written by :meth:`FlipSession.run`.

    Returns
    -------
    FlipSession

    Raises
    ------
    InstanceError
        If the checkpoint is unreadable, for another graph or rule, or malformed (names the file), or
        the arithmetic is unsafe for the graph.

    Examples
    --------
    >>> from instances import dc_steps, doubling_chain
    >>> session = flip_session(doubling_chain(6))
    >>> session.run(max_steps=10).result.status
    'max_steps'
    >>> run = session.run()
    >>> run.result.steps == dc_steps(6), run.certificate.local_optimum
    (True, True)
    """
    from localsearch.maxcut import FlipSearch

    if resume:
        state = read_checkpoint(resume)
        rule, seed = state.get("rule", rule), state.get("seed", seed)
        try:
            search = FlipSearch(graph, rule, seed=seed, arithmetic=arithmetic, state=state)
        except (KeyError, TypeError, ValueError) as e:
            raise (e.at(resume) if isinstance(e, InstanceError) else InstanceError(f"bad checkpoint: {e}", resume)) from None
        return FlipSession(search, state.get("start", "checkpoint"), resumed=True)
    s0, name = choose_start(graph, start, seed)
    return FlipSession(FlipSearch(graph, rule, s0, seed, arithmetic), name)


@dataclass
class TripletSession:
    """A resumable triplet run on the line, a tree or an ordering (made by :func:`triplet_session`).

    Attributes
    ----------
    search : localsearch.triplets.TripletSearch
        The run's state; each :meth:`run` continues where the previous one stopped.
    start : str
        How the run started, kept in its checkpoints.
    """

    search: Any
    start: str

    @property
    def rule(self) -> str:
        """The pivot rule (a checkpoint's own rule when resumed)."""
        return self.search.rule

    @property
    def seed(self) -> int:
        """The seed (a checkpoint's own seed when resumed)."""
        return self.search.seed

    def run(self, max_steps: int | None = None, time_limit: float | None = None, checkpoint: str | None = None,
            checkpoint_every: float = 60.0, progress=None) -> SearchRun:
        """Continue the run to a local optimum or a limit, saving checkpoints on the way; certify the end
        and back-map it (as :func:`search`).

        Parameters
        ----------
        max_steps, time_limit, checkpoint, checkpoint_every, progress :
            As in :meth:`FlipSession.run`.

        Returns
        -------
        SearchRun
        """
        save = (lambda: write_checkpoint(checkpoint, self.search, self.start)) if checkpoint else None
        res = checkpointed_run(self.search, save, checkpoint_every, max_steps, time_limit, progress)
        inst = self.search.inst
        cert = engine_for(inst).certify(inst, res.solution)
        return SearchRun(inst, res, cert, self.start, backmap_report(inst, res.solution))


def triplet_session(inst, rule: str = "first", start: Any = "instance", seed: int = 0, arithmetic: str = "auto",
                    resume: str | None = None) -> TripletSession:
    """Open a triplet run (line, tree, betweenness, non-betweenness) on the compiled kernels, new or
    continued from a checkpoint file.

    Parameters
    ----------
    inst : TripletInstance
        The instance.
    rule, seed :
        As in :func:`search` (a checkpoint's own rule and seed win when resuming).
    start : str or solution
        A start name for :func:`choose_start` or a start solution (ignored when resuming).
    arithmetic : str
        ``auto``, ``compiled`` or ``python`` (``localsearch.triplets.TripletSearch``).
    resume : str, optional
        A checkpoint file written by :meth:`TripletSession.run`.

    Returns
    -------
    TripletSession

    Raises
    ------
    InstanceError
        If the target has no resumable engine (R^d for d >= 2), the checkpoint is unreadable, for
        another instance or malformed (names the file), or ``compiled`` is asked where it cannot run.

    Examples
    --------
    >>> from instances import dc_steps, doubling_chain
    >>> from tripletpls.pipeline.engines import reduce_for
    >>> session = triplet_session(reduce_for(doubling_chain(5), "tree")[0])
    >>> session.run(max_steps=10).result.status
    'max_steps'
    >>> run = session.run()
    >>> run.result.steps == dc_steps(5), run.certificate.local_optimum, run.backmap["backmapped_local_optimum"]
    (True, True, True)
    """
    from localsearch.triplets import TripletSearch

    if inst.target == "euclidean" and inst.dim != 1:
        raise InstanceError(f"checkpoints and --arithmetic need the line, tree or ordering engines, not R^{inst.dim}")
    if resume:
        state = read_checkpoint(resume, kind="triplet-checkpoint")
        try:
            search = TripletSearch(inst, arithmetic=arithmetic, state=state)
        except (KeyError, TypeError, ValueError, InstanceError) as e:
            raise (e.at(resume) if isinstance(e, InstanceError) else InstanceError(f"bad checkpoint: {e}", resume)) from None
        return TripletSession(search, state.get("start", "checkpoint"))
    if isinstance(start, str):
        sol0, name = choose_start(inst, start, seed)
    else:
        sol0, name = start, "given"
    return TripletSession(TripletSearch(inst, rule, sol0, seed, arithmetic), name)

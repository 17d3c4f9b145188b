"""Stopping long runs cleanly on SIGINT (Ctrl-C) and SIGTERM (``timeout``, batch schedulers, ``docker stop``).

An application calls :func:`install` once; both signals then raise :class:`Interrupted` (a
``KeyboardInterrupt`` carrying the signal number) wherever the program is, so it unwinds: files are
closed, worker processes stopped, rows already stored stay stored. Inside a :func:`deferred` block a
signal only sets a flag that the block's loop polls between chunks of work, so a run stops with a
consistent state (and its checkpoint can be saved) and reports status ``interrupted``; a second signal
in the same block raises at once (the impatient second Ctrl-C). Afterwards :func:`received` tells the
application which signal arrived, so that it exits with status 128 + signal number (130 for SIGINT, 143
for SIGTERM) even when the run stopped cleanly.

Without :func:`install` (library use), :func:`deferred` catches both signals in the main thread for its
duration only and restores the previous handlers afterwards. A signal that is ignored (``SIG_IGN``, e.g.
SIGINT of a job started in the background by a shell) stays ignored.

:func:`run_interruptible` runs a blocking call that releases the GIL (a C solver) in a worker thread, so
that a signal can reach the main thread and ask the solver to stop.

>>> with deferred() as stop:
...     bool(stop), stop.signum
(False, None)
"""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Any, Callable, Iterator

__all__ = ["SIGNALS", "Interrupted", "Stop", "install", "deferred", "received", "reset", "exit_code",
           "run_interruptible", "solve_cp"]

SIGNALS = (signal.SIGINT, signal.SIGTERM)
"""The signals that stop a run."""

_state: dict[str, Any] = {"received": None, "count": 0, "installed": False}
_blocks: list["Stop"] = []  # the open deferred blocks, innermost last


class Interrupted(KeyboardInterrupt):
    """A stop signal arrived outside a deferred block (or twice inside one).

    Parameters
    ----------
    signum : int
        The signal number.

    Attributes
    ----------
    signum : int
        The signal number.
    """

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 + the signal number (130 for SIGINT, 143 for SIGTERM)."""
        return 128 + self.signum


class Stop:
    """The flag of a :func:`deferred` block: true once a stop signal arrived during the block."""

    def __init__(self):
        self._entry = _state["count"]

    @property
    def signum(self) -> int | None:
        """The signal that arrived during the block, or None."""
        return _state["received"] if _state["count"] > self._entry else None

    def __bool__(self) -> bool:
        return self.signum is not None

    def _seen(self) -> int:
        return _state["count"] - self._entry


def _handler(signum, frame):
    _state["received"] = signum
    _state["count"] += 1
    if _blocks and _blocks[-1]._seen() < 2:
        return  # a deferred block polls the flag
    raise Interrupted(signum)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _take(signals) -> dict:
    """Install the handler for the signals not ignored; the previous handlers."""
    old = {}
    for s in signals:
        h = signal.getsignal(s)
        if h is signal.SIG_IGN or h is None:
            continue
        old[s] = h
        signal.signal(s, _handler)
    return old


def install() -> None:
    """Make SIGINT and SIGTERM raise :class:`Interrupted` for the rest of the process (main thread only).

    Ignored signals stay ignored. Calling it again does nothing.
    """
    if _state["installed"] or not _main_thread():
        return
    _take(SIGNALS)
    _state["installed"] = True


@contextlib.contextmanager
def deferred() -> Iterator[Stop]:
    """A block in which SIGINT and SIGTERM set a flag instead of raising (a second one raises).

    Yields
    ------
    Stop
        True once a signal arrived in the block; ``signum`` names it.

    Examples
    --------
    >>> import os, signal
    >>> with deferred() as stop:
    ...     os.kill(os.getpid(), signal.SIGINT)
    ...     stop.signum == signal.SIGINT
    True
    >>> reset()
    """
    old = _take(SIGNALS) if _main_thread() and not _state["installed"] else {}
    stop = Stop()
    _blocks.append(stop)
    try:
        yield stop
    finally:
        _blocks.remove(stop)
        for s, h in old.items():
            signal.signal(s, h)


def received() -> int | None:
    """The last stop signal received (since the start or :func:`reset`), or None."""
    return _state["received"]


def reset() -> None:
    """Forget the signals received (tests, or an application that carries on after an interrupt)."""
    _state["received"] = None


def exit_code(default: int = signal.SIGINT) -> int:
    """The exit status for a stopped run: 128 + the signal received (``default`` if none was seen).

    Returns
    -------
    int
        130 for SIGINT, 143 for SIGTERM.
    """
    return 128 + int(_state["received"] or default)


def run_interruptible(call: Callable[[], Any], stop: Callable[[], None], poll: float = 0.1) -> tuple[Any, int | None]:
    """Run a blocking call in a worker thread; on SIGINT/SIGTERM call ``stop()`` and wait for the call.

    For C solvers that release the GIL (CP-SAT, PySAT): the main thread stays free to receive the
    signal and asks the solver to stop, which then returns its best result so far.

    Parameters
    ----------
    call : callable
        The blocking call, without arguments.
    stop : callable
        Asks ``call`` to return early (called at most once, from this thread).
    poll : float, default 0.1
        Seconds between checks.

    Returns
    -------
    (object, int or None)
        What ``call`` returned, and the signal that stopped it (None if it finished by itself).

    Raises
    ------
    BaseException
        Whatever ``call`` raised; :class:`Interrupted` on a second signal.
    """
    box: dict[str, Any] = {}

    def target():
        try:
            box["value"] = call()
        except BaseException as e:  # noqa: BLE001  (re-raised in the caller's thread)
            box["error"] = e

    worker = threading.Thread(target=target, name="interruptible", daemon=True)
    with deferred() as flag:
        worker.start()
        asked = False
        while worker.is_alive():
            worker.join(poll)
            if flag and not asked:
                stop()
                asked = True
    if "error" in box:
        raise box["error"]
    return box.get("value"), flag.signum


def solve_cp(solver, model) -> tuple[Any, int | None]:
    """``solver.Solve(model)`` for OR-Tools CP-SAT, stopped (keeping the best solution) by SIGINT/SIGTERM.

    CP-SAT's own SIGINT handler is turned off so that the signal reaches this process's handler,
    which then calls ``solver.StopSearch()`` (see :func:`run_interruptible`).

    Parameters
    ----------
    solver : ortools.sat.python.cp_model.CpSolver
        The configured solver.
    model : ortools.sat.python.cp_model.CpModel
        The model.

    Returns
    -------
    (status, int or None)
        The solver status, and the signal that stopped the search (None if it ended by itself).
    """
    solver.parameters.catch_sigint_signal = False
    return run_interruptible(lambda: solver.Solve(model), solver.StopSearch)

"""A crash-safe sweep: skip the runs already in the store, run the rest, store each row as it arrives.

Killing a sweep at any moment loses at most the runs in flight; re-running it with the same
arguments runs exactly the missing ones (rows are keyed by the run spec).

>>> from tripletpls.experiments.grid import Grid, expand
>>> from tripletpls.experiments.store import Store
>>> store = Store(":memory:")
>>> sweep(expand(Grid("dc", (2, 3))), store, run_serial)["ran"]
2
>>> sweep(expand(Grid("dc", (2, 3, 4))), store, run_serial)["ran"]
1
"""
from __future__ import annotations

import contextlib
import itertools
import time
from typing import Callable, Iterator

from instances import InstanceError
from localsearch.core.interrupt import Interrupted, deferred
from reductions import target_module

from ..pipeline.engines import reduce_for
from .grid import RunSpec, make_instance
from .runner import run_one, run_serial  # noqa: F401  (run_serial: for the example)
from .store import Store


def preflight(specs: list[RunSpec]) -> None:
    """Fail early on runs that cannot work, checked on the smallest instances, then warm up.

    Every (target, rule) pair gets its engine through :func:`tripletpls.pipeline.reduce_for` (the
    flip engine for the graph itself), so flips and reductions are checked alike.

    Parameters
    ----------
    specs : list of RunSpec
        The runs of a sweep.

    Raises
    ------
    InstanceError
        On generator parameters out of range, a missing engine or reduction, a target that does not
        reduce from graphs, or a pivot rule the target's engine does not implement.
    """
    smallest: dict = {}
    for s in specs:  # generator parameters: build the smallest instance of each family/parameter set
        key = (s.family, s.params, s.start)
        if key not in smallest or s.size < smallest[key].size:
            smallest[key] = s
    for s in smallest.values():
        make_instance(s)
    by_target: dict = {}
    for s in specs:
        by_target.setdefault(s.target, []).append(s)
    for target, group in by_target.items():
        smallest = min(group, key=lambda s: s.size)
        try:
            kind = getattr(target_module(target), "SOURCE_KIND", "graph") if target is not None else "graph"
            if kind != "graph":
                raise InstanceError(f"target {target!r} reduces from {kind} instances, not Max-Cut graphs "
                                    "(sweeps run local search on discrete targets)")
            _, engine = reduce_for(make_instance(smallest), target)
        except (ImportError, KeyError):
            what = f"reduction target {target!r}" if target is not None else "the flip engine (localsearch.maxcut)"
            raise InstanceError(f"{what} is not available in this version") from None
        unsupported = sorted({s.rule for s in group} - set(engine.RULES))
        if unsupported:
            raise InstanceError(f"target {target or 'none'!r} does not support rule(s) {', '.join(unsupported)} "
                                f"(supported: {', '.join(engine.RULES)})")
    warm_up(specs)


def warm_up(specs: list[RunSpec]) -> None:
    """Run every (target, rule) of the sweep once on DC_2 in this process.

    JIT-compiled engine code is then compiled before local workers are forked (they inherit it), and
    a broken pipeline fails before the sweep starts.

    Parameters
    ----------
    specs : list of RunSpec
        The runs of a sweep.
    """
    for target, rule in dict.fromkeys((s.target, s.rule) for s in specs):
        run_one(RunSpec("dc", 2, rule, target=target, max_steps=50))


def sweep(specs: list[RunSpec], store: Store, run: Callable[[list[RunSpec]], Iterator[dict]],
          progress: Callable[[list[RunSpec]], object] | None = None,
          on_row: Callable[[dict], None] | None = None) -> dict:
    """Run the specs not yet in ``store`` with an executor, storing each row on arrival.

    Parameters
    ----------
    specs : list of RunSpec
        The runs.
    store : Store
        The result store (runs already in it are skipped).
    run : callable
        An executor: ``run(todo)`` yields None once ready, then rows (see ``runner.executor``).
    progress : callable, optional
        ``progress(todo)`` returning a context manager that yields ``advance(k=1)``; entered after the
        executor has started, so forked workers never inherit its thread.
    on_row : callable, optional
        Called with each row after it is committed.

    Returns
    -------
    dict
        ``planned``, ``skipped`` (already stored), ``ran`` (stored now), ``statuses`` (count per
        status) and ``wall_seconds``.

    Raises
    ------
    KeyboardInterrupt
        When an engine reports a run ``interrupted`` (Ctrl-C); that run is not stored.
    """
    done = store.done_keys()
    todo = [s for s in specs if s.key not in done]
    t0 = time.perf_counter()
    stored = 0
    statuses: dict[str, int] = {}
    rows = iter(run(todo)) if todo else iter(())
    try:
        first = next(rows, None)  # an executor yields None once its workers exist
        bar = progress(todo) if progress is not None and todo else contextlib.nullcontext(lambda k=1: None)
        with bar as advance:
            for row in itertools.chain([first], rows):
                if row is None:
                    continue
                if row["status"] == "interrupted":  # an engine caught Ctrl-C: the run is not done
                    raise KeyboardInterrupt
                with deferred() as stop:  # a row that has arrived is committed before a signal stops us
                    stored += store.add(row)
                if stop:
                    raise Interrupted(stop.signum)
                statuses[row["status"]] = statuses.get(row["status"], 0) + 1
                advance(1)
                if on_row is not None:
                    on_row(row)
    finally:
        if hasattr(rows, "close"):
            rows.close()
    return {"planned": len(specs), "skipped": len(specs) - len(todo), "ran": stored, "statuses": statuses,
            "wall_seconds": round(time.perf_counter() - t0, 3)}

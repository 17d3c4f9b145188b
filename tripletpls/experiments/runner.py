"""Run one grid point and describe it as a result row; run many, locally in processes or on Dask.

``run_one`` is a plain function of a ``RunSpec``: it builds the instance, optionally reduces it to a
contrastive-learning target, runs local search with the spec's pivot rule and limits, certifies the
final solution independently of the engine (and, for a reduced instance, back-maps and certifies the
Max-Cut solution), and returns one flat row. Everything but ``seconds`` and ``timestamp`` is a
deterministic function of the spec (unless a time limit stops the run).

Executors yield rows in completion order (and may first yield None once their workers exist); the
caller stores each row as it arrives.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from typing import Callable, Iterable, Iterator

from .. import __version__
from .grid import RunSpec, instance_hash, make_instance


def _text(x) -> str | None:
    """Objective values as exact text (they can exceed every fixed-width integer)."""
    return None if x is None else str(x)


def run_one(spec: RunSpec) -> dict:
    """Run one spec: build its graph, reduce it to the spec's target, search, certify, back-map.

    Parameters
    ----------
    spec : RunSpec
        The run.

    Returns
    -------
    dict
        The result row (the columns of ``store.COLUMNS``): the spec, instance sizes and hash, steps,
        status, start and final value (exact text), the certificate, the back-mapped cut and its
        certificate (reduced runs), the flip engine's arithmetic path, seconds, version, timestamp.

    Examples
    --------
    >>> row = run_one(RunSpec("dc", 4, "first", target="line"))
    >>> row["steps"], row["local_optimum"], row["backmapped_local_optimum"], row["points"]
    (36, True, True, 24)
    """
    from ..pipeline.engines import reduce_for
    from ..pipeline.search import search

    graph = make_instance(spec)
    row = {"run_key": spec.key, "instance_hash": instance_hash(graph), "family": spec.family,
           "size": spec.size, "params": spec.to_json()["params"], "rule": spec.rule, "seed": spec.seed,
           "target": spec.target, "start": spec.start, "max_steps": spec.max_steps,
           "time_limit": spec.time_limit, "vertices": graph.n, "edges": graph.m}
    inst, engine = reduce_for(graph, spec.target)
    run = search(inst, rule=spec.rule, start=inst.start, seed=spec.seed, max_steps=spec.max_steps,
                 time_limit=spec.time_limit, engine=engine)
    res, cert, bm = run.result, run.certificate, run.backmap
    reduced = spec.target is not None
    row.update(points=inst.points if reduced else None, triplets=len(inst.triplets) if reduced else None,
               backmapped_value=_text(bm.get("backmapped_cut")), backmapped_local_optimum=bm.get("backmapped_local_optimum"))
    row.update(steps=res.steps, status=res.status, start_value=_text(res.start_value), value=_text(cert.value),
               local_optimum=bool(cert.local_optimum),
               certificate="local_optimum" if cert.local_optimum else "not_local_optimum",
               arithmetic=(res.extra or {}).get("arithmetic"), seconds=float(res.seconds),
               version=__version__, timestamp=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))
    return row


def run_serial(specs: Iterable[RunSpec]) -> Iterator[dict | None]:
    """The serial executor: rows in order, computed in this process.

    Parameters
    ----------
    specs : iterable of RunSpec
        The runs.

    Yields
    ------
    dict or None
        None first (the executor is ready), then one row per run.
    """
    yield None
    for spec in specs:
        yield run_one(spec)


def _worker_init() -> None:
    """Workers leave Ctrl-C to the parent (which terminates them), die quietly on the parent's SIGTERM
    (not through the handler they inherit) and, on Linux, die with the parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def run_local(specs: list[RunSpec], jobs: int) -> Iterator[dict | None]:
    """The local executor: rows in completion order from ``jobs`` worker processes.

    Workers are forked when the pool is created, before the first (None) yield: the caller may start
    threads (a progress bar) after that. Interrupting the caller terminates the workers.

    Parameters
    ----------
    specs : list of RunSpec
        The runs.
    jobs : int
        Worker processes (1, or a single run: in this process).

    Yields
    ------
    dict or None
        None once the workers exist, then one row per run as it finishes.
    """
    if jobs <= 1 or len(specs) <= 1:
        yield from run_serial(specs)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
    pool = ctx.Pool(min(jobs, len(specs)), initializer=_worker_init)
    try:
        rows = pool.imap_unordered(run_one, specs, chunksize=1)
        yield None
        yield from rows
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def run_dask(specs: list[RunSpec], scheduler) -> Iterator[dict | None]:
    """The Dask executor: rows in completion order from a cluster.

    Workers must be able to import this project (same code, same PYTHONPATH or installed package).

    Parameters
    ----------
    specs : list of RunSpec
        The runs.
    scheduler : str or distributed.Client
        A scheduler address, or a client (left open).

    Yields
    ------
    dict or None
        None once the runs are submitted, then one row per run as it finishes.
    """
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler, timeout="20s")
    try:
        futures = [client.submit(run_one, s, key=f"tripletpls-run-{s.key}", pure=False) for s in specs]
        yield None
        try:
            for f in as_completed(futures):
                yield f.result()
        finally:
            client.cancel(futures)
    finally:
        if client is not scheduler:
            client.close()


def connect(address: str, timeout: float = 10.0):
    """A Dask client for a scheduler address.

    Parameters
    ----------
    address : str
        E.g. ``tcp://host:8786``.
    timeout : float
        Seconds to wait for the scheduler.

    Returns
    -------
    distributed.Client

    Raises
    ------
    InstanceError
        If the address is malformed or the scheduler unreachable.
    """
    from distributed import Client

    from instances import InstanceError

    try:
        return Client(address, timeout=f"{timeout}s")
    except (OSError, ValueError, TypeError) as e:
        raise InstanceError(f"cannot reach the Dask scheduler {address!r}: {e}") from None


def executor(jobs: int = 2, scheduler=None) -> Callable[[list[RunSpec]], Iterator[dict | None]]:
    """The executor of a sweep: Dask when ``scheduler`` is given, else local processes.

    Parameters
    ----------
    jobs : int
        Local worker processes.
    scheduler : str or distributed.Client, optional
        A Dask scheduler.

    Returns
    -------
    callable
        ``run(specs)`` yielding None, then rows (see :func:`run_local`, :func:`run_dask`).
    """
    if scheduler is not None:
        return lambda specs: run_dask(specs, scheduler)
    return lambda specs: run_local(specs, jobs)


def default_jobs() -> int:
    """Local workers by default: 2, or 1 on a single core."""
    return min(2, os.cpu_count() or 1)

"""Clean stops on SIGINT/SIGTERM (localsearch.core.interrupt): deferred flags, the second signal, ignored
signals, the worker-thread wrapper for C solvers, and the flip engine stopping between chunks."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from localsearch.core import interrupt


@pytest.fixture(autouse=True)
def _clean():
    interrupt.reset()
    yield
    interrupt.reset()


def _kill(sig, delay=0.0):
    if delay:
        threading.Timer(delay, os.kill, (os.getpid(), sig)).start()
    else:
        os.kill(os.getpid(), sig)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_deferred_block_sets_a_flag_and_restores_the_handlers(sig):
    before = signal.getsignal(sig)
    with interrupt.deferred() as stop:
        assert not stop and stop.signum is None
        _kill(sig)
        assert stop and stop.signum == sig
    assert signal.getsignal(sig) is before  # library use: the handler is only borrowed
    assert interrupt.received() == sig and interrupt.exit_code() == 128 + sig


def test_a_second_signal_in_the_same_block_raises_at_once():
    with pytest.raises(interrupt.Interrupted) as err:
        with interrupt.deferred():
            _kill(signal.SIGINT)
            _kill(signal.SIGTERM)
    assert err.value.signum == signal.SIGTERM and err.value.exit_code == 143
    assert isinstance(err.value, KeyboardInterrupt)  # existing cleanups (finally, except KeyboardInterrupt) run


def test_a_flag_counts_only_signals_of_its_own_block():
    with interrupt.deferred() as first:
        _kill(signal.SIGINT)
    with interrupt.deferred() as second:
        assert first and not second


def test_an_ignored_signal_stays_ignored():
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with interrupt.deferred() as stop:
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            _kill(signal.SIGINT)
            assert not stop
    finally:
        signal.signal(signal.SIGINT, old)


def test_run_interruptible_asks_the_call_to_stop_and_returns_its_result():
    done = threading.Event()
    stops = []

    def stop():
        stops.append(time.perf_counter())
        done.set()

    _kill(signal.SIGTERM, delay=0.2)
    t0 = time.perf_counter()
    value, signum = interrupt.run_interruptible(lambda: (done.wait(30), "best so far")[1], stop, poll=0.02)
    assert (value, signum, len(stops)) == ("best so far", signal.SIGTERM, 1)
    assert time.perf_counter() - t0 < 5


def test_run_interruptible_passes_results_and_errors_through():
    assert interrupt.run_interruptible(lambda: 42, lambda: None) == (42, None)
    with pytest.raises(ZeroDivisionError):
        interrupt.run_interruptible(lambda: 1 / 0, lambda: None)


def test_the_flip_engine_stops_between_chunks_with_a_consistent_state():
    from instances import dc_steps, doubling_chain
    from localsearch.maxcut import FlipSearch

    g = doubling_chain(30)  # 2.7e9 flips: only a signal ends this run within the test
    search = FlipSearch(g)
    _kill(signal.SIGTERM, delay=0.5)
    res = search.run()
    assert res.status == "interrupted" and 0 < res.steps < dc_steps(30)
    assert res.value == g.cut_value(res.solution)  # the state is that of a whole number of flips
    assert sum(res.extra["flips_per_vertex"]) == res.steps

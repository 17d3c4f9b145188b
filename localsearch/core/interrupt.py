"""Ctrl-C between chunks: compiled runs stop cleanly with a consistent state instead of dying mid-chunk.

>>> with SigintFlag() as stop:
...     stop.flag
False
"""
from __future__ import annotations

import signal
import threading

__all__ = ["SigintFlag"]


class SigintFlag:
    """While active (main thread only), Ctrl-C sets ``flag`` instead of raising, so a run stops cleanly
    between chunks with a consistent state (elsewhere the handler is left alone).

    Attributes
    ----------
    flag : bool
        True once Ctrl-C was pressed inside the ``with`` block.
    """

    def __init__(self):
        self.flag = False
        self._old = None

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self._old = signal.getsignal(signal.SIGINT)
            signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum, frame):
        self.flag = True

    def __exit__(self, *exc):
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)
        return False

"""The result of one local-search run, shared by every engine (flips, triplet moves, regrafts, ...).

>>> r = RunResult(steps=2, status="local_optimum", value=5, start_value=0, solution=(1, -1), seconds=0.0,
...               rule="steepest")
>>> r.stopped, r.extra
(False, {})
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUSES = ("local_optimum", "max_steps", "time_limit", "interrupted")


@dataclass
class RunResult:
    """Where a local-search run ended and how it got there.

    Attributes
    ----------
    steps : int
        Number of improving moves made (for a resumed search: since the very start).
    status : str
        Why the run stopped, one of ``STATUSES``: ``"local_optimum"`` (no improving move is left),
        ``"max_steps"`` (the step limit), ``"time_limit"`` or ``"interrupted"`` (Ctrl-C).
    value : Any
        The objective of ``solution`` (exact: an int or a Fraction for the combinatorial engines).
    start_value : Any
        The objective of the start solution (exact).
    solution : Any
        The final solution (an ``Assignment``, positions, a ``Tree``, an ``Ordering``, ...).
    seconds : float
        The search time only (no parsing, no compilation).
    rule : str
        The pivot rule (or the method, e.g. ``"anneal-log"``) that chose the moves.
    seed : int or None
        The seed of the run's random choices, if it has any.
    extra : dict
        Engine-specific data, e.g. per-vertex flip counts, the arithmetic path used, annealing counters.
    """

    steps: int
    status: str
    value: Any
    start_value: Any
    solution: Any
    seconds: float
    rule: str
    seed: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def stopped(self) -> bool:
        """True iff the run stopped before reaching a local optimum (a limit or an interrupt)."""
        return self.status != "local_optimum"

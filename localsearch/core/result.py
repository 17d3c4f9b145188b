"""The result of one local-search run, shared by every engine (flips, triplet moves, regrafts, ...)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUSES = ("local_optimum", "max_steps", "time_limit", "interrupted")


@dataclass
class RunResult:
    """``steps`` improving moves were made; ``status`` says why the run stopped.

    ``value``/``start_value`` are the objective at the end/start (exact), ``solution`` the final
    solution, ``seconds`` the search time only (no parsing), ``extra`` engine-specific data
    (e.g. per-vertex flip counts, the arithmetic path used).
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
        return self.status != "local_optimum"

"""Local-optimality certificates: the one report shape every neighbourhood uses.

A certificate is computed independently of any engine (from scratch, exact arithmetic): it says
whether a solution is a local optimum and, if not, gives an improving move with its exact gain.

>>> from instances import Graph
>>> certify_flip(Graph(2, ((0, 1, 3),)), (1, 1))
Certificate(local_optimum=False, witness={'flip': 0}, gain=3, value=0)

Reference: Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988 (PLS).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Sequence

from instances import Graph


@dataclass(frozen=True)
class Certificate:
    """``witness`` is a JSON-able description of one improving move (None at a local optimum);
    ``gain`` its exact improvement; ``value`` the objective of the certified solution."""

    local_optimum: bool
    witness: dict[str, Any] | None
    gain: Any
    value: Any

    def to_json(self) -> dict:
        from instances.jsonio import encode_value

        return {k: encode_value(v) for k, v in asdict(self).items()}


def certify_flip(graph: Graph, s: Sequence[int]) -> Certificate:
    """Certificate for the flip neighbourhood of Max-Cut; the witness is the lowest-index best flip."""
    gains = graph.gains(s)
    best = max(range(graph.n), key=lambda v: (gains[v], -v), default=None)
    value = graph.cut_value(s)
    if best is None or gains[best] <= 0:
        return Certificate(True, None, 0, value)
    return Certificate(False, {"flip": best}, gains[best], value)

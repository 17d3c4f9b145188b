"""Local-optimality certificates: the one report shape every neighbourhood uses.

A certificate is computed independently of any engine (from scratch, exact arithmetic): it says
whether a solution is a local optimum and, if not, gives an improving move with its exact gain.

>>> Certificate(False, {"flip": 0}, 3, 0).to_json()
{'local_optimum': False, 'witness': {'flip': 0}, 'gain': 3, 'value': 0}

Reference: Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988 (PLS).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Sequence



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

"""Local-optimality certificates: the one report shape every neighbourhood uses.

A certificate is computed independently of any engine (from scratch, exact arithmetic): it says
whether a solution is a local optimum and, if not, gives an improving move with its exact gain.

>>> Certificate(False, {"flip": 0}, 3, 0).to_json()
{'local_optimum': False, 'witness': {'flip': 0}, 'gain': 3, 'value': 0}

Reference: Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988 (PLS).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Certificate:
    """Whether a solution is a local optimum, with an improving move as the witness when it is not.

    Attributes
    ----------
    local_optimum : bool
        True iff no move of the neighbourhood improves the objective.
    witness : dict or None
        A JSON-able description of one improving move (e.g. ``{"flip": v}``); None at a local optimum.
    gain : Any
        The exact improvement of the witness move (0 at a local optimum).
    value : Any
        The exact objective of the certified solution.

    References
    ----------
    Johnson, Papadimitriou & Yannakakis, "How easy is local search?", JCSS 37(1), 1988.
    """

    local_optimum: bool
    witness: dict[str, Any] | None
    gain: Any
    value: Any

    def to_json(self) -> dict:
        """The certificate as a dict; Fractions become ``"p/q"`` strings, tuples lists.

        Returns
        -------
        dict
            Keys ``local_optimum``, ``witness``, ``gain`` and ``value``.

        Examples
        --------
        >>> from fractions import Fraction
        >>> Certificate(True, None, 0, Fraction(7, 2)).to_json()["value"]
        '7/2'
        """
        from instances.jsonio import encode_value

        return {k: encode_value(v) for k, v in asdict(self).items()}

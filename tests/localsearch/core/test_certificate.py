"""The certificate shape shared by every neighbourhood (localsearch.core.certificate)."""
import json
from fractions import Fraction

import pytest

from localsearch.core.certificate import Certificate


def test_to_json_encodes_exact_values():
    c = Certificate(False, {"move": [0, Fraction(1, 3)]}, Fraction(5, 2), 2**100)
    out = c.to_json()
    assert out == {"local_optimum": False, "witness": {"move": [0, Fraction(1, 3)]}, "gain": "5/2", "value": 2**100}
    assert Certificate(True, None, 0, (Fraction(1, 2), 3)).to_json()["value"] == ["1/2", 3]
    assert json.loads(json.dumps(Certificate(True, None, 0, 7).to_json())) == \
        {"local_optimum": True, "witness": None, "gain": 0, "value": 7}


def test_certificates_are_immutable():
    c = Certificate(True, None, 0, 1)
    with pytest.raises(AttributeError):
        c.gain = 3

"""InstanceError (instances.errors): always one line, located at a file and line when known."""
from __future__ import annotations

from instances import InstanceError


def test_message_forms():
    assert str(InstanceError("bad")) == "bad"
    assert str(InstanceError("bad", "f.txt")) == "f.txt: bad"
    assert str(InstanceError("bad", "f.txt", 3)) == "f.txt:3: bad"
    assert str(InstanceError("bad", line=3)) == "line 3: bad"
    err = InstanceError("two\nlines\t and  tabs", "f.txt", 1)
    assert str(err) == "f.txt:1: two lines and tabs" and err.args == (str(err),)
    assert isinstance(err, ValueError) and (err.problem, err.path, err.line) == ("two lines and tabs", "f.txt", 1)


def test_at_keeps_what_is_known():
    inner = InstanceError("bad", line=4)
    outer = inner.at("f.txt", 9)
    assert (outer.path, outer.line, str(outer)) == ("f.txt", 4, "f.txt:4: bad")
    assert inner.path is None  # unchanged
    assert str(InstanceError("bad", "a.txt").at("b.txt", 2)) == "a.txt:2: bad"
    assert str(InstanceError("bad").at()) == "bad"

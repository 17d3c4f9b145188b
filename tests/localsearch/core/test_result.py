"""The run result shared by every engine (localsearch.core.result)."""
from localsearch.core.result import STATUSES, RunResult


def test_stopped_is_true_for_every_status_but_a_local_optimum():
    assert STATUSES == ("local_optimum", "max_steps", "time_limit", "interrupted")
    for status in STATUSES:
        r = RunResult(3, status, 5, 1, (1, -1), 0.0, "first")
        assert r.stopped == (status != "local_optimum")
    r = RunResult(0, "local_optimum", 0, 0, (), 0.0, "steepest")
    assert r.seed is None and r.extra == {} and r.extra is not RunResult(0, "x", 0, 0, (), 0.0, "x").extra

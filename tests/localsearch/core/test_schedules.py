"""Inverse-temperature schedules (localsearch.core.schedules): beta_k and the step count to the target."""
import math

import numpy as np
import pytest

from localsearch.core.schedules import FLOOR, SCHEDULES, beta, planned_steps, steps_to_target


@pytest.mark.parametrize("c", [0.5, 1.0, 2.0, 3.7])
@pytest.mark.parametrize("schedule", ["log", "sqrt", "linear"])
def test_steps_to_target_is_the_first_step_at_the_target(schedule, c):
    K = steps_to_target(schedule, c, 0.01, 10.0)
    if schedule == "log":
        assert K == math.ceil((math.exp(10.0 / c) - 1) / 0.01) or abs(K - (math.exp(10 / c) - 1) / 0.01) < 2
    assert beta(schedule, K, c, 0.01, 10.0) >= 10.0 > beta(schedule, K - 1, c, 0.01, 10.0)
    assert beta(schedule, 0, c, 0.01, 10.0) == 1e-6
    assert planned_steps(schedule, c, 0.01, 10.0, 50_000) == ((K, "target") if K <= 50_000 else (50_000, "cap"))
    assert planned_steps("fixed", c, 0.01, 10.0, 123) == (123, "cap")


def test_beta_follows_the_closed_forms():
    k = np.arange(0, 50)
    c, dt = 1.5, 0.1
    assert np.allclose(beta("log", k, c, dt, 9.0), np.maximum(c * np.log(1 + k * dt), 1e-6))
    assert np.allclose(beta("sqrt", k, c, dt, 9.0), np.maximum(c * np.sqrt(k * dt), 1e-6))
    assert np.allclose(beta("linear", k, c, dt, 9.0), np.maximum(c * k * dt, 1e-6))
    assert np.all(beta("fixed", k, c, dt, 9.0) == 9.0) and beta("fixed", 3, c, dt, 9.0) == 9.0
    assert isinstance(beta("log", 7, c, dt, 9.0), float)
    assert beta("linear", 4, 2.0, 0.5, 9.0) == 4.0
    assert SCHEDULES == ("log", "sqrt", "linear", "fixed") and FLOOR == 1e-6


def test_steps_to_target_closed_forms_and_edge_cases():
    assert steps_to_target("linear", 2.0, 0.5, 9.0) == 9  # 2 * 0.5 * k >= 9 first at k = 9
    assert steps_to_target("sqrt", 1.0, 0.25, 2.0) == 16  # sqrt(k / 4) >= 2 first at k = 16
    assert steps_to_target("log", 2.0, 0.01, 10.0) == 14742  # ceil((e^5 - 1) / 0.01)
    assert steps_to_target("fixed", 1.0, 0.01, 10.0) is None
    assert steps_to_target("log", 1.0, 0.01, 1e-7) == 0
    assert steps_to_target("log", 1.0, 0.01, 1000.0) == math.inf
    for c, dt in [(0.0, 0.01), (1.0, 0.0), (-1.0, 0.01)]:
        with pytest.raises(ValueError):
            steps_to_target("log", c, dt, 10.0)
    assert planned_steps("log", 1.0, 0.01, 1000.0, 77) == (77, "cap")


@pytest.mark.parametrize("schedule", ["log", "sqrt", "linear"])
def test_a_step_too_small_for_floats_gives_the_closed_form_at_once(schedule):
    """dt = 1e-300 puts the target beyond 2^52 steps, where k dt cannot tell k from k + 1: the count
    is the closed form (the exact correction would never end), and every cap stops first."""
    K = steps_to_target(schedule, c=1.0, dt=1e-300, beta_target=10.0)
    assert K > 2**52
    assert planned_steps(schedule, 1.0, 1e-300, 10.0, cap=10**7) == (10**7, "cap")

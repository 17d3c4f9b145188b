"""The shared Metropolis loop (localsearch.core.metropolis): acceptance rule, counters, random stream."""
import math

import numpy as np
import pytest

from localsearch.core.metropolis import accept, metropolis


def test_accept_rule():
    assert accept(0, 1.0, 0.999, 1) and accept(5, 1.0, 0.999, 1)
    # exp(-1) = 0.3679: accepted iff u < 0.3679
    assert accept(-1, 1.0, 0.36, 1) and not accept(-1, 1.0, 0.37, 1)
    # the scale divides the change: exp(2 * -3 / 6) = exp(-1)
    assert accept(-3, 2.0, 0.36, 6) and not accept(-3, 2.0, 0.37, 6)
    # a change beyond the floats is never accepted when worsening, always when improving
    assert not accept(-(2**2000), 1e-6, 0.0, 1) and accept(2**2000, 1e-6, 0.99, 1)


def replay(K, seed, beta_k, scale):
    """A walk on the integers maximising -|x| (proposal: +-1 by a coin), re-run from the documented stream:
    per chunk of 4096 steps first the chunk's uniforms, then one proposal draw per step."""
    rng = np.random.default_rng(seed)
    x, counts = 0, {"proposals": 0, "accepted": 0, "improving": 0}
    for k0 in range(0, K, 4096):
        n = min(4096, K - k0)
        us = rng.random(n)
        for j in range(n):
            step = 1 if rng.integers(2) else -1
            delta = abs(x) - abs(x + step)
            counts["proposals"] += 1
            if delta >= 0 or us[j] < math.exp(beta_k(k0 + j) * delta / scale):
                counts["accepted"] += 1
                counts["improving"] += delta > 0
                x += step
    return counts, x


@pytest.mark.parametrize("K", [0, 1, 4096, 10_000])
def test_the_loop_matches_a_replay_of_the_stream(K):
    state = {"x": 0}
    chunks = []

    def propose(rng):
        step = 1 if rng.integers(2) else -1
        return step, abs(state["x"]) - abs(state["x"] + step)

    def apply(step, delta):
        state["x"] += step

    def beta_k(k):
        return 0.5 + k / 5000

    def progress(n):
        chunks.append(n)

    counts = metropolis(K, 3, propose, apply, beta_k, 2, progress)
    expected, x = replay(K, 3, beta_k, 2)
    assert counts == expected and state["x"] == x
    assert sum(chunks) == K and all(c <= 4096 for c in chunks)
    assert counts["improving"] <= counts["accepted"] <= counts["proposals"] == K


def test_always_improving_moves_are_all_accepted():
    applied = []
    counts = metropolis(5, 0, lambda rng: ("m", 1), lambda m, d: applied.append((m, d)), lambda k: 1.0, 1)
    assert counts == {"proposals": 5, "accepted": 5, "improving": 5} and applied == [("m", 1)] * 5
    counts = metropolis(5, 0, lambda rng: ("m", 0), lambda m, d: None, lambda k: 1.0, 1)
    assert counts == {"proposals": 5, "accepted": 5, "improving": 0}
    # at a huge inverse temperature a worsening move is (numerically) never accepted
    counts = metropolis(50, 0, lambda rng: ("m", -1), lambda m, d: None, lambda k: 1e9, 1)
    assert counts == {"proposals": 50, "accepted": 0, "improving": 0}

"""Shared test helpers: Hypothesis strategies, slow oracles, the in-process CLI runner, data paths."""

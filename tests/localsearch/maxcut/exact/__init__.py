"""Tests of the exact Max-Cut solvers (localsearch.maxcut.exact); shared helpers are in tests.helpers."""

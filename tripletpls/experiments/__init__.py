"""Experiments: grids of runs, a crash-safe SQLite result store, growth fits, plots and reports.

``grid`` expands family x size x rule x seed x target into run specs, ``runner`` runs them (local
processes or Dask), ``sweep`` stores each row as it finishes and resumes after a crash, ``growth``
fits exponential/polynomial growth, ``report`` and ``plot`` summarise a store.
"""

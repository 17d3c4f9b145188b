"""Experiments: grids of runs, a crash-safe SQLite result store, growth fits, reports and the demo.

``grid`` expands family x size x rule x seed x target into run specs, ``runner`` runs them (one
certified, back-mapped run per spec through :mod:`tripletpls.pipeline`; local processes or Dask),
``sweep`` stores each row as it finishes and resumes after a crash, ``growth`` fits exponential /
polynomial growth, ``report`` summarises a store, ``demo`` holds the phases of ``tripletpls demo``.
Figures are in :mod:`tripletpls.plots`. Nothing here imports the command line.
"""

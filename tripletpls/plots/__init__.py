"""Plots (matplotlib, Agg, imported lazily): step counts against size of stored runs (``steps``) and
landscape figures (``landscape``)."""

"""Plots: step counts against size (``steps``) and landscape figures (``landscape``)."""

"""tripletpls: the application layer (CLI, experiment sweeps, result store, plots)."""
__version__ = "0.1.0"

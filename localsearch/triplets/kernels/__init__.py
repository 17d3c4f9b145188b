"""Compiled (numba) kernels of the triplet engines: the shared pivot loop (``common``) and one kernel per
neighbourhood (``line``, ``orderings``, ``tree``), each exact under a bound proved in its docstring."""

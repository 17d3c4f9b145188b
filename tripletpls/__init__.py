"""tripletpls: the application layer on top of ``instances``, ``localsearch`` and ``reductions``.

- ``pipeline``: load, run, certify, back-map and write, as a library (one engine lookup for every
  instance kind, the flip engine included);
- ``experiments``: grids of runs, executors, the crash-safe result store, growth fits, reports, the demo;
- ``plots``: figures of stored runs and of landscapes;
- ``commands`` and ``cli``: the command line, which only parses options, calls the above and prints.

``experiments``, ``plots`` and ``pipeline`` never import the command line.
"""
__version__ = "0.1.0"

"""tripletpls: the application layer on top of ``instances``, ``localsearch`` and ``reductions``.

The Python API (``tripletpls.api``), loaded lazily so that ``import tripletpls`` stays instant:

- ``flip(graph, rule, start, seed, ...)``, ``exact(graph, solver, ...)``, ``check(graph, assignment)``:
  Local Max-Cut on networkx graphs, numpy / scipy.sparse matrices, dimod BQMs, project graphs or files,
  with exact weights and results keyed by node label;
- ``reduce(graph, to, dim)`` and ``search(instance, rule, start, seed)``: the reductions to triplet
  objectives and certified triplet local search, back-mapped by label;
- ``LocalSearchSampler``: a dimod sampler (``pip install 'tripletpls[dimod]'``);
- ``LocalSearchEmbedding``: a scikit-learn triplet-embedding estimator whose ``embedding_`` is a
  certified local optimum (``pip install 'tripletpls[sklearn]'``).

The rest of the application:

- ``pipeline``: load, run, certify, back-map and write, as a library (one engine lookup for every
  instance kind, the flip engine included);
- ``experiments``: grids of runs, executors, the crash-safe result store, growth fits, reports, the demo;
- ``plots``: figures of stored runs and of landscapes;
- ``commands`` and ``cli``: the command line, which only parses options, calls the above and prints.

``experiments``, ``plots`` and ``pipeline`` never import the command line.

>>> import tripletpls
>>> tripletpls.flip([[0, 1], [1, 0]])
Traceback (most recent call last):
...
TypeError: cannot read a graph from a list; expected a networkx Graph/DiGraph/MultiGraph, a square symmetric numpy array, a scipy.sparse matrix, a dimod.BinaryQuadraticModel, an instances.Graph or a file path (a list of lists: wrap it in numpy.array)
"""
__version__ = "0.1.0"

_LAZY = {
    "flip": "tripletpls.api.maxcut", "exact": "tripletpls.api.maxcut", "check": "tripletpls.api.maxcut",
    "FlipResult": "tripletpls.api.maxcut", "ExactResult": "tripletpls.api.maxcut",
    "reduce": "tripletpls.api.triplets", "search": "tripletpls.api.triplets",
    "Reduction": "tripletpls.api.triplets", "SearchResult": "tripletpls.api.triplets",
    "as_triplets": "tripletpls.api.triplets",
    "LocalSearchSampler": "tripletpls.api.sampler",
    "LocalSearchEmbedding": "tripletpls.api.embedding",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name):
    """Load an API name on first use (PEP 562), so that importing the package costs nothing."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tripletpls' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))

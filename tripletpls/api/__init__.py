"""The Python API: the project's engines on the graphs, models and triplets users already hold.

- :mod:`~tripletpls.api.weights`: exact numbers (floats taken at their exact binary value) and integer scaling;
- :mod:`~tripletpls.api.graphs`: networkx / numpy / scipy.sparse / dimod / project graphs / files as exact
  integer Max-Cut instances, with node labels and the pinned reference spin of Ising models;
- :mod:`~tripletpls.api.maxcut`: ``flip``, ``exact``, ``check``;
- :mod:`~tripletpls.api.triplets`: ``reduce``, ``search``, cblearn arrays (``as_triplets``);
- :mod:`~tripletpls.api.sampler`: ``LocalSearchSampler``, a dimod sampler (needs ``dimod``);
- :mod:`~tripletpls.api.embedding`: ``LocalSearchEmbedding``, a scikit-learn estimator whose embedding is a
  certified local optimum (needs ``scikit-learn``).

The names are re-exported lazily by the top-level package: ``tripletpls.flip`` etc.
"""

"""Local search engines, pivot rules, step counting, certificates and exact solvers, by family.

- ``localsearch.core``: what every family shares: run results, certificates, pivot-rule names and
  the seeded random stream, annealing schedules and the Metropolis loop, census records, statistics.
- ``localsearch.maxcut``: Local Max-Cut: the flip engine (compiled kernel, pivot rules), certificates,
  all improving paths, descent, annealing, census, and exact solvers (``localsearch.maxcut.exact``).
- ``localsearch.triplets``: weighted satisfied triplets: one pivot driver over engine states for the
  line, R^d, trees and orderings; exact optima; realisability; annealing on the line.
- ``localsearch.continuous``: triplet loss, projected gradient descent, exact eps-KKT certificates, QPs.
- ``localsearch.landscape``: InfoNCE/U0 on spheres, stationarity certificates, Riemannian descent,
  Langevin dynamics, landscape census.

Imports only ``instances`` (and numerical libraries), never ``reductions`` or the application. Inside,
``core`` imports no family and the families never import each other (import-linter contracts in
``pyproject.toml``). Sub-packages load their modules lazily, so importing one name stays cheap.
"""

"""Weighted satisfied triplets: engines for the line, R^d, trees and orderings; exact optima.

Every engine module (``line``, ``rd``, ``tree``, ``orderings``; ``registry.engine_for`` picks one) offers
``local_search``, ``certify``, ``random_solution`` and ``RULES``, on the one pivot driver and
certificate routine of ``driver`` over an engine state (``LineState``, ``SpaceState``, ``TreeState``,
``OrderState``, ``PositionsState``).
"""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submodules=[
    "line", "rd", "radial", "cells", "plane", "surds", "tree", "orderings", "realisation", "exact", "annealing",
    "driver", "intervals", "registry"], submod_attrs={
    "driver": ["MoveState", "GainCache", "run", "certify_moves", "incidence", "neighbours"],
    "registry": ["ENGINES", "engine_for"],
    "line": ["LineState"],
    "rd": ["SpaceState", "NotCollinear", "point_kind", "exact_everywhere"],
    "radial": ["apex_of", "radius_sweep"],
    "cells": ["best_cell", "anchor_best", "anchor_parts"],
    "tree": ["TreeState", "caterpillar"],
    "orderings": ["OrderState", "PositionsState"],
    "intervals": ["best_position", "value_at"],
    "exact": ["ExactTripletResult", "solve", "brute_force"],
    "realisation": ["find_cycle", "integer_embedding", "gram_pivots", "embedding_dim", "constraint_graph"],
    "annealing": ["anneal_line", "certify_line", "line_descent", "CandidateState"],
})

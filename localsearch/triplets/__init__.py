"""Weighted satisfied triplets: engines for the line, R^d, trees and orderings; exact optima."""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submodules=[
    "line", "rd", "plane", "surds", "tree", "orderings", "realisation", "exact", "annealing", "driver",
    "intervals", "registry"])

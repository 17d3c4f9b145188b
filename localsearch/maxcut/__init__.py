"""Local Max-Cut: flip local search with exact step counts, pivot rules, certificates, the plain descent,
improving-path analysis, simulated annealing, the landscape census, exact optima (``exact``) and the
weight designer (``design``: weights that make a pivot rule follow a prescribed run)."""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submodules=["exact"], submod_attrs={
    "flip": ["FlipSearch", "local_search", "choose_arithmetic", "cut_value"],
    "pivots": ["PivotRule", "register_rule"],
    "certificate": ["certify_flip"],
    "descent": ["descend", "Descent"],
    "paths": ["improving_paths", "PathsResult", "TooManyStates"],
    "annealing": ["anneal_flips"],
    "census": ["maxcut_census"],
    "design": ["design_weights", "design_joint", "design_rows", "expand", "verify_weights", "verify_certificate", "follows",
               "Design", "DesignError"],
})

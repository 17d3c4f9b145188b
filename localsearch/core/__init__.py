"""What every engine family shares: run results, certificates, pivot-rule names, the seeded stream."""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submod_attrs={
    "result": ["RunResult", "STATUSES"],
    "certificate": ["Certificate"],
    "rules": ["RULES", "MASK64", "splitmix64", "uniform_below", "random_pick"],
    "census": ["Census", "CLASSES"],
    "metropolis": ["metropolis"],
    "stats": ["rate", "wilson_interval"],
})

"""Landscapes beyond triplets: InfoNCE/U0 on spheres, stationarity, Riemannian descent, Langevin, census."""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submodules=[
    "infonce", "sphere", "stationary", "rgd", "langevin", "langevin_kernel", "census"])

"""Continuous objectives: triplet loss, projected gradient descent, exact eps-KKT certificates, QP-KKT."""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submodules=["loss", "pgd", "kkt", "qp_kkt"])

"""Local search engines, pivot rules, step counting, certificates and exact solvers.

Imports only ``instances`` (and numerical libraries), never ``reductions`` or the application.
"""
from .certificate import Certificate, certify_flip
from .result import RunResult
from .rules import RULES

__all__ = ["Certificate", "certify_flip", "RunResult", "RULES"]

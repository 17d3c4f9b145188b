"""Ground floor of tripletpls: instance types, file formats and generators.

Weights are Python ints of any size, so the limit on the number of digits in int <-> str conversions
(Python >= 3.11) is lifted for this process: instance files may carry integers of thousands of digits.
"""
import sys

from .errors import InstanceError
from .graph import CSR, INT64_MAX, Assignment, Graph
from .triplets import Ordering, Tree, TripletInstance, from_cblearn, to_cblearn
from .qp import QP
from .dc import dc_steps, doubling_chain
from .generators import gnm, gnp, random_regular, torus
from .io import read_assignment, read_instance, write_instance
from . import jsonio
from .triplet_loss import TripletLoss  # registers the "triplet-loss" JSON kind

if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)

__all__ = [
    "InstanceError", "CSR", "INT64_MAX", "Assignment", "Graph", "Ordering", "Tree", "TripletInstance",
    "from_cblearn", "to_cblearn", "QP", "dc_steps", "doubling_chain", "gnm", "gnp", "random_regular",
    "torus", "read_assignment", "read_instance", "write_instance", "jsonio",
]

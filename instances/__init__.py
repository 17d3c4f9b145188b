"""Ground floor of tripletpls: instance types, file formats and generators.

This package imports nothing else of the project; the engines (``localsearch``), the reductions and the
application all build on it. Modules:

- ``graph``: ``Graph`` and ``Assignment`` (Local Max-Cut), ``CSR`` adjacency;
- ``triplets``: ``TripletInstance`` and its solutions ``Tree`` and ``Ordering`` (positions are tuples);
- ``qp``: ``QP``, box-constrained quadratic programs; ``triplet_loss``: ``TripletLoss``;
- ``jsonio`` (the project's JSON), ``gset`` (Gset/rudy/Biq Mac text), ``io`` (files of either format);
- ``dc`` (the doubling chain DC_n), ``steep`` (the steepest chain SC_n), ``forced`` (the
  forced chain FC_n: one improving path), ``generators`` (random graphs), ``qp_generators`` (random QPs);
- ``errors``: ``InstanceError``, the one error raised for bad input.

Weights are Python ints of any size, so the limit on the number of digits in int <-> str conversions
(Python >= 3.11) is lifted for this process: instance files may carry integers of thousands of digits.

>>> from instances import doubling_chain, jsonio
>>> g = doubling_chain(60)
>>> g.max_weight_bits > 200 and jsonio.loads(jsonio.dumps(g)) == g
True
"""
import sys

from .errors import InstanceError
from .graph import CSR, INT64_MAX, Assignment, Graph
from .triplets import Ordering, Tree, TripletInstance, from_cblearn, to_cblearn
from .qp import QP
from .dc import dc_steps, doubling_chain
from .steep import steep_chain, steep_steps
from .forced import forced_chain, forced_steps
from .generators import gnm, gnp, random_regular, torus
from .io import read_assignment, read_instance, write_instance
from . import jsonio
from .triplet_loss import TripletLoss  # registers the "triplet-loss" JSON kind

if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)

__all__ = [
    "InstanceError", "CSR", "INT64_MAX", "Assignment", "Graph", "Ordering", "Tree", "TripletInstance",
    "from_cblearn", "to_cblearn", "QP", "dc_steps", "doubling_chain", "steep_chain", "steep_steps", "forced_chain", "forced_steps", "gnm", "gnp", "random_regular",
    "torus", "read_assignment", "read_instance", "write_instance", "jsonio", "TripletLoss",
]

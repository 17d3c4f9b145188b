"""Simulated annealing (Metropolis) with flips on a Max-Cut ``Graph``, with move counting.

Propose a uniformly random vertex v; its exact gain g(v) (Python ints, kept incrementally) is the
change of the cut; accept by the Metropolis rule of ``localsearch.core.metropolis`` with the schedules
of ``localsearch.core.schedules``. A run makes K proposals (K from the schedule and the cap) and counts
``proposals``, ``accepted`` and ``improving`` (accepted with delta > 0) moves. The end point is
certified independently (``certify_flip``); with ``polish=True`` the run then finishes with steepest
improving flips (counted as ``polish_steps``) so that it ends at a certified local optimum.

>>> from instances import Graph
>>> r = anneal_flips(Graph(3, ((0, 1, 1), (1, 2, 1), (0, 2, 1))), cap=200, seed=1, polish=True)
>>> r.extra["certificate"]["local_optimum"], r.value
(True, 2)

Reference: S. Kirkpatrick, C. D. Gelatt, M. P. Vecchi, "Optimization by simulated annealing", Science
220, 1983; D. S. Johnson, C. R. Aragon, L. A. McGeoch, C. Schevon, "Optimization by simulated
annealing: an experimental evaluation; part I, graph partitioning", Operations Research 37(6), 1989.
"""
from __future__ import annotations

import time
from typing import Sequence

from instances import Assignment, Graph, InstanceError

from ..core.metropolis import metropolis
from ..core.result import RunResult
from ..core.schedules import beta as beta_of, planned_steps
from .certificate import certify_flip
from .descent import descend


class _FlipState:
    """Signs, exact gains and the cut of one assignment, updated in O(deg v) per flip (Python integers).

    The adjacency is the graph's own CSR (``Graph.csr``), read as Python lists once per run.
    """

    def __init__(self, graph: Graph, s: Sequence[int]):
        csr = graph.csr()
        self.indptr, self.indices, self.weights = csr.indptr.tolist(), csr.indices.tolist(), csr.weights.tolist()
        self.s = list(s)
        self.gain = list(graph.gains(self.s))
        self.cut = graph.cut_value(self.s)

    def flip(self, v: int) -> None:
        s, gain, indices, weights = self.s, self.gain, self.indices, self.weights
        sv = s[v]
        for k in range(self.indptr[v], self.indptr[v + 1]):
            u = indices[k]
            gain[u] -= 2 * weights[k] * s[u] * sv
        self.cut += gain[v]
        gain[v] = -gain[v]
        s[v] = -sv


def anneal_flips(graph: Graph, schedule: str = "log", c: float = 1.0, dt: float = 0.01,
                 beta_target: float = 10.0, cap: int = 100_000, seed: int = 0, start=None, scale=1,
                 polish: bool = False, progress=None) -> RunResult:
    """Simulated annealing with single-vertex flips on Max-Cut (maximising the cut).

    Step k proposes a uniformly random vertex v (``rng.integers(n)``) and accepts the flip by the
    Metropolis rule with change g(v) and inverse temperature beta_k (:mod:`localsearch.core.metropolis`).

    Parameters
    ----------
    graph : Graph
        The weighted graph (at least one vertex).
    schedule : str, default "log"
        One of ``localsearch.core.schedules.SCHEDULES``.
    c, dt, beta_target : float
        Rate, time step and target inverse temperature of the schedule.
    cap : int, default 100000
        The most proposals (the run stops earlier when beta reaches the target).
    seed : int, default 0
        Seed of the proposals and acceptance draws.
    start : sequence of int, optional
        The start assignment (None: the graph's start, else all +1).
    scale : int or float, default 1
        Changes are divided by ``scale`` in the acceptance test.
    polish : bool, default False
        Finish with a steepest descent (:func:`localsearch.maxcut.descent.descend`) to a local optimum.
    progress : callable, optional
        Called with the number of proposals of each chunk.

    Returns
    -------
    RunResult
        ``steps`` = proposals + polish flips; ``status`` ``"local_optimum"`` iff the end point is
        certified, else ``"max_steps"``; ``value``/``start_value`` the cuts; ``rule`` ``"anneal-<schedule>"``.
        ``extra``: ``proposals``, ``accepted``, ``improving``, ``schedule``, ``c``, ``dt``, ``beta_target``,
        ``cap``, ``stop`` (``"target"`` or ``"cap"``), ``final_beta``, ``scale``, ``best_value`` (best cut
        seen while annealing), ``anneal_end_value``, ``polish_steps`` and ``certificate``.

    Raises
    ------
    InstanceError
        If the graph has no vertex.

    References
    ----------
    Kirkpatrick, Gelatt & Vecchi, "Optimization by simulated annealing", Science 220, 1983.
    """
    if graph.n == 0:
        raise InstanceError("the graph has no vertex")
    s0 = Assignment(tuple(start)) if start is not None else (graph.start or Assignment.plus(graph.n))
    st = _FlipState(graph, s0)
    start_value = st.cut
    K, stop = planned_steps(schedule, c, dt, beta_target, cap)
    beta_k = lambda k: beta_of(schedule, k, c, dt, beta_target)  # noqa: E731
    best = [st.cut]

    def propose(rng):
        v = int(rng.integers(graph.n))
        return v, st.gain[v]

    def apply(v, delta):
        st.flip(v)
        best[0] = max(best[0], st.cut)

    t0 = time.perf_counter()
    counts = metropolis(K, seed, propose, apply, beta_k, scale, progress)
    anneal_end = Assignment(tuple(st.s))
    sol, polish_steps = descend(graph, anneal_end) if polish else (anneal_end, 0)
    seconds = time.perf_counter() - t0
    cert = certify_flip(graph, sol)
    extra = dict(counts, schedule=schedule, c=c, dt=dt, beta_target=beta_target, cap=cap, stop=stop,
                 final_beta=float(beta_of(schedule, max(K - 1, 0), c, dt, beta_target)), scale=scale,
                 best_value=best[0], anneal_end_value=graph.cut_value(anneal_end), polish_steps=polish_steps,
                 certificate=cert.to_json())
    return RunResult(K + polish_steps, "local_optimum" if cert.local_optimum else "max_steps", cert.value,
                     start_value, sol, seconds, f"anneal-{schedule}", seed, extra)

"""``LocalSearchSampler``: single-spin-flip descent as a dimod sampler, in exact arithmetic, any pivot rule.

Each read starts from an initial state and flips one spin at a time while some flip lowers the energy,
choosing the spin by the pivot rule, until a local minimum (no single flip lowers the energy). The BQM
becomes an exact integer Max-Cut instance (:func:`tripletpls.api.graphs.from_bqm`: linear biases through
a pinned reference spin that no search ever flips; the proof is there), so every decision is exact.

Tie rule and agreement with dwave-samplers. ``rule="steepest"`` flips the spin with the largest energy
drop, ties to the FIRST variable in ``bqm.variables`` order; stop when no drop is positive. That is the
rule of ``dwave.samplers.SteepestDescentSolver`` (its linear scan keeps the first strict minimum of
the flip energies, and stops when none is negative). Initial states are parsed by dimod's own
``Initialized.parse_initial_states`` (same ``num_reads``/``initial_states``/``initial_states_generator``/
``seed`` semantics, so even generated random states agree). Hence, with the same initial states, the
samples and step counts are identical to dwave's whenever dwave's float64 arithmetic is exact -- e.g.
integer biases, or dyadic ones like k/4, with all partial sums below 2^53 -- which the tests check
on random models with ties. Where float64 is not exact (huge or finely fractional biases) dwave's
rounded flip energies can take a step we do not (or miss one); here the energies are exact: the
``energy`` field is float64 when every energy is exactly a float64, and otherwise an object array of
exact ints / Fractions.

Other rules: ``first``, ``last``, ``cyclic``, ``random`` (seeded by ``seed``: read k uses seed + k),
``least`` (SPEC section 1, spins in ``bqm.variables`` order).

>>> import dimod
>>> bqm = dimod.BQM.from_ising({"a": -1}, {("a", "b"): 1})
>>> ss = LocalSearchSampler().sample(bqm, initial_states=([[-1, -1]], ["a", "b"]))
>>> ss.first.sample == {"a": 1, "b": -1}, float(ss.first.energy), int(ss.record.num_steps[0])
(True, -2.0, 1)
"""
from __future__ import annotations

import time
from fractions import Fraction

import numpy as np

try:
    import dimod
    from dimod.core.initialized import Initialized
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError("LocalSearchSampler needs dimod: pip install 'tripletpls[dimod]'") from e

from localsearch.core.rules import RULES

from .graphs import from_bqm

__all__ = ["LocalSearchSampler"]


def _certify(form, finals):
    """Exact internal cuts and local-minimum flags of the final states, recomputed from the edges.

    Vectorised with int64 sparse products when no sum can overflow (``2 * total |w| < 2^63``), else
    ``certify_flip`` on Python integers, one state at a time.
    """
    from localsearch.maxcut import certify_flip

    g = form.graph
    if not finals:
        return [], []
    if 2 * g.total_abs_weight > 2**63 - 1:
        certs = [certify_flip(g, form.internal(s)) for s in finals]
        return [c.value for c in certs], [c.local_optimum for c in certs]
    import scipy.sparse as sp

    u = np.array([e[0] for e in g.edges], dtype=np.int64)
    v = np.array([e[1] for e in g.edges], dtype=np.int64)
    w = np.array([e[2] for e in g.edges], dtype=np.int64)
    W = sp.csr_matrix((np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(g.n, g.n))
    pins = [1, -1] if form.pin is not None else []
    S = np.array([list(s) + pins for s in finals], dtype=np.int64).reshape(len(finals), g.n)
    field = (W @ S.T).T  # field[r, x] = sum_y w_xy s_y, |.| <= S_x
    gains = S * field
    cuts = (int(w.sum()) - (S * field).sum(axis=1) // 2) // 2  # sum_e w (1 - s_u s_v) / 2
    return [int(c) for c in cuts], [bool(x) for x in (gains <= 0).all(axis=1)]


class LocalSearchSampler(dimod.Sampler, Initialized):
    """Exact single-flip local search on binary quadratic models, as a ``dimod.Sampler``.

    See the module docstring for the tie rule, the agreement with dwave-samplers'
    ``SteepestDescentSolver`` and exactness.

    Examples
    --------
    >>> import dimod
    >>> bqm = dimod.BQM({"y": 1}, {}, 2**60, "SPIN", dtype=object)
    >>> ss = LocalSearchSampler().sample(bqm, initial_states=([[1]], ["y"]))
    >>> ss.first.energy == 2**60 - 1, ss.record.energy.dtype  # exact; a float64 would be 2^60
    (True, dtype('O'))
    """

    parameters = None
    properties = None

    def __init__(self):
        self.parameters = {"rule": ["rules"], "num_reads": [], "initial_states": [],
                           "initial_states_generator": ["initial_states_generators"], "seed": [],
                           "max_steps": [], "time_limit": []}
        self.properties = {"rules": RULES, "initial_states_generators": ("none", "tile", "random")}

    def sample(self, bqm, rule: str = "steepest", num_reads: int | None = None, initial_states=None,
               initial_states_generator: str = "random", seed: int | None = None, max_steps: int | None = None,
               time_limit: float | None = None, **kwargs) -> "dimod.SampleSet":
        """Descend from each initial state to a single-flip local minimum of the energy.

        Parameters
        ----------
        bqm : dimod.BinaryQuadraticModel
            SPIN or BINARY; biases of any dtype (object dtype: ints of any size, Fractions).
        rule : str, default "steepest"
            The pivot rule: ``steepest`` (dwave's rule), ``first``, ``last``, ``cyclic``, ``random``, ``least``.
        num_reads : int, optional
            The number of descents; default: the number of initial states, else 1.
        initial_states : samples-like, optional
            Start states (see ``dimod.as_samples``), completed by ``initial_states_generator``.
        initial_states_generator : {"random", "tile", "none"}, default "random"
            How missing initial states are made (as in dimod / dwave-samplers).
        seed : int, optional
            Seed (0 <= seed < 2^32) of generated initial states and of the ``random`` rule.
        max_steps : int, optional
            Stop each descent after this many flips (its ``local_minimum`` is then usually False).
        time_limit : float, optional
            Stop each descent after about this many seconds.

        Returns
        -------
        dimod.SampleSet
            In the BQM's vartype, one row per read, in read order, with the exact ``energy``, ``num_steps``
            and ``local_minimum`` (certified from scratch) per sample; ``info`` has ``rule``, ``seed`` and
            ``timing``.

        Raises
        ------
        ValueError
            For an unknown rule, a bad seed or malformed initial states.
        TypeError
            For a model that is not a BQM, or a bias that is not a real number.
        """
        from localsearch.maxcut import FlipSearch

        self.remove_unknown_kwargs(**kwargs)  # warns about each one, as dimod samplers do
        if not isinstance(bqm, dimod.BinaryQuadraticModel):
            raise TypeError(f"sample() needs a dimod.BinaryQuadraticModel, not a {type(bqm).__name__}")
        if rule not in RULES:
            raise ValueError(f"unknown pivot rule {rule!r} (one of {', '.join(RULES)})")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))
                                 or not 0 <= seed < 2**32):
            raise ValueError(f"seed must be None or an integer in [0, 2^32), got {seed!r}")
        t0 = time.perf_counter_ns()
        parsed = self.parse_initial_states(bqm, num_reads=num_reads, initial_states=initial_states,
                                           initial_states_generator=initial_states_generator, seed=seed)
        states = parsed.initial_states
        variables = list(states.variables)
        form = from_bqm(bqm, variables)
        starts = np.asarray(states.record.sample, dtype=np.int64)
        if form.vartype == "BINARY":
            starts = 2 * starts - 1
        base = 0 if seed is None else int(seed)
        pins = np.array([1, -1] if form.pin is not None else [], dtype=np.int64)
        t1 = time.perf_counter_ns()
        search = None
        finals, steps = [], []
        for k in range(parsed.num_reads):
            s0 = np.concatenate([starts[k], pins]).astype(np.int8)
            if search is None:
                search = FlipSearch(form.graph, rule, s0, seed=base + k)
            else:
                search.seed = base + k
                search.restart(s0)
            if time_limit is None:
                search.advance(max_steps)
            else:
                search.run(max_steps=max_steps, time_limit=time_limit)
            finals.append(form.normalised(search.assignment().signs))
            steps.append(search.steps)
        cuts, optimal = _certify(form, finals)
        energies = [form.energy(form.user_value(c)) for c in cuts]
        samples = finals
        t2 = time.perf_counter_ns()
        arr = np.array(samples, dtype=np.int8).reshape(len(samples), len(variables))
        if form.vartype == "BINARY":
            arr = (arr + 1) // 2
        floats = [float(e) for e in energies]
        exact = all(Fraction(f) == e for f, e in zip(floats, energies))
        energy = np.array(floats, dtype=np.float64) if exact else np.array(energies, dtype=object)
        ss = dimod.SampleSet.from_samples((arr, variables), vartype=bqm.vartype, energy=energy,
                                          num_steps=np.array(steps, dtype=np.int64),
                                          local_minimum=np.array(optimal, dtype=bool))
        ss.info.update(rule=rule, seed=seed, timing={"preprocessing_ns": t1 - t0, "sampling_ns": t2 - t1,
                                                     "postprocessing_ns": time.perf_counter_ns() - t2})
        return ss

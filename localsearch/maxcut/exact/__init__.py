"""Global optima of Max-Cut with proven bounds: CP-SAT, MaxSAT (RC2), SDP branch and bound (with odd clique
cuts), brute force."""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submod_attrs={
    "base": ["MaxCutResult", "greedy_assignment", "trivial_bound"],
    "solvers": ["SOLVERS", "solve"],
    "cpsat": ["solve_cpsat"],
    "maxsat": ["solve_maxsat"],
    "sdp": ["solve_sdp", "CUT_FAMILIES"],
    "relaxation": ["bound_relaxation", "certified_bound", "NodeStart", "Relaxation", "one_blas_thread"],
    "cuts": ["CliqueCuts", "separate_triangles", "separate_cliques"],
    "brute_force": ["brute_force_maxcut", "solve_brute_force"],
})

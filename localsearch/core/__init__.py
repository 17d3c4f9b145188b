"""What every engine family shares: run results, certificates, pivot-rule names and the seeded stream,
annealing schedules and the Metropolis loop, census records and success rates with Wilson intervals, and clean stops on SIGINT/SIGTERM."""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submod_attrs={
    "result": ["RunResult", "STATUSES"],
    "certificate": ["Certificate"],
    "rules": ["RULES", "MASK64", "splitmix64", "uniform_below", "random_pick"],
    "census": ["Census", "CLASSES"],
    "metropolis": ["metropolis"],
    "schedules": ["SCHEDULES", "beta", "steps_to_target", "planned_steps"],
    "stats": ["rate", "wilson_interval"],
    "interrupt": ["Interrupted", "deferred", "run_interruptible", "solve_cp"],
    "checkpoints": ["check_counts", "check_common"],
})

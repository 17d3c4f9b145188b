"""The pipeline of the application: load, run, certify, back-map and write, as a library.

The command line (``tripletpls.commands``) and the experiments (``tripletpls.experiments``) share
every flow here; the commands only parse options and print, the sweeps only plan and store.

- :mod:`~tripletpls.pipeline.engines`: one engine lookup for every instance kind (:func:`engine_for`:
  the flip engine :mod:`~tripletpls.pipeline.flip_engine` for a Max-Cut graph, the target's engine for
  a triplet instance), :func:`reduce_for` and :func:`backmap_report`;
- :mod:`~tripletpls.pipeline.search`: start selection, certified and back-mapped runs
  (:func:`search`), resumable flip runs with checkpoints (:func:`flip_session`);
- :mod:`~tripletpls.pipeline.solutions`: solution, assignment and checkpoint files;
- :mod:`~tripletpls.pipeline.exact`, :mod:`~tripletpls.pipeline.paths`,
  :mod:`~tripletpls.pipeline.descend`, :mod:`~tripletpls.pipeline.allsat`,
  :mod:`~tripletpls.pipeline.landscape`: the flows behind the commands of those names;
- :mod:`~tripletpls.pipeline.describe`: size summaries of instances (``info``, ``reduce``).

Modules load lazily, so importing one name stays cheap.

>>> from instances import doubling_chain
>>> from tripletpls.pipeline import search
>>> run = search(doubling_chain(3), rule="first")
>>> run.result.steps, run.certificate.local_optimum, run.start
(16, True, 'instance')
"""
import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach(__name__, submodules=[
    "flip_engine", "exact", "paths", "descend", "allsat", "landscape"], submod_attrs={
    "engines": ["engine_for", "reduce_for", "backmap_report"],
    "search": ["SearchRun", "FlipSession", "choose_start", "search", "flip_session"],
    "solutions": ["read_solution", "write_solution", "read_checkpoint", "write_checkpoint"],
    "describe": ["describe", "describe_reduced"],
})

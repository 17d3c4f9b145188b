"""Solution, assignment and checkpoint files: what ``-o`` writes and ``check``/``--resume`` read.

A solution file is JSON with ``kind``. A Max-Cut assignment: ``{"kind": "assignment", "assignment":
[+1/-1, ...], ...}`` (an assignment file may also be +1/-1 tokens, one per line). A triplet solution:
``{"kind": "solution", "target": ..., ...}`` with ``positions`` (exact rationals as text), ``parent``
(a tree) or ``order`` (an ordering), and for a reduced instance the back-mapped assignment. A flip
checkpoint is the JSON state of a :class:`localsearch.maxcut.FlipSearch` with ``kind``
``flip-checkpoint``.

>>> import os, tempfile
>>> from instances import doubling_chain
>>> g = doubling_chain(2)
>>> path = os.path.join(tempfile.mkdtemp(), "a.json")
>>> write_solution(path, g, g.start, rule="first")
>>> read_solution(path, g) == g.start
True
"""
from __future__ import annotations


from instances import Graph, InstanceError, jsonio, read_assignment
from instances.io import read_text, write_json


def read_solution(path: str, inst):
    """Read a solution of ``inst`` written by ``search -o``, ``flip -o``, ``exact -o`` or ``allsat -o``.

    Parameters
    ----------
    path : str
        The file.
    inst : Graph or TripletInstance
        The instance the solution belongs to (its kind, target and dimension decide the decoding).

    Returns
    -------
    Assignment, list of positions, Tree or Ordering
        For a graph an assignment (JSON ``{"assignment": [...]}`` or +1/-1 tokens); for a triplet
        instance the ``positions``, ``parent`` or ``order`` of the file.

    Raises
    ------
    InstanceError
        If the file is missing or malformed, or does not fit the instance (names the file).
    """
    if isinstance(inst, Graph):
        return read_assignment(path, inst.n)
    d = jsonio.parse_json(read_text(path), path, constants=False)
    if isinstance(d, dict):
        d = d.get("positions", d) if not ("parent" in d or "order" in d) else d
    try:
        return jsonio.decode_solution(d, inst.target, inst.dim)
    except InstanceError as e:
        raise e.at(path) from None


def write_solution(path: str, inst, solution, backmap: dict | None = None, **meta) -> None:
    """Write a solution file that :func:`read_solution` reads back.

    Parameters
    ----------
    path : str
        Where to write (JSON, atomically).
    inst : Graph or TripletInstance
        The instance of the solution.
    solution
        An assignment (graph) or positions / Tree / Ordering (triplet instance).
    backmap : dict, optional
        A :func:`tripletpls.pipeline.backmap_report`; its ``backmapped_assignment`` is stored.
    **meta
        Further keys (rule, seed, steps, ...), written after ``kind`` (and ``target``).

    Notes
    -----
    A graph gets ``{"kind": "assignment", "assignment": [...], **meta}``; a triplet instance
    ``{"kind": "solution", "target": ..., **meta}`` then the solution (``positions`` as exact text,
    ``parent`` or ``order``) and ``backmapped_assignment`` when ``backmap`` has one.
    """
    if isinstance(inst, Graph):
        write_json(path, {"kind": "assignment", "assignment": list(solution), **meta})
        return
    sol = jsonio.encode_value(solution)
    doc = {"kind": "solution", "target": inst.target, **meta}
    doc.update(sol if isinstance(sol, dict) else {"positions": sol})
    if backmap:
        doc["backmapped_assignment"] = backmap["backmapped_assignment"]
    write_json(path, doc)


#: the start names a checkpoint may record
CHECKPOINT_STARTS = ("instance", "random", "plus", "given", "checkpoint")


def read_checkpoint(path: str, kind: str = "flip-checkpoint") -> dict:
    """Read a checkpoint (the state of a flip or triplet run, as :func:`write_checkpoint` wrote it).

    Parameters
    ----------
    path : str
        The checkpoint file.
    kind : str, default "flip-checkpoint"
        Its expected ``kind`` (``"triplet-checkpoint"`` for a triplet run).

    Returns
    -------
    dict
        The state: graph fingerprint, rule, seed, steps, assignment, flip counts, rule state, start.

    Raises
    ------
    InstanceError
        If the file is not JSON (NaN and Infinity included), not a checkpoint of that kind, or records an
        unknown start name or a non-integer seed (names the file); the rest of the state is checked
        when it is resumed (:func:`localsearch.maxcut.flip.check_state`).
    """
    d = jsonio.parse_json(read_text(path), path, constants=False)
    if not isinstance(d, dict) or d.get("kind") != kind:
        raise InstanceError(f"not a {kind.split('-')[0]} checkpoint (kind {kind!r})", path)
    if d.get("start", "checkpoint") not in CHECKPOINT_STARTS:
        raise InstanceError(f"bad checkpoint: 'start' must be one of {', '.join(CHECKPOINT_STARTS)}", path)
    if "seed" in d and (isinstance(d["seed"], bool) or not isinstance(d["seed"], int)):
        raise InstanceError("bad checkpoint: 'seed' must be an integer", path)
    return d


def write_checkpoint(path: str, search, start: str) -> None:
    """Write the state of a flip or triplet search, with the name of its start, as a checkpoint.

    Parameters
    ----------
    path : str
        Where to write (JSON, atomically).
    search : localsearch.maxcut.FlipSearch or localsearch.triplets.TripletSearch
        The run to save.
    start : str
        How the run started (``instance``, ``random``, ``plus``), kept across resumptions.
    """
    write_json(path, dict(search.state(), start=start))

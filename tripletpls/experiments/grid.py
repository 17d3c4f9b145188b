"""Experiment grids: family x size x pivot rule x seed x reduction target, expanded into run specs.

A grid comes from command-line options or a small TOML (or YAML) file. One run is a ``RunSpec``;
its ``key`` (sha256 of the spec's canonical JSON) identifies it in the result store, so a sweep
re-run with the same arguments recognises what is already done.

>>> specs = expand(Grid(family="dc", sizes=(2, 3), rules=("first", "steepest")))
>>> [(s.size, s.rule) for s in specs]
[(2, 'first'), (2, 'steepest'), (3, 'first'), (3, 'steepest')]
>>> make_instance(specs[0]).n
7

A grid file holds defaults at the top level and one ``[[grid]]`` table per block
(or a single block at the top level)::

    max_steps = 1000000
    [[grid]]
    family = "dc"
    sizes = "2..12"
    rules = ["first", "steepest"]
    targets = ["none", "line"]
    [[grid]]
    family = "gnp"
    sizes = [20, 40, 80]
    seeds = "0..4"
    start = "random"
    params = { p = 0.3, weights = "gaussian" }
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

import math

from instances import (Assignment, Graph, InstanceError, doubling_chain, forced_chain, gnm, gnp, limits,
                       random_regular, steep_chain, torus)
from instances.generators import WEIGHTS
from instances.limits import effective_seed
from localsearch.core.rules import RULES

#: family -> (parameters it accepts with their defaults, what "size" means)
FAMILIES: dict[str, tuple[dict[str, Any], str]] = {
    "dc": ({}, "levels n of DC_n"),
    "steep": ({}, "levels n of SC_n"),
    "forced": ({}, "levels n of FC_n"),
    "gnp": ({"p": 0.5, "weights": "unit", "wmin": -10, "wmax": 10, "sigma": 100.0}, "vertices"),
    "gnm": ({"m_per_vertex": 2.0, "weights": "unit", "wmin": -10, "wmax": 10, "sigma": 100.0}, "vertices"),
    "torus": ({"dims": 2, "weights": "pm1", "wmin": -10, "wmax": 10, "sigma": 100000.0}, "side length"),
    "regular": ({"degree": 3, "weights": "unit", "wmin": -10, "wmax": 10, "sigma": 100.0}, "vertices"),
}
ALIASES = {"random": "gnp"}
MAX_VALUES = 100_000
"""The most values one ``sizes`` or ``seeds`` field may expand to (``2..1000000000`` is refused)."""
STARTS = ("instance", "plus", "random")
NO_TARGET = "none"


@dataclass(frozen=True)
class RunSpec:
    """One run of a sweep: which instance, which search, which reduction target.

    Attributes
    ----------
    family : str
        Instance family (a key of ``FAMILIES``).
    size : int
        Its size (DC_n: levels n; torus: side length; others: vertices).
    rule : str
        Pivot rule.
    seed : int
        Seed of the random instance, of a random start and of the ``random`` rule.
    target : str or None
        Reduction target searched instead of the graph (None: flips on the graph itself).
    start : str
        ``instance`` (the instance's own start, all +1 if none), ``plus`` or ``random``.
    params : tuple of (str, value)
        The family's generator parameters, sorted by name.
    max_steps : int or None
        Stop the run after this many moves.
    time_limit : float or None
        Stop the run after this many seconds.
    """

    family: str
    size: int
    rule: str
    seed: int = 0
    target: str | None = None
    start: str = "instance"
    params: tuple[tuple[str, Any], ...] = ()
    max_steps: int | None = None
    time_limit: float | None = None

    def to_json(self) -> dict:
        """The spec as a JSON-able dict (``params`` as a dict)."""
        d = asdict(self)
        d["params"] = dict(self.params)
        return d

    @property
    def key(self) -> str:
        """sha256 of the spec's canonical JSON: the run's identity in a result store."""
        return hashlib.sha256(canonical_json(self.to_json()).encode()).hexdigest()


@dataclass(frozen=True)
class Grid:
    """A block of runs: the cross product of sizes, targets, rules and seeds (see :func:`expand`).

    Attributes
    ----------
    family : str
        Instance family.
    sizes, rules, seeds, targets : tuple
        The values crossed (a target None means the graph itself).
    start : str
        The start of every run.
    params : dict
        The family's generator parameters.
    max_steps, time_limit : int or None, float or None
        Limits of every run.
    """

    family: str
    sizes: tuple[int, ...]
    rules: tuple[str, ...] = ("first",)
    seeds: tuple[int, ...] = (0,)
    targets: tuple[str | None, ...] = (None,)
    start: str = "instance"
    params: dict[str, Any] = field(default_factory=dict)
    max_steps: int | None = None
    time_limit: float | None = None


def canonical_json(obj) -> str:
    """JSON with sorted keys and no spaces: equal objects give equal text (and equal hashes).

    >>> canonical_json({"b": 1, "a": [1, 2]})
    '{"a":[1,2],"b":1}'
    """
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def instance_hash(inst) -> str:
    """sha256 of an instance's canonical project JSON (identifies the instance a row was run on).

    Parameters
    ----------
    inst : Graph or TripletInstance
        The instance.

    Returns
    -------
    str
        64 hexadecimal digits.
    """
    from instances import jsonio

    return hashlib.sha256(canonical_json(jsonio.to_json(inst)).encode()).hexdigest()


# --- parsing --------------------------------------------------------------------------------------
def parse_ints(value, what: str) -> tuple[int, ...]:
    """Integers from ``"2..12"``, ``"2..12:2"`` (a step), ``"2,3,5"``, an int, or a list of those.

    Parameters
    ----------
    value : str, int or list
        The text or values.
    what : str
        Names the field in errors.

    Returns
    -------
    tuple of int

    Raises
    ------
    InstanceError
        If the value cannot be read or holds no integer.

    Examples
    --------
    >>> parse_ints("2..8:3,10", "sizes")
    (2, 5, 8, 10)
    """
    if isinstance(value, bool):
        raise InstanceError(f"{what}: expected integers, got {value!r}")
    if isinstance(value, int):
        return (value,)
    if isinstance(value, (list, tuple)):
        out = []
        for v in value:
            out.extend(parse_ints(v, what))
        return tuple(out)
    if not isinstance(value, str):
        raise InstanceError(f"{what}: expected integers or a range like 2..12, got {value!r}")
    out = []
    for part in filter(None, (p.strip() for p in value.split(","))):
        try:
            if ".." in part:
                rng, _, step = part.partition(":")
                lo, hi = (int(x) for x in rng.split(".."))
                r = range(lo, hi + 1, int(step) if step else 1)
                if len(out) + len(r) > MAX_VALUES:
                    raise InstanceError(f"{what}: {part!r} holds {len(r)} values, more than the limit of "
                                        f"{MAX_VALUES} per field")
                out.extend(r)
            else:
                out.append(int(part))
        except ValueError as e:
            if isinstance(e, InstanceError):
                raise
            raise InstanceError(f"{what}: cannot read {part[:60]!r} (expected 5, 2..12 or 2..12:2)") from None
    if len(out) > MAX_VALUES:
        raise InstanceError(f"{what}: {len(out)} values, more than the limit of {MAX_VALUES} per field")
    if not out:
        raise InstanceError(f"{what}: no values in {value!r}")
    return tuple(out)


def parse_names(value, what: str) -> tuple[str, ...]:
    """Names from ``"a,b"`` or a list of strings.

    Parameters
    ----------
    value : str or list of str
        The names.
    what : str
        Names the field in errors.

    Returns
    -------
    tuple of str

    Raises
    ------
    InstanceError
        If there is no name or a value is not a string.

    Examples
    --------
    >>> parse_names("first, steepest", "rules")
    ('first', 'steepest')
    """
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, (list, tuple)) or not value or not all(isinstance(v, str) for v in value):
        raise InstanceError(f"{what}: expected a non-empty list of names, got {value!r}")
    return tuple(value)


def make_grid(family, sizes, rules=("first",), seeds=(0,), targets=(NO_TARGET,), start="instance",
              params=None, max_steps=None, time_limit=None, where: str | None = None) -> Grid:
    """Validate and normalise one grid block.

    Parameters
    ----------
    family : str
        Instance family (or an alias such as ``random``).
    sizes, rules, seeds, targets
        As read by :func:`parse_ints` / :func:`parse_names`; the target ``none`` is the graph itself.
    start : str
        One of ``STARTS``.
    params : dict, optional
        Generator parameters the family accepts.
    max_steps : int, optional
        Step limit per run.
    time_limit : float, optional
        Seconds per run.
    where : str, optional
        The file named in errors.

    Returns
    -------
    Grid

    Raises
    ------
    InstanceError
        On an unknown family, rule, target, start or parameter, or a value out of range.
    """
    def bad(msg):
        return InstanceError(msg, where)

    if not isinstance(family, str):
        raise bad(f"family must be a name, got {family!r}")
    family = ALIASES.get(family, family)
    if family not in FAMILIES:
        raise bad(f"unknown family {family!r} (expected one of {', '.join(sorted([*FAMILIES, *ALIASES]))})")
    try:
        sizes, seeds = parse_ints(sizes, "sizes"), parse_ints(seeds, "seeds")
        rules, targets = parse_names(rules, "rules"), parse_names(targets, "targets")
    except InstanceError as e:
        raise e.at(where) from None
    for r in rules:
        if r not in RULES:
            raise bad(f"unknown rule {r!r} (expected one of {', '.join(RULES)})")
    from reductions import TARGETS

    for t in targets:
        if t != NO_TARGET and t not in TARGETS:
            raise bad(f"unknown reduction target {t!r} (expected none or one of {', '.join(TARGETS)})")
    if start not in STARTS:
        raise bad(f"unknown start {start!r} (expected one of {', '.join(STARTS)})")
    allowed = FAMILIES[family][0]
    params = dict(params or {})
    for k, v in params.items():
        if k not in allowed:
            raise bad(f"family {family!r} has no parameter {k!r} (it takes: {', '.join(allowed) or 'none'})")
        problem = _param_problem(k, v)
        if problem:
            raise bad(f"parameter {k!r}: {problem}, got {v!r}")
    minimum = min_size(family)
    if any(n < minimum for n in sizes):
        raise bad(f"family {family!r} needs sizes >= {minimum}, got {min(sizes)}")
    biggest = max(sizes)
    try:
        _check_size(family, biggest, {**allowed, **params})
    except InstanceError as e:
        raise bad(f"sizes: {family} of size {biggest}: {e.problem}") from None
    seeds = tuple(effective_seed(s) for s in seeds)  # any integer, used mod 2^63 (instances.limits)
    if max_steps is not None and (isinstance(max_steps, bool) or not isinstance(max_steps, int)
                                  or not 0 <= max_steps < 2**63):
        raise bad(f"max_steps must be an integer in 0 .. 2^63 - 1 (the store keeps 64-bit integers), got {max_steps!r}")
    if time_limit is not None and (isinstance(time_limit, bool) or not isinstance(time_limit, (int, float))
                                   or not time_limit > 0):
        raise bad(f"time_limit must be a positive number of seconds, got {time_limit!r}")
    return Grid(family, sizes, rules, seeds, tuple(None if t == NO_TARGET else t for t in targets), start,
                params, max_steps, None if time_limit is None else float(time_limit))


def _param_problem(key: str, v) -> str | None:
    """What is wrong with a generator parameter's value (None if nothing)."""
    if key == "weights":
        return None if v in WEIGHTS else f"expected one of {', '.join(WEIGHTS)}"
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "expected a number"
    if not math.isfinite(v):
        return "expected a finite number"
    if key == "p" and not 0 <= v <= 1:
        return "expected a probability in [0, 1]"
    if key in ("wmin", "wmax") and (not float(v).is_integer() or abs(v) >= 2**63):
        return "expected an integer below 2^63 in absolute value"
    if key == "sigma" and not 0 < v <= 2.0**60:
        return "expected a standard deviation in (0, 2^60]"
    if key == "m_per_vertex" and v < 0:
        return "expected a non-negative number"
    if key == "dims" and v not in (2, 3):
        return "expected 2 or 3"
    if key == "degree" and (not float(v).is_integer() or v < 0):
        return "expected a non-negative integer"
    return None


def _check_size(family: str, n: int, p: dict) -> None:
    """Refuse a size whose instance the generators would refuse (``instances.limits``), before any run."""
    if family in ("dc", "steep", "forced"):
        limits.check_count("levels", n, limits.MAX_DC_LEVELS)
    elif family == "torus":
        limits.check_count("vertices", n ** int(p["dims"]), limits.MAX_VERTICES)
    else:
        limits.check_count("vertices", n, limits.MAX_VERTICES)
        if family in ("gnp", "gnm"):
            limits.check_count("vertex pairs", n * (n - 1) // 2, limits.MAX_PAIRS)


GRID_KEYS = ("family", "sizes", "rules", "seeds", "targets", "start", "params", "max_steps", "time_limit")


def read_grid_file(path: str) -> list[Grid]:
    """Grids from a TOML file (or YAML, by the suffix .yaml/.yml); see the module docstring.

    Parameters
    ----------
    path : str
        The grid file.

    Returns
    -------
    list of Grid

    Raises
    ------
    InstanceError
        If the file is missing, malformed or describes an invalid grid (names the file).
    """
    from instances.io import read_text

    text = read_text(path)
    if str(path).endswith((".yaml", ".yml")):
        import yaml

        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            raise InstanceError(f"malformed YAML: {getattr(e, 'problem', e)}", path,
                                mark.line + 1 if mark else None) from None
        except (ValueError, RecursionError) as e:  # e.g. an integer beyond instances.limits.MAX_INT_DIGITS
            raise InstanceError(f"malformed YAML: {type(e).__name__}: {e}", path) from None
    else:
        import tomllib

        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise InstanceError(f"malformed TOML: {e}", path) from None
        except (ValueError, RecursionError) as e:  # e.g. an integer beyond instances.limits.MAX_INT_DIGITS
            raise InstanceError(f"malformed TOML: {type(e).__name__}: {e}", path) from None
    if not isinstance(doc, dict):
        raise InstanceError("a grid file must be a table of keys", path)
    return grids_from_doc(doc, path)


def grids_from_doc(doc: dict, where: str | None = None) -> list[Grid]:
    """Grids from a parsed grid document: top-level defaults and ``grid`` blocks.

    Parameters
    ----------
    doc : dict
        The document (keys of ``GRID_KEYS`` and ``grid``, a table or a list of tables).
    where : str, optional
        The file named in errors.

    Returns
    -------
    list of Grid

    Raises
    ------
    InstanceError
        On unknown keys, missing ``family``/``sizes`` or invalid values.
    """
    blocks = doc.get("grid", [])
    if isinstance(blocks, dict):
        blocks = [blocks]
    if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
        raise InstanceError("'grid' must be a list of tables ([[grid]])", where)
    defaults = {k: v for k, v in doc.items() if k != "grid"}
    unknown = set(defaults) - set(GRID_KEYS)
    for b in blocks:
        unknown |= set(b) - set(GRID_KEYS)
    if unknown:
        raise InstanceError(f"unknown key(s) {', '.join(sorted(unknown))} (expected {', '.join(GRID_KEYS)})", where)
    if not blocks:
        blocks = [{}]
    grids = []
    for b in blocks:
        merged = {**defaults, **b}
        for k in ("family", "sizes"):
            if k not in merged:
                raise InstanceError(f"a grid needs {k!r}", where)
        grids.append(make_grid(**merged, where=where))
    return grids


# --- expansion and instances ----------------------------------------------------------------------
def expand(grids: Grid | Iterable[Grid]) -> list[RunSpec]:
    """Every run of the grids, in order (size-major, so small runs come first), without duplicates.

    Parameters
    ----------
    grids : Grid or iterable of Grid
        The grids.

    Returns
    -------
    list of RunSpec
    """
    if isinstance(grids, Grid):
        grids = [grids]
    seen, out = set(), []
    for g in grids:
        params = tuple(sorted(g.params.items()))
        for size in g.sizes:
            for target in g.targets:
                for rule in g.rules:
                    for seed in g.seeds:
                        spec = RunSpec(g.family, size, rule, seed, target, g.start, params, g.max_steps,
                                       g.time_limit)
                        if spec.key not in seen:
                            seen.add(spec.key)
                            out.append(spec)
    return out


def min_size(family: str) -> int:
    """The smallest size a family is defined for (DC_n and FC_n need two levels, a torus three rows).

    >>> min_size("dc"), min_size("steep"), min_size("torus"), min_size("gnp")
    (2, 1, 3, 1)
    """
    return {"dc": 2, "forced": 2, "torus": 3}.get(family, 1)


def seeded(family: str, params: dict | None = None, start: str = "instance", rule: str = "first") -> bool:
    """Whether the runs of a series depend on their seed (a random instance, start or pivot rule).

    DC_n, SC_n, FC_n and unit-weight tori are fixed by their size; every other family draws its graph
    or weights from the seed, as do random starts and the ``random`` rule.

    Parameters
    ----------
    family : str
        Instance family (a key of ``FAMILIES``).
    params : dict, optional
        The family's parameters (the torus' ``weights``).
    start, rule : str
        The start and the pivot rule of the series.

    Returns
    -------
    bool

    Examples
    --------
    >>> seeded("dc"), seeded("dc", start="random"), seeded("gnp"), seeded("torus", {"weights": "unit"})
    (False, True, True, False)
    >>> seeded("steep"), seeded("forced", rule="random")
    (False, True)
    """
    if start == "random" or rule == "random":
        return True
    if family in ("dc", "steep", "forced"):
        return False
    if family == "torus":
        return {**FAMILIES["torus"][0], **(params or {})}["weights"] != "unit"
    return True


def make_instance(spec: RunSpec) -> Graph:
    """The source graph of a run, with its start assignment attached (deterministic in the spec).

    Parameters
    ----------
    spec : RunSpec
        The run.

    Returns
    -------
    Graph
        The family's instance of the spec's size, parameters and seed; its start is the spec's
        (``instance`` keeps the family's own start, all +1 if it has none).

    Raises
    ------
    InstanceError
        If the generator refuses the parameters.
    """
    defaults = FAMILIES[spec.family][0]
    p = {**defaults, **dict(spec.params)}
    w = {k: p[k] for k in ("weights", "wmin", "wmax", "sigma") if k in p}
    n, seed = spec.size, spec.seed
    if spec.family == "dc":
        g = doubling_chain(n)
    elif spec.family == "steep":
        g = steep_chain(n)
    elif spec.family == "forced":
        g = forced_chain(n)
    elif spec.family == "gnp":
        g = gnp(n, float(p["p"]), seed=seed, **w)
    elif spec.family == "gnm":
        m = min(n * (n - 1) // 2, int(round(float(p["m_per_vertex"]) * n)))
        g = gnm(n, m, seed=seed, **w)
    elif spec.family == "torus":
        g = torus((n,) * int(p["dims"]), seed=seed, **w)
    else:
        g = random_regular(n, int(p["degree"]), seed=seed, **w)
    if spec.start == "plus" or (spec.start == "instance" and g.start is None):
        return g.with_start(Assignment.plus(g.n))
    if spec.start == "random":
        return g.with_start(Assignment.random(g.n, seed))
    return g

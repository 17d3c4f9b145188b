"""Experiment grids: parsing of sizes and names, grid files (TOML/YAML), expansion, instances."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from instances import InstanceError, doubling_chain
from tripletpls.experiments.grid import (FAMILIES, GRID_KEYS, Grid, RunSpec, expand, grids_from_doc, make_grid,
                                         make_instance, parse_ints, read_grid_file)

GRID_TOML = """
max_steps = 1000000
[[grid]]
family = "dc"
sizes = "2..12"
rules = ["first", "steepest", "last"]
[[grid]]
family = "gnp"
sizes = [8, 16, 24]
seeds = "0..1"
rules = ["first", "random"]
start = "random"
params = { p = 0.4, weights = "gaussian" }
"""
GRID_RUNS = 11 * 3 + 3 * 2 * 2


@given(st.integers(-5, 50), st.integers(0, 30), st.integers(1, 5))
@settings(max_examples=50)
def test_parse_ints_ranges_match_python_range(lo, length, step):
    hi = lo + length
    assert parse_ints(f"{lo}..{hi}:{step}", "sizes") == tuple(range(lo, hi + 1, step))
    assert parse_ints(",".join(map(str, range(lo, hi + 1))), "sizes") == tuple(range(lo, hi + 1))


def test_grid_file_expands_to_the_cross_product(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text(GRID_TOML)
    specs = expand(read_grid_file(str(path)))
    assert len(specs) == GRID_RUNS == len({s.key for s in specs})
    assert all(s.max_steps == 1000000 for s in specs)
    gnp_specs = [s for s in specs if s.family == "gnp"]
    assert {s.seed for s in gnp_specs} == {0, 1} and dict(gnp_specs[0].params) == {"p": 0.4, "weights": "gaussian"}
    # the same grid written as YAML gives the same runs
    yaml_path = tmp_path / "g.yaml"
    import tomllib

    import yaml

    yaml_path.write_text(yaml.safe_dump(tomllib.loads(GRID_TOML)))
    assert [s.key for s in expand(read_grid_file(str(yaml_path)))] == [s.key for s in specs]


def test_expansion_is_size_major_and_drops_duplicates():
    g = Grid("dc", (3, 2), ("first", "steepest"), targets=(None, "line"))
    specs = expand([g, g])
    assert [(s.size, s.target, s.rule) for s in specs] == [
        (3, None, "first"), (3, None, "steepest"), (3, "line", "first"), (3, "line", "steepest"),
        (2, None, "first"), (2, None, "steepest"), (2, "line", "first"), (2, "line", "steepest")]


scalars = st.one_of(st.integers(-3, 30), st.floats(allow_nan=True), st.text(max_size=8), st.booleans(),
                    st.sampled_from(["dc", "gnp", "torus", "first", "steepest", "2..5", "none", "line", "random"]))
grid_values = st.one_of(scalars, st.lists(scalars, max_size=4), st.dictionaries(st.text(max_size=3), scalars, max_size=2))
grid_docs = st.dictionaries(st.sampled_from(list(GRID_KEYS) + ["grid", "junk"]),
                            st.one_of(grid_values, st.lists(st.dictionaries(st.sampled_from(GRID_KEYS), grid_values,
                                                                             max_size=5), max_size=2)), max_size=7)


@given(grid_docs)
@settings(max_examples=150)
def test_any_grid_document_is_accepted_or_rejected_with_instance_error(doc):
    try:
        grids = grids_from_doc(doc, "fuzz.toml")
    except InstanceError as e:
        assert e.path == "fuzz.toml"
        return
    for spec in expand(grids)[:3]:
        assert spec.family in FAMILIES and spec.size >= 1


def test_instances_are_deterministic_and_seeded():
    a = RunSpec("gnp", 20, "first", seed=3, start="random", params=(("p", 0.3),))
    b = RunSpec("gnp", 20, "first", seed=4, start="random", params=(("p", 0.3),))
    assert make_instance(a) == make_instance(a) and make_instance(a) != make_instance(b)
    assert make_instance(RunSpec("dc", 5, "first")) == doubling_chain(5)
    assert make_instance(RunSpec("gnp", 9, "first", start="plus")).start.signs == (1,) * 9


def test_make_grid_names_the_file_in_errors():
    with pytest.raises(InstanceError) as e:
        make_grid("dc", "2..4", ("fastest",), where="g.toml")
    assert e.value.path == "g.toml" and "fastest" in str(e.value)
    assert make_grid("random", "5", targets="none,line").family == "gnp"  # alias; 'none' is the graph itself
    assert make_grid("random", "5", targets="none,line").targets == (None, "line")


def test_docstring_examples_hold():
    import doctest

    import tripletpls.experiments.grid as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0

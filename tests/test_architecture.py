"""The layering of the code base, checked on the import graph (function-level imports included).

The layer contracts themselves are import-linter's (``pyproject.toml``, run by ``make test``); this
module adds what import-linter does not check directly: no import cycle between any two modules.
"""
from __future__ import annotations

import grimp
import networkx as nx

PACKAGES = ("instances", "localsearch", "reductions", "tripletpls")


def import_graph() -> nx.DiGraph:
    g = grimp.build_graph(*PACKAGES, cache_dir=None)
    out = nx.DiGraph()
    for m in g.modules:
        out.add_node(m)
        for imported in g.find_modules_directly_imported_by(m):
            out.add_edge(m, imported)
    return out


def test_no_import_cycle_between_modules():
    g = import_graph()
    assert g.number_of_nodes() > 100  # the whole project was read
    cycles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    assert cycles == []


def test_the_cycle_check_finds_a_planted_cycle():
    g = import_graph()
    g.add_edge("instances.graph", "tripletpls.cli")  # tripletpls.cli imports instances (directly)
    assert any(len(c) > 1 for c in nx.strongly_connected_components(g))

"""Test helpers: Hypothesis strategies for small weighted graphs, a brute-force maximum cut, the\nshared data directory and an in-process CLI runner."""
from __future__ import annotations

import itertools
import os

from hypothesis import strategies as st

from instances import Graph

SMALL = st.integers(-10, 10)
BIG = st.one_of(st.integers(-10, 10), st.integers(-2**100, 2**100))
POSITIVE = st.integers(1, 10)


@st.composite
def graphs(draw, min_n=1, max_n=12, weights=SMALL, with_start=False):
    n = draw(st.integers(min_n, max_n))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    edges = tuple((u, v, draw(weights)) for u, v in chosen)
    start = tuple(draw(st.lists(st.sampled_from((1, -1)), min_size=n, max_size=n))) if with_start else None
    return Graph(n, edges, start=start)


def brute_force_maxcut(g: Graph) -> int:
    """Maximum cut by visiting all 2^(n-1) assignments with s_0 = +1 in Gray-code order (exact ints)."""
    if g.n == 0:
        return 0
    s = [1] * g.n
    gains = list(g.gains(s))
    adj = [[] for _ in range(g.n)]
    for u, v, w in g.edges:
        adj[u].append((v, w))
        adj[v].append((u, w))
    cut = best = 0
    for k in range(1, 2 ** (g.n - 1)):
        v = (k & -k).bit_length()  # Gray code on vertices 1..n-1
        cut += gains[v]
        s[v] = -s[v]
        gains[v] = -gains[v]
        for u, w in adj[v]:
            gains[u] += 2 * w * s[u] * s[v]
        best = max(best, cut)
    return best


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shared_data_dir() -> str:
    """conftest's SHARED_DATA (ROOT/../shared/data), or the same directory seen from a worktree one
    level deeper (/work/wt/NAME -> /work/shared/data)."""
    candidates = [os.path.join(os.path.dirname(ROOT), "shared", "data"),
                  os.path.join(os.path.dirname(os.path.dirname(ROOT)), "shared", "data")]
    for d in candidates:
        if os.path.isdir(d):
            return d
    return candidates[0]


def run_cli(*args):
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from tripletpls.cli import main

    r = CliRunner().invoke(main, [str(a) for a in args], prog_name="tripletpls", catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr

"""SC_n, the steepest chain: a Max-Cut family on which ``steepest`` (and ``last``) make exactly
2^(n+2) - 3 improving flips, for every n >= 1, with integer weights of 2n + O(log n) bits.

DC_n (:mod:`instances.dc`) defeats ``first`` only; steepest ends it in 2 flips. SC_n is built the
other way round: it is ORIENTED (every vertex's preferred side is decided by the levels above it,
whatever the levels below do), so an ordered rule finishes in 3 flips, but the greedy rule flips a
level's output pulse before the level has caught up with its input, and so runs every level below
twice.

Vertices in index order (4n + 3): ``r, r', D``, then for j = 1..n the level ``m_j, l_j, p_j, q_j``
(lag, second lag, pulse on a rising input, pulse on a falling input). Let s = n + 1 and

    U_j = s * (2 * 4^(n-j) - 1),   B_j = 2 U_j + s,   A_j = B_j + j,   T = A_1 + 2 U_1 + s.

Edges (11n - 1), with "the input" of level 1 being D and of level j >= 2 the pair p_{j-1}, q_{j-1}:

- level 1:  w(m_1, D) = -A_1,  w(p_1, D) = -U_1,  w(q_1, D) = U_1,  w(p_1, r) = U_1,  w(q_1, r) = U_1;
- level j >= 2:  w(m_j, p_{j-1}) = w(m_j, q_{j-1}) = w(m_j, r) = -A_j,
  w(p_j, p_{j-1}) = w(p_j, q_{j-1}) = -U_j,  w(q_j, p_{j-1}) = w(q_j, q_{j-1}) = U_j,  w(q_j, r) = 2 U_j;
- inside level j:  w(m_j, l_j) = -B_j,  w(p_j, l_j) = U_j,  w(q_j, l_j) = -U_j;
- w(D, r) = -T, and w(r, r') = 1 + the total |weight| at r (this pins r and r' on opposite sides).

Start: r = +1, every other vertex -1.

Proof of the step law. Write J = -w, s_v for the signs, and the field h_v = sum_u J(u, v) s_u, so the
gain is g(v) = -s_v h_v. Since w(r, r') exceeds all other weight at r, neither r nor r' ever improves
and s_r = +1 throughout: the edges to r act as thresholds. Put X_1 = s_D and X_j = s(p_{j-1}) +
s(q_{j-1}) + 1 for j >= 2 (= +1 or -1 while p_{j-1}, q_{j-1} are not both +1, which the run keeps).
By construction

    h(m_j) = A_j X_j + B_j s(l_j),          h(l_j) = B_j s(m_j) - U_j s(p_j) + U_j s(q_j),
    h(p_j) = U_j (X_j - s(l_j) - 1) + E_j,   h(q_j) = U_j (s(l_j) - X_j - 1) + E_j,

where E_j = A_{j+1} s(m_{j+1}) + U_{j+1} (s(p_{j+1}) - s(q_{j+1})) (E_n = 0) is the pull of level j + 1,
|E_j| <= A_{j+1} + 2 U_{j+1} = U_j - (2n - j + 1) for j < n (expand the closed forms).

(1) Targets and gains. Each vertex's sign of field is decided by its inputs alone: m_j wants X_j,
l_j wants s(m_j), p_j wants +1 iff X_j = +1 and l_j = -1, q_j wants +1 iff X_j = -1 and l_j = +1, and
D wants +1. A vertex improves iff it differs from what it wants. An improving m_j with l_j = m_j has
gain EXACTLY A_j - B_j = j; every other improving vertex has gain >= s = n + 1 (l_j: >= B_j - 2U_j;
p_j, q_j: >= U_j - |E_j| >= n + 2, or U_n = s; D: >= T - A_1 - 2U_1), all > n >= j.
(2) Activation. Say level j is AT REST for input x when (m_j, l_j, p_j, q_j) = (x, x, -1, -1). Claim:
if levels j..n are at rest, every improving vertex outside them is some m_i with i < j (gain i), and
X_j flips, then steepest makes F_j = 4 (2^(n-j+1) - 1) flips inside levels j..n, touching nothing
else, after which they are at rest for the new X_j. By induction from j = n down. Let X_j rise to
+1. Improving: m_j (gain j) and p_j (gain >= n + 1), besides the pending m_i (i < j) outside, whose
gains stay fixed because they have no edge into levels >= j. No other vertex outside levels j..n
starts or stops improving while they flip: by (1) what a vertex wants depends only on vertices
above it, and the only outside vertices with edges into levels >= j (p_{j-1}, q_{j-1}, or D) want
what they have. Inside, q_j does not improve (it wants +1 only for a falling input).
Steepest flips p_j, which raises
X_{j+1}; now every improving vertex outside levels j+1..n is m_i with i <= j, so by induction levels
j+1..n run F_{j+1} flips and come to rest. Then m_j has the largest gain (j); after it l_j is the only
vertex that does not want its side apart from the pending m_i (gain >= n + 1 > i); after l_j, p_j
wants -1 again (gain >= n + 1); its flip lowers X_{j+1} and levels j+1..n run F_{j+1} more flips.
Level j is at rest for +1 after p_j, m_j, l_j, p_j. A falling X_j is the mirror image with q_j in
place of p_j. For j = n there is no level below. So F_j = 4 + 2 F_{j+1}, F_{n+1} = 0.
(3) The run. At the start every level is at rest for -1 and only D improves. D flips, X_1 rises, and
by (2) with nothing pending the levels make F_1 = 4 (2^n - 1) flips and come to rest for +1: a local
optimum. In all 1 + F_1 = 2^(n+2) - 3 flips; level j runs 2^(j-1) times.
``last`` makes the same run: at every choice above the flip steepest takes is also the improving
vertex of highest index (pending m_i lie in earlier levels, p_j/q_j/l_j follow m_j). ``first`` and
``cyclic`` flip D, m_1, l_1 and stop (3 flips): p_1 then wants nothing. Every pivot rule's count on
SC_n lies between ``paths``' shortest (3) and longest (which equals the steepest count for n <= 5).
(``least`` is also exponential here: measured, not proved, least(n) = least(n-1) + least(n-2) + 5 for
n = 3..18, i.e. growth like the golden ratio.)

>>> g = steep_chain(2)
>>> g.n, g.m, g.names[:7]
(11, 21, ('r', "r'", 'D', 'm1', 'l1', 'p1', 'q1'))
>>> [steep_steps(n) for n in (1, 2, 3, 4)]
[5, 13, 29, 61]

References
----------
Kaznatcheev & Vazquez Alferez, "Greed is slow on sparse graphs of oriented valued constraints",
CP 2025 (arXiv 2506.11662): oriented constraint problems on which greedy ascent is exponential while
ordered ascents are quadratic (the idea; this construction and its weights are ours). Haken & Luby,
"Steepest descent can take exponential time for symmetric connection networks", Complex Systems 2,
1988.
"""
from __future__ import annotations

from .errors import InstanceError
from .graph import Assignment, Graph

__all__ = ["steep_steps", "steep_chain", "steep_weights"]


def steep_steps(n: int) -> int:
    """2^(n+2) - 3: the number of improving flips ``steepest`` (and ``last``) make on SC_n.

    Parameters
    ----------
    n : int
        The number of levels (>= 1).

    Returns
    -------
    int

    Examples
    --------
    >>> [steep_steps(n) for n in (2, 5, 10)]
    [13, 125, 4093]
    """
    return 2 ** (n + 2) - 3


def steep_weights(n: int, j: int) -> dict[str, int]:
    """The level constants of SC_n (module docstring): ``U``, ``B``, ``A`` of level j, and ``T``, ``s``.

    Parameters
    ----------
    n : int
        The number of levels (>= 1).
    j : int
        A level, 1..n.

    Returns
    -------
    dict
        ``{"s": n + 1, "U": U_j, "B": B_j, "A": A_j, "T": T}``.

    Examples
    --------
    >>> steep_weights(2, 1), steep_weights(2, 2)["U"]
    ({'s': 3, 'U': 21, 'B': 45, 'A': 46, 'T': 91}, 3)
    """
    s = n + 1

    def U(i):
        return s * (2 * 4 ** (n - i) - 1)

    u = U(j)
    u1 = U(1)
    return {"s": s, "U": u, "B": 2 * u + s, "A": 2 * u + s + j, "T": (2 * u1 + s + 1) + 2 * u1 + s}


def steep_chain(n: int) -> Graph:
    """The steepest chain SC_n (see the module docstring), with its start assignment and vertex names.

    Started from ``graph.start``, ``steepest`` and ``last`` make exactly ``steep_steps(n)`` improving
    flips; ``first`` and ``cyclic`` make 3.

    Parameters
    ----------
    n : int
        The number of levels, an int >= 1.

    Returns
    -------
    Graph
        4n + 3 vertices, 11n - 1 edges, ``start`` set, ``meta`` ``{"family": "steep", "n": n}``.

    Raises
    ------
    InstanceError
        If n is not an int >= 1.

    Examples
    --------
    >>> g = steep_chain(3)
    >>> g.max_weight_bits, g.int64_safe, steep_chain(20).max_weight_bits, steep_chain(28).int64_safe
    (10, True, 47, False)
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise InstanceError(f"SC_n needs an integer n >= 1, got {n!r}")
    order = ["r", "r'", "D"] + [f"{c}{j}" for j in range(1, n + 1) for c in ("m", "l", "p", "q")]
    idx = {name: k for k, name in enumerate(order)}
    edges: list[tuple[int, int, int]] = []

    def e(a, b, w):
        edges.append((idx[a], idx[b], w))

    for j in range(1, n + 1):
        k = steep_weights(n, j)
        A, B, U = k["A"], k["B"], k["U"]
        m, l, p, q = (f"{c}{j}" for c in ("m", "l", "p", "q"))
        if j == 1:
            e(m, "D", -A)
            e(p, "D", -U)
            e(q, "D", U)
            e(p, "r", U)
            e(q, "r", U)
        else:
            pp, qq = f"p{j - 1}", f"q{j - 1}"
            e(m, pp, -A)
            e(m, qq, -A)
            e(m, "r", -A)
            e(p, pp, -U)
            e(p, qq, -U)
            e(q, pp, U)
            e(q, qq, U)
            e(q, "r", 2 * U)
        e(m, l, -B)
        e(p, l, U)
        e(q, l, -U)
    e("D", "r", -steep_weights(n, 1)["T"])
    at_r = sum(abs(w) for u, v, w in edges if idx["r"] in (u, v))
    e("r", "r'", at_r + 1)
    start = Assignment(tuple(1 if v == "r" else -1 for v in order))
    return Graph(len(order), tuple(edges), names=tuple(order), start=start, meta={"family": "steep", "n": n})

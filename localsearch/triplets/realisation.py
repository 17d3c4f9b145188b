"""All triplets at once in high dimension: an exact test, an integer embedding, and what it rules out.

Constraint graph of a Euclidean triplet instance on m points: one node per unordered pair {x, y},
an arc {a, b} -> {a, c} per triplet (a, b, c) ("d(a, b) < d(a, c)"), plus any EXTRA arcs p -> q asked
for (any two pairs). An embedding satisfying every arc orders its distances strictly, so a directed
cycle proves that no embedding in any dimension satisfies them all (``find_cycle`` returns one).

Lemma. If the constraint graph is acyclic, every arc holds at once
 (a) in R^D, D = C(m, 2) + 4m, at an explicit INTEGER embedding (``integer_embedding``), and
 (b) in R^(m-1) with all squared distances in [1, 1 + 1/(4m)] (``gram_pivots`` proves it exactly).
Proof. Number the pairs 1..C(m, 2) along a topological order: rank r. (a) Pair {k, l} (k < l) gets
its own coordinate, +r_kl at x_k and -r_kl at x_l; with S_i = sum_k r_ik^2 and T = max_i S_i, point i
gets 4 private coordinates whose squares sum to T - S_i (Lagrange's four squares). Then
|x_i - x_j|^2 = 4 r_ij^2 + (S_i - r_ij^2) + (S_j - r_ij^2) + (T - S_i) + (T - S_j) = 2T + 2 r_ij^2,
strictly increasing in the rank. (b) Squared distances q_ij = 1 + r_ij / (2 m^3) give the Gram matrix
G_ij = (q_0i + q_0j - q_ij) / 2 (i, j >= 1) = (I + J)/2 + E with |E_ij| <= 1/(4m); (I + J)/2 has least
eigenvalue 1/2 > (m - 1) max|E_ij|, so G is positive definite (the LDL pivots are checked exactly).

What it rules out. A satisfied set of triplets can never force a RATIO of distances in R^d, d >= m - 1:
(b) realises it with all distances within a factor 1 + 1/(8m) of each other. So a construction whose
soundness rests on metric margins (vertex points in balls that are small compared with the distances
between poles, as in ``reductions.to_line``) is void there, whatever its weights: a global optimum
satisfies every triplet and may order the distances of each vertex point to the two poles as it likes.

>>> from instances import TripletInstance
>>> inst = TripletInstance(3, ((0, 1, 2, 5), (1, 2, 0, 1)), dim=embedding_dim(3))
>>> pos = integer_embedding(inst)
>>> inst.satisfied_weight(pos) == inst.total_weight, all(p > 0 for p in gram_pivots(inst))
(True, True)
>>> find_cycle(TripletInstance(3, ((0, 1, 2, 1), (1, 2, 0, 1), (2, 0, 1, 1))))
[(0, 1), (0, 2), (1, 2)]

Reference: Schoenberg's criterion (1935) for Euclidean distance matrices; Lagrange's four-square
theorem. The triplet problem is the seed paper's (Yan et al., NeurIPS 2025).
"""
from __future__ import annotations

from fractions import Fraction
from math import isqrt

from instances import InstanceError, TripletInstance


def _pair(x: int, y: int) -> tuple[int, int]:
    return (x, y) if x < y else (y, x)


def constraint_graph(inst: TripletInstance, extra=()) -> dict[tuple[int, int], set[tuple[int, int]]]:
    """The constraint graph: arcs p -> q ("d(p) < d(q)") between unordered pairs of points.

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance; each triplet (a, b, c) gives the arc {a, b} -> {a, c}.
    extra : iterable, optional
        Further relations ``(p, q)``, p and q pairs of two distinct points.

    Returns
    -------
    dict
        Pair -> set of pairs it must be shorter than (pairs as sorted tuples).

    Raises
    ------
    InstanceError
        For another target, or an extra relation that is not between two pairs of distinct points.

    Examples
    --------
    >>> constraint_graph(TripletInstance(3, ((0, 1, 2, 5),)), extra=[((2, 1), (0, 1))])
    {(0, 1): {(0, 2)}, (1, 2): {(0, 1)}}
    """
    if inst.target != "euclidean":
        raise InstanceError(f"the constraint graph is defined for euclidean triplets, not {inst.target!r}")
    arcs: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for a, b, c, _ in inst.triplets:
        arcs.setdefault(_pair(a, b), set()).add(_pair(a, c))
    for p, q in extra:
        p, q = _pair(*p), _pair(*q)
        if p[0] == p[1] or q[0] == q[1] or not all(0 <= x < inst.points for x in p + q):
            raise InstanceError(f"extra relation {p} < {q}: pairs of two distinct points expected")
        arcs.setdefault(p, set()).add(q)
    return arcs


def _order(m: int, arcs) -> tuple[list[tuple[int, int]], list[tuple[int, int]] | None]:
    """A topological order of all pairs (smallest first; ties by pair) or a directed cycle."""
    pairs = [(i, j) for i in range(m) for j in range(i + 1, m)]
    colour, order, parent = dict.fromkeys(pairs, 0), [], {}
    for root in pairs:
        if colour[root]:
            continue
        stack = [(root, iter(sorted(arcs.get(root, ()))))]
        colour[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                colour[node] = 2
                order.append(node)
                stack.pop()
            elif colour[nxt] == 1:
                nodes = [frame for frame, _ in stack]
                return [], nodes[nodes.index(nxt):]
            elif colour[nxt] == 0:
                colour[nxt] = 1
                stack.append((nxt, iter(sorted(arcs.get(nxt, ())))))
    return order[::-1], None


def find_cycle(inst: TripletInstance, extra=()) -> list[tuple[int, int]] | None:
    """A directed cycle of the constraint graph: a proof that the triplets cannot all hold at once.

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance.
    extra : iterable, optional
        Further relations, as in ``constraint_graph``.

    Returns
    -------
    list of tuple or None
        Pairs p0 -> p1 -> ... (back to p0), in any dimension impossible; None if the graph is acyclic.
    """
    return _order(inst.points, constraint_graph(inst, extra))[1]


def ranks(inst: TripletInstance, extra=()) -> dict[tuple[int, int], int]:
    """The rank 1..C(m, 2) of every pair along a topological order of the constraint graph.

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance.
    extra : iterable, optional
        Further relations, as in ``constraint_graph``.

    Returns
    -------
    dict
        Pair -> rank; every arc goes from a lower to a higher rank.

    Raises
    ------
    InstanceError
        If the constraint graph has a cycle.
    """
    order, cycle = _order(inst.points, constraint_graph(inst, extra))
    if cycle is not None:
        raise InstanceError(f"the triplets cannot all hold at once (cycle of distance relations {cycle})")
    return {p: k + 1 for k, p in enumerate(order)}


def four_squares(n: int) -> tuple[int, int, int, int]:
    """Integers a >= b >= c >= d >= 0 with a^2 + b^2 + c^2 + d^2 = n (greedy search with backtracking).

    Parameters
    ----------
    n : int
        n >= 0.

    Returns
    -------
    tuple of int

    Raises
    ------
    ValueError
        If n < 0.

    Examples
    --------
    >>> four_squares(7), four_squares(0)
    ((2, 1, 1, 1), (0, 0, 0, 0))

    References
    ----------
    Lagrange's four-square theorem (1770).
    """
    if n < 0:
        raise ValueError("four_squares needs n >= 0")
    for a in range(isqrt(n), -1, -1):
        r1 = n - a * a
        for b in range(min(a, isqrt(r1)), -1, -1):
            r2 = r1 - b * b
            for c in range(min(b, isqrt(r2)), -1, -1):
                d2 = r2 - c * c
                d = isqrt(d2)
                if d * d == d2 and d <= c:
                    return a, b, c, d
    raise AssertionError("unreachable (Lagrange)")


def embedding_dim(points: int) -> int:
    """The dimension of ``integer_embedding``: one coordinate per pair plus 4 per point.

    Parameters
    ----------
    points : int

    Returns
    -------
    int
        C(points, 2) + 4 points.

    Examples
    --------
    >>> embedding_dim(13)
    130
    """
    return points * (points - 1) // 2 + 4 * points


def integer_embedding(inst: TripletInstance, extra=()) -> tuple[tuple[int, ...], ...]:
    """Integer positions satisfying every triplet and extra relation at once (part (a) of the lemma).

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance.
    extra : iterable, optional
        Further relations, as in ``constraint_graph``.

    Returns
    -------
    tuple of tuple of int
        Positions in R^D, D = max(embedding_dim(m), inst.dim) (zero padded).

    Raises
    ------
    InstanceError
        If the constraint graph has a cycle (then no embedding exists, in any dimension).
    """
    m = inst.points
    r = ranks(inst, extra)
    pairs = sorted(r)
    S = [0] * m
    for (i, j), k in r.items():
        S[i] += k * k
        S[j] += k * k
    T = max(S, default=0)
    pos = []
    for i in range(m):
        x = [0] * max(embedding_dim(m), inst.dim)
        for col, (k, l) in enumerate(pairs):
            if i == k:
                x[col] = r[(k, l)]
            elif i == l:
                x[col] = -r[(k, l)]
        x[len(pairs) + 4 * i: len(pairs) + 4 * i + 4] = four_squares(T - S[i])
        pos.append(tuple(x))
    return tuple(pos)


def gram_pivots(inst: TripletInstance, extra=()) -> list[Fraction]:
    """The exact LDL pivots of the Gram matrix of squared distances 1 + rank / (2 m^3), point 0 as origin.

    All positive iff these distances are realised in R^(m-1) (part (b) of the lemma); every arc then
    holds, since the distances increase with the rank.

    Parameters
    ----------
    inst : TripletInstance
        A euclidean instance.
    extra : iterable, optional
        Further relations, as in ``constraint_graph``.

    Returns
    -------
    list of Fraction
        The pivots, stopping at the first zero one.

    Raises
    ------
    InstanceError
        If the constraint graph has a cycle.

    References
    ----------
    Schoenberg, "Remarks to Maurice Frechet's article ...", Annals of Mathematics 36, 1935.
    """
    m = inst.points
    r = ranks(inst, extra)
    delta = Fraction(1, 2 * max(m, 1) ** 3)

    def q(i, j):
        return Fraction(0) if i == j else 1 + r[_pair(i, j)] * delta

    G = [[(q(0, i) + q(0, j) - q(i, j)) / 2 for j in range(1, m)] for i in range(1, m)]
    pivots = []
    for k in range(m - 1):
        p = G[k][k]
        pivots.append(p)
        if p == 0:
            break
        for i in range(k + 1, m - 1):
            f = G[i][k] / p
            if f:
                for j in range(k + 1, m - 1):
                    G[i][j] -= f * G[k][j]
    return pivots

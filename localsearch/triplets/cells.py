"""Exact best cell of weighted open half-spaces in R^k, optionally inside one open ball: the best move
of an ANCHOR point in any dimension.

The problem. Hyperplanes H_i = {p : a_i . p = b_i} carry a weight w_i^- on the open side a_i . p < b_i
and w_i^+ on a_i . p > b_i; an optional open ball B (centre g, squared radius r2) carries w_B. Find
max over p in R^k of f(p) = sum_i (weight of the side p is on, 0 on H_i) + w_B [p in B], and a
rational point reaching it. It is the best move of a point p that is the anchor of its triplets: the
triplet (p, b, c) holds iff 2 p . (x_c - x_b) < |x_c|^2 - |x_b|^2, a half-space (empty when
x_b = x_c), and a triplet (a, p, c) that p is the nearer point of holds iff p is in the open ball
around x_a of squared radius |x_a - x_c|^2. (For the radial instance of ``reductions.to_rd`` that is
O, with the ball from (X, O, Y), and X, without a ball.)

Why a finite candidate set is exact. Every satisfied set is open, so f is lower semicontinuous and its
maximum over the half-spaces is reached on an open cell C of the arrangement. Let q be the point of
the closure of C nearest to a reference point g (it exists, the closure being closed and non-empty).
q is in the relative interior of a face F of that closure, and there only the hyperplanes containing
F are active, so q is also the point of aff(F) nearest to g. aff(F) is the intersection of the
hyperplanes containing F, hence of an INDEPENDENT subset S of them (at most k hyperplanes with
linearly independent normals; S empty when q = g is inside C). Near q, C is one of the LOCAL cells:
the cells of the central arrangement of the hyperplanes through q. So

    max f = max over independent S, q = projection of g onto the flat of S, of
            (sides at q of the hyperplanes not through q) + (best local cell at q) + w_B [q in B],

with g the centre of B when there is a ball: C meets B iff its point nearest to the centre is in B,
and every local cell at a point of B meets B; a cell not meeting B is counted without w_B (and if its
nearest point q lies outside B, possibly with points of B nearby, the point returned is still a
maximiser: its value cannot exceed the maximum).

Best local cell. The normals through q split into the connected components of their linear matroid
(joined by the fundamental circuits of a basis); the spans of the components form a direct sum, so
their sign vectors combine freely and the best local cell is a sum over components: a lone normal
takes its heavier side, a component of rank 2 is swept by angle, a larger one is cut into the affine
slices y_j = +1 and y_j = -1 of its coordinate space (every open cone meets one of them), which are
arrangements one dimension lower: recursion. Bisectors of three co-points always meet in a common
flat, so such dependent components are frequent, not exotic.

The point. q + eps z, z inside the best local cone, eps a simple rational below every
|a . q - b| / |a . z| that could change a side (and keeping q + eps z in B); then the first of the
points round(y 2^j) / 2^j (j = 0, 1, ...) in the same cell (and in B if y is), so that coordinates
stay small from move to move. Its value is recomputed and must equal the maximum.

Cost and arithmetic. There are sum_{j <= k} C(K, j) candidates for K distinct hyperplanes (K + 1 when
the normals are parallel, as for collinear co-points). Flats of fewer than k - 1 hyperplanes are
evaluated one by one, in O(K k); every line (flat of k - 1) is swept once: its crossings with the
other hyperplanes are sorted (a float order repaired by exact cross-multiplication), which values
every vertex on it in O(K log K) amortised; O(K^(k-1) K log K) in all. Everything is exact and
integral: hyperplanes are scaled to primitive integer vectors, a vertex is N / D by Cramer's rule, a
projection is (Delta G - A^T adj(M) (A G - b D_g)) / (Delta D_g) with M = A A^T, Delta = det M and
g = G / D_g.

Tie rule (documented, deterministic): candidates by |S| (g itself first), then lexicographically in
the order of the (merged) hyperplanes; the first maximum wins; inside it a lone normal takes its
heavier side (ties to a . z < 0), a rank-2 component the first best sector counter-clockwise from the
direction (1, 0), a larger one the slice y_j = +1 before y_j = -1.

>>> from fractions import Fraction as F
>>> planes = [((1, 0), 0, 3, 0), ((0, 1), 0, 3, 0), ((1, 1), 1, 0, 5)]  # x < 0, y < 0, x + y > 1
>>> best_cell(planes, 2, (F(0), F(0)))         # x < 0 and x + y > 1: 3 + 5
(8, (Fraction(-1, 1), Fraction(3, 1)))
>>> best_cell(planes, 2, (F(0), F(0)), ball=(F(1, 4), 10))   # inside |p| < 1/2 only x, y < 0: 6 + 10
(16, (Fraction(-1, 8), Fraction(-1, 8)))

Reference: the projection argument is the one behind the nearest point of a polyhedron (e.g. Boyd &
Vandenberghe, "Convex Optimization", 2004, ch. 8); arrangements: Edelsbrunner, "Algorithms in
Combinatorial Geometry", 1987.
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import cmp_to_key
from math import gcd, lcm

from .line import dyadic_roundings, simplest_between

__all__ = ["best_cell", "anchor_parts", "anchor_best", "normalise_plane"]


def normalise_plane(a, b):
    """A hyperplane a . p = b as a primitive integer vector, first nonzero coefficient positive.

    Parameters
    ----------
    a : sequence of int or Fraction
        The normal, not zero.
    b : int or Fraction
        The offset.

    Returns
    -------
    (tuple of int, int, bool)
        The integer normal, offset, and whether the sides were swapped (multiplied by a negative).

    Examples
    --------
    >>> normalise_plane((Fraction(-1, 2), 1), Fraction(3, 4))
    ((2, -4), -3, True)
    """
    ints = list(a) + [b]
    if not all(type(x) is int for x in ints):
        vals = [Fraction(x) for x in ints]
        den = lcm(*(x.denominator for x in vals))
        ints = [int(x * den) for x in vals]
    g = gcd(*ints)
    ints = [x // g for x in ints]
    flip = next(x for x in ints[:-1] if x != 0) < 0
    if flip:
        ints = [-x for x in ints]
    return tuple(ints[:-1]), ints[-1], flip


def _merge(planes):
    """Integer, primitive, merged hyperplanes [(a, b, w_lt, w_gt)] and the constant of the zero ones."""
    merged: dict = {}
    const = 0
    for a, b, wl, wg in planes:
        if not any(a):
            const += wl if 0 < b else (wg if 0 > b else 0)  # 0 < b, 0 > b, or never (0 = b)
            continue
        a, b, flip = normalise_plane(a, b)
        if flip:
            wl, wg = wg, wl
        w = merged.setdefault((a, b), [0, 0])
        w[0] += wl
        w[1] += wg
    return [(a, b, w[0], w[1]) for (a, b), w in merged.items()], const


def _det(M):
    """Exact determinant of a small integer matrix (Bareiss fraction-free elimination)."""
    k = len(M)
    if k == 0:
        return 1
    if k == 1:
        return M[0][0]
    if k == 2:
        return M[0][0] * M[1][1] - M[0][1] * M[1][0]
    if k == 3:
        (a, b, c), (d, e, f), (g, h, i) = M
        return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    A = [list(r) for r in M]
    sign, prev = 1, 1
    for c in range(k - 1):
        if A[c][c] == 0:
            r = next((r for r in range(c + 1, k) if A[r][c] != 0), None)
            if r is None:
                return 0
            A[c], A[r] = A[r], A[c]
            sign = -sign
        for i in range(c + 1, k):
            for j in range(c + 1, k):
                A[i][j] = (A[i][j] * A[c][c] - A[i][c] * A[c][j]) // prev
        prev = A[c][c]
    return sign * A[k - 1][k - 1]


def _adj(M):
    """The adjugate of a small integer matrix (adj(M) M = det(M) I)."""
    k = len(M)
    if k == 1:
        return [[1]]
    if k == 2:
        return [[M[1][1], -M[0][1]], [-M[1][0], M[0][0]]]
    out = [[0] * k for _ in range(k)]
    for i in range(k):
        for j in range(k):
            minor = [row[:j] + row[j + 1:] for r, row in enumerate(M) if r != i]
            out[j][i] = (-1) ** (i + j) * _det(minor)
    return out


def _gram(A):
    return [[sum(x * y for x, y in zip(r, s)) for s in A] for r in A]


def _homogeneous(g):
    """(G, D): integer vector and positive denominator with g = G / D."""
    D = lcm(*(Fraction(x).denominator for x in g)) if g else 1
    return tuple(int(Fraction(x) * D) for x in g), D


def _flat_point(A, b, G, Dg, k):
    """(N, D) with N / D the point of the flat {A p = b} nearest to G / Dg, or None if A is dependent."""
    j = len(A)
    if j == 0:
        return G, Dg
    if j == k:  # a vertex: Cramer's rule
        D = _det(A)
        if D == 0:
            return None
        N = []
        for i in range(k):
            Ai = [list(row) for row in A]
            for r in range(j):
                Ai[r][i] = b[r]
            N.append(_det(Ai))
        if D < 0:
            return tuple(-x for x in N), -D
        return tuple(N), D
    M = _gram(A)
    delta = _det(M)
    if delta == 0:
        return None
    r = [sum(x * y for x, y in zip(row, G)) - bi * Dg for row, bi in zip(A, b)]
    J = _adj(M)
    y = [sum(J[i][l] * r[l] for l in range(j)) for i in range(j)]
    N = tuple(delta * G[c] - sum(A[i][c] * y[i] for i in range(j)) for c in range(k))
    return N, delta * Dg  # delta > 0 (a Gram determinant of independent rows)


def _coordinates(basis, v):
    """Integer coordinates c (up to the positive factor det of the Gram matrix) of v in the span of the
    independent integer vectors ``basis``: sum_i c_i basis_i = det * v; None if v is not in the span."""
    r = len(basis)
    M = _gram(basis)
    rhs = [sum(x * y for x, y in zip(b, v)) for b in basis]
    J, det = _adj(M), _det(M)
    c = [sum(J[i][l] * rhs[l] for l in range(r)) for i in range(r)]
    if any(sum(c[i] * basis[i][col] for i in range(r)) != det * v[col] for col in range(len(v))):
        return None
    return c


def _components(A):
    """The connected components of the linear matroid of the vectors A: (basis of each, index lists).

    Fundamental circuits w.r.t. a greedy basis join the elements of one component; the spans of the
    components form a direct sum, so a central arrangement is the product of its components'."""
    basis, coords = [], {}
    for i, a in enumerate(A):
        c = _coordinates([A[b] for b in basis], a) if basis else None
        if c is None:
            basis.append(i)
        else:
            coords[i] = c
    coords = {i: c + [0] * (len(basis) - len(c)) for i, c in coords.items()}
    parent = {i: i for i in range(len(A))}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, c in coords.items():
        for b, ci in zip(basis, c):
            if ci != 0:
                parent[root(b)] = root(i)
    groups: dict = {}
    for i in range(len(A)):
        groups.setdefault(root(i), []).append(i)
    out = []
    for members in groups.values():
        cb = [b for b in basis if b in members]
        out.append((cb, members, {i: coords[i] for i in members if i in coords}, basis))
    return out


def _angle_key(v):
    x, y = v
    return 0 if (y > 0 or (y == 0 and x > 0)) else 1


def _plane_sectors(vecs, weights):
    """(value, y) of the best sector of lines through 0 in R^2 with normals ``vecs`` (pairwise independent)."""
    dirs = [d for x, y in vecs for d in ((-y, x), (y, -x))]

    def cmp(u, v):
        hu, hv = _angle_key(u), _angle_key(v)
        if hu != hv:
            return hu - hv
        cross = u[0] * v[1] - u[1] * v[0]
        return -1 if cross > 0 else (1 if cross < 0 else 0)

    dirs.sort(key=cmp_to_key(cmp))
    best = None
    for t in range(len(dirs)):
        u, v = dirs[t], dirs[(t + 1) % len(dirs)]
        m = (u[0] + v[0], u[1] + v[1])
        val = 0
        for (x, y), (wl, wg) in zip(vecs, weights):
            s = x * m[0] + y * m[1]
            val += wl if s < 0 else wg
        if best is None or val > best[0]:
            best = (val, m)
    return best


def _central(through, k: int, want_z: bool):
    """(value, z) of the best cell of the central arrangement {a . z = 0} of ``through`` [(a, w_lt, w_gt)];
    z (an integer vector inside that cell) only when ``want_z``.

    The normals split into matroid components (``_components``), whose sign vectors combine freely:
    an independent component takes each heavier side, a component of rank 2 is swept by angle, a
    larger one is cut into the slices y_j = +1 and y_j = -1 of its coordinate space (recursion)."""
    if not through:
        return 0, (0,) * k
    A = [a for a, _, _ in through]
    if len(A) <= k and (len(A) == 1 or _det(_gram(A)) != 0):  # independent: every sign vector occurs
        val = sum(max(wl, wg) for _, wl, wg in through)
        if not want_z:
            return val, None
    total, targets = 0, {}
    for cb, members, coords, basis in _components(A):
        if len(members) == 1:
            i = members[0]
            _, wl, wg = through[i]
            total += max(wl, wg)
            targets[i] = 1 if wg > wl else -1
            continue
        r = len(cb)
        vecs = []
        for i in members:
            c = [int(i == b) for b in cb] if i in cb else [coords[i][basis.index(b)] for b in cb]
            g = gcd(*c)
            vecs.append(tuple(x // g for x in c))
        wts = [through[i][1:] for i in members]
        if r == 2:
            val, y = _plane_sectors(vecs, wts)
        else:
            val, y = _sliced([(v, wl, wg) for v, (wl, wg) in zip(vecs, wts)], r, want_z)
        total += val
        if want_z:
            for idx, b in enumerate(cb):
                targets[b] = y[idx]
    if not want_z:
        return total, None
    B = sorted(targets)
    rows = [A[b] for b in B]
    M = _gram(rows)
    J = _adj(M)
    t = [Fraction(targets[b]) for b in B]
    den = lcm(*(x.denominator for x in t))
    t = [int(x * den) for x in t]
    yv = [sum(J[i][l] * t[l] for l in range(len(B))) for i in range(len(B))]
    return total, tuple(sum(rows[i][c] * yv[i] for i in range(len(B))) for c in range(k))


def _sliced(through, k: int, want_z: bool):
    """(value, z) of a central arrangement in R^k by its slices z_j = +1, z_j = -1 (arrangements in R^(k-1))."""
    A = [a for a, _, _ in through]
    j = next(c for c in range(k) if any(a[c] for a in A))
    best = None
    for s in (1, -1):
        sub, const = _merge([(a[:j] + a[j + 1:], -s * a[j], wl, wg) for a, wl, wg in through])
        found = _search(sub, const, k - 1, (0,) * (k - 1), 1)
        if best is None or found[0] > best[0][0]:
            best = (found, sub, s)
    found, sub, s = best
    if not want_z:
        return found[0], None
    z = _point(found, sub, k - 1, (0,) * (k - 1), 1, None)
    z = z[:j] + (Fraction(s),) + z[j:]
    den = lcm(*(x.denominator for x in z))
    return found[0], tuple(int(x * den) for x in z)


def _first(x):
    return x[0]


def _approx(num: int, den: int) -> float:
    """num / den as a float (infinite beyond the float range): only a sort key, repaired exactly."""
    try:
        return num / den
    except OverflowError:
        return math.inf if num > 0 else -math.inf


def _null_vector(A, k: int):
    """A primitive integer vector orthogonal to the k - 1 independent rows A (generalised cross product)."""
    v = [(-1) ** c * _det([row[:c] + row[c + 1:] for row in A]) for c in range(k)]
    g = gcd(*v)
    return tuple(x // g for x in v)


def _greedy_basis(T, A_all, k: int):
    """The lexicographically first basis (greedy, in index order) of the normals of the planes T."""
    out = []
    for t in T:
        rows = [A_all[u] for u in out] + [A_all[t]]
        if len(rows) <= k and (len(rows) == 1 or _det(_gram(rows)) != 0):
            out.append(t)
    return tuple(out)


def _search(merged, const, k: int, G, Dg, ball=None, sweep: bool = True):
    """The best candidate (value, N, D, through, inside) over R^k; ``ball`` = (P, Q, w): r2 = P / Q around G / Dg.

    Candidates in order: g, then the flats of independent subsets by size, lexicographically; the
    first maximum wins (a point reached again later cannot win). Without ``sweep`` each candidate is
    evaluated from scratch (O(K) each: the reference). With it, flats of fewer than k - 1 planes are
    evaluated one by one, and every line (flat of k - 1 independent planes) is swept once, giving its
    own candidate and, in O(K log K), every vertex on it; a vertex is counted on the line of the first
    k - 1 planes of its lexicographically first basis, under the key of that basis (the subset at
    which the plain order meets it first)."""
    K = len(merged)
    sweep = sweep and k >= 2 and K >= k
    A_all = [a for a, _, _, _ in merged]
    b_all = [b for _, b, _, _ in merged]
    memo = {}
    best = None  # (value, size, key, N, D, through indices, inside)

    def local(T):
        if len(T) == 1:
            _, _, wl, wg = merged[T[0]]
            return max(wl, wg)
        val = memo.get(T)
        if val is None:
            val = memo[T] = _central([(A_all[t],) + merged[t][2:] for t in T], k, False)[0]
        return val

    def offer(val, size, key, N, D, T, inside):
        nonlocal best
        if best is None or val > best[0] or (val == best[0] and (size, key) < (best[1], best[2])):
            best = (val, size, key, N, D, T, inside)

    def plain(N, D, size, key):
        val, T = const, []
        for t, (a, b, wl, wg) in enumerate(merged):
            sg = sum(x * y for x, y in zip(a, N)) - b * D
            if sg < 0:
                val += wl
            elif sg > 0:
                val += wg
            else:
                T.append(t)
        inside = False
        if ball is not None:
            P, Q, w = ball
            inside = Q * sum((x * Dg - y * D) ** 2 for x, y in zip(N, G)) < P * (D * Dg) ** 2
            val += w if inside else 0
        offer(val + (local(tuple(T)) if T else 0), size, key, N, D, tuple(T), inside)

    def _sweep(S, pt, size):
        N0, D0 = pt
        d = _null_vector([A_all[t] for t in S], k)
        dd = sum(x * x for x in d)
        on_line, items, slope = list(S), [], {}
        base = const
        for h, (a, b, wl, wg) in enumerate(merged):
            if h in S:
                continue
            al = sum(x * y for x, y in zip(a, N0)) - b * D0
            be = sum(x * y for x, y in zip(a, d))
            if be == 0:
                if al == 0:
                    on_line.append(h)
                else:
                    base += wl if al < 0 else wg
            else:
                items.append((_approx(-al, be), -al, be, h) if be > 0 else (_approx(al, -be), al, -be, h))
                slope[h] = be
                base += wl if be > 0 else wg  # the side of t -> -infinity
        items.sort(key=_first)
        for j in range(1, len(items)):  # the float order is nearly exact: repair it exactly
            x = items[j]
            m = j
            while m > 0 and items[m - 1][1] * x[2] > x[1] * items[m - 1][2]:
                items[m] = items[m - 1]
                m -= 1
            items[m] = x
        on_line.sort()
        d0 = None
        if ball is not None:
            P, Q, w = ball
            A0, B0 = sum((x * Dg - y * D0) ** 2 for x, y in zip(N0, G)), (D0 * Dg) ** 2  # |P0 - g|^2 = A0 / B0
        line_val, line_T, zero_done = None, None, False
        i, n_items = 0, len(items)
        while i < n_items:
            _, tn, td, _ = items[i]  # tau = tn / td, td > 0
            hs = []
            while i < n_items and items[i][1] * td == tn * items[i][2]:
                hs.append(items[i][3])
                i += 1
            before = sum(merged[h][2] if slope[h] > 0 else merged[h][3] for h in hs)
            after = sum(merged[h][3] if slope[h] > 0 else merged[h][2] for h in hs)
            if not zero_done and tn >= 0:
                T0 = tuple(sorted(on_line + (hs if tn == 0 else [])))
                line_val = base - (before if tn == 0 else 0) + local(T0)
                line_T, zero_done = T0, True
            T = tuple(sorted(on_line + hs))
            basis = T[:k - 1] + (min(hs),) if k <= 3 else _greedy_basis(T, A_all, k)
            if basis[:k - 1] == S:
                s2 = td * td * D0 * D0
                inside = ball is not None and Q * (A0 * s2 + tn * tn * dd * B0) < P * B0 * s2
                val = base - before + (sum(max(merged[u][2], merged[u][3]) for u in T) if len(T) == k else local(T))
                N = tuple(x * td + tn * y for x, y in zip(N0, d))
                offer(val + (ball[2] if inside else 0), k, basis, N, D0 * td, T, inside)
            base += after - before
        if not zero_done:
            line_T = tuple(on_line)
            line_val = base + local(line_T)
        inside = ball is not None and Q * A0 < P * B0
        offer(line_val + (ball[2] if inside else 0), size, S, N0, D0, line_T, inside)

    plain(G, Dg, 0, ())
    layer = [()]
    for size in range(1, min(k, K) + 1 if not sweep else k):
        nxt = []
        for S in layer:
            for i in range((S[-1] + 1) if S else 0, K):
                T = S + (i,)
                pt = _flat_point([A_all[t] for t in T], [b_all[t] for t in T], G, Dg, k)
                if pt is None:
                    continue
                nxt.append(T)
                if sweep and size == k - 1:
                    _sweep(T, pt, size)
                else:
                    plain(*pt, size, T)
        layer = nxt
    return best[:1] + (best[3], best[4], [(A_all[t],) + merged[t][2:] for t in best[5]], best[6])


def _point(found, merged, k: int, G, Dg, ball):
    """A rational point of the best local cell at the candidate ``found`` of ``_search``: q + eps z."""
    _, N, D, through, inside = found
    q = tuple(Fraction(x, D) for x in N)
    z = _central(through, k, True)[1]
    if not any(z):
        return q
    bound = None
    for a, b, _, _ in merged:
        s = sum(x * y for x, y in zip(a, q)) - b
        t = sum(x * y for x, y in zip(a, z))
        if s != 0 and t != 0 and (s > 0) != (t > 0):
            lim = abs(s) / abs(t)
            bound = lim if bound is None else min(bound, lim)
    if inside:
        P, Q, _ = ball
        gq = [x - Fraction(y, Dg) for x, y in zip(q, G)]
        room = Fraction(P, Q) - sum(x * x for x in gq)
        lim = room / (2 * abs(sum(x * y for x, y in zip(gq, z))) + sum(x * x for x in z))
        bound = lim if bound is None else min(bound, lim)
    eps = Fraction(1) if bound is None else simplest_between(0, bound)
    return tuple(x + eps * y for x, y in zip(q, z))


def best_cell(planes, k: int, g, ball=None):
    """The best value of weighted open half-spaces (and one open ball) over R^k, and a rational point.

    Parameters
    ----------
    planes : sequence of tuple
        ``(a, b, w_lt, w_gt)``: weight ``w_lt`` on {a . p < b}, ``w_gt`` on {a . p > b}; a, b rational
        (a zero normal counts as the constant side of 0 against b).
    k : int
        The dimension (>= 0).
    g : sequence
        The reference point (rational coordinates); the centre of ``ball`` when there is one.
    ball : (r2, w), optional
        An open ball of squared radius r2 around g, of weight w >= 0.

    Returns
    -------
    (int, tuple of Fraction)
        The maximum of f over R^k and a point reaching it (module docstring: candidates and tie rule).

    Examples
    --------
    >>> best_cell([((1,), 2, 0, 4), ((1,), 5, 3, 0)], 1, (Fraction(0),))   # 2 < x < 5
    (7, (Fraction(3, 1),))
    """
    merged, const = _merge(planes)
    G, Dg = _homogeneous(g)
    spec = None
    if ball is not None:
        r2 = Fraction(ball[0])
        spec = (r2.numerator, r2.denominator, ball[1])
    found = _search(merged, const, k, G, Dg, spec)
    y = snap(_point(found, merged, k, G, Dg, spec), merged, G, Dg, spec)
    sides = _side(merged, y)
    val = const + sum(wl if s < 0 else wg for s, (_, _, wl, wg) in zip(sides, merged))
    if spec is not None and sum((u - Fraction(v, Dg)) ** 2 for u, v in zip(y, G)) * spec[1] < spec[0]:
        val += spec[2]
    if val != found[0]:
        raise AssertionError(f"best_cell: the point {y} is worth {val}, not the maximum {found[0]}")
    return val, y


def _side(merged, y):
    return tuple((sum(a_i * y_i for a_i, y_i in zip(a, y)) > b) - (sum(a_i * y_i for a_i, y_i in zip(a, y)) < b)
                 for a, b, _, _ in merged)


def snap(y, merged, G, Dg, ball=None):
    """The first of the points round(y 2^j) / 2^j, j = 0, 1, 2, ..., in the same cell as y (same side of
    every hyperplane, inside the ball iff y is): small numbers, the same value.

    Exact positions are vertices of arrangements of earlier positions; without snapping their sizes
    would compound from move to move. y must be off every hyperplane (an open cell's point).

    Parameters
    ----------
    y : tuple of Fraction
        A point off every hyperplane of ``merged``.
    merged : list
        Integer hyperplanes (a, b, w_lt, w_gt).
    G, Dg : tuple of int, int
        The ball's centre G / Dg.
    ball : (P, Q, w), optional
        The ball of squared radius P / Q.

    Returns
    -------
    tuple of Fraction
    """
    sides = _side(merged, y)
    if 0 in sides:
        raise AssertionError(f"snap: {y} lies on a hyperplane")
    g = tuple(Fraction(x, Dg) for x in G)

    def in_ball(x):
        return ball is not None and sum((u - v) ** 2 for u, v in zip(x, g)) * ball[1] < ball[0]

    inside = in_ball(y)
    return next(x for x in dyadic_roundings(y) if _side(merged, x) == sides and (in_ball(x) or not inside))


def anchor_parts(p: int, trips):
    """Split p's triplets into half-spaces (p the anchor) and at most one ball (p the nearer point).

    Parameters
    ----------
    p : int
        The point.
    trips : list of tuple
        The triplets (a, b, c, w) at p.

    Returns
    -------
    (list, tuple or None) or None
        The triplets with p as anchor and the one with p = b (or None); None when p is the farther
        point of a triplet or the nearer point of two (no exact method here).

    Examples
    --------
    >>> anchor_parts(0, [(0, 1, 2, 5), (3, 0, 4, 1)])
    ([(0, 1, 2, 5)], (3, 0, 4, 1))
    >>> anchor_parts(0, [(3, 0, 4, 1), (5, 0, 4, 1)]) is None
    True
    """
    halfspaces, ball = [], None
    for t in trips:
        if t[0] == p:
            halfspaces.append(t)
        elif t[1] == p and ball is None:
            ball = t
        else:
            return None
    return halfspaces, ball


def anchor_best(p: int, pos, trips, parts=None):
    """The best value of an anchor point p (``anchor_parts``) over R^d, others fixed, and where.

    Parameters
    ----------
    p : int
        The point.
    pos : sequence of tuple
        Positions of all points (tuples of ints/Fractions).
    trips : list of tuple
        The triplets (a, b, c, w) at p.
    parts : tuple, optional
        ``anchor_parts(p, trips)``, if known.

    Returns
    -------
    (int, tuple of Fraction)
        The best value of p's triplets and a rational position reaching it. The reference point is
        the ball's centre, or p's current position when there is no ball (so that p stays put when
        its cell is already best).

    Examples
    --------
    >>> anchor_best(0, [(9, 9), (0, 0), (4, 0), (5, 5), (0, 3)], [(0, 1, 2, 2), (3, 0, 4, 7)])
    (9, (Fraction(1, 1), Fraction(5, 1)))
    """
    halfspaces, ball = parts if parts is not None else anchor_parts(p, trips)
    d = len(pos[p])
    planes = []
    for _, b, c, w in halfspaces:
        xb, xc = pos[b], pos[c]
        planes.append((tuple(2 * (u - v) for u, v in zip(xc, xb)),
                       sum(u * u for u in xc) - sum(v * v for v in xb), w, 0))
    if ball is None:
        return best_cell(planes, d, tuple(Fraction(x) for x in pos[p]))
    a, _, c, w = ball
    r2 = sum((Fraction(u) - v) ** 2 for u, v in zip(pos[a], pos[c]))
    return best_cell(planes, d, tuple(Fraction(x) for x in pos[a]), ball=(r2, w))


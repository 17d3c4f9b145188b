"""Exact best position of one point in the plane (d = 2), others anywhere: a vertical-slab sweep.

Every triplet of the moving point p is satisfied on an open set bounded by a circle or a line:
p = b of (a, p, c): the open disc around x_a of squared radius |x_a - x_c|^2; p = c of (a, b, p): the
outside of the closed disc of squared radius |x_a - x_b|^2 (a punctured plane when that radius is 0);
p = a of (p, b, c): the open half-plane 2 y.(x_c - x_b) < |x_c|^2 - |x_b|^2 (empty when x_b = x_c).
The objective is constant on the open cells of this arrangement and lower semicontinuous, so its
maximum is attained on an open cell. Cut the x-axis at every critical abscissa: circle extremes,
circle/circle, circle/line and line/line crossings, vertical lines and degenerate circles (points).
All are quadratic irrationals (``localsearch.triplets.surds``) and are sorted exactly. Over an open slab
between consecutive critical abscissae no two curves cross and no circle turns, so the cells there
are the strips between consecutive curves; a rational abscissa inside the slab and a sweep upwards
(each curve crossing adds or removes its weight) visit every cell. Hence the value is exact.

Cost: O(K^2) slabs times O(K log K) exact comparisons for a point in K triplets.
Tie rule: leftmost slab, then lowest strip; the position is a rational point inside that cell.

>>> from fractions import Fraction as F
>>> pos = [(F(9), F(0)), (F(0), F(0)), (F(2), F(0)), (F(-2), F(0)), (F(4), F(0)), (F(1), F(0))]
>>> trips = [(1, 0, 3, 1), (2, 0, 4, 1), (5, 1, 0, 1)]
>>> best_value(0, pos, trips)[0]
3
"""
from __future__ import annotations

from fractions import Fraction
from functools import cmp_to_key

from .surds import between, compare, surd

_key = cmp_to_key(compare)


def _curves(p, pos, trips):
    """Circles (cx, cy, r2, w_in, w_out), lines (n1, n2, k, w): n.y < k, and rational critical xs."""
    circles, lines = {}, []
    for a, b, c, w in trips:
        if a == p:
            xb, xc = pos[b], pos[c]
            if xb == xc:
                continue
            n1, n2 = 2 * (xc[0] - xb[0]), 2 * (xc[1] - xb[1])
            k = xc[0] ** 2 + xc[1] ** 2 - xb[0] ** 2 - xb[1] ** 2
            lines.append((Fraction(n1), Fraction(n2), Fraction(k), w))
        else:
            xa, xo = pos[a], pos[c if b == p else b]
            r2 = Fraction((xa[0] - xo[0]) ** 2 + (xa[1] - xo[1]) ** 2)
            if b == p and r2 == 0:
                continue
            cw = circles.setdefault((Fraction(xa[0]), Fraction(xa[1]), r2), [0, 0])
            cw[0 if b == p else 1] += w
    return [k + tuple(v) for k, v in circles.items()], lines


def _line_circle_xs(n1, n2, k, cx, cy, r2):
    """Abscissae where the non-vertical line n1 x + n2 y = k meets the circle."""
    # y = (k - n1 x) / n2;  (x - cx)^2 + (y - cy)^2 = r2
    m, q = -n1 / n2, k / n2 - cy
    A, B, C = 1 + m * m, 2 * (m * q - cx), cx * cx + q * q - r2
    disc = B * B - 4 * A * C
    if disc < 0:
        return []
    return [surd(-B / (2 * A), s / (2 * A), disc) for s in (1, -1)]


def _critical(circles, lines):
    xs = []
    for cx, cy, r2, _, _ in circles:
        xs += [surd(cx, 1, r2), surd(cx, -1, r2)]
    for n1, n2, k, _ in lines:
        if n2 == 0:
            xs.append(surd(k / n1))
        for cx, cy, r2, _, _ in circles:
            if n2 != 0:
                xs += _line_circle_xs(n1, n2, k, cx, cy, r2)
    for i, (n1, n2, k, _) in enumerate(lines):
        for m1, m2, l, _ in lines[i + 1:]:
            det = n1 * m2 - n2 * m1
            if det != 0:
                xs.append(surd((k * m2 - n2 * l) / det))
    for i, (cx, cy, r2, _, _) in enumerate(circles):
        for dx, dy, s2, _, _ in circles[i + 1:]:
            if (cx, cy) == (dx, dy):
                continue
            # radical line: 2(d - c).y = r2 - s2 + |d|^2 - |c|^2
            n1, n2 = 2 * (dx - cx), 2 * (dy - cy)
            k = r2 - s2 + dx * dx + dy * dy - cx * cx - cy * cy
            if n2 == 0:
                xs.append(surd(k / n1))
            else:
                xs += _line_circle_xs(n1, n2, k, cx, cy, r2)
    xs.sort(key=_key)
    out = []
    for x in xs:
        if not out or compare(out[-1], x) != 0:
            out.append(x)
    return out


def _column(x0, circles, lines):
    """(value far below, sorted events (y, delta)) on the vertical line x = x0 (not critical)."""
    base, events = 0, []
    for cx, cy, r2, w_in, w_out in circles:
        base += w_out
        h2 = r2 - (x0 - cx) ** 2
        if h2 > 0:
            events.append((surd(cy, -1, h2), w_in - w_out))
            events.append((surd(cy, 1, h2), w_out - w_in))
    for n1, n2, k, w in lines:
        if n2 == 0:
            base += w if n1 * x0 < k else 0
        else:
            below = n2 > 0  # n.y < k holds for y -> -inf
            base += w if below else 0
            events.append((surd((k - n1 * x0) / n2), -w if below else w))
    events.sort(key=lambda e: _key(e[0]))
    return base, events


def best_value(p: int, pos, trips):
    """The best value of p's triplets over the whole plane, others fixed, and a rational point reaching it.

    Parameters
    ----------
    p : int
        The moving point.
    pos : sequence of tuple
        Positions of all points (pairs of ints/Fractions; ``pos[p]`` is not read).
    trips : list of tuple
        The triplets (a, b, c, w) at p.

    Returns
    -------
    tuple
        ``(best value, (x, y))``, the point in the leftmost slab, lowest strip reaching the best value;
        ``(None, None)`` if no triplet at p can hold anywhere.
    """
    circles, lines = _curves(p, pos, trips)
    if not circles and not lines:
        return None, None
    xs = _critical(circles, lines)
    slabs = [between(None, xs[0])] + [between(a, b) for a, b in zip(xs, xs[1:])] + [between(xs[-1], None)] \
        if xs else [Fraction(0)]
    best = None
    for x0 in slabs:
        run, events = _column(x0, circles, lines)
        strips = []
        lo, i = None, 0
        while True:
            hi = events[i][0] if i < len(events) else None
            strips.append((run, lo, hi))
            if i >= len(events):
                break
            while i < len(events) and compare(events[i][0], hi) == 0:
                run += events[i][1]
                i += 1
            lo = hi
        for val, lo, hi in strips:
            if best is None or val > best[0]:
                best = (val, x0, lo, hi)
    val, x0, lo, hi = best
    return val, (x0, between(lo, hi))

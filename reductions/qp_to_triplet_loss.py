r"""QP-KKT -> triplet loss (on the line, d = 1, and in R^d): forward map and back map.

Source: f(x) = x^T Q x + c^T x on [0,1]^n; H = Q + Q^T, grad f = Hx + c; G_f = max_i (|c_i| + sum_j |H_ij|)
bounds |grad f| on the box. Target: a ``TripletLoss`` (hinge by default, or squared hinge).

Construction. Points 0..n-1 are the variables p_i; three anchors Y = n, Z = n+1, W = n+2. Box in
coordinate 0: p_i in [0,1], Y in [-1-R, -R], Z in [2,3], W in [3+R, 4+R] (R = ``spread``, default 4);
every other coordinate of every point in [0,1]. Write D_uv = ||x_u - x_v||^2 and q(a,b,c) = D_ab - D_ac
(so q(a,c,b) = -q(a,b,c): a triplet with its two last points swapped contributes the opposite
polynomial, hence any signed combination of the q's is a positive combination of triplets). We build
the quadratic polynomial
    G = sum_{i<j} lam_ij D_{p_i p_j} + sum_i (mu_i D_{p_i Z} + nu_i D_{p_i Y}) + Lam D_ZW + b D_ZY
with lam_ij = -alpha Qs_ij (Qs = H/2), S_i = alpha sum_j Qs_ij, mu_i = (-alpha c_i/2 - S_i Y*)/(Z* - Y*),
nu_i = S_i - mu_i, and b = -Lam - (sum of all other coefficients), so the coefficients sum to 0; here
Y* = -1-R, Z* = 3, W* = 3+R are the pinned values (Y and W at their lower bounds, Z at its upper one).
(1) G is a positive combination of triplets: every edge (u,v) avoiding Z is rewritten
    lam D_uv = lam q(u, v, Z) + lam D_uZ, then every edge (u,Z), u != W, as k D_Zu = k q(Z, u, W) + k D_ZW;
    the coefficient left on D_ZW is the sum of all coefficients, 0. A negative coefficient becomes the
    swapped triplet with a positive weight.
(2) At the pinned anchors (coordinate 0), G restricted to coordinate 0 equals
    alpha f(p) + const: the coefficient of p_i p_j is -2 lam_ij = alpha H_ij, of p_i^2 is
    sum_j lam_ij + mu_i + nu_i = alpha Qs_ii, of p_i is -2(mu_i Z* + nu_i Y*) = alpha c_i.
(3) Pinning: dG/dx_Z <= -K, dG/dx_Y >= K and dG/dx_W >= K everywhere on the box (coordinate 0), with
    K = alpha (G_f + 1). Lam is the least power of two for which an exact interval bound of these
    affine functions proves it (the term Lam q(Z, W, Y) pulls Z towards W and pushes Y away; the
    gaps between the anchor boxes grow with R, so a larger R needs a smaller Lam).
(4) Margin: margin = 1 + floor(max_t max_box(-q_t)) (exact interval bound), so s_t = q_t + margin > 0 on
    the whole box for every triplet: every hinge is active, and the hinge loss is the polynomial
    L = G + margin * W_total on the box (C^infinity; no kinks).
G separates over coordinates; coordinates k >= 1 never enter the back map. Why R = 4: the Hessian of
the hinge loss is constant (sum of w_t H_t), and its norm -- which sets PGD's step 1/L -- is dominated
by the pin term 2 sqrt(3) Lam for R = 1; larger gaps make Lam smaller (bench/bench_descend.py).

Theorem (hinge). Let eps > 0 and eps' = alpha * eps. The back map x_i = coordinate 0 of p_i sends every
eps'-KKT point X of L to an eps-KKT point of f, and the image of every KKT point of f is a KKT point of L.
Proof. If eps >= G_f + 1, every x in [0,1]^n is eps-KKT. Otherwise eps' < K. By (3) dL/dx_Z < -eps' on the
whole box, so x_Z is not interior (|g| <= eps') nor at its lower bound (g >= -eps'): x_Z = Z*. Likewise
x_Y = Y* and x_W = W*. Then by (2) dL/dx_{p_i,0} = alpha df/dx_i(x) exactly, the box of p_i's coordinate 0
is [0,1], and the eps'-KKT condition of L at p_i is the eps-KKT condition of f at x_i, scaled by alpha.
Conversely the image (p_i = x_i, anchors pinned, other coordinates 0) has anchor gradients of the right
strict sign, coordinates k >= 1 have gradient 0 (all equal), and dL/dp_i = alpha grad f(x). QED.
The objective identity: L(image of x) = alpha f(x) + ``meta.reduction.constant`` exactly.

PGD is tight. From the image of a box point, one projected gradient step with step eta on L keeps the
anchors pinned (their gradients point out of the box, the projection puts them back), keeps coordinates
k >= 1 at 0 (gradient 0), and moves p exactly like a projected gradient step on f with step alpha*eta.
The violation of the image is alpha times the violation of x (anchors and coordinates k >= 1 have 0).
So PGD on L with step 1/L from the image of x, stopped at eps' = alpha eps, makes exactly as many
iterations as PGD on f with step alpha/L from x stopped at eps (tested; ratio to f's own 1/L_f step:
L/(alpha L_f), measured 2-4 in bench/bench_descend.py).

Squared hinge (``loss="squared_hinge"``, needs the target ``eps``). With margin M and weights w_t/(2M),
L = (M/2) W_total + G + (1/2M) sum_t w_t q_t^2, so |grad L - grad G| <= (1/M) sum_t w_t |q_t| |grad q_t|
<= delta := alpha eps/2 once M >= (2 span/delta) sum_t w_t max|q_t| (|dq/dx| <= 2 span, span = 5 + 2R the
widest coordinate-0 difference on the box). With
eps' = alpha eps/2: anchors are pinned as K > eps' + delta, and the p-gradient is within delta of
alpha grad f, so violation_f <= (eps' + delta)/alpha = eps. M is polynomial in 1/eps and the instance.

``integer_weights=True`` (default) multiplies all weights by the lcm of their denominators, which
multiplies G, K and alpha by it; every statement scales. Sizes: n + 3 points, at most n(n-1)/2 + 2n + 2
triplets, all numbers polynomial in the bit size of (Q, c) (and 1/eps for the squared hinge).

>>> from instances import QP
>>> qp = QP(((1, -2), (0, -1)), (1, 0))
>>> inst = reduce(qp)
>>> inst.points, inst.loss, backmap(inst, inst.start)
(5, 'hinge', (Fraction(1, 2), Fraction(1, 2)))

Reference: the seed paper (CLS-hardness of the triplet loss by reduction from QP-KKT); Fearnley,
Goldberg, Hollender, Savani, STOC 2021 (QP-KKT is CLS-complete).
"""
from __future__ import annotations

import math
from fractions import Fraction

from instances import QP, InstanceError, jsonio, limits
from instances.triplet_loss import TripletLoss
from instances.triplets import as_fraction

SOURCE_KIND = "qp"
LOSSES = ("hinge", "squared_hinge")
DEFAULT_SPREAD = 4


def anchor_boxes(spread=DEFAULT_SPREAD):
    """Coordinate-0 boxes of the anchors Y, Z, W: [-1-R, -R], [2, 3], [3+R, 4+R] for R = spread.

    Parameters
    ----------
    spread : int, Fraction or str, default 4
        R > 0, the gap between the variables' box [0, 1] and the outer anchors.

    Returns
    -------
    tuple
        ``((lo_Y, hi_Y), (lo_Z, hi_Z), (lo_W, hi_W))`` as Fractions.

    Raises
    ------
    InstanceError
        If spread <= 0.

    Examples
    --------
    >>> [tuple(map(str, b)) for b in anchor_boxes(1)]
    [('-2', '-1'), ('2', '3'), ('4', '5')]
    """
    R = as_fraction(spread)
    if R <= 0:
        raise InstanceError(f"spread must be positive, got {R}")
    return (-1 - R, -R), (Fraction(2), Fraction(3)), (3 + R, 4 + R)


def pins(spread=DEFAULT_SPREAD):
    """Pinned coordinate-0 values (Y*, Z*, W*): Y at its lower bound, Z at its upper one, W at its lower one.

    Parameters
    ----------
    spread : int, Fraction or str, default 4
        As in ``anchor_boxes``.

    Returns
    -------
    tuple of Fraction

    Examples
    --------
    >>> [str(v) for v in pins()]
    ['-5', '3', '7']
    """
    (yl, _), (_, zh), (wl, _) = anchor_boxes(spread)
    return yl, zh, wl


def _edge_polynomial(qp: QP, alpha: Fraction, spread) -> dict:
    """Coefficients lam_e of D_e for the variable part of G (edges keyed (u, v), u < v)."""
    n = qp.n
    Y, Z = n, n + 1
    Y_PIN, Z_PIN, _ = pins(spread)
    Qs = [[(qp.Q[i][j] + qp.Q[j][i]) / 2 for j in range(n)] for i in range(n)]
    edges = {}
    for i in range(n):
        for j in range(i + 1, n):
            if Qs[i][j]:
                edges[(i, j)] = -alpha * Qs[i][j]
        S = alpha * sum(Qs[i], Fraction(0))
        mu = (-alpha * qp.c[i] / 2 - S * Y_PIN) / (Z_PIN - Y_PIN)
        edges[(i, Z)] = mu
        edges[(i, Y)] = S - mu
    return {e: v for e, v in edges.items() if v}


def _diff_interval(box, u, v):
    (lu, hu), (lv, hv) = box[u], box[v]
    return lu - hv, hu - lv


def _derivative_bounds(edges: dict, box, u) -> tuple[Fraction, Fraction]:
    """Exact interval containing dG/dx_u (coordinate 0) over the box."""
    lo = hi = Fraction(0)
    for (a, b), lam in edges.items():
        if u not in (a, b):
            continue
        v = b if a == u else a
        dl, dh = _diff_interval(box, u, v)
        t1, t2 = 2 * lam * dl, 2 * lam * dh
        lo, hi = lo + min(t1, t2), hi + max(t1, t2)
    return lo, hi


def _sq_interval(box, u, v):
    dl, dh = _diff_interval(box, u, v)
    mx = max(dl * dl, dh * dh)
    return (Fraction(0) if dl <= 0 <= dh else min(dl * dl, dh * dh)), mx


def _q_interval(box, a, b, c, dim: int):
    """Interval of q(a,b,c) = D_ab - D_ac over the box (coordinates k >= 1 lie in [0,1])."""
    ab, ac = _sq_interval(box, a, b), _sq_interval(box, a, c)
    extra = dim - 1  # each other coordinate contributes to D in [0, 1]
    return ab[0] - ac[1] - extra, ab[1] + extra - ac[0]


def _triplets(edges: dict, n: int) -> dict:
    """Decompose sum lam_e D_e (coefficients summing to 0) into signed triplets {(a, b, c): w}."""
    Z, W = n + 1, n + 2
    signed: dict = {}

    def add(a, b, c, w):
        if b > c:
            b, c, w = c, b, -w
        signed[(a, b, c)] = signed.get((a, b, c), Fraction(0)) + w

    hub: dict = {}
    for (u, v), lam in edges.items():
        if Z in (u, v):
            o = v if u == Z else u
            hub[o] = hub.get(o, Fraction(0)) + lam
        else:
            add(u, v, Z, lam)  # lam D_uv = lam q(u, v, Z) + lam D_uZ
            hub[u] = hub.get(u, Fraction(0)) + lam
    rest = hub.pop(W, Fraction(0))
    for u, k in hub.items():
        add(Z, u, W, k)  # k D_Zu = k q(Z, u, W) + k D_ZW
        rest += k
    if rest != 0:
        raise AssertionError("edge coefficients must sum to zero")
    out = {}
    for (a, b, c), w in signed.items():
        if w > 0:
            out[(a, b, c)] = w
        elif w < 0:
            out[(a, c, b)] = -w
    return out


def reduce(source: QP, dim: int = 1, loss: str = "hinge", eps=None, integer_weights: bool = True,
           spread=DEFAULT_SPREAD) -> TripletLoss:
    """The triplet-loss instance of a QP: the forward map (construction in the module docstring).

    Parameters
    ----------
    source : QP
        The QP on [0, 1]^n.
    dim : int, default 1
        The dimension of the embedding.
    loss : {"hinge", "squared_hinge"}, default "hinge"
        The loss of the target.
    eps : number or str, optional
        The target QP accuracy; required for the squared hinge (its margin depends on it).
    integer_weights : bool, default True
        Multiply all weights by the lcm of their denominators.
    spread : number or str, default 4
        R of ``anchor_boxes``.

    Returns
    -------
    TripletLoss
        n + 3 points; its start is the image of the QP's start (or of the centre of the box);
        ``meta["reduction"]`` carries alpha, the constant of the objective identity, the anchors, the
        pins and the source QP.

    Raises
    ------
    InstanceError
        If the source is not a QP, the loss is unknown, dim < 1, (n + 3) * dim exceeds
        ``instances.limits.MAX_COORDINATES``, or eps is missing/non-positive for the squared hinge.
    """
    if not isinstance(source, QP):
        raise InstanceError(f"the triplet-loss reduction takes a QP, not {type(source).__name__}")
    if loss not in LOSSES:
        raise InstanceError(f"reduction to loss {loss!r} not available (one of {', '.join(LOSSES)})")
    if not isinstance(dim, int) or dim < 1:
        raise InstanceError(f"dimension must be a positive integer, got {dim!r}")
    if loss == "squared_hinge":
        if eps is None or as_fraction(eps) <= 0:
            raise InstanceError("the squared-hinge reduction needs a target accuracy eps > 0")
        eps = as_fraction(eps)
    qp, n = source, source.n
    limits.check_count("coordinates", (n + 3) * dim, limits.MAX_COORDINATES)  # before building the box
    Y, Z, W = n, n + 1, n + 2
    spread = as_fraction(spread)
    box = [(Fraction(0), Fraction(1))] * n + list(anchor_boxes(spread))
    alpha = Fraction(1)
    edges = _edge_polynomial(qp, alpha, spread)
    gmax = max((abs(qp.c[i]) + sum((abs(qp.Q[i][j] + qp.Q[j][i]) for j in range(n)), Fraction(0))
                for i in range(n)), default=Fraction(0))
    K = alpha * (gmax + 1)
    sigma = sum(edges.values(), Fraction(0))
    def with_pin(lam):
        full = dict(edges)
        full[(Z, W)] = lam
        full[(Y, Z)] = -lam - sigma
        return full

    def pinned(full):
        return (_derivative_bounds(full, box, Z)[1] <= -K and _derivative_bounds(full, box, Y)[0] >= K
                and _derivative_bounds(full, box, W)[0] >= K)

    Lam = Fraction(1)
    while not pinned(with_pin(Lam)):
        Lam *= 2
    while pinned(with_pin(Lam / 2)):
        Lam /= 2
    full = with_pin(Lam)
    trips = _triplets(full, n)
    qmin = min(_q_interval(box, a, b, c, dim)[0] for a, b, c in trips)
    margin = Fraction(math.floor(-qmin) + 1) if qmin <= 0 else Fraction(1)
    weights = dict(trips)
    if loss == "squared_hinge":
        delta = alpha * eps / 2
        qabs = sum((w * max(abs(x) for x in _q_interval(box, a, b, c, dim)) for (a, b, c), w in trips.items()),
                   Fraction(0))
        span = box[W][1] - box[Y][0]  # widest coordinate-0 difference; |dq/dx| <= 2 span
        margin = max(margin, Fraction(math.ceil(2 * span * qabs / delta)))
        weights = {t: w / (2 * margin) for t, w in trips.items()}
    scale = Fraction(1)
    if integer_weights:
        scale = Fraction(math.lcm(*(w.denominator for w in weights.values())) if weights else 1)
        weights = {t: w * scale for t, w in weights.items()}
    alpha, K = alpha * scale, K * scale
    x0 = [as_fraction(v) for v in qp.meta["start"]] if "start" in qp.meta else [Fraction(1, 2)] * n
    lo = [[b[0]] + [Fraction(0)] * (dim - 1) for b in box]
    hi = [[b[1]] + [Fraction(1)] * (dim - 1) for b in box]
    start = image(x0, dim, spread)
    # constant: L(image of x) - alpha f(x), computed at x = 0 (hinge: exact identity)
    X0 = image([Fraction(0)] * n, dim, spread)
    G0 = sum((lam * _image_sq(X0, u, v) for (u, v), lam in full.items()), Fraction(0))
    if loss == "hinge":
        constant = scale * G0 + margin * sum(weights.values(), Fraction(0))
    else:
        constant = scale * G0 + margin * margin * sum(weights.values(), Fraction(0))
    eps_map = "eps' = alpha * eps (any eps > 0)" if loss == "hinge" else "eps' = alpha * eps / 2 (eps fixed at reduce time)"
    meta = {"reduction": {
        "name": "triplet-loss", "source": jsonio.to_json(qp), "alpha": str(alpha), "dim": dim, "loss": loss,
        "eps": str(eps) if eps is not None else None, "eps_map": eps_map,
        "eps_factor": str(alpha if loss == "hinge" else alpha / 2),
        "variables": list(range(n)), "anchors": {"Y": Y, "Z": Z, "W": W},
        "spread": str(spread), "pinned": dict(zip("YZW", map(str, pins(spread)))), "pin_strength": str(K),
        "Lambda": str(Lam * scale), "gradient_bound": str(gmax), "constant": str(constant),
        "objective_identity": "exact" if loss == "hinge" else "up to (1/2M) sum_t w_t q_t^2"}}
    rows = tuple((a, b, c, w) for (a, b, c), w in sorted(weights.items()))
    return TripletLoss(n + 3, rows, dim=dim, loss=loss, margin=margin, lo=lo, hi=hi, start=start, meta=meta)


def _image_sq(X, u, v):
    return sum(((p - q) ** 2 for p, q in zip(X[u], X[v])), Fraction(0))


def image(x, dim: int = 1, spread=DEFAULT_SPREAD):
    """The embedding of a box point x: p_i = (x_i, 0, ..., 0), the anchors at their pinned values.

    Parameters
    ----------
    x : sequence of number
        A point of [0, 1]^n.
    dim : int, default 1
    spread : number, default 4

    Returns
    -------
    tuple of tuple of Fraction
        n + 3 rows of ``dim`` coordinates.

    Examples
    --------
    >>> [[str(c) for c in row] for row in image([Fraction(1, 2)], dim=2)]
    [['1/2', '0'], ['-5', '0'], ['3', '0'], ['7', '0']]
    """
    pad = [Fraction(0)] * (dim - 1)
    rows = [[as_fraction(v)] + pad for v in x]
    rows += [[p] + pad for p in pins(spread)]
    return tuple(tuple(r) for r in rows)


def embed(inst: TripletLoss, x):
    """``image`` with the dimension and spread of a reduced instance.

    Parameters
    ----------
    inst : TripletLoss
        A reduced instance.
    x : sequence of number
        A point of [0, 1]^n.

    Returns
    -------
    tuple of tuple of Fraction
    """
    red = inst.meta["reduction"]
    return image(x, red["dim"], Fraction(red["spread"]))


def source_of(inst: TripletLoss) -> QP:
    """The source QP a reduced instance carries.

    Parameters
    ----------
    inst : TripletLoss
        A reduced instance.

    Returns
    -------
    QP

    Raises
    ------
    InstanceError
        If the instance was not reduced from a QP.
    """
    red = inst.meta.get("reduction")
    if not isinstance(red, dict) or red.get("name") != "triplet-loss":
        raise InstanceError("not a triplet-loss instance reduced from a QP (meta.reduction missing)")
    return jsonio.from_json(red["source"], expect="qp")


def backmapped_eps(inst: TripletLoss, eps_loss) -> Fraction:
    """The eps for which the back map of any eps_loss-KKT point is eps-KKT for the QP (the Theorem).

    Parameters
    ----------
    inst : TripletLoss
        A reduced instance.
    eps_loss : number or str
        The KKT accuracy reached on the loss.

    Returns
    -------
    Fraction
        eps_loss/alpha for the hinge; eps_loss/alpha + eps_reduce/2 for the squared hinge (valid while
        eps_loss <= alpha * eps_reduce / 2).
    """
    red = inst.meta["reduction"]
    out = as_fraction(eps_loss) / Fraction(red["alpha"])
    return out + Fraction(red["eps"]) / 2 if red["loss"] == "squared_hinge" else out


def backmap(instance: TripletLoss, solution) -> tuple[Fraction, ...]:
    """The back map: x_i = coordinate 0 of point i, clipped into [0, 1].

    Defined for every embedding (floats are read exactly).

    Parameters
    ----------
    instance : TripletLoss
        A reduced instance.
    solution : sequence
        An embedding (rows of coordinates, or numbers for dim 1).

    Returns
    -------
    tuple of Fraction
        A point of [0, 1]^n.

    Examples
    --------
    >>> inst = reduce(QP(((1, 0), (0, 1)), (0, 0)))
    >>> backmap(inst, embed(inst, [Fraction(1, 3), 1]))
    (Fraction(1, 3), Fraction(1, 1))
    """
    n = len(instance.meta["reduction"]["variables"]) if "reduction" in instance.meta else instance.points - 3
    out = []
    for i in range(n):
        row = solution[i]
        v = row[0] if hasattr(row, "__len__") else row
        v = Fraction(float(v)) if not isinstance(v, (int, Fraction, str)) else as_fraction(v)
        out.append(min(max(v, Fraction(0)), Fraction(1)))
    return tuple(out)

"""Local search for triplets on trees (hierarchical clustering): prune one leaf, regraft it anywhere.

A solution is a rooted binary tree over the points (``instances.Tree``: leaves 0..m-1, internal nodes
m..2m-2, the root's parent is -1). A triplet (a, b, c) is satisfied iff lca(a, b) is a strict
descendant of lca(a, c). A move prunes leaf x (its parent p disappears, its sibling s takes p's place)
and regrafts x onto the edge above any node u of the pruned tree (u = its root: above the root); the
internal node p is reused for the new join. The move is ``(x, u)``; u = s gives back the same tree.

Exact best regraft of x, without re-evaluating the objective per candidate: number the nodes in preorder
(subtrees are intervals); pruning x just deletes x and p from that order. For a triplet at x, with
lcas taken in the pruned tree (they equal the lcas of the tree itself):
- x = a in (x, b, c): satisfied iff u lies in the subtree of the child of lca(b, c) towards b;
- x = b in (a, x, c): satisfied iff u lies in the subtree of the child of lca(a, c) towards a;
- x = c in (a, b, x): satisfied iff u is not a strict descendant of lca(a, b).
So each triplet is an interval of preorder positions (or its complement), and the best u is a sweep
(``localsearch.triplets.intervals``): O(t log t + t log m) per leaf for its t triplets, after an O(m log m)
index (preorder + binary lifting) rebuilt once per move.

The certificate's witness is ``{"leaf": x, "above": u, "edge": [u, parent of u after pruning], "gain": g}``.

>>> from instances import TripletInstance, Tree
>>> inst = TripletInstance(3, ((0, 1, 2, 5),), target="tree")
>>> t = Tree((3, 4, 3, 4, -1))       # ((0, 2), 1): 0 merges with 2 first
>>> res = local_search(inst, start=t)
>>> res.steps, res.value
(1, 5)

Reference: the seed paper, "The Complexity of Finding Local Optima in Contrastive Learning" (NeurIPS
2025); SPR (subtree prune and regraft) moves: Swofford et al., "Phylogenetic inference", 1996.
"""
from __future__ import annotations

import numpy as np

from instances import InstanceError, Tree, TripletInstance

from ..core.certificate import Certificate
from ..core.result import RunResult
from ..core.rules import RULES
from .compiled import KernelAdapter, TripletSearch, incidence_arrays, weight_width
from .driver import certify_moves, incidence, run
from .intervals import best_position, value_at


class TreeState:
    """A rooted binary tree under leaf regrafts, indexed for lca queries and subtree intervals.

    The engine state of ``localsearch.triplets.driver`` (``MoveState``): a move is ``(x, u)``, prune
    leaf x and regraft it above node u. Moves are not stable under other moves (the best u of a leaf is
    the first in preorder among ties, and the preorder changes), so the driver recomputes them.

    Parameters
    ----------
    inst : TripletInstance
        A tree instance.
    tree : Tree
        The start tree (copied).
    inc : list, optional
        The triplets at each point (``driver.incidence``), if already computed.

    Attributes
    ----------
    parent : list of int
        The current tree (``instances.Tree`` parent array).
    tin, tout, depth, order, up
        Preorder index, end of the subtree's preorder interval, depth, preorder, binary-lifting table.

    Raises
    ------
    InstanceError
        If the instance's target is not ``tree``.

    Examples
    --------
    >>> state = TreeState(TripletInstance(3, ((0, 1, 2, 5),), target="tree"), Tree((3, 4, 3, 4, -1)))
    >>> state.best(0), state.lca(0, 1)
    ((5, (0, 1)), 4)
    """

    stable_moves = False
    arithmetic = "python"

    def __init__(self, inst: TripletInstance, tree: Tree, inc=None):
        if inst.target != "tree":
            raise InstanceError(f"tree engine: target {inst.target!r} is not 'tree'")
        self.m = inst.points
        self.inc = incidence(inst) if inc is None else inc
        self.parent = list(tree.parent)
        self._index()

    def _index(self) -> None:
        par = self.parent
        N = len(par)
        children: list[list[int]] = [[] for _ in range(N)]
        root = -1
        for v, p in enumerate(par):
            if p == -1:
                root = v
            else:
                children[p].append(v)
        tin, tout, depth, order = [0] * N, [0] * N, [0] * N, []
        stack = [root]
        while stack:
            v = stack.pop()
            tin[v] = len(order)
            order.append(v)
            for c in reversed(children[v]):
                depth[c] = depth[v] + 1
                stack.append(c)
        for v in reversed(order):
            tout[v] = max([tin[v]] + [tout[c] for c in children[v]])
        up = [[p if p != -1 else v for v, p in enumerate(par)]]
        for _ in range(max(1, N.bit_length())):
            prev = up[-1]
            up.append([prev[prev[v]] for v in range(N)])
        self.root, self.children, self.tin, self.tout, self.depth, self.order, self.up = (
            root, children, tin, tout, depth, order, up)

    def ancestor(self, v: int, d: int) -> int:
        """The ancestor of v at depth d (d <= depth[v])."""
        k, diff = 0, self.depth[v] - d
        while diff:
            if diff & 1:
                v = self.up[k][v]
            diff >>= 1
            k += 1
        return v

    def lca(self, a: int, b: int) -> int:
        """The lowest common ancestor of nodes a and b."""
        if self.depth[a] < self.depth[b]:
            a, b = b, a
        a = self.ancestor(a, self.depth[b])
        if a == b:
            return a
        for k in range(len(self.up) - 1, -1, -1):
            if self.up[k][a] != self.up[k][b]:
                a, b = self.up[k][a], self.up[k][b]
        return self.parent[a]

    def satisfied(self, a: int, b: int, c: int) -> bool:
        """lca(a, b) is a strict descendant of lca(a, c)."""
        return self.depth[self.lca(a, b)] > self.depth[self.lca(a, c)]

    def satisfied_weight(self, triplets) -> int:
        """Total weight of the satisfied ``triplets`` (O(log m) per triplet)."""
        return sum(w for a, b, c, w in triplets if self.satisfied(a, b, c))

    def _toward(self, z: int, v: int) -> int:
        """The child of z on the path to its descendant v."""
        return self.ancestor(v, self.depth[z] + 1)

    def intervals(self, x: int):
        """Preorder intervals (lo, hi, w) of regraft targets u where each triplet at x is satisfied."""
        tin, tout = self.tin, self.tout
        out = []
        for a, b, c, w in self.inc[x]:
            if x == c:
                z = self.lca(a, b)
                out.append((0, len(self.parent) - 1, w))
                out.append((tin[z] + 1, tout[z], -w))
            else:
                near, far = (b, c) if x == a else (a, c)
                zb = self._toward(self.lca(near, far), near)
                out.append((tin[zb], tout[zb], w))
        return out

    def sibling(self, x: int) -> int:
        """The other child of x's parent."""
        p = self.parent[x]
        c = self.children[p]
        return c[0] if c[1] == x else c[1]

    def best(self, x: int):
        """(gain, move) of the best regraft of leaf x; ties to the smallest preorder position."""
        p = self.parent[x]
        if p == -1:
            return 0, None
        ivs = self.intervals(x)
        val, pos = best_position(len(self.parent), ivs, masked={self.tin[x], self.tin[p]})
        gain = val - value_at(self.tin[self.sibling(x)], ivs)
        return (gain, (x, self.order[pos])) if gain > 0 else (0, None)

    def pruned_parent(self, x: int, u: int) -> int:
        """The parent of u once x is pruned (-1 if u is then the root)."""
        p = self.parent[x]
        return self.parent[p] if u == self.sibling(x) else self.parent[u]

    def apply(self, move) -> None:
        """Prune leaf x and regraft it above u (``move = (x, u)``); re-index."""
        x, u = move
        par = self.parent
        p = par[x]
        s = self.sibling(x)
        par[s] = par[p]
        par[p] = par[u]
        par[u] = p
        self._index()

    def solution(self) -> Tree:
        """The current tree."""
        return Tree(tuple(self.parent))


class TreeKernel(KernelAdapter):
    """The compiled tree kernel (:mod:`localsearch.triplets.kernels.tree`) on one instance and start tree:
    parent pointers, ordered children and an incrementally renumbered preorder; moves ``(x, u)`` as in
    :class:`TreeState`.

    :meth:`make` returns None when some point's weights exceed int128 (then the exact path runs).

    Examples
    --------
    >>> inst = TripletInstance(3, ((0, 1, 2, 5),), target="tree")
    >>> k = TreeKernel.make(inst, Tree((3, 4, 3, 4, -1)), "first", 0, -1)
    >>> k.order.tolist(), k.tin.tolist(), k.tout.tolist()
    ([4, 1, 3, 0, 2], [3, 1, 4, 2, 0], [3, 1, 4, 4, 4])
    """

    @classmethod
    def make(cls, inst: TripletInstance, start, rule: str, rng: int, last: int):
        """The kernel adapter, or None where the kernel does not apply."""
        inc = incidence(inst)
        width, wide = weight_width(inst, inc)
        if wide.any() or inst.points < 1:
            return None
        return cls(inst, inc, start, rule, rng, last, width, wide)

    def __init__(self, inst, inc, start, rule, rng, last, width, wide):
        from .kernels.common import neighbour_csr
        from .kernels.tree import renumber

        super().__init__(inst, rule, rng, last, width, wide)
        self.inc = inc
        par = list(start.parent)
        N = len(par)
        self.par = np.array(par, dtype=np.int64)
        kids: list[list[int]] = [[] for _ in range(N)]
        for v, q in enumerate(par):
            if q >= 0:
                kids[q].append(v)
        self.ch = np.array([c if c else [-1, -1] for c in kids], dtype=np.int64).reshape(N, 2)
        self.tin = np.zeros(N, dtype=np.int64)
        self.tout = np.zeros(N, dtype=np.int64)
        self.order = np.zeros(N, dtype=np.int64)
        self.stack = np.zeros(N + 1, dtype=np.int64)
        self.dep = np.zeros(N, dtype=np.int64)
        self.seg = np.full(2 * (1 << max(N - 1, 1).bit_length()), -1, dtype=np.int64)
        renumber(par.index(-1), 0, self.ch, self.tin, self.tout, self.order, self.stack, self.dep, self.seg)
        self.ip, self.role, self.o1, self.o2, self.w = incidence_arrays(inc, width)
        self.nbptr, self.nb = neighbour_csr(inst.points, inst.triplets)
        self.alloc_cache(len(self.role))

    def chunk(self, limit, traj):
        from .kernels.tree import run as krun

        k, code = krun(self.code, limit, self.par, self.ch, self.tin, self.tout, self.order, self.stack, self.dep,
                       self.seg, self.ip,
                       self.role, self.o1, self.o2, self.w, self.nbptr, self.nb, self.g, self.mv, self.vals, self.se,
                       self.stamp, self.lastmv, self.pv, self.bp, self.bk, traj[0], traj[1], traj[2], self.counts)
        return int(k), int(code)

    def solution(self):
        return Tree(tuple(self.par.tolist()))

    def exact_state(self):
        return TreeState(self.inst, self.solution(), self.inc)

    def decode(self, p, mv):
        return (p, mv)


ADAPTER = TreeKernel


def _tree(inst: TripletInstance, sol) -> Tree:
    if inst.target != "tree":
        raise InstanceError(f"tree engine: target {inst.target!r} is not 'tree'")
    sol = inst.check_solution(sol)
    if not isinstance(sol, Tree):
        raise InstanceError("the tree engine needs a tree solution")
    return sol


def caterpillar(m: int) -> Tree:
    """The caterpillar ((..((0, 1), 2)..), m-1): internal node m+k joins leaf k+1 (k >= 1: node m+k-1).

    Parameters
    ----------
    m : int
        The number of leaves (>= 1).

    Returns
    -------
    Tree

    Examples
    --------
    >>> caterpillar(3).parent
    (3, 3, 4, 4, -1)
    """
    if m == 1:
        return Tree((-1,))
    parent = [0] * (2 * m - 1)
    parent[0] = m
    for k in range(1, m):
        parent[k] = m + k - 1
    for k in range(m, 2 * m - 2):
        parent[k] = k + 1
    parent[2 * m - 2] = -1
    return Tree(tuple(parent))


def random_solution(inst: TripletInstance, seed=0) -> Tree:
    """A random rooted binary tree, seeded: leaves in random order, each regrafted above a uniform random node.

    Parameters
    ----------
    inst : TripletInstance
        The instance (only its number of points is read).
    seed : int, default 0

    Returns
    -------
    Tree
    """
    m = inst.points
    rng = np.random.default_rng(seed)
    leaves = [int(x) for x in rng.permutation(m)]
    if m == 1:
        return Tree((-1,))
    parent = [-1] * (2 * m - 1)
    nodes = [leaves[0]]
    for k, x in enumerate(leaves[1:]):
        u = nodes[int(rng.integers(len(nodes)))]
        p = m + k
        parent[p] = parent[u]
        parent[u] = p
        parent[x] = p
        nodes += [x, p]
    return Tree(tuple(parent))


def check_start(inst: TripletInstance, start) -> Tree:
    """The start of a tree search, validated (default: the instance's start, else ``caterpillar``).

    Parameters
    ----------
    inst : TripletInstance
        A tree instance.
    start : Tree or None

    Returns
    -------
    Tree

    Raises
    ------
    InstanceError
        If the instance is not a tree instance or the start is not a tree.
    """
    if start is None:
        start = inst.start if inst.start is not None else caterpillar(inst.points)
    return _tree(inst, start)


def exact_state(inst: TripletInstance, start) -> TreeState:
    """The exact Python state of a tree search at ``start``."""
    return TreeState(inst, start)


def local_search(inst: TripletInstance, rule="first", start=None, seed=0, max_steps=None, time_limit=None,
                 progress=None, trajectory=None, incremental=True, arithmetic="auto") -> RunResult:
    """Improving leaf regrafts, each the exact best regraft of the chosen leaf, until a local optimum.

    Parameters
    ----------
    inst : TripletInstance
        A tree instance.
    rule : str, default "first"
        The pivot rule (``localsearch.triplets.driver``).
    start : Tree, optional
        The start tree (default: the instance's start, else ``caterpillar``).
    seed, max_steps, time_limit, progress, trajectory, incremental
        As in ``localsearch.triplets.driver.run``; ``trajectory`` receives ``(leaf, gain, (leaf, u))``.
        ``incremental=False`` runs the exact driver re-evaluating every leaf.
    arithmetic : str, default "auto"
        ``"auto"``: the compiled kernel (:class:`TreeKernel`) when its bound holds, else the exact
        path; ``"compiled"``: the kernel or an error; ``"python"``: the exact engine.

    Returns
    -------
    RunResult
        ``solution`` is a Tree; ``extra["arithmetic"]`` is ``"int64"``/``"int128"`` (compiled) or
        ``"python"``; the same moves on every path.

    Raises
    ------
    InstanceError
        If the instance is not a tree instance, the start is not a tree, or the rule is unknown.
    """
    start = check_start(inst, start)
    if not incremental:
        return run(inst, TreeState(inst, start), rule, seed, max_steps, time_limit, progress, trajectory, False)
    return TripletSearch(inst, rule, start, seed, arithmetic).run(max_steps=max_steps, time_limit=time_limit,
                                                                  trajectory=trajectory, progress=progress)


def certify(inst: TripletInstance, solution) -> Certificate:
    """Certificate from scratch: is any leaf regraft improving?

    Parameters
    ----------
    inst : TripletInstance
        A tree instance.
    solution : Tree
        The tree to certify.

    Returns
    -------
    Certificate
        The witness of a non-optimum is the best regraft over all leaves (largest gain, lowest leaf):
        ``{"leaf": x, "above": u, "edge": [u, parent of u after pruning], "gain": g}``; its gain is
        re-checked by recomputing the objective of the regrafted tree with the reference lca.

    Raises
    ------
    InstanceError
        If the instance is not a tree instance or the solution is not a tree.

    Examples
    --------
    >>> certify(TripletInstance(3, ((0, 1, 2, 5),), target="tree"), Tree((3, 4, 3, 4, -1))).witness
    {'leaf': 0, 'above': 1, 'edge': [1, 4], 'gain': 5}
    """
    sol = _tree(inst, solution)
    state = TreeState(inst, sol)
    return certify_moves(inst, state, lambda mv, gain: {"leaf": mv[0], "above": mv[1],
                                                        "edge": [mv[1], state.pruned_parent(*mv)], "gain": gain})


__all__ = ["RULES", "local_search", "certify", "random_solution", "caterpillar", "TreeState", "TreeKernel",
           "check_start", "exact_state"]

"""Local Max-Cut -> weighted triplets on trees (hierarchical clustering), a tight PLS reduction.

Points: the vertices 0..n-1 (in vertex order), then four scaffold leaves A = n, A' = n+1, B = n+2,
B' = n+3. A triplet (a, b, c) is "ab|c": lca(a, b) strictly below lca(a, c). Triplets:
- scaffold, weight H1: AA'|B, A'A|B', BB'|A, B'B|A' (the 4-leaf tree ((A, A'), (B, B')));
- vertex v, weight H: vA'|A and vB'|B (v joins A' below A, or B' below B; never both);
- edge (u, v, w), w > 0: uA|v and uB|v, weight w each; w < 0: uv|A, weight |w|; w = 0: nothing.
H = 1 + max over v of the edge-triplet weight at v; H1 = 1 + total weight of vertex and edge triplets.

Clean trees: root = (T_A, T_B), T_A = (A, S_A) with A' in S_A, T_B = (B, S_B) with B' in S_B, every
vertex in S_A (side -1) or S_B (side +1). In a clean tree uA|v holds iff u is in S_A and v in S_B, uB|v
iff u in S_B and v in S_A, and uv|A iff u, v are on the same side; so the satisfied weight is
4 H1 + n H + cut(s) + sum of |w| over negative edges. Back map (any tree): s_v = -1 iff lca(v, A) is
strictly deeper than lca(v, B).

Proof sketch. A regraft of leaf x only changes triplets containing x (a triplet's truth depends only on
the subtree induced by its three leaves).
(Soundness) Let T be a local optimum. (1) The scaffold restricted to {A, A', B, B'} is ((A, A'), (B, B')):
on 4 leaves, every other tree has a regraft of one scaffold leaf satisfying one more H1-triplet (checked
exhaustively by the tests); that regraft is realised in T by regrafting onto the corresponding path,
gaining >= H1 - (all lighter weight) > 0. (2) Each vertex v satisfies vA'|A or vB'|B: else regrafting v
above A' gains >= H - (edge weight at v) > 0. Hence T is clean, and regrafting v above the other side's
primed leaf (B' or A') keeps it clean and gains exactly g(v): so g(v) <= 0 for all v, a local max-cut.
(Tightness) In a clean tree a scaffold leaf has no improving move (all H1-triplets already hold and
moves preserving them can only shrink the primed branches), and a vertex v can: stay on its side (gain
0), cross to the other side (gain exactly g(v): the tree stays clean) or leave both primed branches
(loses H > any edge gain). So from the image of an assignment, the improving moves are exactly the
improving flips, with the same gain (factor 1), vertex point v <-> vertex v; every pivot rule that
ranks points by index and gain makes the same choices as on the graph.
Size: n + 4 points, 4 + 2n + 2 m+ + m- triplets (m+/m-: positive/negative edges), weights O(total |w| n).

>>> from instances import Graph
>>> inst = reduce(Graph(2, ((0, 1, 3),)))
>>> inst.points, len(inst.triplets), backmap(inst, inst.start).signs
(6, 10, (1, 1))

Reference: the seed paper, "The Complexity of Finding Local Optima in Contrastive Learning" (NeurIPS
2025), hardness of local search for triplets on trees; Schaeffer & Yannakakis 1991 (Local Max-Cut).
"""
from __future__ import annotations

from instances import Assignment, Graph, Tree, TripletInstance

from .scaffold import least_outweighing, loads, reduction_meta, source_start

SCAFFOLD = ("A", "A'", "B", "B'")


def edge_triplets(graph: Graph, A: int, B: int) -> list[tuple[int, int, int, int]]:
    """The edge triplets: uA|v and uB|v of weight w for w > 0, uv|A of weight |w| for w < 0.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.
    A, B : int
        The point indices of the scaffold leaves A and B.

    Returns
    -------
    list of tuple

    Examples
    --------
    >>> edge_triplets(Graph(3, ((0, 1, 2), (1, 2, -5))), 3, 5)
    [(0, 3, 1, 2), (0, 5, 1, 2), (1, 2, 3, 5)]
    """
    out = []
    for u, v, w in graph.edges:
        if w > 0:
            out += [(u, A, v, w), (u, B, v, w)]
        elif w < 0:
            out.append((u, v, A, -w))
    return out


def clean_tree(n: int, signs) -> Tree:
    """The clean tree of an assignment: ((A, (..(A', left vertices)..)), (B, (..(B', right)..))).

    Parameters
    ----------
    n : int
        The number of vertices.
    signs : sequence of +1/-1
        The assignment (-1: A's side, +1: B's side).

    Returns
    -------
    Tree
        Leaves 0..n+3 (A = n, A' = n+1, B = n+2, B' = n+3).

    Examples
    --------
    >>> t = clean_tree(1, (1,))            # A = 1, A' = 2, B = 3, B' = 4: vertex 0 joins B' below B
    >>> t.lca(0, 4) == t.parent[0], t.lca(0, 1) == t.root
    (True, True)
    """
    A, A2, B, B2 = n, n + 1, n + 2, n + 3
    m = n + 4
    parent = [-1] * (2 * m - 1)
    nxt = [m]

    def join(x, y):
        p = nxt[0]
        nxt[0] += 1
        parent[x] = parent[y] = p
        return p

    def side(pole, primed, members):
        node = primed
        for v in members:
            node = join(node, v)
        return join(pole, node)

    left = side(A, A2, [v for v in range(n) if signs[v] < 0])
    right = side(B, B2, [v for v in range(n) if signs[v] > 0])
    join(left, right)
    return Tree(tuple(parent))


def reduce(graph: Graph) -> TripletInstance:
    """The forward map: the tree instance of ``graph``.

    Parameters
    ----------
    graph : Graph
        The Max-Cut instance.

    Returns
    -------
    TripletInstance
        Target ``tree``; its start is the clean tree of the graph's start (all +1 if none);
        ``meta["reduction"]`` has the scaffold indices and the weights H1, H.
    """
    n = graph.n
    A, A2, B, B2 = n, n + 1, n + 2, n + 3
    edges = edge_triplets(graph, A, B)
    H = least_outweighing(max(loads(n + 4, edges)[:n], default=0))
    vertex = [t for v in range(n) for t in ((v, A2, A, H), (v, B2, B, H))]
    H1 = least_outweighing(sum(t[3] for t in edges + vertex))
    scaffold = [(A, A2, B, H1), (A2, A, B2, H1), (B, B2, A, H1), (B2, B, A2, H1)]
    names = tuple(graph.name(v) for v in range(n)) + SCAFFOLD
    return TripletInstance(n + 4, tuple(scaffold + vertex + edges), target="tree",
                           start=clean_tree(n, source_start(graph)), names=names,
                           meta=reduction_meta("tree", graph, scaffold={"A": A, "A'": A2, "B": B, "B'": B2},
                                               weights={"H1": H1, "H": H}))


def backmap(inst: TripletInstance, tree: Tree) -> Assignment:
    """The back map: s_v = -1 iff lca(v, A) is strictly deeper than lca(v, B); defined for every tree.

    Parameters
    ----------
    inst : TripletInstance
        A tree reduced instance.
    tree : Tree
        Any tree on its points.

    Returns
    -------
    Assignment
    """
    n = inst.meta["reduction"]["vertex_points"]
    A, B = n, n + 2
    return Assignment(tuple(-1 if tree.depth(tree.lca(v, A)) > tree.depth(tree.lca(v, B)) else 1
                            for v in range(n)))

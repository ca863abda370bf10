r"""Series–parallel networks in linear time, written as continued fractions.

A network that reduces to one edge between two terminals by series and parallel
steps has a decomposition tree: every internal node is a series or a parallel
combination of the edges below it. :func:`decompose` finds it with a worklist of
nodes of degree at most two (parallel edges merged as they meet), so its cost is
linear in the edges, and nothing is symbolic until the tree is complete.

:func:`nested_resistance` writes the tree as a ladder is read,
``R₁ + 1/(1/S₁ + 1/(R₂ + …))``: a series group is one ``Add`` of its members and a
parallel group the reciprocal of the sum of reciprocals, so every subexpression occurs
once and the size grows linearly with the edges. Nothing is expanded, cancelled or
put over a common denominator (``R₁R₂/(R₁+R₂)`` writes each branch twice, which
doubles the size per rung of a ladder). Reciprocals of sums are built unevaluated:
evaluating them asks SymPy's assumptions about the whole branch below, which grows
quadratically and, past about fifty rungs, overflows the recursion limit. They are
the same objects evaluation would give.

:func:`divider_solution` gives every potential by voltage dividers from the terminals
inwards, ``φ_j = φ_t + (φ_s − φ_t) Q_j / R_group`` with ``Q_j`` the resistance ahead
along a series group, reusing the shared subexpressions (a DAG of linear size). Products
that hold such a reciprocal are built unevaluated too (a SymPy product rebuilds its
powers evaluated).

Examples
--------
>>> import sympy
>>> R1, R2, S1, S2 = sympy.symbols("R_1 R_2 S_1 S_2", positive=True)
>>> edges = [("t0", "t1", R1), ("t1", "g", S1), ("t1", "t2", R2), ("t2", "g", S2)]
>>> tree = decompose(edges, ("t0", "g"))
>>> nested_resistance(tree)
R_1 + 1/(1/(R_2 + S_2) + 1/S_1)
>>> phi, flux = divider_solution(tree, sympy.Symbol("V"), 0)
>>> sympy.cancel(phi["t2"] - sympy.Symbol("V") * S1 * S2 / (R1 * R2 + R1 * S1 + R1 * S2
...                                                           + R2 * S1 + S1 * S2))
0
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import sympy

__all__ = ["FLAT_PREFIX_MAX", "Decomposition", "decompose", "divider_potentials",
           "divider_solution", "nested_resistance", "prefix_sums", "textbook_size"]

#: Longest series group whose partial sums are written out flat; longer ones share
#: blocks of ``2^k`` consecutive terms (a flat sum per junction is quadratic in all).
FLAT_PREFIX_MAX = 64


class _Leaf:
    __slots__ = ("index", "r", "u", "v")

    def __init__(self, u, v, r, index):
        self.u, self.v, self.r, self.index = u, v, r, index


class _Series:
    __slots__ = ("first", "middle", "second", "u", "v")

    def __init__(self, u, v, first, second, middle):
        # ``first`` joins u to middle, ``second`` joins middle to v
        self.u, self.v, self.first, self.second, self.middle = u, v, first, second, middle


class _Parallel:
    __slots__ = ("first", "second", "u", "v")

    def __init__(self, u, v, first, second):
        self.u, self.v, self.first, self.second = u, v, first, second


@dataclass
class Decomposition:
    """The series–parallel tree between ``terminals``, the branches that lead nowhere
    (``(node, attached to, branch)``, in the order they were cut), and the number of
    edges."""

    root: object
    terminals: tuple
    dangling: list
    edges: int
    _memo: dict = field(default_factory=dict, repr=False)


def decompose(edges: Sequence[tuple], terminals: tuple, keep: Sequence[Hashable] = ()
              ) -> Decomposition | None:
    """The series–parallel tree of ``edges`` (``(u, v, resistance)``) between the two
    ``terminals``, or None when the network does not reduce to one edge (a bridge).

    ``keep`` are nodes never eliminated (other fixed potentials, sources). A node of
    degree one that is not kept is cut off (its branch carries no flux). Cost: linear
    in the edges.

    >>> decompose([("a", "m", 1), ("m", "b", 2), ("a", "b", 3)], ("a", "b")).edges
    3
    >>> decompose([("a", "m", 1), ("m", "b", 2), ("a", "n", 3), ("n", "b", 4),
    ...            ("m", "n", 5)], ("a", "b")) is None
    True
    """
    a, b = terminals
    protected = {a, b, *keep}
    adjacent: dict = {}

    def join(c):
        old = adjacent.setdefault(c.u, {}).get(c.v)
        if old is not None:
            c = _Parallel(c.u, c.v, old, c)
        adjacent[c.u][c.v] = c
        adjacent.setdefault(c.v, {})[c.u] = c

    count = 0
    for index, (u, v, r) in enumerate(edges):
        count += 1
        if u != v:  # a self-loop carries no flux
            join(_Leaf(u, v, r, index))
    dangling: list = []
    todo = [n for n, row in adjacent.items() if n not in protected and len(row) <= 2]
    while todo:
        m = todo.pop()
        row = adjacent.get(m)
        if row is None or m in protected or len(row) > 2:
            continue
        del adjacent[m]
        for x in row:
            del adjacent[x][m]
        if len(row) == 1:
            ((x, c),) = row.items()
            dangling.append((m, x, c))
            todo.append(x)
        elif len(row) == 2:
            (x, c1), (y, c2) = row.items()
            join(_Series(x, y, c1, c2, m))
            todo.extend((x, y))
    left = sum(len(row) for row in adjacent.values())
    if left == 2 and b in adjacent.get(a, {}):
        return Decomposition(adjacent[a][b], (a, b), dangling, count)
    return None


def _reciprocal(x: sympy.Expr) -> sympy.Expr:
    # unevaluated for a sum: evaluating would query the assumptions of the whole branch
    # (see the module docstring); for a sum the result is the same object
    return sympy.Pow(x, -1, evaluate=False) if x.is_Add else 1 / x


def _product(*factors) -> sympy.Expr:
    """A product built without evaluation (a product with ``1/Σ`` in it would rebuild
    the power evaluated): numbers multiplied out, nested products flattened."""
    coeff, rest = sympy.Integer(1), []
    for f in factors:
        for x in sympy.Mul.make_args(f):
            if x.is_Number:
                coeff *= x
            else:
                rest.append(x)
    if coeff == 0 or not rest:
        return coeff
    if coeff != 1:
        rest.insert(0, coeff)
    return rest[0] if len(rest) == 1 else sympy.Mul._from_args(rest)


def _negative(x: sympy.Expr) -> sympy.Expr:
    """``-x`` term by term, without evaluating a product (see :func:`_product`)."""
    if x.is_Add:
        return sympy.Add(*map(_negative, x.args))
    return _product(-1, x)


def _difference(x: sympy.Expr, y: sympy.Expr) -> sympy.Expr:
    return x if y == 0 else sympy.Add(x, _negative(y))


def _sum(x: sympy.Expr, y: sympy.Expr) -> sympy.Expr:
    return y if x == 0 else sympy.Add(x, y)


def _members(c, kind) -> list:
    """The members of the group of ``kind`` (series or parallel) rooted at ``c``."""
    out, stack = [], [c]
    while stack:
        x = stack.pop()
        if type(x) is kind:
            stack.extend((x.second, x.first))
        else:
            out.append(x)
    return out


def _path(c, start) -> list:
    """The members of the series group ``c`` in order from ``start``: ``(member, from,
    to)``."""
    out, stack = [], [(c, start)]
    while stack:
        x, s = stack.pop()
        if type(x) is _Series:
            if s == x.u:
                stack.extend(((x.second, x.middle), (x.first, x.u)))
            else:
                stack.extend(((x.first, x.middle), (x.second, x.v)))
        else:
            out.append((x, s, x.v if x.u == s else x.u))
    return out


def _resistance(c, memo: dict) -> sympy.Expr:
    """The nested expression of ``c``, built bottom up without recursion; memoised by
    node so that every group is built once."""
    stack = [(c, False)]
    while stack:
        x, ready = stack.pop()
        if id(x) in memo:
            continue
        if type(x) is _Leaf:
            memo[id(x)] = x.r
            continue
        members = _members(x, type(x))
        if not ready:
            stack.append((x, True))
            stack.extend((m, False) for m in members if id(m) not in memo)
            continue
        values = [memo[id(m)] for m in members]
        memo[id(x)] = (sympy.Add(*values) if type(x) is _Series
                       else _reciprocal(sympy.Add(*map(_reciprocal, values))))
    return memo[id(c)]


def nested_resistance(tree: Decomposition) -> sympy.Expr:
    """The resistance between the terminals as a continued fraction (see the module
    docstring): linear in size, nothing expanded.

    >>> R1, R2, R3 = sympy.symbols("R_1:4", positive=True)
    >>> nested_resistance(decompose([("a", "m", R1), ("m", "b", R2), ("m", "b", R3)],
    ...                             ("a", "b")))
    R_1 + 1/(1/R_3 + 1/R_2)
    """
    return _resistance(tree.root, tree._memo)


def textbook_size(tree: Decomposition, cap: int = 10**9) -> int:
    """The tree size of the textbook form ``R₁R₂/(R₁+R₂)`` (exact for two members,
    an estimate for more): a parallel group of ``k`` writes each member ``k`` times,
    once in the product and once in each term of the sum that leaves another out;
    at most ``cap``.

    >>> textbook_size(decompose([("a", "b", 1), ("a", "b", 2)], ("a", "b")))
    7
    """
    size: dict = {}
    stack = [(tree.root, False)]
    while stack:
        x, ready = stack.pop()
        if id(x) in size:
            continue
        if type(x) is _Leaf:
            size[id(x)] = 1
            continue
        members = _members(x, type(x))
        if not ready:
            stack.append((x, True))
            stack.extend((m, False) for m in members)
            continue
        total = sum(size[id(m)] for m in members)
        k = len(members)
        size[id(x)] = min(cap, 1 + total if type(x) is _Series else k * total + 3)
    return size[id(tree.root)]


def prefix_sums(terms: Sequence[sympy.Expr]) -> list:
    """``[t₁, t₁ + t₂, …, t₁ + … + tₘ]``: flat sums up to :data:`FLAT_PREFIX_MAX` terms;
    past that, unevaluated sums of shared blocks of ``2^k`` consecutive terms (a Fenwick
    tree), so the total size is ``O(m log m)`` instead of ``O(m²)`` and the nesting
    depth ``O(log m)``.

    >>> x = sympy.symbols("x:3")
    >>> prefix_sums(x)
    [x0, x0 + x1, x0 + x1 + x2]
    >>> big = sympy.symbols("y:100")
    >>> sympy.expand(prefix_sums(big)[70] - sympy.Add(*big[:71]))
    0
    """
    terms = list(terms)
    if len(terms) <= FLAT_PREFIX_MAX:
        return [sympy.Add(*terms[:j]) for j in range(1, len(terms) + 1)]
    node: dict = {}

    def block(level, i):  # terms i·2^level .. (i+1)·2^level − 1
        if level == 0:
            return terms[i]
        if (level, i) not in node:
            node[level, i] = sympy.Add._from_args((block(level - 1, 2 * i),
                                                  block(level - 1, 2 * i + 1)))
        return node[level, i]

    out = []
    for j in range(1, len(terms) + 1):
        parts, pos = [], 0
        for level in range(j.bit_length() - 1, -1, -1):
            if j >> level & 1:
                parts.append(block(level, pos >> level))
                pos += 1 << level
        out.append(parts[0] if len(parts) == 1 else sympy.Add._from_args(parts))
    return out


def divider_potentials(start, drop, total, terms: Sequence[sympy.Expr]) -> list:
    """The potentials after each of ``terms`` but the last along a series group:
    ``start − drop·P_j/total`` with ``P_j`` from :func:`prefix_sums`.

    >>> R1, R2, V = sympy.symbols("R_1 R_2 V", positive=True)
    >>> divider_potentials(V, V, R1 + R2, [R1, R2])
    [-R_1*V/(R_1 + R_2) + V]
    """
    terms, inverse = list(terms)[:-1], _reciprocal(total)
    if len(terms) <= FLAT_PREFIX_MAX:
        return [start - drop * p * inverse for p in prefix_sums(terms)]
    # built unevaluated: ten thousand evaluated products cost seconds, and a numeric
    # drop times a sum would be distributed over it
    return [_difference(start, _product(drop, p, inverse)) for p in prefix_sums(terms)]


def divider_solution(tree: Decomposition, phi_a, phi_b) -> tuple[dict, dict]:
    """Every node's potential and every edge's flux with the terminals at ``phi_a`` and
    ``phi_b``: ``({node: φ}, {edge index: flux u → v as the edge was given})``.

    Potentials follow from the terminals inwards by voltage dividers along each series
    group from ``s`` to ``t``, ``φ_j = φ_t + (φ_s − φ_t) Q_j / R_group`` with ``Q_j`` the
    resistance still ahead (on a ladder grounded at ``t``, the product
    ``φ_k = V Π_{i≤k} Z_i / X_i``, linear in size as a tree too); a parallel group's
    members share its ends; a branch that leads nowhere sits at the potential where it
    hangs and carries nothing.

    >>> R1, R2, V = sympy.symbols("R_1 R_2 V", positive=True)
    >>> phi, flux = divider_solution(decompose([("a", "m", R1), ("m", "b", R2)],
    ...                                         ("a", "b")), V, 0)
    >>> phi["m"], flux[0]
    (R_2*V/(R_1 + R_2), V/(R_1 + R_2))
    """
    a, b = tree.terminals
    phi = {a: sympy.sympify(phi_a), b: sympy.sympify(phi_b)}
    flux: dict = {}
    memo = tree._memo

    def through(s, t, c):
        return _product(_difference(phi[s], phi[t]), _reciprocal(_resistance(c, memo)))

    stack = [(tree.root, a, b, through(a, b, tree.root))]
    while stack:
        c, s, t, current = stack.pop()  # ``current`` flows from s to t through c
        if type(c) is _Leaf:
            flux[c.index] = current if c.u == s else _negative(current)
        elif type(c) is _Parallel:
            stack.extend((m, s, t, through(s, t, m)) for m in _members(c, _Parallel))
        else:
            path = _path(c, s)
            drop = _difference(phi[s], phi[t])
            inverse = _reciprocal(_resistance(c, memo))
            # the resistance still ahead after each junction, from t back towards s
            ahead = prefix_sums([_resistance(m, memo) for m, _, _ in reversed(path[1:])])
            for (_, _, y), q in zip(path, reversed(ahead), strict=False):
                phi[y] = _sum(phi[t], _product(drop, q, inverse))
            stack.extend((m, x, y, current) for m, x, y in path)
    for m, x, c in reversed(tree.dangling):
        phi[m] = phi[x]
        stack = [c]
        while stack:
            e = stack.pop()
            if type(e) is _Leaf:
                flux[e.index] = sympy.Integer(0)
            else:
                if type(e) is _Series:
                    phi[e.middle] = phi[x]
                stack.extend((e.first, e.second))
    return phi, flux

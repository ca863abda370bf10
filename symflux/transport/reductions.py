"""Series and parallel reductions, so that results read as a textbook prints them.

Between two terminals, parallel edges combine as ``R₁R₂/(R₁+R₂)`` and a node of
degree two (not a terminal, no source) joins its two edges in series as
``R₁ + R₂``; an edge that leads nowhere carries no flux. When the network
reduces to one edge, its nested expression is the effective resistance, printed
as sums and products instead of one expanded fraction; a large one as a continued
fraction (:mod:`symflux.transport.continued`). When the network is a
chain of such groups between two fixed potentials, each interface potential is
the upstream potential minus the drop over the partial sum of the resistances.
"""

from __future__ import annotations

import sympy

from symflux.transport.continued import decompose, nested_resistance, textbook_size

__all__ = ["TEXTBOOK_MAX_EDGES", "TEXTBOOK_MAX_SIZE", "chain", "parallel", "series",
           "series_parallel"]

TEXTBOOK_MAX_EDGES = 64
"""Most edges for which the textbook form is built (its passes are quadratic)."""

TEXTBOOK_MAX_SIZE = 2000
"""Largest tree size of the textbook form (an 8-rung ladder's is 1273, a 9-rung's 2553);
beyond it the continued fraction is returned."""


def parallel(resistances) -> sympy.Expr:
    """Resistances in parallel: ``R₁R₂/(R₁+R₂)`` for two, ``1/Σ(1/Rᵢ)`` cancelled for more.

    >>> R1, R2 = sympy.symbols("R_1 R_2", positive=True)
    >>> parallel([R1, R2])
    R_1*R_2/(R_1 + R_2)
    """
    resistances = list(resistances)
    if len(resistances) == 1:
        return resistances[0]
    product = sympy.Mul(*resistances)
    return product / sympy.Add(*(product / r for r in resistances))


def series(resistances) -> sympy.Expr:
    """Resistances in series: their sum.

    >>> series(sympy.symbols("R_1 R_2", positive=True))
    R_1 + R_2
    """
    return sympy.Add(*resistances)


def _merge_parallel(edges: list) -> list:
    groups: dict = {}
    for u, v, r, members in edges:
        groups.setdefault(frozenset((u, v)), []).append((u, v, r, members))
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
        else:
            u, v = group[0][0], group[0][1]
            out.append((u, v, parallel(g[2] for g in group),
                        tuple(m for g in group for m in g[3])))
    return out


def series_parallel(edges, terminals, keep=()) -> sympy.Expr | None:
    """The effective resistance between two terminals by series/parallel reduction.

    Parameters
    ----------
    edges : iterable of (u, v, resistance)
    terminals : (a, b)
    keep : iterable
        Nodes that must not be eliminated (sources, other fixed potentials).

    Returns
    -------
    sympy.Expr or None
        The nested expression, or None when the network is not series–parallel
        between the terminals (a bridge). A small network gets the textbook form
        ``R₁R₂/(R₁+R₂)``; past :data:`TEXTBOOK_MAX_EDGES` edges, or when that form
        would pass :data:`TEXTBOOK_MAX_SIZE` nodes (it doubles per rung of a ladder),
        the continued fraction ``R₁ + 1/(1/S₁ + 1/(R₂ + …))`` of
        :func:`~symflux.transport.continued.nested_resistance`, linear in size.

    Notes
    -----
    The decomposition is found in time linear in the edges
    (:func:`~symflux.transport.continued.decompose`); the textbook form is then
    rebuilt by the reduction passes that always made it, quadratic but only ever
    run on small networks.

    Examples
    --------
    >>> R1, R2, R3 = sympy.symbols("R_1 R_2 R_3", positive=True)
    >>> series_parallel([("a", "m", R1), ("m", "b", R2), ("m", "b", R3)], ("a", "b"))
    R_1 + R_2*R_3/(R_2 + R_3)
    """
    edges = list(edges)
    tree = decompose(edges, terminals, keep)
    if tree is None:
        return None
    if len(edges) <= TEXTBOOK_MAX_EDGES and textbook_size(tree) <= TEXTBOOK_MAX_SIZE:
        return _textbook(edges, terminals, keep)
    return nested_resistance(tree)


def _textbook(edges, terminals, keep) -> sympy.Expr | None:
    """The reduction passes behind the textbook form (one series step per pass)."""
    a, b = terminals
    protected = {a, b, *keep}
    work = [(u, v, r, ()) for u, v, r in edges]
    changed = True
    while changed:
        changed = False
        merged = _merge_parallel(work)
        changed |= len(merged) != len(work)
        work = merged
        degree: dict = {}
        for u, v, _, _ in work:
            degree[u] = degree.get(u, 0) + 1
            degree[v] = degree.get(v, 0) + 1
        for node, d in degree.items():
            if node in protected:
                continue
            touching = [e for e in work if node in e[:2]]
            if d == 1:
                work.remove(touching[0])
                changed = True
                break
            if d == 2:
                (u1, v1, r1, _), (u2, v2, r2, _) = touching
                far1 = v1 if u1 == node else u1
                far2 = v2 if u2 == node else u2
                work = [e for e in work if e not in touching]
                work.append((far1, far2, series([r1, r2]), ()))
                changed = True
                break
    if len(work) == 1 and {work[0][0], work[0][1]} == {a, b}:
        return work[0][2]
    return None


def chain(edges, a, b) -> list | None:
    """The groups of a chain from ``a`` to ``b``: ``[(u, v, R_group, members), ...]`` in order.

    After parallel edges are merged, the network must be a simple path from ``a``
    to ``b``; otherwise None.

    >>> R1, R2 = sympy.symbols("R_1 R_2", positive=True)
    >>> [g[:3] for g in chain([("a", "m", R1), ("m", "b", R2)], "a", "b")]
    [('a', 'm', R_1), ('m', 'b', R_2)]
    """
    work = _merge_parallel([(u, v, r, ((u, v, r),)) for u, v, r in edges])
    neighbours: dict = {}
    for e in work:
        neighbours.setdefault(e[0], []).append(e)
        neighbours.setdefault(e[1], []).append(e)
    if any(len(es) > 2 for es in neighbours.values()) or len(neighbours.get(a, [])) != 1:
        return None
    out, node, used = [], a, set()
    while node != b:
        nxt = [e for e in neighbours[node] if id(e) not in used]
        if len(nxt) != 1:
            return None
        e = nxt[0]
        used.add(id(e))
        far = e[1] if e[0] == node else e[0]
        out.append((node, far, e[2], e[3]))
        node = far
    return out if len(out) == len(work) else None

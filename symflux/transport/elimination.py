r"""Nested closed forms of resistor networks by node elimination (star–mesh transforms).

Eliminating a free node ``k`` from Kirchhoff's equations (a Schur complement of the
conductance Laplacian) joins every pair of its neighbours by the conductance
``g_ik g_kj / S_k`` (``S_k = Σ_j g_kj``), moves its source ``s_k`` to them in the
proportions ``g_ik / S_k``, and leaves ``φ_k = (Σ_j g_kj φ_j + s_k) / S_k`` for back
substitution. A node with two neighbours is eliminated in series,
``1/(1/g_ik + 1/g_kj)``, so that ladders and chains give continued fractions whose size
grows linearly with the network. Nodes go in order of least degree.

Each new conductance is a SymPy expression built from the ones before it, so the
results share their subexpressions (a DAG): the form is small in memory even where
its expansion would have billions of terms. Walking it as a tree (printing,
``free_symbols``, ``xreplace``, ``lambdify``) still costs its tree size, which for a
network that is not series–parallel grows exponentially with the number of
eliminations; :func:`tree_size` measures it.

Examples
--------
>>> import sympy
>>> R1, R2, R3 = sympy.symbols("R_1:4", positive=True)
>>> g, _ = eliminate(["a", "m", "b"], [("a", "m", R1), ("m", "b", R2), ("a", "b", R3)],
...                  keep=["a", "b"])
>>> sympy.simplify(1 / g["a", "b"] - R3 * (R1 + R2) / (R1 + R2 + R3))
0
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

import sympy

__all__ = ["back_substitute", "dag_size", "eliminate", "tree_size"]


def eliminate(nodes: Sequence, edges: Sequence[tuple], keep: Sequence, sources: Mapping
              | None = None) -> tuple[dict, list]:
    """Eliminate every node not in ``keep``; return the conductances left between kept
    nodes (``{(u, v): g}``, both orders) and the eliminations, in order, for
    :func:`back_substitute`.

    ``edges`` are ``(u, v, resistance)``; parallel edges add their conductances.
    Sources at eliminated nodes are carried to their neighbours; the last record,
    ``("sources", {node: source})``, holds what reached the kept nodes.
    """
    keep = set(keep)
    adjacent: dict = {n: {} for n in nodes}
    for u, v, r in edges:
        g = 1 / r
        adjacent[u][v] = adjacent[u].get(v, 0) + g
        adjacent[v][u] = adjacent[v].get(u, 0) + g
    source = {n: sympy.sympify(s) for n, s in (sources or {}).items() if s != 0}
    heap = [(len(adjacent[n]), i, n) for i, n in enumerate(nodes) if n not in keep]
    heapq.heapify(heap)
    rank = {n: i for i, n in enumerate(nodes)}
    done: set = set()
    records = []
    while heap:
        degree, _, k = heapq.heappop(heap)
        if k in done or degree != len(adjacent[k]):
            continue  # a stale entry: the node was eliminated or its degree changed
        done.add(k)
        star = adjacent.pop(k)
        s_k = source.pop(k, sympy.Integer(0))
        total = sympy.Add(*star.values())
        records.append((k, star, s_k, total))
        neighbours = sorted(star, key=rank.__getitem__)
        for j in neighbours:
            del adjacent[j][k]
            if s_k != 0:
                source[j] = source.get(j, 0) + s_k * star[j] / total
        for x, i in enumerate(neighbours):
            for j in neighbours[x + 1:]:
                if len(star) == 2:
                    added = 1 / (1 / star[i] + 1 / star[j])   # series: linear size
                else:
                    added = star[i] * star[j] / total
                g = adjacent[i].get(j, 0) + added
                adjacent[i][j] = adjacent[j][i] = g
        for j in neighbours:
            if j not in keep:
                heapq.heappush(heap, (len(adjacent[j]), rank[j], j))
    left = {(u, v): g for u, row in adjacent.items() for v, g in row.items()}
    records.append(("sources", source))
    return left, records


def back_substitute(records: list, fixed: Mapping) -> dict:
    """The potential of every eliminated node, from the last eliminated back to the first.

    ``fixed`` gives the potentials of the kept nodes; each eliminated node's potential
    is the conductance-weighted mean of its neighbours' at the time it was eliminated,
    plus its source over ``S_k``.
    """
    phi = dict(fixed)
    *eliminated, (_, left_sources) = records
    if any(s != 0 for n, s in left_sources.items() if n not in fixed):
        raise ValueError("a source was left at a node that is neither fixed nor eliminated")
    for k, star, s_k, total in reversed(eliminated):
        phi[k] = (sympy.Add(*(g * phi[j] for j, g in star.items())) + s_k) / total
    return phi


def tree_size(expr: sympy.Basic) -> int:
    """The number of nodes of ``expr`` walked as a tree (what printing costs), counted on
    the DAG with memoisation, without recursion.

    >>> x = sympy.Symbol("x")
    >>> y = x + 1
    >>> tree_size(y), tree_size(y * (x + 2))
    (3, 7)
    """
    size: dict = {}
    stack = [expr]
    while stack:
        e = stack[-1]
        if e in size:
            stack.pop()
            continue
        pending = [a for a in e.args if a not in size]
        if pending:
            stack.extend(pending)
            continue
        stack.pop()
        size[e] = 1 + sum(size[a] for a in e.args)
    return size[expr]


def dag_size(*exprs: sympy.Basic) -> int:
    """The number of distinct nodes of ``exprs`` (what memory and a DAG walk cost): each
    shared subexpression counted once, without recursion.

    >>> x = sympy.Symbol("x")
    >>> y = x + 1
    >>> e = y * sympy.exp(y)
    >>> dag_size(e), tree_size(e)
    (5, 8)
    """
    seen: set = set()
    stack = list(exprs)
    while stack:
        e = stack.pop()
        if e not in seen:
            seen.add(e)
            stack.extend(e.args)
    return len(seen)

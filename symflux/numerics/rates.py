"""Edge rates of a graph at many parameter points at once.

Each edge's ``rate`` expression is evaluated at every point as one array operation:
a rate that is a symbol is looked up, any other rate is compiled once with
``sympy.lambdify`` over its own (few) symbols. Values are matched to symbols by
name, so a symbol declared real and one declared positive with the same name get
the same value.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
import sympy

from symflux.errors import RateError, ValidationError
from symflux.parsing.values import to_expr

__all__ = ["by_name", "edge_rates", "evaluate_at"]


def by_name(values: Mapping) -> dict:
    """``{canonical name: float array}`` from values keyed by symbols or names (``k_12``)."""
    from symflux.parsing import symbol

    return {(k.name if isinstance(k, sympy.Symbol) else symbol(str(k)).name):
            np.asarray(v, dtype=float) for k, v in values.items()}


def evaluate_at(expr, names: Mapping, what: str) -> np.ndarray:
    """An expression's value at every point (``names``: name → array)."""
    if isinstance(expr, str):
        from symflux.parsing import parse_expression

        expr = parse_expression(expr)
    expr = to_expr(expr)
    if expr.is_Symbol:
        if expr.name not in names:
            raise ValidationError(f"no value for {expr.name} in {what}")
        return names[expr.name]
    free = sorted(expr.free_symbols, key=lambda s: s.name)
    missing = [s.name for s in free if s.name not in names]
    if missing:
        raise ValidationError(f"no value for {', '.join(missing)} in {what}")
    if not free:
        return np.asarray(float(expr))
    f = sympy.lambdify(free, expr, modules="numpy")
    with np.errstate(all="ignore"):
        return np.asarray(f(*(names[s.name] for s in free)), dtype=float)


def edge_rates(G: nx.MultiDiGraph, values: Mapping, rate: str = "rate"):
    """``(edges, k)``: the edges ``(u, v, key)`` and their rates, ``k[e, p]``.

    >>> from symflux import kinetic_graph
    >>> edges, k = edge_rates(kinetic_graph(["1 <-> 2"]), {"k_12": [1.0, 2.0], "k_21": 3.0})
    >>> edges, k.tolist()
    ([('1', '2', 0), ('2', '1', 0)], [[1.0, 2.0], [3.0, 3.0]])
    """
    names = by_name(values)
    sizes = {np.size(v) for v in names.values() if np.ndim(v)}
    P = max(sizes, default=1)
    items = G.edges(keys=True, data=True) if G.is_multigraph() else (
        (u, v, 0, d) for u, v, d in G.edges(data=True))
    edges, rows = [], []
    for u, v, key, data in items:
        if data.get(rate) is None:
            raise RateError(f"edge {u} → {v} has no {rate!r} attribute")
        edges.append((u, v, key))
        rows.append(np.broadcast_to(evaluate_at(data[rate], names, f"the rate of {u} → {v}"),
                                    (P,)))
    return edges, (np.array(rows, dtype=float) if rows else np.zeros((0, P)))

"""Stationary distributions of kinetic schemes by linear algebra on numbers."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
import scipy.linalg
import sympy

from symflux.errors import GraphError, RateError, SymfluxError, ValidationError
from symflux.numerics.gth import gth_points

__all__ = ["channel_fluxes", "drawing_fluxes", "generator_matrix", "numeric_rates",
           "stationary_distribution", "tree_weights"]


def _symbol_values(values: Mapping) -> dict:
    from symflux.parsing import symbol

    return {k if isinstance(k, sympy.Symbol) else symbol(str(k)): v for k, v in values.items()}


def numeric_rates(G: nx.MultiDiGraph, values: Mapping, rate: str = "rate") -> dict:
    """Every edge's rate as a float: ``(u, v, key) → k``.

    ``values`` maps symbols (or their names, e.g. ``"k_12"``) to numbers.

    >>> from symflux import kinetic_graph
    >>> numeric_rates(kinetic_graph(["1 <-> 2"]), {"k_12": 2, "k_21": 3})
    {('1', '2', 0): 2.0, ('2', '1', 0): 3.0}
    """
    subs = _symbol_values(values)
    out, missing = {}, set()
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else (
        (u, v, 0, d) for u, v, d in G.edges(data=True))
    for u, v, key, data in edges:
        r = data.get(rate)
        if r is None:
            raise RateError(f"edge {u} → {v} has no {rate!r} attribute")
        if isinstance(r, int | float | np.integer | np.floating) and not isinstance(r, bool):
            out[(u, v, key)] = float(r)  # a number already: no SymPy round trip
            continue
        from symflux.parsing.values import to_expr

        expr = to_expr(r, what=f"the rate of edge {u} → {v}")
        if isinstance(expr, sympy.Symbol) and expr in subs:  # the usual k_{ij}: no subs
            value = sympy.sympify(subs[expr])
        else:  # only this rate's own symbols: subs of every value is O(len(values))
            value = expr.subs({s: subs[s] for s in expr.free_symbols if s in subs})
        if value.free_symbols:
            missing |= value.free_symbols
            continue
        out[(u, v, key)] = float(value)
    if missing:
        raise ValidationError(
            f"no value for {', '.join(sorted(map(str, missing)))}: every rate needs one")
    return out


def generator_matrix(G: nx.MultiDiGraph, values: Mapping, rate: str = "rate"):
    """The generator ``Q`` (``Q[i, j]`` = rate i → j, rows sum to zero) and the states.

    >>> from symflux import kinetic_graph
    >>> Q, states = generator_matrix(kinetic_graph(["1 <-> 2"]), {"k_12": 2, "k_21": 3})
    >>> Q.tolist(), states
    ([[-2.0, 2.0], [3.0, -3.0]], ['1', '2'])
    """
    states = list(G.nodes)
    index = {s: i for i, s in enumerate(states)}
    Q = np.zeros((len(states), len(states)))
    for (u, v, _), k in numeric_rates(G, values, rate).items():
        Q[index[u], index[v]] += k
    Q -= np.diag(Q.sum(axis=1))
    return Q, states


def tree_weights(G: nx.MultiDiGraph, values: Mapping, rate: str = "rate") -> dict:
    """Each state's sum of directional diagrams, as numbers, by state reduction.

    The weight of the first state is the determinant of the Laplacian minor (the
    product of the GTH pivots); the others follow from ``w_i / w_1 = p_i / p_1``.

    >>> from symflux import kinetic_graph
    >>> w = tree_weights(kinetic_graph(["1 <-> 2"]), {"k_12": 2, "k_21": 3})
    >>> {s: round(x, 12) for s, x in w.items()}
    {'1': 3.0, '2': 2.0}
    """
    Q, states = generator_matrix(G, values, rate)
    if len(states) == 1:
        return {states[0]: 1.0}
    (p,), (det,) = gth_points(Q[None])
    return {s: float(det * x / p[0]) for s, x in zip(states, p.tolist(), strict=True)}


def _closed_class(Q: np.ndarray) -> np.ndarray:
    """Indices of the one closed class of the generator (transient states carry no
    stationary probability); a GraphError when there are several."""
    from scipy.sparse.csgraph import connected_components

    n, labels = connected_components(Q != 0, directed=True, connection="strong")
    if n == 1:
        return np.arange(len(Q))
    leaves = [c for c in range(n) if not (Q[np.ix_(labels == c, labels != c)] != 0).any()]
    if len(leaves) != 1:
        raise GraphError(f"the scheme has {len(leaves)} closed classes: its stationary "
                         "distribution depends on the start")
    return np.flatnonzero(labels == leaves[0])


def stationary_distribution(
    G: nx.MultiDiGraph, values: Mapping, rate: str = "rate", method: str = "gth"
) -> dict:
    """The stationary distribution of a kinetic scheme with numeric rates.

    Parameters
    ----------
    method : {"gth", "svd"}
        ``"gth"``: state reduction (Grassmann–Taksar–Heyman), subtraction-free and
        accurate for rates spanning many decades; ``"svd"``: the null vector of
        ``Qᵀ`` from a singular value decomposition.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> p = stationary_distribution(kinetic_graph(["1 <-> 2"]), {"k_12": 1, "k_21": 3})
    >>> {s: round(x, 12) for s, x in p.items()}
    {'1': 0.75, '2': 0.25}
    """
    Q, states = generator_matrix(G, values, rate)
    if len(states) == 1:
        return {states[0]: 1.0}
    if method == "gth":
        closed = _closed_class(Q)  # all states when irreducible
        p = np.zeros(len(states))
        p[closed] = gth_points(Q[np.ix_(closed, closed)][None])[0][0] if len(closed) > 1 else 1.0
    elif method == "svd":
        null = scipy.linalg.null_space(Q.T)
        if null.shape[1] != 1:
            raise GraphError(f"the generator has a {null.shape[1]}-dimensional null space")
        p = np.abs(null[:, 0]) / np.abs(null[:, 0]).sum()
    else:
        raise ValidationError(f"method must be 'gth' or 'svd', not {method!r}")
    return dict(zip(states, p.tolist(), strict=True))


def channel_fluxes(G: nx.MultiDiGraph, values: Mapping, rate: str = "rate") -> dict:
    """Net steady-state flux ``u → v`` of every channel ``(u, v, key)``, numerically.

    The stationary distribution comes from state reduction, not from any closed form:
    ``J = p_u k_uv − p_v k_vu`` for the two edges of a channel (the forward and backward
    edges of one transition share a key).

    >>> import symflux as sf
    >>> G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    >>> J = channel_fluxes(G, {"k_12": 2.0, "k_23": 2.0, "k_31": 2.0,
    ...                        "k_21": 1.0, "k_32": 1.0, "k_13": 1.0})
    >>> [round(J[c], 12) for c in sorted(J)]   # channels 1-2, 1-3, 2-3
    [0.333333333333, -0.333333333333, 0.333333333333]
    """
    k = numeric_rates(G, values, rate)
    p = stationary_distribution(G, values, rate)
    out: dict = {}
    for (u, v, key), value in k.items():
        channel = (u, v, key) if (v, u, key) not in out else (v, u, key)
        sign = 1.0 if channel == (u, v, key) else -1.0
        out[channel] = out.get(channel, 0.0) + sign * p[u] * value
    return out


def drawing_fluxes(G: nx.MultiDiGraph, point: Mapping | None) -> dict | None:
    """:func:`channel_fluxes` at ``point`` for a report's drawing (which never solves
    anything itself), or None without a point or when the point cannot be solved: a
    drawing must not cost the rest of a report."""
    if not point:
        return None
    try:
        return channel_fluxes(G, dict(point))
    except (SymfluxError, ArithmeticError, ValueError, KeyError):
        return None

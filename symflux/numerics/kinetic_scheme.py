"""A kinetic scheme solved numerically at every sample point at once.

Computed from: the graph's states and edge rates (each rate evaluated at the points),
nothing else. :class:`SolvedScheme` holds the generator ``Q`` (shape ``(P, n, n)``) and
the stationary distribution ``p`` (``(P, n)``) by one of three routes (see
:mod:`symflux.numerics.kinetic_quantities`, which computes the physical quantities from
it): stacked GTH state reduction, a stacked SVD null space, or the master equation
integrated in time.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from symflux.errors import GraphError
from symflux.numerics.gth import gth_points
from symflux.numerics.master_equation import relax_points
from symflux.numerics.outcomes import NotComputed, RouteValue
from symflux.numerics.rates import edge_rates

__all__ = ["SolvedScheme", "gth_points"]


def _svd_points(Q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    _, sv, vh = np.linalg.svd(np.swapaxes(Q, 1, 2))
    if Q.shape[1] > 1 and np.any(sv[:, -2] <= 1e-13 * sv[:, 0]):
        raise GraphError("the generator's null space is not one-dimensional at some point")
    p = np.abs(vh[:, -1, :])
    p /= p.sum(axis=1, keepdims=True)
    sign, logdet = np.linalg.slogdet(-Q[:, 1:, 1:])
    return p, sign * np.exp(logdet)


def _closed_class(G, states, index) -> list[int] | None:
    """Indices of the one closed class of a scheme that is not strongly connected (None
    when it is; a GraphError when several classes make the stationary state ambiguous)."""
    if len(states) < 2 or nx.is_strongly_connected(G):
        return None
    cond = nx.condensation(G)
    closed = [c for c in cond if cond.out_degree(c) == 0]
    if len(closed) != 1:
        raise GraphError(f"the scheme has {len(closed)} closed classes: its stationary "
                         "distribution depends on where it starts")
    return sorted(index[s] for s in cond.nodes[closed[0]]["members"])


class SolvedScheme:
    """States, edges and rates at every point; the stationary distribution by a route."""

    def __init__(self, G, values, route, rate, options):
        self.G, self.route, self.rate = G, route, rate
        self.states = list(G.nodes)
        self.index = {s: i for i, s in enumerate(self.states)}
        self.edges, self.k = edge_rates(G, values, rate)  # k: (E, P)
        # A rate that overflows (exp of a large barrier) leaves no number to solve with:
        # such a point is unconverged on every route, never a crash or a pass.
        overflow = ~np.isfinite(self.k).all(axis=0) if self.k.size else np.zeros(0, bool)
        self.overflow = overflow if overflow.any() else None
        if overflow.any():
            self.k = np.where(overflow, 1.0, self.k)
        self.at = {e: i for i, e in enumerate(self.edges)}
        n, P = len(self.states), self.k.shape[1]
        self.Q = np.zeros((P, n, n))
        for (u, v, _), k in zip(self.edges, self.k, strict=True):
            self.Q[:, self.index[u], self.index[v]] += k
        self.Q[:, np.arange(n), np.arange(n)] = -self.Q.sum(axis=2)
        self.unconverged = np.zeros(P, dtype=bool)
        self.pivots = None
        closed = _closed_class(G, self.states, self.index)
        if closed is not None and route != "ode":
            # One closed class and transient states: the linear routes solve the class,
            # the transient states carry nothing (the time route integrates it all).
            sub = np.ix_(np.arange(P), closed, closed)
            Qc = self.Q[sub].copy()
            Qc[:, np.arange(len(closed)), np.arange(len(closed))] = 0.0
            Qc[:, np.arange(len(closed)), np.arange(len(closed))] = -Qc.sum(axis=2)
            pc, _ = (gth_points(Qc) if route == "linear" else _svd_points(Qc))
            self.p = np.zeros((P, n))
            self.p[:, closed] = pc
        elif n == 1:
            self.p, self.pivots = np.ones((P, 1)), np.ones(P)
        elif route == "linear":
            self.p, self.pivots = gth_points(self.Q)
        elif route == "svd":
            self.p, self.pivots = _svd_points(self.Q)
        else:
            self.p, self.unconverged = relax_points(self.Q, **options)
        if overflow.any():
            self.unconverged = self.unconverged | overflow
            self.p = np.where(overflow[:, None], np.nan, self.p)

    def one_way(self, edge) -> np.ndarray:
        """The one-way flux ``p_u k_uv`` of ``edge`` at every point (zeros if absent)."""
        i = self.at.get(edge)
        if i is None:
            return np.zeros(self.k.shape[1])
        return self.p[:, self.index[edge[0]]] * self.k[i]

    def weights(self):
        """The tree sums ``w_i`` at every point, from the GTH pivots; NotComputed on the
        time route, which gives probabilities only."""
        if self.pivots is None:
            return NotComputed("the time route gives probabilities, not tree sums")
        return self.pivots[:, None] * self.p / self.p[:, :1]

    def value(self, v, scale) -> RouteValue:
        """``v`` at every point as a RouteValue, NaN where the route did not converge."""
        v = np.where(self.unconverged, np.nan, v)
        return RouteValue(np.asarray(v, float), np.broadcast_to(scale, v.shape).astype(float),
                          unconverged=self.unconverged, unrepresentable=self.overflow)

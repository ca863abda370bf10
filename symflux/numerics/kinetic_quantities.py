"""Physical quantities of a kinetic scheme computed from numbers alone.

Each quantity is computed from its definition (a net flux is ``p_i k_ij − p_j k_ji``
with ``p`` from a numerical solve; an affinity sums edge forces; a tree sum is a
Laplacian minor's determinant), never from a closed form. Each function returns
``(value, scale)``: the scale is a natural magnitude for relative errors (for a
net flux, the one-way fluxes), so a flux that vanishes is still judged fairly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import pairwise

import networkx as nx
import numpy as np

from symflux.numerics.linear import numeric_rates, stationary_distribution, tree_weights
from symflux.numerics.master_equation import relax_to_stationarity

__all__ = ["ROUTES", "evaluate_quantities", "rate_symbols"]

ROUTES: dict[str, Callable] = {
    "linear": lambda G, values, rate: stationary_distribution(G, values, rate, method="gth"),
    "svd": lambda G, values, rate: stationary_distribution(G, values, rate, method="svd"),
    "ode": relax_to_stationarity,
}


class Unsupported(Exception):
    """This route cannot compute this quantity."""


def _one_way(p, k, edge):
    return p[edge[0]] * k.get(edge, 0.0)


def _flux(p, k, edge):
    """Net flux a → b on channel ``key``, or through every channel when key is None."""
    a, b, key = edge
    keys = {e[2] for e in k if {e[0], e[1]} == {a, b}} if key is None else {key}
    forward = sum(_one_way(p, k, (a, b, x)) for x in keys)
    backward = sum(_one_way(p, k, (b, a, x)) for x in keys)
    return forward - backward, forward + backward


def _force(p, k, edge):
    a, b, key = edge
    forward, backward = _one_way(p, k, edge), _one_way(p, k, (b, a, key))
    if backward == 0.0:
        return np.inf
    return float(np.log(forward / backward))


def evaluate_quantities(
    G: nx.MultiDiGraph, quantities: Mapping, values: Mapping, route: str = "linear",
    rate: str = "rate",
) -> dict:
    """Compute each named quantity by the given route: name → ``(value, scale)``.

    Quantities the route cannot compute map to ``None``.

    >>> from symflux import kinetic_graph
    >>> from symflux.derivation import Quantity
    >>> G = kinetic_graph(["1 <-> 2"])
    >>> out = evaluate_quantities(G, {"p": Quantity("probability", ("1",))},
    ...                           {"k_12": 1, "k_21": 3})
    >>> round(out["p"][0], 12)
    0.75
    """
    p = ROUTES[route](G, values, rate)
    k = numeric_rates(G, values, rate)
    weights = None
    out = {}
    for name, q in quantities.items():
        try:
            if q.kind == "probability":
                out[name] = (p[q.args[0]], 1.0)
            elif q.kind == "flux":
                out[name] = _flux(p, k, q.args)
            elif q.kind in ("tree_sum", "normalization"):
                # Kirchhoff: a state's weight is the determinant of the Laplacian
                # minor; state reduction gives it without cancellation.
                if weights is None:
                    weights = tree_weights(G, values, rate)
                value = weights[q.args[0]] if q.kind == "tree_sum" else sum(weights.values())
                out[name] = (value, abs(value))
            elif q.kind == "affinity":
                forces = [_force(p, k, e) for e in q.args[0]]
                out[name] = (float(sum(forces)), float(sum(abs(f) for f in forces)))
            elif q.kind == "entropy_production":
                out[name] = _entropy_production(p, k)
            elif q.kind == "control_coefficient":
                from symflux.numerics.perturbation import evaluate_kinetic_perturbation

                out[name] = evaluate_kinetic_perturbation(G, q, values, rate)
            elif q.kind == "stall":
                out[name] = _stall(G, values, route, rate, *q.args)
            else:
                raise Unsupported(q.kind)
        except Unsupported:
            out[name] = None
    return out


def _stall(G, values, route, rate, edge, name):
    """The value of parameter ``name`` at which the net flux on ``edge`` vanishes.

    Found by bracketing and Brent's method on the numerically solved flux.
    """
    from scipy.optimize import brentq

    key = next((k for k in values if str(k) == name), name)

    def flux(x):
        changed = dict(values)
        changed[key] = x
        with np.errstate(all="ignore"):
            try:
                p = ROUTES[route](G, changed, rate)
                value = _flux(p, numeric_rates(G, changed, rate), edge)[0]
            except (ValueError, ZeroDivisionError, OverflowError, np.linalg.LinAlgError):
                return np.nan
        return value if np.isfinite(value) else np.nan

    grid = sorted({0.0, *(s * 10.0 ** (j / 2) for s in (-1, 1) for j in range(-6, 9))})
    samples = [(x, flux(x)) for x in grid]
    samples = [(x, f) for x, f in samples if not np.isnan(f)]
    for (a, fa), (b, fb) in pairwise(samples):
        if fa == 0.0:
            return a, max(abs(a), 1.0)
        if np.sign(fa) != np.sign(fb):
            root = brentq(flux, a, b, xtol=1e-300, rtol=1e-14, maxiter=500)
            return root, max(abs(root), abs(b - a) * 1e-6)
    raise Unsupported("stall: no sign change of the flux found")


def _entropy_production(p, k):
    sigma, scale = 0.0, 0.0
    for (a, b, key) in k:
        fwd, bwd = _one_way(p, k, (a, b, key)), _one_way(p, k, (b, a, key))
        if bwd == 0.0:
            return np.inf, np.inf
        # Each reversible pair is visited from both ends; halve the sum.
        sigma += 0.5 * (fwd - bwd) * np.log(fwd / bwd)
        scale += 0.5 * (fwd + bwd) * abs(np.log(fwd / bwd))
    return sigma, scale


def rate_symbols(G, rate: str = "rate") -> set:
    """Every symbol in the rates of a kinetic scheme: what validation must give a value."""
    return {s for _, _, d in G.edges(data=True)
            for s in getattr(d.get(rate), "free_symbols", ())}


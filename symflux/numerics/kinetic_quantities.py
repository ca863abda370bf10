"""Physical quantities of a kinetic scheme, at every sample point at once, from numbers alone.

Computed from: the graph's states and edge rates (each rate evaluated at the points),
nothing else. Three routes give the stationary distribution ``p`` (shape ``(P, n)``):

- ``"linear"``: Grassmann–Taksar–Heyman state reduction of the generator, all points
  stacked (subtraction-free, accurate for rates spanning many decades); tree sums are
  the product of its pivots times ``p / p_1``.
- ``"svd"``: the null vector of ``Qᵀ`` from a stacked singular value decomposition;
  tree sums from LU determinants of Laplacian minors (``numpy.linalg.slogdet``).
- ``"ode"``: the master equation ``dp/dt = Qᵀ p`` really integrated
  (:func:`~symflux.numerics.master_equation.relax_points`, stiff, analytic Jacobian,
  per-point budget) from a random initial distribution; it gives no tree sums.

Each quantity is then computed from its definition through :data:`QUANTITIES` (a
net flux is ``p_i k_ij − p_j k_ji``; an affinity sums ``ln(J⁺/J⁻)`` of the
numerically computed one-way fluxes; σ sums ``(J⁺ − J⁻) ln(J⁺/J⁻)``; a one-way
cycle flux is ``Π k · det L[off-cycle] / Σ``), never from a closed form.

A graph whose nodes are complexes of a mass-action network (a ``species`` attribute
other than one unit of the node itself) is not read as a Markov chain over its
complexes: its entropy production is computed by the mass-action route, and
nothing else is computed here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from itertools import pairwise

import networkx as nx
import numpy as np

from symflux.errors import GraphError
from symflux.numerics.kinetic_scheme import SolvedScheme as _Scheme
from symflux.numerics.kinetic_scheme import gth_points
from symflux.numerics.outcomes import NotComputed, NotConverged, RouteValue

__all__ = ["QUANTITIES", "ROUTES", "evaluate_kinetic_points", "evaluate_quantities",
           "gth_points", "rate_symbols"]


#: The scale a probability's error is measured against, per route: GTH state reduction
#: is accurate to each entry's own size (subtraction-free), an SVD null vector and a
#: time integration only to an absolute level. Measuring against 1 would let any value
#: of a tiny probability pass.
PROBABILITY_FLOOR = {"linear": 0.0, "svd": 1e-6, "ode": 1e-6}


def _probability(m: _Scheme, state):
    floor = PROBABILITY_FLOOR.get(m.route, 1.0)
    return replace(m.value(m.p[:, m.index[state]], floor), floor=floor > 0)


def _flux(m: _Scheme, a, b, key):
    keys = {e[2] for e in m.edges if {e[0], e[1]} == {a, b}} if key is None else {key}
    fwd = sum(m.one_way((a, b, x)) for x in keys)
    bwd = sum(m.one_way((b, a, x)) for x in keys)
    return m.value(fwd - bwd, fwd + bwd)


def _tree_sum(m: _Scheme, state):
    w = m.weights()
    return w if isinstance(w, NotComputed) else m.value(w[:, m.index[state]],
                                                        np.abs(w[:, m.index[state]]))


def _normalization(m: _Scheme):
    w = m.weights()
    return w if isinstance(w, NotComputed) else m.value(w.sum(axis=1), np.abs(w.sum(axis=1)))


def _log_one_way(m: _Scheme, edge) -> tuple[np.ndarray, np.ndarray]:
    """``ln J`` of a one-way flux as ``ln p_u + ln k`` (a product of a tiny probability
    and a tiny rate underflows to 0 long before its logarithm is unrepresentable), and
    where that is -inf although the transition exists: an underflow, not a blocked step."""
    i = m.at.get(edge)
    with np.errstate(divide="ignore"):
        if i is None:
            return np.full(m.k.shape[1], -np.inf), np.zeros(m.k.shape[1], bool)
        log = np.log(m.p[:, m.index[edge[0]]]) + np.log(m.k[i])
    # An edge of the graph is a transition with a positive rate: -inf (or NaN) here is
    # a rate or probability below double precision, not a blocked step.
    return log, ~np.isfinite(log)


def _forces(m: _Scheme, edges) -> tuple[list, np.ndarray]:
    """``ln(J⁺/J⁻)`` per edge, and the points where an underflow leaves one unresolved."""
    out, lost = [], np.zeros(m.k.shape[1], bool)
    for a, b, key in edges:
        (fwd, lf), (bwd, lb) = _log_one_way(m, (a, b, key)), _log_one_way(m, (b, a, key))
        with np.errstate(invalid="ignore"):
            out.append(fwd - bwd)
        lost |= lf | lb
    return out, lost


def _unresolved(m: _Scheme, value: RouteValue, lost: np.ndarray) -> RouteValue:
    if not lost.any():
        return value
    bad = lost if value.unconverged is None else value.unconverged | lost
    return replace(value, value=np.where(lost, np.nan, value.value), unconverged=bad)


def _affinity(m: _Scheme, edges, *_setting):
    f, lost = _forces(m, edges)
    return _unresolved(m, m.value(sum(f), sum(np.abs(x) for x in f)), lost)


def _wegscheider_ratio(m: _Scheme, edges, *_setting):
    # Π J⁺/Π J⁻ = exp(Σ ln J⁺/J⁻); its relative error is the absolute error of the sum,
    # so the sum's scale carries over, measured relative to the ratio itself.
    f, lost = _forces(m, edges)
    with np.errstate(over="ignore", invalid="ignore"):
        ratio = np.exp(sum(f))
        scale = ratio * np.maximum(1.0, sum(np.abs(x) for x in f))
    return _unresolved(m, m.value(ratio, scale), lost)


def _entropy_production(m: _Scheme, *_setting):
    sigma = scale = 0.0
    for a, b, key in m.edges:
        fwd, bwd = m.one_way((a, b, key)), m.one_way((b, a, key))
        with np.errstate(divide="ignore", invalid="ignore"):
            log = np.log(fwd) - np.log(bwd)
        # each reversible pair is visited from both ends: halve the sum
        sigma = sigma + 0.5 * (fwd - bwd) * log
        scale = scale + 0.5 * (fwd + bwd) * np.abs(log)
    return m.value(sigma, scale)


def _cycle_tree_sum(m: _Scheme, edges):
    """Hill's Σ_c: det of ``−Q`` restricted to the states off the cycle (1 if none)."""
    on = {m.index[e[0]] for e in edges} | {m.index[e[1]] for e in edges}
    off = [i for i in range(len(m.states)) if i not in on]
    if not off:
        return m.value(np.ones(m.k.shape[1]), 1.0)
    if m.route == "ode":
        return NotComputed("the time route gives probabilities, not tree sums")
    sign, logdet = np.linalg.slogdet(-m.Q[:, off][:, :, off])
    value = sign * np.exp(logdet)
    return m.value(value, np.abs(value))


def _one_way_cycle_flux(m: _Scheme, edges):
    """Hill: ``J⁺_c = Π_{e ∈ c} k_e · Σ_c / Σ``; Σ_c = det of the Laplacian off the cycle.

    By the all-minors matrix-tree theorem the determinant of ``−Q`` restricted to the
    states off the cycle sums the forests that drain into it (Hill's Σ_c).
    """
    w = m.weights()
    if isinstance(w, NotComputed):
        return w
    on = {m.index[e[0]] for e in edges} | {m.index[e[1]] for e in edges}
    off = [i for i in range(len(m.states)) if i not in on]
    product = np.prod([m.k[m.at[tuple(e)]] for e in edges], axis=0)
    if off:
        sign, logdet = np.linalg.slogdet(-m.Q[:, off][:, :, off])
        sigma_c = sign * np.exp(logdet)
    else:
        sigma_c = 1.0
    value = product * sigma_c / w.sum(axis=1)
    return m.value(value, np.abs(value))


def _stall(m: _Scheme, edge, name):
    """The parameter value at which the net flux on ``edge`` vanishes: bracket, then Brent."""
    from scipy.optimize import brentq

    if m.route == "ode":
        # The time route's probabilities are good to 1e-6 absolute, so the root of its
        # flux moves by 1e-6 over the flux's slope: no test of a closed form to 1e-9.
        return NotComputed("stall: the time route does not resolve a root of the flux")
    rows = []
    for i in range(m.k.shape[1]):
        point = {s: float(np.asarray(v).reshape(-1)[i]) for s, v in m.values_by_name.items()}

        def flux(x, point=point, resolved=False):
            changed = dict(point)
            changed[name] = x
            with np.errstate(all="ignore"):
                try:
                    s = _Scheme(m.G, changed, m.route, m.rate, m.options)
                except (GraphError, ValueError, ZeroDivisionError, np.linalg.LinAlgError,
                        NotConverged):
                    return np.nan
            got = _flux(s, *edge)
            value, gross = float(got.value[0]), float(got.scale[0])
            if not np.isfinite(value):
                return np.nan
            # Where the net flux is lost in rounding of the one-way fluxes (or both
            # underflowed), its sign says nothing: such a sample brackets no root.
            if resolved and not abs(value) > 16 * np.finfo(float).eps * gross:
                return np.nan
            return value

        grid = sorted({0.0, *(s * 10.0 ** (j / 2) for s in (-1, 1) for j in range(-6, 9))})
        samples = [(x, f) for x in grid if not np.isnan(f := flux(x, resolved=True))]
        row = None
        for (a, fa), (b, fb) in pairwise(samples):
            if np.sign(fa) != np.sign(fb):
                root = brentq(flux, a, b, xtol=1e-300, rtol=1e-14, maxiter=500)
                row = (root, max(abs(root), abs(b - a) * 1e-6))
                break
        rows.append(row)  # None: no sign change at this point, reported unconverged
    if all(r is None for r in rows):
        return NotComputed("stall: no sign change of the flux found at any point")
    return RouteValue.stack(rows)


def _control_coefficient(m: _Scheme, *args):
    """Campbell's degree of rate control, by the complex step on the generator at each
    point (symflux.numerics.perturbation); nothing is read from the closed form."""
    from types import SimpleNamespace

    from symflux.numerics.perturbation import evaluate_kinetic_perturbation

    q = SimpleNamespace(kind="control_coefficient", args=args)
    rows = [evaluate_kinetic_perturbation(
        m.G, q, {s: float(np.asarray(v).reshape(-1)[i]) for s, v in m.values_by_name.items()},
        m.rate) for i in range(m.k.shape[1])]
    return RouteValue(np.array([r[0] for r in rows]), np.array([r[1] for r in rows]))


#: Quantity kind → how it is computed from the solved scheme. A kind missing here is
#: reported as not computable by this route, never skipped silently.
QUANTITIES: Mapping[str, Callable] = {
    "probability": _probability,
    "flux": _flux,
    "tree_sum": _tree_sum,
    "normalization": _normalization,
    "affinity": _affinity,
    "wegscheider_ratio": _wegscheider_ratio,
    "entropy_production": _entropy_production,
    "one_way_cycle_flux": _one_way_cycle_flux,
    "cycle_tree_sum": _cycle_tree_sum,
    "stall": _stall,
    "control_coefficient": _control_coefficient,
}

ROUTES = ("linear", "svd", "ode")


def is_reaction_network(G) -> bool:
    """Whether the nodes are complexes of a mass-action network, not states of a chain."""
    return any("species" in d and dict(d["species"]) != {n: 1} for n, d in G.nodes(data=True))


def evaluate_kinetic_points(G: nx.MultiDiGraph, quantities: Mapping, values: Mapping,
                            route: str = "linear", rate: str = "rate", **options) -> dict:
    """Every quantity at every point: ``{name: RouteValue | NotComputed}``.

    ``values`` maps symbols (or names) to numbers or arrays of shape ``(P,)``.
    ``options`` go to the time route (``budget`` in seconds per point, ``seed``).

    >>> from symflux import kinetic_graph
    >>> from symflux.derivation import Quantity
    >>> out = evaluate_kinetic_points(kinetic_graph(["1 <-> 2"]),
    ...                               {"p": Quantity("probability", ("1",))},
    ...                               {"k_12": [1.0, 1.0], "k_21": [3.0, 1.0]})
    >>> out["p"].value.round(12).tolist()
    [0.75, 0.5]
    """
    if is_reaction_network(G):
        from symflux.numerics.reaction_quantities import evaluate_network_as_chain

        return evaluate_network_as_chain(G, quantities, values, rate=rate, **options)
    m = _Scheme(G, values, route, rate, options)
    m.values_by_name = {str(k): v for k, v in values.items()}
    m.options = options
    out = {}
    for name, q in quantities.items():
        compute = QUANTITIES.get(q.kind)
        out[name] = (NotComputed(f"kinetic routes do not compute {q.kind!r} quantities")
                     if compute is None else compute(m, *q.args))
    return out


def evaluate_quantities(G: nx.MultiDiGraph, quantities: Mapping, values: Mapping,
                        route: str = "linear", rate: str = "rate") -> dict:
    """One point: ``{name: (value, scale) | None}`` (None: the route cannot compute it).

    >>> from symflux import kinetic_graph
    >>> from symflux.derivation import Quantity
    >>> out = evaluate_quantities(kinetic_graph(["1 <-> 2"]),
    ...                           {"p": Quantity("probability", ("1",))}, {"k_12": 1, "k_21": 3})
    >>> round(out["p"][0], 12)
    0.75
    """
    got = evaluate_kinetic_points(G, quantities, values, route, rate)
    return {n: None if isinstance(r, NotComputed) else (float(r.value[0]), float(r.scale[0]))
            for n, r in got.items()}


def rate_symbols(G, rate: str = "rate") -> set:
    """Every symbol in the rates of a kinetic scheme: what validation must give a value."""
    out = {s for _, _, d in G.edges(data=True) for s in getattr(d.get(rate), "free_symbols", ())}
    if is_reaction_network(G):
        import sympy

        out |= {sympy.Symbol(s, positive=True) for s in G.graph.get("constant", ())}
    return out

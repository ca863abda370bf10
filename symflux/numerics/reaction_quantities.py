"""Quantities of a mass-action network at its numerical steady state, at every point.

Computed from: the steady state that :mod:`symflux.numerics.mass_action` integrates
from the graph, the parameter values and random initial amounts; each quantity from
its definition through :data:`QUANTITIES` (a concentration read off, a reaction flux
``v⁺ − v⁻``, an affinity ``Σ γ ln(J⁺/J⁻)`` of one-way fluxes, σ summed over reversible
pairs), and control quantities by perturbing that steady state
(:mod:`symflux.numerics.perturbation`). Nothing the symbolic engine derived is read.

A quantity's ``args`` end with a *setting* ``(constant, laws)``; only ``constant``
(the species held constant) is read here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace

import networkx as nx
import numpy as np

from symflux.numerics import perturbation
from symflux.numerics.mass_action import (
    MassActionSystem,
    conservation_basis,
    is_setting,
    network_species,
    relax_mass_action,
)
from symflux.numerics.outcomes import NotComputed, NotConverged, RouteValue, point_values

__all__ = ["QUANTITIES", "evaluate_network_as_chain", "evaluate_reactions",
           "evaluate_reactions_points"]


def _edge_index(system: MassActionSystem, edge) -> tuple[int, int | None]:
    """Indices of the edge ``(u, v, key)`` and of its reverse ``(v, u, key)``, if any."""
    u, v, key = edge
    index = {e: i for i, e in enumerate(system.edges)}
    if (u, v, key) not in index:
        raise KeyError(f"no edge {u} → {v} with key {key!r} in the network")
    return index[(u, v, key)], index.get((v, u, key))


def _concentration(G, system, c, v, species, *_):
    if species not in system.species:
        return NotComputed(f"{species} is held constant")
    x = c[system.species.index(species)]
    return x, abs(x)


def _reaction_flux(G, system, c, v, edge, *_):
    fwd, bwd = _edge_index(system, edge)
    back = v[bwd] if bwd is not None else 0.0
    return v[fwd] - back, v[fwd] + back


def _production_rate(G, system, c, v, target, *_):
    net = gross = 0.0
    for e, (u, w, _) in enumerate(system.edges):
        nu = G.nodes[w]["species"].get(target, 0) - G.nodes[u]["species"].get(target, 0)
        net += nu * v[e]
        gross += abs(nu) * v[e]
    return net, gross


def _affinity(G, system, c, v, edges, *_):
    total = scale = 0.0
    for edge, g in edges:
        fwd, bwd = _edge_index(system, edge)
        if bwd is None:
            return np.inf, np.inf
        total += g * np.log(v[fwd] / v[bwd])
        scale += abs(g) * (abs(np.log(v[fwd])) + abs(np.log(v[bwd])))
    return float(total), float(scale)


def _wegscheider_ratio(G, system, c, v, edges, *_):
    """Π (J⁺/J⁻)^γ of the one-way fluxes: the concentrations cancel because S γ = 0."""
    total, scale = _affinity(G, system, c, v, edges)
    if not np.isfinite(total):
        return total, scale
    ratio = float(np.exp(total))
    return ratio, ratio * max(1.0, scale)


def _entropy_production(G, system, c, v, *_):
    """σ = Σ_r (J⁺_r − J⁻_r) ln(J⁺_r/J⁻_r) over the reversible pairs of one-way fluxes."""
    sigma = scale = 0.0
    for e, (a, b, key) in enumerate(system.edges):
        back = system.edges.index((b, a, key)) if (b, a, key) in system.edges else None
        if back is None:
            return np.inf, np.inf
        if e < back:
            log = np.log(v[e] / v[back])
            sigma += (v[e] - v[back]) * log
            scale += (v[e] + v[back]) * abs(log)
    return float(sigma), float(scale)


#: Quantity kind → how it is computed from the steady state ``(G, system, c, v, *args)``.
QUANTITIES = {
    "concentration": _concentration,
    "reaction_flux": _reaction_flux,
    "production_rate": _production_rate,
    "affinity": _affinity,
    "wegscheider_ratio": _wegscheider_ratio,
    "entropy_production": _entropy_production,
}


def _split(q, G) -> tuple[tuple, tuple]:
    """``(constant species, the quantity's own args)``; the setting's laws are not read."""
    last = q.args[-1] if q.args else None
    if is_setting(last):
        return tuple(last[0]), q.args[:-1]
    return tuple(G.graph.get("constant", ())), q.args


def _numeric_class(G, point: dict, constant, rate: str, initial: Mapping, i: int):
    """The point with the totals of the stoichiometric class of point ``i``'s initial
    amounts, and that class's laws, both from the SVD left null space (never the
    engine's conservation laws)."""
    system = MassActionSystem(G, point, constant, rate)
    L = conservation_basis(system)
    c0 = np.array([float(np.asarray(initial[s]).reshape(-1)[i]) for s in system.species])
    point = {str(k): v for k, v in point.items()}
    laws = []
    for j, row in enumerate(L):
        name = f"__class_total_{j}"
        point[name] = float(row @ c0)
        laws.append((name, tuple((s, float(c)) for s, c in zip(system.species, row,
                                                                 strict=True) if c != 0)))
    return point, tuple(laws)


def evaluate_reactions_points(G: nx.MultiDiGraph, quantities: Mapping, values: Mapping,
                              route: str = "ode", rate: str = "rate", *, initial: Mapping,
                              budget: float = 10.0) -> dict:
    """Every quantity at every point: ``{name: RouteValue | NotComputed}``.

    ``initial`` maps each species (see :func:`network_species`) to its initial
    amounts, one per point; one integration per point and setting serves every
    quantity.
    """
    groups: dict = {}
    for name, q in quantities.items():
        if q.kind not in QUANTITIES:
            continue
        groups.setdefault(_split(q, G)[0], []).append(name)
    out: dict = {name: NotComputed(f"the mass-action route does not compute {q.kind!r}")
                 for name, q in quantities.items()
                 if q.kind not in QUANTITIES and q.kind not in perturbation.KINDS}
    count = max((np.size(v) for v in values.values()), default=1)
    # Control, response and elasticity quantities: derivatives of the numerical steady
    # state by perturbation (symflux.numerics.perturbation), point by point.
    bases: list[dict] = [{} for _ in range(count)]  # one base steady state per point
    classes: dict = {}  # (constant, point) → the point with its class totals, and the laws
    for name, q in quantities.items():
        if q.kind in perturbation.KINDS:
            constant, own = _split(q, G)
            rows = []
            for i in range(count):
                if (constant, i) not in classes:
                    classes[constant, i] = _numeric_class(G, point_values(values, i),
                                                          constant, rate, initial, i)
                point, laws = classes[constant, i]
                rows.append(perturbation.evaluate_perturbation(
                    G, SimpleNamespace(kind=q.kind, args=(*own, (constant, laws))), point,
                    rate, cache=bases[i]))
            out[name] = RouteValue(np.array([r[0] for r in rows]),
                                   np.array([r[1] for r in rows]))
    for constant, names in groups.items():
        rows: dict = {n: [] for n in names}
        for i in range(count):
            point = point_values(values, i)
            system = MassActionSystem(G, point, constant, rate)
            c0 = np.array([float(np.asarray(initial[s]).reshape(-1)[i]) for s in system.species])
            try:
                c = relax_mass_action(system, c0, budget=budget)
            except NotConverged:
                for n in names:
                    rows[n].append(None)
                continue
            v = system.rates(c)
            for n in names:
                q = quantities[n]
                rows[n].append(QUANTITIES[q.kind](G, system, c, v, *_split(q, G)[1]))
        for n, r in rows.items():
            reason = next((x for x in r if isinstance(x, NotComputed)), None)
            out[n] = reason or RouteValue.stack(r)
    return out


def evaluate_network_as_chain(G, quantities: Mapping, values: Mapping, rate: str = "rate",
                              *, initial: Mapping | None = None, budget: float = 10.0,
                              **_options) -> dict:
    """A kinetic-kind Derivation of a mass-action network: only σ, by mass action.

    The complexes of a network are not states of a Markov chain; its entropy
    production is that of the mass-action steady state.
    """
    sigma = {n: q for n, q in quantities.items() if q.kind == "entropy_production"}
    out = {n: NotComputed("the model is a mass-action network: its complexes are not the "
                          "states of a Markov chain") for n in quantities if n not in sigma}
    if sigma:
        if initial is None:
            count = max((np.size(v) for v in values.values()), default=1)
            rng = np.random.default_rng(0)
            initial = {s: np.exp(rng.uniform(np.log(0.1), np.log(10.0), count))
                       for s in network_species(G, G.graph.get("constant", ()))}
        out.update(evaluate_reactions_points(G, sigma, values, rate=rate, initial=initial,
                                             budget=budget))
    return out


def evaluate_reactions(G: nx.MultiDiGraph, quantities: Mapping, values: Mapping,
                       route: str = "ode", rate: str = "rate") -> dict:
    """One point, random initial amounts: ``{name: (value, scale) | None}``."""
    rng = np.random.default_rng(0)
    initial = {s: np.exp(rng.uniform(np.log(0.1), np.log(10.0), 1))
               for s in network_species(G, ())}
    got = evaluate_reactions_points(G, quantities, values, route, rate, initial=initial)
    return {n: None if isinstance(r, NotComputed) else (float(r.value[0]), float(r.scale[0]))
            for n, r in got.items()}

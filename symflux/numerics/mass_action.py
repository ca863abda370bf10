"""Mass-action networks solved numerically: ODE integration to stationarity.

The network is read from its graph alone (complexes with ``species``, edges with
``rate``): every edge is a one-way reaction with rate ``k c^α``. From random
positive initial concentrations in the stoichiometric class fixed by the given
totals, the ODEs ``dc/dt = Σ_e (β_e − α_e) v_e(c)`` are integrated with a stiff
solver until the drift is negligible, and the end point is polished by Newton's
method on the same equations plus the conservation constraints. Nothing here
reads a closed form or imports the symbolic analysis.

A quantity's ``args`` end with a *setting* ``(constant, laws)``: the species held
constant and the conservation laws ``(total_name, ((species, coeff), ...))`` that
define the stoichiometric class.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

import networkx as nx
import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import least_squares, linprog

from symflux.errors import GraphError, ValidationError

__all__ = ["MassActionSystem", "evaluate_reactions", "mass_action_steady_state"]


def _by_name(values: Mapping) -> dict:
    return {str(k): float(v) for k, v in values.items()}


def _fallback(name: str) -> float:
    # A parameter the closed form does not contain: any value tests the claim that
    # it does not matter, so draw a reproducible one rather than a fixed 1.0.
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    return float(np.exp(rng.uniform(np.log(0.1), np.log(10.0))))


class MassActionSystem:
    """The one-way reactions of a network as arrays, with constant species folded in."""

    def __init__(self, G: nx.MultiDiGraph, values: Mapping, constant=None, rate: str = "rate",
                 species: str = "species"):
        names = _by_name(values)
        const = tuple(G.graph.get("constant", ()) if constant is None else constant)
        order: list[str] = []
        for _, d in G.nodes(data=True):
            order.extend(s for s in d[species] if s not in order)
        self.species = [s for s in order if s not in const]
        index = {s: i for i, s in enumerate(self.species)}
        n, edges = len(self.species), list(G.edges(keys=True, data=True))
        self.edges = [(u, v, k) for u, v, k, _ in edges]
        self.alpha = np.zeros((len(edges), n))
        self.change = np.zeros((len(edges), n))
        self.k = np.zeros(len(edges))
        for e, (u, v, _, d) in enumerate(edges):
            r = d[rate]
            free = {s: names[s.name] if s.name in names else _fallback(s.name)
                    for s in r.free_symbols}
            k = float(r.xreplace(free))
            for s, c in G.nodes[u][species].items():
                if s in index:
                    self.alpha[e, index[s]] += c
                    self.change[e, index[s]] -= c
                else:
                    k *= (names[s] if s in names else _fallback(s)) ** c
            for s, c in G.nodes[v][species].items():
                if s in index:
                    self.change[e, index[s]] += c
            self.k[e] = k

    def rates(self, c: np.ndarray) -> np.ndarray:
        return self.k * np.prod(np.power(np.maximum(c, 0.0)[None, :], self.alpha), axis=1)

    def rhs(self, c: np.ndarray) -> np.ndarray:
        return self.change.T @ self.rates(c)

    def jacobian(self, c: np.ndarray) -> np.ndarray:
        c = np.maximum(c, 0.0)
        dv = np.zeros_like(self.alpha)
        for s in range(len(self.species)):
            lowered = self.alpha.copy()
            lowered[:, s] = np.maximum(lowered[:, s] - 1.0, 0.0)
            dv[:, s] = self.alpha[:, s] * self.k * np.prod(
                np.power(c[None, :], lowered), axis=1)
        return self.change.T @ dv


def _initial(system: MassActionSystem, laws, names, rng) -> tuple[np.ndarray, np.ndarray,
                                                                  np.ndarray]:
    n = len(system.species)
    L = np.zeros((len(laws), n))
    T = np.zeros(len(laws))
    for i, (total, coefficients) in enumerate(laws):
        for s, c in coefficients:
            L[i, system.species.index(s)] = c
        T[i] = names[total] if total in names else _fallback(total)
    if not laws:
        return np.exp(rng.uniform(np.log(0.1), np.log(10.0), n)), L, T
    # A random point of the class {c ≥ 0 : L c = T}: a random convex combination of
    # vertices found by linear programs with random objectives.
    vertices = []
    for _ in range(2 * n + 2):
        res = linprog(rng.normal(size=n), A_eq=L, b_eq=T, bounds=[(0, None)] * n,
                      method="highs")
        if res.status == 0:
            vertices.append(res.x)
    if not vertices:
        raise ValidationError("the conservation class is empty: no c ≥ 0 has these totals")
    weights = rng.dirichlet(np.ones(len(vertices)))
    return np.asarray(weights @ np.array(vertices)), L, T


def mass_action_steady_state(G: nx.MultiDiGraph, values: Mapping, constant=None, laws=(),
                             seed: int = 0, rate: str = "rate") -> dict:
    """Steady-state concentrations reached from a random start in the class of ``laws``.

    Returns
    -------
    dict
        species → concentration, plus ``"__system__"`` → the :class:`MassActionSystem`.

    Examples
    --------
    >>> import networkx as nx, sympy
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("0", species={}); G.add_node("X", species={"X": 1})
    >>> G.add_edge("0", "X", rate=sympy.Symbol("k")); G.add_edge("X", "0", rate=sympy.Symbol("g"))
    0
    0
    >>> round(mass_action_steady_state(G, {"k": 2.0, "g": 0.5})["X"], 9)
    4.0
    """
    rng = np.random.default_rng(seed)
    system = MassActionSystem(G, values, constant, rate)
    names = _by_name(values)
    c0, L, T = _initial(system, laws, names, rng)
    scale = max(float(np.max(system.k)), 1e-300)
    t, c = 0.0, c0
    horizon = 10.0 / max(float(np.min(system.k)), 1e-12)
    for _ in range(12):
        sol = solve_ivp(lambda _t, x: system.rhs(x), (t, t + horizon), c, method="Radau",
                        jac=lambda _t, x: system.jacobian(x), rtol=1e-10, atol=1e-14)
        t, c = t + horizon, np.maximum(sol.y[:, -1], 0.0)
        drift = np.abs(system.rhs(c))
        flow = np.abs(system.change).T @ system.rates(c) + 1e-300
        if np.all(drift <= 1e-8 * flow):
            break
        horizon *= 10.0
    # Newton polish in log concentrations: the equations, not a closed form.
    def residual(x):
        cc = np.exp(x)
        flow = np.abs(system.change).T @ system.rates(cc) + 1e-300 * scale
        return np.concatenate([system.rhs(cc) / flow, (L @ cc - T) / np.maximum(T, 1e-300)])

    if np.all(c > 0):
        fit = least_squares(residual, np.log(c), method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15)
        if np.max(np.abs(fit.fun)) <= np.max(np.abs(residual(np.log(c)))):
            c = np.exp(fit.x)
    out = dict(zip(system.species, c.tolist(), strict=True))
    out["__system__"] = system
    return out


def _edge_index(system: MassActionSystem, edge) -> tuple[int, int | None]:
    """Indices of the edge ``(u, v, key)`` and of its reverse ``(v, u, key)``, if any."""
    u, v, key = edge
    index = {e: i for i, e in enumerate(system.edges)}
    if (u, v, key) not in index:
        raise GraphError(f"no edge {u} → {v} with key {key!r} in the network")
    return index[(u, v, key)], index.get((v, u, key))


def evaluate_reactions(G: nx.MultiDiGraph, quantities: Mapping, values: Mapping,
                       route: str = "ode", rate: str = "rate") -> dict:
    """Compute each named quantity from the ODE steady state: name → ``(value, scale)``.

    Kinds: ``concentration (species, setting)``, ``reaction_flux (edge, setting)``,
    ``production_rate (species, setting)``, ``affinity (((edge, γ), ...), setting)`` and
    ``entropy_production (setting,)``, an edge being the forward ``(u, v, key)`` of a
    reaction; ``control_coefficient``, ``response_coefficient`` and ``elasticity`` go to
    :mod:`symflux.numerics.perturbation`.
    """
    from symflux.numerics import perturbation

    solved: dict = {}
    out = {}
    bases: dict = {}
    for name, q in quantities.items():
        if q.kind in perturbation.KINDS:
            out[name] = perturbation.evaluate_perturbation(G, q, values, rate, cache=bases)
            continue
        *what, (constant, laws) = q.args
        key = (tuple(constant), tuple(laws))
        if key not in solved:
            solved[key] = mass_action_steady_state(G, values, constant, laws, rate=rate)
        c = solved[key]
        system = c["__system__"]
        x = np.array([c[s] for s in system.species])
        v = system.rates(x)
        if q.kind == "concentration":
            out[name] = (c[what[0]], abs(c[what[0]]))
        elif q.kind == "reaction_flux":
            fwd, bwd = _edge_index(system, what[0])
            back = v[bwd] if bwd is not None else 0.0
            out[name] = (v[fwd] - back, v[fwd] + back)
        elif q.kind == "production_rate":
            target = what[0]
            net, gross = 0.0, 0.0
            for e, (u, w, _) in enumerate(system.edges):
                nu = G.nodes[w]["species"].get(target, 0) - G.nodes[u]["species"].get(target, 0)
                net += nu * v[e]
                gross += abs(nu) * v[e]
            out[name] = (net, gross)
        elif q.kind == "affinity":
            total, scale = 0.0, 0.0
            for edge, g in what[0]:
                fwd, bwd = _edge_index(system, edge)
                if bwd is None:
                    total = np.inf
                    break
                force = np.log(v[fwd] / v[bwd])
                total += g * force
                scale += abs(g) * (abs(np.log(v[fwd])) + abs(np.log(v[bwd])))
            out[name] = (float(total), float(scale) if np.isfinite(total) else np.inf)
        elif q.kind == "entropy_production":
            out[name] = _entropy_production(system, v)
        else:
            out[name] = None
    return out


def _entropy_production(system, v) -> tuple[float, float]:
    """σ = Σ_r (J⁺ − J⁻) ln(J⁺/J⁻) from the one-way mass-action fluxes ``v`` of the numerical
    steady state (each reversible pair once); infinite when a reaction is irreversible."""
    index = {edge: i for i, edge in enumerate(system.edges)}
    sigma = scale = 0.0
    for (u, w, key), i in index.items():
        j = index.get((w, u, key))
        if j is None:
            return np.inf, np.inf
        if i < j:
            force = np.log(v[i] / v[j])
            sigma += (v[i] - v[j]) * force
            scale += (v[i] + v[j]) * abs(force)
    return float(sigma), float(scale)


def model_parameters(G: nx.MultiDiGraph, rate: str = "rate") -> set:
    import sympy

    out = {s for _, _, d in G.edges(data=True) for s in getattr(d.get(rate), "free_symbols", ())}
    out |= {sympy.Symbol(s, positive=True) for s in G.graph.get("constant", ())}
    return out


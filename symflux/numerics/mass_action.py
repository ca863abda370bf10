"""Mass-action networks solved numerically: the ODEs integrated to stationarity.

Computed from: the graph alone (complexes with ``species``, edges with ``rate``),
the values of the rate constants and of the species held constant, and a random
initial amount of every other species. Every edge is a one-way reaction with rate
``k c^α``. From the initial amounts the ODEs ``dc/dt = Σ_e (β_e − α_e) v_e(c)`` are
integrated with a stiff solver (Radau, analytic Jacobian, a per-point time budget)
until the drift is negligible (a compartmental first-order network is instead solved
as the Markov chain it is, see :func:`_linear_steady_state`), and the end point is
polished by Newton's method on the same equations plus the conservation laws of the
class it started in. Those laws are the left null space of the numerically built
stoichiometric matrix (an SVD) and their totals come from the initial amounts: nothing
the symbolic engine derived (its conservation laws, its totals) is read. A point that
does not converge within its budget is reported unconverged.

A quantity's ``args`` end with a *setting* ``(constant, laws)``; only ``constant``
(the species held constant) is read here.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Mapping

import networkx as nx
import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import least_squares, linprog
from scipy.sparse.csgraph import connected_components

from symflux.errors import ValidationError
from symflux.numerics.gth import gth_points
from symflux.numerics.outcomes import NotConverged

__all__ = [
    "MassActionSystem",
    "conservation_basis",
    "is_setting",
    "mass_action_steady_state",
    "model_parameters",
    "network_species",
    "relax_mass_action",
]


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
        """Each reaction's mass-action rate at concentrations ``c``."""
        return self.k * np.prod(np.power(np.maximum(c, 0.0)[None, :], self.alpha), axis=1)

    def rhs(self, c: np.ndarray) -> np.ndarray:
        """dc/dt at ``c``: the stoichiometric changes weighted by the rates."""
        return self.change.T @ self.rates(c)

    def jacobian(self, c: np.ndarray) -> np.ndarray:
        """The analytic Jacobian of :meth:`rhs` at ``c``."""
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


def conservation_basis(system: MassActionSystem, tol: float = 1e-10) -> np.ndarray:
    """Rows spanning the left null space of the stoichiometric matrix (an SVD).

    ``L @ dc/dt = 0`` for every row: the conservation laws, found from numbers.

    >>> import networkx as nx, sympy
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("A", species={"A": 1}); G.add_node("B", species={"B": 1})
    >>> G.add_edge("A", "B", rate=sympy.Symbol("k"))
    0
    >>> L = conservation_basis(MassActionSystem(G, {"k": 1.0}))
    >>> (L / L[0, 0]).round(12).tolist()
    [[1.0, 1.0]]
    """
    S = system.change.T
    if S.size == 0:
        return np.eye(S.shape[0])
    u, sv, _ = np.linalg.svd(S)
    rank = int(np.sum(sv > tol * max(sv.max(initial=0.0), 1e-300)))
    return u[:, rank:].T


def _integrate(system: MassActionSystem, c0: np.ndarray, deadline: float) -> np.ndarray:
    """Radau from ``c0`` over horizons growing tenfold until the drift is small."""
    def rhs(_t, x):
        if time.perf_counter() > deadline:
            raise NotConverged("the per-point time budget ran out")
        return system.rhs(x)

    def jac(_t, x):
        return system.jacobian(x)

    turnover = float(np.max(np.abs(system.change).T @ system.rates(c0)) /
                     max(float(np.max(c0)), 1e-300)) or 1.0
    t, c, horizon = 0.0, c0, 1.0 / turnover
    atol = 1e-12 * float(np.max(c0))
    for _ in range(40):
        sol = solve_ivp(rhs, (t, t + horizon), c, method="Radau", jac=jac, rtol=1e-8,
                        atol=atol, t_eval=[t + horizon])
        if not sol.success:
            raise NotConverged(f"the stiff integrator failed: {sol.message}")
        t, c = t + horizon, np.maximum(sol.y[:, -1], 0.0)
        flow = np.abs(system.change).T @ system.rates(c) + 1e-300
        if np.all(np.abs(system.rhs(c)) <= 1e-7 * flow):
            return c
        horizon *= 10.0
    raise NotConverged("no stationarity after 40 tenfold horizons")


def _polish(system: MassActionSystem, c: np.ndarray, L: np.ndarray, T: np.ndarray):
    """Newton (Levenberg–Marquardt) in log concentrations on the equations and the laws."""
    flow = np.abs(system.change).T @ system.rates(c) + 1e-300
    tscale = np.maximum(np.abs(L) @ c, 1e-300)

    def residual(x):
        cc = np.exp(x)
        return np.concatenate([system.rhs(cc) / flow, (L @ cc - T) / tscale])

    def jacobian(x):
        cc = np.exp(x)
        return np.vstack([system.jacobian(cc) * cc[None, :] / flow[:, None],
                          L * cc[None, :] / tscale[:, None]])

    if np.any(c <= 0):
        # a species died out (an autocatalyst): no log polish; judge the ODE end point
        return c, float(np.max(np.abs(np.concatenate([system.rhs(c) / flow,
                                                      (L @ c - T) / tscale]))))
    fit = least_squares(residual, np.log(c), jac=jacobian, method="lm", xtol=1e-15,
                        ftol=1e-15, gtol=1e-15)
    start = float(np.max(np.abs(residual(np.log(c)))))
    end = float(np.max(np.abs(fit.fun)))
    return (np.exp(fit.x), end) if end <= start else (c, start)


def _compartmental(system: MassActionSystem) -> np.ndarray | None:
    """The rates ``Q[i, j]`` between species and the outside (index ``n``) when every
    reaction moves one molecule of one species to another or across the boundary
    (``X -> Y``, ``X -> 0``, ``0 -> X``), else None."""
    n = len(system.species)
    beta = system.change + system.alpha
    if not all(np.all((m == 0) | (m == 1)) and np.all(m.sum(axis=1) <= 1)
               for m in (system.alpha, beta)):
        return None
    Q = np.zeros((n + 1, n + 1))
    ends = [np.where(m.any(axis=1), m.argmax(axis=1), n) for m in (system.alpha, beta)]
    np.add.at(Q, (ends[0], ends[1]), system.k)
    np.fill_diagonal(Q, 0.0)
    return Q


def _linear_steady_state(system: MassActionSystem, c0: np.ndarray) -> np.ndarray | None:
    """The steady state of a compartmental first-order network in the class of ``c0``,
    or None when the network is not one or its classes are not each irreducible.

    Such a network is a Markov chain on the species and the outside (a mass-action
    flux ``k c_X`` is the rate ``k`` times the amount): its open class has
    ``c_X = π_X / π_outside``, each closed class ``c_X = (Σ c0 over the class) π_X``,
    every π by state reduction (:func:`~symflux.numerics.gth.gth_points`), exact to a
    few ulps. A
    long pathway relaxes over times far beyond its fastest rate (the integrator ran out
    of budget on a 40-species chain) and LU loses its smallest concentrations.
    """
    Q = _compartmental(system)
    if Q is None:
        return None
    n = len(system.species)
    count, label = connected_components(Q > 0, directed=True, connection="strong")
    c = np.zeros(n)
    for cls in range(count):
        members = np.flatnonzero(label == cls)
        leaves = np.delete(Q[members], members, axis=1).any()
        if leaves:
            return None  # a transient class: where it drains to is not one class
        if n in members:
            pi = gth_points(Q[np.ix_(members, members)][None])[0][0]
            outside = pi[members == n][0]
            c[members[members != n]] = pi[members != n] / outside
        elif len(members) > 1:
            pi = gth_points(Q[np.ix_(members, members)][None])[0][0]
            c[members] = c0[members].sum() * pi
        else:
            c[members] = c0[members]  # a species no reaction touches
    return c


def relax_mass_action(system: MassActionSystem, c0: np.ndarray, *, budget: float = 10.0,
                      ) -> np.ndarray:
    """The steady state reached from ``c0``: integrated, then polished in its class.

    Raises
    ------
    NotConverged
        if the budget (seconds) runs out, or the polished residual stays above 1e-9.
    """
    deadline = time.perf_counter() + budget
    if system.change.shape[0] == 0 or not len(c0):
        return np.asarray(c0, dtype=float)
    c0 = np.asarray(c0, dtype=float)
    L = conservation_basis(system)
    c = _linear_steady_state(system, c0)
    if c is not None:  # already exact to rounding: a Newton step could only move it
        return c
    c = _integrate(system, c0, deadline)
    c, residual = _polish(system, c, L, L @ c0)
    # an end point with an extinct species is not polished (no logarithm): it keeps the
    # integrator's drift criterion, 1e-7, a decade inside the route's tolerance
    if not residual <= (1e-9 if np.all(c > 0) else 1e-7):
        raise NotConverged(f"Newton polish left a relative residual {residual:.1e}")
    return c


def mass_action_steady_state(G: nx.MultiDiGraph, values: Mapping, constant=None, laws=(),
                             seed: int = 0, rate: str = "rate") -> dict:
    """Steady-state concentrations reached from a random start in the class of ``laws``.

    ``laws`` (``(total_name, ((species, coeff), ...))``, totals in ``values``) only
    choose the random start; the solve itself finds the laws numerically.

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
    c0, _, _ = _initial(system, laws, _by_name(values), rng)
    c = relax_mass_action(system, c0, budget=60.0)
    out = dict(zip(system.species, c.tolist(), strict=True))
    out["__system__"] = system
    return out

def network_species(G: nx.MultiDiGraph, constant=(), species: str = "species") -> list[str]:
    """The species that get an initial amount: all but those held constant."""
    order: list[str] = []
    for _, d in G.nodes(data=True):
        order.extend(s for s in d.get(species, {}) if s not in order)
    return [s for s in order if s not in constant]


def is_setting(x) -> bool:
    """Whether ``x`` is a setting ``(constant species, ((total, ((species, c), ...)), ...))``."""
    return (isinstance(x, tuple) and len(x) == 2 and isinstance(x[0], tuple | list)
            and all(isinstance(s, str) for s in x[0]) and isinstance(x[1], tuple | list)
            and all(isinstance(law, tuple) and len(law) == 2 and isinstance(law[0], str)
                    and isinstance(law[1], tuple) for law in x[1]))

def model_parameters(G: nx.MultiDiGraph, rate: str = "rate") -> set:
    """The symbols of a network's rates and its constant species: what a point must set."""
    import sympy

    out = {s for _, _, d in G.edges(data=True) for s in getattr(d.get(rate), "free_symbols", ())}
    out |= {sympy.Symbol(s, positive=True) for s in G.graph.get("constant", ())}
    return out

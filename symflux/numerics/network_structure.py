"""Structural results of a reaction network, computed numerically from the graph.

Computed from the complexes' compositions (the nodes' ``species``) and the reactions
(the edges) alone; nothing the symbolic engine derived is read:

- ``deficiency``: Feinberg's δ as ``dim(ker Y ∩ Im B)`` = rank B − rank(Y B), with Y
  the species × complexes composition matrix and B the complexes × reactions incidence
  matrix, both ranks by SVD. The engine counts ``m − ℓ − rank S`` instead (complexes,
  linkage classes, exact rank), so the two routes meet only if both are right.
- ``conserved_sum``: a combination Σ ℓ_s c_s of concentrations, integrated: the
  mass-action ODEs run from the concentrations the closed form is evaluated at, to
  stationarity, and the route returns the combination at the end. It equals the
  closed form only if no reaction changes it.

>>> from symflux import reaction_network
>>> deficiency_value(reaction_network(["A <-> B", "2 A <-> 2 B"]))
1
>>> deficiency_value(reaction_network(["A + B <-> C", "C -> 2 A"]))
0
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np

from symflux.numerics.mass_action import MassActionSystem, is_setting, relax_mass_action
from symflux.numerics.outcomes import NotComputed, NotConverged, RouteValue, point_values

__all__ = ["KINDS", "deficiency_value", "evaluate_structure"]

KINDS = ("deficiency", "conserved_sum")


def deficiency_value(G: nx.MultiDiGraph, species: str = "species") -> int:
    """Feinberg's deficiency, ``rank B − rank(Y B)``, from the graph's matrices."""
    complexes = list(G.nodes)
    names = sorted({s for _, d in G.nodes(data=True) for s in d[species]})
    Y = np.array([[float(G.nodes[c][species].get(s, 0)) for c in complexes] for s in names])
    index = {c: i for i, c in enumerate(complexes)}
    B = np.zeros((len(complexes), G.number_of_edges()))
    for e, (u, v) in enumerate(G.edges()):
        B[index[u], e] -= 1.0
        B[index[v], e] += 1.0
    if B.size == 0:
        return 0
    return int(np.linalg.matrix_rank(B) - np.linalg.matrix_rank(Y @ B))


def _conserved_sum(G, point: dict, coefficients, constant, rate: str, initial: Mapping,
                   i: int, budget: float):
    """The combination after relaxing from the point's concentrations (None: no
    convergence)."""
    system = MassActionSystem(G, point, constant, rate)
    by_name = {str(k): v for k, v in point.items()}
    c0 = np.array([by_name.get(s, float(np.asarray(initial[s]).reshape(-1)[i]))
                   for s in system.species])
    try:
        c = relax_mass_action(system, c0, budget=budget)
    except NotConverged:
        return None
    where = {s: j for j, s in enumerate(system.species)}
    value = sum(float(n) * c[where[s]] for s, n in coefficients if s in where)
    scale = sum(abs(float(n)) * c0[where[s]] for s, n in coefficients if s in where)
    return value, scale


def evaluate_structure(G: nx.MultiDiGraph, quantities: Mapping, values: Mapping,
                       rate: str = "rate", *, initial: Mapping, budget: float = 10.0) -> dict:
    """``{name: RouteValue | NotComputed}`` for the quantities of :data:`KINDS`."""
    count = max((np.size(v) for v in values.values()), default=1)
    out: dict = {}
    for name, q in quantities.items():
        if q.kind == "deficiency":
            delta = float(deficiency_value(G))
            out[name] = RouteValue(np.full(count, delta), np.ones(count))
            continue
        coefficients, *rest = q.args
        constant = tuple(rest[0][0]) if rest and is_setting(rest[0]) else tuple(
            G.graph.get("constant", ()))
        missing = [s for s, _ in coefficients if s not in initial]
        if missing:
            out[name] = NotComputed(f"{', '.join(missing)} held constant: not a conserved "
                                    "combination of the network's species")
            continue
        out[name] = RouteValue.stack([
            _conserved_sum(G, point_values(values, i), coefficients, constant, rate,
                           initial, i, budget) for i in range(count)])
    return out

"""Private helpers of :mod:`symflux.transport.nodal`: the current law, solved and shown.

Kirchhoff's current law written out node by node for a Derivation's steps, its solution
for the free potentials, and the partial-sum potentials and fluxes of a network that is
a chain between its two fixed nodes. Nothing here is public;
:func:`~symflux.transport.nodal.nodal_analysis` calls it.
"""

from __future__ import annotations

import sympy

from symflux import naming
from symflux.derivation import Step
from symflux.transport.closed_form import potentials_form
from symflux.transport.continued import divider_potentials
from symflux.transport.network import TransportModel
from symflux.transport.reductions import chain, series

__all__: list[str] = []


def _drivers(model: TransportModel) -> list:
    """The symbols of the fixed potentials and sources: what drives the fluxes."""
    found: set = set()
    for value in (*model.fixed.values(), *model.sources.values()):
        found |= value.free_symbols
    return sorted(found, key=lambda s: s.name)


def _solve(model: TransportModel) -> tuple[dict, dict, str | None]:
    """Free-node potentials and edge fluxes from Kirchhoff's current law.

    Ratios of spanning-forest sums (all-minors matrix-tree theorem), enumerated
    directly, when the estimated number of terms is small enough; node elimination
    (nested, shared subexpressions) past that. See
    :mod:`symflux.transport.closed_form`.
    """
    return potentials_form(model, _drivers(model))


def _chain_potentials(model: TransportModel):
    """Partial-sum potentials when the network is a chain between its two fixed nodes."""
    if len(model.fixed) != 2 or model.sources:
        return None
    a, b = model.fixed
    groups = chain([(u, v, r) for u, v, _, r in model.edges], a, b)
    if groups is None:
        return None
    total = series(g[2] for g in groups)
    drop = model.fixed[a] - model.fixed[b]
    potentials = {a: model.fixed[a], b: model.fixed[b]}
    inner = divider_potentials(model.fixed[a], drop, total, [g[2] for g in groups])
    potentials.update(zip((g[1] for g in groups[:-1]), inner, strict=True))
    return potentials, groups, total, drop


_SHOWN_ONLY_EDGES = 2000
"""Past this many edges the equations of the steps (shown, never computed with) are
built unevaluated: evaluating ten thousand of them costs more than the solution."""


def _kcl_term(here, there, r, display_only: bool) -> sympy.Expr:
    if not display_only:
        return (here - there) / r
    return sympy.Mul(sympy.Add(here, sympy.Mul(-1, there, evaluate=False), evaluate=False),
                     sympy.Pow(r, -1, evaluate=False), evaluate=False)


def _current_law_steps(model) -> list[Step]:
    """One step per free node: the flux leaving it equals the flux injected there."""
    steps, incident = [], {}
    for u, v, _, r in model.edges:
        incident.setdefault(u, []).append((v, r))
        if v != u:
            incident.setdefault(v, []).append((u, r))
    display_only = len(model.edges) > _SHOWN_ONLY_EDGES
    phi = {n: sympy.Symbol(naming.potential_name(n)) for n in model.graph.nodes}
    for n in model.free:
        terms = [_kcl_term(phi[n], phi[far], r, display_only) for far, r in incident.get(n, [])]
        steps.append(Step(f"Kirchhoff's current law at node {n}",
                          sympy.Eq(sympy.Add(*terms, evaluate=not display_only),
                                   model.sources.get(n, 0), evaluate=False),
                          "at steady state the flux leaving a node equals the flux injected"))
    return steps


def _chain_fluxes(groups, total, drop) -> dict:
    """The flux through each edge of a chain, keyed by ``frozenset((u, v, r))``: the
    chain's flux ``drop/total``, split between the parallel edges of a group."""
    through, current = {}, drop / total
    for _, _, r_group, members in groups:
        for u, v, r in members:
            # one edge in its group: drop·R/(total·R) is drop/total, built once
            through[frozenset((u, v, r))] = (current if len(members) == 1
                                             else drop * r_group / (total * r))
    return through

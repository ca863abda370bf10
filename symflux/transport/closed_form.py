r"""Which closed form a resistor network gets: expanded forest sums, or nested elimination.

The expanded form (:mod:`symflux.transport.tree_sums`) has one term per spanning tree
or forest, and the number of them is known before anything is built: it is a
determinant of the Laplacian with unit conductances (:func:`spanning_tree_count`).
When the estimated number of terms is at most :data:`EXPANDED_MAX_TERMS` the expanded
form is built; past that it could not be written out (a 5×5 grid has 5.6·10⁸
spanning trees), and the result is the nested form of node elimination
(:mod:`symflux.transport.elimination`), which the Derivation's steps and assumptions
then say.
"""

from __future__ import annotations

import sympy

from symflux.transport.continued import decompose, divider_solution
from symflux.transport.elimination import back_substitute, eliminate
from symflux.transport.forests import spanning_tree_count
from symflux.transport.tree_sums import (
    ForestSums,
    edge_flux_sums,
    effective_resistance_sums,
    potential_sums,
)

__all__ = ["DIVIDER_NOTE", "EXPANDED_MAX_TERMS", "NESTED_MIN_EDGES", "NESTED_NOTE",
           "effective_resistance_form", "estimated_terms", "potentials_form"]

EXPANDED_MAX_TERMS = 400_000
"""Largest estimated number of forest terms written out expanded (a 4×4 grid's
effective resistance has 286,720); beyond it the nested elimination form is used."""

NESTED_MIN_EDGES = 63
"""From this many edges the potentials are nested even when the expanded form would be
small enough (its forest sums grow with every edge)."""

DIVIDER_NOTE = ("nested form: the network reduces by series and parallel steps between its "
                "two fixed nodes, so each potential is a voltage divider of the potentials "
                "upstream, with the resistances as continued fractions (R_1 + 1/(1/S_1 + "
                "1/(R_2 + ...))) and shared subexpressions; it equals the ratio of "
                "Laplacian minors but is not expanded")

NESTED_NOTE = ("nested form: the expanded ratio of spanning-forest sums would have about "
               "{terms:.3g} terms (more than {limit:,}), so the result is written as node "
               "elimination (star–mesh transforms) with shared subexpressions; it equals the "
               "ratio of Laplacian minors but is not expanded")


def _indexed(model, nodes):
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(u, v, k, r) for u, v, k, r in model.edges if u in index and v in index]
    return index, [(index[u], index[v]) for u, v, _, _ in edges], [r for *_, r in edges], edges


def estimated_terms(nodes: int, pairs, roots_list) -> float:
    """Total number of forest terms over the given root sets (one count per set)."""
    return sum(spanning_tree_count(nodes, pairs, roots) for roots in roots_list)


def effective_resistance_form(model, a, b, nodes, drivers=()) -> tuple[sympy.Expr, str | None]:
    """``R_eff`` between ``a`` and ``b`` over ``nodes`` (one connected part): the expression
    and, for the nested form, the note saying so (None for the expanded form)."""
    index, pairs, resistances, edges = _indexed(model, nodes)
    terms = estimated_terms(len(nodes), pairs, [[index[a]], [index[a], index[b]]])
    if terms <= EXPANDED_MAX_TERMS:
        sums = effective_resistance_sums(len(nodes), pairs, index[a], index[b])
        return sums.expression(resistances, {None: sympy.Integer(1)}, drivers), None
    left, _ = eliminate(nodes, [(u, v, r) for u, v, _, r in edges], keep=[a, b])
    return 1 / left[a, b], NESTED_NOTE.format(terms=terms, limit=EXPANDED_MAX_TERMS)


def _divider_form(model, edges) -> tuple[dict, dict, str] | None:
    """Voltage dividers when the network is series–parallel between its only two fixed
    nodes and has no sources; None otherwise."""
    if len(model.fixed) != 2 or any(s != 0 for s in model.sources.values()):
        return None
    a, b = model.fixed
    tree = decompose([(u, v, r) for u, v, _, r in edges], (a, b))
    if tree is None:
        return None
    phi, flux = divider_solution(tree, model.fixed[a], model.fixed[b])
    if any(n not in phi for n in model.free):
        return None  # a part not connected to the terminals
    fluxes = {(u, v, k): flux[i] for i, (u, v, k, _) in enumerate(edges)}
    return {n: phi[n] for n in model.free}, fluxes, DIVIDER_NOTE


def potentials_form(model, drivers) -> tuple[dict, dict, str | None]:
    """Potentials of the free nodes and fluxes on every edge ``(u, v, key)``, and the
    nested-form note (None for the expanded form).

    From :data:`NESTED_MIN_EDGES` edges a series–parallel network between two fixed
    nodes gets voltage dividers (:func:`~symflux.transport.continued.divider_solution`,
    linear in size) instead of node elimination."""
    nodes = list(model.graph.nodes)
    index, pairs, resistances, edges = _indexed(model, nodes)
    if len(edges) >= NESTED_MIN_EDGES:
        divided = _divider_form(model, edges)
        if divided is not None:
            return divided
    fixed = [index[n] for n in model.fixed]
    sources = [index[n] for n, s in model.sources.items() if s != 0]
    free = len(nodes) - len(fixed)
    terms = (spanning_tree_count(len(nodes), pairs, fixed) * (free + len(edges) + 1)
             + sum(spanning_tree_count(len(nodes), pairs, [*fixed, s]) * free for s in sources))
    if terms > EXPANDED_MAX_TERMS or len(edges) >= NESTED_MIN_EDGES:
        _, records = eliminate(nodes, [(u, v, r) for u, v, _, r in edges], keep=model.fixed,
                               sources=model.sources)
        phi = back_substitute(records, model.fixed)
        fluxes = {(u, v, k): (phi[u] - phi[v]) / r for u, v, k, r in edges}
        return ({n: phi[n] for n in model.free}, fluxes,
                NESTED_NOTE.format(terms=terms, limit=EXPANDED_MAX_TERMS))
    numerators, denominator = potential_sums(len(nodes), pairs, fixed, sources)
    values = {("fixed", index[n]): v for n, v in model.fixed.items()}
    values.update({("source", index[n]): v for n, v in model.sources.items()})
    potentials = {n: ForestSums(numerators[index[n]], denominator, len(edges)).expression(
        resistances, values, drivers) for n in model.free}
    fluxes = {}
    for e, (u, v, k, _r) in enumerate(edges):
        sums = edge_flux_sums(numerators, denominator, len(edges), e, index[u], index[v])
        fluxes[(u, v, k)] = sums.expression(resistances, values, drivers)
    return potentials, fluxes, None

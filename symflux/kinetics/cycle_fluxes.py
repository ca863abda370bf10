"""Hill's cycle fluxes: J_κ = (Π+ − Π−) Σ_κ / Σ."""

from __future__ import annotations

import networkx as nx
import sympy

from symflux.derivation import Derivation, Quantity, Step
from symflux.kinetics.graph import kinetic_model
from symflux.kinetics.stationary import rate_symbols, tree_sums
from symflux.kinetics.topology import Cycle, cycles
from symflux.kinetics.tree_polynomial import TreePolynomial
from symflux.kinetics.trees import no_gc_pauses

__all__ = ["cycle_fluxes"]


def cycle_fluxes(G: nx.MultiDiGraph, rate: str = "rate") -> Derivation:
    """Hill's one-way and net fluxes of every simple cycle.

    ``J_κ± = Π_κ± Σ_κ / Σ``, where ``Π_κ±`` are the rate products around cycle κ each
    way, ``Σ_κ`` sums the directional diagrams of the states off κ flowing into κ
    (1 if κ visits every state) and ``Σ`` sums all directional diagrams.

    Returns
    -------
    Derivation
        Results ``J_c1``, ``J+_c1``, ``J-_c1``, ``Sigma_c1`` … for the cycles of
        :func:`symflux.cycles` in order (the steps say which cycle is which), and
        ``Sigma``. The net flux of every transition is the sum of the net fluxes of
        the cycles through it, with their signs.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> d = cycle_fluxes(kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
    >>> sympy.factor(d["J_c1"] * d["Sigma"])
    k_{12}*k_{23}*k_{31} - k_{13}*k_{21}*k_{32}
    """
    model = kinetic_model(G, rate)
    found = cycles(model)
    roots = [[s] for s in model.states] + [list(c.states) for c in found]
    with no_gc_pauses():   # see symflux.kinetics.trees.no_gc_pauses
        ch, polys = tree_sums(model, roots)
    n = len(model.states)
    sigma_poly = TreePolynomial.total(polys[:n])
    Sigma = sigma_poly.to_expr(ch.rates)
    Sigma_compact = sigma_poly.to_horner(ch.rates)
    results = {"Sigma": Sigma}
    compact = {"Sigma": Sigma_compact}
    quantities = {"Sigma": Quantity("normalization")}
    steps = []
    usage: dict = {}
    for c in found:
        for t, _ in c.steps:
            usage[t] = usage.get(t, 0) + 1
    for i, (c, poly) in enumerate(zip(found, polys[n:], strict=True), start=1):
        plus, minus = c.products(model)
        sig_c = poly.to_expr(ch.rates)
        name = f"c{i}"
        results[f"Sigma_{name}"] = sig_c
        results[f"J+_{name}"] = plus * sig_c / Sigma
        results[f"J-_{name}"] = minus * sig_c / Sigma
        results[f"J_{name}"] = (plus - minus) * sig_c / Sigma
        compact[f"J+_{name}"] = plus * poly.to_horner(ch.rates) / Sigma_compact
        compact[f"J-_{name}"] = minus * poly.to_horner(ch.rates) / Sigma_compact
        compact[f"J_{name}"] = (plus - minus) * poly.to_horner(ch.rates) / Sigma_compact
        quantities[f"Sigma_{name}"] = Quantity("cycle_tree_sum", (c.forward_edges,))
        quantities[f"J+_{name}"] = Quantity("one_way_cycle_flux", (c.forward_edges,))
        quantities[f"J-_{name}"] = Quantity("one_way_cycle_flux", (c.backward_edges,))
        quantities[f"J_{name}"] = _independent_flux(c, usage)
        steps.append(
            Step(
                f"Cycle {name}: {c}",
                sympy.Eq(
                    sympy.Symbol(f"J_{name}"),
                    sympy.Symbol(f"(Π+ − Π−)_{name}") * sympy.Symbol(f"Sigma_{name}")
                    / sympy.Symbol("Sigma"),
                    evaluate=False,
                ),
                f"Π+ = {plus}, Π− = {minus}; Σ_{name} sums the directional diagrams of "
                f"the {n - len(c.states)} state(s) off the cycle flowing into it"
                + (" (none: Σ_c = 1)" if len(c.states) == n else ""),
            )
        )
    return Derivation(
        title="Hill cycle fluxes of the kinetic scheme",
        kind="kinetic",
        model=G,
        results=results,
        steps=tuple(steps),
        symbols=rate_symbols(model),
        assumptions=("every rate is positive", "the scheme is strongly connected"),
        quantities={k: v for k, v in quantities.items() if v is not None},
        compact=compact,
    )


def _independent_flux(cycle: Cycle, usage: dict) -> Quantity | None:
    # A transition that lies on this cycle only carries exactly this cycle's net
    # flux, which numerics can compute from the stationary distribution alone.
    for t, s in cycle.steps:
        if usage[t] == 1:
            return Quantity("flux", t.forward if s > 0 else t.backward)
    return None

r"""Cycle affinities and entropy production of mass-action networks.

A reaction network is not a Markov chain over its complexes: its concentrations are not
normalised and a reaction's one-way flux is ``J⁺_r = k⁺_r c^{α_r}``, a monomial of the
concentrations. The steady-state entropy production (units of k_B per unit time and
volume, concentrations in molecules per volume) is therefore a sum over reactions,

.. math:: σ = Σ_r (J⁺_r − J⁻_r) \ln(J⁺_r / J⁻_r) ≥ 0,

evaluated at the closed-form steady state, zero exactly at detailed balance. The
affinities are those of the cycles of ker S_X (:func:`~symflux.reactions.reaction_cycles`):
``A_γ = Σ_r γ_r ln(k̃⁺_r/k̃⁻_r)``, which the chemostats drive.

>>> from symflux import reaction_network
>>> N = reaction_network(["0 <-> X", "X <-> Y", "Y <-> 0"])
>>> d = entropy_production(N)
>>> rates = {"k_1": 10, "k_{-1}": 1, "k_2": 3, "k_{-2}": 1, "k_3": 2, "k_{-3}": 0.5}
>>> round(float(d.kernel("sigma")(rates)), 6)
31.65064
"""

from __future__ import annotations

import networkx as nx
import sympy

from symflux.derivation import Derivation, Quantity, Step, SymbolInfo
from symflux.reactions.network import ReactionNetwork, network_model
from symflux.reactions.steady_state import concentration_name, setting, steady_state
from symflux.reactions.stoichiometry import conservation_laws
from symflux.reactions.wegscheider import ReactionCycle, reaction_cycles

__all__ = ["affinities", "entropy_production", "one_way_fluxes"]


def one_way_fluxes(m: ReactionNetwork, r) -> tuple[sympy.Expr, sympy.Expr | None]:
    """``(J⁺_r, J⁻_r)`` of reaction ``r`` as mass-action monomials of the concentrations
    (constant species included as symbols); ``J⁻_r`` is ``None`` when irreversible.

    >>> from symflux import reaction_network
    >>> m = network_model(reaction_network(["2 A <-> B"]))
    >>> one_way_fluxes(m, m.reactions[0])
    (A**2*k_1, B*k_{-1})
    """
    forward = r.forward_rate * m.monomial(r.source)
    if not r.reversible:
        return forward, None
    return forward, r.backward_rate * m.monomial(r.target)


def affinities(N: nx.MultiDiGraph | ReactionNetwork,
               rate: str = "rate") -> dict[ReactionCycle, sympy.Expr]:
    """Affinity ``A = ln(Π⁺/Π⁻)`` (units of RT) of each cycle of ker S_X.

    Returns
    -------
    dict
        :class:`~symflux.reactions.ReactionCycle` → affinity, in the order of
        :func:`~symflux.reactions.reaction_cycles`; ``oo`` where an irreversible reaction
        blocks the reverse direction. A closed network's cycles have affinity 0 exactly
        where its Wegscheider conditions hold; an open network's emergent cycles carry
        the chemostats' drive.

    Examples
    --------
    >>> from symflux import reaction_network
    >>> N = reaction_network(["E + S <-> ES", "ES <-> E + P"], constant=["S", "P"])
    >>> list(affinities(N).values())
    [log(S*k_1*k_2/(P*k_{-1}*k_{-2}))]
    """
    return {c: c.affinity for c in reaction_cycles(network_model(N, rate), rate)}


def entropy_production(N: nx.MultiDiGraph | ReactionNetwork, rate: str = "rate") -> Derivation:
    """Steady-state entropy production ``σ = Σ_r (J⁺_r − J⁻_r) ln(J⁺_r/J⁻_r)`` of a network.

    Returns
    -------
    Derivation
        ``sigma`` at the closed-form steady state (in terms of the rate constants,
        chemostats and conserved totals), ``oo`` when a reaction is irreversible; the
        steady-state concentrations ``c_<species>`` come with it.

    Raises
    ------
    NoClosedForm, NoSteadyState, NotUnique
        as :func:`symflux.reactions.steady_state.steady_state`.

    Examples
    --------
    >>> from symflux import reaction_network
    >>> d = entropy_production(reaction_network(["A <-> B"]))
    >>> d["sigma"], sorted(d.results)
    (0, ['J_1', 'c_A', 'c_B', 'sigma'])
    """
    m = network_model(N, rate)
    ss = steady_state(m, rate)
    concentrations = {m.concentration(s): ss[concentration_name(s)] for s in m.species}
    irreversible = [str(r) for r in m.reactions if not r.reversible]
    sigma_symbol = sympy.Symbol("sigma")
    steps = list(ss.steps)
    if irreversible:
        sigma = sympy.oo
        steps.append(Step(
            f"Irreversible reaction(s) {', '.join(irreversible)}: σ is infinite",
            sympy.Eq(sigma_symbol, sympy.oo, evaluate=False),
            "an irreversible reaction runs forward at a positive rate and never back, so its "
            "force ln(J⁺/J⁻) is infinite"))
    else:
        terms = []
        for r in m.reactions:
            forward, backward = one_way_fluxes(m, r)
            terms.append((forward - backward) * sympy.log(forward / backward))
        steps.append(Step(
            "Entropy production: one-way fluxes times forces, summed over reactions",
            sympy.Eq(sigma_symbol, sympy.Add(*terms), evaluate=False),
            "σ = Σ_r (J⁺_r − J⁻_r) ln(J⁺_r/J⁻_r), each term ≥ 0, zero only where every "
            "reaction is balanced (detailed balance)"))
        sigma = sympy.Add(*(t.xreplace(concentrations) for t in terms))
        steps.append(Step("At the steady state", sympy.Eq(sigma_symbol, sigma, evaluate=False),
                          "the steady-state concentrations substituted"))
        if not sigma.free_symbols and sigma.is_zero is not False:
            sigma = sympy.simplify(sigma)
    symbols = dict(ss.symbols)
    symbols[sigma_symbol] = SymbolInfo("entropy production rate per volume", "k_B/(m^3*s)")
    where = setting(m, conservation_laws(m))
    results = dict(ss.results)
    results["sigma"] = sigma
    quantities = dict(ss.quantities)
    quantities["sigma"] = Quantity("entropy_production", (where,))
    return Derivation(
        title="Entropy production of the mass-action network", kind="reactions", model=N,
        results=results, steps=tuple(steps), symbols=symbols, assumptions=ss.assumptions,
        quantities=quantities, compact=ss.compact, constraints=ss.constraints)

"""The mass-action equations of a network: each species' rate of change, and their step.

Shared by the general steady-state route (:mod:`symflux.reactions.steady_state`) and the
tree route of first-order networks (:mod:`symflux.reactions.linear_steady_state`).

>>> from symflux import reaction_network
>>> from symflux.reactions.network import network_model
>>> m = network_model(reaction_network(["0 <-> X"]))
>>> equations_step(m, mass_action_equations(m)).statement
'Mass-action equations'
"""

from __future__ import annotations

import sympy

from symflux.derivation import Step
from symflux.reactions.network import ReactionNetwork, network_model

__all__ = ["equations_step", "mass_action_equations", "net_rate"]


def net_rate(m: ReactionNetwork, r) -> sympy.Expr:
    """The net mass-action rate of reaction ``r``: ``k⁺ c^α − k⁻ c^β``."""
    v = r.forward_rate * m.monomial(r.source)
    if r.reversible:
        v -= r.backward_rate * m.monomial(r.target)
    return v


def mass_action_equations(N, rate: str = "rate") -> dict:
    """``dc_s/dt`` for every internal species: ``Σ_r S[s, r] J_r`` with mass-action ``J_r``.

    >>> from symflux import reaction_network
    >>> mass_action_equations(reaction_network(["0 <-> X"]))
    {'X': -X*k_{-1} + k_1}
    """
    m = network_model(N, rate)
    rhs = dict.fromkeys(m.species, sympy.Integer(0))
    for r in m.reactions:
        J = net_rate(m, r)
        for s, n in m.net_stoichiometry(r).items():
            if s in rhs:
                rhs[s] += n * J
    return rhs


def equations_step(m: ReactionNetwork, rhs: dict) -> Step:
    """The step that states ``dc/dt`` for every species (``rhs`` from
    :func:`mass_action_equations`)."""
    from symflux.parsing import symbol

    return Step("Mass-action equations", sympy.Eq(
        sympy.Matrix([sympy.Derivative(symbol(s), sympy.Symbol("t")) for s in m.species]),
        sympy.Matrix([rhs[s] for s in m.species]), evaluate=False),
        "each reaction runs at k⁺c^α − k⁻c^β and changes each species by its net coefficient")

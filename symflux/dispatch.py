"""Public names that work on kinetic schemes and reaction networks alike.

A reaction network's nodes carry ``species`` (complexes); a kinetic scheme's do not
(states). The functions here look at the graph and call the kinetic or the
reaction-network analysis, which stay independent of each other.

>>> import symflux as sf
>>> sf.wegscheider_conditions(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
[Eq(k_{12}*k_{23}*k_{31}, k_{13}*k_{21}*k_{32})]
>>> sf.wegscheider_conditions(sf.reaction_network(["A <-> B", "2 A <-> 2 B"]))
[Eq(k_1**2*k_{-2}, k_2*k_{-1}**2)]
"""

from __future__ import annotations

import sympy

from symflux.derivation import Derivation
from symflux.kinetics import stationary as _kinetic_stationary
from symflux.kinetics import thermodynamics as _kinetic_thermodynamics
from symflux.reactions import balance as _network_balance
from symflux.reactions import steady_state as _network_stationary
from symflux.reactions import wegscheider as _network_wegscheider
from symflux.reactions.network import ReactionNetwork, is_reaction_network

__all__ = ["is_detailed_balanced", "steady_state", "wegscheider_conditions"]


def _is_network(G) -> bool:
    return isinstance(G, ReactionNetwork) or is_reaction_network(G)


def steady_state(G, rate: str = "rate", *, form: str = "auto") -> Derivation:
    """The closed-form steady state of a kinetic scheme or a mass-action network.

    See :func:`symflux.kinetics.stationary.steady_state` (states: probabilities and
    fluxes by the matrix-tree theorem; ``form`` = ``"auto"``, ``"expanded"`` or
    ``"nested"`` chooses how the tree sums are written) and
    :func:`symflux.reactions.steady_state.steady_state` (complexes: concentrations and
    reaction fluxes of the polynomial system; ``form`` must be ``"auto"``).

    >>> import symflux as sf
    >>> sf.steady_state(sf.reaction_network(["0 -> X : k", "X -> 0 : gamma"]))["c_X"]
    k/gamma
    """
    if _is_network(G):
        if form != "auto":
            raise ValueError(f"form={form!r} applies to kinetic schemes only; a reaction "
                             "network takes form='auto'")
        return _network_stationary.steady_state(G, rate)
    return _kinetic_stationary.steady_state(G, rate, form=form)


def wegscheider_conditions(G, rate: str = "rate") -> list[sympy.Eq]:
    """Detailed-balance conditions: one per fundamental cycle of a kinetic scheme, one per
    basis vector of ker S_X of a reaction network."""
    if _is_network(G):
        return _network_wegscheider.wegscheider_conditions(G, rate)
    return _kinetic_thermodynamics.wegscheider_conditions(G, rate)


def is_detailed_balanced(G, values=None, rate: str = "rate", rtol: float = 1e-9) -> bool:
    """Whether every Wegscheider condition holds (for ``values``, or identically without).

    A reaction network also needs every reaction reversible; see
    :func:`symflux.reactions.classify_balance` for the reasons and for complex balance.

    >>> import symflux as sf
    >>> N = sf.reaction_network(["A <-> B", "2 A <-> 2 B"])
    >>> sf.is_detailed_balanced(N, {"k_1": 2, "k_{-1}": 1, "k_2": 8, "k_{-2}": 2})
    True
    >>> sf.is_detailed_balanced(N, {"k_1": 2, "k_{-1}": 1, "k_2": 9, "k_{-2}": 2})
    False
    """
    if _is_network(G):
        return _network_balance.classify_balance(G, values, rate, rtol).detailed is True
    return _kinetic_thermodynamics.is_detailed_balanced(G, values, rate, rtol)

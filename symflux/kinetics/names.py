"""Result names of a kinetic scheme's states and transitions (symflux.naming's rules).

>>> from symflux import kinetic_graph
>>> from symflux.kinetics.graph import kinetic_model
>>> m = kinetic_model(kinetic_graph(["1 <-> 2"]))
>>> probability_name("1"), flux_name(m, m.transitions[0])
('p_1', 'J_12')
"""

from __future__ import annotations

from symflux import naming
from symflux.kinetics.graph import KineticModel, Transition, state_label

__all__ = ["flux_name", "probability_name"]


def probability_name(state) -> str:
    """Result name of a state's probability: ``p_1``, ``p_ES`` (symflux.naming)."""
    return naming.probability_name(state_label(state))


def flux_name(model: KineticModel, t: Transition) -> str:
    """Result name of a transition's net flux: ``J_12``, ``J_E,ES``, ``J_E,ES[S]``."""
    return naming.edge_flux_name(state_label(t.u), state_label(t.v), t.key,
                                 parallel=len(model.parallel(t.u, t.v)) > 1)

"""Mass-action reaction networks: complexes, stoichiometry, conservation laws,
Wegscheider conditions via ker S, King–Altman rate laws and polynomial steady states."""

from symflux.reactions.balance import (
    Balance,
    classify_balance,
    complex_balance_conditions,
    internal_network,
)
from symflux.reactions.control import control_coefficients
from symflux.reactions.network import (
    Reaction,
    ReactionNetwork,
    is_reaction_network,
    network_model,
    reaction_network,
)
from symflux.reactions.rate_laws import enzyme_forms, enzyme_scheme, rate_law
from symflux.reactions.stoichiometry import (
    ConservationLaw,
    conservation_laws,
    deficiency,
    is_reversible,
    is_weakly_reversible,
    linkage_classes,
    stoichiometric_matrix,
)
from symflux.reactions.wegscheider import ReactionCycle, reaction_cycles

__all__ = [
    "Balance",
    "ConservationLaw",
    "Reaction",
    "ReactionCycle",
    "ReactionNetwork",
    "classify_balance",
    "complex_balance_conditions",
    "conservation_laws",
    "control_coefficients",
    "deficiency",
    "enzyme_forms",
    "enzyme_scheme",
    "internal_network",
    "is_reaction_network",
    "is_reversible",
    "is_weakly_reversible",
    "linkage_classes",
    "network_model",
    "rate_law",
    "reaction_cycles",
    "reaction_network",
    "stoichiometric_matrix",
]

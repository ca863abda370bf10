"""Kinetic schemes: states joined by transitions with rates (continuous-time Markov chains)."""

from symflux.kinetics.cycle_fluxes import cycle_fluxes
from symflux.kinetics.graph import Transition, kinetic_model
from symflux.kinetics.rate_control import degree_of_rate_control
from symflux.kinetics.spec import kinetic_graph
from symflux.kinetics.stationary import steady_state
from symflux.kinetics.thermodynamics import (
    affinities,
    entropy_production,
    equilibrium_distribution,
    is_detailed_balanced,
    wegscheider_conditions,
)
from symflux.kinetics.topology import Cycle, cycles, fundamental_cycles

__all__ = [
    "Cycle",
    "Transition",
    "affinities",
    "cycle_fluxes",
    "cycles",
    "degree_of_rate_control",
    "entropy_production",
    "equilibrium_distribution",
    "fundamental_cycles",
    "is_detailed_balanced",
    "kinetic_graph",
    "kinetic_model",
    "steady_state",
    "wegscheider_conditions",
]

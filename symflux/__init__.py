"""symflux: closed-form steady states of open systems, derived, validated and written up.

>>> import symflux as sf
>>> d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
>>> len(d["Sigma"].args)
9
"""

from symflux.check import CheckResult, check
from symflux.derivation import Derivation, Quantity, Step, SymbolInfo, combine
from symflux.dispatch import is_detailed_balanced, steady_state, wegscheider_conditions
from symflux.errors import (
    EstimationError,
    GraphError,
    InfiniteAffinity,
    KernelError,
    ModelTooLarge,
    NoClosedForm,
    NoSteadyState,
    NotUnique,
    ParseError,
    RateError,
    SimulationError,
    SweepError,
    SymfluxError,
    ValidationError,
)
from symflux.expressions import parse_expression, parse_latex, symbol
from symflux.grid import Grid, grid
from symflux.kernels import Kernel, kernel
from symflux.kinetics import (
    Cycle,
    Transition,
    affinities,
    cycle_fluxes,
    cycles,
    entropy_production,
    equilibrium_distribution,
    fundamental_cycles,
    kinetic_graph,
)
from symflux.numerics import (
    EntropyEstimate,
    Estimate,
    Trajectory,
    estimate_entropy_production,
    net_flux_estimates,
    occupation_estimates,
    path_log_ratio,
    simulate,
    simulate_ensemble,
)
from symflux.reactions import (
    conservation_laws,
    rate_law,
    reaction_cycles,
    reaction_network,
    stoichiometric_matrix,
)
from symflux.sweep import sweep
from symflux.transport import (
    effective_resistance,
    element,
    flux,
    nodal_analysis,
    path_flux,
    path_resistance,
    transport_network,
)
from symflux.validate import ValidationReport, validate

__version__ = "0.1.0"

__all__ = [
    "CheckResult",
    "Cycle",
    "Derivation",
    "EntropyEstimate",
    "Estimate",
    "EstimationError",
    "GraphError",
    "Grid",
    "InfiniteAffinity",
    "Kernel",
    "KernelError",
    "ModelTooLarge",
    "NoClosedForm",
    "NoSteadyState",
    "NotUnique",
    "ParseError",
    "Quantity",
    "RateError",
    "SimulationError",
    "Step",
    "SweepError",
    "SymbolInfo",
    "SymfluxError",
    "Trajectory",
    "Transition",
    "ValidationError",
    "ValidationReport",
    "affinities",
    "check",
    "combine",
    "conservation_laws",
    "cycle_fluxes",
    "cycles",
    "effective_resistance",
    "element",
    "entropy_production",
    "equilibrium_distribution",
    "estimate_entropy_production",
    "flux",
    "fundamental_cycles",
    "grid",
    "is_detailed_balanced",
    "kernel",
    "kinetic_graph",
    "net_flux_estimates",
    "nodal_analysis",
    "occupation_estimates",
    "parse_expression",
    "parse_latex",
    "path_flux",
    "path_log_ratio",
    "path_resistance",
    "rate_law",
    "reaction_cycles",
    "reaction_network",
    "simulate",
    "simulate_ensemble",
    "steady_state",
    "stoichiometric_matrix",
    "sweep",
    "symbol",
    "transport_network",
    "validate",
    "wegscheider_conditions",
]

"""symflux: closed-form steady states of open systems, derived, validated and written up.

>>> import symflux as sf
>>> d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
>>> len(d["Sigma"].args)
9
"""

from symflux.checking.check import CheckResult, check
from symflux.derivation import Derivation, Quantity, Step, SymbolInfo, combine
from symflux.dispatch import (
    affinities,
    cycle_fluxes,
    cycles,
    entropy_production,
    equilibrium_distribution,
    fundamental_cycles,
    is_detailed_balanced,
    model_kind,
    steady_state,
    wegscheider_conditions,
)
from symflux.errors import (
    EstimationError,
    GraphError,
    InfiniteAffinity,
    KernelError,
    ModelError,
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
    WrongModelKind,
)
from symflux.grid import Grid, grid
from symflux.interop import SbmlModel, read_sbml, write_sbml
from symflux.kernels import Kernel, kernel
from symflux.kinetics import Cycle, Transition, degree_of_rate_control, kinetic_graph
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
from symflux.parsing import parse_expression, parse_latex, symbol
from symflux.reactions import (
    conservation_laws,
    control_coefficients,
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
    "ModelError",
    "ModelTooLarge",
    "NoClosedForm",
    "NoSteadyState",
    "NotUnique",
    "ParseError",
    "Quantity",
    "RateError",
    "SbmlModel",
    "SimulationError",
    "Step",
    "SweepError",
    "SymbolInfo",
    "SymfluxError",
    "Trajectory",
    "Transition",
    "ValidationError",
    "ValidationReport",
    "WrongModelKind",
    "affinities",
    "check",
    "combine",
    "conservation_laws",
    "control_coefficients",
    "cycle_fluxes",
    "cycles",
    "degree_of_rate_control",
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
    "model_kind",
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
    "read_sbml",
    "simulate",
    "simulate_ensemble",
    "steady_state",
    "stoichiometric_matrix",
    "sweep",
    "symbol",
    "transport_network",
    "validate",
    "wegscheider_conditions",
    "write_sbml",
]

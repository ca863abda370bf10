"""symflux: closed-form steady states of open systems, derived, validated and written up.

>>> import symflux as sf
>>> d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
>>> len(d["Sigma"].args)
9
"""

from symflux.derivation import Derivation, Quantity, Step, SymbolInfo, combine
from symflux.errors import (
    GraphError,
    InfiniteAffinity,
    KernelError,
    ModelTooLarge,
    NoSteadyState,
    NotUnique,
    ParseError,
    RateError,
    SymfluxError,
    ValidationError,
)
from symflux.expressions import parse_expression, parse_latex, symbol
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
    is_detailed_balanced,
    kinetic_graph,
    steady_state,
    wegscheider_conditions,
)
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
    "Cycle",
    "Derivation",
    "GraphError",
    "InfiniteAffinity",
    "Kernel",
    "KernelError",
    "ModelTooLarge",
    "NoSteadyState",
    "NotUnique",
    "ParseError",
    "Quantity",
    "RateError",
    "Step",
    "SymbolInfo",
    "SymfluxError",
    "Transition",
    "ValidationError",
    "ValidationReport",
    "affinities",
    "combine",
    "cycle_fluxes",
    "cycles",
    "effective_resistance",
    "element",
    "entropy_production",
    "equilibrium_distribution",
    "flux",
    "fundamental_cycles",
    "is_detailed_balanced",
    "kernel",
    "kinetic_graph",
    "nodal_analysis",
    "parse_expression",
    "parse_latex",
    "path_flux",
    "path_resistance",
    "steady_state",
    "symbol",
    "transport_network",
    "validate",
    "wegscheider_conditions",
]

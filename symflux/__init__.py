"""symflux: closed-form steady states of open systems, derived, validated and written up.

>>> import symflux as sf
>>> d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
>>> len(d["Sigma"].args)
9
"""

# ``import symflux`` loads no SymPy, SciPy, NetworkX or numba: each public name is imported
# from its module on first use (PEP 562), so ``symflux --help`` and scripts that use one
# engine start fast. The TYPE_CHECKING block gives type checkers and editors the same names;
# tests/test_lazy_import.py keeps it and _EXPORTS in step.

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from symflux.errors import (
    CheckError,
    DimensionError,
    EstimationError,
    GraphError,
    InfiniteAffinity,
    KernelError,
    LimitError,
    ModelError,
    ModelTooLarge,
    NoClosedForm,
    NoSteadyState,
    NotUnique,
    ParseError,
    ParseTypeError,
    ProblemFileError,
    RateError,
    ReportError,
    SimulationError,
    SweepError,
    SymfluxError,
    UnitError,
    UnknownResult,
    UsageError,
    ValidationError,
    WrongModelKind,
)

__version__ = "0.1.0"

if TYPE_CHECKING:
    from symflux.checking.check import (
        CheckResult,
        check,
    )
    from symflux.derivation import (
        Derivation,
        Quantity,
        Step,
        SymbolInfo,
        combine,
    )
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
    from symflux.grid import (
        Grid,
        grid,
    )
    from symflux.interop import (
        SbmlModel,
        read_sbml,
        write_sbml,
    )
    from symflux.kernels import (
        Kernel,
        kernel,
    )
    from symflux.kinetics import (
        Cycle,
        Transition,
        degree_of_rate_control,
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
    from symflux.parsing import (
        parse_expression,
        parse_latex,
        symbol,
    )
    from symflux.reactions import (
        conservation_laws,
        control_coefficients,
        rate_law,
        reaction_cycles,
        reaction_network,
        stoichiometric_matrix,
    )
    from symflux.sweep import (
        sweep,
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
    from symflux.validate import (
        ValidationReport,
        validate,
    )

_EXPORTS: dict[str, tuple[str, ...]] = {
    "symflux.checking.check": ("CheckResult", "check"),
    "symflux.derivation": ("Derivation", "Quantity", "Step", "SymbolInfo", "combine"),
    "symflux.dispatch": (
        "affinities", "cycle_fluxes", "cycles", "entropy_production", "equilibrium_distribution",
        "fundamental_cycles", "is_detailed_balanced", "model_kind", "steady_state",
        "wegscheider_conditions",
    ),
    "symflux.grid": ("Grid", "grid"),
    "symflux.interop": ("SbmlModel", "read_sbml", "write_sbml"),
    "symflux.kernels": ("Kernel", "kernel"),
    "symflux.kinetics": ("Cycle", "Transition", "degree_of_rate_control", "kinetic_graph"),
    "symflux.numerics": (
        "EntropyEstimate", "Estimate", "Trajectory", "estimate_entropy_production",
        "net_flux_estimates", "occupation_estimates", "path_log_ratio", "simulate",
        "simulate_ensemble",
    ),
    "symflux.parsing": ("parse_expression", "parse_latex", "symbol"),
    "symflux.reactions": (
        "conservation_laws", "control_coefficients", "rate_law", "reaction_cycles",
        "reaction_network", "stoichiometric_matrix",
    ),
    "symflux.sweep": ("sweep",),
    "symflux.transport": (
        "effective_resistance", "element", "flux", "nodal_analysis", "path_flux", "path_resistance",
        "transport_network",
    ),
    "symflux.validate": ("ValidationReport", "validate"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "CheckError",
    "CheckResult",
    "Cycle",
    "Derivation",
    "DimensionError",
    "EntropyEstimate",
    "Estimate",
    "EstimationError",
    "GraphError",
    "Grid",
    "InfiniteAffinity",
    "Kernel",
    "KernelError",
    "LimitError",
    "ModelError",
    "ModelTooLarge",
    "NoClosedForm",
    "NoSteadyState",
    "NotUnique",
    "ParseError",
    "ParseTypeError",
    "ProblemFileError",
    "Quantity",
    "RateError",
    "ReportError",
    "SbmlModel",
    "SimulationError",
    "Step",
    "SweepError",
    "SymbolInfo",
    "SymfluxError",
    "Trajectory",
    "Transition",
    "UnitError",
    "UnknownResult",
    "UsageError",
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


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later look-ups skip this hook
        return value
    try:  # a subpackage not imported yet: symflux.report, symflux.numerics, ...
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{name}":
            raise
    raise AttributeError(f"module 'symflux' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """Keeps ``symflux.grid``, ``symflux.sweep`` and ``symflux.validate`` the functions:
    importing a submodule of the same name sets the package attribute to the module, which
    would shadow the public function."""

    def __setattr__(self, name: str, value) -> None:
        if isinstance(value, types.ModuleType) and _MODULE_OF.get(name) == value.__name__:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

"""Independent numerical solutions of the models symflux derives closed forms for.

Nothing here imports the symbolic analysis: the numerics read the model (the
graph) and numbers, and solve it by their own route, so that agreement with a
closed form means something.

The public names load their module on first use (PEP 562), so that validating a
closed form does not import the stochastic simulator and its compiler (numba, about
0.4 s) and plain ``import symflux.numerics.registry`` stays cheap.

>>> from symflux.numerics import stationary_distribution
>>> stationary_distribution.__module__
'symflux.numerics.linear'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from symflux.numerics.entropy_estimators import (
        EntropyEstimate,
        estimate_entropy_production,
        path_log_ratio,
    )
    from symflux.numerics.gillespie import simulate, simulate_ensemble
    from symflux.numerics.linear import (
        generator_matrix,
        numeric_rates,
        stationary_distribution,
    )
    from symflux.numerics.master_equation import (
        integrate_master_equation,
        relax_to_stationarity,
    )
    from symflux.numerics.trajectory import Trajectory
    from symflux.numerics.trajectory_statistics import (
        Estimate,
        net_flux_estimates,
        occupation_estimates,
    )

_WHERE = {
    "EntropyEstimate": "entropy_estimators",
    "estimate_entropy_production": "entropy_estimators",
    "path_log_ratio": "entropy_estimators",
    "simulate": "gillespie",
    "simulate_ensemble": "gillespie",
    "generator_matrix": "linear",
    "numeric_rates": "linear",
    "stationary_distribution": "linear",
    "integrate_master_equation": "master_equation",
    "relax_to_stationarity": "master_equation",
    "Trajectory": "trajectory",
    "Estimate": "trajectory_statistics",
    "net_flux_estimates": "trajectory_statistics",
    "occupation_estimates": "trajectory_statistics",
}

__all__ = [
    "EntropyEstimate",
    "Estimate",
    "Trajectory",
    "estimate_entropy_production",
    "generator_matrix",
    "integrate_master_equation",
    "net_flux_estimates",
    "numeric_rates",
    "occupation_estimates",
    "path_log_ratio",
    "relax_to_stationarity",
    "simulate",
    "simulate_ensemble",
    "stationary_distribution",
]


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(import_module(f"symflux.numerics.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'symflux.numerics' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})

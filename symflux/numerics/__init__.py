"""Independent numerical solutions of the models symflux derives closed forms for.

Nothing here imports the symbolic analysis: the numerics read the model (the
graph) and numbers, and solve it by their own route, so that agreement with a
closed form means something.
"""

from symflux.numerics.entropy_estimators import (
    EntropyEstimate,
    estimate_entropy_production,
    path_log_ratio,
)
from symflux.numerics.gillespie import simulate, simulate_ensemble
from symflux.numerics.linear import generator_matrix, numeric_rates, stationary_distribution
from symflux.numerics.master_equation import integrate_master_equation, relax_to_stationarity
from symflux.numerics.trajectory import Trajectory
from symflux.numerics.trajectory_statistics import (
    Estimate,
    net_flux_estimates,
    occupation_estimates,
)

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

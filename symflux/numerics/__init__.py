"""Independent numerical solutions of the models symflux derives closed forms for.

Nothing here imports the symbolic analysis: the numerics read the model (the
graph) and numbers, and solve it by their own route, so that agreement with a
closed form means something.
"""

import symflux.numerics.bvp
import symflux.numerics.resistor_network  # noqa: F401  (registers the transport routes)
from symflux.numerics import kinetic_quantities  # noqa: F401  (registers the kinetic routes)
from symflux.numerics.linear import generator_matrix, numeric_rates, stationary_distribution
from symflux.numerics.master_equation import integrate_master_equation, relax_to_stationarity

__all__ = [
    "generator_matrix",
    "integrate_master_equation",
    "numeric_rates",
    "relax_to_stationarity",
    "stationary_distribution",
]

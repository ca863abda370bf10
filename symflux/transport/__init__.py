"""Transport paths and resistance networks: Ohm's law for diffusion, heat and charge.

>>> from symflux.transport import element, flux, transport_network
>>> T = transport_network([("in", "out", {"element": "pore"})],
...                       potentials={"in": "c_1", "out": "c_2"})
>>> flux(T, "in", "out")["J"]
pi*D*R**2*(c_1 - c_2)/L
"""

from symflux.transport.analogies import ANALOGIES, Analogy, analogy
from symflux.transport.elements import ELEMENTS, element, path_resistance
from symflux.transport.network import transport_network
from symflux.transport.nodal import effective_resistance, flux, nodal_analysis
from symflux.transport.paths import path_flux

__all__ = [
    "ANALOGIES",
    "ELEMENTS",
    "Analogy",
    "analogy",
    "effective_resistance",
    "element",
    "flux",
    "nodal_analysis",
    "path_flux",
    "path_resistance",
    "transport_network",
]

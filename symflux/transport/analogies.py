"""The Ohm's-law analogy: which quantity plays potential, flux and resistance in each model.

At steady state the flux is the same through every cross-section of a path, and
``flux = (potential difference) / resistance`` whether the potential is a
concentration, a temperature or a voltage. This table keeps the roles visible so
that symbols and results can say what they mean in the user's own physics.

>>> ANALOGIES["heat"].potential, ANALOGIES["heat"].flux_unit
('temperature', 'W')
>>> analogy("diffusion").resistance_unit
's/m^3'
"""

from __future__ import annotations

from dataclasses import dataclass

from symflux.errors import UsageError

__all__ = ["ANALOGIES", "Analogy", "analogy"]


@dataclass(frozen=True)
class Analogy:
    """The potential, flux and resistance of one kind of transport, with SI units."""

    model: str
    potential: str
    potential_unit: str
    flux: str
    flux_unit: str
    resistance: str
    resistance_unit: str
    coefficient: str
    coefficient_unit: str
    law: str


ANALOGIES: dict[str, Analogy] = {
    "diffusion": Analogy(
        "diffusion", "concentration", "mol/m^3", "molar flow", "mol/s",
        "diffusive resistance", "s/m^3", "diffusion coefficient D", "m^2/s",
        "Fick: J = -D dc/dx"),
    "heat": Analogy(
        "heat", "temperature", "K", "heat flow", "W", "thermal resistance", "K/W",
        "thermal conductivity k", "W/(m K)", "Fourier: q = -k dT/dx"),
    "charge": Analogy(
        "charge", "voltage", "V", "current", "A", "electrical resistance", "Ohm",
        "conductivity sigma", "S/m", "Ohm: j = -sigma dV/dx"),
}


def analogy(model: str = "diffusion") -> Analogy:
    """The :class:`Analogy` of ``model`` (``"diffusion"``, ``"heat"`` or ``"charge"``).

    Raises
    ------
    UsageError
        for another model name, listing the known ones.
    """
    try:
        return ANALOGIES[model]
    except KeyError:
        raise UsageError(f"no analogy for {model!r}; known: {', '.join(ANALOGIES)}") from None

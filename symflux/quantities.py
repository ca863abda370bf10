"""What a result means physically: the one checked table of quantity kinds.

A :class:`Quantity` tags a result of a :class:`~symflux.derivation.Derivation` with its
meaning (a stationary probability, a flux, a cycle's Wegscheider ratio, ...) so that
numerics can compute it from the model alone. Both names are also importable from
:mod:`symflux.derivation`, where the record that carries them lives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from symflux.errors import SymfluxError

__all__ = ["QUANTITY_KINDS", "Quantity"]


#: Every quantity kind a result may be tagged with, and what its ``args`` hold. This is
#: the one table of kinds: a Quantity of any other kind is refused when it is made, and
#: each numerical route maps kinds to functions through its own table (see
#: ``symflux.numerics.registry``), so a misspelt kind cannot silently switch a check off.
QUANTITY_KINDS: Mapping[str, str] = MappingProxyType({
    # kinetic schemes
    "probability": "(state,): stationary probability of a state",
    "tree_sum": "(state,): sum of the state's directional diagrams (Kirchhoff weight)",
    "normalization": "(): sum of all states' tree sums",
    "flux": "((u, v, key),): net steady-state flux u → v (key None: all channels)",
    "affinity": "(edges, [setting]): cycle affinity Σ ln(J⁺/J⁻) of one-way fluxes",
    "wegscheider_ratio": "(edges, [setting]): Π J⁺/Π J⁻ = Π k⁺/Π k⁻ around a cycle (edges "
                         "(u, v, key), or ((u, v, key), γ) for a reaction network)",
    "entropy_production": "([setting]): σ = Σ (J⁺ − J⁻) ln(J⁺/J⁻) over reversible pairs",
    "one_way_cycle_flux": "(edges,): Hill's one-way cycle flux around the given edges",
    "cycle_tree_sum": "(edges,): Hill's Σ_c, the forests draining into the cycle",
    "stall": "((u, v, key), name): value of parameter name at which the flux vanishes",
    # mass-action networks
    "concentration": "(species, setting): steady-state concentration",
    "reaction_flux": "((u, v, key), setting): net rate of a reaction",
    "production_rate": "(species, setting): net rate of formation of a species",
    "rate_law_ratio": "(product, top, bottom, setting): a ratio of an enzyme rate law's "
                      "coefficients (V and K); a term is (\"num\"|\"den\", powers, sign)",
    "equilibrium_constant": "(overall, [manifold,] setting): Π ligand^ν at which the "
                            "velocity vanishes; manifold ((k, expression), ...) the "
                            "Wegscheider conditions solved for some rate constants",
    "deficiency": "(): Feinberg's deficiency of the network, dim(ker Y ∩ Im B)",
    "conserved_sum": "(((species, coefficient), ...), setting): a combination of "
                     "concentrations that no reaction changes",
    # control analysis (both kinds of model): derivatives of the steady state
    "control_coefficient": "(observable, (u, v, key), scaled[, setting]): ∂ ln y / ∂ ln v_r",
    "response_coefficient": "(observable, parameter, scaled[, setting]): ∂ ln y / ∂ ln p",
    "elasticity": "((u, v, key), species, scaled[, setting]): ∂ ln v_r / ∂ ln c_s",
    # transport networks and elements
    "resistance": "((u, v, key),): resistance of one edge from its geometry",
    "effective_resistance": "(a, b): two-terminal resistance of the network",
    "potential": "(node,): steady potential of a node",
    "edge_flux": "(u, v, key): flux u → v along an edge (key None: all parallel edges)",
    "terminal_flux": "(node,): net flux leaving a node held at a potential",
    # 1-D continuum paths
    "path_flux": "(): steady flux along the path",
    "profile": "(): the potential at the position symbol",
    "position": "(): where the potential takes the value of its symbol",
    "path_resistance": "(): potential drop over flux along the path",
    # modifiers of another quantity
    "times": "(factor, quantity): a quantity times a factor",
    "limit": "(((symbol, 0 or oo), ...), quantity): a quantity in a limit of parameters",
})


@dataclass(frozen=True)
class Quantity:
    """What a result means physically, so that numerics can compute it independently.

    ``kind`` is one of :data:`QUANTITY_KINDS` (``"probability"``, ``"tree_sum"``,
    ``"normalization"``, ``"flux"``, ``"affinity"``, ``"entropy_production"``, ...);
    ``args`` says of what (a state, an edge, a cycle). A result without a Quantity
    cannot be validated numerically and the validation report says so.

    >>> Quantity("probabilty", ("1",))
    Traceback (most recent call last):
    ...
    symflux.errors.SymfluxError: unknown quantity kind 'probabilty'; known kinds: ...
    """

    kind: str
    args: tuple = ()

    def __post_init__(self):
        if self.kind not in QUANTITY_KINDS:
            raise SymfluxError(f"unknown quantity kind {self.kind!r}; known kinds: "
                               + ", ".join(sorted(QUANTITY_KINDS)))
        if self.kind in ("times", "limit") and not isinstance(self.args[-1], Quantity):
            raise SymfluxError(f"a {self.kind!r} quantity ends with the Quantity it modifies")

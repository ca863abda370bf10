r"""Names every derivation of a model kind defines, known to the checker without being asked.

A kinetic scheme's steady state is written over Σ, the sum of all directional diagrams
(King–Altman): a textbook answer ``\frac{k_{12} k_{23} k_{31} - ...}{\Sigma}`` names it
whether or not the problem's ``[find]`` asks for the normalization. :data:`DEFINED_NAMES`
lists, per kind, the names a derivation of that kind defines and what they mean; their
closed forms are read from the derivation's own steps (``Σ = w_1 + w_2 + ...`` and each
``w_i``), so the checker uses exactly what was derived.

>>> import symflux as sf
>>> d = sf.steady_state(sf.kinetic_graph(["C <-> O : k_o, k_c"])).select(["p_O"])
>>> defined_names(d)
{'Sigma': k_c + k_o}
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import sympy

from symflux.parsing.values import compilable

__all__ = ["DEFINED_NAMES", "defined_names"]

_SIGMA = "Σ, the King–Altman sum of all directional diagrams"

#: Per model kind: the names its derivations define, with what each means. A name counts
#: only where the derivation's steps define it (an enzyme mechanism among reaction
#: networks has Σ, a mass-action network does not).
DEFINED_NAMES: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "kinetic": MappingProxyType({"Sigma": _SIGMA}),
    "reactions": MappingProxyType({"Sigma": _SIGMA}),
})


def defined_names(derivation) -> dict[str, sympy.Expr]:
    """The closed forms of the names :data:`DEFINED_NAMES` lists for ``derivation.kind``.

    Each is read from a step whose equation is ``name = ...``; symbols on its right that
    earlier steps define the same way (the tree sums ``w_i`` in ``Σ = w_1 + ...``) are
    replaced by their closed forms. Names the derivation does not define, or has as a
    result of its own, are left out.
    """
    wanted = [n for n in DEFINED_NAMES.get(derivation.kind, {}) if n not in derivation.results]
    if not wanted:
        return {}
    equations: dict[str, sympy.Expr] = {}
    for step in derivation.steps:
        eq = step.equation
        if isinstance(eq, sympy.Eq) and isinstance(eq.lhs, sympy.Symbol):
            equations.setdefault(eq.lhs.name, eq.rhs)
    out = {}
    for name in wanted:
        rhs = equations.get(name)
        if rhs is None:
            continue
        parts = {s: equations[s.name] for s in rhs.free_symbols
                 if s.name in equations and s.name != name}
        out[name] = compilable(rhs.xreplace(parts), what=f"the defined name {name!r}")
    return out

"""SBML unit definitions as symflux unit strings (``"1/s"``, ``"mM"``, ``"1/(mM*s)"``).

A unit definition maps when each of its units is a kind symflux's unit reader knows
(mole, litre, second, metre, gram, kilogram, dimensionless) with multiplier 1 and a
decimal scale that is an SI prefix; anything else (items, a multiplier of 60 for
minutes, ...) gives ``None``, and the symbol is left without a unit rather than with
a wrong one.
"""

from __future__ import annotations

__all__ = ["unit_string"]

_KINDS = {"mole": "mol", "litre": "L", "liter": "L", "second": "s", "metre": "m",
          "meter": "m", "gram": "g", "kilogram": "kg", "dimensionless": ""}
_PREFIX = {-12: "p", -9: "n", -6: "u", -3: "m", 0: "", 3: "k"}


def _term(lib, unit) -> tuple[str, float] | None:
    kind = lib.UnitKind_toString(unit.getKind())
    if kind not in _KINDS or unit.getMultiplier() != 1 or unit.getScale() not in _PREFIX:
        return None
    exponent = unit.getExponentAsDouble()
    if exponent != int(exponent):
        return None
    return _PREFIX[unit.getScale()] + _KINDS[kind], int(exponent)


def unit_string(model, units: str) -> str | None:
    """The unit string of an SBML ``units`` attribute (a unit id or a base kind), or None.

    >>> import libsbml
    >>> doc = libsbml.SBMLDocument(3, 2); m = doc.createModel()
    >>> ud = m.createUnitDefinition(); _ = ud.setId("per_mM_s")
    >>> for kind, exp, scale in ((libsbml.UNIT_KIND_MOLE, -1, -3),
    ...                          (libsbml.UNIT_KIND_LITRE, 1, 0),
    ...                          (libsbml.UNIT_KIND_SECOND, -1, 0)):
    ...     u = ud.createUnit(); _ = (u.setKind(kind), u.setExponent(exp), u.setScale(scale),
    ...                               u.setMultiplier(1))
    >>> unit_string(m, "per_mM_s"), unit_string(m, "second"), unit_string(m, "")
    ('L/(mmol*s)', 's', None)
    """
    from symflux.interop.library import libsbml_module

    lib = libsbml_module()
    if not units:
        return None
    if units in _KINDS:
        return _KINDS[units] or None
    ud = model.getUnitDefinition(units)
    if ud is None:
        return None
    up, down = [], []
    for i in range(ud.getNumUnits()):
        term = _term(lib, ud.getUnit(i))
        if term is None:
            return None
        name, exponent = term
        if not name or exponent == 0:
            continue
        text = name if abs(exponent) == 1 else f"{name}^{abs(exponent)}"
        (up if exponent > 0 else down).append(text)
    if not up and not down:
        return None
    top = "*".join(up) or "1"
    if not down:
        return top
    bottom = down[0] if len(down) == 1 else "(" + "*".join(down) + ")"
    return f"{top}/{bottom}"

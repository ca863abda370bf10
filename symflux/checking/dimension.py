r"""Physical dimensions: the :class:`Dim` record, how it is written, and what it is called.

A :class:`Dim` holds exponents of the SI base dimensions. :func:`spell` writes one in the
fewest unit symbols: the unit a problem file itself uses for that dimension if there is
one, else at most two named units (the problem's own, or V, Ω, A, W, J, C, S, F, Pa, N,
Hz) with powers ±1, ±2 times base units, never more factors than base units alone.
:func:`describe` names common dimensions in words and :func:`conversion_hint` says how
two differ. Reading unit strings and the dimension of an expression are in
:mod:`symflux.checking.units`.

Examples
--------
>>> V = Dim.of({"mass": 1, "length": 2, "time": -3, "current": -1})
>>> ohm = V / Dim.of({"current": 1})
>>> spell(V / ohm**2), (V / ohm**2).base_units()
('A/Ω', 's^3*A^3/(kg*m^2)')
>>> spell(V / ohm**2, units={V: "V", ohm: "ohm"}), spell(ohm, units={ohm: "kOhm"})
('A/ohm', 'kOhm')
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import sympy

__all__ = ["DIMENSIONLESS", "Dim", "conversion_hint", "describe", "spell"]

# Base dimensions in display order, with the SI unit that shows them.
_BASES = (("amount_of_substance", "mol"), ("mass", "kg"), ("length", "m"), ("time", "s"),
          ("current", "A"), ("temperature", "K"), ("luminous_intensity", "cd"))


@dataclass(frozen=True)
class Dim:
    """A physical dimension: exponents of the SI base dimensions (all zero: dimensionless).

    >>> print(Dim.of({"length": 2}) / Dim.of({"time": 1}))
    m^2/s
    """

    exponents: tuple[tuple[str, sympy.Rational], ...] = ()

    @classmethod
    def of(cls, mapping: Mapping[str, object]) -> Dim:
        """The dimension with these base-unit exponents (zeros dropped)."""
        items = {k: sympy.Rational(v) for k, v in mapping.items() if sympy.Rational(v) != 0}
        return cls(tuple(sorted(items.items())))

    def as_dict(self) -> dict[str, sympy.Rational]:
        """Base unit → exponent."""
        return dict(self.exponents)

    @property
    def dimensionless(self) -> bool:
        """Whether every exponent is zero."""
        return not self.exponents

    def __mul__(self, other: Dim) -> Dim:
        out = self.as_dict()
        for k, v in other.exponents:
            out[k] = out.get(k, 0) + v
        return Dim.of(out)

    def __truediv__(self, other: Dim) -> Dim:
        return self * other ** -1

    def __pow__(self, power) -> Dim:
        return Dim.of({k: v * sympy.Rational(power) for k, v in self.exponents})

    def __str__(self) -> str:
        """In base units, or with named derived units where they read shorter: A/Ω, not
        s^3*A^3/(kg*m^2)."""
        return spell(self)

    def base_units(self) -> str:
        """In SI base units only (``kg*m^2/s^2``)."""
        return "1" if self.dimensionless else _write({u: self.as_dict().get(b, 0)
                                                      for b, u in _BASES})


DIMENSIONLESS = Dim()


def _d(**exps) -> Dim:
    return Dim.of(exps)


_ENERGY = _d(mass=1, length=2, time=-2)
_VOLT = _ENERGY / _d(current=1, time=1)
# Named derived units for display, most common first (ties keep the earlier one).
_DERIVED = {
    "J": _ENERGY, "W": _ENERGY / _d(time=1), "N": _d(mass=1, length=1, time=-2),
    "Pa": _d(mass=1, length=-1, time=-2), "C": _d(current=1, time=1), "V": _VOLT,
    "Ω": _VOLT / _d(current=1), "S": _d(current=1) / _VOLT, "F": _d(current=1, time=1) / _VOLT,
    "Hz": _d(time=-1),
}
_ATOM = re.compile(r"[A-Za-zΩµμÅ]+(?:_[A-Za-z]+)?")


def _vector(dim: Dim) -> tuple[Fraction, ...]:
    d = dim.as_dict()
    return tuple(Fraction(int(sympy.Rational(d.get(b, 0)).p), int(sympy.Rational(d.get(b, 0)).q))
                 for b, _ in _BASES)


def _write(powers: Mapping[str, object]) -> str:
    """``unit^e`` factors over ``/``: ``{"V": 1, "Ω": -2}`` → ``V/Ω^2``; ``m^(1/2)``."""
    def power(u, e):
        return u if e == 1 else f"{u}^{e}" if sympy.Rational(e).q == 1 else f"{u}^({e})"

    num = [power(u, e) for u, e in powers.items() if e > 0]
    den = [power(u, -e) for u, e in powers.items() if e < 0]
    top = "*".join(num) or "1"
    if not den:
        return top
    return f"{top}/{den[0] if len(den) == 1 else '(' + '*'.join(den) + ')'}"


def spell(dim: Dim, units: Mapping[Dim, str] | None = None) -> str:
    """``dim`` written in as few unit symbols as possible, preferring the problem's units.

    ``units`` maps dimensions to the unit strings a problem file uses for them: a
    dimension that is one of them prints as written there; the single-word ones (``M``,
    ``ohm``, ``nm``) also join the named units of the search, which a base unit counts
    once, a problem's unit once and another named unit twice (so ``mol/m^3`` stays
    ``mol/m^3``, not ``Pa*mol/J``). Ties go to more of the problem's units, then to fewer
    other named units, then to the shorter text.

    >>> J_per_mol_K = Dim.of({"mass": 1, "length": 2, "time": -2, "amount_of_substance": -1,
    ...                       "temperature": -1})
    >>> spell(J_per_mol_K), spell(Dim.of({"amount_of_substance": 1, "length": -2, "time": -1}))
    ('J/(mol*K)', 'mol/(m^2*s)')
    >>> molar = Dim.of({"amount_of_substance": 1, "length": -3})
    >>> spell(molar / Dim.of({"time": 1}), {molar: "M"}), spell(molar, {molar: "mM"})
    ('M/s', 'mM')
    """
    if units and dim in units:
        return units[dim]
    if dim.dimensionless:
        return "1"
    own = tuple(sorted((text, d) for d, text in (units or {}).items()
                       if _ATOM.fullmatch(text) and not d.dimensionless
                       and text not in dict(_BASES).values()))
    return _search(dim, own)


@lru_cache(maxsize=512)
def _search(dim: Dim, own: tuple[tuple[str, Dim], ...]) -> str:
    # Exponents scaled to integers by the common denominator q: a remainder that q does not
    # divide is a fractional power, which counts as three factors (m^(1/2) rarely reads best).
    target = _vector(dim)
    q = math.lcm(*(x.denominator for x in target))
    goal = [int(x * q) for x in target]
    mine = {text for text, _ in own}
    atoms = [(text, [int(x) for x in _vector(d)], 1) for text, d in own]
    atoms += [(text, [int(x) for x in _vector(d)], 2) for text, d in _DERIVED.items()
              if text not in mine and all(x.denominator == 1 for x in _vector(d))]
    steps = (-2, -1, 1, 2)
    choices = [()] + [((i, e),) for i in range(len(atoms)) for e in steps]
    choices += [((i, e), (j, f)) for i, j in itertools.combinations(range(len(atoms)), 2)
                for e in steps for f in steps]
    best = None
    for choice in choices:
        rest = list(goal)
        cost = 0
        for i, e in choice:
            vec = atoms[i][1]
            rest = [r - q * e * v for r, v in zip(rest, vec, strict=True)]
            cost += atoms[i][2] * abs(e)
        cost += sum(abs(r) // q if r % q == 0 else 3 for r in rest)
        if best is not None and cost > best[0][0]:
            continue
        powers = {atoms[i][0]: e for i, e in choice}
        powers.update({u: sympy.Rational(r, q) for (_, u), r in zip(_BASES, rest, strict=True)
                       if r})
        text = _write(powers)
        key = (cost, -sum(atoms[i][2] == 1 for i, _ in choice),
               sum(atoms[i][2] == 2 for i, _ in choice), len(text))
        if best is None or key < best[0]:
            best = (key, text)
    return best[1]


_NAMES = {
    DIMENSIONLESS: "dimensionless",
    _d(length=1): "a length", _d(length=2): "an area", _d(length=3): "a volume",
    _d(time=1): "a time", _d(mass=1): "a mass", _d(temperature=1): "a temperature",
    _d(amount_of_substance=1): "an amount of substance",
    _d(amount_of_substance=1, time=-1): "a flux (an amount per time)",
    _d(amount_of_substance=1, length=-2, time=-1): "a flux density",
    _d(amount_of_substance=1, length=-3): "a concentration",
    _d(amount_of_substance=1, length=-3, time=-1): "a volumetric reaction rate",
    _d(time=-1): "a rate (per time)",
    _d(length=3, amount_of_substance=-1, time=-1): "a second-order rate constant",
    _d(length=2, time=-1): "a diffusion coefficient",
    _d(length=1, time=-1): "a velocity or permeability",
    _d(length=3, time=-1): "a volume flow",
    _ENERGY: "an energy", _ENERGY / _d(time=1): "a power (heat flow)",
    _ENERGY / _d(time=1, length=2): "a heat flux density",
    _ENERGY / _d(time=1, length=1, temperature=1): "a thermal conductivity",
    _d(temperature=1) / (_ENERGY / _d(time=1)): "a thermal resistance",
    _d(current=1): "a current", _d(current=1, length=-2): "a current density",
    _VOLT: "a voltage", _VOLT / _d(current=1): "a resistance",
    _d(current=1) / _VOLT: "a conductance",
    _d(mass=1, length=1, time=-2): "a force", _d(mass=1, length=-1, time=-2): "a pressure",
    _d(mass=1, time=-1): "a mass flow",
}
# Factors a student plausibly forgot, in the words of a hint.
_MULTIPLIERS = (_d(length=1), _d(length=2), _d(length=3), _d(time=1),
                _d(amount_of_substance=1, length=-3), _d(temperature=1), _d(current=1, time=1),
                _VOLT / _d(current=1))


def describe(dim: Dim) -> str | None:
    """A name for a dimension (``"a flux density"``), or None if it has no common name.

    >>> describe(Dim.of({"length": 2, "time": -1}))
    'a diffusion coefficient'
    """
    return _NAMES.get(dim)


def conversion_hint(got: Dim, want: Dim, *, units: Mapping[Dim, str] | None = None) -> str:
    """Say in words how ``got`` differs from ``want`` (``"multiply by an area"``), both
    spelled with :func:`spell` in the problem's ``units`` where it has them.

    >>> flux, density = Dim.of({"amount_of_substance": 1, "time": -1}), Dim.of(
    ...     {"amount_of_substance": 1, "length": -2, "time": -1})
    >>> conversion_hint(density, flux)
    'mol/(m^2*s) is a flux density; the question asks for mol/s (a flux (an amount per time)) \
— multiply by an area'
    """
    missing = want / got
    name_got, name_want = describe(got), describe(want)
    text = spell(got, units) + (f" is {name_got}" if name_got else "")
    text += f"; the question asks for {spell(want, units)}" + (
        f" ({name_want})" if name_want else "")
    if missing in _MULTIPLIERS:
        return f"{text} — multiply by {describe(missing)}"
    if missing ** -1 in _MULTIPLIERS:
        return f"{text} — divide by {describe(missing ** -1)}"
    return f"{text}; they differ by a factor of dimension {spell(missing, units)}"

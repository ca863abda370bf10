r"""Units of problem symbols and the dimensions of expressions built from them.

A problem file gives each symbol a unit string (``"1/s"``, ``"mol/(m^2 s)"``, ``"M"``,
``"m^2/s"``). :func:`parse_unit` reads such a string into a :class:`Dim` (exponents of the
SI base dimensions, from :mod:`sympy.physics.units`; scale factors such as milli or litre
are irrelevant to a dimension and dropped). :func:`dimension_of` walks an expression tree
and propagates dimensions: every term of a sum must have the same dimension, products and
powers combine them, and the argument of ``exp``, ``log`` or a trigonometric function must
be dimensionless (a sum of logarithms may combine into the logarithm of a dimensionless
ratio, ``ln k_1 - ln k_2``).

Substituting units for symbols and letting SymPy collect the result is *not* a dimension
check: ``c_1 - c_2`` with both in mol/m³ collects to zero and π D R² (c₁ − c₂)/L comes out
dimensionless. Walking the tree term by term is.

Examples
--------
>>> from symflux.parsing import parse_expression, symbol
>>> dims = {symbol(n): parse_unit(u) for n, u in
...         [("D", "m^2/s"), ("R", "m"), ("L", "m"), ("c_1", "mol/m^3"), ("c_2", "mol/m^3")]}
>>> print(dimension_of(parse_expression("pi*D*R**2*(c_1 - c_2)/L"), dims))
mol/s
>>> print(dimension_of(parse_expression("D*(c_1 - c_2)/L"), dims))
mol/(m^2*s)
>>> describe(parse_unit("mol/(m^2 s)"))
'a flux density'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import sympy
from sympy.physics import units as u
from sympy.physics.units.systems.si import SI, dimsys_SI

from symflux.errors import DimensionError, ParseError, UnitError

__all__ = ["Dim", "conversion_hint", "describe", "dimension_of", "parse_unit"]

# Base dimensions in display order, with the SI unit that shows them.
_BASES = (("amount_of_substance", "mol"), ("mass", "kg"), ("length", "m"), ("time", "s"),
          ("current", "A"), ("temperature", "K"), ("luminous_intensity", "cd"))
_BASE_UNIT = dict(_BASES)


@dataclass(frozen=True)
class Dim:
    """A physical dimension: exponents of the SI base dimensions (all zero: dimensionless).

    >>> print(parse_unit("m") ** 2 / parse_unit("s"))
    m^2/s
    """

    exponents: tuple[tuple[str, sympy.Rational], ...] = ()

    @classmethod
    def of(cls, mapping: Mapping[str, object]) -> Dim:
        items = {k: sympy.Rational(v) for k, v in mapping.items() if sympy.Rational(v) != 0}
        return cls(tuple(sorted(items.items())))

    def as_dict(self) -> dict[str, sympy.Rational]:
        return dict(self.exponents)

    @property
    def dimensionless(self) -> bool:
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
        """In base units, or with named derived units where they read shorter: V/Ω^2, not
        s^3*A^3/(kg*m^2)."""
        if self.dimensionless:
            return "1"
        return _spelled(self)

    def base_units(self) -> str:
        """In SI base units only (``kg*m^2/s^2``)."""
        return "1" if self.dimensionless else _write({u: self.as_dict().get(b, 0)
                                                      for b, u in _BASES})


def _write(powers: Mapping[str, object]) -> str:
    """``unit^e`` factors over ``/``: ``{"V": 1, "Ω": -2}`` → ``V/Ω^2``."""
    num = [u if e == 1 else f"{u}^{e}" for u, e in powers.items() if e > 0]
    den = [u if e == -1 else f"{u}^{-e}" for u, e in powers.items() if e < 0]
    top = "*".join(num) or "1"
    if not den:
        return top
    return f"{top}/{den[0] if len(den) == 1 else '(' + '*'.join(den) + ')'}"


def _weight(powers: Mapping[str, object]) -> int:
    # A derived unit counts twice a base unit, so it is used only where it saves factors
    # (mol/m^3 stays mol/m^3, not Pa*mol/J); fractional powers count as three.
    return sum((2 if u in _DERIVED else 1) * (abs(int(e)) if sympy.Rational(e).q == 1 else 3)
               for u, e in powers.items())


def _spelled(dim: Dim) -> str:
    """The shortest spelling of ``dim`` as at most two named derived units (powers ±1, ±2)
    times base units; base units alone unless a derived unit makes it shorter."""
    base = {u: dim.as_dict().get(b, 0) for b, u in _BASES}
    best, best_weight = base, _weight(base)
    steps = (-2, -1, 1, 2)
    names = list(_DERIVED)
    options = [((u, e),) for u in names for e in steps]
    options += [((u, e), (w, f)) for i, u in enumerate(names) for w in names[i + 1:]
                for e in steps for f in steps]
    for choice in options:
        rest = dim
        for unit, e in choice:
            rest = rest / _DERIVED[unit] ** e
        powers = {unit: e for unit, e in choice}
        powers.update({u: e for b, u in _BASES if (e := rest.as_dict().get(b, 0))})
        if _weight(powers) < best_weight:
            best, best_weight = powers, _weight(powers)
    return _write({u: e for u, e in best.items() if e})


DIMENSIONLESS = Dim()


def _dim_of_quantity(q) -> Dim:
    deps = dimsys_SI.get_dimensional_dependencies(SI.get_quantity_dimension(q))
    return Dim.of({str(d.args[0]): e for d, e in deps.items()})


# Unit names a problem file may use. "M" is molar (mol/L), "L"/"l" litre.
_UNITS = {
    "m": u.meter, "s": u.second, "g": u.gram, "mol": u.mol, "K": u.kelvin, "A": u.ampere,
    "cd": u.candela, "L": u.liter, "l": u.liter, "N": u.newton, "J": u.joule, "W": u.watt,
    "V": u.volt, "C": u.coulomb, "Pa": u.pascal, "Hz": u.hertz, "S": u.siemens, "Ohm": u.ohm,
    "ohm": u.ohm, "F": u.farad, "eV": u.electronvolt, "Da": u.dalton, "min": u.minute,
    "h": u.hour, "bar": u.pascal, "atm": u.pascal, "cal": u.joule, "rad": None, "sr": None,
}
_DIMS = {name: (DIMENSIONLESS if q is None else _dim_of_quantity(q)) for name, q in _UNITS.items()}
_DIMS["M"] = _DIMS["mol"] / _DIMS["L"]
_DIMS["kg"] = _DIMS["g"]
_DIMS["angstrom"] = _DIMS["m"]
# Entropy in units of Boltzmann's constant, as symflux writes entropy production (k_B/s).
_DIMS["k_B"] = _DIMS["J"] / _DIMS["K"]
_PREFIXES = "pnumcdk"  # pico nano micro milli centi deci kilo (scale is irrelevant)
_TOKEN = re.compile(r"[A-Za-z]+(?:_[A-Za-z]+)?")


def _unit_dim(name: str, text: str) -> Dim:
    if name in _DIMS:
        return _DIMS[name]
    if len(name) > 1 and name[0] in _PREFIXES and name[1:] in _DIMS:
        return _DIMS[name[1:]]
    raise UnitError(f"unknown unit {name!r} in {text!r}; known units: "
                    f"{', '.join(sorted(_DIMS))}, with prefixes p n u m c d k (e.g. mM, nm)")


def parse_unit(text: str) -> Dim:
    """Read a unit string such as ``"mol/(m^2 s)"``, ``"1/(M s)"``, ``"m²/s"`` into a Dim.

    A space, ``*``, ``·`` or ``×`` multiplies; ``/`` divides; ``^`` or ``**`` raises to a
    number; ``²``, ``³`` and ``⁻¹`` are understood; ``µ``/``μ`` is micro. ``"1"``, ``""``,
    ``"-"`` and ``"dimensionless"`` are dimensionless.

    Raises
    ------
    UnitError
        For an unknown unit name or a string that is not a product of powers of units.

    Examples
    --------
    >>> print(parse_unit("1/(M s)"))
    m^3/(mol*s)
    >>> parse_unit("mM") == parse_unit("mol/m^3")
    True
    >>> parse_unit("furlong")
    Traceback (most recent call last):
    ...
    symflux.errors.UnitError: unknown unit 'furlong' in 'furlong'; known units: ...
    """
    from symflux.parsing import parse_expression

    if not isinstance(text, str) or len(text) > 200:
        raise UnitError(f"a unit must be a short string, not {text!r:.60}")
    norm = text.strip()
    if norm in ("", "1", "-", "dimensionless"):
        return DIMENSIONLESS
    for a, b in (("·", "*"), ("⋅", "*"), ("×", "*"), ("²", "^2"), ("³", "^3"), ("⁻¹", "^-1"),
                 ("µ", "u"), ("μ", "u"), ("Å", "angstrom"), ("Ω", "Ohm")):
        norm = norm.replace(a, b)
    norm = re.sub(r"(?<=[\w)])\s+(?=[\w(])", "*", norm)
    names: dict[str, str] = {}

    def placeholder(match):
        name = match.group(0)
        if name not in names:
            names[name] = f"U{len(names)}"
        return names[name]

    coded = _TOKEN.sub(placeholder, norm)
    table = {code: sympy.Symbol(code, positive=True) for code in names.values()}
    try:
        expr = parse_expression(coded, symbols=table)
    except ParseError as err:
        raise UnitError(f"cannot read the unit {text!r}: write units multiplied by spaces or *, "
                        f"divided by /, with ^ for powers, e.g. 'mol/(m^2 s)' ({err})") from None
    dims = {table[code]: _unit_dim(name, text) for name, code in names.items()}
    powers = expr.as_powers_dict() if isinstance(expr, (sympy.Mul, sympy.Pow, sympy.Symbol)) \
        else {}
    if isinstance(expr, sympy.Add) or (not powers and not expr.is_number):
        raise UnitError(f"the unit {text!r} is not a product of powers of units")
    out = DIMENSIONLESS
    for base, exp in powers.items():
        if base.is_number:
            continue  # a scale factor: irrelevant to the dimension
        if base not in dims or not exp.is_Rational:
            raise UnitError(f"the unit {text!r} is not a product of rational powers of units")
        out = out * dims[base] ** exp
    return out


def _d(**exps) -> Dim:
    return Dim.of(exps)


_AMOUNT, _MASS, _L, _T = "amount_of_substance", "mass", "length", "time"
_ENERGY = _d(mass=1, length=2, time=-2)
# Named derived units for display, most common first (ties keep the earlier one).
_DERIVED = {
    "J": _ENERGY, "W": _ENERGY / _d(time=1), "N": _d(mass=1, length=1, time=-2),
    "Pa": _d(mass=1, length=-1, time=-2), "C": _d(current=1, time=1),
    "V": _ENERGY / _d(current=1, time=1), "Ω": _ENERGY / _d(current=2, time=1),
}
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
    _ENERGY / _d(current=1, time=1): "a voltage",
    _d(mass=1, length=1, time=-2): "a force", _d(mass=1, length=-1, time=-2): "a pressure",
    _d(mass=1, time=-1): "a mass flow",
}
# Factors a student plausibly forgot, in the words of a hint.
_MULTIPLIERS = (_d(length=1), _d(length=2), _d(length=3), _d(time=1),
                _d(amount_of_substance=1, length=-3), _d(temperature=1), _d(current=1, time=1))


def describe(dim: Dim) -> str | None:
    """A name for a dimension (``"a flux density"``), or None if it has no common name.

    >>> describe(parse_unit("m^2/s"))
    'a diffusion coefficient'
    """
    return _NAMES.get(dim)


def conversion_hint(got: Dim, want: Dim) -> str:
    """Say in words how ``got`` differs from ``want`` (``"multiply by an area"``).

    >>> conversion_hint(parse_unit("mol/(m^2 s)"), parse_unit("mol/s"))
    'mol/(m^2*s) is a flux density; the question asks for mol/s (a flux (an amount per time)) \
— multiply by an area'
    """
    missing = want / got
    name_got, name_want = describe(got), describe(want)
    text = f"{got}" + (f" is {name_got}" if name_got else "")
    text += f"; the question asks for {want}" + (f" ({name_want})" if name_want else "")
    if missing in _MULTIPLIERS:
        return f"{text} — multiply by {describe(missing)}"
    if missing ** -1 in _MULTIPLIERS:
        return f"{text} — divide by {describe(missing ** -1)}"
    return f"{text}; they differ by a factor of dimension {missing}"


_DIMENSIONLESS_ARG = (sympy.exp, sympy.log, sympy.sin, sympy.cos, sympy.tan, sympy.cot,
                      sympy.sinh, sympy.cosh, sympy.tanh, sympy.coth, sympy.asin, sympy.acos,
                      sympy.atan, sympy.asinh, sympy.acosh, sympy.atanh)


def _log_term(term):
    """``c*log(x)`` with a number c: (c, x); otherwise None."""
    coeff, rest = term.as_coeff_Mul()
    if isinstance(rest, sympy.log) and coeff.is_number:
        return coeff, rest.args[0]
    return None


def _show(expr) -> str:
    text = sympy.sstr(expr)
    return text if len(text) <= 80 else text[:77] + "..."


def dimension_of(expr: sympy.Expr, dims: Mapping[sympy.Symbol, Dim]) -> Dim | None:
    """The dimension of ``expr`` given the dimensions of its symbols.

    Returns None when a symbol without a known dimension decides the result.

    Raises
    ------
    DimensionError
        When the expression is dimensionally inconsistent: terms of a sum differ, or the
        argument of exp/log/sin... or an exponent is not dimensionless. ``.term`` is the
        culprit.

    Examples
    --------
    >>> from symflux.parsing import parse_expression, symbol
    >>> dims = {symbol("k"): parse_unit("1/s"), symbol("t"): parse_unit("s"),
    ...         symbol("c"): parse_unit("M")}
    >>> print(dimension_of(parse_expression("c*exp(-k*t)"), dims))
    mol/m^3
    >>> dimension_of(parse_expression("k + c"), dims)
    Traceback (most recent call last):
    ...
    symflux.errors.DimensionError: the terms of c + k do not all have the same dimension: ...
    >>> dimension_of(parse_expression("exp(t)"), dims)
    Traceback (most recent call last):
    ...
    symflux.errors.DimensionError: the argument of exp must be dimensionless, but t is s ...
    """
    if expr.is_number:
        return DIMENSIONLESS
    if isinstance(expr, sympy.Symbol):
        return dims.get(expr)
    if isinstance(expr, sympy.Add):
        return _add(expr, dims)
    if isinstance(expr, sympy.Mul):
        out = DIMENSIONLESS
        for factor in expr.args:
            d = dimension_of(factor, dims)
            out = None if (out is None or d is None) else out * d
        return out
    if isinstance(expr, sympy.Pow):
        base, exponent = expr.args
        _require_dimensionless(exponent, dims, "an exponent")
        d = dimension_of(base, dims)
        if d is None or d.dimensionless:
            return d
        # A dimensional base to a symbolic power ((L/K)^n written L^n/K^n) has no
        # dimension of its own; the ratio it appears in may still be dimensionless.
        return d ** exponent if exponent.is_Rational else None
    if isinstance(expr, _DIMENSIONLESS_ARG):
        _require_dimensionless(expr.args[0], dims, f"the argument of {type(expr).__name__}")
        return DIMENSIONLESS
    if isinstance(expr, sympy.Abs):
        return dimension_of(expr.args[0], dims)
    return None


def _require_dimensionless(arg, dims, what: str) -> None:
    d = dimension_of(arg, dims)
    if d is not None and not d.dimensionless:
        name = describe(d)
        raise DimensionError(
            f"{what} must be dimensionless, but {_show(arg)} is {d}"
            + (f" ({name})" if name else ""), term=arg)


def _add(expr: sympy.Add, dims) -> Dim | None:
    logs, others = [], []
    for term in expr.args:
        lt = _log_term(term)
        (logs if lt is not None else others).append(lt if lt is not None else term)
    known: list[tuple[sympy.Expr, Dim]] = []
    unknown = False
    if logs:
        # ln a - ln b is the log of a/b: only the combination must be dimensionless.
        total = DIMENSIONLESS
        for coeff, arg in logs:
            d = dimension_of(arg, dims)
            if d is None:
                unknown = True
                break
            if not coeff.is_Rational:
                _require_dimensionless(arg, dims, "the argument of log")
                continue
            total = total * d ** coeff
        if not unknown and not total.dimensionless:
            combined = sympy.Add(*(c * sympy.log(a) for c, a in logs))
            raise DimensionError(
                f"the logarithms {_show(combined)} do not combine into the log of a "
                f"dimensionless ratio (what is left has dimension {total})", term=combined)
        known.append((sympy.Add(*(c * sympy.log(a) for c, a in logs)), DIMENSIONLESS))
    for term in others:
        d = dimension_of(term, dims)
        if d is None:
            unknown = True
        else:
            known.append((term, d))
    if known:
        counts: dict[Dim, int] = {}
        for _, d in known:
            counts[d] = counts.get(d, 0) + 1
        majority = max(counts, key=lambda d: counts[d])
        for term, d in known:
            if d != majority:
                ref = next(t for t, e in known if e == majority)
                raise DimensionError(
                    f"the terms of {_show(expr)} do not all have the same dimension: "
                    f"{_show(term)} is {d} but {_show(ref)} is {majority}", term=term)
    if unknown or not known:
        return None
    return known[0][1]

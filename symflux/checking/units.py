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
dimensionless. Walking the tree term by term is. The :class:`Dim` record, its spelling
in named units and its names in words are in :mod:`symflux.checking.dimension`.

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

import sympy
from sympy.physics import units as u
from sympy.physics.units.systems.si import SI, dimsys_SI

from symflux.checking.dimension import DIMENSIONLESS, Dim, conversion_hint, describe, spell
from symflux.errors import DimensionError, ParseError, UnitError

__all__ = ["Dim", "conversion_hint", "describe", "dimension_of", "parse_unit", "unit_names"]


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



def unit_names(units) -> dict[Dim, str]:
    """The unit strings a problem uses, by dimension, for writing dimensions in them
    (:func:`~symflux.checking.dimension.spell`): the shortest string of each dimension;
    unreadable, empty and dimensionless ones are left out.

    >>> sorted(unit_names(["1/s", "M", "mM", None, "furlong", "1"]).values())
    ['1/s', 'M']
    """
    out: dict[Dim, str] = {}
    for text in sorted({t.strip() for t in units if isinstance(t, str) and t.strip()},
                       key=lambda t: (len(t), t)):
        try:
            dim = parse_unit(text)
        except UnitError:
            continue
        if not dim.dimensionless:
            out.setdefault(dim, text)
    return out


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


def dimension_of(expr: sympy.Expr, dims: Mapping[sympy.Symbol, Dim], *,
                 units: Mapping[Dim, str] | None = None) -> Dim | None:
    """The dimension of ``expr`` given the dimensions of its symbols.

    Returns None when a symbol without a known dimension decides the result. Messages
    write dimensions in the problem's ``units`` where it has them (see :func:`unit_names`).

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
        return _add(expr, dims, units)
    if isinstance(expr, sympy.Mul):
        out = DIMENSIONLESS
        for factor in expr.args:
            d = dimension_of(factor, dims, units=units)
            out = None if (out is None or d is None) else out * d
        return out
    if isinstance(expr, sympy.Pow):
        base, exponent = expr.args
        _require_dimensionless(exponent, dims, "an exponent", units)
        d = dimension_of(base, dims, units=units)
        if d is None or d.dimensionless:
            return d
        # A dimensional base to a symbolic power ((L/K)^n written L^n/K^n) has no
        # dimension of its own; the ratio it appears in may still be dimensionless.
        return d ** exponent if exponent.is_Rational else None
    if isinstance(expr, _DIMENSIONLESS_ARG):
        _require_dimensionless(expr.args[0], dims, f"the argument of {type(expr).__name__}",
                               units)
        return DIMENSIONLESS
    if isinstance(expr, sympy.Abs):
        return dimension_of(expr.args[0], dims, units=units)
    return None


def _require_dimensionless(arg, dims, what: str, units=None) -> None:
    d = dimension_of(arg, dims, units=units)
    if d is not None and not d.dimensionless:
        name = describe(d)
        raise DimensionError(
            f"{what} must be dimensionless, but {_show(arg)} is {spell(d, units)}"
            + (f" ({name})" if name else ""), term=arg)


def _add(expr: sympy.Add, dims, units=None) -> Dim | None:
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
            d = dimension_of(arg, dims, units=units)
            if d is None:
                unknown = True
                break
            if not coeff.is_Rational:
                _require_dimensionless(arg, dims, "the argument of log", units)
                continue
            total = total * d ** coeff
        if not unknown and not total.dimensionless:
            combined = sympy.Add(*(c * sympy.log(a) for c, a in logs))
            raise DimensionError(
                f"the logarithms {_show(combined)} do not combine into the log of a "
                f"dimensionless ratio (what is left has dimension {spell(total, units)})",
                term=combined)
        known.append((sympy.Add(*(c * sympy.log(a) for c, a in logs)), DIMENSIONLESS))
    for term in others:
        d = dimension_of(term, dims, units=units)
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
                    f"{_show(term)} is {spell(d, units)} but {_show(ref)} is "
                    f"{spell(majority, units)}", term=term)
    if unknown or not known:
        return None
    return known[0][1]

r"""Resistances of transport paths, derived from their geometry.

At steady state the flux ``I`` through every cross-section of a path is the same
(``dI/dx = 0``) and obeys the local law ``I = -D(x) A(x) dφ/dx``. Separating and
integrating gives Ohm's law ``Δφ = I R`` with

.. math:: R = \int_a^b \frac{dx}{D(x) A(x)}.

:func:`path_resistance` evaluates this integral with its steps; :func:`element`
applies it to named geometries (a slab, a pore, shells, a sphere or hemisphere to
infinity) and adds elements that are defined by a coefficient (a convective film
``1/(hA)``, a membrane ``1/(PA)``) or need more than a 1-D integral (the microdisk,
Saito's ``1/(4Da)``). A path whose integral diverges has no steady state, and
:class:`~symflux.errors.NoSteadyState` says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import sympy

from symflux.derivation import Derivation, Quantity, Step, SymbolInfo
from symflux.errors import GraphError, NoSteadyState

__all__ = ["ELEMENTS", "ElementSpec", "as_expression", "element", "path_resistance"]

R_SYMBOL = sympy.Symbol("R", positive=True)


def as_expression(value, what: str, symbols: dict | None = None) -> sympy.Expr:
    """A SymPy expression from user input: parsed safely if text, checked otherwise.

    >>> as_expression("pi*R**2", "area")
    pi*R**2
    >>> as_expression(2, "length")
    2
    """
    from symflux.parsing.values import to_expr

    if isinstance(value, bool) or not isinstance(value, str | sympy.Basic | int | float):
        raise GraphError(f"{what} must be an expression or text such as 'D_1', "
                         f"not {type(value).__name__}")
    return to_expr(value, what=what, symbols=symbols)


def _absorb_sign(expr: sympy.Expr) -> sympy.Expr:
    """``-(a - b)/c`` → ``(b - a)/c``: a minus sign moved into a difference."""
    coefficient, rest = expr.as_coeff_Mul()
    if coefficient.is_negative:
        factors = list(sympy.Mul.make_args(rest))
        for i, f in enumerate(factors):
            if isinstance(f, sympy.Add):
                factors[i] = sympy.expand(-f)
                return sympy.Mul(-coefficient, *factors)
    return expr


def _combine_logs(expr: sympy.Expr) -> sympy.Expr:
    """``c log b - c log a`` → ``c log(b/a)``."""
    expr = sympy.expand(sympy.expand_log(expr, force=True))
    logs = sorted(expr.atoms(sympy.log), key=sympy.default_sort_key)
    if len(logs) < 2:
        return expr
    coefficients = [expr.coeff(g) for g in logs]
    rest = sympy.simplify(expr - sum(c * g for c, g in zip(coefficients, logs, strict=True)))
    base = coefficients[-1]
    ratios = [sympy.cancel(c / base) for c in coefficients]
    if rest != 0 or any(r not in (1, -1) for r in ratios):
        return expr
    argument = sympy.cancel(sympy.Mul(*(g.args[0] ** r for g, r in zip(logs, ratios, strict=True))))
    return sympy.factor(base) * sympy.log(argument)


def _clean(expr: sympy.Expr) -> sympy.Expr:
    """A textbook form of an evaluated integral: logs combined, fractions cancelled."""
    if expr.has(sympy.log):
        return _combine_logs(expr)
    return _absorb_sign(sympy.factor(sympy.simplify(expr)))


def _divergence_reason(D, area, x, a, b) -> str:
    """Why ∫dx/(DA) is infinite, in words a student can act on."""
    if b is sympy.oo or a is -sympy.oo:
        growth = sympy.limit(1 / (D * area) * x, x, sympy.oo) if b is sympy.oo else None
        if growth is not None and growth is sympy.oo:
            return ("the area does not grow with distance (a planar, one-dimensional path): the "
                    "resistance grows like the distance itself. Diffusion to a plane electrode "
                    "has no steady state: the depleted layer keeps growing like sqrt(D t) and "
                    "the current decays as the Cottrell current n F A C sqrt(D/(pi t)) ~ "
                    "t**(-1/2)")
        return ("the area grows only like the distance (a two-dimensional, cylindrical path): "
                "the resistance grows like the logarithm of the distance, so the current "
                "decays forever, slowly (like 1/ln t). A radial path to infinity in d "
                "dimensions has a finite resistance only for d = 3, where A ~ r**2")
    return "the integrand is not integrable between the ends (a zero area or coefficient)"


def _one_edge(resistance, path=None, disk=None, name=None, layer=None) -> nx.MultiGraph:
    # The geometry (path, disk, layer) is what validation solves; it never reads
    # the resistance stored beside it.
    T = nx.MultiGraph()
    attrs = {"resistance": resistance}
    if path is not None:
        attrs["path"] = path
    if disk is not None:
        attrs["disk"] = disk
    if layer is not None:
        attrs["layer"] = layer
    if name is not None:
        attrs["element"] = name
    T.add_edge("start", "end", key=0, **attrs)
    return T


def path_resistance(D: sympy.Expr | str, span: tuple, area: sympy.Expr | str = 1, *,
                    position: str | sympy.Symbol = "x", title: str | None = None,
                    symbols: dict | None = None) -> Derivation:
    r"""The resistance ``R = ∫_a^b dx / (D(x) A(x))`` of a 1-D path, with its steps.

    Parameters
    ----------
    D : sympy.Expr or str
        Transport coefficient (diffusion coefficient, thermal conductivity...) as a
        function of the position ``x``.
    span : (a, b)
        The ends of the path; ``b`` may be ``oo`` (``sympy.oo`` or the text ``"oo"``).
    area : sympy.Expr or str
        Cross-sectional area as a function of ``position`` (default 1: per unit area).
    position : sympy.Symbol or str
        The position along the path (default ``x``). The arguments come in the order
        of :func:`~symflux.transport.paths.path_flux`: coefficient, (ends,) span, area,
        then keyword options.
    title : str, optional
        What the path is.
    symbols : dict, optional
        Descriptions of the symbols (``Symbol → SymbolInfo``).

    Returns
    -------
    Derivation
        Kind ``"transport"``, result ``R``; its model is a one-edge transport
        network ``start — end`` whose edge carries the path, so validation
        integrates ``1/(DA)`` numerically.

    Raises
    ------
    NoSteadyState
        if the integral diverges, saying why (the dimension of the path).

    Notes
    -----
    One symbolic integral ``∫ dx / (D A)`` over the span (SymPy's ``integrate``); its
    divergence at an infinite end is what ``NoSteadyState`` reports.

    Examples
    --------
    >>> path_resistance("D", ("a", "b"), "4*pi*r**2", position="r")["R"]
    (-a + b)/(4*pi*D*a*b)
    >>> path_resistance("D", (0, "oo"), "A")
    Traceback (most recent call last):
    ...
    symflux.errors.NoSteadyState: R = ∫ dx/(D A) from 0 to oo diverges: ...
    """
    from symflux.parsing import symbol

    if not isinstance(span, tuple | list) or len(span) != 2:
        raise GraphError(f"span must be the two ends (a, b) of the path, not {span!r}")
    a, b = span
    x = symbol(position) if isinstance(position, str) else position
    local = {x.name: x}
    D, area = as_expression(D, "D", local), as_expression(area, "area", local)
    a = sympy.oo if a == "oo" else as_expression(a, "start")
    b = sympy.oo if b == "oo" else as_expression(b, "end")
    integrand = 1 / (D * area)
    integral = sympy.Integral(integrand, (x, a, b))
    value = sympy.integrate(integrand, (x, a, b), conds="none")
    steps = [
        Step("The flux is the same through every cross-section",
             sympy.Eq(sympy.Derivative(sympy.Function("I")(x), x), 0),
             "steady state: nothing accumulates between two cross-sections"),
        Step("Local flux law", sympy.Eq(sympy.Symbol("I"),
             -D * area * sympy.Derivative(sympy.Function("phi")(x), x)),
             "Fick's (Fourier's, Ohm's) law times the area"),
        Step("Separate and integrate from end to end: Δφ = I R",
             sympy.Eq(R_SYMBOL, integral, evaluate=False),
             "dφ = -I dx/(D A), with I constant"),
    ]
    if value.has(sympy.oo, sympy.zoo) or value is sympy.nan:
        raise NoSteadyState(
            f"R = ∫ d{x}/(D A) from {a} to {b} diverges: {_divergence_reason(D, area, x, a, b)}")
    if not value.has(sympy.Integral):
        value = _clean(value)
    steps.append(Step("Evaluate the integral", sympy.Eq(R_SYMBOL, value, evaluate=False),
                      "elementary integration" if not value.has(sympy.Integral)
                      else "no closed form; kept as an integral"))
    path = {"D": D, "area": area, "x": x, "a": a, "b": b}
    return Derivation(
        title=title or "Resistance of a path",
        kind="transport",
        model=_one_edge(value, path=path),
        results={"R": value},
        steps=tuple(steps),
        symbols={R_SYMBOL: SymbolInfo("resistance of the path", "s/m^3"), **(symbols or {})},
        assumptions=("steady state", "no sources or sinks along the path",
                     "the potential is uniform over each cross-section"),
        quantities={"R": Quantity("resistance", ("start", "end", 0))},
    )


@dataclass(frozen=True)
class ElementSpec:
    """A named element: its parameters (name → description, unit) and how it is built."""

    name: str
    description: str
    parameters: dict[str, tuple[str, str]]
    build: Callable


def _sym(name: str) -> sympy.Symbol:
    return sympy.Symbol(name, positive=True)


def _geometric(description: str, variable: str, area: Callable, ends: Callable):
    def build(spec, p):
        x = _sym(variable)
        a, b = ends(p)
        return path_resistance(p["D"], (a, b), area(p, x), position=x, title=description)
    return build


def _defined(formula: Callable, reason: str, disk: bool = False, layer: str | None = None):
    def build(spec, p):
        value = formula(p)
        steps = (Step(f"Resistance of a {spec.name}", sympy.Eq(R_SYMBOL, value, evaluate=False),
                      reason),)
        geometry = {"D": p["D"], "a": p["a"]} if disk else None
        sheet = {"coefficient": p[layer], "area": p["A"]} if layer else None
        quantities = {"R": Quantity("resistance", ("start", "end", 0))}
        return Derivation(
            title=spec.description, kind="transport",
            model=_one_edge(value, disk=geometry, name=spec.name, layer=sheet),
            results={"R": value}, steps=steps,
            symbols={R_SYMBOL: SymbolInfo(f"resistance of the {spec.name}", "s/m^3")},
            assumptions=("steady state",), quantities=quantities,
        )
    return build


_D = ("diffusion coefficient (or conductivity)", "m^2/s")
_A = ("cross-sectional area", "m^2")
_SAITO = ("the disk is not a 1-D path; Laplace's equation in oblate spheroidal coordinates "
          "gives the steady current 4 n F D C a to a disk of radius a in an insulating plane "
          "(Saito, Rev. Polarogr. 15, 177 (1968)), i.e. R = 1/(4 D a)")

ELEMENTS: dict[str, ElementSpec] = {}


def _add(name, description, parameters, build):
    ELEMENTS[name] = ElementSpec(name, description, parameters, build)


_add("slab", "Resistance of a slab (plane sheet)", {"D": _D, "A": _A, "L": ("thickness", "m")},
     _geometric("Resistance of a slab (plane sheet)", "x", lambda p, x: p["A"],
                lambda p: (0, p["L"])))
_add("pore", "Resistance of a cylindrical pore",
     {"D": _D, "R": ("pore radius", "m"), "L": ("pore length", "m")},
     _geometric("Resistance of a cylindrical pore", "x", lambda p, x: sympy.pi * p["R"] ** 2,
                lambda p: (0, p["L"])))
_add("cylindrical_shell", "Resistance of a cylindrical shell (radial)",
     {"D": _D, "a": ("inner radius", "m"), "b": ("outer radius", "m"), "L": ("length", "m")},
     _geometric("Resistance of a cylindrical shell (radial)", "r",
                lambda p, r: 2 * sympy.pi * r * p["L"], lambda p: (p["a"], p["b"])))
_add("spherical_shell", "Resistance of a spherical shell (radial)",
     {"D": _D, "a": ("inner radius", "m"), "b": ("outer radius", "m")},
     _geometric("Resistance of a spherical shell (radial)", "r",
                lambda p, r: 4 * sympy.pi * r**2, lambda p: (p["a"], p["b"])))
_add("sphere_to_infinity", "Resistance from a sphere to infinity",
     {"D": _D, "a": ("sphere radius", "m")},
     _geometric("Resistance from a sphere to infinity", "r",
                lambda p, r: 4 * sympy.pi * r**2, lambda p: (p["a"], sympy.oo)))
_add("hemisphere_to_infinity", "Resistance from a hemisphere on a plane to infinity",
     {"D": _D, "a": ("hemisphere radius", "m")},
     _geometric("Resistance from a hemisphere on a plane to infinity", "r",
                lambda p, r: 2 * sympy.pi * r**2, lambda p: (p["a"], sympy.oo)))
_add("cylinder_to_infinity", "Resistance from a long cylinder to infinity",
     {"D": _D, "a": ("cylinder radius", "m"), "L": ("length", "m")},
     _geometric("Resistance from a long cylinder to infinity", "r",
                lambda p, r: 2 * sympy.pi * r * p["L"], lambda p: (p["a"], sympy.oo)))
_add("planar", "Resistance of planar semi-infinite diffusion", {"D": _D, "A": _A},
     _geometric("Resistance of planar semi-infinite diffusion", "x", lambda p, x: p["A"],
                lambda p: (0, sympy.oo)))
_add("film", "Resistance of a convective film (heat or mass transfer coefficient)",
     {"h": ("transfer coefficient", "m/s"), "A": _A},
     _defined(lambda p: 1 / (p["h"] * p["A"]),
              "definition of the transfer coefficient: flux = h A Δφ", layer="h"))
_add("membrane", "Resistance of a membrane of permeability P",
     {"P": ("permeability", "m/s"), "A": _A},
     _defined(lambda p: 1 / (p["P"] * p["A"]), "definition of the permeability: flux = P A Δc",
              layer="P"))
_add("microdisk", "Access resistance of a disk electrode in an insulating plane",
     {"D": _D, "a": ("disk radius", "m")},
     _defined(lambda p: 1 / (4 * p["D"] * p["a"]), _SAITO, disk=True))
_add("access", "Access resistance of a circular mouth (a disk) opening into a half-space",
     {"D": _D, "a": ("mouth radius", "m")},
     _defined(lambda p: 1 / (4 * p["D"] * p["a"]),
              "the mouth is a disk in an insulating plane: " + _SAITO
              + "; Hall, J. Gen. Physiol. 66, 531 (1975)", disk=True))


def element(name: str, symbols: dict | None = None, **params: sympy.Expr | str) -> Derivation:
    """The resistance of a named element, as a Derivation with result ``R``.

    Parameters
    ----------
    name : str
        One of ``slab``, ``pore``, ``cylindrical_shell``, ``spherical_shell``,
        ``sphere_to_infinity``, ``hemisphere_to_infinity``, ``cylinder_to_infinity``,
        ``planar``, ``film``, ``membrane``, ``microdisk``, ``access``.
    symbols : dict, optional
        Name → SymPy symbol for the parser (e.g. declared real symbols).
    **params
        The element's parameters as expressions or text (``D="D_1"``). A parameter
        not given is the symbol of its own name (``D``, ``L``...).

    Returns
    -------
    Derivation
        Kind ``"transport"``, result ``R``, with its steps; the model is a one-edge
        network ``start — end`` whose edge keeps ``element``, ``parameters`` and what
        validation solves again (the ``path`` integrated, a ``disk`` or a ``layer``).

    Raises
    ------
    GraphError
        for an unknown element or parameter, or a parameter that is neither an
        expression nor text.
    ParseError, LimitError
        for a parameter text that does not parse, or an expression past a limit.
    NoSteadyState
        for ``planar`` and ``cylinder_to_infinity``: their resistance is infinite.

    Notes
    -----
    A geometric element costs one symbolic integral ``∫ dx/(D A)``
    (:func:`path_resistance`); ``film`` and ``membrane`` are the definitions ``1/(hA)``
    and ``1/(PA)``; ``microdisk`` and ``access`` are Saito's ``1/(4Da)`` (Saito,
    *Rev. Polarogr.* 15:177 (1968); Hall, *J. Gen. Physiol.* 66:531 (1975)). The
    geometric ones are the steady states of Crank, *The Mathematics of Diffusion*
    (2nd ed., 1975), ch. 4–6 (plane sheet, cylinder, sphere).

    Examples
    --------
    >>> element("pore")["R"]
    L/(pi*D*R**2)
    >>> element("slab", D="k_1", A="A", L="L_1")["R"]
    L_1/(A*k_1)
    >>> element("hemisphere_to_infinity", D="D", a="r_0")["R"]
    1/(2*pi*D*r_0)
    >>> element("cylindrical_shell")["R"]
    log(b/a)/(2*pi*D*L)
    >>> element("planar")
    Traceback (most recent call last):
    ...
    symflux.errors.NoSteadyState: R = ∫ dx/(D A) from 0 to oo diverges: the area ...
    """
    if not isinstance(name, str) or name not in ELEMENTS:
        raise GraphError(f"unknown element {name!r}; known: {', '.join(ELEMENTS)}")
    spec = ELEMENTS[name]
    unknown = sorted(set(params) - set(spec.parameters))
    if unknown:
        raise GraphError(f"element {name!r} has no parameter(s) {', '.join(unknown)}; its "
                         f"parameters are {', '.join(spec.parameters)}")
    values = {p: as_expression(params.get(p, p), f"{name} parameter {p}", symbols)
              for p in spec.parameters}
    d = spec.build(spec, values)
    info = dict(d.symbols)
    for p, (description, unit) in spec.parameters.items():
        if isinstance(values[p], sympy.Symbol):
            info.setdefault(values[p], SymbolInfo(description, unit))
    model = d.model
    for _, _, data in model.edges(data=True):
        data["element"] = name
        data["parameters"] = values
    return Derivation(title=spec.description, kind=d.kind, model=model, results=d.results,
                      steps=d.steps, symbols=info, assumptions=d.assumptions,
                      quantities=d.quantities)

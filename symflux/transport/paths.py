r"""Steady transport along a 1-D continuum path: flux, profile and steps.

The flux ``I`` through a path from ``x = a`` to ``x = b`` is constant at steady
state and obeys

.. math:: I = -D A \left(\frac{dc}{dx} + c \frac{dU}{dx}\right),

with the transport coefficient ``D`` (a function of position, or of the
concentration — ``D(c)``, or of temperature ``k(T)`` for heat), the area
``A(x)`` and the potential energy ``U(x)`` in units of ``k_B T`` (drift–diffusion).

- ``U = 0``, ``D = f(c) h(x)``: the Kirchhoff transformation ``F(c) = ∫ f dc``
  makes the problem linear: ``I ∫_a^b dx/(h A) = F(c_a) − F(c_b)``; the profile
  follows from ``F(c(x))`` and is given as ``c(x)`` where ``F`` inverts and as
  ``x(c)`` otherwise.
- ``U ≠ 0``, ``D = D(x)``: multiplying by ``e^{U}`` gives
  ``I ∫_a^b e^{U}/(D A) dx = c_a e^{U(a)} − c_b e^{U(b)}``; a linear ``U`` is the
  constant-field Goldman–Hodgkin–Katz flux.
- A closed end (no flux through it): ``I = 0``, and the profile is the
  Boltzmann distribution ``c(x) = c_a e^{U(a) − U(x)}`` (sedimentation equilibrium).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import sympy

from symflux.budget import OutOfTime, time_budget
from symflux.derivation import Derivation, Quantity, Step, SymbolInfo
from symflux.errors import GraphError
from symflux.parsing.values import to_expr
from symflux.transport.elements import _combine_logs, as_expression

__all__ = ["CLOSED", "ContinuumPath", "path_flux"]

MAX_PROFILE_OPS = 60

#: Marks an end through which nothing flows (a closed end: the path is at equilibrium).
CLOSED = "closed"


@dataclass(frozen=True)
class ContinuumPath:
    """A 1-D path model: what validation hands to the BVP solver.

    ``end_values[1]`` is None for a closed end.
    """

    D: sympy.Expr
    area: sympy.Expr
    energy: sympy.Expr
    position: sympy.Symbol
    variable: sympy.Symbol
    span: tuple
    end_values: tuple


def _pick_root(roots, x, c_of_a, a, b, c_b, params):
    """The root of F(c) = rhs(x) that meets both boundary values (numerically checked)."""
    rng = random.Random(1)
    for root in roots:
        ok = True
        for _ in range(3):
            point = {s: sympy.Float(rng.uniform(0.5, 2.0)) for s in params}
            for end, want in ((a, c_of_a), (b, c_b)):
                got = sympy.N(root.xreplace({x: end}).xreplace(point), 20)
                target = sympy.N(want.xreplace(point), 20)
                if not got.is_real or abs(got - target) > 1e-8 * (1 + abs(target)):
                    ok = False
        if ok:
            return root
    return None


def path_flux(D: sympy.Expr | str, ends: tuple, span: tuple, area: sympy.Expr | str = 1, *,
              energy: sympy.Expr | str = 0, position: str = "x", variable: str = "c",
              symbols: dict | None = None) -> Derivation:
    """Steady flux and profile along a 1-D path.

    Parameters
    ----------
    D : expression or text
        Transport coefficient: a function of ``position`` and/or ``variable``.
    ends : (c_a, c_b)
        Values of the variable at the two ends; ``c_b = "closed"`` for an end that
        lets nothing through (equilibrium).
    span : (a, b)
        Positions of the ends.
    area : expression or text
        Cross-section as a function of position (default 1: ``J`` is a flux density).
    energy : expression or text
        Potential energy over ``k_B T`` as a function of position (default 0).
    position, variable : str
        Names of the coordinate and of the transported potential (``c``, ``T``...).
    symbols : dict, optional
        Name → SymPy symbol for the parser (declared real symbols).

    Returns
    -------
    Derivation
        Kind ``"path"``; results ``J`` (the flux from ``a`` to ``b``) and the
        profile ``<variable>`` as a function of position (or ``<position>`` as a
        function of the variable when the profile does not invert), and ``R`` when
        the problem is linear without drift.

    Raises
    ------
    GraphError
        if ``D`` depends on the variable while there is a potential energy (not
        separable), or on a product it cannot separate.

    Notes
    -----
    One symbolic integral of ``1/(D A)`` (or of the drift-weighted integrand) along the
    path, and an inversion of the profile where SymPy finds one; the inversion runs
    under the time budget ``time_budget`` and falls back to ``<position>`` as a function
    of the variable. Crank, *The Mathematics of Diffusion* (2nd ed., 1975), ch. 5.

    Examples
    --------
    >>> d = path_flux("D_0*(1 + a*c)", ("c_1", "c_2"), (0, "L"))
    >>> d["J"]
    D_0*(c_1 - c_2)*(a*c_1 + a*c_2 + 2)/(2*L)
    >>> path_flux("D", ("c_0", "closed"), (0, "h"), energy="m*g*x/(k_B*T)",
    ...           )["c"]
    c_0*exp(-g*m*x/(T*k_B))
    """
    model = _path_model(D, ends, span, area, energy, position, variable, symbols)
    D, area, energy, x, c = model.D, model.area, model.energy, model.position, model.variable
    (a, b), c_b = model.span, model.end_values[1]
    closed = c_b is None
    flux_symbol = sympy.Symbol("J")
    s = sympy.Dummy("s", positive=True)
    steps = [
        Step("Steady state: the flux is the same through every cross-section",
             sympy.Eq(sympy.Derivative(sympy.Function("J")(x), x), 0),
             "nothing accumulates between two cross-sections"),
        Step("Flux law (diffusion and drift)", sympy.Eq(flux_symbol, -D * area * (
            sympy.Derivative(sympy.Function(c.name)(x), x)
            + sympy.Function(c.name)(x) * sympy.diff(energy, x))),
            "Fick's law with the drift of a force -dU/dx, U in units of k_B T"),
    ]
    results, quantities, constraints = {}, {}, {}
    if closed:
        J, profile, more = _closed_end(model, flux_symbol)
    elif energy != 0:
        J, profile, more = _with_drift(model, flux_symbol, s)
    else:
        J, profile, more = _kirchhoff(model, flux_symbol, s, results, quantities, constraints)
    steps += more
    results = {"J": J, **results}
    quantities["J"] = Quantity("path_flux")
    if c.name not in results and x.name not in results:
        results[c.name] = profile
        quantities[c.name] = Quantity("profile")
        t = sympy.Symbol(f"s_{x.name}", positive=True)
        constraints[x] = a + (b - a) * t / (1 + t)
    return Derivation(
        title="Steady flux along a 1-D path", kind="path", model=model,
        results=results, steps=tuple(steps), symbols=_path_symbols(model, flux_symbol,
                                                                   constraints),
        assumptions=("steady state", "transport along x only",
                     "the potential is uniform over each cross-section"),
        quantities=quantities, constraints=constraints,
    )


def _path_model(D, ends, span, area, energy, position, variable, symbols) -> ContinuumPath:
    """The user's texts and expressions parsed (safely) into a :class:`ContinuumPath`."""
    from symflux.parsing import symbol

    x, c = symbol(position), symbol(variable)
    local = dict(symbols or {})
    local.update({position: x, variable: c})
    D = as_expression(D, "D", local)
    area = as_expression(area, "area", local)
    energy = as_expression(energy, "energy", local)
    a, b = (as_expression(s, "an end of the span", local) for s in span)
    c_a = as_expression(ends[0], "the value at the start", local)
    closed = isinstance(ends[1], str) and ends[1].strip() == CLOSED
    c_b = None if closed else as_expression(ends[1], "the value at the end", local)
    if area.has(c) or energy.has(c):
        raise GraphError(f"the area and the energy may depend on the position {x} only, not on "
                         f"the {variable}")
    return ContinuumPath(D, area, energy, x, c, (a, b), (c_a, c_b))


def _path_symbols(model: ContinuumPath, flux_symbol, constraints: dict) -> dict:
    """What each symbol of a path's Derivation means, sampling coordinates included."""
    x, c = model.position, model.variable
    ends = {*model.span, *(v for v in model.end_values if v is not None)}
    info = {
        flux_symbol: SymbolInfo("steady flux from the start to the end (per unit area if no area "
                      "is given)", "mol/s"),
        x: SymbolInfo("position along the path", "m"),
        c: SymbolInfo("transported potential (concentration, temperature...)"),
    }
    for t in constraints.values():
        for q in t.free_symbols - ends:
            if q.name.startswith("s_"):
                info[q] = SymbolInfo("sampling coordinate that places validation points inside "
                                     "the path")
    return info


def _closed_end(model: ContinuumPath, flux_symbol):
    """A closed end: no flux, and the Boltzmann profile."""
    c, x = model.variable, model.position
    energy, (a, _), (c_a, _) = model.energy, model.span, model.end_values
    J, profile = sympy.Integer(0), c_a * sympy.exp(energy.subs(x, a) - energy)
    return J, profile, [
        Step("A closed end lets nothing through, so J = 0 everywhere",
             sympy.Eq(flux_symbol, 0),
             "equilibrium: drift balances diffusion at every point"),
        Step("Integrate dc/dx = -c dU/dx: the Boltzmann distribution",
             sympy.Eq(sympy.Function(c.name)(x), profile), "separable"),
    ]


def _with_drift(model: ContinuumPath, flux_symbol, s):
    """Diffusion with drift in a potential energy U(x): the integrating factor e^U."""
    D, area, energy, x, c = model.D, model.area, model.energy, model.position, model.variable
    (a, b), (c_a, c_b) = model.span, model.end_values
    if D.has(c):
        raise GraphError(f"D depends on the {c} and there is a potential energy: the "
                         "equation is not separable; give D as a function of position only")
    weight = sympy.exp(energy) / (D * area)
    total = sympy.integrate(weight, (x, a, b), conds="none")
    drive = c_a * sympy.exp(energy.subs(x, a)) - c_b * sympy.exp(energy.subs(x, b))
    J = _tidy(drive / total)
    partial = sympy.integrate(weight.subs(x, s), (s, a, x), conds="none")
    profile = sympy.simplify(sympy.exp(-energy) * (c_a * sympy.exp(energy.subs(x, a))
                                                   - J * partial))
    return J, profile, [
        Step("Multiply by e^U/(D A): the left side is an exact derivative",
             sympy.Eq(flux_symbol * sympy.exp(energy) / (D * area), -sympy.Derivative(
                 sympy.Function(c.name)(x) * sympy.exp(energy), x)),
             "the integrating factor of the drift term"),
        Step("Integrate from end to end", sympy.Eq(flux_symbol, J, evaluate=False),
             "J ∫ e^U/(D A) dx = c_a e^{U(a)} − c_b e^{U(b)}"),
        Step("Profile: integrate from the start to x",
             sympy.Eq(sympy.Function(c.name)(x), profile), ""),
    ]


def _kirchhoff(model: ContinuumPath, flux_symbol, s, results, quantities, constraints):
    """No drift: the Kirchhoff transformation F(c) = ∫ f dc for D = f(c) h(x).

    Adds ``R`` (a linear law) or, where c(x) cannot be written readably, ``x(c)`` with its
    sampling constraint to the caller's ``results``/``quantities``/``constraints``.
    """
    D, area, x, c = model.D, model.area, model.position, model.variable
    (a, b), (c_a, c_b) = model.span, model.end_values
    parts = sympy.separatevars(D, symbols=[x, c], dict=True)
    if parts is None:
        raise GraphError(f"D = {D} is not a product of a function of {x} and a function "
                         f"of {c}; the Kirchhoff transformation needs D = f({c}) h({x})")
    f = parts[c] * parts["coeff"]
    h = parts[x]
    F = sympy.integrate(f, c)
    resistance = sympy.integrate(1 / (h * area), (x, a, b), conds="none")
    if resistance.has(sympy.log):
        resistance = _combine_logs(resistance)
    drive = F.subs(c, c_a) - F.subs(c, c_b)
    J = (sympy.factor(drive) / resistance if resistance.has(sympy.log)
         else _tidy(drive / resistance))
    steps = [Step("Kirchhoff transformation: F(c) = ∫ D dc turns J = -D dc/dx into "
                  "J = -dF/dx (per unit h A)", sympy.Eq(sympy.Function("F")(c), F),
                  "D depends on the variable only through the factor f(c)")
             if f.has(c) else Step("Separate and integrate", None, "linear flux law")]
    steps.append(Step("Integrate from end to end",
                      sympy.Eq(flux_symbol, J, evaluate=False),
                      "J ∫ dx/(h A) = F(c_a) − F(c_b)"))
    if not f.has(c):
        R = resistance / parts["coeff"]
        results["R"], quantities["R"] = R, Quantity("path_resistance")
    rhs = F.subs(c, c_a) - J * sympy.integrate(1 / (h * area).subs(x, s), (s, a, x),
                                               conds="none")
    implicit = sympy.Eq(F, rhs)
    params = (D.free_symbols | {c_a, c_b, a, b} | area.free_symbols) - {x, c}
    params = {p for e in params for p in to_expr(e).free_symbols}
    if not f.has(c):
        # linear: the potential falls in proportion to the resistance passed
        passed = sympy.integrate(1 / (h * area).subs(x, s), (s, a, x), conds="none")
        if passed.has(sympy.log):
            passed = _combine_logs(passed)
        roots = [c_a - (c_a - c_b) * passed / resistance]
    else:
        try:
            with time_budget():
                roots = sympy.solve(implicit, c)
        except OutOfTime:
            roots = []  # no explicit c(x) in time: the position x(c) is given instead
    profile = _pick_root(roots, x, c_a, a, b, c_b, params)
    if profile is not None and f.has(c):
        profile = sympy.simplify(profile)
        if sympy.count_ops(profile) > MAX_PROFILE_OPS:
            profile = None  # it inverts, but unreadably (Cardano): give x(c) instead
    steps.append(Step("Profile: F(c(x)) falls linearly with the resistance passed",
                      implicit, "J is the same at every x"))
    if profile is None:
        x_of_c = _tidy(sympy.solve(implicit, x)[0])
        results[x.name] = x_of_c
        quantities[x.name] = Quantity("position")
        lo_hi = (c_b, c_a)
        t = sympy.Symbol(f"s_{c.name}", positive=True)
        constraints[c] = lo_hi[0] + (lo_hi[1] - lo_hi[0]) * t / (1 + t)
    return J, profile, steps


def _tidy(expr):
    expr = sympy.factor(sympy.cancel(sympy.together(expr)))
    return expr

"""Steady 1-D transport solved as a boundary-value problem with numbers.

The state is ``y = (c, I)``: ``dc/dx = -I/(D(x, c) A(x)) - c dU/dx`` and
``dI/dx = 0``, with the end values (or ``I = 0`` for a closed end) as boundary
conditions, solved by :func:`scipy.integrate.solve_bvp` with a tight tolerance.
Computed from: the path's ``D(x, c)``, area, potential energy, span and end values
(a :class:`~symflux.transport.paths.ContinuumPath`) and the parameter values.
Nothing here knows the closed forms: a nonlinear ``D(c)`` or a drift is just a
different right-hand side; a path resistance is the potential drop over the solved
flux, not the integral of ``1/(DA)``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import sympy
from scipy.integrate import solve_bvp
from scipy.optimize import brentq

from symflux.errors import ValidationError
from symflux.numerics.outcomes import NotComputed, NotConverged
from symflux.parsing.values import to_expr

__all__ = ["evaluate_path", "solve_path"]


def _floats(values: Mapping) -> dict:
    from symflux.parsing import symbol

    return {(k if isinstance(k, sympy.Symbol) else symbol(str(k))): sympy.Float(v)
            for k, v in values.items()}


def _number(expr, values) -> float:
    value = to_expr(expr).xreplace(values)
    if value.free_symbols:
        raise ValidationError(f"no value for {', '.join(sorted(map(str, value.free_symbols)))}")
    return float(value)


def solve_path(model, values: Mapping, nodes: int = 400, tol: float = 1e-10):
    """Solve the path's BVP; returns ``(solution, a, b)`` (scipy's object and the ends).

    ``model`` has attributes ``D, area, energy, position, variable, span, end_values``
    (a :class:`~symflux.transport.paths.ContinuumPath`).
    """
    vals = _floats(values)
    x, c = model.position, model.variable
    fixed = {k: v for k, v in vals.items() if k not in (x, c)}
    D = sympy.lambdify((x, c), to_expr(model.D).xreplace(fixed), "numpy")
    A = sympy.lambdify(x, to_expr(model.area).xreplace(fixed), "numpy")
    dU = sympy.lambdify(x, sympy.diff(model.energy, x).xreplace(fixed), "numpy")
    a, b = (_number(e, fixed) for e in model.span)
    c_a = _number(model.end_values[0], fixed)
    c_b = None if model.end_values[1] is None else _number(model.end_values[1], fixed)

    def rhs(xs, y):
        cs, flow = y
        ones = np.ones_like(xs)
        return np.vstack([-flow / (D(xs, cs) * ones * A(xs) * ones) - cs * dU(xs) * ones,
                          np.zeros_like(xs)])

    # the mesh runs left to right whichever end the model calls the start
    flipped = b < a

    def bc(ya, yb):
        start, end = (yb, ya) if flipped else (ya, yb)
        return np.array([start[0] - c_a, (end[0] - c_b) if c_b is not None else start[1]])

    mesh = np.linspace(min(a, b), max(a, b), nodes)
    guess_c = np.linspace(c_a, c_a if c_b is None else c_b, nodes)[::-1 if flipped else 1]
    scale = float(np.mean(D(mesh, guess_c) * np.ones(nodes) * A(mesh) * np.ones(nodes)))
    guess_I = 0.0 if c_b is None else scale * (c_a - c_b) / (b - a)
    y0 = np.vstack([guess_c, np.full(nodes, guess_I)])
    sol = solve_bvp(rhs, bc, mesh, y0, tol=tol, max_nodes=200_000)
    if not sol.success:
        # One point's failure is that point's: unconverged there, the others still count.
        raise NotConverged(f"the boundary-value solver failed: {sol.message}")
    return sol, a, b


def evaluate_path(model, quantities: Mapping, values: Mapping, route: str = "bvp") -> dict:
    """Each named quantity of a 1-D path computed from the BVP solution."""
    sol, a, b = solve_path(model, values)
    vals = _floats(values)
    cs = sol.y[0]
    c_scale = float(np.max(np.abs(cs)))
    out = {}
    for name, q in quantities.items():
        if q.kind == "path_flux":
            flow = float(sol.y[1, 0])
            if model.end_values[1] is None:
                # zero flux at equilibrium is judged against the diffusive flux scale
                fixed = {k: v for k, v in vals.items() if k not in (model.position,
                                                                    model.variable)}
                DA = sympy.lambdify((model.position, model.variable),
                                    (model.D * model.area).xreplace(fixed), "numpy")
                scale = float(np.max(np.abs(DA(sol.x, cs)))) * c_scale / abs(b - a)
                out[name] = (flow, scale)
            else:
                out[name] = (flow, abs(flow))
        elif q.kind == "profile":
            where = float(vals[model.position])
            out[name] = (float(sol.sol(where)[0]), c_scale)
        elif q.kind == "position":
            target = float(vals[model.variable])
            root = brentq(lambda s, t=target: float(sol.sol(s)[0]) - t, a, b, xtol=1e-14,
                          rtol=1e-13)
            out[name] = (root, abs(b - a))
        elif q.kind == "path_resistance":
            # Δc / I of the solved profile: the physical flux, not the resistance integral
            if model.end_values[1] is None:
                out[name] = NotComputed("a closed end carries no flux: no resistance")
                continue
            drop = float(cs[0] - cs[-1]) if not b < a else float(cs[-1] - cs[0])
            flow = float(sol.y[1, 0])
            out[name] = (drop / flow, abs(drop / flow))
        else:
            out[name] = None
    return out


def model_parameters(model) -> set:
    """The symbols a path model's coefficients, ends and span depend on (its parameters)."""
    found: set = set()
    for e in (model.D, model.area, model.energy, *model.span, *model.end_values):
        if e is not None:
            found |= to_expr(e).free_symbols
    return found - {model.position, model.variable}


"""Networks whose sources depend on the potentials: a balance with one physical root.

A saturable pump removes ``V_p c/(K_m + c)`` from a cell whose concentration ``c`` is
itself unknown. Kirchhoff's current law is then a system of rational equations;
cleared of denominators it is polynomial, and SymPy solves it exactly. Of its roots
only the one with every potential real and positive (a concentration, an absolute
temperature) is physical; it is checked at random parameter values, and the
analysis refuses to choose when there is not exactly one.
"""

from __future__ import annotations

import random

import sympy

from symflux.budget import OutOfTime, time_budget
from symflux.errors import NoClosedForm, NotUnique
from symflux.transport.network import TransportModel

__all__ = ["solve_nonlinear"]


def _unknown(model: TransportModel, node) -> sympy.Symbol:
    return model.unknowns.get(node) or sympy.Symbol(f"phi_{node}", positive=True)


def _physical(root: dict, symbols, params, checks: int = 4) -> bool:
    rng = random.Random(7)
    for _ in range(checks):
        point = {p: sympy.Float(10 ** rng.uniform(-1, 1)) for p in params}
        for s in symbols:
            value = sympy.N(root[s].xreplace(point), 20)
            if not (value.is_real and value > 0):
                return False
    return True


def solve_nonlinear(model: TransportModel):
    """The physical root of Kirchhoff's current law with potential-dependent sources.

    Returns ``(potentials, steps_equations, degree)``: the potential of every node,
    the balance equations and the polynomial degree of the first one.

    Raises
    ------
    NotUnique
        if no root or more than one root is real and positive at every test point.
    NoClosedForm
        if SymPy's solver runs past the limit ``time_budget``.
    """
    symbols = [_unknown(model, n) for n in model.free]
    phi = {**model.fixed, **dict(zip(model.free, symbols, strict=True))}
    equations = []
    for n in model.free:
        outflow = sympy.Add(*((phi[n] - phi[v if u == n else u]) / r
                              for u, v, _, r in model.edges if n in (u, v)))
        equations.append(sympy.Eq(outflow, model.sources.get(n, 0)))
    polynomials = [sympy.numer(sympy.together(e.lhs - e.rhs)) for e in equations]
    try:
        with time_budget():
            roots = sympy.solve(polynomials, symbols, dict=True)
    except OutOfTime as e:
        raise NoClosedForm(
            f"SymPy's solver did not finish the node balance {polynomials} = 0 within the "
            f"time budget of {e.seconds:g} s (symflux.limits.LIMITS['time_budget']); solve "
            "the network numerically for given values (symflux.numerics.resistor_network)"
        ) from None
    params = set().union(*(p.free_symbols for p in polynomials)) - set(symbols)
    physical = [r for r in roots if all(s in r for s in symbols)
                and _physical(r, symbols, params)]
    if len(physical) != 1:
        raise NotUnique(f"the balance has {len(physical)} roots with every potential real and "
                        f"positive (of {len(roots)} roots); symflux picks one only when exactly "
                        "one is physical")
    degree = sympy.Poly(polynomials[0], symbols[0]).degree()
    root = physical[0]
    potentials = dict(model.fixed)
    for n, s in zip(model.free, symbols, strict=True):
        potentials[n] = sympy.simplify(root[s])
    return potentials, equations, degree

"""Readable forms of the ratios that nodal analysis produces.

A potential or flux of a network is a ratio of polynomials in the resistances
(sums over spanning forests). Small ones are cancelled and printed in the shorter
of their factored and expanded forms (``c_o - j_p/P`` rather than
``(P c_o - j_p)/P``). Large ones (a bridge) are not factored, which is slow in many
variables: a common monomial is divided out and the numerator is grouped by what
drives the flux (``(phi_1 - phi_2) P`` rather than ``phi_1 P - phi_2 P``).
"""

from __future__ import annotations

import sympy

__all__ = ["MAX_FACTOR_TERMS", "drop_common_monomial", "grouped", "in_resistances", "tidy"]

MAX_FACTOR_TERMS = 24


def tidy(expr: sympy.Expr | None, drivers=(), parts=None) -> sympy.Expr:
    """A readable form of a ratio (or of ``parts = (top, bottom)``).

    When small, the shorter of factored and expanded (``c_o - j_p/P``, not
    ``(P c_o - j_p)/P``). A large fraction (a bridge) is neither
    cancelled by a full gcd nor factored, both slow in many variables: a monomial
    common to both sides is divided out and the numerator grouped by the ``drivers``
    (the fixed potentials and sources)."""
    top, bottom = parts if parts is not None else sympy.fraction(sympy.together(expr))
    top, bottom = sympy.expand(top), sympy.expand(bottom)
    if len(sympy.Add.make_args(top)) + len(sympy.Add.make_args(bottom)) > MAX_FACTOR_TERMS:
        top, bottom = drop_common_monomial(top, bottom)
        return grouped(top, drivers) / bottom
    cancelled = sympy.cancel(top / bottom)
    factored = sympy.factor(cancelled)
    expanded = sympy.expand(factored)
    return expanded if sympy.count_ops(expanded) < sympy.count_ops(factored) else factored


def drop_common_monomial(top: sympy.Expr, bottom: sympy.Expr):
    """Divide both polynomials by the largest monomial dividing every term of both."""
    gens = sorted(top.free_symbols | bottom.free_symbols, key=lambda s: s.name)
    if not gens:
        return top, bottom
    monoms = [m for p in (sympy.Poly(top, *gens), sympy.Poly(bottom, *gens))
              for m in p.monoms()]
    least = [min(m[i] for m in monoms) for i in range(len(gens))]
    if not any(least):
        return top, bottom
    common = sympy.Mul(*(g**e for g, e in zip(gens, least, strict=True)))
    return sympy.expand(top / common), sympy.expand(bottom / common)


def grouped(top: sympy.Expr, drivers) -> sympy.Expr:
    """A numerator linear in the drivers, with drivers of equal coefficients grouped:
    ``(phi_1 - phi_2) P`` rather than ``phi_1 P - phi_2 P``.

    >>> p1, p2, R = sympy.symbols("phi_1 phi_2 R", positive=True)
    >>> grouped(sympy.expand((p1 - p2) * R), [p1, p2])
    R*(phi_1 - phi_2)
    """
    if not drivers:
        return top
    poly = sympy.Poly(top, *drivers)
    if poly.total_degree() > 1:
        return top
    groups: list = []
    for monom, coeff in poly.terms():
        driver = sympy.Mul(*(d**e for d, e in zip(drivers, monom, strict=True)))
        for g in groups:
            if g[0] == coeff:
                g[1] += driver
                break
            if g[0] == -coeff:
                g[1] -= driver
                break
        else:
            groups.append([coeff, driver])
    return sympy.Add(*(driver * coeff for coeff, driver in groups))


def in_resistances(numerator, denominator, back: dict):
    """A ratio of polynomials in the conductances as ``(top, bottom)`` polynomials in
    the resistances: each side times the product of all resistances."""
    product = sympy.Mul(*(1 / g for g in back.values()))
    top = sympy.expand(sympy.expand(numerator).xreplace(back) * product)
    bottom = sympy.expand(sympy.expand(denominator).xreplace(back) * product)
    top, extra_top = sympy.fraction(sympy.together(top))
    bottom, extra_bottom = sympy.fraction(sympy.together(bottom))
    return sympy.expand(top * extra_bottom), sympy.expand(bottom * extra_top)

"""Quantities derived from other quantities by a factor or a limit of a parameter.

A problem may ask for ``flux a -> b times n*F`` (a molar flux as a current) or
``flux a -> b where x -> 0`` (a limiting regime). The numerics compute the inner
quantity by their own route and then multiply by the factor, evaluated at the
point, or take the limit by solving the model at the limiting value itself (a
network shorts a zero resistance) or, for solvers that cannot, at ``1/LARGE`` times
the smallest or ``LARGE`` times the largest value of the point. Wrapping an
evaluator with :func:`with_modifiers` adds this to any model kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

from symflux.parsing.values import to_expr

__all__ = ["LARGE", "with_modifiers"]

#: Stand-in for an infinite parameter: large enough that 1/LARGE is lost in rounding
#: of the other terms at the 1e-6 level of the validation tolerances.
LARGE = 1e13


def _inner(q):
    return q.args[-1]


def with_modifiers(evaluate: Callable, exact: bool = False) -> Callable:
    """An evaluator that also understands ``Quantity("times", (factor, q))`` and
    ``Quantity("limit", (((symbol, value), ...), q))``.

    With ``exact=True`` a limit is evaluated at 0 or infinity itself (the evaluator
    must cope: a network shorts a zero resistance); otherwise at ``1/LARGE`` times
    the smallest or ``LARGE`` times the largest value of the point.
    """

    def wrapped(model, quantities: Mapping, values: Mapping, route: str) -> dict:
        plain = {n: q for n, q in quantities.items() if q.kind not in ("times", "limit")}
        out = evaluate(model, plain, values, route) if plain else {}
        for name, q in quantities.items():
            if q.kind not in ("times", "limit"):
                continue
            point = dict(values)
            factor = 1.0
            inner = q
            while inner.kind in ("times", "limit"):
                if inner.kind == "times":
                    floats = {k: sympy.Float(v) for k, v in point.items()}
                    factor *= float(to_expr(inner.args[0]).xreplace(floats))
                else:
                    magnitudes = [abs(float(v)) for v in values.values() if v]
                    big, small = LARGE * max(magnitudes), min(magnitudes) / LARGE
                    if exact:
                        small, big = 0.0, float("inf")
                    for s, target in inner.args[0]:
                        point[s] = small if target == 0 else big
                inner = _inner(inner)
            got = evaluate(model, {name: inner}, point, route)[name]
            out[name] = got if not isinstance(got, tuple) else (factor * got[0],
                                                                  abs(factor) * got[1])
        return out

    return wrapped

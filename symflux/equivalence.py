"""Deciding whether two closed forms are the same function of their symbols.

Both are evaluated with 30 significant digits at random points of the physical
domain (every positive symbol positive) and compared with a relative tolerance,
never by rounding. Answer checking (check.py) adds symbolic confirmation under a
time budget and the reasons why two forms differ.
"""

from __future__ import annotations

import random

import sympy

__all__ = ["equivalent", "random_point"]


def random_point(symbols, rng: random.Random) -> dict:
    """A random point of the physical domain: positive symbols log-uniform in [1e-2, 1e2]."""
    point = {}
    for s in symbols:
        magnitude = sympy.Float(10) ** sympy.Float(rng.uniform(-2, 2), 30)
        point[s] = magnitude if (s.is_positive or s.is_nonnegative) else magnitude * rng.choice(
            (-1, 1))
    return point


def _numerically_equal(a: sympy.Expr, b: sympy.Expr, points: int, seed: int, rtol: float):
    rng = random.Random(seed)
    free = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    for _ in range(points):
        point = random_point(free, rng)
        va = sympy.N(a.xreplace(point), 30)
        vb = sympy.N(b.xreplace(point), 30)
        if not (va.is_number and vb.is_number):
            return False
        if va in (sympy.oo, -sympy.oo, sympy.zoo) or vb in (sympy.oo, -sympy.oo, sympy.zoo):
            if va != vb:
                return False
            continue
        va, vb = complex(va), complex(vb)
        if abs(va - vb) > rtol * max(abs(va), abs(vb), 1e-300):
            return False
    return True


def equivalent(a: sympy.Expr, b: sympy.Expr, *, points: int = 8, seed: int = 0,
               rtol: float = 1e-12) -> bool:
    """Whether ``a`` and ``b`` are equal for all values in the physical domain.

    Examples
    --------
    >>> from symflux import symbol
    >>> x, y = symbol("x"), symbol("y")
    >>> equivalent((x**2 - y**2) / (x - y), x + y)
    True
    >>> equivalent(sympy.log(x * y), sympy.log(x) + sympy.log(y))
    True
    >>> equivalent(x / y, y / x)
    False
    """
    a, b = sympy.sympify(a), sympy.sympify(b)
    if a == b:
        return True
    # Agreement at random 30-digit points is overwhelming evidence for the
    # algebraic and elementary functions of physics answers.
    return _numerically_equal(a, b, points, seed, rtol)

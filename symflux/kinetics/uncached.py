"""Products and sums of huge expressions, assembled as SymPy would but outside its cache.

SymPy's constructors are memoised on their arguments. A lookup whose key equals a cached
one but is a different object compares the two node by node: when a model is derived a
second time in one process (a notebook cell run again), every ``w_i / Σ`` compared the
new Σ with the old one. Re-deriving a 120-state ring took 24 s instead of 1.4 s, all of
it in those comparisons. Here the result's arguments are put in SymPy's canonical order
(``Basic.compare``) and the expression is built with ``_from_args``; where SymPy might
combine factors or terms (a power of the same base, like terms), the ordinary
constructor is used instead.
"""

from __future__ import annotations

from functools import cmp_to_key

import sympy

__all__ = ["difference", "product", "quotient"]

_ORDER = cmp_to_key(sympy.Basic.compare)


def quotient(numerator: sympy.Expr, inverse: sympy.Pow) -> sympy.Expr:
    """``numerator · inverse`` for ``inverse = Σ⁻¹`` of a sum ``Σ``, as ``Mul`` builds it.

    >>> a, b, c = sympy.symbols("a b c")
    >>> inverse = 1 / (a + b)
    >>> all(quotient(n, inverse) == n * inverse
    ...     for n in (c, a * c, 2 * a * (b + c), a + c, -a * c, sympy.S(3)))
    True
    """
    if numerator.is_Number or not (inverse.is_Pow and inverse.exp == -1
                                   and inverse.base.is_Add):
        return numerator * inverse
    factors = list(numerator.args) if numerator.is_Mul else [numerator]
    coefficient = (factors.pop(0),) if factors[0].is_Number else ()
    base = inverse.base
    if not numerator.is_commutative or any(
            f.is_Pow or f.is_Number or (hash(f) == hash(base) and f == base) for f in factors):
        return numerator * inverse   # SymPy may merge powers (or cancel Σ/Σ): let it
    factors.append(inverse)
    factors.sort(key=_ORDER)
    return sympy.Mul._from_args((*coefficient, *factors), is_commutative=True)


def difference(rate_forward: sympy.Symbol, forward: sympy.Expr, rate_backward: sympy.Symbol,
               backward: sympy.Expr) -> sympy.Expr:
    """``k⁺ · forward − k⁻ · backward`` for two distinct rate symbols and two nested sums
    (Adds), as SymPy builds it.

    >>> k, q, a, b = sympy.symbols("k q a b", positive=True)
    >>> difference(k, a + b, q, a + 2 * b) == k * (a + b) - q * (a + 2 * b)
    True
    """
    if not (rate_forward.is_Symbol and rate_backward.is_Symbol and forward.is_Add
            and backward.is_Add and rate_forward != rate_backward):
        return rate_forward * forward - rate_backward * backward
    plus = sympy.Mul._from_args((rate_forward, forward), is_commutative=True)
    minus = sympy.Mul._from_args((sympy.S.NegativeOne, rate_backward, backward),
                                 is_commutative=True)
    return sympy.Add._from_args(tuple(sorted((plus, minus), key=_ORDER)), is_commutative=True)


def product(rate: sympy.Symbol, nested: sympy.Expr) -> sympy.Expr:
    """``k · nested`` for a rate symbol and a nested sum (an Add), as SymPy builds it.

    >>> k, a, b = sympy.symbols("k a b")
    >>> product(k, a + b) == k * (a + b)
    True
    """
    if rate.is_Symbol and nested.is_Add:
        return sympy.Mul._from_args((rate, nested), is_commutative=True)
    return rate * nested

"""Products and sums of huge expressions, assembled as SymPy would but outside its cache.

SymPy's constructors are memoised on their arguments. A lookup whose key equals a cached
one but is a different object compares the two node by node: when a model is derived a
second time in one process (a notebook cell run again), every ``w_i / Σ`` compared the
new Σ with the old one. Re-deriving a 120-state ring took 24 s (1.6 s the first time),
nearly all of it in those comparisons; and the lookups hash their arguments, which for
the nested sums of a 150-state ring was two fifths of its derivation. Here the result's
arguments are put in SymPy's canonical order (``Basic.compare``) and the expression is
built with ``_from_args``; where SymPy might combine factors or terms (a power of the
same base, like terms), the ordinary constructor is used instead.
"""

from __future__ import annotations

from functools import cmp_to_key
from itertools import pairwise

import sympy

__all__ = ["difference", "product", "quotient", "reciprocal", "total"]

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
            f.is_Pow or f.is_Number or (f.is_Add and len(f.args) == len(base.args) and f == base)
            for f in factors):
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


def total(parts: list) -> sympy.Expr:
    """``Add(*parts)`` for nested sums and products whose terms are distinct and not
    numbers, without hashing them: Σ of the nested ``w_i`` (hashing a 150-state ring's
    was two fifths of its derivation in a sampling profile).

    >>> a, b, c = sympy.symbols("a b c")
    >>> parts = [b * (a + c), a * c, c + a * b, a * (b + c) + b * c]
    >>> total(parts) == sympy.Add(*parts) and total([a, a]) == 2 * a
    True
    """
    terms = [t for p in parts for t in (p.args if p.is_Add else (p,))]   # Add flattens
    if len(terms) < 2 or any(t.is_Number or t.is_Add or not t.is_commutative for t in terms):
        return sympy.Add(*parts)   # one term, or terms SymPy would merge
    ordered = sorted(terms, key=_ORDER)
    if any(a.compare(b) == 0 for a, b in pairwise(ordered)):
        return sympy.Add(*parts)   # equal parts: SymPy collects them
    return sympy.Add._from_args(tuple(ordered), is_commutative=True)


def reciprocal(sum_: sympy.Expr) -> sympy.Expr:
    """``1/sum_`` for a sum with symbols, as ``Pow(sum_, -1)`` builds it but without
    hashing the sum (the cache key would).

    >>> a, b = sympy.symbols("a b")
    >>> reciprocal(a + b) == 1 / (a + b)
    True
    """
    if not (sum_.is_Add and sum_.is_commutative) or sum_.is_number:
        return sympy.Pow(sum_, -1)
    # what Pow(b, -1) does for such a b: nothing evaluates (Add._eval_power gives None
    # unless b is a number), so the node is created as is
    obj = sympy.Expr.__new__(sympy.Pow, sum_, sympy.S.NegativeOne)
    obj.is_commutative = True
    return obj

"""Long results cut for a terminal at a term boundary, saying how much was left out.

A steady-state numerator of a complete 6-state scheme has 1,296 terms; printed whole it
fills a screen. ``cut_expression`` keeps whole terms up to about ``width`` characters and
names the rest, so the reader knows the result is cut and by how much.

>>> import sympy
>>> a, b, c = sympy.symbols("a b c")
>>> cut_expression((a*b + b*c + c*a) / (a + b + c), width=12)
'(a*b + … (+2 more terms))/(a + b + … (+1 more term))'
>>> cut_expression(c * (a**2 + a*b + b**2) / b, width=20)
'c*(a**2 + a*b + … (+1 more term))/b'
>>> cut_expression((a + 1) * (a**2 + a*b + b**2), width=24)
'(a + 1)*(a**2 + a*b + … (+1 more term))'
>>> cut_expression(a + b)
'a + b'
"""

from __future__ import annotations

import sympy

__all__ = ["cut_expression"]


def cut_expression(expr: sympy.Expr, width: int = 300) -> str:
    """``str(expr)`` when it is at most ``width`` characters long, else a cut form: the
    numerator and denominator each keep their first whole terms and end in
    "… (+N more terms)"."""
    text = sympy.sstr(expr)
    if len(text) <= width:
        return text
    numerator, denominator = sympy.fraction(expr)
    if denominator == 1:
        return _cut_sum(numerator, width)
    below = sympy.sstr(denominator)
    if len(below) <= width // 4:
        below = below if denominator.is_Atom else f"({below})"
        above = _cut_sum(numerator, max(width - len(below), 1))
    else:
        half = max(width // 2, 1)
        above, below = _cut_sum(numerator, half), f"({_cut_sum(denominator, half)})"
    return f"{above}/{below}" if numerator.is_Mul else f"({above})/{below}"


def _cut_sum(expr: sympy.Expr, width: int) -> str:
    if expr.is_Mul:  # E_T*(a + b + ...): cut the longest sum among the factors
        sums = [f for f in expr.args if f.is_Add]
        if sums:
            longest = max(sums, key=lambda f: len(f.args))
            rest = expr / longest
            rest = f"({rest})" if rest.is_Add else sympy.sstr(rest)
            return f"{rest}*({_cut_sum(longest, max(width - len(rest) - 3, 1))})"
    terms = expr.as_ordered_terms() if expr.is_Add else (expr,)  # in printing order
    if len(terms) == 1:
        text = sympy.sstr(expr)
        if len(text) <= width:
            return text
        return f"{text[:width]}… (+{len(text) - width} more characters)"
    kept: list[str] = []
    used = 0
    for term in terms:
        piece = sympy.sstr(term)
        if kept and used + len(piece) > width:
            break
        kept.append(piece)
        used += len(piece) + 3
    shown = " + ".join(kept).replace("+ -", "- ")
    left = len(terms) - len(kept)
    return shown if not left else f"{shown} + … (+{left} more term{'s' * (left > 1)})"

"""One safe conversion of user values (text, numbers, SymPy objects) into SymPy.

Every builder and every solver that receives a value a user supplied (a rate, a
resistance, a potential, a source, a matrix entry, a derivation result) converts it with
:func:`to_expr`, never with :func:`sympy.sympify` (which evaluates strings as Python):

- text goes through symflux's own parser (:func:`~symflux.parsing.parse_expression`);
- a Python ``int`` stays an exact Integer; a ``float`` becomes the exact Rational of its
  shortest decimal spelling (``0.5`` → 1/2, ``0.1`` → 1/10), so a float rate never spoils a
  closed form; NaN and infinities are refused;
- a SymPy object is walked (:func:`checked_expression`): only symbols, finite numbers,
  ``pi``, ``E``, ``oo`` (a path to infinity), ``+ * **`` and the whitelisted functions
  (:data:`ALLOWED_FUNCTIONS`) may
  appear. Anything else (an undefined ``Function`` whose name could carry code, a
  ``Lambda``, a matrix, a string inside the tree) is refused.

>>> to_expr("k1*S"), to_expr(3), to_expr(0.5), to_expr(0.1)
(S*k1, 3, 1/2, 1/10)
>>> import sympy
>>> to_expr(sympy.Function("__import__('os').system")(sympy.Symbol("x")), what="rate")
Traceback (most recent call last):
...
symflux.errors.ParseError: rate contains the function __import__('os').system, which is ...
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Any

import sympy
from sympy.core.function import AppliedUndef

from symflux.errors import ParseError
from symflux.limits import limit, require
from symflux.parsing.rules import ALLOWED_FUNCTIONS, FUNCTIONS, quote

__all__ = [
    "KERNEL_NODES", "VALUE_NODES", "checked_expression", "compilable", "exact_float", "to_expr",
]

_ATOMS = (sympy.Symbol, sympy.Integer, sympy.Rational, sympy.Float)
_CONSTANTS = (type(sympy.pi), type(sympy.E), type(sympy.oo), type(-sympy.oo))
#: Node types a user value may contain.
VALUE_NODES: tuple[type, ...] = (*_ATOMS, *_CONSTANTS, sympy.Add, sympy.Mul, sympy.Pow,
                                 *{f for f in FUNCTIONS.values() if isinstance(f, type)})
#: Node types a derivation result handed to a kernel may contain besides :data:`VALUE_NODES`:
#: what the analyses themselves build (an unevaluated integral, piecewise, relations).
KERNEL_NODES: tuple[type, ...] = (
    sympy.Integral, sympy.Piecewise, sympy.functions.elementary.piecewise.ExprCondPair,
    sympy.Tuple, sympy.core.relational.Relational, sympy.logic.boolalg.BooleanAtom,
    sympy.And, sympy.Or, sympy.Not, sympy.Max, sympy.Min, sympy.Heaviside, sympy.sign,
    sympy.re, sympy.im, sympy.erf, sympy.erfc, sympy.besseli, sympy.besselk, sympy.besselj,
    sympy.bessely, sympy.LambertW, sympy.atan2, sympy.acoth, sympy.Dummy,
)


def exact_float(value: float, what: str = "value") -> sympy.Rational:
    """The exact Rational of a float's shortest decimal spelling: ``0.1`` → 1/10.

    >>> exact_float(2.5e-3)
    1/400
    """
    if not math.isfinite(value):
        raise ParseError(f"{what} is {value!r}; give a finite number", token=repr(value))
    return sympy.Rational(repr(float(value)))


def _node_error(node: sympy.Basic, what: str) -> ParseError:
    if isinstance(node, AppliedUndef):
        name = type(node).__name__
        return ParseError(
            f"{what} contains the function {name}, which is not allowed; functions are "
            f"{', '.join(ALLOWED_FUNCTIONS)}", token=name)
    kind = type(node).__name__
    if node in (sympy.zoo, sympy.nan):
        return ParseError(f"{what} contains {node} (an undefined value)", token=str(node))
    return ParseError(
        f"{what} contains a {kind} ({quote(str(node)) if kind != 'Symbol' else ''}), which "
        "is not allowed: use symbols, numbers, pi, + - * / ** and the functions "
        f"{', '.join(ALLOWED_FUNCTIONS)}", token=kind)


def checked_expression(expr: Any, *, what: str = "value", allowed: tuple = VALUE_NODES,
                       distinct: bool = False, visited: set | None = None) -> sympy.Basic:
    """Return ``expr`` when every node of its tree is of an allowed type, else a ParseError.

    The tree size is bounded by the limits ``expression_nodes`` and ``sum_terms``
    (with ``distinct``, the number of distinct subexpressions).

    >>> import sympy
    >>> checked_expression(sympy.Symbol("k") + 1)
    k + 1
    >>> checked_expression(sympy.Matrix([1]))
    Traceback (most recent call last):
    ...
    symflux.errors.ParseError: value is a MutableDenseMatrix, not an expression; ...
    """
    if not isinstance(expr, sympy.Basic):
        raise ParseError(f"{what} is a {type(expr).__name__}, not an expression; give text "
                         "such as 'k1*S', a number or a SymPy expression", token=repr(expr)[:40])
    if not isinstance(expr, sympy.Expr) and not isinstance(expr, allowed):
        raise ParseError(f"{what} is a {type(expr).__name__}, not an expression; ...",
                         token=type(expr).__name__)
    budget = limit("expression_nodes")
    # With ``distinct`` each shared subexpression counts once (a derived result is a
    # DAG, and code that memoises, like lambdify's cse, pays per distinct node); input
    # values count every repeat, since a printer walks the whole tree.
    # ``visited`` may be shared between calls, so results that share their nested
    # terms (every p_i divides by one Σ) are walked once in all
    stack, seen = [expr], 0
    visited = set() if visited is None else visited
    while stack:
        node = stack.pop()
        if distinct:
            if node in visited:
                continue
            visited.add(node)
        seen += 1
        if seen > budget:
            require("expression_nodes", seen, what=f"the size of {what}")
        if isinstance(node, AppliedUndef) or not isinstance(node, allowed):
            raise _node_error(node, what)
        if isinstance(node, sympy.Float) and not math.isfinite(float(node)):
            raise _node_error(sympy.nan, what)
        if node in (sympy.zoo, sympy.nan):
            raise _node_error(node, what)
        if len(node.args) > limit("sum_terms"):
            require("sum_terms", len(node.args), what=f"the number of terms of one sum in {what}")
        stack.extend(a for a in node.args if a not in visited) if distinct else \
            stack.extend(node.args)
    return expr


def _rationalize_floats(expr: sympy.Basic) -> sympy.Basic:
    floats = expr.atoms(sympy.Float)
    if not floats:
        return expr
    return expr.xreplace({f: sympy.Rational(repr(float(f))) if f._prec <= 53
                          else sympy.Rational(str(f)) for f in floats})


def to_expr(value: Any, *, what: str = "value",
            symbols: Mapping[str, sympy.Basic] | None = None) -> sympy.Expr:
    """Convert one user value into a SymPy expression, safely (see the module text).

    Parameters
    ----------
    value : str, int, float or sympy.Expr
        Text is parsed by :func:`~symflux.parsing.parse_expression` (``symbols`` as there).
    what : str
        What the value is, for messages (``"the rate of edge 1 → 2"``).

    Returns
    -------
    sympy.Expr
        Floats (Python or SymPy) replaced by exact Rationals.

    Raises
    ------
    ParseError
        text that does not parse, a value of another type, a non-finite number, or a SymPy
        object with a node that is not allowed.
    """
    from symflux.parsing.text import parse_expression

    if isinstance(value, str):
        try:
            return parse_expression(value, symbols=symbols)
        except ParseError as err:
            raise ParseError(f"{what}: {err}", token=err.token, position=err.position) from None
    if isinstance(value, bool):
        raise ParseError(f"{what} is a bool ({value}); give a number or an expression",
                         token=repr(value))
    if isinstance(value, numbers.Integral) and not isinstance(value, sympy.Basic):
        return sympy.Integer(int(value))
    if isinstance(value, numbers.Real) and not isinstance(value, sympy.Basic):
        return exact_float(float(value), what)
    return _rationalize_floats(checked_expression(value, what=what))


def compilable(expr: Any, *, what: str = "the expression",
               visited: set | None = None) -> sympy.Basic:
    """Return ``expr`` if it may be handed to :func:`sympy.lambdify`, else a ParseError.

    Its size counts distinct subexpressions (``lambdify(..., cse=True)`` pays per
    distinct node), so a derived nested result is not refused for its repeats.

    ``lambdify`` writes Python source from the expression tree: an undefined function
    prints its name into that source, so a name such as ``__import__('os').system``
    would run. Only the node types of :data:`VALUE_NODES` and :data:`KERNEL_NODES` pass.

    >>> import sympy
    >>> compilable(sympy.Integral(sympy.Symbol("x"), sympy.Symbol("x")))
    Integral(x, x)
    """
    return checked_expression(expr, what=what, allowed=VALUE_NODES + KERNEL_NODES,
                              distinct=True, visited=visited)

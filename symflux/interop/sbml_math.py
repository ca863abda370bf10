"""SBML MathML ⇄ SymPy for the arithmetic of mass-action laws, by walking the AST.

Reading walks libSBML's ``ASTNode`` tree and accepts only ``+ − × ÷``, integer powers,
numbers and identifiers; each identifier is looked up in a table of the model's own
species, parameters and compartments. No formula string is ever evaluated or sympified.
Anything else (a function such as ``exp`` or a user function definition, ``time``, a
piecewise, a symbolic exponent) raises :class:`NotArithmetic` with a description, which
the reader turns into a :class:`~symflux.errors.ModelError` naming the reaction.

Writing builds the ``ASTNode`` tree from a SymPy expression of the same arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

__all__ = ["NotArithmetic", "ast_to_sympy", "sympy_to_ast"]


class NotArithmetic(Exception):
    """The math is more than arithmetic of numbers and identifiers (``args[0]`` says what)."""


def _number(lib, node) -> sympy.Rational:
    kind = node.getType()
    if kind == lib.AST_INTEGER:
        return sympy.Integer(node.getInteger())
    if kind == lib.AST_RATIONAL:
        return sympy.Rational(node.getNumerator(), node.getDenominator())
    # A decimal in the file is the exact decimal it spells, not its binary rounding.
    return sympy.Rational(repr(float(node.getValue())))


def ast_to_sympy(lib, node, names: Mapping[str, sympy.Expr]) -> sympy.Expr:
    """The SymPy expression of an arithmetic ``ASTNode``; identifiers through ``names``.

    Raises
    ------
    NotArithmetic
        for any node other than numbers, identifiers, ``+ − × ÷`` and integer powers,
        and for an identifier that ``names`` does not hold.
    """
    kind = node.getType()
    children = [node.getChild(i) for i in range(node.getNumChildren())]
    if kind in (lib.AST_INTEGER, lib.AST_REAL, lib.AST_REAL_E, lib.AST_RATIONAL):
        return _number(lib, node)
    if kind == lib.AST_NAME:
        name = node.getName()
        if name not in names:
            raise NotArithmetic(f"the identifier {name!r}, which is no species, parameter or "
                                "compartment of the model")
        return names[name]
    args = [ast_to_sympy(lib, c, names) for c in children]
    if kind == lib.AST_PLUS:
        return sympy.Add(*args)
    if kind == lib.AST_TIMES:
        return sympy.Mul(*args)
    if kind == lib.AST_MINUS and len(args) in (1, 2):
        return -args[0] if len(args) == 1 else args[0] - args[1]
    if kind == lib.AST_DIVIDE and len(args) == 2:
        return args[0] / args[1]
    if kind in (lib.AST_POWER, lib.AST_FUNCTION_POWER) and len(args) == 2:
        exponent = args[1]
        if not (exponent.is_Integer or (exponent.is_Rational and exponent.q == 1)):
            raise NotArithmetic(f"the power with exponent {exponent} (mass action needs "
                                "integer exponents; a symbolic one is a Hill-type law)")
        return args[0] ** exponent
    what = node.getName() or lib.formulaToL3String(node)
    raise NotArithmetic(f"the function or operator {what!r}")


def sympy_to_ast(lib, expr: sympy.Expr, sid: Callable[[sympy.Symbol], str]):
    """An ``ASTNode`` for an arithmetic SymPy expression; symbols named by ``sid``.

    Raises
    ------
    NotArithmetic
        for functions (``exp``, ``log``, ...) and non-rational numbers.
    """
    if isinstance(expr, sympy.Symbol):
        node = lib.ASTNode(lib.AST_NAME)
        node.setName(sid(expr))
        return node
    if expr.is_Integer:
        node = lib.ASTNode(lib.AST_INTEGER)
        node.setValue(int(expr))
        return node
    if expr.is_Rational:
        node = lib.ASTNode(lib.AST_RATIONAL)
        node.setValue(int(expr.p), int(expr.q))
        return node
    if expr.is_Float:
        node = lib.ASTNode(lib.AST_REAL)
        node.setValue(float(expr))
        return node
    if isinstance(expr, sympy.Pow):
        base, exponent = expr.args
        if not exponent.is_Integer:
            raise NotArithmetic(f"the power {expr} (only integer powers are written)")
        if exponent.is_negative:
            node = lib.ASTNode(lib.AST_DIVIDE)
            node.addChild(sympy_to_ast(lib, sympy.Integer(1), sid))
            node.addChild(sympy_to_ast(lib, base ** -exponent, sid))
            return node
        node = lib.ASTNode(lib.AST_POWER)
        node.addChild(sympy_to_ast(lib, base, sid))
        node.addChild(sympy_to_ast(lib, exponent, sid))
        return node
    if isinstance(expr, sympy.Add | sympy.Mul):
        node = lib.ASTNode(lib.AST_PLUS if isinstance(expr, sympy.Add) else lib.AST_TIMES)
        for arg in expr.args:
            node.addChild(sympy_to_ast(lib, arg, sid))
        return node
    raise NotArithmetic(f"{expr} (only sums, products, integer powers, numbers and symbols "
                        "are written as SBML math)")

"""Python source for an element-wise loop over SymPy expressions, from a whitelist printer.

:func:`loop_source` turns expressions in given symbols into the text of one Python
function that loops over 1-D inputs and writes one output array per expression,
sharing common subexpressions (``sympy.cse``) between all outputs. The text is made
to be compiled by numba (:mod:`symflux.compile.numba_backend`).

Safety: the generated text never contains a user's string. Input arrays are ``x0, x1, …``
(read into locals ``a0, a1, …``) and common subexpressions ``t0, t1, …`` before printing, and the
printer (:class:`LoopPrinter`) knows only numbers, those generated names, ``+``,
``*``, ``**`` and a fixed table of ``math`` functions; any other node (a symbol that
is not an input, an unknown function, a relational, a matrix…) raises
:class:`~symflux.errors.KernelError` instead of being printed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import sympy

from symflux.errors import KernelError

__all__ = ["LoopPrinter", "loop_source"]

# SymPy function → name in Python's math module (numba compiles these natively).
MATH_FUNCTIONS = {
    sympy.exp: "exp", sympy.log: "log", sympy.sin: "sin", sympy.cos: "cos",
    sympy.tan: "tan", sympy.sinh: "sinh", sympy.cosh: "cosh", sympy.tanh: "tanh",
    sympy.asin: "asin", sympy.acos: "acos", sympy.atan: "atan", sympy.Abs: "fabs",
    sympy.erf: "erf", sympy.erfc: "erfc", sympy.asinh: "asinh", sympy.acosh: "acosh",
    sympy.atanh: "atanh",
}
# Integer powers up to this size are written as products (exact, and fast without pow).
SMALL_POWER = 4


class LoopPrinter:
    """Print a SymPy expression as Python arithmetic on generated names only.

    ``names`` maps every symbol allowed in the expression to the identifier that
    stands for it in the generated code; each identifier must match ``[at][0-9]+``.
    """

    def __init__(self, names: dict[sympy.Symbol, str]):
        for ident in names.values():
            if not (ident[:1] in ("a", "t") and ident[1:].isdigit()):
                raise KernelError(f"generated identifier {ident!r} is not of the form a0 or t0")
        self.names = names

    def doprint(self, expr: sympy.Basic) -> str:
        if isinstance(expr, sympy.Symbol):
            if expr not in self.names:
                raise KernelError(
                    f"symbol {expr} is not a parameter of the kernel; parameters are "
                    f"{', '.join(str(s) for s in self.names if self.names[s][0] == 'a')}")
            return self.names[expr]
        if expr.is_Number or expr in (sympy.pi, sympy.E):
            return self._number(expr)
        if isinstance(expr, sympy.Add):
            return "(" + " + ".join(self.doprint(a) for a in expr.args) + ")"
        if isinstance(expr, sympy.Mul):
            return self._mul(expr)
        if isinstance(expr, sympy.Pow):
            return self._pow(expr)
        if isinstance(expr, sympy.Function) and expr.func in MATH_FUNCTIONS:
            args = ", ".join(self.doprint(a) for a in expr.args)
            return f"math.{MATH_FUNCTIONS[expr.func]}({args})"
        raise KernelError(
            f"cannot compile {type(expr).__name__} ({expr}); a compiled kernel takes numbers, "
            "parameters, +, *, ** and the functions "
            + ", ".join(sorted(f.__name__ for f in MATH_FUNCTIONS)))

    def _number(self, x: sympy.Expr) -> str:
        value = float(x)
        if math.isnan(value):
            return "math.nan"
        if math.isinf(value):
            return "math.inf" if value > 0 else "(-math.inf)"
        return repr(value) if value >= 0 else f"({value!r})"

    def _mul(self, expr: sympy.Mul) -> str:
        numerator, denominator = [], []
        for factor in expr.args:
            if (isinstance(factor, sympy.Pow) and factor.exp.is_Number
                    and factor.exp.is_negative):
                denominator.append(self.doprint(sympy.Pow(factor.base, -factor.exp)))
            elif factor.is_Rational and factor.q != 1:
                numerator.append(self._number(sympy.Integer(factor.p)))
                denominator.append(self._number(sympy.Integer(factor.q)))
            else:
                numerator.append(self.doprint(factor))
        top = " * ".join(numerator) if numerator else "1.0"
        if not denominator:
            return f"({top})"
        return f"({top} / ({' * '.join(denominator)}))"

    def _pow(self, expr: sympy.Pow) -> str:
        base, exponent = expr.base, expr.exp
        if exponent.is_Integer and 0 < abs(int(exponent)) <= SMALL_POWER:
            product = "(" + " * ".join([self.doprint(base)] * abs(int(exponent))) + ")"
            return product if exponent > 0 else f"(1.0 / {product})"
        if exponent == sympy.Rational(1, 2):
            return f"math.sqrt({self.doprint(base)})"
        if exponent == -sympy.Rational(1, 2):
            return f"(1.0 / math.sqrt({self.doprint(base)}))"
        return f"({self.doprint(base)} ** {self.doprint(exponent)})"


def loop_source(expressions: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol],
                *, function_name: str = "kernel_loop") -> str:
    """Source of ``kernel_loop(x0, …, out0, …)``: ``out_j[i] = expressions[j](x[i])``.

    Every input is indexed ``x[i]`` (the caller broadcasts); the common
    subexpressions of all expressions are computed once per point.

    Examples
    --------
    >>> import sympy
    >>> a, b = sympy.symbols("a b")
    >>> print(loop_source([a * b / (a + b), (a + b) ** 2], [a, b]))
    def kernel_loop(x0, x1, out0, out1):
        for i in range(out0.shape[0]):
            a0 = x0[i]
            a1 = x1[i]
            t0 = (a0 + a1)
            out0[i] = (a0 * a1 / (t0))
            out1[i] = (t0 * t0)
    """
    if not function_name.isidentifier():
        raise KernelError(f"function name {function_name!r} is not an identifier")
    symbols = list(symbols)
    if len(set(symbols)) != len(symbols):
        raise KernelError(f"symbols repeat: {symbols}")
    if not expressions:
        raise KernelError("no expression to compile; give at least one")
    exprs = [sympy.sympify(e) for e in expressions]
    for e in exprs:
        if not isinstance(e, sympy.Expr):
            raise KernelError(f"cannot compile {type(e).__name__} ({e}): not an expression")
    temporaries = sympy.numbered_symbols("_cse")
    # No "basic" optimisations and no canonical ordering: 40x faster on K7 p_1
    # (1.1 s instead of 42 s) for the same number of shared subexpressions.
    replacements, reduced = sympy.cse(exprs, symbols=temporaries, optimizations=None,
                                      order="none")
    # Inside the loop input i is the local a<i> (read once), temporary j is t<j>.
    names = {s: f"a{i}" for i, s in enumerate(symbols)}
    names.update({t: f"t{j}" for j, (t, _) in enumerate(replacements)})
    printer = LoopPrinter(names)
    inputs = ", ".join(f"x{i}" for i in range(len(symbols)))
    outputs = ", ".join(f"out{j}" for j in range(len(exprs)))
    lines = [f"def {function_name}({inputs + ', ' if inputs else ''}{outputs}):",
             "    for i in range(out0.shape[0]):"]
    lines += [f"        a{i} = x{i}[i]" for i in range(len(symbols))]
    lines += [f"        t{j} = {printer.doprint(value)}" for j, (_, value) in
              enumerate(replacements)]
    lines += [f"        out{j}[i] = {printer.doprint(e)}" for j, e in enumerate(reduced)]
    return "\n".join(lines)

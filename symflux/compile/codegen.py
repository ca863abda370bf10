"""Kernel programs: SymPy expressions with shared subexpressions, checked against a whitelist.

:func:`program` runs ``sympy.cse`` over all the expressions of a kernel together and
checks every node; :func:`skeleton_source` is the text of the numba loop that calls the
compiled body (:mod:`symflux.compile.llvm_body`), and :func:`loop_source` the same
kernel written out as a readable Python loop.

Safety: no generated text ever contains a user's string. Input arrays are ``x0, x1, …``
(read into ``a0, a1, …``), common subexpressions ``t0, t1, …``; the printer
(:class:`LoopPrinter`) and the LLVM emitter know only numbers, those names, ``+``,
``*``, ``**`` and a fixed table of ``math`` functions. Any other node (a symbol that is
not an input, an unknown function, a relational, a matrix…) raises
:class:`~symflux.errors.KernelError`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from symflux.errors import KernelError

__all__ = ["LoopPrinter", "Program", "listing", "loop_source", "program", "skeleton_source"]

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

    def check(self, expr: sympy.Basic) -> None:
        """Raise KernelError at the first node :meth:`doprint` would refuse."""
        stack = [expr]
        while stack:
            e = stack.pop()
            if isinstance(e, sympy.Symbol) or e.is_Number or e in (sympy.pi, sympy.E):
                self.doprint(e)
            elif isinstance(e, (sympy.Add, sympy.Mul, sympy.Pow)) or (
                    isinstance(e, sympy.Function) and e.func in MATH_FUNCTIONS):
                stack.extend(e.args)
            else:
                self.doprint(e)  # raises, naming the node

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


@dataclass(frozen=True)
class Program:
    """Expressions after common-subexpression elimination, checked printable.

    ``temporaries[j] = (t_j, value)`` in evaluation order; ``outputs`` are in terms of
    the ``inputs`` and the temporaries.
    """

    inputs: tuple[sympy.Symbol, ...]
    temporaries: tuple[tuple[sympy.Symbol, sympy.Expr], ...]
    outputs: tuple[sympy.Expr, ...]

    def names(self) -> dict[sympy.Symbol, str]:
        """Generated identifiers: input i is ``a<i>``, temporary j is ``t<j>``."""
        names = {s: f"a{i}" for i, s in enumerate(self.inputs)}
        names.update({t: f"t{j}" for j, (t, _) in enumerate(self.temporaries)})
        return names


def program(expressions: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol]) -> Program:
    """Share the common subexpressions of ``expressions`` (in ``symbols``) and check that
    every node is one a compiled kernel evaluates (:class:`KernelError` otherwise)."""
    symbols = tuple(symbols)
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
    result = Program(symbols, tuple(replacements), tuple(reduced))
    printer = LoopPrinter(result.names())
    for _, value in result.temporaries:
        printer.check(value)
    for e in result.outputs:
        printer.check(e)
    return result


def skeleton_source(n_in: int, n_out: int) -> str:
    """Source of the loop that calls a compiled body: ``out_j[i] = body(x_0[i], …)[j]``.

    >>> print(skeleton_source(2, 1))
    def kernel_loop(x0, x1, out0):
        for i in range(out0.shape[0]):
            r = body((x0[i], x1[i], ))
            out0[i] = r[0]
    """
    inputs = [f"x{i}" for i in range(n_in)]
    outputs = [f"out{j}" for j in range(n_out)]
    lines = [f"def kernel_loop({', '.join(inputs + outputs)}):",
             "    for i in range(out0.shape[0]):",
             f"        r = body(({''.join(f'{x}[i], ' for x in inputs)}))"]
    lines += [f"        out{j}[i] = r[{j}]" for j in range(n_out)]
    return "\n".join(lines)


def loop_source(expressions: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol]) -> str:
    """The kernel as a readable Python loop: ``out_j[i] = expressions[j](x[i])``.

    This listing is what the compiled body computes, statement by statement (the
    LLVM emitter of :mod:`symflux.compile.llvm_body` walks the same program); it is
    for reading and for checking that no user text appears.

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
    return listing(program(expressions, symbols))


def listing(prog: Program) -> str:
    """A :class:`Program` written out as a Python loop (see :func:`loop_source`)."""
    printer = LoopPrinter(prog.names())
    inputs = [f"x{i}" for i in range(len(prog.inputs))]
    outputs = [f"out{j}" for j in range(len(prog.outputs))]
    lines = [f"def kernel_loop({', '.join(inputs + outputs)}):",
             "    for i in range(out0.shape[0]):"]
    lines += [f"        a{i} = x{i}[i]" for i in range(len(prog.inputs))]
    lines += [f"        t{j} = {printer.doprint(value)}" for j, (_, value) in
              enumerate(prog.temporaries)]
    lines += [f"        out{j}[i] = {printer.doprint(e)}" for j, e in enumerate(prog.outputs)]
    return "\n".join(lines)

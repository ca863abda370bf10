"""The loop body of a compiled kernel emitted as LLVM IR, one numba intrinsic per kernel.

Why: numba's front end (type inference and lowering) costs about 2 ms per Python
operator, so the printed loop of K7 ``p_1`` (≈10⁴ operators after ``cse``) took 28 s
to compile, nearly all of it before LLVM. Here the numba function is a fixed
skeleton (load the inputs, call the body, store the outputs) and the body is an
``@intrinsic`` whose code generation writes the arithmetic straight into the
caller's IR with llvmlite's builder: numba types one call instead of 10⁴ operators,
and LLVM, which is fast at this, gets the same instructions, inlines them into the
loop, applies ``fastmath`` and vectorises as before.

The emitter accepts exactly the nodes :class:`symflux.compile.codegen.LoopPrinter`
prints (numbers, inputs, temporaries, ``+``, ``*``, ``**``, the math functions of
``MATH_FUNCTIONS``) and refuses anything else; no text is executed.
"""

from __future__ import annotations

import math
import operator

import sympy

from symflux.compile.codegen import MATH_FUNCTIONS, SMALL_POWER, Program
from symflux.errors import KernelError

__all__ = ["body_intrinsic"]


class _Emitter:
    """Emit one SymPy expression tree as float64 instructions (values of ``env``)."""

    def __init__(self, context, builder, env):
        from llvmlite import ir
        from numba.core import types

        self.ir, self.types = ir, types
        self.context, self.builder, self.env = context, builder, env
        self.double = ir.DoubleType()

    def const(self, value: float):
        return self.ir.Constant(self.double, value)

    def call(self, fn, *args):
        sig = self.types.float64(*([self.types.float64] * len(args)))
        return self.context.get_function(fn, sig)(self.builder, args)

    def emit(self, expr):
        b = self.builder
        if isinstance(expr, sympy.Symbol):
            if expr not in self.env:
                raise KernelError(f"symbol {expr} is not a parameter of the kernel")
            return self.env[expr]
        if expr.is_Number or expr in (sympy.pi, sympy.E):
            return self.const(float(expr))
        if isinstance(expr, sympy.Add):
            value = self.emit(expr.args[0])
            for a in expr.args[1:]:
                value = b.fadd(value, self.emit(a))
            return value
        if isinstance(expr, sympy.Mul):
            return self._mul(expr)
        if isinstance(expr, sympy.Pow):
            return self._pow(expr)
        if isinstance(expr, sympy.Function) and expr.func in MATH_FUNCTIONS:
            fn = getattr(math, MATH_FUNCTIONS[expr.func])
            return self.call(fn, *(self.emit(a) for a in expr.args))
        raise KernelError(f"cannot compile {type(expr).__name__} ({expr})")

    def _product(self, factors):
        value = None
        for f in factors:
            value = f if value is None else self.builder.fmul(value, f)
        return value

    def _mul(self, expr):
        top, bottom = [], []
        for f in expr.args:
            if isinstance(f, sympy.Pow) and f.exp.is_Number and f.exp.is_negative:
                bottom.append(self.emit(sympy.Pow(f.base, -f.exp)))
            elif f.is_Rational and f.q != 1:
                top.append(self.const(float(f.p)))
                bottom.append(self.const(float(f.q)))
            else:
                top.append(self.emit(f))
        numerator = self._product(top) if top else self.const(1.0)
        return self.builder.fdiv(numerator, self._product(bottom)) if bottom else numerator

    def _pow(self, expr):
        base, exponent = expr.base, expr.exp
        if exponent.is_Integer and 0 < abs(int(exponent)) <= SMALL_POWER:
            x = self.emit(base)
            value = self._product([x] * abs(int(exponent)))
            return value if exponent > 0 else self.builder.fdiv(self.const(1.0), value)
        if exponent == sympy.Rational(1, 2):
            return self.call(math.sqrt, self.emit(base))
        if exponent == -sympy.Rational(1, 2):
            return self.builder.fdiv(self.const(1.0), self.call(math.sqrt, self.emit(base)))
        return self.call(operator.pow, self.emit(base), self.emit(exponent))


def body_intrinsic(program: Program):
    """A numba intrinsic ``body((a0, …)) -> (out0, …)`` computing ``program`` per point."""
    from numba.core import types
    from numba.extending import intrinsic

    n_in, n_out = len(program.inputs), len(program.outputs)

    def codegen(context, builder, signature, args):
        values = [builder.extract_value(args[0], i) for i in range(n_in)]
        env = dict(zip(program.inputs, values, strict=True))
        emitter = _Emitter(context, builder, env)
        for t, value in program.temporaries:
            env[t] = emitter.emit(value)
        values = [emitter.emit(e) for e in program.outputs]
        return context.make_tuple(builder, signature.return_type, values)

    # One tuple argument (numba's intrinsics take no *args): the skeleton packs the inputs.
    @intrinsic
    def body(typingctx, inputs):
        if not (isinstance(inputs, types.BaseTuple) and len(inputs) == n_in
                and all(t == types.float64 for t in inputs)):  # pragma: no cover
            return None
        return types.UniTuple(types.float64, n_out)(inputs), codegen

    return body

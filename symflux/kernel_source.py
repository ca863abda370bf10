"""NumPy (and mpmath) source of kernels: the one place kernels' code is generated.

:func:`numpy_source` prints expressions as ``def _f(_a): ...`` with arguments by
position (``_a[i]``) and every repeated subexpression computed once; :func:`compile_source`
turns it into a function. No name from a model reaches the source: arguments print by
position, any other symbol and any node outside the whitelist of
:func:`symflux.parsing.values.compilable` is refused with a ``KernelError``.
"""

from __future__ import annotations

import numpy as np
import sympy

from symflux.errors import KernelError, ParseError

__all__ = ["compile_source", "numpy_source"]


class _ArgumentPrinter:
    """Mixin: print argument symbols as ``_a[i]`` and shared subexpressions by name.

    Printing symbols by position needs no dummify pass over the expression (which is
    what makes ``lambdify`` slow on large results), and ``order="none"`` skips the
    sorting of every sum's terms, which dominates printing a matrix-tree sum.
    """

    def __init__(self, names: dict, settings: dict):
        super().__init__({"order": "none", **settings})
        self._names = names

    def _print(self, expr, **kwargs):
        name = self._names.get(expr)
        return name if name is not None else super()._print(expr, **kwargs)

    def _print_Symbol(self, expr):
        # Arguments print by position; a symbol's own name never reaches the source
        # (a name can be any text, such as ``__import__('os').system(...)``).
        raise KernelError(f"no value for {sympy.sstr(expr)[:60]!r}: it is not one of the "
                          "kernel's parameters")

    def _print_Add(self, expr):
        # A sum of thousands of terms printed as one chain overflows Python's compiler
        # (it recurses once per ``+``): print it as a balanced tree of short chains.
        terms = [self._print(a) for a in expr.args]
        while len(terms) > 64:
            terms = ["(" + " + ".join(terms[i:i + 64]) + ")" for i in range(0, len(terms), 64)]
        return " + ".join(terms)

    def _print_Mul(self, expr):
        # Factor by factor: the default printer rebuilds a numerator and a denominator,
        # which would print a shared ``1/Σ`` as a fresh division instead of by name.
        from sympy.printing.precedence import PRECEDENCE

        return "*".join(self.parenthesize(a, PRECEDENCE["Mul"], strict=True)
                        for a in expr.args)


def _printer(module: str, names: dict):
    from sympy.printing.numpy import NumPyPrinter
    from sympy.printing.pycode import MpmathPrinter

    base = {"numpy": NumPyPrinter, "mpmath": MpmathPrinter}[module]
    cls = type(f"_{module.title()}ArgumentPrinter", (_ArgumentPrinter, base), {})
    return cls(names, {"fully_qualified_modules": True})


#: A subexpression this many levels above the last named one is named too, so that the
#: printer's recursion and Python's parser (which nests about 200 parentheses at most)
#: see bounded depth: a 64-rung ladder's continued fraction is 190 levels deep.
DEPTH_CUT = 40


def _repeated(expressions) -> list:
    """Subexpressions to compute once, children before parents: those that occur more
    than once, and every :data:`DEPTH_CUT`-th level of a deep chain.

    Exact repeats only, found in one pass by hashing (SymPy caches each node's hash).
    ``sympy.cse`` also searches for common *parts* of sums and products
    (``opt_cse``), which is quadratic in the number of terms and took 60 of 70 s on
    the expanded results of the complete 6-state graph; exact repeats are what the
    matrix-tree forms share (the normalising sum, the tree sums of each state). The walk
    keeps its own stack: no recursion depth grows with the expression.
    """
    seen: set = set()
    chosen: set = set()
    order: list = []
    height: dict = {}
    for root in expressions:
        stack = [(root, False)]
        while stack:
            e, done = stack.pop()
            if not e.args:
                continue
            if done:
                h = 1 + max((height.get(a, 0) for a in e.args), default=0)
                if h >= DEPTH_CUT:
                    chosen.add(e)
                    h = 1
                height[e] = 1 if e in chosen else h
                order.append(e)
                continue
            if e in seen:
                chosen.add(e)
                height[e] = 1
                continue
            seen.add(e)
            stack.append((e, True))
            stack.extend((a, False) for a in reversed(e.args))
    return [e for e in order if e in chosen]


def numpy_source(symbols, expressions, *, module: str = "numpy") -> str:
    """Python source of ``def _f(_a): return (e_1, ..., e_n)`` with shared subexpressions.

    ``_a`` is the sequence of argument values in the order of ``symbols``. A
    subexpression that occurs more than once, in one result or across results, is
    computed once (a normalising sum that every probability divides by, say).
    ``module`` is ``"numpy"`` (arrays, the default) or ``"mpmath"`` (scalars in
    extended precision). This is the only place kernels' code is generated: another
    backend prints here.

    >>> import sympy
    >>> a, b = sympy.symbols("a b", positive=True)
    >>> print(numpy_source((a, b), [a / (a + b), b / (a + b)]))
    def _f(_a):
        x0 = (_a[0] + _a[1])**(-1.0)
        return (_a[0]*x0, _a[1]*x0)
    """
    from symflux.parsing.values import compilable

    expressions = [sympy.sympify(e) for e in expressions]
    visited: set = set()
    for i, e in enumerate(expressions, start=1):
        try:  # only whitelisted node types are printed into code (no function names)
            compilable(e, what=f"expression {i}", visited=visited)
        except ParseError as err:
            raise KernelError(f"cannot compile expression {i}: {err}") from None
    names: dict = {s: f"_a[{i}]" for i, s in enumerate(symbols)}
    printer = _printer(module, names)
    lines = ["def _f(_a):"]
    for i, e in enumerate(_repeated(expressions)):
        if e in names:
            continue
        lines.append(f"    x{i} = {printer._print(e)}")
        names[e] = f"x{i}"
    # _print, not doprint: doprint first rewrites the whole tree (Basic.replace) and
    # collects its free symbols, which costs more than printing it.
    outputs = ", ".join(printer._print(e) for e in expressions)
    lines.append(f"    return ({outputs}{',' if len(expressions) == 1 else ''})")
    return "\n".join(lines)


def compile_source(source: str, module: str):
    """The function ``_f`` defined by kernel ``source`` printed by SymPy (never user text)."""
    import mpmath

    namespace = {"numpy": np, "mpmath": mpmath}
    # The source is printed by SymPy from SymPy expressions (as lambdify does), never
    # from user text, so executing it runs nothing a user typed.
    exec(compile(source, "<symflux kernel>", "exec"), namespace)
    return namespace["_f"]

"""Fast NumPy functions from Derivation results.

A :class:`Kernel` evaluates one result's evaluation form (the compact nested form
where the analysis gave one) as NumPy code with its repeated subexpressions computed
once (:func:`numpy_source`). It takes keyword arguments named after the symbols, in their
canonical spelling (``"k_{12}"``) or as Python identifiers (``k_12``, ``k_m1`` for
``k_{-1}``), and broadcasts over NumPy arrays. ``backend="numba"`` compiles the same
form into a numba loop instead (:mod:`symflux.compile`; the ``fast`` extra).

A :class:`MultiKernel` (:func:`kernels`) compiles many results into one function:
the common subexpressions are shared between all of them, every sample point is
evaluated in one vectorised call, and the source is printed once, without
lambdify's per-result reprint and dummify pass. :func:`numpy_source` is the one
place where NumPy code is generated, for both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import sympy

from symflux.errors import KernelError, ParseError
from symflux.kernel_source import compile_source, numpy_source

if TYPE_CHECKING:
    from symflux.derivation import Derivation

__all__ = ["BACKENDS", "Kernel", "MultiKernel", "evaluate_expressions", "kernel", "kernels",
           "numpy_source"]

BACKENDS = ("numpy", "numba")


def _check_backend(backend: str) -> None:
    if backend not in BACKENDS:
        raise KernelError(f"unknown kernel backend {backend!r}; valid backends are "
                          + ", ".join(repr(b) for b in BACKENDS))


class _Binder:
    """Keyword values → positional arguments, by canonical or Python spelling of each name.

    Values for other symbols of the model (``ignorable``) are accepted and unused, so one
    mapping of the model's values serves every kernel; a misspelt name is not.
    """

    def __init__(self, symbols, ignorable, what: str):
        from symflux.parsing import python_name

        self.what = what
        self.parameters = tuple(s.name for s in symbols)
        self.python = tuple(python_name(p) for p in self.parameters)
        self.position: dict[str, int] = {}
        for i, (name, alias) in enumerate(zip(self.parameters, self.python, strict=True)):
            self.position[name] = i
            self.position.setdefault(alias, i)
        self.ignorable = {n for s in ignorable for n in (s.name, python_name(s.name))}

    def bind(self, values: Mapping | None, kwargs: Mapping) -> list:
        given = dict(values or {})
        given.update(kwargs)
        args: list = [None] * len(self.parameters)
        unknown = []
        for key, value in given.items():
            name = key.name if isinstance(key, sympy.Symbol) else str(key)
            if name in self.position:
                args[self.position[name]] = value
            elif name not in self.ignorable:
                unknown.append(name)
        missing = [self.parameters[i] for i, a in enumerate(args) if a is None]
        if unknown or missing:
            parts = ([f"unknown parameter(s) {', '.join(unknown)}"] if unknown else []) + (
                [f"missing value(s) for {', '.join(missing)}"] if missing else [])
            takes = ", ".join(f"{p} (or {q})" if p != q else p
                              for p, q in zip(self.parameters, self.python, strict=True))
            raise KernelError(f"{self.what}: {'; '.join(parts)}. It takes "
                              f"{takes or 'no parameters'}")
        return args


class Kernel:
    """A compiled result: call it with one keyword argument per parameter.

    Attributes
    ----------
    name : str
        The result it evaluates.
    expression : sympy.Expr
        The form that is evaluated.
    parameters : tuple of str
        Canonical parameter names, in order.
    backend : str
        ``"numpy"`` (generated NumPy code) or ``"numba"`` (a compiled loop).
    """

    def __init__(self, name: str, expression: sympy.Expr, symbols: tuple[sympy.Symbol, ...],
                 ignorable: tuple[sympy.Symbol, ...] = (), *, backend: str = "numpy"):
        _check_backend(backend)
        self.backend = backend
        self.name = name
        self.expression = expression
        self.symbols = symbols
        self._binder = _Binder(symbols, ignorable, f"kernel {name!r}")
        self.parameters = self._binder.parameters
        from symflux.parsing.values import compilable

        try:  # code is printed from the tree: only whitelisted node types reach it
            compilable(expression, what=f"result {name!r}")
        except ParseError as err:
            raise KernelError(f"cannot compile result {name!r}: {err}") from None
        if backend == "numba":
            from symflux.compile import numba_function

            self._function = numba_function([expression], symbols)
        else:
            # the one NumPy code generator (numpy_source): it names repeated
            # subexpressions in one hashing pass, where lambdify's cse took 470 s on
            # ring150's p_1 (numpy_source: 24 s)
            self.source = numpy_source(symbols, [expression])
            compiled = compile_source(self.source, "numpy")
            self._function = lambda *args: compiled(args)[0]

    @property
    def python_parameters(self) -> tuple[str, ...]:
        """Parameter names usable as Python keywords (``k_12`` for ``k_{12}``)."""
        return self._binder.python

    def __call__(self, values: Mapping | None = None, /, **kwargs):
        args = self._binder.bind(values, kwargs)
        if self.backend == "numba":
            (result,) = self._function(*args)
            return result if result.ndim else float(result)
        with np.errstate(divide="ignore"):
            result = self._function(*(np.asarray(a, dtype=float) for a in args))
        shape = np.broadcast_shapes(*(np.shape(a) for a in args)) if args else ()
        return np.broadcast_to(np.asarray(result, dtype=float), shape).copy() if shape else float(
            result)

    def __repr__(self) -> str:
        return f"Kernel({self.name!r}, parameters={self.parameters})"


def kernel(derivation: Derivation, name: str, *, backend: str = "numpy") -> Kernel:
    """Compile result ``name`` of a Derivation into a :class:`Kernel`.

    Parameters
    ----------
    derivation : Derivation
        The record holding the result.
    name : str
        A result name, such as ``p_1`` or ``J_12`` (docs/naming.md).
    backend : {"numpy", "numba"}
        Generated NumPy code, or a numba loop (``pip install symflux[fast]``).

    Returns
    -------
    Kernel
        A function of the result's evaluation form (its compact form where it has one)
        that takes a value for every parameter of ``derivation``, even one the result
        does not depend on, by canonical (``k_{12}``) or Python (``k_12``) name, and
        broadcasts over arrays; a call with a name missing or misspelt raises
        :class:`KernelError`.

    Raises
    ------
    UnknownResult
        ``derivation`` has no result ``name``; the message lists the results.
    KernelError
        An unknown backend, ``"numba"`` without numba installed, or a form holding a
        node no kernel can evaluate.
    LimitError
        The form has more distinct nodes than the limit ``expression_nodes``, or a sum
        of more terms than ``sum_terms``.

    Notes
    -----
    One hashing pass finds the repeated subexpressions (:func:`numpy_source`), so the
    source, its compilation and each call grow with the distinct nodes of the form,
    not its printed size; a call is one NumPy operation per node over all points.
    numba's compile time also grows with that size.

    Examples
    --------
    >>> from symflux import kinetic_graph, steady_state
    >>> f = steady_state(kinetic_graph(["1 <-> 2"])).kernel("p_1")
    >>> f.parameters
    ('k_{12}', 'k_{21}')
    >>> f(k_12=1.0, k_21=[1.0, 3.0]).tolist()
    [0.5, 0.75]
    """
    _check_backend(backend)
    derivation[name]  # a KeyError that lists the results
    # Every kernel of a derivation takes the same parameters, so one mapping of
    # values serves them all, even results that do not depend on some.
    return Kernel(name, derivation.evaluation_form(name), derivation.parameters,
                  tuple(derivation.symbols), backend=backend)


class MultiKernel:
    """Several results compiled into one function of all of a Derivation's parameters.

    Call it with a mapping (or keywords) of parameter values, each a number or an
    array (all arrays broadcast together); it returns ``{result name: ndarray}``.

    Attributes
    ----------
    names : tuple of str
        The results it evaluates, in order.
    parameters : tuple of str
        Canonical parameter names, in order.
    source : str
        The generated NumPy source (see :func:`numpy_source`).
    """

    def __init__(self, names, expressions, symbols, ignorable=()):
        self.names = tuple(names)
        self.expressions = tuple(expressions)
        self.symbols = tuple(symbols)
        self._binder = _Binder(self.symbols, ignorable, f"kernels {', '.join(self.names)}")
        self.parameters = self._binder.parameters
        self.source = numpy_source(self.symbols, self.expressions)
        self._function = compile_source(self.source, "numpy")
        self._mpmath = None

    def _arguments(self, values, kwargs) -> list:
        return self._binder.bind(values, kwargs)

    def __call__(self, values: Mapping | None = None, /, **kwargs) -> dict[str, np.ndarray]:
        args = [np.asarray(a, dtype=float) for a in self._arguments(values, kwargs)]
        shape = np.broadcast_shapes(*(np.shape(a) for a in args)) if args else ()
        with np.errstate(all="ignore"):
            out = self._function(args)
        return {n: np.broadcast_to(np.asarray(v, dtype=float), shape).copy()
                for n, v in zip(self.names, out, strict=True)}

    def extended(self, values: Mapping, digits: int = 50) -> dict[str, float]:
        """The results at one point in ``digits``-digit arithmetic (mpmath), as floats.

        The values are taken as exact binary numbers, so this tells whether a
        double-precision evaluation lost digits to cancellation.
        """
        import mpmath

        if self._mpmath is None:
            self._mpmath = compile_source(numpy_source(self.symbols, self.expressions,
                                                 module="mpmath"), "mpmath")
        args = [mpmath.mpf(float(a)) for a in self._arguments(values, {})]
        with mpmath.workdps(digits):
            try:
                out = self._mpmath(args)
            except (ZeroDivisionError, ValueError):
                return {n: float("nan") for n in self.names}
            return {n: float(mpmath.re(v)) if mpmath.isfinite(v) else float("nan")
                    for n, v in zip(self.names, out, strict=True)}

    def __repr__(self) -> str:
        return f"MultiKernel({self.names}, parameters={self.parameters})"


def kernels(derivation, names=None, *, form: str = "evaluation") -> MultiKernel:
    """Compile several results of a Derivation (default: all) into one :class:`MultiKernel`.

    ``form`` is ``"evaluation"`` (the compact form where there is one, as
    :func:`kernel` uses), ``"results"`` (the printed form, what a reader reads) or
    ``"compact"`` (only results that have a compact form).

    Examples
    --------
    >>> from symflux import kinetic_graph, steady_state
    >>> f = steady_state(kinetic_graph(["1 <-> 2"])).kernels(["p_1", "p_2"])
    >>> {n: v.tolist() for n, v in f(k_12=1.0, k_21=[1.0, 3.0]).items()}
    {'p_1': [0.5, 0.75], 'p_2': [0.5, 0.25]}
    """
    forms = {"evaluation": derivation.evaluation_form,
             "results": lambda n: derivation.results[n],
             "compact": lambda n: derivation.compact[n]}
    if form not in forms:
        raise KernelError(f"form must be one of {', '.join(forms)}, not {form!r}")
    if names is None:
        names = derivation.compact if form == "compact" else derivation.results
    names = list(names)
    for n in names:
        derivation[n]  # a KeyError that lists the results
    return MultiKernel(names, [forms[form](n) for n in names], derivation.parameters,
                       tuple(derivation.symbols))


def _numpy_functions() -> dict:
    return {sympy.log: np.log, sympy.exp: np.exp, sympy.Abs: np.abs, sympy.sin: np.sin,
            sympy.cos: np.cos, sympy.tan: np.tan, sympy.atan: np.arctan,
            sympy.sinh: np.sinh, sympy.cosh: np.cosh, sympy.tanh: np.tanh}


def _mpmath_functions() -> dict:
    import mpmath

    return {sympy.log: mpmath.log, sympy.exp: mpmath.exp, sympy.Abs: abs,
            sympy.sin: mpmath.sin, sympy.cos: mpmath.cos, sympy.tan: mpmath.tan,
            sympy.atan: mpmath.atan, sympy.sinh: mpmath.sinh, sympy.cosh: mpmath.cosh,
            sympy.tanh: mpmath.tanh}


def _mpmath_arithmetic():
    """``(functions, add, mul, number, power)`` for :func:`evaluate_expressions` in
    mpmath, at its current precision."""
    import mpmath

    def number(e):
        if e.is_Rational:
            return mpmath.mpf(int(e.p)) / int(e.q)
        return mpmath.mpf(sympy.Float(e, mpmath.mp.dps)) if e.is_Float else mpmath.mpmathify(
            sympy.N(e, mpmath.mp.dps + 5))

    def power(b, x, e):
        return b ** (number(e.exp) if e.exp.is_number else x)

    return _mpmath_functions(), mpmath.fsum, mpmath.fprod, number, power


def _numpy_arithmetic(dtype):
    """``(functions, add, mul, number, power)`` for :func:`evaluate_expressions` over
    NumPy arrays of ``dtype``."""
    def add(xs):
        return np.sum(np.stack(np.broadcast_arrays(*xs)), axis=0) if len(xs) > 8 else sum(xs)

    def mul(xs):
        if len(xs) > 8:  # a long tree term: one reduction instead of a loop of products
            return np.multiply.reduce(np.stack(np.broadcast_arrays(*xs)), axis=0)
        out = xs[0]
        for x in xs[1:]:
            out = out * x
        return out

    def number(e):
        return dtype(float(e)) if dtype is not float else float(e)

    def power(b, x, e):
        return np.power(b, x)

    return _numpy_functions(), add, mul, number, power


def evaluate_expressions(expressions, values: Mapping, *, module: str = "numpy",
                         dtype=float) -> list:
    """Evaluate expressions at ``values`` (symbol → number or array) by walking them once.

    Each shared node is computed once, as one NumPy operation over all points
    (``module="numpy"``) or in mpmath at its current precision (``"mpmath"``, scalar
    values). There is nothing to print or compile, which for a large expanded result
    costs far more than one evaluation (the complete 7-state graph's expanded
    results have millions of nodes); a compiled :class:`MultiKernel` pays off when
    the same expressions are evaluated many times.

    Raises
    ------
    KernelError
        for a symbol without a value or a function it cannot evaluate.

    >>> import sympy
    >>> a, b = sympy.symbols("a b", positive=True)
    >>> [v.tolist() for v in evaluate_expressions([a / (a + b), sympy.log(b)],
    ...                                           {a: np.array([1.0, 3.0]), b: 1.0})]
    [[0.5, 0.75], 0.0]
    """
    functions, add, mul, number, power = (_mpmath_arithmetic() if module == "mpmath"
                                          else _numpy_arithmetic(dtype))
    memo: dict = {}
    for s, v in values.items():
        memo[s] = v if module == "mpmath" else np.asarray(v, dtype=dtype)
    stack = [(e, False) for e in expressions]
    with np.errstate(all="ignore"):
        while stack:
            e, ready = stack.pop()
            if e in memo:
                continue
            if e.is_Symbol:
                raise KernelError(f"no value for {e} in the expressions evaluated")
            if (e.is_number and not e.args) or e.is_NumberSymbol:
                memo[e] = number(e)
                continue
            if not ready:
                stack.append((e, True))
                stack.extend((a, False) for a in e.args if a not in memo)
                continue
            xs = [memo[a] for a in e.args]
            if e.is_Add:
                memo[e] = add(xs)
            elif e.is_Mul:
                memo[e] = mul(xs)
            elif e.is_Pow:
                memo[e] = power(xs[0], xs[1], e)
            elif e.func in functions:
                memo[e] = functions[e.func](*xs)
            else:
                raise KernelError(f"cannot evaluate {e.func.__name__} numerically here; "
                                  "use a compiled kernel")
    return [memo[e] for e in expressions]

"""Fast NumPy functions from Derivation results.

A kernel evaluates the result's evaluation form (the compact nested form where
the analysis gave one) through ``sympy.lambdify`` with common-subexpression
elimination. It takes keyword arguments named after the symbols, in their
canonical spelling (``"k_{12}"``) or as Python identifiers (``k_12``, ``k_m1`` for
``k_{-1}``), and broadcasts over NumPy arrays. ``backend="numba"`` compiles the same
form into a numba loop instead (:mod:`symflux.compile`; the ``fast`` extra).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import sympy

from symflux.errors import KernelError, ParseError

__all__ = ["BACKENDS", "Kernel", "kernel"]

BACKENDS = ("numpy", "numba")


def _check_backend(backend: str) -> None:
    if backend not in BACKENDS:
        raise KernelError(f"unknown kernel backend {backend!r}; valid backends are "
                          + ", ".join(repr(b) for b in BACKENDS))


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
        ``"numpy"`` (``lambdify``) or ``"numba"`` (a compiled loop).
    """

    def __init__(self, name: str, expression: sympy.Expr, symbols: tuple[sympy.Symbol, ...],
                 ignorable: tuple[sympy.Symbol, ...] = (), *, backend: str = "numpy"):
        from symflux.parsing import python_name

        _check_backend(backend)
        self.backend = backend
        self.name = name
        self.expression = expression
        self.symbols = symbols
        self.parameters = tuple(s.name for s in symbols)
        self._position: dict[str, int] = {}
        for i, s in enumerate(symbols):
            self._position[s.name] = i
            self._position.setdefault(python_name(s.name), i)
        # Values for other symbols of the model are accepted and unused, so one
        # mapping of the model's values serves every kernel; a misspelt name is not.
        self._ignorable = {n for s in ignorable for n in (s.name, python_name(s.name))}
        from symflux.parsing.values import compilable

        try:  # lambdify writes source from the tree: only whitelisted node types reach it
            compilable(expression, what=f"result {name!r}")
        except ParseError as err:
            raise KernelError(f"cannot compile result {name!r}: {err}") from None
        if backend == "numba":
            from symflux.compile import numba_function

            self._function = numba_function([expression], symbols)
        else:
            self._function = sympy.lambdify(symbols, expression, modules="numpy", cse=True,
                                            dummify=True)

    @property
    def python_parameters(self) -> tuple[str, ...]:
        """Parameter names usable as Python keywords (``k_12`` for ``k_{12}``)."""
        from symflux.parsing import python_name

        return tuple(python_name(p) for p in self.parameters)

    def __call__(self, values: Mapping | None = None, /, **kwargs):
        given = dict(values or {})
        given.update(kwargs)
        args: list = [None] * len(self.symbols)
        unknown = []
        for key, value in given.items():
            name = key.name if isinstance(key, sympy.Symbol) else str(key)
            if name not in self._position:
                if name not in self._ignorable:
                    unknown.append(name)
                continue
            args[self._position[name]] = value
        missing = [self.parameters[i] for i, a in enumerate(args) if a is None]
        if unknown or missing:
            parts = []
            if unknown:
                parts.append(f"unknown parameter(s) {', '.join(unknown)}")
            if missing:
                parts.append(f"missing value(s) for {', '.join(missing)}")
            raise KernelError(
                f"kernel {self.name!r}: {'; '.join(parts)}. It takes "
                + ", ".join(f"{p} (or {q})" if p != q else p
                            for p, q in zip(self.parameters, self.python_parameters, strict=True))
            )
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


def kernel(derivation, name: str, *, backend: str = "numpy") -> Kernel:
    """Compile result ``name`` of a Derivation into a :class:`Kernel`.

    ``backend="numba"`` compiles a numba loop (``pip install symflux[fast]``); without
    numba it raises :class:`KernelError` saying so, as does an unknown backend.

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

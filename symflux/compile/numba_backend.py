"""SymPy expressions compiled by numba into one element-wise, multi-output loop.

:func:`numba_function` shares the expressions' common subexpressions
(:func:`symflux.compile.codegen.program`) and compiles a ``numba.njit(fastmath=True)``
loop whose body is emitted as LLVM IR (:mod:`symflux.compile.llvm_body`). numba is the
optional ``fast`` extra (``pip install symflux[fast]``); without it :func:`numba_function` raises
:class:`~symflux.errors.KernelError` saying so.

Two machine-code versions of the loop exist, each with one explicit signature, so a
kernel never recompiles per call pattern: a *dense* one for inputs that are all
C-contiguous and of the full broadcast size (LLVM vectorises it), compiled when the
function is built, and a *strided* one (numba's ``A`` layout) for everything else,
compiled on first use: a scalar or length-1 input is then passed as a stride-0 view,
never copied to the full size.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import sympy

from symflux.compile.codegen import Program, listing, program, skeleton_source
from symflux.compile.llvm_body import body_intrinsic
from symflux.errors import KernelError

try:  # the fast extra
    import numba
except ImportError:  # pragma: no cover - exercised by monkeypatching HAVE_NUMBA
    numba = None

__all__ = ["HAVE_NUMBA", "INSTALL_HINT", "numba_function"]

HAVE_NUMBA = numba is not None
INSTALL_HINT = "pip install symflux[fast]"


def _require_numba() -> None:
    if not HAVE_NUMBA:
        raise KernelError(f"backend='numba' needs numba, which is not installed; "
                          f"install it with `{INSTALL_HINT}` or use backend='numpy'")


def _compile(prog: Program, dense: bool):
    """The kernel's loop compiled for one input layout."""
    namespace: dict = {"body": body_intrinsic(prog)}
    # The skeleton's text is generated from two counts: identifiers x<i>, out<j>, r.
    exec(compile(skeleton_source(len(prog.inputs), len(prog.outputs)),
                 "<symflux kernel loop>", "exec"), namespace)
    # Inputs are typed read-only, so broadcast (stride-0, read-only) views pass too.
    array = numba.types.Array(numba.float64, 1, "C" if dense else "A", readonly=True)
    signature = numba.void(*([array] * len(prog.inputs)),
                           *([numba.float64[::1]] * len(prog.outputs)))
    # error_model="numpy": x / 0 gives inf or nan as in NumPy instead of raising; the
    # raise would be an early exit from the loop, which stops LLVM from vectorising
    # it (3x slower on K4 p_1, measured).
    jit = numba.njit(signature, fastmath=True, nogil=True, error_model="numpy")
    return jit(namespace["kernel_loop"])


class NumbaFunction:
    """A compiled multi-output loop; call it with one array-like per symbol.

    Returns a tuple with one float array per expression, of the inputs' broadcast
    shape. ``out=`` (a tuple of C-contiguous float64 arrays of that shape) receives
    the results in place, e.g. slices of an ``np.memmap``. ``source`` is the kernel
    as a readable Python loop (:func:`symflux.compile.codegen.loop_source`).
    """

    def __init__(self, prog: Program):
        self.program = prog
        self.n_in = len(prog.inputs)
        self.n_out = len(prog.outputs)
        self._dense = _compile(prog, True)
        self._strided = None

    @property
    def source(self) -> str:
        """The compiled program as readable text (what the kernel computes, in order)."""
        return listing(self.program)

    def __call__(self, *args, out: tuple[np.ndarray, ...] | None = None):
        if len(args) != self.n_in:
            raise KernelError(f"compiled kernel takes {self.n_in} inputs, got {len(args)}")
        arrays = [np.asarray(a, dtype=np.float64) for a in args]
        shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
        n = math.prod(shape)
        outputs = self._outputs(shape, out)
        flat_out = tuple(o.reshape(-1) for o in outputs)
        if all(a.shape == shape and a.flags.c_contiguous for a in arrays):
            self._dense(*(a.reshape(-1) for a in arrays), *flat_out)
            return outputs
        flat = [np.broadcast_to(a.reshape(1), (n,)) if a.size == 1
                else np.ascontiguousarray(np.broadcast_to(a, shape)).reshape(-1)
                for a in arrays]
        if self._strided is None:
            self._strided = _compile(self.program, False)
        self._strided(*flat, *flat_out)
        return outputs

    def _outputs(self, shape, out) -> tuple[np.ndarray, ...]:
        if out is None:
            return tuple(np.empty(shape) for _ in range(self.n_out))
        out = tuple(out)
        if len(out) != self.n_out or not all(
                isinstance(o, np.ndarray) and o.shape == shape and o.dtype == np.float64
                and o.flags.c_contiguous and o.flags.writeable for o in out):
            raise KernelError(f"out must be {self.n_out} writeable C-contiguous float64 "
                              f"array(s) of shape {shape}")
        return out

    def __repr__(self) -> str:
        return f"NumbaFunction(inputs={self.n_in}, outputs={self.n_out})"


def numba_function(expressions: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol]
                   ) -> Callable[..., tuple[np.ndarray, ...]]:
    """Compile expressions into one numba loop over broadcast inputs.

    Parameters
    ----------
    expressions : sequence of sympy.Expr
        The outputs; their common subexpressions are computed once per point.
    symbols : sequence of sympy.Symbol
        The inputs, in call order; every free symbol of ``expressions`` must be one.

    Returns
    -------
    callable
        ``f(*arrays, out=None) -> tuple of numpy.ndarray``, one array per expression,
        of the broadcast shape of the inputs.

    Raises
    ------
    KernelError
        numba is not installed (the message says ``pip install symflux[fast]``), an
        expression has a free symbol outside ``symbols``, or a node no compiled
        kernel can evaluate.

    Notes
    -----
    ``fastmath`` lets LLVM reassociate sums, so results may differ from the NumPy
    kernel in the last few bits. Compile time grows with the expression's size (the
    dense loop is compiled here; the strided one on first use).

    Examples
    --------
    >>> import sympy
    >>> a, b = sympy.symbols("a b")
    >>> f = numba_function([a / (a + b), b / (a + b)], [a, b])
    >>> p, q = f([1.0, 3.0], 1.0)
    >>> p.tolist(), q.tolist()
    ([0.5, 0.75], [0.5, 0.25])
    """
    _require_numba()
    exprs = [sympy.sympify(e) for e in expressions]
    allowed = set(symbols)
    for e in exprs:
        stray = getattr(e, "free_symbols", set()) - allowed
        if stray:
            raise KernelError(f"expression has symbol(s) {sorted(map(str, stray))} that are not "
                              f"inputs; inputs are {[str(s) for s in symbols]}")
    return NumbaFunction(program(exprs, symbols))

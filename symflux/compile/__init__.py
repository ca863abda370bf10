"""Compiled kernels: SymPy expressions → generated loops compiled by numba (the fast extra)."""

from symflux.compile.codegen import LoopPrinter, loop_source
from symflux.compile.numba_backend import HAVE_NUMBA, numba_function

__all__ = ["HAVE_NUMBA", "LoopPrinter", "loop_source", "numba_function"]

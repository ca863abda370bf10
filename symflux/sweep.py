"""Kernels evaluated chunk by chunk over large parameter grids, in memory, on disk or on dask.

A sweep evaluates results of a Derivation at every point of a grid. Two kinds of grid,
one rule each:

* :func:`grid` (a :class:`Grid`): the **outer product** of 1-D axes, never built in
  memory; point ``(i, j, …)`` takes ``axes[0][i], axes[1][j], …`` and the output has
  shape ``(len(axes[0]), len(axes[1]), …)`` in the order the axes were given;
* a mapping name → array: the arrays **broadcast** together by NumPy's rules (as a
  kernel call does); scalars hold a parameter fixed.

Either way every parameter of the derivation needs a value (other symbols of the model
are accepted and unused, as by kernels). The points are cut into chunks of at most
``chunk`` points; each chunk's inputs are gathered, evaluated by one compiled kernel
for all the requested results (shared subexpressions) and written into the output,
so the memory beyond the output is bounded by the chunk. The output can be a
caller's array, e.g. an ``np.memmap`` for grids that do not fit in memory.

If any value is a ``dask.array``, :func:`sweep` builds nothing: it returns lazy dask
arrays computed block by block by the same kernels (``map_blocks``), so the sweep
runs unchanged on a ``dask.distributed`` cluster. dask is the ``dask`` extra.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import sympy

from symflux.errors import SweepError
from symflux.grid import Grid, PointGatherer
from symflux.kernels import BACKENDS

if TYPE_CHECKING:
    import dask.array as da

    from symflux.derivation import Derivation

__all__ = ["MAX_CHUNK", "MAX_POINTS", "sweep"]

# At most this many points per sweep (10⁹: 8 GB per result in float64; split larger ones).
MAX_POINTS = 10**9
# At most this many points per chunk (the inputs of one chunk are gathered in memory).
MAX_CHUNK = 2**24
# Default chunk: about this many bytes of gathered inputs and outputs per chunk.
CHUNK_BYTES = 64 * 2**20


def _is_dask(value) -> bool:
    return type(value).__module__.split(".")[0] == "dask"


_COMPILED: dict = {}


class _Evaluator:
    """The compiled kernel for some expressions; pickles as its expressions only, so it
    travels to dask workers and compiles there once per process."""

    def __init__(self, expressions, symbols, backend):
        self.expressions, self.symbols, self.backend = tuple(expressions), tuple(symbols), backend
        self._function = None

    def __getstate__(self):
        return {"expressions": self.expressions, "symbols": self.symbols,
                "backend": self.backend, "_function": None}

    def _compile(self):
        key = (self.expressions, self.symbols, self.backend)
        if key not in _COMPILED:
            if len(_COMPILED) >= 16:  # a small cache: a sweep repeated need not recompile
                _COMPILED.pop(next(iter(_COMPILED)))
            _COMPILED[key] = self._build()
        return _COMPILED[key]

    def _build(self):
        if self.backend == "numba":
            from symflux.compile import numba_function

            return numba_function(self.expressions, self.symbols)
        f = sympy.lambdify(self.symbols, list(self.expressions), modules="numpy", cse=True,
                           dummify=True)
        return lambda *args, out: [np.copyto(o, r) for o, r in zip(out, f(*args), strict=True)]

    def __call__(self, arrays, out) -> None:
        """Evaluate at the 1-D ``arrays`` (one per symbol) into the 1-D ``out`` arrays."""
        if self._function is None:
            self._function = self._compile()
        with np.errstate(divide="ignore", invalid="ignore"):
            self._function(*arrays, out=tuple(out))

    def block(self, *blocks):
        """``map_blocks`` body: the results stacked on a new first axis."""
        shape = np.broadcast_shapes(*(np.shape(b) for b in blocks))
        flat = [np.ascontiguousarray(np.broadcast_to(b, shape)).reshape(-1) for b in blocks]
        out = np.empty((len(self.expressions), math.prod(shape)))
        self(flat, list(out))
        return out.reshape((len(self.expressions), *shape))


def _inputs(derivation, values: Mapping) -> list:
    """The values in the order of ``derivation.parameters``; refuse unknown or missing."""
    from symflux.parsing import python_name

    position = {}
    for i, s in enumerate(derivation.parameters):
        position[s.name] = i
        position.setdefault(python_name(s.name), i)
    ignorable = {n for s in derivation.symbols for n in (getattr(s, "name", str(s)),
                                                          python_name(getattr(s, "name", str(s))))}
    args: list = [None] * len(derivation.parameters)
    unknown = []
    for key, value in values.items():
        name = key.name if isinstance(key, sympy.Symbol) else str(key)
        if name in position:
            args[position[name]] = value
        elif name not in ignorable:
            unknown.append(name)
    missing = [s.name for s, a in zip(derivation.parameters, args, strict=True) if a is None]
    if unknown or missing:
        parts = ([f"unknown parameter(s) {', '.join(unknown)}"] if unknown else []) + (
            [f"no values for {', '.join(missing)}"] if missing else [])
        raise SweepError(f"sweep: {'; '.join(parts)}; the parameters are "
                         + ", ".join(s.name for s in derivation.parameters))
    return args


def _chunk_size(chunk, n_arrays: int) -> int:
    if chunk is None:
        return int(min(MAX_CHUNK, max(1024, CHUNK_BYTES // (8 * max(n_arrays, 1)))))
    if isinstance(chunk, bool) or int(chunk) != chunk or not 1 <= chunk <= MAX_CHUNK:
        raise SweepError(f"chunk must be an integer number of points in [1, {MAX_CHUNK}], "
                         f"not {chunk!r}")
    return int(chunk)


def _outputs(names, shape, out) -> dict[str, np.ndarray]:
    if out is None:
        return {n: np.empty(shape) for n in names}
    if not isinstance(out, Mapping) or set(out) != set(names):
        raise SweepError(f"out must map each result swept ({', '.join(names)}) to an array")
    for n in names:
        o = out[n]
        if not (isinstance(o, np.ndarray) and o.shape == shape and o.dtype == np.float64
                and o.flags.writeable):
            raise SweepError(f"out[{n!r}] must be a writeable float64 array of shape {shape} "
                             "(an np.memmap will do)")
    return dict(out)


class _Progress:
    """tqdm when installed and stderr is a terminal, else a plain line per 10 %."""

    def __init__(self, total: int, enabled):
        tty = sys.stderr.isatty()
        self.enabled = tty if enabled is None else bool(enabled)
        self.total, self.done, self.shown, self.start = total, 0, -1, time.perf_counter()
        self.bar = None
        if self.enabled and tty:
            try:
                from tqdm import tqdm
            except ImportError:
                pass
            else:
                self.bar = tqdm(total=total, unit="pt", unit_scale=True, desc="sweep")

    def update(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(n)
            return
        tenth = 10 * self.done // self.total
        if tenth != self.shown:
            self.shown = tenth
            rate = self.done / max(time.perf_counter() - self.start, 1e-9)
            print(f"sweep: {self.done}/{self.total} points ({10 * tenth} %), "
                  f"{rate:.3g} points/s", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def sweep(derivation: Derivation, grid: Grid | Mapping, names: Sequence[str] | str | None = None,
          *, chunk: int | None = None, backend: str = "numpy", out: Mapping | None = None,
          progress: bool | None = None) -> dict[str, np.ndarray | da.Array]:
    """Evaluate results of a Derivation over a grid, chunk by chunk.

    Parameters
    ----------
    derivation : Derivation
    grid : Grid or mapping of str to array-like
        A :func:`grid` (outer product of 1-D axes) or a mapping parameter → array whose
        values broadcast together (scalars fix a parameter). Names are canonical
        (``"k_{12}"``) or Python identifiers (``k_12``). If any value is a
        ``dask.array`` the sweep is lazy (below).
    names : str or sequence of str, optional
        The results to evaluate; default: all of them.
    chunk : int, optional
        Points per chunk, in ``[1, MAX_CHUNK]``; default: about 64 MB of gathered inputs
        and outputs per chunk (at least 1024 points).
    backend : {"numpy", "numba"}
        The kernel that evaluates each chunk (``"numba"``: the ``fast`` extra).
    out : mapping of str to numpy.ndarray, optional
        Where to write each result: float64 arrays of the grid's shape (e.g.
        ``np.memmap``); default: new arrays.
    progress : bool, optional
        Show progress on stderr (tqdm if installed and stderr is a terminal, else a
        plain line per 10 %); default: only when stderr is a terminal.

    Returns
    -------
    dict of str to numpy.ndarray (or dask.array.Array)
        Result name → values on the grid (the grid's shape). With dask inputs: lazy dask
        arrays, chunked like the broadcast inputs; ``dask.compute(*result.values())``
        evaluates every block once for all results.

    Raises
    ------
    SweepError
        A parameter without values or an unknown one, more than ``MAX_POINTS`` points,
        a chunk outside ``[1, MAX_CHUNK]``, an unusable ``out`` array, an unknown backend.
    KeyError
        An unknown result name (the message lists them).
    KernelError
        ``backend="numba"`` without numba (the message says ``pip install symflux[fast]``),
        or a result a compiled kernel cannot evaluate.

    Notes
    -----
    Memory beyond the output: one chunk of inputs and outputs. A chunk evaluated by
    the numba backend costs about what one call of the kernel on it costs; the rest
    of a sweep is gathering the chunk's inputs (an outer-product grid's coordinates
    are computed, not stored).

    Examples
    --------
    >>> import symflux as sf
    >>> d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
    >>> r = sf.sweep(d, sf.grid(k_12=[1.0, 3.0], k_21=[1.0, 2.0, 3.0]), ["p_1"], chunk=4)
    >>> r["p_1"].round(3).tolist()
    [[0.5, 0.667, 0.75], [0.25, 0.4, 0.5]]
    """
    if backend not in BACKENDS:
        raise SweepError(f"unknown kernel backend {backend!r}; valid backends are "
                         + ", ".join(repr(b) for b in BACKENDS))
    names = list(derivation.results) if names is None else (
        [names] if isinstance(names, str) else list(names))
    if not names:
        raise SweepError("no result to sweep; give names=None for all of them")
    expressions = [derivation.evaluation_form(n) for n in names]  # KeyError lists them
    values = grid.arrays() if isinstance(grid, Grid) else grid
    if not isinstance(values, Mapping):
        raise SweepError(f"grid must be a symflux.grid(...) or a mapping parameter → array, "
                         f"not {type(grid).__name__}")
    args = _inputs(derivation, values)
    evaluator = _Evaluator(expressions, derivation.parameters, backend)
    if any(_is_dask(a) for a in args):
        return _lazy(evaluator, names, args, out)
    arrays = [np.asarray(a, dtype=float) for a in args]
    shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
    size = math.prod(shape)
    if size > MAX_POINTS:
        raise SweepError(f"the grid has {size:.3g} points, more than MAX_POINTS = "
                         f"{MAX_POINTS:.0e}; split it, or sweep dask arrays on a cluster")
    results = _outputs(names, shape, out)
    step = _chunk_size(chunk, len(arrays) + len(names) + len(shape))
    flat = [r.reshape(-1) if r.flags.c_contiguous else None for r in results.values()]
    gather = PointGatherer(arrays, shape, step)
    bar = _Progress(size, progress)
    try:
        for start in range(0, size, step):
            stop = min(size, start + step)
            targets = [f[start:stop] if f is not None else np.empty(stop - start)
                       for f in flat]
            evaluator(gather(start, stop), targets)
            for r, f, t in zip(results.values(), flat, targets, strict=True):
                if f is None:  # a strided out array: write through its flat iterator
                    r.flat[start:stop] = t
            bar.update(stop - start)
    finally:
        bar.close()
    return results


def _lazy(evaluator: _Evaluator, names, args, out) -> dict:
    """The dask path: one ``map_blocks`` over the broadcast inputs, results stacked."""
    import dask.array as da

    if out is not None:
        raise SweepError("out= is for in-memory sweeps; store dask results with "
                         "dask.array.store or .to_zarr")
    arrays = da.broadcast_arrays(*(a if _is_dask(a) else np.asarray(a, dtype=float)
                                   for a in args))
    arrays = da.core.unify_chunks(*[x for a in arrays for x in (a, tuple(range(a.ndim)))])[1]
    size = math.prod(arrays[0].shape)
    if size > MAX_POINTS * 100:
        raise SweepError(f"the grid has {size:.3g} points, more than a lazy sweep's limit "
                         f"{MAX_POINTS * 100:.0e}")
    template = arrays[0]
    stacked = da.map_blocks(evaluator.block, *arrays, dtype=float,
                            chunks=((len(names),), *template.chunks), new_axis=0,
                            meta=np.empty((0,) * (template.ndim + 1)))
    return {n: stacked[i] for i, n in enumerate(names)}

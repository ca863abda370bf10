"""Outer-product grids for sweeps, and the gathering of a chunk's points from them.

:func:`grid` makes a lazy :class:`Grid` (the outer product of 1-D axes);
:class:`PointGatherer` gives :func:`symflux.sweep.sweep` the input values of a chunk of flat
(C-order) points of any broadcast inputs without building the full grid.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike

from symflux.errors import SweepError

__all__ = ["Grid", "PointGatherer", "axis_coordinate", "grid"]


class Grid:
    """The outer product of 1-D axes, kept lazy: ``grid(k_12=a, k_21=b)`` has
    ``len(a) * len(b)`` points and builds none of them.

    Attributes
    ----------
    axes : dict of str to numpy.ndarray
        Parameter name → 1-D float array, in the order given.
    shape : tuple of int
        ``tuple(len(a) for a in axes.values())``.
    """

    def __init__(self, axes: Mapping):
        self.axes: dict[str, np.ndarray] = {}
        for name, values in axes.items():
            try:
                a = np.asarray(values, dtype=float)
            except (TypeError, ValueError):
                raise SweepError(f"grid axis {name!r} must hold numbers, not "
                                 f"{values!r:.60}") from None
            if a.ndim != 1 or a.size == 0:
                raise SweepError(f"grid axis {name!r} must be a non-empty 1-D array, "
                                 f"not shape {a.shape}")
            self.axes[str(name)] = a
        if not self.axes:
            raise SweepError("a grid needs at least one axis, e.g. grid(k_12=[1.0, 2.0])")
        self.shape = tuple(len(a) for a in self.axes.values())

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    def arrays(self) -> dict[str, np.ndarray]:
        """Each axis as a broadcastable view (shape 1 on the other axes), nothing copied."""
        n = len(self.shape)
        return {name: a.reshape([-1 if d == i else 1 for d in range(n)])
                for i, (name, a) in enumerate(self.axes.items())}

    def to_dask(self, chunks="auto") -> dict:
        """The axes as broadcastable dask arrays, for a lazy :func:`sweep` of this grid."""
        import dask.array as da

        return {name: da.from_array(a, chunks=chunks) if a.ndim else a
                for name, a in self.arrays().items()}

    def __repr__(self) -> str:
        return f"Grid({', '.join(f'{k}: {len(a)}' for k, a in self.axes.items())})"


def grid(axes: Mapping[str, ArrayLike] | None = None, /, **named: ArrayLike) -> Grid:
    """A lazy outer-product grid over 1-D axes, for :func:`sweep`.

    Point ``(i, j, …)`` takes ``axes[0][i], axes[1][j], …``: the grid has
    ``len(a) * len(b) * …`` points, in the order the axes are given.

    Parameters
    ----------
    axes : mapping of str to array-like, optional
        Parameter name → 1-D axis (the way to give a name that is no Python
        identifier, such as ``"k_{12}"``); positional only.
    **named : array-like
        More axes by keyword (``k_12=[1.0, 2.0]``); a keyword repeating a name of
        ``axes`` replaces its axis.

    Returns
    -------
    Grid
        The axes as float arrays, with ``shape`` (one length per axis) and ``size``.

    Raises
    ------
    SweepError
        ``axes`` is not a mapping, an axis is not a non-empty 1-D array, or no axis is
        given.

    Notes
    -----
    Only the axes are stored (the sum of their lengths); no point is built.
    :func:`~symflux.sweep.sweep` computes each chunk's coordinates from the flat index
    (:class:`PointGatherer`) and refuses more than ``MAX_POINTS`` (10⁹) points. No limit
    of :mod:`symflux.limits` applies.

    Examples
    --------
    >>> g = grid(k_12=[1.0, 2.0, 3.0], k_21=[1.0, 10.0])
    >>> g.shape, g.size
    ((3, 2), 6)
    >>> grid({"k_{12}": [1, 2]}, k_21=[0.5])
    Grid(k_{12}: 2, k_21: 1)
    """
    if axes is not None and not isinstance(axes, Mapping):
        raise SweepError(f"grid() takes a mapping of parameter names to 1-D axes (or the axes "
                         f"as keywords), not {type(axes).__name__}")
    return Grid({**(axes or {}), **named})


def axis_coordinate(start: int, n: int, stride: int, length: int) -> np.ndarray:
    """Coordinate along one axis (C-order ``stride``, ``length``) of flat points
    ``start .. start + n``: runs of ``stride`` equal values, cycling through
    ``range(length)``; built by repeating, not by dividing every point's index."""
    if stride == 1:
        return np.resize(np.roll(np.arange(length), -(start % length)), n)
    first, last = start // stride, (start + n - 1) // stride
    counts = np.full(last - first + 1, stride)
    counts[0] -= start - first * stride
    counts[-1] -= (last + 1) * stride - (start + n)
    return np.repeat(np.arange(first, last + 1) % length, counts)


class PointGatherer:
    """The 1-D values of each broadcast input at flat (C-order) points ``start..stop``.

    Only the axes along which an input varies cost anything: their coordinates index
    the input's own values, so a grid's points never exist beyond one chunk. Fixed
    values are written out to a chunk's length once per sweep: the kernel then always
    runs its dense (vectorised) loop, and a numba kernel is compiled only once.
    """

    def __init__(self, arrays, shape, step: int):
        self.shape, self.ndim = shape, len(shape)
        self.strides = [math.prod(shape[d + 1:]) for d in range(self.ndim)]
        self.inputs = []
        for a in arrays:
            if a.size == 1:
                self.inputs.append(("fixed", np.full(step, a.reshape(-1)[0])))
                continue
            a = np.ascontiguousarray(a.reshape((1,) * (self.ndim - a.ndim) + a.shape))
            if a.shape == shape:
                self.inputs.append(("full", a.reshape(-1)))
            else:
                own = [math.prod(a.shape[d + 1:]) for d in range(self.ndim)]
                axes = [(d, own[d]) for d in range(self.ndim) if a.shape[d] > 1]
                self.inputs.append(("axes", (a.reshape(-1), axes)))

    def __call__(self, start: int, stop: int) -> list[np.ndarray]:
        n, coordinates, out = stop - start, {}, []
        for kind, data in self.inputs:
            if kind == "fixed":
                out.append(data[:n])
            elif kind == "full":
                out.append(data[start:stop])
            else:
                values, axes = data
                index = None
                for d, own in axes:
                    if d not in coordinates:
                        coordinates[d] = axis_coordinate(start, n, self.strides[d], self.shape[d])
                    term = coordinates[d] * own if own != 1 else coordinates[d]
                    index = term if index is None else index + term
                out.append(values[index])
        return out

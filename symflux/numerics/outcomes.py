"""What a numerical route hands back for one quantity, at every sample point at once.

A route evaluates all sample points in one call: parameter values arrive as arrays
of shape ``(P,)`` and each quantity comes back as a :class:`RouteValue` of arrays of
the same shape, or as :class:`NotComputed` with the reason the route cannot compute
it. A point at which a solver did not converge (within its budget) is flagged in
``unconverged``; its value is NaN and is never compared.

:func:`per_point` turns an evaluator written for one point (numbers in, tuples out)
into one of this shape, for routes that must solve point by point anyway (a BVP, a
nonlinear balance, a simulation).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from symflux.errors import ValidationError

__all__ = ["NotComputed", "NotConverged", "RouteValue", "per_point", "point_values"]


class NotConverged(ValidationError):
    """A solver did not reach its tolerance at a point within its budget."""


@dataclass(frozen=True)
class NotComputed:
    """This route cannot compute this quantity, and why."""

    reason: str


@dataclass(frozen=True)
class RouteValue:
    """A quantity at every point: value, a natural scale for relative errors, and flags.

    ``stderr`` is set by statistical routes (judged by z-scores); ``unconverged``
    marks points where the solver gave up (``unrepresentable``, those among them where
    a rate overflows double precision, so there was nothing to solve). With ``floor``
    the scale is the route's resolution: a point where both the closed form and the
    value are below it says nothing about the result and is not counted.
    """

    value: np.ndarray
    scale: np.ndarray
    stderr: np.ndarray | None = None
    unconverged: np.ndarray | None = None
    floor: bool = False
    #: points (a subset of ``unconverged``) where a rate is not a double-precision number
    unrepresentable: np.ndarray | None = None

    @classmethod
    def stack(cls, rows: list) -> RouteValue:
        """From one ``(value, scale[, stderr])`` tuple, or None (unconverged), per point."""
        n = len(rows)
        value, scale = np.full(n, np.nan), np.full(n, np.nan)
        stderr = np.full(n, np.nan) if any(r is not None and len(r) > 2 for r in rows) else None
        bad = np.zeros(n, dtype=bool)
        for i, r in enumerate(rows):
            if r is None:
                bad[i] = True
                continue
            value[i], scale[i] = r[0], r[1]
            if stderr is not None and len(r) > 2:
                stderr[i] = r[2]
        return cls(value, scale, stderr, bad)


_UNCONVERGED = object()


def point_values(values: Mapping, i: int) -> dict:
    """The ``i``-th point of batched values, as ``{key: float}``."""
    return {k: float(np.asarray(v).reshape(-1)[i] if np.ndim(v) else v)
            for k, v in values.items()}


def _count(values: Mapping) -> int:
    sizes = {np.size(v) for v in values.values() if np.ndim(v)}
    return max(sizes, default=1)


def per_point(evaluate_one: Callable, failures: tuple = (NotConverged,)) -> Callable:
    """A batched evaluator from one that solves a single point.

    ``evaluate_one(model, quantities, values, route, **options)`` returns
    ``{name: (value, scale[, stderr]) | None | NotComputed}`` for numeric ``values``;
    an exception in ``failures`` marks every quantity unconverged at that point.
    """

    def evaluate(model, quantities: Mapping, values: Mapping, route: str, **options) -> dict:
        rows: dict = {name: [] for name in quantities}
        reasons: dict = {}
        for i in range(_count(values)):
            try:
                got = evaluate_one(model, quantities, point_values(values, i), route, **options)
            except failures:
                got = {name: _UNCONVERGED for name in quantities}
            for name in quantities:
                r = got.get(name)
                if r is None or isinstance(r, NotComputed):
                    reasons[name] = r or NotComputed(f"route {route!r} cannot compute it")
                rows[name].append(None if r is _UNCONVERGED else r)
        return {name: reasons.get(name) or RouteValue.stack(r) for name, r in rows.items()}

    evaluate.__doc__ = (evaluate_one.__doc__ or "") + "\n\n(Batched by ``per_point``.)"
    return evaluate

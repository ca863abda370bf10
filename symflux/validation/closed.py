"""The closed forms at the sample points, in as many digits as a disagreement needs.

:class:`ClosedValues` holds the printed results in double precision at every accepted
point (one walk over their shared nodes, :func:`symflux.kernels.evaluate_expressions`)
and re-evaluates any of them in long double or 50-digit mpmath on demand;
:func:`identity_checks` checks each compact twin (what kernels evaluate) against its
printed result, refining only where double precision disagrees.
"""

from __future__ import annotations

import numpy as np

from symflux.errors import KernelError
from symflux.validation.report import ResultCheck

__all__ = ["DIGITS", "IDENTITY_TOLERANCE", "ClosedValues", "identity_checks",
           "relative_error"]

#: results ≡ compact, relative.
IDENTITY_TOLERANCE = 1e-12
#: Digits of the last re-evaluation.
DIGITS = 50


def relative_error(a, b, scale):
    """``|a − b| / max(|b|, |scale|)``; NaN counts as an infinite error.

    >>> float(relative_error(1.0, 2.0, 0.0)), float(relative_error(float("nan"), 1.0, 0.0))
    (0.5, inf)
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    with np.errstate(all="ignore"):
        err = np.abs(a - b) / np.maximum(np.maximum(np.abs(b), np.abs(scale)),
                                         np.finfo(float).tiny)
    both_inf = np.isinf(a) & np.isinf(b)
    err = np.where(both_inf, np.where(a == b, 0.0, np.inf), err)
    return np.where(np.isnan(err), np.inf, err)



class ClosedValues:
    """The printed results at every point, with a 50-digit re-evaluation on demand."""

    def __init__(self, derivation, names, values):
        from symflux.kernels import evaluate_expressions

        self.d, self.names = derivation, list(names)
        self.values = values
        exprs = [derivation.results[n] for n in self.names]
        try:
            got = evaluate_expressions(exprs, values)
        except KernelError:
            from symflux.kernels import kernels

            got = list(kernels(derivation, self.names, form="results")(values).values())
        size = max((np.size(v) for v in values.values()), default=1)
        self.at = {n: np.broadcast_to(np.asarray(v, float), (size,)).copy()
                   for n, v in zip(self.names, got, strict=True)}
        self._extended: dict = {}

    def long(self, name, idx, form="results") -> np.ndarray:
        """Result ``name`` at points ``idx`` in NumPy long double (vectorised, ~19 digits)."""
        return self.long_many([name], idx, form)[name]

    def long_many(self, names, idx, form="results") -> dict:
        """Several results at points ``idx`` in long double, in one walk (shared terms
        once)."""
        from symflux.kernels import evaluate_expressions

        table = self.d.results if form == "results" else self.d.compact
        point = {s: np.asarray(v, dtype=np.longdouble).reshape(-1)[idx]
                 for s, v in self.values.items()}
        try:
            got = evaluate_expressions([table[n] for n in names], point, dtype=np.longdouble)
        except KernelError:
            return {n: np.full(len(idx), np.nan) for n in names}
        return {n: np.asarray(v, dtype=float) * np.ones(len(idx))
                for n, v in zip(names, got, strict=True)}

    def extended(self, name, i, form="results") -> float:
        """Result ``name`` (or its compact twin) at point ``i`` in 50-digit arithmetic."""
        return self.extended_many([name], i, form)[name]

    def extended_many(self, names, i, form="results") -> dict:
        """Several results at point ``i`` in 50 digits, in one walk; cached."""
        import mpmath

        from symflux.kernels import evaluate_expressions

        todo = [n for n in names if (n, i, form) not in self._extended]
        if todo:
            table = self.d.results if form == "results" else self.d.compact
            with mpmath.workdps(DIGITS):
                point = {s: mpmath.mpf(float(np.asarray(v).reshape(-1)[i]))
                         for s, v in self.values.items()}
                try:
                    got = evaluate_expressions([table[n] for n in todo], point,
                                               module="mpmath")
                except (KernelError, ZeroDivisionError, ValueError):
                    got = [mpmath.nan] * len(todo)
                for n, v in zip(todo, got, strict=True):
                    self._extended[n, i, form] = float(mpmath.re(v)) if mpmath.isfinite(v) \
                        else np.nan
        return {n: self._extended[n, i, form] for n in names}


def identity_checks(d, closed: ClosedValues, values) -> dict:
    """results ≡ compact at every point: ``{name: ResultCheck}`` for results with a twin.

    Double precision first; where a result and its twin still differ, long double (one
    vectorised walk over every such result), then 50 digits per point (one walk per
    point and form), so terms shared between results are evaluated once.
    """
    from symflux.kernels import evaluate_expressions, kernels

    twins = [n for n in d.compact if d.compact[n] != d.results[n]]
    if not twins:
        return {}
    try:  # one walk over the shared forms: compiling them cost 23 of 29 s on a 150-ring
        compact = dict(zip(twins, evaluate_expressions([d.compact[n] for n in twins], values),
                           strict=True))
    except KernelError:
        compact = kernels(d, twins, form="compact")(values)
    err = {n: relative_error(closed.at[n], compact[n], 0.0) for n in twins}
    precision = dict.fromkeys(twins, "double")
    _refine(err, precision, closed)
    out = {}
    for n in twins:
        worst = float(np.max(err[n])) if err[n].size else 0.0
        note = "" if worst <= IDENTITY_TOLERANCE else (
            f"the printed result {d.results[n]} differs from its compact form {d.compact[n]}")
        out[n] = ResultCheck(n, "identity", worst, int(err[n].size), IDENTITY_TOLERANCE,
                             note[:400], precision=precision[n])
    return out


def _refine(err: dict, precision: dict, closed: ClosedValues) -> None:
    """Re-evaluate the points where a result and its twin differ, in more digits."""
    flagged = {n: np.flatnonzero(e > IDENTITY_TOLERANCE) for n, e in err.items()}
    flagged = {n: i for n, i in flagged.items() if i.size}
    if not flagged:
        return
    idx = np.unique(np.concatenate(list(flagged.values())))
    names = list(flagged)
    a, b = closed.long_many(names, idx), closed.long_many(names, idx, "compact")
    where = {int(p): k for k, p in enumerate(idx)}
    for n, points in flagged.items():
        precision[n] = "long double"
        rows = [where[int(p)] for p in points]
        err[n][points] = relative_error(a[n][rows], b[n][rows], 0.0)
    by_point: dict = {}
    for n in names:
        for p in np.flatnonzero(err[n] > IDENTITY_TOLERANCE):
            by_point.setdefault(int(p), []).append(n)
    for p, here in by_point.items():
        x, y = closed.extended_many(here, p), closed.extended_many(here, p, "compact")
        for n in here:
            precision[n] = f"mpmath {DIGITS} digits"
            err[n][p] = 0.0 if (np.isnan(x[n]) and np.isnan(y[n])) else relative_error(
                x[n], y[n], 0.0)

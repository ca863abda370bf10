"""Closed forms against independent numerical solutions, at random parameter points.

Each independent parameter is drawn log-uniformly over ``[low, high]`` (four
decades by default); parameters fixed by the Derivation's constraints are
computed from the others. The closed form is evaluated by its kernel; the model
(the graph) is solved by numerics/, which knows nothing of the closed form.

Deterministic routes return ``(value, scale)`` and are judged by relative error.
Statistical routes (``"stochastic"``) return ``(value, scale, stderr)`` and are
judged by the z-score ``|closed − estimate| / stderr`` against a threshold (4 by
default), reported per result as ``max_z_score``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import sympy

__all__ = ["ResultCheck", "ValidationReport", "validate"]

TOLERANCE = {"linear": 1e-9, "svd": 1e-7, "ode": 1e-6, "stochastic": 4.0}


@dataclass(frozen=True)
class ResultCheck:
    """How one result fared on one route.

    For a statistical route ``max_z_score`` is the largest ``|closed − estimate| /
    stderr`` over the points and ``tolerance`` the largest accepted z-score; the
    relative error is then reported for information only.
    """

    name: str
    route: str
    max_rel_error: float | None
    points: int
    tolerance: float
    note: str = ""
    max_z_score: float | None = None

    @property
    def passed(self) -> bool | None:
        """True or False; None when the route could not compute this quantity."""
        if self.max_z_score is not None:
            return self.max_z_score <= self.tolerance
        if self.max_rel_error is None:
            return None
        return self.max_rel_error <= self.tolerance


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: one :class:`ResultCheck` per result and route."""

    title: str
    checks: tuple[ResultCheck, ...]
    seed: int
    points: int

    @property
    def passed(self) -> bool:
        """No check failed (checks that could not run do not fail the report)."""
        return all(c.passed is not False for c in self.checks)

    @property
    def max_rel_error(self) -> dict[str, float]:
        """Largest relative error per result over all routes that ran."""
        out: dict[str, float] = {}
        for c in self.checks:
            if c.max_rel_error is not None:
                out[c.name] = max(out.get(c.name, 0.0), c.max_rel_error)
        return out

    @property
    def max_z_score(self) -> dict[str, float]:
        """Largest z-score per result over the statistical routes that ran."""
        out: dict[str, float] = {}
        for c in self.checks:
            if c.max_z_score is not None:
                out[c.name] = max(out.get(c.name, 0.0), c.max_z_score)
        return out

    def failures(self) -> list[ResultCheck]:
        return [c for c in self.checks if c.passed is False]

    def __str__(self) -> str:
        lines = [f"Validation of {self.title!r}: {self.points} random points, seed {self.seed}"]
        for c in self.checks:
            if c.max_rel_error is None:
                status, err = "skipped", "—"
            else:
                status, err = ("ok" if c.passed else "FAILED"), f"{c.max_rel_error:.1e}"
            z = (f"  max |z| {c.max_z_score:.2f} (≤ {c.tolerance:g})"
                 if c.max_z_score is not None else "")
            lines.append(f"  {c.name:<16} {c.route:<10} max rel. error {err:>8}{z}  {status}"
                         + (f"  ({c.note})" if c.note else ""))
        lines.append("  passed" if self.passed else "  FAILED")
        return "\n".join(lines)


def sample_points(derivation, points: int, seed: int, low: float, high: float,
                  fixed: Mapping | None = None) -> list[dict]:
    """Random parameter points (symbol → float) honouring the Derivation's constraints.

    Every symbol of the model gets a value, not only those the results use: the
    numerics solve the whole model.
    """
    from symflux.numerics.registry import model_parameters
    from symflux.parsing import symbol

    rng = np.random.default_rng(seed)
    fixed_syms = {(k if isinstance(k, sympy.Symbol) else symbol(str(k))): float(v)
                  for k, v in (fixed or {}).items()}
    wanted = set(derivation.independent_parameters) | (
        model_parameters(derivation.kind, derivation.model) - set(derivation.constraints))
    free = sorted((s for s in wanted if s not in fixed_syms), key=lambda s: s.name)
    out = []
    for _ in range(points):
        point = dict(fixed_syms)
        for s in free:
            if s.is_positive or s.is_nonnegative:
                point[s] = float(np.exp(rng.uniform(np.log(low), np.log(high))))
            else:
                point[s] = float(rng.uniform(-high, high))
        for s, expr in derivation.constraints.items():
            point[s] = float(expr.subs(point))
        out.append(point)
    return out


def _rel_error(closed: float, numeric: float, scale: float) -> float:
    if np.isinf(closed) or np.isinf(numeric):
        return 0.0 if closed == numeric else np.inf
    if np.isnan(closed) or np.isnan(numeric):
        return np.inf
    denominator = max(abs(numeric), abs(scale), np.finfo(float).tiny)
    return abs(closed - numeric) / denominator


def _z_score(closed: float, value: float, stderr: float) -> float:
    if np.isnan(closed) or np.isnan(value) or np.isnan(stderr):
        return np.inf
    if closed == value:
        return 0.0
    # A non-finite error bar proves nothing: fail rather than pass with z = 0.
    return abs(closed - value) / stderr if 0 < stderr < np.inf else np.inf


def validate(
    derivation,
    points: int = 5,
    seed: int = 0,
    routes: Iterable[str] | None = None,
    low: float = 1e-2,
    high: float = 1e2,
    values: Mapping | None = None,
    tolerance: Mapping[str, float] | None = None,
    route_options: Mapping[str, Mapping] | None = None,
) -> ValidationReport:
    """Compare every result of ``derivation`` with an independent numerical solution.

    Parameters
    ----------
    points : int
        How many random parameter points.
    seed : int
        Seed of the random generator: the same seed gives the same points.
    routes : iterable of str, optional
        Numerical routes (default: the model kind's). For kinetic schemes
        ``"linear"`` (GTH state reduction), ``"svd"`` (null space) and ``"ode"``
        (master equation to stationarity); default ``("linear", "ode")``;
        ``"stochastic"`` (Gillespie simulation, judged by z-scores) on request.
    low, high : float
        Range of the log-uniform draw of each positive parameter.
    values : mapping, optional
        Parameters to hold fixed (symbol or name → number).
    tolerance : mapping, optional
        Largest accepted relative error per route (for a statistical route, the
        largest accepted z-score; 4 for ``"stochastic"``).
    route_options : mapping, optional
        Keyword options per route, passed to its evaluator, e.g.
        ``{"stochastic": {"n_jumps": 10**6, "n_trajectories": 20}}``.

    Returns
    -------
    ValidationReport

    Examples
    --------
    >>> from symflux import kinetic_graph, steady_state
    >>> report = steady_state(kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])).validate()
    >>> report.passed
    True
    """
    from symflux.arguments import check_validate_options
    from symflux.numerics.registry import default_routes, evaluator

    check_validate_options(derivation, points=points, seed=seed, low=low, high=high,
                           values=values)
    routes = tuple(routes or default_routes(derivation.kind))
    solvers = {route: evaluator(derivation.kind, route) for route in routes}
    tol = dict(TOLERANCE)
    tol.update(tolerance or {})
    kernels = {name: derivation.kernel(name) for name in derivation.quantities}
    errors: dict = {(n, r): [] for n in derivation.quantities for r in routes}
    zscores: dict = {(n, r): [] for n in derivation.quantities for r in routes}
    options = {r: dict((route_options or {}).get(r, {})) for r in routes}
    for point in sample_points(derivation, points, seed, low, high, values):
        by_name = {s.name: v for s, v in point.items()}
        for route in routes:
            numeric = solvers[route](derivation.model, derivation.quantities, point, route,
                                     **options[route])
            for name, k in kernels.items():
                if numeric[name] is None:
                    continue
                closed = float(k({p: by_name[p] for p in k.parameters}))
                value, scale, *stderr = numeric[name]
                errors[(name, route)].append(_rel_error(closed, value, scale))
                if stderr:
                    zscores[(name, route)].append(_z_score(closed, value, stderr[0]))
    checks = []
    for name in derivation.results:
        if name not in derivation.quantities:
            checks.append(ResultCheck(name, "-", None, 0, 0.0,
                                      "no numerical counterpart for this result"))
            continue
        for route in routes:
            errs, zs = errors[(name, route)], zscores[(name, route)]
            checks.append(ResultCheck(
                name, route, max(errs) if errs else None, len(errs), tol.get(route, 1e-6),
                "" if errs else "this route cannot compute it",
                max(zs) if zs else None,
            ))
    return ValidationReport(derivation.title, tuple(checks), seed, points)

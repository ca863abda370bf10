"""validate(): what the reader reads, against independent numerics, at random points.

The results (the printed forms) are evaluated at every accepted point, and each
compact twin must agree with its result to 1e-12 (:mod:`symflux.validation.closed`):
the identity that licenses kernels to use the compact form. The model alone is handed
to numerics/, with the conservation laws stripped from every quantity: each route
solves it at all points in one call. A disagreement in double precision is
re-evaluated in long double, and in 50-digit arithmetic (mpmath) where the closed
value itself is in doubt, before it counts; the check says which decided.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from symflux.errors import ValidationError
from symflux.progress import step
from symflux.validation.closed import (
    DIGITS,
    IDENTITY_TOLERANCE,
    ClosedValues,
    identity_checks,
    relative_error,
)
from symflux.validation.report import (
    FAILED,
    NOT_VALIDATED,
    VALIDATED,
    ResultCheck,
    ResultVerdict,
    ValidationReport,
)
from symflux.validation.sampling import draw_points, manifold_groups

if TYPE_CHECKING:
    import sympy

    from symflux.derivation import Derivation

__all__ = ["IDENTITY_TOLERANCE", "TOLERANCE", "validate", "z_score"]

#: Largest accepted relative error per route (a z-score for "stochastic").
TOLERANCE = {"linear": 1e-9, "svd": 1e-7, "ode": 1e-6, "stochastic": 4.0,
             "kirchhoff": 1e-7, "laplace": 1e-3, "bvp": 1e-6, "minors": 1e-9,
             "structure": 1e-9}
#: A closed value whose double and long-double evaluations agree to this fraction of the
#: route's tolerance is taken as known (no 50-digit re-evaluation).
SETTLED = 1e-3


def _blind(q):
    """The quantity without the engine's conservation laws (only constant species stay)."""
    from symflux.derivation import Quantity
    from symflux.numerics.mass_action import is_setting

    args = tuple(_blind(a) if isinstance(a, Quantity) else a for a in q.args)
    last = args[-1] if args else None
    if is_setting(last):
        args = (*args[:-1], (tuple(last[0]), ()))
    return Quantity(q.kind, args)


def z_score(closed, value, stderr):
    """``|closed − value| / stderr``; a non-finite or zero error bar proves nothing (∞).

    >>> z_score(1.0, 1.5, 0.25), z_score(1.0, 2.0, float("inf")), z_score(1.0, 1.0, 0.0)
    (2.0, inf, 0.0)
    """
    c, v, e = (np.asarray(x, float) for x in (closed, value, stderr))
    with np.errstate(all="ignore"):
        z = np.where((e > 0) & np.isfinite(e), np.abs(c - v) / e, np.inf)
    z = np.where(c == v, 0.0, z)
    z = np.where(np.isnan(c) | np.isnan(v) | np.isnan(e), np.inf, z)
    return float(z) if z.ndim == 0 else z


def _judge(name, route, rv, closed: ClosedValues, tol: float) -> ResultCheck:
    from symflux.numerics.outcomes import NotComputed

    if isinstance(rv, NotComputed):
        return ResultCheck(name, route, None, 0, tol, rv.reason)
    c = closed.at[name]
    bad = np.zeros(c.shape, bool) if rv.unconverged is None else np.asarray(rv.unconverged)
    ok = ~bad
    unconverged = int(bad.sum())
    if not ok.any():
        return ResultCheck(name, route, None, 0, tol, "the solver converged at no point "
                           f"({_unconverged_note(rv, unconverged, c.size)})",
                           unconverged=unconverged)
    if rv.floor:
        # below the route's resolution a point tells nothing: it is not counted
        with np.errstate(invalid="ignore"):
            ok &= np.maximum(np.abs(c), np.abs(rv.value)) >= rv.scale
        if not ok.any():
            return ResultCheck(name, route, None, 0, tol, "below this route's resolution "
                               f"({float(np.max(rv.scale)):g}) at every point",
                               unconverged=unconverged)
    err = relative_error(c, rv.value, rv.scale)
    z = None
    if rv.stderr is not None:
        z = z_score(c, rv.value, rv.stderr)
    precision = "double"
    idx = np.flatnonzero(ok & (err > tol)) if z is None else np.array([], int)
    settled = np.zeros(c.shape, bool)
    if idx.size:
        precision = "long double"
        longer = closed.long(name, idx)
        err[idx] = relative_error(longer, rv.value[idx], rv.scale[idx])
        # where double and long double agree far inside the tolerance, the closed form's
        # value is not in doubt: the disagreement is the route's, and 50 digits (a walk
        # over the whole expression per point) would only confirm it
        # (a value both precisions round to exactly zero may be a cancellation: not settled)
        settled[idx] = (relative_error(longer, c[idx], rv.scale[idx]) <= SETTLED * tol) & (
            longer != 0)
    for i in np.flatnonzero(ok & (err > tol) & ~settled if z is None else ok & (z > tol)):
        precision = f"mpmath {DIGITS} digits"
        exact = closed.extended(name, i)
        err[i] = relative_error(exact, rv.value[i], rv.scale[i])
        if z is not None:
            z[i] = z_score(exact, rv.value[i], rv.stderr[i])
    note = _unconverged_note(rv, unconverged, c.size)
    return ResultCheck(name, route, float(np.max(err[ok])), int(ok.sum()), tol, note,
                       None if z is None else float(np.max(z[ok])), unconverged, precision)


def _unconverged_note(rv, unconverged: int, points: int) -> str:
    """``did not converge at 2 of 5 points``, saying which of them are not representable."""
    if not unconverged:
        return ""
    lost = 0 if rv.unrepresentable is None else int(np.asarray(rv.unrepresentable).sum())
    parts = [f"{unconverged - lost} did not converge"] if unconverged > lost else []
    if lost:
        parts.append(f"{lost} not representable (a rate overflows double precision)")
    return f"at {unconverged} of {points} points: " + "; ".join(parts)


def _verdict(name, d, checks: list[ResultCheck], accepted: int) -> ResultVerdict:
    if name not in d.quantities:
        return ResultVerdict(name, NOT_VALIDATED, "no Quantity says what it means physically, "
                             "so no numerical route can compute it")
    if accepted == 0:
        return ResultVerdict(name, NOT_VALIDATED, "no draw satisfied the recorded conditions")
    failed = [c for c in checks if c.passed is False]
    if failed:
        return ResultVerdict(name, FAILED, "; ".join(
            f"{c.route}: {c.note or f'relative error {c.max_rel_error:.1e} > {c.tolerance:g}'}"
            if c.route == "identity" or c.max_z_score is None else
            f"{c.route}: |z| {c.max_z_score:.1f} > {c.tolerance:g}" for c in failed))
    agreed = tuple(c.route for c in checks if c.route != "identity" and c.passed
                   and c.unconverged == 0 and c.points == accepted)
    if agreed:
        return ResultVerdict(name, VALIDATED, "", agreed)
    reasons = "; ".join(f"{c.route}: {c.note or 'did not run'}" for c in checks
                        if c.route != "identity")
    return ResultVerdict(name, NOT_VALIDATED, reasons or "no route ran")


def _options(kind, routes, route_options, tolerance) -> tuple[dict, dict]:
    tol = dict(TOLERANCE)
    for r, t in (tolerance or {}).items():
        if r not in routes or isinstance(t, bool) or not isinstance(t, int | float) or not t > 0:
            raise ValidationError(f"tolerance: {r!r}: {t!r}; give a positive number for one "
                                  f"of the routes run ({', '.join(routes)})")
        tol[r] = float(t)
    unknown = set(route_options or {}) - set(routes)
    if unknown:
        raise ValidationError(f"route_options for routes not run: {sorted(unknown)}; routes "
                              f"run: {', '.join(routes)}")
    from symflux.numerics.registry import route_options as reads

    for r, given in (route_options or {}).items():
        extra = sorted(set(given) - set(reads(kind, r)))
        if extra:  # an option no route reads would be silently ignored
            raise ValidationError(f"route_options[{r!r}]: {extra} not read by the {r} route "
                                  f"of {kind} models; it reads "
                                  f"{', '.join(reads(kind, r)) or 'no options'}")
    return tol, {r: dict((route_options or {}).get(r, {})) for r in routes}


def validate(
    derivation: Derivation,
    *,
    points: int = 5,
    seed: int = 0,
    routes: Iterable[str] | None = None,
    low: float = 1e-2,
    high: float = 1e2,
    values: Mapping[str | sympy.Symbol, float] | None = None,
    tolerance: Mapping[str, float] | None = None,
    route_options: Mapping[str, Mapping[str, Any]] | None = None,
) -> ValidationReport:
    """Check every result of ``derivation`` against an independent numerical solution.

    At each random parameter point a result ``y`` passes a route when
    ``|y_closed − y_route| ≤ tol · max(|y_route|, scale)``, with the scale the route
    gives (a z-score ``|y_closed − y_route|/stderr ≤ tol`` for ``"stochastic"``).

    Parameters
    ----------
    derivation : Derivation
        Any analysis result: its ``quantities`` say what each result means, so the
        routes can compute it from ``derivation.model`` alone.
    points : int
        How many random parameter points (1 to 10 000).
    seed : int
        Seed of the random generator: the same seed gives the same points.
    routes : iterable of str, optional
        Numerical routes (default: the model kind's; see docs/validation.md).
        Kinetic schemes: ``"linear"``, ``"svd"``, ``"ode"`` (default ``("linear",
        "ode")``) and ``"stochastic"`` (judged by z-scores) on request. Reaction
        networks: ``"ode"``, ``"minors"``, ``"structure"``; transport networks:
        ``"kirchhoff"``, ``"laplace"``; transport paths: ``"bvp"``.
    low, high : float
        Range of the log-uniform draw of each positive parameter (``0 < low < high``).
    values : mapping of str or Symbol to float, optional
        Parameters to hold fixed (symbol or name → real number); an unknown name is
        an error.
    tolerance : mapping of str to float, optional
        Largest accepted relative error per route (a z-score for ``"stochastic"``),
        replacing :data:`TOLERANCE` for the routes named.
    route_options : mapping of str to mapping, optional
        Keyword options per route, e.g. ``{"ode": {"budget": 30.0}}`` (seconds per
        point) or ``{"stochastic": {"n_jumps": 10**6}}``.

    Returns
    -------
    ValidationReport
        A verdict per result (``validated``, ``failed`` or ``not validated``, by the
        result's name); ``status`` is ``"passed"``, ``"failed"`` or ``"incomplete"``.

    Raises
    ------
    ValidationError
        for a bad argument, naming it and the valid range: not a Derivation, ``points``
        outside 1–10 000, a ``seed`` that is not an integer ≥ 0, bad ``low``/``high``, a
        route unknown for the model kind (or a kind with no routes), ``tolerance`` or
        ``route_options`` for a route not run, an unknown name or a bad value in
        ``values``, or ``values`` fixing every parameter of a relation the points must
        satisfy.

    Notes
    -----
    Each route solves the model once for all accepted points, and each result is
    evaluated there in double precision: the cost grows with ``points`` times the
    model's size (a linear solve per point, an integration with a per-point budget, or
    simulated trajectories) plus the results' size. A disagreement is re-evaluated in
    long double at the failing points, and where still in doubt in 50-digit mpmath.
    Results that hold on a Wegscheider manifold are sampled and solved once more per
    manifold. A draw that breaks a recorded condition is redrawn, until 50 × ``points``
    draws have been rejected. ``points`` is bounded by the limit ``validate_points``
    (10⁴ by default, :mod:`symflux.limits`). The linear route is the GTH state
    reduction (Grassmann, Taksar & Heyman, *Oper. Res.* 33:1107, 1985).

    Examples
    --------
    >>> from symflux import kinetic_graph, steady_state
    >>> report = steady_state(kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])).validate()
    >>> report.status, report.verdict("p_1").verdict
    ('passed', 'validated')
    """
    from symflux.arguments import a_derivation, whole_number
    from symflux.numerics.registry import default_routes, evaluator

    a_derivation(derivation, "validate", error=ValidationError)
    whole_number("seed", seed, error=ValidationError)
    routes = tuple(routes or default_routes(derivation.kind))
    for route in routes:
        evaluator(derivation.kind, route)  # an unknown route is an error before any work
    tol, options = _options(derivation.kind, routes, route_options, tolerance)
    checks: dict = {n: [] for n in derivation.results}
    accepted: dict = {}
    main = None
    for group in manifold_groups(derivation):
        sample = draw_points(group, points, seed, low, high, values, among=derivation)
        main = main or sample
        checks.update(_check_results(group, sample, routes, tol, options))
        accepted.update(dict.fromkeys(group.results, sample.accepted))
    verdicts = tuple(_verdict(n, derivation, checks[n], accepted[n])
                     for n in derivation.results)
    return ValidationReport(derivation.title, tuple(c for n in derivation.results
                                                    for c in checks[n]),
                            seed, points, verdicts, main.accepted, main.rejected, main.first)


def _check_results(derivation, sample, routes, tol, options) -> dict:
    """``{name: [ResultCheck, ...]}``: the identity check and every route's, at the
    sample's points."""
    from symflux.numerics.registry import evaluator, routed

    checks: dict = {n: [] for n in derivation.results}
    named = [n for n in derivation.results if n in derivation.quantities]
    if not (sample.accepted and named):
        return checks
    by_name = {s.name: v for s, v in sample.values.items()}
    missing = [s.name for s in derivation.parameters if s.name not in by_name]
    if missing:
        raise ValidationError(f"no value drawn for {', '.join(missing)}")
    values_d = {s: by_name[s.name] for s in derivation.parameters}
    # Results with a compact twin are evaluated too, for the identity check, even
    # when no route computes them.
    with step("evaluating the closed forms"):
        closed = ClosedValues(derivation, [*named, *(n for n in derivation.compact
                                                if n not in named)], values_d)
    for n, c in identity_checks(derivation, closed, values_d).items():
        checks[n].append(c)
    blind = {n: _blind(derivation.quantities[n]) for n in named}
    for route, handed in routed(derivation.kind, routes, blind).items():
        if not handed:
            continue
        extra = {"initial": sample.initial} if sample.initial else {}
        with step(f"the {route} route"):
            got = evaluator(derivation.kind, route)(derivation.model, handed, sample.values,
                                                    route, **extra, **options[route])
        for n in handed:
            checks[n].append(_judge(n, route, got[n], closed, tol.get(route, 1e-6)))
    return checks

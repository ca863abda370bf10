"""Random parameter points for validation, honouring what the Derivation records.

Each free parameter is drawn log-uniformly over ``[low, high]`` (a real-valued one
uniformly over ``[-high, high]``); parameters fixed by the Derivation's constraints
(Wegscheider conditions of an equilibrium form) are computed from the others. For a
mass-action model every species gets a random initial amount, and each conserved
total the Derivation uses is computed from those amounts, so the closed form and the
time route describe the same stoichiometric class. A draw that breaks a condition
the Derivation records (a step whose statement is an inequality among parameters,
such as feasibility ``v_in < k_2 E_T``; a constrained parameter that comes out
non-positive) is rejected and counted.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from numbers import Real

import numpy as np
import sympy

from symflux.errors import ValidationError
from symflux.limits import DEFAULTS, limit

__all__ = ["MAX_POINTS", "Sample", "check_range", "draw_points", "manifold_groups",
           "respect_fixed", "sample_points"]

#: The default largest number of points of one validation; the bound in force is the
#: limit ``symflux.limits.LIMITS["validate_points"]``.
MAX_POINTS = int(DEFAULTS["validate_points"][0])
#: Draws tried per point asked for before giving up on the recorded conditions.
TRIES = 50


@dataclass
class Sample:
    """Accepted points: parameter values and initial amounts, arrays of shape ``(P,)``."""

    values: dict
    initial: dict
    accepted: int
    rejected: int
    first: dict = field(default_factory=dict)


def check_range(points, low, high) -> None:
    """Refuse a bad ``points``, ``low`` or ``high``, naming it and the valid range."""
    most = int(limit("validate_points"))
    if isinstance(points, bool) or not isinstance(points, int | np.integer):
        raise ValidationError(f"points must be an integer from 1 to {most}, not {points!r}")
    if not 1 <= points <= most:
        raise ValidationError(f"points must be from 1 to {most} (the limit validate_points; "
                              "to allow more, set symflux.limits.LIMITS['validate_points'] to "
                              f"a larger value), not {points}")
    for name, x in (("low", low), ("high", high)):
        if isinstance(x, bool) or not isinstance(x, Real) or not np.isfinite(x) or x <= 0:
            raise ValidationError(f"{name} must be a finite positive number, not {x!r}")
    if not low < high:
        raise ValidationError(f"low must be smaller than high; got low={low!r}, high={high!r}")


def _fixed(values: Mapping | None, known: Mapping[str, sympy.Symbol]) -> dict:
    out = {}
    from symflux.parsing import symbol

    for k, v in (values or {}).items():
        name = k.name if isinstance(k, sympy.Symbol) else str(k)
        if name not in known:
            with contextlib.suppress(Exception):
                name = symbol(name).name
        if name not in known:
            raise ValidationError(f"values: unknown parameter {k!r}; the model and results "
                                  f"have {', '.join(sorted(known)) or 'no parameters'}")
        if isinstance(v, bool) or not isinstance(v, Real) or not np.isfinite(float(v)):
            raise ValidationError(f"values: {name} must be a finite real number, not {v!r}")
        s = known[name]
        if (s.is_positive or s.is_nonnegative) and not float(v) > 0 and not (
                s.is_nonnegative and float(v) == 0):
            raise ValidationError(f"values: {name} is declared positive; got {v!r}")
        out[s] = float(v)
    return out


def _conditions(derivation, known: set) -> list:
    """Inequalities among parameters that the Derivation's steps record."""
    out = []
    for step in derivation.steps:
        e = step.equation
        if isinstance(e, sympy.Eq) or not isinstance(e, sympy.logic.boolalg.Boolean):
            continue
        if isinstance(e, sympy.Basic) and e.free_symbols and {
                s.name for s in e.free_symbols} <= known:
            out.append(e)
    return out


def _laws(derivation) -> list:
    """``(total name, ((species, coefficient), ...))`` of every setting the results use."""
    from symflux.numerics.mass_action import is_setting

    out = {}

    def visit(q):
        for a in q.args:
            if hasattr(a, "kind"):
                visit(a)
        last = q.args[-1] if q.args else None
        if is_setting(last):
            for total, coefficients in last[1]:
                out[total] = tuple(coefficients)

    for q in derivation.quantities.values():
        visit(q)
    return list(out.items())


def _known(derivation) -> dict[str, sympy.Symbol]:
    """Every symbol a point of ``derivation`` gives a value, by name."""
    from symflux.numerics.registry import model_parameters

    model_syms = model_parameters(derivation.kind, derivation.model)
    return {s.name: s for s in (*model_syms, *derivation.parameters,
                                *derivation.independent_parameters, *derivation.constraints)}


def draw_points(derivation, points: int, seed: int, low: float, high: float,
                values: Mapping | None = None, among=None) -> Sample:
    """Draw ``points`` accepted points (see the module docstring).

    ``values`` may name any symbol of ``among`` (default: ``derivation`` itself), the
    whole Derivation of which ``derivation`` is one :func:`manifold_groups` part; those
    this part does not have are left out of it.
    """
    from symflux.numerics.registry import initial_species

    check_range(points, low, high)
    known = _known(derivation)
    everywhere = known if among is None else _known(among)
    fixed = {known[s.name]: v for s, v in _fixed(values, everywhere).items()
             if s.name in known}
    constraints = respect_fixed(derivation.constraints, fixed)
    constrained = {s.name for s in constraints}
    free = sorted((s for n, s in known.items() if n not in constrained and s not in fixed),
                  key=lambda s: s.name)
    species = initial_species(derivation.kind, derivation.model)
    laws = [(known[t], c) for t, c in _laws(derivation) if t in known]
    free = [s for s in free if s not in {t for t, _ in laws}]
    conditions = _conditions(derivation, set(known))
    rng = np.random.default_rng(seed)
    accepted, rejected = [], 0
    lo, hi = np.log(low), np.log(high)
    while len(accepted) < points and rejected < TRIES * points:
        point = dict(fixed)
        for s in free:
            point[s] = (float(np.exp(rng.uniform(lo, hi))) if s.is_positive or s.is_nonnegative
                        else float(rng.uniform(-high, high)))
        amounts = {sp: float(np.exp(rng.uniform(lo, hi))) for sp in species}
        for total, coefficients in laws:
            value = sum(float(c) * amounts.get(sp, 0.0) for sp, c in coefficients)
            if total in fixed:
                # a total the user fixed: scale the law's initial amounts to it
                for sp, _ in coefficients:
                    amounts[sp] *= fixed[total] / value
                value = fixed[total]
            point[total] = value
        # SymPy numbers only where a constraint or condition is evaluated symbolically
        floats = ({s: sympy.Float(v) for s, v in point.items()}
                  if constraints or conditions else {})
        ok = True
        for s, expr in constraints.items():
            point[s] = float(expr.xreplace(floats))
            floats[s] = sympy.Float(point[s])
            ok &= np.isfinite(point[s]) and (point[s] > 0 or not s.is_positive)
        for c in conditions if ok else ():
            try:
                ok &= bool(c.xreplace(floats))
            except TypeError:  # undecidable at this point: not shown to hold
                ok = False
        if ok:
            accepted.append((point, amounts))
        else:
            rejected += 1
    syms = sorted({s for p, _ in accepted for s in p}, key=lambda s: s.name)
    return Sample(values={s: np.array([p[s] for p, _ in accepted]) for s in syms},
                  initial={sp: np.array([a[sp] for _, a in accepted]) for sp in species},
                  accepted=len(accepted), rejected=rejected,
                  first=dict(accepted[0][0]) if accepted else {})


def respect_fixed(constraints: Mapping, fixed: Mapping) -> dict:
    """The constraints ``{s: expression}`` re-solved so that no fixed parameter is
    computed: a relation whose left side the user fixed is solved instead for a free
    parameter in it (a Wegscheider condition is a monomial relation, so any of its rate
    constants will do), the first in name order with one positive solution.

    >>> a, b, c = sympy.symbols("a b c", positive=True)
    >>> respect_fixed({a: b * c}, {a: 2.0})
    {b: a/c}
    """
    out = {}
    for s, expr in constraints.items():
        if s not in fixed:
            out[s] = expr
            continue
        taken = set(fixed) | set(out) | set(constraints)
        # read by another relation: computing it here would change that one's order
        taken |= {x for r, e in constraints.items() if r != s for x in e.free_symbols}
        for t in sorted(expr.free_symbols - taken, key=lambda x: x.name):
            roots = [r for r in sympy.solve(sympy.Eq(s, expr), t)
                     if not r.has(sympy.I) and r.is_positive is not False]
            if len(roots) == 1:
                out[t] = roots[0]
                break
        else:
            raise ValidationError(
                f"{s.name} is fixed by values=, but the points must satisfy {s} = {expr} "
                "(a relation the results hold on) and no other parameter in it is free to "
                f"solve for; leave {s.name} or one of "
                f"{', '.join(sorted(x.name for x in expr.free_symbols)) or 'the others'} free")
    return out


def manifold_groups(derivation) -> list:
    """The Derivations to sample separately: the Derivation itself, or, when some results
    hold only on a manifold of the parameters (an equilibrium constant, defined only where
    the Wegscheider conditions hold), the other results, and one Derivation per manifold
    with its relations added to the constraints (so its points lie on it)."""
    on: dict = {}
    for n, q in derivation.quantities.items():
        manifold = _manifold(q)
        if manifold:
            on.setdefault(manifold, []).append(n)
    if not on:
        return [derivation]

    def part(names, constraints):
        return replace(derivation, results={n: derivation.results[n] for n in names},
                       quantities={n: q for n, q in derivation.quantities.items()
                                   if n in names},
                       compact={n: c for n, c in derivation.compact.items() if n in names},
                       constraints={**derivation.constraints, **constraints})

    elsewhere = {n for names in on.values() for n in names}
    rest = [n for n in derivation.results if n not in elsewhere]
    return [part(rest, {}), *(part(names, dict(m)) for m, names in on.items())]


def _manifold(q) -> tuple:
    """``((symbol, expression), ...)`` a quantity needs to hold (see QUANTITY_KINDS)."""
    if q.kind == "equilibrium_constant" and len(q.args) == 3:
        return tuple(q.args[1])
    return ()


def sample_points(derivation, points: int, seed: int, low: float, high: float,
                  fixed: Mapping | None = None) -> list[dict]:
    """The accepted points as a list of ``{symbol: float}`` (the same as validation draws)."""
    s = draw_points(derivation, points, seed, low, high, fixed)
    return [{k: float(v[i]) for k, v in s.values.items()} for i in range(s.accepted)]

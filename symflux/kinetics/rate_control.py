"""Campbell's degree of rate control of a kinetic scheme, from the closed-form flux.

The degree of rate control of transition ``i`` on a flux ``J`` is
``X_RC,i = (∂ ln J / ∂ ln k_i)`` with the equilibrium constant ``k_i / k_{-i}`` held
fixed (Campbell, J. Catal. 204:520, 2001; Stegelmann, Andreasen & Campbell, JACS
131:8077, 2009): both rates of the transition are scaled by the same factor. On the
closed form this is the operator ``D_i = Σ_σ a_σ σ ∂/∂σ`` over the rate constants
``σ`` that belong to transition ``i`` alone, with weights chosen so that ``D_i`` scales
the forward and the backward rate by one factor (:func:`scaling_operator`). Scaling
every transition at once only rescales time, so ``Σ_i X_RC,i = 1`` for every flux:
the summation theorem, checked symbolically.
"""

from __future__ import annotations

import sympy

from symflux.derivation import Derivation, Quantity, Step
from symflux.errors import GraphError, SymfluxError

__all__ = ["degree_of_rate_control", "identity_check", "scaling_operator",
           "summation_step"]


def scaling_operator(own: tuple, others: tuple, fixed: set = frozenset()) -> dict:
    """Weights ``{σ: a_σ}`` of ``D = Σ a_σ σ ∂/∂σ`` with ``D ln k = 1`` for each rate ``k``
    of ``own`` and ``D k' = 0`` for every rate of ``others``.

    Only symbols in ``own`` and in none of ``others`` (nor in ``fixed``) are used, and
    each rate must be homogeneous in them (``k_1``, ``k_1 S``, ``k/K``).

    Raises
    ------
    GraphError
        when no such operator exists: the step shares its rate constants with another
        step, or its rates are sums (``k_a + k_b``).

    >>> k1, km1, S = sympy.symbols("k_1 k_{-1} S", positive=True)
    >>> scaling_operator((k1 * S, km1), ((2 * k1,),), {S}) if False else \\
    ...     scaling_operator((k1 * S, km1), (), {S})
    {k_1: 1, k_{-1}: 1}
    """
    rates = [k for k in own if k is not None]
    shared = set().union(*(k.free_symbols for k in others if k is not None)) | set(fixed)
    mine = sorted(set().union(*(k.free_symbols for k in rates)) - shared, key=str)
    rows = []
    for k in rates:
        row = []
        for s in mine:
            degree = sympy.cancel(s * sympy.diff(k, s) / k)
            if degree.free_symbols:
                raise GraphError(f"the rate {k} is not homogeneous in {s}: scaling the step "
                                 "needs rate constants that multiply its rates")
            row.append(degree)
        rows.append(row)
    if not mine:
        raise GraphError(f"the rates {', '.join(map(str, rates))} have no rate constant of "
                         "their own (each is shared with another step); name the parameter "
                         "that scales this step")
    A = sympy.Matrix(rows)
    b = sympy.ones(len(rows), 1)
    a = A.pinv() * b
    if sympy.simplify(A * a - b) != sympy.zeros(len(rows), 1):
        raise GraphError(f"no scaling of {', '.join(map(str, mine))} multiplies the rates "
                         f"{', '.join(map(str, rates))} by one common factor")
    return {s: sympy.nsimplify(x) for s, x in zip(mine, a, strict=True) if x != 0}


def apply_operator(weights: dict, expr: sympy.Expr) -> sympy.Expr:
    """``Σ a_σ σ ∂expr/∂σ``."""
    return sympy.Add(*(a * s * sympy.diff(expr, s) for s, a in weights.items()))


def _tidy(expr: sympy.Expr) -> sympy.Expr:
    expr = sympy.cancel(sympy.together(expr))
    return sympy.factor(expr) if sympy.count_ops(expr) < 400 else expr


def identity_check(expr: sympy.Expr, *, points: int = 3, seed: int = 0) -> str | None:
    """How ``expr == 0`` was established (``"symbolically"`` or ``"exactly at N random
    rational points"``), or None when it is not zero.

    Small expressions are cancelled. A large rational function is evaluated in exact
    rational arithmetic at random points with coordinates up to 10⁹: a nonzero rational
    function of degree d vanishes at such a point with probability at most about
    d/10⁹ (Schwartz–Zippel), so three zeros leave no practical doubt, at a fraction of
    the cost of cancelling the whole expression.

    >>> x = sympy.Symbol("x", positive=True)
    >>> identity_check(x / (x + 1) + 1 / (x + 1) - 1), identity_check(x - 1)
    ('symbolically', None)
    """
    import random

    if sympy.count_ops(expr) <= 200:
        return "symbolically" if sympy.cancel(sympy.together(expr)) == 0 else None
    rng = random.Random(seed)
    free = sorted(expr.free_symbols, key=str)
    for _ in range(points):
        point = {s: sympy.Rational(rng.randint(1, 10**9), rng.randint(1, 10**9)) for s in free}
        if expr.xreplace(point) != 0:
            return None
    return f"exactly at {points} random rational points (Schwartz–Zippel)"


def summation_step(names: list[str], values: list, target: int, what: str) -> Step:
    """A Step stating ``Σ names = target``, after checking it (see :func:`identity_check`)."""
    how = identity_check(sympy.Add(*values) - target)
    if how is None:
        raise SymfluxError(f"summation theorem fails for {what}: Σ ≠ {target}; "
                           "the control coefficients are inconsistent")
    return Step(f"Summation theorem for {what} (checked {how})",
                sympy.Eq(sympy.Add(*(sympy.Symbol(n) for n in names)), target,
                         evaluate=False),
                "scaling every step by one factor only rescales time" if target else
                "scaling every step by one factor leaves the concentrations alone")


def degree_of_rate_control(derivation: Derivation, flux: str | None = None) -> Derivation:
    """Campbell's degree of rate control ``X_RC,i`` of every transition on a flux.

    Parameters
    ----------
    derivation : Derivation
        A kinetic steady state (:func:`symflux.steady_state` of a kinetic scheme).
    flux : str, optional
        The flux result (default: the first net flux that is not zero).

    Returns
    -------
    Derivation
        ``X_{RC,<key>}`` per transition (named by the transition's states when it has no
        key), with the summation theorem ``Σ_i X_RC,i = 1`` as a checked Step.

    Raises
    ------
    GraphError
        a transition without rate constants of its own, or a derivation that is not a
        kinetic steady state.

    Notes
    -----
    One logarithmic derivative ``∂ ln J / ∂ ln k_i`` of the closed form per transition
    (both rate constants of the transition scaled together, its equilibrium constant
    fixed): a differentiation and a tidy-up of an expression as large as ``J`` each, and
    the summation theorem checked at random exact points (Campbell, *J. Catal.* 204:520,
    2001).

    Examples
    --------
    >>> import symflux as sf
    >>> d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
    >>> x = degree_of_rate_control(d, "J_12")
    >>> sympy.simplify(sum(x.results.values()))
    1
    """
    from symflux.arguments import a_derivation
    from symflux.kinetics.graph import kinetic_model

    a_derivation(derivation, "degree_of_rate_control")
    if derivation.kind != "kinetic":
        raise GraphError(f"degree_of_rate_control takes a kinetic steady state, not a "
                         f"{derivation.kind} derivation; for a reaction network use "
                         "control_coefficients")
    km = kinetic_model(derivation.model)
    fluxes = [n for n, q in derivation.quantities.items() if q.kind == "flux"]
    if flux is None:
        flux = next((n for n in fluxes if derivation[n] != 0), None)
    if flux not in fluxes:
        raise GraphError(f"{flux!r} is not a flux of the derivation; fluxes: {', '.join(fluxes)}")
    J = derivation[flux]
    results, quantities, names = {}, {}, []
    observable = ("flux", tuple(derivation.quantities[flux].args))
    for t in km.transitions:
        own = (km.rates[t.forward], km.rates.get(t.backward))
        others = tuple(k for e, k in km.rates.items() if e not in (t.forward, t.backward))
        weights = scaling_operator(own, others)
        tag = t.key if not isinstance(t.key, int) or len(km.parallel(t.u, t.v)) > 1 \
            else f"{t.u}{t.v}"
        name = f"X_{{RC,{tag}}}"
        results[name] = _tidy(apply_operator(weights, J) / J)
        quantities[name] = Quantity("control_coefficient", (observable, t.forward, True))
        names.append(name)
    steps = [Step(f"Degree of rate control on {flux}: scale both rates of each transition",
                  None, "X_RC,i = ∂ln J/∂ln k_i at constant k_i/k_-i (Campbell)"),
             summation_step(names, list(results.values()), 1, flux)]
    return Derivation(title=f"Degree of rate control on {flux}", kind="kinetic",
                      model=derivation.model, results=results, steps=tuple(steps),
                      symbols=derivation.symbols,
                      assumptions=(*derivation.assumptions, "each transition scaled at "
                                   "constant equilibrium constant"),
                      quantities=quantities)

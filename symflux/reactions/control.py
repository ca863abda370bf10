"""Metabolic control analysis from closed-form steady states.

With the steady state in closed form, every control quantity is a derivative of it
(Kacser & Burns 1973; Heinrich & Rapoport 1974; Reder, J. Theor. Biol. 135:175, 1988):

- elasticity ``ε^r_s = ∂ln v_r/∂ln s`` of reaction ``r``'s rate to species ``s``, at the
  steady state;
- control coefficient ``C^y_r = ∂ln y/∂ln e_r`` of a steady-state flux or concentration
  ``y`` with respect to reaction ``r``'s rate (its enzyme amount ``e_r``: both directions
  scaled by one factor), unscaled ``(∂y/∂ln e_r)/v_r``;
- response coefficient ``R^y_p = ∂ln y/∂ln p`` to any parameter.

Scaling reaction ``r`` acts on the closed form as ``D_r = Σ_σ a_σ σ ∂/∂σ`` over the rate
constants that belong to ``r`` alone (:func:`symflux.kinetics.rate_control.scaling_operator`),
or through a chosen parameter ``p`` of ``r`` as ``p∂/∂p`` divided by the parameter
elasticity ``∂ln v_r/∂ln p``. The summation theorems (``Σ_r C^J_r = 1``,
``Σ_r C^s_r = 0``) and the connectivity theorems (``C^J ε L = 0``, ``C^s ε L = −L``, with
``L`` the link matrix of the conservation laws) are checked symbolically and shown as steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import networkx as nx
import sympy

from symflux.derivation import Derivation, Quantity, Step
from symflux.errors import GraphError, SymfluxError
from symflux.kinetics.rate_control import (
    apply_operator,
    identity_check,
    scaling_operator,
    summation_step,
)
from symflux.reactions.network import ReactionNetwork, network_model

__all__ = ["CONTROL_FINDS", "control_coefficients", "control_name", "control_result_name",
           "elasticity_name", "response_name"]

#: ``[find]`` phrases of problem files for control analysis, each with its arguments.
CONTROL_FINDS = {
    "flux control coefficient": "J_<reaction> <reaction>",
    "concentration control coefficient": "<species> <reaction>",
    "elasticity": "<reaction> <species>",
    "response coefficient": "<J_reaction or species> <parameter>",
}

_OBSERVABLE = {"concentration", "reaction_flux", "production_rate"}


def _tag(name: str) -> str:
    return re.sub(r"[_{}]", "", str(name).removeprefix("c_"))


def control_name(result: str, reaction: str) -> str:
    """Result name of the control coefficient of ``result`` (``"J_1"``, ``"c_S"``) with
    respect to reaction ``reaction``: ``C_{J1,2}``, ``C_{S,2}``.

    >>> control_name("J_v1", "v2"), control_name("c_ATP", "v_{in}")
    ('C_{Jv1,v2}', 'C_{ATP,vin}')
    """
    return f"C_{{{_tag(result)},{_tag(reaction)}}}"


def elasticity_name(reaction: str, species: str) -> str:
    """Result name of the elasticity of reaction ``reaction`` to ``species``:
    ``epsilon_{1,S}``."""
    return f"epsilon_{{{_tag(reaction)},{_tag(species)}}}"


def response_name(result: str, parameter) -> str:
    """Result name of the response coefficient of ``result`` to ``parameter``:
    ``R_{J1,ET}``."""
    return f"R_{{{_tag(result)},{_tag(getattr(parameter, 'name', parameter))}}}"


def _tidy(expr: sympy.Expr) -> sympy.Expr:
    if sympy.count_ops(expr) > 150:
        return expr
    return sympy.factor(sympy.cancel(sympy.together(expr)))


def _log_derivative(weights: dict, y: sympy.Expr) -> sympy.Expr:
    """``D ln y`` for ``D = Σ a_σ σ ∂/∂σ`` over the factors of ``y``.

    The steady state comes factored, ``y = Π f_i^{e_i}``, so ``D ln y = Σ e_i D f_i / f_i``
    over one common denominator: no rational function is cancelled or factored anew,
    which is what makes large mechanisms affordable (an ordered Bi-Bi's 48 coefficients
    cost seconds instead of a minute).
    """
    terms = []
    for factor in sympy.Mul.make_args(y):
        base, exponent = factor.as_base_exp()
        Db = apply_operator(weights, base)
        if Db != 0:
            terms.append((exponent, Db, base))
    if not terms:
        return sympy.Integer(0)
    bases = [b for _, _, b in terms]
    numerator = sympy.expand(sympy.Add(*(
        e * Db * sympy.Mul(*(b for j, b in enumerate(bases) if j != i))
        for i, (e, Db, _) in enumerate(terms))))
    return _tidy(numerator / sympy.Mul(*bases))


def control_result_name(spec: str) -> tuple[str, str | None]:
    """The result name a ``[find]`` phrase asks for, and the parameter of a response
    coefficient (None otherwise).

    >>> control_result_name("flux control coefficient J_v3 v1")
    ('C_{Jv3,v1}', None)
    >>> control_result_name("response coefficient J_v3 X_0")
    ('R_{Jv3,X0}', 'X_0')

    Raises
    ------
    GraphError
        an unknown phrase or the wrong number of arguments (the message lists the phrases).
    """
    for phrase in CONTROL_FINDS:
        if spec.startswith(phrase + " ") and len(spec[len(phrase):].split()) == 2:
            a, b = spec[len(phrase):].split()
            if phrase == "flux control coefficient":
                return control_name(a, b), None
            if phrase == "concentration control coefficient":
                return control_name(f"c_{a}", b), None
            if phrase == "elasticity":
                return elasticity_name(a, b), None
            target = a if a.startswith("J_") else f"c_{a}"
            return response_name(target, b), b
    raise GraphError(f"{spec!r} is not a control-analysis find; use one of "
                     + "; ".join(f"'{p} {a}'" for p, a in CONTROL_FINDS.items()))


def _net_rate(m: ReactionNetwork, r) -> sympy.Expr:
    v = r.forward_rate * m.monomial(r.source)
    return v - r.backward_rate * m.monomial(r.target) if r.reversible else v


def _operators(m: ReactionNetwork, enzymes: Mapping, totals: set, at: dict) -> dict:
    """Reaction label → (weights of D_r, parameter elasticity to divide by)."""
    from symflux.parsing import symbol

    fixed = {symbol(s) for s in m.constant} | totals
    out = {}
    for r in m.reactions:
        if r.label in enzymes:
            p = enzymes[r.label]
            p = p if isinstance(p, sympy.Symbol) else symbol(str(p))
            v = _net_rate(m, r)
            pi = _tidy((p * sympy.diff(v, p) / v).xreplace(at))
            if pi == 0:
                raise GraphError(f"parameter {p} does not occur in the rate of reaction "
                                 f"{r.label} ({r}); choose one of its rate constants")
            out[r.label] = ({p: sympy.Integer(1)}, pi)
            continue
        others = tuple(k for s in m.reactions if s is not r
                       for k in (s.forward_rate, s.backward_rate) if k is not None)
        try:
            out[r.label] = (scaling_operator((r.forward_rate, r.backward_rate), others, fixed),
                            sympy.Integer(1))
        except GraphError as err:
            raise GraphError(f"reaction {r.label} ({r}): {err}; pass "
                             f"enzymes={{{r.label!r}: <parameter>}}") from None
    return out


def _observables(d: Derivation) -> dict:
    return {n: q for n, q in d.quantities.items() if q.kind in _OBSERVABLE}


def control_coefficients(derivation: Derivation | nx.MultiDiGraph, *,
                         enzymes: Mapping[str, str | sympy.Symbol] | None = None,
                         parameters: Iterable[str | sympy.Symbol] = (), scaled: bool = True,
                         theorems: bool = True) -> Derivation:
    """Elasticities, control coefficients and response coefficients of a steady state.

    Each is a derivative of the closed form: ``ε^r_s = ∂ln v_r/∂ln s``,
    ``C^y_r = ∂ln y/∂ln e_r`` (reaction ``r`` scaled by ``e_r`` in both directions) and
    ``R^y_p = ∂ln y/∂ln p``, for every steady-state concentration or flux ``y``.

    Parameters
    ----------
    derivation : Derivation or networkx.MultiDiGraph
        A mass-action steady state (:func:`symflux.steady_state` of a reaction network,
        or :func:`symflux.rate_law`); a network is solved first.
    enzymes : mapping of str to str or sympy.Symbol, optional
        Reaction label → the parameter that scales it (its enzyme amount); by default
        each reaction is scaled through its own rate constants.
    parameters : iterable of str or sympy.Symbol, optional
        Parameters (symbols or names) for response coefficients.
    scaled : bool
        Scaled (logarithmic) coefficients, or unscaled ones (``∂y/∂ln e_r / v_r``,
        ``∂v/∂s``, ``∂y/∂p``).
    theorems : bool
        Check the summation and connectivity theorems (the latter need the elasticities).

    Returns
    -------
    Derivation
        ``epsilon_{r,s}`` (reaction r, species s, where v_r depends on s), ``C_{y,r}``
        for each steady-state flux, concentration or velocity ``y`` (``J1``, ``S``,
        ``v``) and reaction ``r``, and ``R_{y,p}`` per parameter
        (:func:`control_name`, :func:`elasticity_name`, :func:`response_name`); the
        theorems as checked steps after the steady state's.

    Raises
    ------
    GraphError
        not the steady state of a reaction network (a kinetic scheme takes
        :func:`symflux.degree_of_rate_control`), a concentration ``c_<species>``
        missing, a reaction without rate constants of its own (name one with
        ``enzymes``), or an ``enzymes`` parameter absent from its reaction's rate.
    SymfluxError
        a summation or connectivity theorem fails (the coefficients are inconsistent).
    NotUnique, NoSteadyState, NoClosedForm, RateError, LimitError
        from solving a network that is passed instead of a Derivation.

    Notes
    -----
    One log-derivative per result ``y`` and reaction, taken factor by factor of the
    factored steady state with no rational function cancelled anew, plus one per result
    and parameter, and ``∂v_r/∂s`` per reaction and species; a coefficient of more than
    150 operations is left unfactored. The theorems add one sum per result and the
    entries of ``C ε L`` (results × independent species), each checked by
    :func:`symflux.kinetics.rate_control.identity_check` (cancelled when small, else
    exact at random rational points). Kacser & Burns, *Symp. Soc. Exp. Biol.* 27:65 (1973); Heinrich
    & Rapoport, *Eur. J. Biochem.* 42:89 (1974); Reder, *J. Theor. Biol.* 135:175 (1988).

    Examples
    --------
    >>> import symflux as sf
    >>> N = sf.reaction_network(["0 -> S : v_0", "S -> P : k_1", "P -> 0 : k_2"])
    >>> cc = control_coefficients(sf.steady_state(N))
    >>> cc["C_{J2,1}"], cc["C_{J2,2}"], cc["C_{S,2}"]
    (1, 0, -1)
    >>> cc["epsilon_{2,S}"]
    1
    """
    from symflux.parsing import symbol
    from symflux.reactions.steady_state import steady_state

    d = derivation if isinstance(derivation, Derivation) else steady_state(derivation)
    observed = _observables(d)
    if d.kind != "reactions" or not observed:
        raise GraphError("control_coefficients takes the steady state of a reaction network "
                         "(sf.steady_state(N) or sf.rate_law(N)); for a kinetic scheme use "
                         "degree_of_rate_control")
    setting = next(iter(observed.values())).args[-1]
    constant, laws = setting
    m = network_model(d.model, constant=tuple(constant))
    totals = {symbol(t) for t, _ in laws}
    at = {symbol(s): d[f"c_{s}"] for s in m.species if f"c_{s}" in d}
    if len(at) != len(m.species):
        raise GraphError("the derivation lacks some steady-state concentrations c_<species>; "
                         "control analysis needs all of them")
    ops = _operators(m, dict(enzymes or {}), totals, at)
    rates = {r.label: _net_rate(m, r).xreplace(at) for r in m.reactions}
    results, quantities, steps = {}, {}, []
    raw = {}
    for name, q in observed.items():
        observable = (q.kind, q.args[0])
        y = d[name]
        for r in m.reactions:
            weights, pi = ops[r.label]
            C = _log_derivative(weights, y) / pi
            raw[(name, r.label)] = C
            key = control_name(name, r.label)
            results[key] = C if scaled else _tidy(y * C / rates[r.label])
            quantities[key] = Quantity("control_coefficient",
                                       (observable, r.forward, scaled, setting))
    for p in parameters:
        p = p if isinstance(p, sympy.Symbol) else symbol(str(p))
        for name, q in observed.items():
            y = d[name]
            key = response_name(name, p)
            R = _log_derivative({p: sympy.Integer(1)}, y)
            results[key] = R if scaled else _tidy(y * R / p)
            quantities[key] = Quantity("response_coefficient",
                                       ((q.kind, q.args[0]), p.name, scaled, setting))
    eps = _elasticities(m, at, scaled, setting, results, quantities)
    steps.append(Step("Control coefficients: scale each reaction's rate by a factor e_r",
                      None, "C^y_r = ∂ln y/∂ln e_r on the closed form; D_r acts on the rate "
                      "constants of r alone (both directions, so K_eq is unchanged)"))
    if theorems:
        steps.extend(_theorems(m, d, observed, raw, rates, eps, laws))
    symbols = dict(d.symbols)
    return Derivation(
        title=("Scaled" if scaled else "Unscaled") + " control analysis of " + d.title.lower(),
        kind="reactions", model=d.model, results=results, steps=(*d.steps, *steps),
        symbols=symbols, assumptions=d.assumptions, quantities=quantities)


def _elasticities(m, at, scaled, setting, results, quantities) -> dict:
    """Unscaled ``∂v_r/∂s`` at the steady state (for the theorems); results as asked."""
    from symflux.parsing import symbol

    out = {}
    for r in m.reactions:
        v = _net_rate(m, r)
        for s in m.species:
            dv = sympy.diff(v, symbol(s))
            if dv == 0:
                continue
            out[(r.label, s)] = dv.xreplace(at)
            key = elasticity_name(r.label, s)
            results[key] = _tidy((symbol(s) * dv / v if scaled else dv).xreplace(at))
            quantities[key] = Quantity("elasticity", (r.forward, s, scaled, setting))
    return out


def _link_matrix(m, laws) -> tuple[list[str], sympy.Matrix]:
    """Independent species and ``L = ∂c/∂c_independent`` along the conservation laws."""
    from symflux.parsing import symbol

    pivots = []
    for _, coefficients in laws:
        pivots.append(next(s for s, _ in coefficients if s not in pivots))
    independent = [s for s in m.species if s not in pivots]
    totals = [sympy.Symbol(f"__T{i}") for i in range(len(laws))]
    equations = [sympy.Add(*(n * symbol(s) for s, n in coefficients)) - t
                 for (_, coefficients), t in zip(laws, totals, strict=True)]
    solved = sympy.solve(equations, [symbol(p) for p in pivots], dict=True)[0] if laws else {}
    rows = [[sympy.diff(solved.get(symbol(s), symbol(s)), symbol(x)) for x in independent]
            for s in m.species]
    return independent, sympy.Matrix(rows)


def _theorems(m, d, observed, raw, rates, eps, laws) -> list[Step]:
    steps = []
    for name, q in observed.items():
        values = [raw[(name, r.label)] for r in m.reactions]
        names = [control_name(name, r.label) for r in m.reactions]
        flux = q.kind != "concentration"
        steps.append(summation_step(names, values, 1 if flux else 0, name))
    independent, L = _link_matrix(m, laws)
    E = sympy.Matrix([[eps.get((r.label, s), 0) for s in m.species] for r in m.reactions])
    EL = E * L
    checked, hows = 0, set()
    index = {s: i for i, s in enumerate(m.species)}
    for name, q in observed.items():
        C = sympy.Matrix([[d[name] * raw[(name, r.label)] / rates[r.label]
                            for r in m.reactions]])
        row = C * EL
        target = (-L[index[q.args[0]], :] if q.kind == "concentration"
                  else sympy.zeros(1, len(independent)))
        for got, want in zip(row, target, strict=True):
            how = identity_check(got - want)
            if how is None:
                raise SymfluxError(f"connectivity theorem fails for {name}: {got} ≠ {want}")
            hows.add(how)
            checked += 1
    steps.append(Step(
        f"Connectivity theorems ({checked} entries, checked {' and '.join(sorted(hows))})",
        sympy.Eq(sympy.Symbol("C^J ε L"), 0, evaluate=False),
        "C^J ε L = 0 and C^s ε L = −L with unscaled coefficients and L the link matrix "
        f"of the conservation laws (independent species {', '.join(independent)})"))
    return steps


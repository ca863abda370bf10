"""Closed-form steady states of mass-action networks.

The mass-action equations ``dc/dt = S_X v(c)`` are reduced with the conservation
laws (each law eliminates its pivot species in favour of its total), then the
remaining polynomial system is solved by SymPy when it can (linear systems,
quadratics and other solvable cases). Physical roots are selected by positivity
(decided symbolically where SymPy can, otherwise at sampled parameter points, and
said so), and the stability of the root is read from the Jacobian of the reduced
system. When no closed form exists, :class:`~symflux.errors.NoClosedForm` shows the
reduced system and points to the numeric steady state.
"""

from __future__ import annotations

import random

import numpy as np
import sympy

from symflux import naming
from symflux.budget import OutOfTime, time_budget
from symflux.derivation import Derivation, Quantity, Step, SymbolInfo
from symflux.errors import NoClosedForm, NoSteadyState, NotUnique
from symflux.reactions.equations import equations_step, mass_action_equations, net_rate
from symflux.reactions.linear_steady_state import tree_steady_state
from symflux.reactions.network import ReactionNetwork, network_model
from symflux.reactions.stoichiometry import ConservationLaw, conservation_laws

__all__ = ["concentration_name", "mass_action_equations", "setting", "steady_state"]

SAMPLES = 12


def concentration_name(species: str) -> str:
    """Result name of a steady-state concentration: ``c_X``, ``c_ES`` (symflux.naming)."""
    return naming.concentration_name(species)


def setting(m: ReactionNetwork, laws: list[ConservationLaw]) -> tuple:
    """The numerics' description of the stoichiometric class: constants and laws."""
    return (m.constant, tuple((law.total.name, tuple(law.coefficients.items())) for law in laws))


def _sample_points(symbols, count: int, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    return [{s: sympy.Float(10 ** rng.uniform(-2, 2), 30) for s in symbols}
            for _ in range(count)]


def _physical(root: dict, points) -> tuple[str, object]:
    """Is every concentration positive, jointly? ``("positive", None)``, ``("mixed",
    species that change sign)`` or ``("refused", reason)``."""
    if all(v.is_positive for v in root.values()):
        return "positive", None
    bad = [s for s, v in root.items() if v.is_positive is False]
    if bad:
        return "refused", "; ".join(f"{s} = {root[s]} is not positive" for s in bad)
    inside = 0
    for p in points:
        values = [sympy.N(v.xreplace(p), 30) for v in root.values()]
        real = all(abs(sympy.im(x)) <= 1e-20 * (1 + abs(sympy.re(x))) for x in values)
        inside += real and all(sympy.re(x) > 0 for x in values)
    if inside == len(points):
        return "positive", None
    if inside == 0:
        return "refused", (", ".join(f"{s} = {v}" for s, v in root.items())
                           + f": not all positive (and real) at any of {len(points)} sampled "
                           "parameter points")
    return "mixed", [s for s, v in root.items() if _sign(v, points) != "positive"]


def _sign(expr: sympy.Expr, points) -> str:
    """'positive', 'negative' or 'mixed' (plus 'complex'), decided symbolically if possible."""
    if expr.is_positive:
        return "positive"
    if expr.is_negative or expr.is_zero:
        return "nonpositive"
    signs = set()
    for p in points:
        value = sympy.N(expr.xreplace(p), 30)
        if abs(sympy.im(value)) > 1e-20 * (1 + abs(sympy.re(value))):
            signs.add("complex")
        else:
            signs.add("positive" if sympy.re(value) > 0 else "nonpositive")
    return signs.pop() if len(signs) == 1 else "mixed"


def _simplify(expr: sympy.Expr) -> sympy.Expr:
    if sympy.count_ops(expr) > 300:
        return expr
    try:
        with time_budget(name="simplify_budget"):
            if expr.is_rational_function():
                return sympy.factor(sympy.cancel(expr))
            return sympy.simplify(expr)
    except OutOfTime:
        return expr


def steady_state(N, rate: str = "rate", seed: int = 0) -> Derivation:
    """Closed-form steady state of a mass-action network: concentrations and reaction fluxes.

    Parameters
    ----------
    N : networkx.MultiDiGraph
        A reaction network (``reaction_network``); constant species are parameters.
    seed : int
        Seed of the parameter points used where positivity or stability cannot be
        decided symbolically.

    Returns
    -------
    Derivation
        ``c_<species>`` per internal species and ``J_<label>`` (net flux) per reaction,
        in terms of the rate constants, constant species and conservation totals.

    Raises
    ------
    NoClosedForm
        SymPy finds no closed form, or its solver runs past the limit ``time_budget``
        (60 s); the error holds the reduced system.
    NoSteadyState
        no root is positive (the steps say why each was refused).
    NotUnique
        more than one positive root (multistationarity); the roots are listed.

    Notes
    -----
    A first-order network whose linkage classes are strongly connected takes the tree
    route (:mod:`symflux.reactions.linear_steady_state`): ratios of spanning-tree sums,
    no polynomial solve.

    Examples
    --------
    >>> from symflux import reaction_network
    >>> d = steady_state(reaction_network(["0 -> X : k", "X -> 0 : gamma"]))
    >>> d["c_X"]
    k/gamma
    >>> steady_state(reaction_network(["A <-> B"]))["c_B"]
    A_T*k_1/(k_1 + k_{-1})
    """
    m = network_model(N, rate)
    laws = conservation_laws(m)
    tree = tree_steady_state(m, laws, simplify=_simplify)
    if tree is not None:   # first order, classes strongly connected: no solve needed
        return _derivation(N, m, laws, tree.concentrations, tree.steps, (), tree.fluxes)
    system, unknowns, eliminate, steps = _reduced_system(m, laws, rate)
    params = set().union(*(e.free_symbols for e in system), *(
        e.free_symbols for e in eliminate.values())) - set(unknowns.values())
    points = _sample_points(sorted(params, key=lambda s: s.name), SAMPLES, seed)
    roots = _solve(system, list(unknowns.values()))
    root, chosen, assumptions = _physical_root(m, roots, unknowns, eliminate, points)
    steps.extend(chosen)
    inside = [p for p in points if all(sympy.N(v.xreplace(p)) > 0 for v in root.values())]
    steps.append(_stability(system, list(unknowns.values()),
                            {u: root[s] for s, u in unknowns.items()}, inside))
    return _derivation(N, m, laws, root, steps, assumptions)


def _derivation(N, m, laws, root: dict, steps, assumptions, fluxes: dict | None = None,
                ) -> Derivation:
    results, quantities = _network_results(m, laws, root, fluxes)
    return Derivation(
        title="Steady state of the mass-action network", kind="reactions", model=N,
        results=results, steps=tuple(steps), symbols=_network_symbols(m, laws),
        assumptions=("mass action", "every rate constant positive",
                     *(f"conservation law {law}" for law in laws), *assumptions),
        quantities=quantities)


def _reduced_system(m, laws, rate: str) -> tuple[list, list, dict, list]:
    """The steady-state equations with one species eliminated per conservation law:
    (polynomial system, species → unknown concentration, eliminated species → expression,
    steps)."""
    from symflux.parsing import symbol

    rhs = mass_action_equations(m, rate)
    conc = {s: symbol(s) for s in m.species}
    eliminate = {}
    steps = [equations_step(m, rhs)]
    for law in laws:
        pivot = next(s for s, n in law.coefficients.items() if s not in eliminate)
        n = law.coefficients[pivot]
        eliminate[pivot] = (law.total - sympy.Add(*(
            k * conc[s] for s, k in law.coefficients.items() if s != pivot))) / n
        steps.append(Step(f"Conservation law: eliminate {pivot}", law.equation,
                          "the left null space of S: this combination never changes"))
    free = [s for s in m.species if s not in eliminate]
    system = [sympy.expand(sympy.numer(sympy.together(rhs[s].subs(
        {conc[p]: e for p, e in eliminate.items()})))) for s in free]
    steps.append(Step("Reduced steady-state system", sympy.Eq(
        sympy.Matrix(system), sympy.zeros(len(system), 1), evaluate=False),
        "the equations of the eliminated species follow from the others"))
    return system, {s: conc[s] for s in free}, eliminate, steps


def _physical_root(m, roots, unknowns, eliminate, points) -> tuple[dict, list, list]:
    """The one positive root (species → value), the steps that chose it, and the
    assumptions it needs; raises when none, or more than one, is positive."""
    physical, conditional, refused, steps = [], [], [], []
    for root in roots:
        full = {s: root.get(u, u) for s, u in unknowns.items()}
        for p, e in eliminate.items():
            full[p] = e.subs({u: full[s] for s, u in unknowns.items()})
        full = {s: _simplify(full[s]) for s in m.species}
        verdict, why = _physical(full, points)
        if verdict == "positive":
            physical.append(full)
        elif verdict == "mixed":
            conditional.append((full, why))
        else:
            refused.append(why)
    for why in refused:
        steps.append(Step("Root refused as unphysical", None, why))
    assumptions = []
    if not physical and len(conditional) == 1:
        # Positive only in part of parameter space (e.g. a population that survives
        # only above a threshold): keep it, and say where it is physical.
        full, mixed = conditional[0]
        physical.append(full)
        needs = [sympy.StrictGreaterThan(full[s], 0) for s in mixed]
        mixed = [str(s) for s in mixed]
        assumptions.extend(f"{s} = {full[s]} > 0 (positive only for some parameter values)"
                           for s in mixed)
        steps.append(Step("Root physical only where it is positive", sympy.And(*needs),
                          f"at {SAMPLES} sampled parameter points {', '.join(mixed)} took "
                          "both signs; outside this region the network has no positive "
                          "steady state of this branch"))
    elif conditional:
        refused_mixed = " | ".join(", ".join(f"{s} = {full[s]}" for s in full)
                                   for full, _ in conditional)
        raise NotUnique(f"{len(conditional) + len(physical)} roots are positive for some "
                        f"parameter values: {refused_mixed}; which one is reached depends on "
                        "the parameters. Solve numerically for given values")
    _one_physical(physical, refused)
    if not assumptions:
        symbolic = all(v.is_positive for v in physical[0].values())
        steps.append(Step("Physical root selected", None,
                          "every concentration is positive "
                          + ("(decided symbolically)" if symbolic else
                             f"at all {SAMPLES} sampled parameter points (log-uniform in "
                             "[1e-2, 1e2]); SymPy could not decide it symbolically")
                          + (f"; {len(refused)} other root(s) refused" if refused else "")))
    return physical[0], steps, assumptions


def _one_physical(physical: list, refused: list) -> None:
    if not physical:
        raise NoSteadyState(
            "no root of the steady-state equations is positive: "
            + (" | ".join(refused) or "there are no roots")
            + ". The network has no positive steady state for these rate constants")
    if len(physical) > 1:
        raise NotUnique(
            f"{len(physical)} positive steady states (multistationarity): "
            + " | ".join(", ".join(f"{s} = {v}" for s, v in root.items()) for root in physical))


def _network_results(m, laws, root: dict, fluxes: dict | None = None) -> tuple[dict, dict]:
    """Concentrations and net reaction fluxes at the root (or ``fluxes``, label → net
    flux, when given), with their Quantities."""
    from symflux.parsing import symbol

    results, quantities = {}, {}
    where = setting(m, laws)
    for s in m.species:
        results[concentration_name(s)] = root[s]
        quantities[concentration_name(s)] = Quantity("concentration", (s, where))
    values = {symbol(s): root[s] for s in m.species}
    for r in m.reactions:
        name = naming.reaction_flux_name(r.label)
        results[name] = fluxes[r.label] if fluxes is not None else _simplify(
            net_rate(m, r).subs(values))
        quantities[name] = Quantity("reaction_flux", (r.forward, where))
    return results, quantities


def _network_symbols(m, laws) -> dict:
    from symflux.parsing import symbol

    symbols = {law.total: SymbolInfo(f"conserved total {law.equation.lhs}", "M") for law in laws}
    for r in m.reactions:
        for k in (r.forward_rate, r.backward_rate):
            if isinstance(k, sympy.Symbol):
                symbols[k] = SymbolInfo(f"rate constant of reaction {r.label} ({r})")
    for s in m.constant:
        symbols[symbol(s)] = SymbolInfo(f"concentration of {s}, held constant", "M")
    for s in m.species:
        symbols[symbol(s)] = SymbolInfo(f"concentration of {s}", "M")
    return symbols


def _solve(system, unknowns) -> list[dict]:
    if not unknowns:
        return [{}]
    # Solve for assumption-free stand-ins: with the positive concentration symbols SymPy
    # would silently drop zero and negative roots, which must be refused with a reason.
    plain = [sympy.Dummy(u.name) for u in unknowns]
    back = dict(zip(plain, unknowns, strict=True))
    try:
        roots = _solve_plain([eq.xreplace(dict(zip(unknowns, plain, strict=True)))
                              for eq in system], plain)
        why = "SymPy cannot solve"
    except OutOfTime as e:
        roots, why = None, (f"SymPy's solver did not finish within the time budget of "
                            f"{e.seconds:g} s (symflux.limits.LIMITS['time_budget']) on")
    if roots is None:
        raise NoClosedForm(
            f"no closed-form steady state: {why} the reduced system "
            + ", ".join(f"{sympy.sstr(eq)} = 0" for eq in system)
            + f" for {', '.join(map(str, unknowns))}. Solve it numerically instead: "
            "symflux.numerics.mass_action.mass_action_steady_state(N, values, laws=...)",
            system=system, unknowns=unknowns)
    return [{back[k]: v for k, v in r.items()} for r in roots]


def _solve_plain(system, unknowns) -> list[dict] | None:
    linear = all(sympy.Poly(eq, *unknowns).total_degree() <= 1 for eq in system)
    try:
        if linear:
            sol = sympy.linsolve(system, unknowns)
            if sol == sympy.S.EmptySet:
                raise NoSteadyState(
                    "the linear steady-state equations " + ", ".join(
                        f"{sympy.sstr(eq)} = 0" for eq in system) + " are inconsistent: some "
                    "species grows or decays without bound; add an outflow or a reverse step")
            roots = [dict(zip(unknowns, tup, strict=True)) for tup in sol]
        else:
            with time_budget():
                roots = sympy.solve(system, unknowns, dict=True)
    except NotImplementedError:
        roots = None
    if not roots or any(set(r) != set(unknowns) for r in roots) or any(
            v.has(sympy.RootOf, sympy.CRootOf) or v.free_symbols & set(unknowns)
            for r in roots for v in r.values()):
        return None
    return roots


def _stability(system, unknowns, root, points) -> Step:
    J = sympy.Matrix(system).jacobian(unknowns).subs(root)
    if len(unknowns) == 1:
        entry = sympy.simplify(J[0, 0])
        sign = _sign(-entry, points)
        verdict = {"positive": "stable", "nonpositive": "unstable"}.get(sign, "undecided")
        how = "symbolically" if (-entry).is_positive is not None else \
            f"at {len(points)} sampled parameter points"
        return Step(f"Stability: {verdict} (decided {how})",
                    sympy.Eq(sympy.Symbol("J"), entry, evaluate=False),
                    "a one-variable steady state is stable where d(rate)/dc < 0")
    stable = 0
    for p in points:
        M = np.array(J.xreplace(p).evalf(30).tolist(), dtype=complex)
        stable += bool(np.all(np.linalg.eigvals(M).real < 0))
    if not points:
        return Step("Stability: undecided (no sampled point where the root is positive)", None,
                    "eigenvalues of the Jacobian need a point of the physical region")
    verdict = "stable at all" if stable == len(points) else (
        "unstable at all" if stable == 0 else f"stable at {stable} of")
    return Step(f"Stability: {verdict} {len(points)} sampled parameter points where the root "
                "is positive (eigenvalues of the Jacobian of the reduced system)", None,
                "a steady state is linearly stable when every eigenvalue has negative real part")

"""Thermodynamics of kinetic schemes: Wegscheider (Kolmogorov) conditions, cycle
affinities, entropy production, detailed balance and the equilibrium distribution.

Conventions: the affinity of a cycle run in its orientation is
``A = ln(Π+/Π−)`` (in units of k_B T); the entropy production rate is
``σ = Σ_e J_e ln(p_i k_ij / (p_j k_ji))`` in units of k_B per unit time, which at
steady state equals ``Σ_α J_α A_α`` over Schnakenberg's fundamental cycles,
``J_α`` being the net flux on chord α.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import sympy

from symflux.conditions import hold_at
from symflux.derivation import Derivation, Quantity, Step, SymbolInfo
from symflux.errors import GraphError, UsageError
from symflux.kinetics.graph import KineticModel, kinetic_model
from symflux.kinetics.stationary import (
    flux_name,
    probability_name,
    rate_symbols,
    steady_state,
)
from symflux.kinetics.topology import Cycle, cycles, fundamental_cycles, spanning_tree

__all__ = [
    "affinities",
    "entropy_production",
    "equilibrium_distribution",
    "is_detailed_balanced",
    "wegscheider_conditions",
]


def wegscheider_conditions(G: nx.MultiDiGraph, rate: str = "rate") -> list[sympy.Eq]:
    """One condition ``Π+ = Π−`` per fundamental cycle: detailed balance holds iff all do.

    A cycle with an irreversible transition gives ``Eq(Π+, 0)``, which no positive
    rates satisfy: such a scheme can never be at equilibrium.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> wegscheider_conditions(kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
    [Eq(k_{12}*k_{23}*k_{31}, k_{13}*k_{21}*k_{32})]
    """
    model = kinetic_model(G, rate, connected=False)
    conditions = []
    for c in fundamental_cycles(model):
        plus, minus = c.products(model)
        if plus == 0:
            plus, minus = minus, plus
        conditions.append(sympy.Eq(plus, minus, evaluate=False))
    return conditions


def _affinity(plus: sympy.Expr, minus: sympy.Expr) -> sympy.Expr | None:
    if plus == 0 and minus == 0:
        return None
    if minus == 0:
        return sympy.oo
    if plus == 0:
        return -sympy.oo
    return sympy.log(plus / minus)


def affinities(
    G: nx.MultiDiGraph, rate: str = "rate", *, basis: str = "fundamental"
) -> dict[Cycle, sympy.Expr]:
    """Cycle affinities ``A = ln(Π+/Π−)`` (units of k_B T), one per cycle.

    Parameters
    ----------
    basis : {"fundamental", "all"}
        Schnakenberg's fundamental cycles (independent) or all simple cycles (Hill).

    Returns
    -------
    dict
        Cycle → affinity; ``sympy.oo`` where an irreversible transition blocks the
        reverse direction. A cycle blocked both ways has no affinity and is left out.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> G = kinetic_graph(["1 <-> 2", "2 <-> 3", "3 -> 1"])
    >>> [(str(c), a) for c, a in affinities(G).items()]
    [('2 → 3 → 1 → 2', oo)]
    """
    model = kinetic_model(G, rate, connected=False)
    chosen = _basis(model, basis)
    out = {}
    for c in chosen:
        a = _affinity(*c.products(model))
        if a is not None:
            out[c] = a
    return out


def _basis(model: KineticModel, basis: str) -> list[Cycle]:
    if basis == "fundamental":
        return fundamental_cycles(model)
    if basis == "all":
        return cycles(model)
    raise UsageError(f"basis must be 'fundamental' or 'all', not {basis!r}")


def entropy_production(G: nx.MultiDiGraph, rate: str = "rate") -> Derivation:
    """Steady-state entropy production rate σ (units of k_B per unit time).

    Returns
    -------
    Derivation
        ``sigma`` = Σ_α J_α A_α over the fundamental cycles (the compact textbook
        form; 0 for a scheme without cycles) and ``sigma_edges`` = Σ_e J_e X_e with
        the edge forces ``X_e = ln(w_i k_ij / (w_j k_ji))``; both equal at steady state.
        Both are ``oo`` when a transition is irreversible (the steps name it).

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> entropy_production(kinetic_graph(["1 <-> 2", "2 <-> 3"]))["sigma"]
    0
    """
    model = kinetic_model(G, rate)
    ss = steady_state(G, rate)
    steps = []
    irreversible = [t for t in model.transitions if not t.reversible]
    if irreversible:
        names = ", ".join(str(t) for t in irreversible)
        steps.append(
            Step(
                f"Irreversible transition(s) {names}: σ is infinite",
                sympy.Eq(sympy.Symbol("sigma"), sympy.oo, evaluate=False),
                "every state is occupied at steady state, so each irreversible edge carries a "
                "positive one-way flux whose reverse never happens: its force ln(J+/J−) is "
                "infinite",
            )
        )
        sigma = sigma_edges = sympy.oo
        compact = {}
    else:
        sigma, sigma_edges, compact, more = _finite_sigma(model, ss)
        steps += more
    symbols = dict(ss.symbols)
    symbols[sympy.Symbol("sigma")] = SymbolInfo("entropy production rate", "k_B/s")
    return Derivation(
        title="Entropy production of the kinetic scheme",
        kind="kinetic",
        model=G,
        results={"sigma": sigma, "sigma_edges": sigma_edges},
        steps=tuple(steps),
        symbols=symbols,
        assumptions=ss.assumptions,
        quantities={
            "sigma": Quantity("entropy_production"),
            "sigma_edges": Quantity("entropy_production"),
        },
        compact=compact,
    )


def _finite_sigma(model: KineticModel, ss: Derivation):
    """σ of a scheme whose transitions are all reversible: the cycle form (Schnakenberg),
    the edge form, their compact twins, and the steps."""
    steps = []
    w = {s: ss[f"w_{s}"] for s in model.states}
    wc = {s: ss.compact[f"w_{s}"] for s in model.states}
    edge_terms, edge_compact = [], []
    for t in model.transitions:
        J = ss[flux_name(model, t)]
        kf, kb = model.rates[t.forward], model.rates[t.backward]
        edge_terms.append(J * sympy.log(w[t.u] * kf / (w[t.v] * kb)))
        edge_compact.append(
            ss.compact[flux_name(model, t)] * sympy.log(wc[t.u] * kf / (wc[t.v] * kb))
        )
    sigma_edges = sympy.Add(*edge_terms)
    _, chords = spanning_tree(model)
    cyc_terms, cyc_compact = [], []
    for chord, c in zip(chords, fundamental_cycles(model), strict=True):
        J_alpha = c.sign(chord) * ss[flux_name(model, chord)]
        cyc_terms.append(J_alpha * _affinity(*c.products(model)))
        cyc_compact.append(
            c.sign(chord) * ss.compact[flux_name(model, chord)]
            * _affinity(*c.products(model))
        )
        steps.append(
            Step(
                f"Cycle {c} (chord {chord}): chord flux × affinity",
                sympy.Eq(
                    sympy.Symbol(f"J_{chord.u}{chord.v}A"),
                    cyc_terms[-1],
                    evaluate=False,
                ),
                "Schnakenberg: at steady state the edge fluxes decompose into the chord "
                "fluxes, and the probabilities cancel from each cycle's sum of forces",
            )
        )
    sigma = sympy.Add(*cyc_terms)
    compact = {"sigma": sympy.Add(*cyc_compact), "sigma_edges": sympy.Add(*edge_compact)}
    steps.append(
        Step(
            "Entropy production rate",
            sympy.Eq(sympy.Symbol("sigma"), sigma, evaluate=False),
            "σ = Σ_e J_e ln(p_i k_ij/(p_j k_ji)) = Σ_α J_α A_α ≥ 0; zero exactly at "
            "detailed balance" + ("; a scheme without cycles is always at equilibrium"
                                  if not chords else ""),
        )
    )
    return sigma, sigma_edges, compact, steps


def is_detailed_balanced(
    G: nx.MultiDiGraph, values: Mapping | None = None, rate: str = "rate", *,
    rtol: float = 1e-9,
) -> bool:
    """Whether the scheme satisfies detailed balance (every Wegscheider condition holds).

    ``values`` maps symbols (or their names) to numbers; without it the check is
    symbolic and true only when every condition holds identically.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> G = kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    >>> is_detailed_balanced(G, {"k_12": 1, "k_23": 2, "k_31": 3, "k_13": 6, "k_21": 1, "k_32": 1})
    True
    >>> is_detailed_balanced(G, {"k_12": 2, "k_23": 2, "k_31": 3, "k_13": 6, "k_21": 1, "k_32": 1})
    False
    """
    model = kinetic_model(G, rate, connected=False)
    if not all(t.reversible for t in model.transitions):
        return False   # p_u k_uv = p_v · 0 has no solution with p_u > 0, on a cycle or not
    conditions = wegscheider_conditions(model, rate)
    if values is None:
        return all(sympy.simplify(c.lhs - c.rhs) == 0 for c in conditions)
    return hold_at(conditions, values, rtol, "is_detailed_balanced")


def equilibrium_distribution(G: nx.MultiDiGraph, rate: str = "rate") -> Derivation:
    """The equilibrium distribution, valid where every Wegscheider condition holds.

    Detailed balance, ``p_a k_ab = p_b k_ba`` on every edge of a spanning tree,
    fixes every ratio of probabilities; clearing denominators, ``p_s`` is
    proportional to the product over the tree's edges of the rates pointing
    toward ``s``.

    Raises
    ------
    SymfluxError
        if a transition is irreversible (no equilibrium exists).

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> equilibrium_distribution(kinetic_graph(["1 <-> 2", "2 <-> 3"]))["p_3"]
    k_{12}*k_{23}/(k_{12}*k_{23} + k_{12}*k_{32} + k_{21}*k_{32})
    """
    model = kinetic_model(G, rate)
    irreversible = [str(t) for t in model.transitions if not t.reversible]
    if irreversible:
        raise GraphError(
            f"no equilibrium: transition(s) {', '.join(irreversible)} are irreversible, so "
            "detailed balance can never hold; use steady_state() for the non-equilibrium "
            "steady state"
        )
    tree, chords = spanning_tree(model)
    weight = {s: _toward(model, tree, s) for s in model.states}
    Z = sympy.Add(*(weight[s] for s in model.states))
    results = {probability_name(s): weight[s] / Z for s in model.states}
    conditions = wegscheider_conditions(G, rate)
    constraints = _solve_constraints(model, chords)
    steps = [
        Step(
            "Detailed balance on every tree edge fixes the ratio of neighbouring probabilities",
            sympy.Eq(sympy.Symbol(probability_name(s)), weight[s] / Z, evaluate=False),
            "p_a k_ab = p_b k_ba on every edge of a spanning tree",
        )
        for s in model.states
    ]
    steps.extend(
        Step("Wegscheider condition assumed", c, "each chord closes a cycle whose rate "
             "products must balance for the tree-path ratios to agree on the chord")
        for c in conditions
    )
    return Derivation(
        title="Equilibrium distribution of the kinetic scheme",
        kind="kinetic",
        model=G,
        results=results,
        steps=tuple(steps),
        symbols=rate_symbols(model),
        assumptions=("every rate is positive",
                     *(f"Wegscheider condition {c.lhs} = {c.rhs}" for c in conditions)),
        quantities={n: Quantity("probability", (s,)) for n, s in
                    ((probability_name(s), s) for s in model.states)},
        constraints=constraints,
    )


def _toward(model: KineticModel, tree, s) -> sympy.Expr:
    """Product over the tree's edges of the rate of the direction pointing toward s."""
    factors, reached, frontier = [], {s}, [s]
    while frontier:
        nxt = []
        for a in frontier:
            for t in tree:
                for near, far, edge in ((t.u, t.v, t.backward), (t.v, t.u, t.forward)):
                    if near == a and far not in reached:
                        reached.add(far)
                        nxt.append(far)
                        factors.append(model.rates[edge])
        frontier = nxt
    return sympy.Mul(*factors)


def _solve_constraints(model: KineticModel, chords) -> dict:
    # Each condition is solved for a symbol of its chord's backward rate, which
    # no tree-path ratio uses, so every other rate can be chosen freely.
    solved: dict = {}
    for chord, c in zip(chords, fundamental_cycles(model), strict=True):
        plus, minus = (p.subs(solved) for p in c.products(model))
        back = model.rates[chord.backward if c.sign(chord) > 0 else chord.forward]
        for sym in sorted(back.free_symbols, key=lambda s: s.name):
            if sym in solved:
                continue
            roots = [r for r in sympy.solve(sympy.Eq(plus, minus), sym) if r.is_positive
                     is not False]
            if len(roots) == 1:
                solved = {k: v.subs(sym, roots[0]) for k, v in solved.items()}
                solved[sym] = roots[0]
                break
    return solved

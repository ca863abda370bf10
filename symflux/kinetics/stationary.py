"""Closed-form steady states of kinetic schemes (the Markov chain tree theorem)."""

from __future__ import annotations

import networkx as nx
import sympy

from symflux.derivation import Derivation, Quantity, Step, SymbolInfo
from symflux.errors import ModelTooLarge, UsageError
from symflux.kinetics.graph import KineticModel, Transition, kinetic_model, state_label
from symflux.kinetics.names import flux_name, probability_name
from symflux.kinetics.size import (
    EXPANDED_TERMS,
    NESTED_TREES,
    SizeEstimate,
    estimate_size,
    tree_counts,
)
from symflux.kinetics.tree_polynomial import TreePolynomial
from symflux.kinetics.trees import (
    canonical_channel_order,
    in_trees,
    no_gc_pauses,
)
from symflux.kinetics.uncached import difference, product, quotient, reciprocal, total
from symflux.progress import step

__all__ = ["Channels", "flux_name", "probability_name", "rate_symbols", "size_estimate",
           "steady_state", "too_large", "tree_sums"]


FORMS = ("auto", "expanded", "nested")


class Channels:
    """The edges of a model numbered 0..m-1, with their rates and out-lists.

    Where it is safe (distinct plain symbols) the numbering is SymPy's canonical order
    of the rates, so that sorted monomials are already in ``Mul``'s order.
    """

    def __init__(self, model: KineticModel):
        edges = list(model.rates)
        order = canonical_channel_order({e: model.rates[e] for e in edges})
        self.edges = edges if order is None else order
        self.id = {e: i for i, e in enumerate(self.edges)}
        self.rates = {i: model.rates[e] for i, e in enumerate(self.edges)}
        self.out = {s: [] for s in model.states}
        for e in edges:
            self.out[e[0]].append((e[1], self.id[e]))


def size_estimate(model: KineticModel, roots_list=None) -> SizeEstimate:
    """Sizes of the tree sums of a checked model (default: one per state), up front."""
    ch = Channels(model)
    roots_list = [[s] for s in model.states] if roots_list is None else roots_list
    counts = tree_counts(model.states, ch.out, roots_list)
    by_state = dict(zip(model.states, counts, strict=False)) if len(roots_list) == len(
        model.states) else {}
    extra = sum(by_state.get(t.u, 0) + (by_state.get(t.v, 0) if t.reversible else 0)
                for t in model.transitions)
    n = len(model.states)
    return estimate_size(counts, [n - len(r) for r in roots_list], extra)


def too_large(estimate: SizeEstimate, form: str) -> ModelTooLarge:
    """The refusal, naming the estimate and the ways out."""
    if form == "expanded" and estimate.nested_fits:
        way = ("call with form='nested' for a factorised form of the same sums, or use the "
               "numeric steady state (symflux.numerics.stationary_distribution)")
    else:
        way = ("use the numeric steady state (symflux.numerics.stationary_distribution(G, "
               "values)) or lump states (rapid equilibria) to shrink the scheme")
    limit = (f"more than {EXPANDED_TERMS:,} expanded terms" if form == "expanded" else
             f"more than {NESTED_TREES:,} directional diagrams to enumerate")
    return ModelTooLarge(f"closed form too large ({limit}): {estimate.describe()}. "
                         f"Ways out: {way}", estimate=estimate)


def tree_sums(model: KineticModel, roots_list=None, *, form: str = "auto",
              ) -> tuple[Channels, list[TreePolynomial]]:
    """In-tree sums of a checked model: one polynomial per root set (default: each state).

    Raises :class:`ModelTooLarge` (with its estimate) before enumerating anything when
    the trees would not fit (see :mod:`symflux.kinetics.size`).
    """
    estimate = size_estimate(model, roots_list)
    if not estimate.nested_fits or (form == "expanded" and not estimate.expanded_fits):
        raise too_large(estimate, form)
    ch = Channels(model)
    roots_list = [[s] for s in model.states] if roots_list is None else roots_list
    polys = [TreePolynomial.from_monomials(in_trees(model.states, ch.out, roots))
             for roots in roots_list]
    return ch, polys


def rate_symbols(model: KineticModel) -> dict:
    """What each symbol in the rates of ``model`` means (``SymbolInfo`` by symbol)."""
    info = {}
    for (u, v, key), r in model.rates.items():
        where = f"{u} → {v}" + (f" via {key}" if len(model.parallel(u, v)) > 1 else "")
        for s in sorted(r.free_symbols, key=lambda s: s.name):
            if r == s:
                info.setdefault(s, SymbolInfo(f"rate constant of the transition {where}", "1/s"))
            else:
                info.setdefault(s, SymbolInfo(f"parameter of the rate of {where}"))
    return info


def steady_state(G: nx.MultiDiGraph, rate: str = "rate", *, form: str = "auto",
                 ) -> Derivation:
    """Closed-form steady-state probabilities and net fluxes of a kinetic scheme.

    The weight of state ``i`` is the sum over directional diagrams (spanning trees
    directed toward ``i``) of the products of their rates, ``w_i``; the probability
    is ``p_i = w_i / Σ`` with ``Σ = Σ_j w_j``; the net flux of the transition
    ``i ⇄ j`` is ``J_ij = p_i k_ij − p_j k_ji``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        States as nodes, a positive ``rate`` on every edge.
    rate : str
        The edge attribute holding the rate.
    form : {"auto", "expanded", "nested"}
        ``"expanded"``: the sums as a textbook prints them, one term per diagram.
        ``"nested"``: the same sums factorised (a trie of the diagrams, see
        :meth:`TreePolynomial.to_horner`), never expanded. ``"auto"`` (default):
        expanded while the expanded results stay below 1.5 million terms, nested
        beyond that.

    Returns
    -------
    Derivation
        Results ``w_<state>``, ``Sigma``, ``p_<state>`` and ``J_<u><v>`` per transition
        (in the direction the transition was declared); ``compact`` holds nested
        forms that kernels evaluate (with the expanded form).

    Raises
    ------
    NotUnique
        if ``G`` is not strongly connected.
    RateError, GraphError
        for bad rates or graphs.
    ModelTooLarge
        if the requested form would be too large; the message (and its ``estimate``)
        gives the number of diagrams and the time and memory the forms would take.

    Notes
    -----
    The number of diagrams is known up front (a determinant per state,
    :mod:`symflux.kinetics.size`). The sum for each state is then enumerated tree by
    tree (cost proportional to the number of trees times the states); no
    determinant is expanded and no string is re-parsed. References: Hill, *Free
    Energy Transduction and Biochemical Cycle Kinetics* (1989); King & Altman,
    *J. Phys. Chem.* 60:1375 (1956); Schnakenberg, *Rev. Mod. Phys.* 48:571 (1976).

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> d = steady_state(kinetic_graph(["1 <-> 2"]))
    >>> d["p_1"]
    k_{21}/(k_{12} + k_{21})
    >>> d["J_12"]
    0
    >>> steady_state(kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]), form="nested")["w_1"]
    k_{21}*(k_{31} + k_{32}) + k_{23}*k_{31}
    """
    if form not in FORMS:
        raise UsageError(f"form={form!r} is not one of {', '.join(map(repr, FORMS))}")
    from symflux.kinetics.classes import reduce_to_closed_class

    # One closed class and transient states: derive the class, transients at 0.
    reduced = reduce_to_closed_class(G, rate, lambda H, r: steady_state(H, r, form=form))
    if reduced is not None:
        return reduced
    model = kinetic_model(G, rate)
    estimate = size_estimate(model)
    if form == "auto":
        form = "expanded" if estimate.expanded_fits else "nested"
    seconds = estimate.seconds if form == "expanded" else estimate.nested_seconds
    with no_gc_pauses(), step(f"summing {estimate.trees:.3g} directional diagrams",
                              estimate=seconds):
        ch, ws = tree_sums(model, form=form)
        w_of = dict(zip(model.states, ws, strict=True))
        results, compact, quantities, steps = _tree_results(model, ch, w_of, form)
    symbols = rate_symbols(model)
    for s in model.states:
        symbols[sympy.Symbol(probability_name(s))] = SymbolInfo(
            f"steady-state probability of state {s}"
        )
    assumptions = ("every rate is positive", "the scheme is strongly connected")
    return Derivation(
        title="Steady state of the kinetic scheme",
        kind="kinetic",
        model=G,
        results=results,
        steps=(_master_equation_step(model), _laplacian_step(model), *steps),
        symbols=symbols,
        assumptions=assumptions,
        quantities=quantities,
        compact=compact,
    )


def _tree_results(model: KineticModel, ch: Channels, w_of: dict, form: str) -> tuple:
    """Results, compact forms, quantities and steps from the tree sums."""
    # One long function on purpose: it reads in the order of the derivation it records.
    states, rates = model.states, ch.rates
    expanded = form == "expanded"
    w_sym = {s: sympy.Symbol(f"w_{state_label(s)}") for s in states}
    Sigma = sympy.Symbol("Sigma")
    results, compact, quantities, steps = {}, {}, {}, []
    w_compact = {s: w_of[s].to_horner(rates) for s in states}
    sigma_compact = total(list(w_compact.values()))
    n_terms = sum(len(w) for w in w_of.values())
    products = TreePolynomial.products(rates)
    if expanded:
        sigma_poly = TreePolynomial.total(w_of[s] for s in states)
        sigma_expr = sigma_poly.to_expr(rates, products=products)
    else:
        sigma_expr = sigma_compact
        steps.append(Step(
            f"Nested form: the expanded sums would have {n_terms:,} terms in all; each "
            "sum is written factorised (common rates taken out, no subtraction)", None,
            "expand with steady_state(G, form='expanded') if it fits, or sympy.expand"))
    for s in states:
        name = f"w_{state_label(s)}"
        results[name] = (w_of[s].to_expr(rates, products=products) if expanded
                         else w_compact[s])
        compact[name] = w_compact[s]
        quantities[name] = Quantity("tree_sum", (s,))
        steps.append(Step(
            f"Directional diagrams of state {s}: {len(w_of[s])} spanning trees directed "
            f"toward {s}",
            sympy.Eq(w_sym[s], results[name], evaluate=False),
            "Markov chain tree theorem: w_i = det of the Laplacian with row and column i "
            "deleted = sum over in-trees rooted at i of the product of their rates"))
    results["Sigma"] = sigma_expr
    compact["Sigma"] = sigma_compact
    inverse = reciprocal(sigma_expr)
    inverse_compact = inverse if sigma_compact is sigma_expr else reciprocal(sigma_compact)
    quantities["Sigma"] = Quantity("normalization")
    steps.append(Step(
        f"Sum of all directional diagrams ({n_terms} terms)",
        sympy.Eq(Sigma, sympy.Add(*w_sym.values()), evaluate=False),
        "normalisation constant of the steady state"))
    for s in states:
        name = probability_name(s)
        results[name] = quotient(results[f"w_{state_label(s)}"], inverse)
        compact[name] = quotient(compact[f"w_{state_label(s)}"], inverse_compact)
        quantities[name] = Quantity("probability", (s,))
        steps.append(Step(
            f"Steady-state probability of state {s}",
            sympy.Eq(sympy.Symbol(name), w_sym[s] / Sigma, evaluate=False),
            "probabilities sum to one"))
    for t in model.transitions:
        name = flux_name(model, t)
        if expanded:
            if t.reversible:
                numerator = w_of[t.u].times_difference(ch.id[t.forward], w_of[t.v],
                                                       ch.id[t.backward])
            else:
                numerator = w_of[t.u] * ch.id[t.forward]
            results[name] = quotient(numerator.to_expr(rates, products=products), inverse)
            compact[name] = quotient(_net_flux_form(numerator, w_of, w_compact, ch, t),
                                     inverse_compact)
        else:
            results[name] = compact[name] = quotient(_difference(w_compact, ch, t),
                                                     inverse_compact)
        quantities[name] = Quantity("flux", t.forward)
        steps.append(Step(
            f"Net flux of the transition {t}"
            + ("" if t.reversible else " (irreversible: one-way flux only)"),
            sympy.Eq(sympy.Symbol(name), results[name], evaluate=False),
            "J_ij = p_i k_ij − p_j k_ji; the terms of w_i k_ij and w_j k_ji that are the "
            "same product cancel" if t.reversible else "J_ij = p_i k_ij"))
    if not expanded:
        compact = {}   # the results are the nested forms themselves
    return results, compact, quantities, steps


#: A compact net flux nests the cancelled numerator when cancellation removed all but
#: 1/CANCELLED of the one-way terms: w_i k_ij − w_j k_ji would then subtract two sums
#: about that many times larger than their difference (a ring: n² terms each, net
#: Π k⁺ − Π k⁻), losing that many digits in kernels and in the identity check.
CANCELLED = 8


def _net_flux_form(numerator: TreePolynomial, w_of, w_compact, ch, t: Transition):
    """The compact numerator of a net flux: the cancelled polynomial nested where the
    one-way difference would lose digits, the difference otherwise (cheaper to nest)."""
    gross = len(w_of[t.u]) + (len(w_of[t.v]) if t.reversible else 0)
    if t.reversible and len(numerator) * CANCELLED < gross:
        return numerator.to_horner(ch.rates)
    return _difference(w_compact, ch, t)


def _difference(w_compact, ch, t: Transition) -> sympy.Expr:
    # w_i k_ij − w_j k_ji from the nested positive sums, for models too large to cancel
    # the numerator term by term: two stable evaluations and one subtraction, accurate
    # while the net flux is not far below the one-way fluxes (see docs/kinetics.md).
    if not t.reversible:
        return product(ch.rates[ch.id[t.forward]], w_compact[t.u])
    return difference(ch.rates[ch.id[t.forward]], w_compact[t.u],
                      ch.rates[ch.id[t.backward]], w_compact[t.v])


def _master_equation_step(model: KineticModel) -> Step:
    t = sympy.Symbol("t")
    # one function per state, and the edges grouped by end: a scan of every edge per
    # state made 45,000 SymPy functions for a 150-state ring (a tenth of its derivation)
    p = {s: sympy.Function(probability_name(s))(t) for s in model.states}
    into = {s: [] for s in model.states}
    out_of = {s: [] for s in model.states}
    for (u, v, _), r in model.rates.items():
        into[v].append(p[u] * r)
        out_of[u].append(r)
    lhs, rhs = [], []
    for j in model.states:
        lhs.append(sympy.Derivative(p[j], t))
        rhs.append(sympy.Add(*into[j]) - sympy.Add(*out_of[j]) * p[j])
    return Step(
        "Master equation",
        sympy.Eq(sympy.Matrix(lhs), sympy.Matrix(rhs), evaluate=False),
        "probability flows in along every edge into a state and out along every edge out of it",
    )


def _laplacian_step(model: KineticModel) -> Step:
    n = len(model.states)
    idx = model.index
    L = sympy.zeros(n, n)
    for (u, v, _), r in model.rates.items():
        L[idx[u], idx[u]] += r
        L[idx[u], idx[v]] -= r
    return Step(
        "Laplacian L = diag(total exit rates) − K; the steady state solves pᵀL = 0",
        sympy.Eq(sympy.Symbol("L"), L, evaluate=False),
        "the master equation reads dp/dt = −pᵀL; its stationary solution spans the left "
        "null space of L",
    )

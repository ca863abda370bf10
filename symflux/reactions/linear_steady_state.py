"""Steady states of first-order networks as ratios of spanning-tree sums.

When every complex is the zero complex ∅ or a single internal species with
coefficient one (constant species folded into the rate constants), the mass-action
equations are linear: ``dc_X/dt = Σ_u κ_uX c_u − c_X Σ_v κ_Xv`` with ``c_∅ = 1``. With ∅
as one more node, ``(1, c)`` is then the stationary vector of the graph's Laplacian,
and the directed matrix-tree theorem gives it: the in-tree sums ``T_v`` (over spanning
trees directed toward ``v``, of the products of their rate constants) satisfy
``T Q = 0`` on any graph, and a strongly connected graph has a one-dimensional kernel.
So ``c_X = T_X / T_∅`` in the class of ∅ (several inflows are several edges out of ∅),
and ``c_X = total · T_X / Σ_Y T_Y`` in a closed class, whose conservation law is the sum
of its species. The trees are enumerated by :func:`~symflux.kinetics.trees.in_trees`
into exact :class:`~symflux.kinetics.tree_polynomial.TreePolynomial` sums, so that
reaction fluxes cancel exactly (a pathway's fluxes all come out as its inflow) and no
polynomial system is solved.

The route applies only when every linkage class of this graph is strongly connected
(then the steady state exists, is unique and positive, and the laws are exactly one per
closed class); otherwise :func:`tree_steady_state` returns ``None`` and the general
polynomial route decides (and raises what it raises).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

import networkx as nx
import sympy

from symflux.derivation import Step
from symflux.kinetics.size import tree_counts
from symflux.kinetics.tree_polynomial import TreePolynomial
from symflux.kinetics.trees import canonical_channel_order, in_trees, no_gc_pauses
from symflux.reactions.equations import equations_step, mass_action_equations
from symflux.reactions.network import ReactionNetwork
from symflux.reactions.stoichiometry import ConservationLaw

__all__ = ["MAX_TREES", "SIMPLIFY_NODES", "TreeSteadyState", "first_order_edges",
           "tree_steady_state"]

#: Above this many spanning trees in all, the route declines (the sums would not fit).
MAX_TREES = 300_000
#: When all results together have at most this many expression nodes, each is passed
#: to the caller's ``simplify``, so that small networks print as the general route does
#: (the bank's largest, a closed triangle, has 252; ``factor`` takes 0.2 s at 300 and
#: 2 s at 600, growing fast with the number of rate constants).
SIMPLIFY_NODES = 300


class _Zero:
    """The zero complex ∅ as a node: no species name can equal it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "∅"


ZERO = _Zero()


@dataclass(frozen=True)
class TreeSteadyState:
    """The tree route's answer: species → concentration, reaction label → net flux."""

    concentrations: dict
    fluxes: dict
    steps: tuple
    trees: int


def _node(m: ReactionNetwork, c):
    """The internal part of complex ``c`` as a node (a species or ZERO), else None."""
    internal = [(s, n) for s, n in m.composition[c].items() if s not in m.constant]
    if not internal:
        return ZERO
    if len(internal) == 1 and internal[0][1] == 1:
        return internal[0][0]
    return None


def first_order_edges(m: ReactionNetwork) -> list[tuple] | None:
    """``(source, target, pseudo-rate, reaction, forward)`` per edge, or None if some
    complex is not ∅ or one internal species (the network is not first order).

    >>> from symflux.reactions.network import network_model, reaction_network
    >>> m = network_model(reaction_network(["0 -> X : k", "X -> 0 : g"]))
    >>> [(u, v, k) for u, v, k, _, _ in first_order_edges(m)]
    [(∅, 'X', k), ('X', ∅, g)]
    >>> first_order_edges(network_model(reaction_network(["2 X -> 0"]))) is None
    True
    """
    edges = []
    for r in m.reactions:
        u, v = _node(m, r.source), _node(m, r.target)
        if u is None or v is None:
            return None
        forward, backward = m.pseudo_rates(r)
        edges.append((u, v, forward, r, True))
        if r.reversible:
            edges.append((v, u, backward, r, False))
    return edges


def _classes(m: ReactionNetwork, edges: list, laws: list[ConservationLaw]) -> list | None:
    """``(nodes, total)`` per linkage class (total None for the class of ∅), or None when
    a class is not strongly connected or the laws are not one per closed class."""
    G = nx.DiGraph()
    G.add_nodes_from(m.species)
    if any(ZERO in e[:2] for e in edges):
        G.add_node(ZERO)
    G.add_edges_from((u, v) for u, v, *_ in edges if u != v)
    totals = {frozenset(law.coefficients.items()): law.total for law in laws}
    classes = []
    for component in nx.weakly_connected_components(G):
        if not nx.is_strongly_connected(G.subgraph(component)):
            return None
        nodes = ([ZERO] if ZERO in component else []) + [s for s in m.species if s in component]
        if ZERO in component:
            classes.append((nodes, None))
            continue
        total = totals.pop(frozenset((s, 1) for s in nodes), None)
        if total is None:
            return None
        classes.append((nodes, total))
    return None if totals else classes


def _channels(edges: list) -> tuple[dict, dict]:
    """Channel number per edge index (SymPy's canonical order of rates when safe: then
    sorted monomials are already in ``Mul``'s order), and channel → rate."""
    rates = {i: e[2] for i, e in enumerate(edges)}
    order = canonical_channel_order(rates)
    order = list(rates) if order is None else order
    number = {e: i for i, e in enumerate(order)}
    return number, {number[e]: rates[e] for e in rates}


def _meet(a: tuple, b: tuple) -> tuple:
    """The common part of two sorted monomials (multisets of channels)."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            out.append(a[i])
            i += 1
            j += 1
        elif a[i] < b[j]:
            i += 1
        else:
            j += 1
    return tuple(out)


def _monomial_gcd(polys) -> tuple:
    common = None
    for p in polys:
        for m in p.terms:
            common = m if common is None else _meet(common, m)
            if not common:
                return ()
    return common or ()


def _without(m: tuple, g: tuple) -> tuple:
    """Sorted monomial ``m`` divided by its sorted divisor ``g``."""
    out, j = [], 0
    for ch in m:
        if j < len(g) and g[j] == ch:
            j += 1
        else:
            out.append(ch)
    return tuple(out)


def _divide(p: TreePolynomial, g: tuple) -> TreePolynomial:
    if not g:
        return p
    return TreePolynomial({_without(m, g): c for m, c in p.terms.items()})


def _ratio(num: TreePolynomial, den: TreePolynomial, scale, rates: dict, products,
           ) -> sympy.Expr:
    """``scale · num/den`` with common monomials cancelled and each side's monomial
    content pulled out: ``k_0 (k_{-1} + k_out)/(k_1 k_out)``."""
    if num.is_zero:
        return sympy.Integer(0)
    g = _monomial_gcd((num, den))
    num, den = _divide(num, g), _divide(den, g)
    parts = []
    for p in (num, den):
        content = _monomial_gcd((p,))
        p = _divide(p, content)
        factors = [rates[ch] for ch in content]
        parts.append(sympy.Mul(*factors, p.to_expr(rates, products=products)))
    return scale * parts[0] / parts[1]


def _class_sums(nodes: list, edges: list, number: dict) -> dict | None:
    """In-tree sum per node of one class (None when over MAX_TREES in all)."""
    inside = set(nodes)
    out = {v: [] for v in nodes}
    for i, (u, v, *_) in enumerate(edges):
        if u != v and u in inside:
            out[u].append((v, number[i]))
    if sum(tree_counts(nodes, out, [[v] for v in nodes])) > MAX_TREES:
        return None
    return {v: TreePolynomial.from_monomials(in_trees(nodes, out, [v])) for v in nodes}


def tree_steady_state(m: ReactionNetwork, laws: list[ConservationLaw], *,
                      simplify: Callable[[sympy.Expr], sympy.Expr] | None = None,
                      ) -> TreeSteadyState | None:
    """The steady state of a first-order network by the matrix-tree theorem, or None.

    ``c_X = T_X/T_∅`` in the class of ∅, ``c_X = total · T_X/Σ_Y T_Y`` in a closed class
    (``T_v``: the sum over spanning in-trees rooted at ``v`` of their rate products).

    Parameters
    ----------
    m : ReactionNetwork
        A checked network (:func:`~symflux.reactions.network.network_model`).
    laws : list of ConservationLaw
        Its conservation laws (:func:`~symflux.reactions.stoichiometry.conservation_laws`).
    simplify : callable, optional
        Applied to every result when all have at most ``SIMPLIFY_NODES`` nodes.

    Returns
    -------
    TreeSteadyState or None
        ``concentrations`` (species → expression) and ``fluxes`` (reaction label → net
        flux), with the steps; None when the network is not first order, a linkage class
        is not strongly connected, or the trees exceed ``MAX_TREES``.

    Notes
    -----
    Cost: one enumeration of the in-trees per node (a pathway of n species has
    n(n+1)/2 + 1), no polynomial solve, no ``factor``/``cancel`` beyond ``simplify``.

    Examples
    --------
    >>> from symflux.reactions.network import network_model, reaction_network
    >>> m = network_model(reaction_network(["0 -> X : k", "X <-> Y : a, b", "Y -> 0 : g"]))
    >>> t = tree_steady_state(m, [])
    >>> t.concentrations["X"], t.concentrations["Y"], t.fluxes["3"]
    (k*(b + g)/(a*g), k/g, k)
    """
    edges = first_order_edges(m)
    classes = None if edges is None or not m.species else _classes(m, edges, laws)
    if classes is None:
        return None
    number, rates = _channels(edges)
    products = TreePolynomial.products(rates)
    conc, fluxes, trees = {}, {}, 0
    with no_gc_pauses():
        where = {}
        for nodes, total in classes:
            w = _class_sums(nodes, edges, number)
            if w is None:
                return None
            trees += sum(len(p) for p in w.values())
            den = w[ZERO] if total is None else sum((w[v] for v in nodes[1:]), w[nodes[0]])
            scale = sympy.Integer(1) if total is None else total
            for v in nodes:
                where[v] = (w, den, scale)
                if v is not ZERO:
                    conc[v] = _ratio(w[v], den, scale, rates, products)
        index = {(id(e[3]), e[4]): j for j, e in enumerate(edges)}
        for r in m.reactions:
            i = index[(id(r), True)]
            u, v = edges[i][:2]
            w, den, scale = where[u]
            if r.reversible:
                back = index[(id(r), False)]
                num = w[u].times_difference(number[i], w[v], number[back])
            else:
                num = w[u] * number[i]
            fluxes[r.label] = _ratio(num, den, scale, rates, products)
    if simplify is not None and _nodes(conc, fluxes) <= SIMPLIFY_NODES:
        conc = {s: simplify(e) for s, e in conc.items()}
        fluxes = {label: simplify(e) for label, e in fluxes.items()}
    return TreeSteadyState(conc, fluxes, _steps(m, laws, trees), trees)


def _nodes(*results: dict) -> int:
    """Expression nodes in all results, counted up to a stop (a cheap size measure)."""
    total = 0
    for group in results:
        for e in group.values():
            total += sum(1 for _ in islice(sympy.preorder_traversal(e), SIMPLIFY_NODES + 1))
            if total > SIMPLIFY_NODES:
                return total
    return total


def _steps(m: ReactionNetwork, laws: list[ConservationLaw], trees: int) -> tuple:
    steps = [equations_step(m, mass_action_equations(m))]
    steps.extend(Step(f"Conservation law of a closed class: {law.total}", law.equation,
                      "the left null space of S: this combination never changes")
                 for law in laws)
    steps.append(Step(
        "First-order network: steady state by the matrix-tree theorem (tree route)", None,
        "every complex is ∅ or one species (constant species folded into the rate "
        "constants), so the equations are linear; with ∅ as a node of rate constants out of "
        "it the inflows, c_X = T_X/T_∅ in the class of ∅ and c_X = total·T_X/Σ_Y T_Y in a "
        "closed class, where T_v sums the products of rate constants over the spanning "
        f"trees directed toward v ({trees} trees); every linkage class is strongly "
        "connected, so the kernel is one-dimensional and the steady state unique"))
    steps.append(Step("Physical root selected", None,
                      "every concentration is positive (decided symbolically: a ratio of "
                      "sums of products of positive rate constants)"))
    steps.append(Step("Stability: stable (decided symbolically)", None,
                      "a first-order network with strongly connected classes is a "
                      "compartmental system: apart from one zero eigenvalue per "
                      "conservation law, every eigenvalue of its Jacobian has negative real "
                      "part (Gershgorin's discs), so the steady state is globally stable in "
                      "its stoichiometric class"))
    return tuple(steps)

r"""Nodal analysis of transport networks: potentials, fluxes and effective resistances.

Kirchhoff's current law at every free node ``i``, ``Σ_j (φ_i − φ_j)/R_ij = s_i``
(``s_i`` the flux injected there), is a linear system for the free potentials
given the fixed ones. Its solution is a closed form in the resistances; where
the network is a chain or reduces by series and parallel steps, the results are
built from those reductions (sums of resistances, ``R₁R₂/(R₁+R₂)``, partial sums
for interface potentials) rather than from one expanded fraction.

The effective resistance between ``a`` and ``b`` of a network that does not reduce
(a bridge) is the ratio of Laplacian minors ``det L₍₋ₐ,₋ᵦ₎ / det L₍₋ₐ₎``
(Kirchhoff's matrix-tree theorem: spanning 2-forests over spanning trees).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable

import networkx as nx
import sympy

from symflux import naming
from symflux.derivation import Derivation, Quantity, Step, SymbolInfo
from symflux.errors import GraphError
from symflux.transport.analogies import analogy
from symflux.transport.closed_form import effective_resistance_form
from symflux.transport.elements import ELEMENTS
from symflux.transport.network import TransportModel, transport_model
from symflux.transport.nodal_steps import (
    _chain_fluxes,
    _chain_potentials,
    _current_law_steps,
    _solve,
)
from symflux.transport.reductions import series_parallel

__all__ = ["edge_flux_name", "effective_resistance", "flux", "nodal_analysis",
           "potential_name"]


def potential_name(node) -> str:
    """Result name of a node potential: ``phi_in`` (symflux.naming)."""
    return naming.potential_name(node)


def edge_flux_name(model: TransportModel, u, v, key) -> str:
    """Result name of an edge flux ``u → v``: ``J_ab``, ``J_in,out``, ``J_a,b[key]`` among
    parallel edges (symflux.naming, the rule of kinetic transitions too)."""
    parallel = sum(1 for a, b, _, _ in model.edges if {a, b} == {u, v})
    return naming.edge_flux_name(str(u), str(v), key, parallel=parallel > 1)


def _analogy(model: TransportModel):
    return analogy(model.graph.graph.get("analogy", "diffusion"))


def _symbols(model: TransportModel) -> dict:
    """Descriptions and units of the network's symbols, in the words of its analogy."""
    an = _analogy(model)
    info = {}
    for _, _, data in model.graph.edges(data=True):
        name = data.get("element")
        for p, value in data.get("parameters", {}).items():
            if isinstance(value, sympy.Symbol) and name in ELEMENTS:
                description, unit = ELEMENTS[name].parameters[p]
                if p == "D":
                    description, unit = an.coefficient, an.coefficient_unit
                info.setdefault(value, SymbolInfo(f"{description} ({name})", unit))
        r = data.get("resistance")
        if isinstance(r, sympy.Symbol):
            info.setdefault(r, SymbolInfo(an.resistance, an.resistance_unit))
    for node, value in model.fixed.items():
        if isinstance(value, sympy.Symbol):
            info.setdefault(value, SymbolInfo(
                f"{an.potential} held at node {node} (plays the potential)", an.potential_unit))
    for node, value in model.sources.items():
        for s in value.free_symbols:
            info.setdefault(s, SymbolInfo(f"{an.flux} injected at node {node} (a source)"))
    return info


def _analogy_note(model: TransportModel) -> str:
    an = _analogy(model)
    return (f"Ohm's-law analogy: {an.potential} plays the potential, {an.flux} the flux, "
            f"{an.resistance} the resistance ({an.law})")


def nodal_analysis(T: nx.MultiGraph, resistance: str = "resistance",
                   conductance: str = "conductance", potential: str = "potential",
                   source: str = "source") -> Derivation:
    """Closed-form potential of every free node and flux on every edge.

    Kirchhoff's current law at every free node, ``Σ_j (φ_i − φ_j)/R_ij = s_i``, is solved
    for the free potentials given the fixed ones; each edge carries ``(φ_u − φ_v)/R_uv``.

    Parameters
    ----------
    T : networkx.MultiGraph
        A transport network (see :func:`~symflux.transport.network.transport_network`).
    resistance, conductance, potential, source : str
        The attribute names: an edge's resistance or conductance, a node's fixed
        potential or injected flux.

    Returns
    -------
    Derivation
        Kind ``"transport"``; results ``phi_<node>`` for every free node and
        ``J_<u><v>`` for every edge (``J_<u>,<v>`` for longer labels, ``[<key>]``
        appended among parallel edges): the flux from ``u`` to ``v`` as the edge was added.

    Raises
    ------
    GraphError
        ``T`` is no undirected graph, has no edges, a self-loop, an edge without a positive
        resistance or conductance, or a node with both a potential and a source.
    ParseError
        an attribute value that is not an expression.
    NotUnique
        a connected part has neither a fixed potential nor a net source; or, with
        potential-dependent sources, not exactly one root is real and positive.
    NoSteadyState
        a connected part has a net source and no fixed potential.
    NoClosedForm
        SymPy does not solve a potential-dependent balance within ``time_budget``.
    LimitError
        more nodes than the limit ``states``, edges than ``transitions``, or a SymPy
        value past ``sum_terms`` or ``expression_nodes``.
    UsageError
        ``T.graph["analogy"]`` names no known analogy.

    Notes
    -----
    A chain between the only two fixed nodes, without sources, costs one partial sum per
    node. Otherwise the spanning-forest terms are counted up front (Laplacian
    determinants): up to :data:`~symflux.transport.closed_form.EXPANDED_MAX_TERMS`
    (400,000) and under 63 edges the expanded ratio is built, one term per forest
    (exponential in the size); past either, node elimination (star–mesh transforms),
    nested with shared subexpressions, or, from 63 edges, voltage dividers (linear) for
    a source-free series–parallel network between two fixed nodes; the assumptions say
    which. Potential-dependent sources cost a polynomial solve. Past 2,000 edges the
    current-law steps stay unevaluated. References: Kirchhoff, *Ann. Phys. Chem.* 72:497
    (1847); Chaiken, *SIAM J. Alg. Disc. Meth.* 3:319 (1982).

    Examples
    --------
    >>> from symflux.transport.network import transport_network
    >>> T = transport_network([("a", "m", "R_1"), ("m", "b", "R_2")],
    ...                       potentials={"a": "phi_1", "b": "phi_2"})
    >>> d = nodal_analysis(T)
    >>> d["phi_m"]
    -R_1*(phi_1 - phi_2)/(R_1 + R_2) + phi_1
    >>> d["J_am"]
    (phi_1 - phi_2)/(R_1 + R_2)
    """
    model = transport_model(T, resistance, conductance, potential, source)
    steps = _current_law_steps(model)
    chained = _chain_potentials(model)
    results, quantities, nested = {}, {}, None
    if chained is not None:
        potentials, groups, total, drop = chained
        steps.append(Step("The network is a chain: one flux through every group",
                          sympy.Eq(sympy.Symbol("J"), drop / total, evaluate=False),
                          "resistances in series add; the same flux crosses each of them"))
        through = _chain_fluxes(groups, total, drop)
    elif model.nonlinear:
        from symflux.transport.nonlinear import solve_nonlinear

        potentials, balances, degree = solve_nonlinear(model)
        nested = None
        for eq in balances:
            steps.append(Step("Balance with a potential-dependent source", eq,
                              "flux out of the node equals the source, which depends on the "
                              "node's own potential"))
        steps.append(Step(f"Cleared of denominators, the balance is a polynomial of degree "
                          f"{degree}; exactly one root is real and positive", None,
                          "the other roots are not physical potentials"))
    else:
        potentials, fluxes, nested = _solve(model)
        steps.append(Step("Solve the linear system for the free potentials", None,
                          nested or "Cramer's rule on the conductance Laplacian: ratios of "
                          "spanning-forest sums (all-minors matrix-tree theorem)"))
    for n in model.free:
        results[potential_name(n)] = potentials[n]
        quantities[potential_name(n)] = Quantity("potential", (n,))
        steps.append(Step(f"Potential of node {n}", sympy.Eq(
            sympy.Symbol(potential_name(n)), potentials[n], evaluate=False),
            "interface potential: upstream potential minus the drop over the partial sum"
            if chained is not None else "solution of the nodal equations"))
    pairs = Counter(frozenset((u, v)) for u, v, _, _ in model.edges)
    starts = {} if chained is None else {frozenset(g[:2]): g[0] for g in chained[1]}
    for u, v, key, r in model.edges:
        name = naming.edge_flux_name(str(u), str(v), key, parallel=pairs[frozenset((u, v))] > 1)
        if chained is not None:
            start = starts[frozenset((u, v))]
            value = through[frozenset((u, v, r))] * (1 if start == u else -1)
        elif model.nonlinear:
            value = sympy.simplify((potentials[u] - potentials[v]) / r)
        else:
            value = fluxes[(u, v, key)]
        results[name] = value
        quantities[name] = Quantity("edge_flux", (u, v, key))
    return Derivation(
        title="Nodal analysis of the transport network", kind="transport", model=T,
        results=results, steps=tuple(steps), symbols=_symbols(model),
        assumptions=("steady state", "every resistance positive",
                     "flux runs from high to low potential, J = Δφ/R", _analogy_note(model),
                     *((nested,) if nested else ())),
        quantities=quantities,
    )


def effective_resistance(T: nx.MultiGraph, a: Hashable, b: Hashable,
                         resistance: str = "resistance",
                         conductance: str = "conductance") -> Derivation:
    """The resistance between nodes ``a`` and ``b`` (potentials and sources ignored).

    ``R_eff = (φ_a − φ_b)/J`` for a flux ``J`` from ``a`` to ``b``: series and parallel
    reductions where they apply; otherwise the ratio of Laplacian minors
    ``det L₍₋ₐ,₋ᵦ₎ / det L₍₋ₐ₎`` (spanning 2-forests over spanning trees).

    Parameters
    ----------
    T : networkx.MultiGraph
        A transport network; its ``potential`` and ``source`` node attributes are
        ignored (on a copy: ``T`` is not changed).
    a, b : hashable
        Two different, connected nodes of ``T``.
    resistance, conductance : str
        The edge attributes holding a resistance or a conductance.

    Returns
    -------
    Derivation
        Kind ``"transport"``, result ``R_eff``, with one step saying how it was found.

    Raises
    ------
    GraphError
        if ``T`` is not an undirected graph, ``a`` or ``b`` is not a node, ``a == b``,
        they are not connected, or ``T`` has no edges, a self-loop or an edge without a
        positive resistance.
    ParseError, LimitError, SymfluxError
        as :func:`nodal_analysis` says.

    Notes
    -----
    Only the connected part of ``a`` and ``b`` is used. A series–parallel part is
    recognised in linear time and reduced (the textbook form while small, at most 64
    edges, else a continued fraction: :mod:`symflux.transport.reductions`). Otherwise
    the spanning trees and 2-forests are counted first: up to
    :data:`~symflux.transport.closed_form.EXPANDED_MAX_TERMS` (400,000) terms the
    expanded ratio, one term each; past that, node elimination keeping ``a`` and ``b``,
    nested. References: Kirchhoff, *Ann. Phys. Chem.* 72:497 (1847); Doyle & Snell,
    *Random Walks and Electric Networks* (1984).

    Examples
    --------
    >>> from symflux.transport.network import transport_network
    >>> T = transport_network([("a", "b", "R_1"), ("a", "b", "R_2"), ("b", "c", "R_3")])
    >>> effective_resistance(T, "a", "c")["R_eff"]
    R_1*R_2/(R_1 + R_2) + R_3
    """
    if not isinstance(T, nx.Graph) or T.is_directed():
        raise GraphError("effective_resistance() takes an undirected transport network "
                         f"(sf.transport_network), not a {type(T).__name__}")
    if T.number_of_edges() == 0:
        raise GraphError("the transport network has no edges")
    probe = nx.MultiGraph(T)
    for n in probe.nodes:
        probe.nodes[n].pop("potential", None)
        probe.nodes[n].pop("source", None)
    for n in (a, b):
        if n not in probe:
            raise GraphError(f"{n!r} is not a node; nodes are {', '.join(map(str, probe))}")
    if a == b:
        raise GraphError(f"the effective resistance needs two different nodes, not {a!r} twice")
    if not nx.has_path(probe, a, b):
        raise GraphError(f"{a!r} and {b!r} are not connected: the resistance is infinite")
    probe.nodes[b]["potential"] = sympy.Integer(0)
    model = transport_model(probe, resistance, conductance, solvable=False)
    part = nx.node_connected_component(probe, a)
    reduced = series_parallel([(u, v, r) for u, v, _, r in model.edges if u in part], (a, b))
    nested = None
    if reduced is not None:
        value, how = reduced, "series and parallel reductions"
    else:
        value, nested = effective_resistance_form(model, a, b,
                                                  [n for n in probe.nodes if n in part])
        how = nested or ("not series–parallel: ratio of Laplacian minors (spanning 2-forests "
                         "over spanning trees)")
    symbol = sympy.Symbol("R_eff", positive=True)
    return Derivation(
        title=f"Effective resistance between {a} and {b}", kind="transport", model=T,
        results={"R_eff": value},
        steps=(Step(f"Effective resistance between {a} and {b}",
                    sympy.Eq(symbol, value, evaluate=False), how),),
        symbols={symbol: SymbolInfo(f"effective resistance between {a} and {b}",
                                    _analogy(model).resistance_unit),
                 **_symbols(model)},
        assumptions=("every resistance positive",
                     *((nested,) if nested else ())),
        quantities={"R_eff": Quantity("effective_resistance", (a, b))},
    )


def flux(T: nx.MultiGraph, a: Hashable, b: Hashable, resistance: str = "resistance",
         conductance: str = "conductance", potential: str = "potential",
         source: str = "source") -> Derivation:
    """The steady flux from ``a`` to ``b``: result ``J``.

    When ``a`` and ``b`` are the only nodes at fixed potentials and there are no
    sources, ``J = (φ_a − φ_b)/R_eff`` is the total flux through the network.
    Otherwise ``a`` and ``b`` must be joined by edges and ``J`` is the flux along
    them: the sum of their ``J_<u><v>`` from :func:`nodal_analysis`, signed from ``a``.

    Parameters
    ----------
    T : networkx.MultiGraph
        A transport network with its fixed potentials and sources.
    a, b : hashable
        Nodes of ``T``; ``J`` is positive when the flux runs from ``a`` to ``b``.
    resistance, conductance, potential, source : str
        The attribute names, as for :func:`nodal_analysis`.

    Returns
    -------
    Derivation
        Kind ``"transport"``, result ``J``, after the steps of the
        :func:`effective_resistance` or :func:`nodal_analysis` it was built from.

    Raises
    ------
    GraphError
        if ``a`` or ``b`` is not a node, neither case applies, or as
        :func:`nodal_analysis` says.
    ParseError, NotUnique, NoSteadyState, NoClosedForm, LimitError, SymfluxError
        as :func:`nodal_analysis` says (the whole network is checked first).

    Notes
    -----
    The cost of :func:`effective_resistance` in the first case, of
    :func:`nodal_analysis` in the second.

    Examples
    --------
    >>> from symflux.transport.network import transport_network
    >>> T = transport_network([("in", "out", {"element": "pore"})],
    ...                       potentials={"in": "c_1", "out": "c_2"})
    >>> flux(T, "in", "out")["J"]
    pi*D*R**2*(c_1 - c_2)/L
    >>> T = transport_network([("a", "m", "R_1"), ("m", "b", "R_2")],
    ...                       potentials={"a": "phi_1", "b": "phi_2"})
    >>> flux(T, "m", "a")["J"]
    -(phi_1 - phi_2)/(R_1 + R_2)
    """
    model = transport_model(T, resistance, conductance, potential, source)
    for n in (a, b):
        if n not in T:
            raise GraphError(f"{n!r} is not a node; nodes are {', '.join(map(str, T))}")
    J = sympy.Symbol("J")
    if set(model.fixed) == {a, b} and not model.sources:
        reff = effective_resistance(T, a, b, resistance, conductance)
        drop = model.fixed[a] - model.fixed[b]
        value = _through(drop, reff["R_eff"])
        steps = (*reff.steps, Step("Ohm's law for the whole network",
                                   sympy.Eq(J, value, evaluate=False), "J = Δφ / R_eff"))
        quantity = Quantity("terminal_flux", (a,))
        symbols = {**reff.symbols, **_symbols(model)}
    elif T.has_edge(a, b):
        nodal = nodal_analysis(T, resistance, conductance, potential, source)
        names = [(edge_flux_name(model, u, v, k), 1 if u == a else -1)
                 for u, v, k, _ in model.edges if {u, v} == {a, b}]
        value = sympy.Add(*(s * nodal[n] for n, s in names))
        value = value if len(names) > 1 else nodal[names[0][0]] * names[0][1]
        steps = (*nodal.steps, Step(f"Flux along the edge(s) {a} — {b}",
                                    sympy.Eq(J, value, evaluate=False), "J = (φ_a − φ_b)/R"))
        quantity = Quantity("edge_flux", (a, b, None))
        symbols = nodal.symbols
    else:
        raise GraphError(f"flux from {a!r} to {b!r}: they are not joined by an edge, and they "
                         f"are not the only two nodes at fixed potentials (those are "
                         f"{', '.join(map(str, model.fixed))}; sources at "
                         f"{', '.join(map(str, model.sources)) or 'none'}). Ask for the flux "
                         "along an edge, or between the two terminals of a two-terminal network")
    return Derivation(
        title=f"Flux from {a} to {b}", kind="transport", model=T, results={"J": value},
        steps=steps, symbols={J: SymbolInfo(f"{_analogy(model).flux} from {a} to {b}",
                                            _analogy(model).flux_unit), **symbols},
        assumptions=("steady state", "every resistance positive", _analogy_note(model)),
        quantities={"J": quantity},
    )


def _through(drop, reff):
    """``Δφ/R`` written as a textbook does: ``π D R² Δc / L`` for a single element."""
    if isinstance(reff, sympy.Add):
        return drop / reff
    return sympy.factor(drop / reff) if sympy.denom(reff) != 1 else drop / reff


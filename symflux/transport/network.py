"""Transport networks: resistances between points held at fixed potentials or fed by sources.

A transport network is an ``nx.MultiGraph``. Each edge carries a ``resistance``
(or a ``conductance``), a positive SymPy expression; an edge built from a named
element also keeps the element's name and parameters and, for a 1-D path, the
``path`` (``D``, ``area``, ``x``, ``a``, ``b``) it was integrated from, so numerics
can integrate it again. A node may carry a fixed ``potential`` (a concentration,
temperature or voltage held by a reservoir) or a ``source`` (a flux injected
there, e.g. a pump; negative for removal). Flux runs from high to low potential,
``J = Δφ / R``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import sympy

from symflux.errors import GraphError, NoSteadyState, NotUnique
from symflux.parsing.values import to_expr
from symflux.transport.elements import as_expression, element

__all__ = ["TransportModel", "transport_model", "transport_network"]


def _edge_attributes(u, v, spec, symbols) -> dict:
    where = f"edge {u} — {v}"
    if not isinstance(spec, Mapping):
        return {"resistance": as_expression(spec, f"resistance of {where}", symbols)}
    spec = dict(spec)
    spec.pop("key", None)
    if "element" in spec:
        name = spec.pop("element")
        d = element(name, symbols=symbols, **spec)
        (_, _, data), = d.model.edges(data=True)
        return dict(data)
    if "resistance" in spec and "conductance" not in spec and len(spec) == 1:
        return {"resistance": as_expression(spec["resistance"], f"resistance of {where}",
                                            symbols)}
    if "conductance" in spec and len(spec) == 1:
        return {"conductance": as_expression(spec["conductance"], f"conductance of {where}",
                                             symbols)}
    raise GraphError(f"{where}: give exactly one of resistance = ..., conductance = ... or "
                     f"element = ... (with its parameters), not {sorted(spec)}")


def transport_network(
    edges: Iterable[tuple],
    *,
    potentials: Mapping[Any, Any] | None = None,
    sources: Mapping[Any, Any] | None = None,
    symbols: Mapping[str, sympy.Basic] | None = None,
    analogy: str = "diffusion",
    unknowns: Mapping[Any, str] | None = None,
) -> nx.MultiGraph:
    """Build a transport network from edges, fixed potentials and sources.

    Parameters
    ----------
    edges : iterable of (u, v, spec)
        ``spec`` is a resistance (expression or text), or a dict with one of
        ``resistance``, ``conductance``, or ``element`` and that element's parameters
        (see :func:`~symflux.transport.elements.element`); an optional ``key`` names
        the edge among parallel ones.
    potentials : mapping, optional
        Node → fixed potential (expression or text).
    sources : mapping, optional
        Node → flux injected at the node (negative to remove).
    symbols : mapping, optional
        Name → SymPy symbol for the parser (e.g. real-valued symbols).
    analogy : {"diffusion", "heat", "charge"}
        What plays potential, flux and resistance (stored as ``T.graph["analogy"]``;
        it sets the units and words of the results' symbols).
    unknowns : mapping, optional
        Node → the name its (unknown) potential has in the sources, for sources that
        depend on it (a saturable pump ``-V_p*c_i/(K_m + c_i)`` at node ``cell`` with
        ``unknowns={"cell": "c_i"}``); stored as the node attribute ``unknown``.

    Returns
    -------
    networkx.MultiGraph
        Edges with ``resistance`` or ``conductance`` (SymPy expressions; an element's
        edge also its ``element`` and ``parameters``), nodes with ``potential``,
        ``source`` and ``unknown`` where given.

    Raises
    ------
    GraphError
        ``edges`` is not a list of ``(u, v, spec)``; a spec dict gives not exactly one
        of resistance, conductance or element; an unknown element or parameter; a
        potential, source or unknown for a node no edge touches; an unknown that is not
        one name; no edges, a self-loop, a non-positive resistance, or a node with both
        a potential and a source.
    ParseError
        a value whose text does not parse.
    NoSteadyState
        an element whose resistance is infinite (``planar``, ``cylinder_to_infinity``).
    LimitError
        more edges than the limit ``transitions`` (checked before any is built), more
        nodes than ``states``, or a SymPy value past ``sum_terms`` or ``expression_nodes``.
    UsageError
        an unknown ``analogy``, listing the known ones.

    Notes
    -----
    One parse per value and one symbolic integral per geometric element
    (:func:`~symflux.transport.elements.element`), then one pass over the edges and
    nodes (:func:`transport_model` with ``solvable=False``): whether the potentials are
    determined is left to :func:`~symflux.transport.nodal.nodal_analysis`, so a network
    without potentials still has an effective resistance.

    Examples
    --------
    >>> T = transport_network([("in", "out", {"element": "pore"})],
    ...                       potentials={"in": "c_1", "out": "c_2"})
    >>> T.edges["in", "out", 0]["resistance"]
    L/(pi*D*R**2)
    >>> T.nodes["in"]["potential"]
    c_1
    """
    from symflux.transport.analogies import analogy as lookup

    T = nx.MultiGraph(analogy=lookup(analogy).model)
    from symflux.arguments import items
    from symflux.limits import require

    edges = items(edges, "the edges", error=GraphError)
    require("transitions", len(edges), what="the number of edges")
    for item in edges:
        if not isinstance(item, tuple | list) or len(item) != 3:
            raise GraphError(f"an edge is (u, v, resistance or dict), not {item!r}")
        u, v, spec = item
        key = spec.get("key") if isinstance(spec, Mapping) else None
        T.add_edge(u, v, key=key, **_edge_attributes(u, v, spec, symbols))
    for node, name in (unknowns or {}).items():
        if node not in T:
            raise GraphError(f"unknown given for node {node!r}, which no edge touches")
        T.nodes[node]["unknown"] = as_expression(name, f"unknown of node {node!r}", symbols)
        if not isinstance(T.nodes[node]["unknown"], sympy.Symbol):
            raise GraphError(f"the unknown of node {node!r} must be one name, not {name!r}")
    for attr, given in (("potential", potentials), ("source", sources)):
        for node, value in (given or {}).items():
            if node not in T:
                raise GraphError(f"{attr} given for node {node!r}, which no edge touches; "
                                 f"nodes are {', '.join(map(str, T.nodes))}")
            T.nodes[node][attr] = as_expression(value, f"{attr} of node {node!r}", symbols)
    transport_model(T, solvable=False)
    return T


@dataclass(frozen=True)
class TransportModel:
    """A checked transport network: edges with resistances, fixed and free nodes."""

    graph: nx.MultiGraph
    edges: tuple[tuple[Any, Any, Any, sympy.Expr], ...]
    fixed: dict
    sources: dict
    free: tuple
    unknowns: dict = field(default_factory=dict)

    @property
    def nonlinear(self) -> bool:
        """Whether a source depends on a potential that is being solved for."""
        names = set(self.unknowns.values())
        return any(value.free_symbols & names for value in self.sources.values())

    def resistance(self, u, v, key) -> sympy.Expr:
        for a, b, k, r in self.edges:
            if k == key and {a, b} == {u, v}:
                return r
        raise GraphError(f"no edge {u} — {v} with key {key!r}")


def _positive(expr, where):
    if (expr.is_number and not expr.is_positive) or expr.is_nonpositive:
        raise GraphError(f"{where} is {expr}: it must be positive")


def transport_model(T: nx.MultiGraph, resistance: str = "resistance",
                    conductance: str = "conductance", potential: str = "potential",
                    source: str = "source", solvable: bool = True) -> TransportModel:
    """Check a transport network and read its resistances, potentials and sources.

    With ``solvable=False`` only the edges and nodes are checked, not whether the
    potentials are determined (a bare resistor network has an effective resistance).

    Raises
    ------
    GraphError
        for a missing or non-positive resistance, a self-loop, a node that has both
        a potential and a source, or an empty graph.
    NotUnique
        if a connected part has neither a fixed potential nor a net source (its
        potential is defined only up to a constant).
    NoSteadyState
        if a connected part has no fixed potential but a net source: its potential
        would grow without bound.
    """
    if not isinstance(T, nx.MultiGraph | nx.Graph) or T.is_directed():
        raise GraphError("a transport network is an undirected nx.MultiGraph (or nx.Graph)")
    if T.number_of_edges() == 0:
        raise GraphError("the transport network has no edges")
    from symflux.limits import require

    require("states", T.number_of_nodes(), what="the number of nodes")
    require("transitions", T.number_of_edges(), what="the number of edges")
    edges = []
    items = T.edges(keys=True, data=True) if T.is_multigraph() else (
        (u, v, 0, d) for u, v, d in T.edges(data=True))
    for u, v, key, data in items:
        where = f"edge {u} — {v}" + (f" (key {key!r})" if key else "")
        if u == v:
            raise GraphError(f"{where} is a self-loop; it carries no flux, remove it")
        if resistance in data:
            r = to_expr(data[resistance], what=f"the {resistance} of {where}")
        elif conductance in data:
            r = 1 / to_expr(data[conductance], what=f"the {conductance} of {where}")
        else:
            raise GraphError(f"{where} has neither {resistance!r} nor {conductance!r}")
        _positive(r, f"the resistance of {where}")
        edges.append((u, v, key, r))
    fixed, sources = {}, {}
    for node, data in T.nodes(data=True):
        if potential in data and source in data:
            raise GraphError(f"node {node!r} has both a potential and a source; a node held at "
                             "a fixed potential takes whatever flux arrives, so give one")
        if potential in data:
            fixed[node] = to_expr(data[potential], what=f"the {potential} of node {node!r}")
        elif source in data:
            sources[node] = to_expr(data[source], what=f"the {source} of node {node!r}")
    for part in nx.connected_components(T) if solvable else ():
        if not part & set(fixed):
            net = sympy.Add(*(sources.get(n, 0) for n in part))
            names = ", ".join(sorted(map(str, part)))
            if net == 0:
                raise NotUnique(f"no node of the connected part {{{names}}} has a fixed "
                                "potential: its potentials are defined only up to a constant. "
                                "Hold one node at a potential (potential = ...)")
            raise NoSteadyState(f"the connected part {{{names}}} has a net source {net} and no "
                                "node at a fixed potential to take it away: its potential "
                                "grows without bound. Hold a node at a fixed potential")
    free = tuple(n for n in T.nodes if n not in fixed)
    unknowns = {n: to_expr(d["unknown"], what=f"the unknown of node {n!r}")
                for n, d in T.nodes(data=True) if "unknown" in d and n in free}
    return TransportModel(T, tuple(edges), fixed, sources, free, unknowns)

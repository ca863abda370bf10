"""Kinetic schemes as graphs: checking them, reading their rates, pairing their edges.

A kinetic scheme is an ``nx.MultiDiGraph`` whose nodes are states and whose
edges ``i → j`` carry a ``rate`` (a positive SymPy expression). The forward and
backward edges of one reversible transition share an edge key; that pairing is
what cycles, affinities and entropy production are built on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import sympy

from symflux.errors import GraphError, NotUnique, RateError, WrongModelKind

__all__ = [
    "KineticModel",
    "Transition",
    "as_rate",
    "default_rate_name",
    "kinetic_model",
    "state_label",
]


def state_label(state: Any) -> str:
    """The text used for a state in result names (``p_1``, ``J_E,ES``)."""
    return str(state)


def default_rate_name(u: Any, v: Any, compact: bool = True) -> str:
    """The default rate-constant name of the transition ``u → v``.

    ``k_{12}`` is readable and unambiguous only while every state label of the
    scheme is one character; otherwise (states 1 and 11) commas keep ``k_{1,11}``
    and ``k_{11,1}`` apart, and are used for every rate of that scheme.

    >>> default_rate_name(1, 2), default_rate_name(1, 11), default_rate_name("E", "ES")
    ('k_{12}', 'k_{1,11}', 'k_{E,ES}')
    >>> default_rate_name(1, 2, compact=False)
    'k_{1,2}'
    """
    su, sv = state_label(u), state_label(v)
    pair = f"{su}{sv}" if compact and len(su) == 1 and len(sv) == 1 else f"{su},{sv}"
    return f"k_{{{pair}}}"


@dataclass(frozen=True)
class Transition:
    """One transition between two states: the edge ``u → v`` (the "+" direction),
    and, when reversible, its partner ``v → u`` with the same key."""

    u: Any
    v: Any
    key: Any
    reversible: bool

    @property
    def forward(self) -> tuple:
        """The edge ``(u, v, key)`` of the forward direction."""
        return (self.u, self.v, self.key)

    @property
    def backward(self) -> tuple:
        """The edge ``(v, u, key)`` of the reverse direction."""
        return (self.v, self.u, self.key)

    def __str__(self) -> str:
        arrow = "⇄" if self.reversible else "→"
        return f"{self.u} {arrow} {self.v}"


@dataclass(frozen=True)
class KineticModel:
    """A checked kinetic scheme: ordered states, rates per edge, and the transitions."""

    graph: nx.MultiDiGraph
    states: tuple
    rates: dict  # (u, v, key) -> sympy.Expr
    transitions: tuple[Transition, ...]

    @property
    def index(self) -> dict:
        """State → its position in ``states``."""
        return {s: i for i, s in enumerate(self.states)}

    def parallel(self, u, v) -> list[Transition]:
        """The transitions between u and v (either orientation)."""
        return [t for t in self.transitions if {t.u, t.v} == {u, v}]


def as_rate(value: Any, where: str) -> sympy.Expr:
    """A rate attribute as a SymPy expression, parsed safely; a RateError naming the edge
    ``where`` for a missing, non-numeric or non-positive rate."""
    from symflux.parsing.values import to_expr

    if value is None:
        raise RateError(f"edge {where} has no rate; give it a positive 'rate' attribute")
    if not isinstance(value, str | int | float | sympy.Basic) or isinstance(value, bool):
        raise RateError(
            f"rate of edge {where} is a {type(value).__name__}; "
            "give a SymPy expression, a number or a text such as 'k1*S'"
        )
    expr = to_expr(value, what=f"the rate of edge {where}")
    if expr.is_zero:
        raise RateError(f"rate of edge {where} is zero; delete the edge instead of a zero rate")
    if expr.is_positive is False or (expr.is_number and expr.is_positive is not True):
        raise RateError(f"rate of edge {where} is {expr}, not positive; rates must be > 0")
    if expr.is_positive is None:
        raise RateError(
            f"cannot tell that the rate {expr} of edge {where} is positive; "
            "declare its symbols positive (symflux.parsing.symbol does) "
            "or write it as a manifestly positive expression"
        )
    return expr


def kinetic_model(G: nx.MultiDiGraph | nx.DiGraph, rate: str = "rate", *,
                  connected: bool = True) -> KineticModel:
    """Check that ``G`` is a valid kinetic scheme and pair its edges into transitions.

    Raises
    ------
    GraphError
        empty graph, self-loop, not a directed graph.
    RateError
        a missing, zero, negative or undeterminable rate.
    NotUnique
        the graph is not strongly connected (the terminal components are named); not
        checked when ``connected=False``.

    Examples
    --------
    >>> from symflux.kinetics.spec import kinetic_graph
    >>> m = kinetic_model(kinetic_graph(["1 <-> 2", "2 -> 3", "3 -> 1"]))
    >>> [str(t) for t in m.transitions]
    ['1 ⇄ 2', '2 → 3', '3 → 1']
    """
    if isinstance(G, KineticModel):
        return G
    _check_kind(G)
    rates, edges = _rates(G, rate)
    if connected and G.number_of_nodes() > 1 and not nx.is_strongly_connected(G):
        raise _not_strongly_connected(G)
    return KineticModel(G, tuple(G.nodes), rates, _transitions(G, rates, edges))


def _check_kind(G) -> None:
    """A kinetic scheme: a non-empty directed graph whose nodes are not complexes."""
    if not isinstance(G, nx.DiGraph):
        raise WrongModelKind(
            f"a kinetic scheme is a networkx MultiDiGraph (or DiGraph), not {type(G).__name__}"
            + ("; an undirected graph is a transport network: use flux, effective_resistance "
               "or nodal_analysis" if isinstance(G, nx.Graph) else ""),
            kind="transport" if isinstance(G, nx.Graph) else type(G).__name__,
            accepted=("kinetic",), instead="nodal_analysis" if isinstance(G, nx.Graph) else "")
    if G.number_of_nodes() == 0:
        raise GraphError("the kinetic scheme is empty; add states and transitions")
    if all("species" in d for _, d in G.nodes(data=True)):
        # A complex is not a state: a network's concentrations are not normalised like
        # probabilities, so reading it as a Markov chain would give wrong answers quietly.
        raise WrongModelKind(
            "this graph is a reaction network (its nodes carry 'species'), not a kinetic "
            "scheme; use the functions of symflux (sf.steady_state, sf.entropy_production, "
            "sf.affinities, sf.cycles), which dispatch on the kind of model, or "
            "symflux.reactions", kind="reactions", accepted=("kinetic",),
            instead="symflux.reactions")


def _rates(G, rate: str) -> tuple[dict, list]:
    """Every edge's rate, through the one safe conversion, and the edges ``(u, v, key, data)``."""
    from symflux.kinetics.labels import check_labels
    from symflux.limits import require

    require("states", G.number_of_nodes(), what="the number of states")
    require("transitions", G.number_of_edges(), what="the number of transitions")
    check_labels(G.nodes)
    edges = list(G.edges(keys=True, data=True)) if G.is_multigraph() else [
        (u, v, 0, d) for u, v, d in G.edges(data=True)
    ]
    rates: dict = {}
    for u, v, key, data in edges:
        where = f"{u} → {v}" + (f" (key {key!r})" if G.is_multigraph() and key != 0 else "")
        if u == v:
            raise GraphError(
                f"self-loop at state {u}: a transition from a state to itself does not change "
                "the state; remove it"
            )
        rates[(u, v, key)] = as_rate(data.get(rate), where)
    return rates, edges


def _not_strongly_connected(G) -> NotUnique:
    """The error that names the terminal components (and the transient states)."""
    cond = nx.condensation(G)
    terminal = [
        sorted(cond.nodes[c]["members"], key=str) for c in cond if cond.out_degree(c) == 0
    ]
    names = "; ".join("{" + ", ".join(map(str, comp)) + "}" for comp in terminal)
    if len(terminal) > 1:
        why = (
            f"it has {len(terminal)} terminal (closed) components {names}, and probability "
            "trapped in each stays there, so the steady state depends on where you start"
        )
    else:
        transient = sorted(set(G) - set(terminal[0]), key=str)
        why = (
            f"states {', '.join(map(str, transient))} are transient and drain into the "
            f"terminal component {names}; analyse that component alone"
        )
    return NotUnique(
        "the kinetic scheme is not strongly connected: " + why
        + ". A unique steady state with every state occupied needs a path from every "
        "state to every other one.",
        terminal_components=terminal,
    )


def _transitions(G, rates: dict, edges: list) -> tuple[Transition, ...]:
    """One Transition per channel, its "+" direction the one declared first."""
    transitions = []
    seen: set = set()
    # The "+" direction of a transition is the one declared first: builders record
    # the declared order; for a hand-built graph it is the graph's edge order.
    declared = [e for e in G.graph.get("transition_order", ()) if tuple(e) in rates]
    for u, v, key in [*map(tuple, declared), *((u, v, k) for u, v, k, _ in edges)]:
        if (u, v, key) in seen:
            continue
        reversible = (v, u, key) in rates
        seen.add((u, v, key))
        if reversible:
            seen.add((v, u, key))
        transitions.append(Transition(u, v, key, reversible))
    return tuple(transitions)

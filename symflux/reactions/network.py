"""Mass-action reaction networks as graphs of complexes: building and checking them.

A reaction network is an ``nx.MultiDiGraph`` whose nodes are complexes: a node's
``species`` attribute maps each species to its stoichiometric coefficient (``{}``
is the zero complex ∅ of inflows and outflows). Each edge is a reaction and
carries a positive ``rate`` constant; the forward and backward edges of a
reversible reaction share an edge key, as in a kinetic scheme. Species held
constant (chemostatted reservoirs) are listed in ``G.graph["constant"]``: their
concentrations are parameters, not variables. A kinetic scheme is the special case
of single-species complexes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import sympy

from symflux.errors import GraphError, ParseError, RateError

__all__ = [
    "Reaction",
    "ReactionNetwork",
    "complex_label",
    "is_reaction_network",
    "network_model",
    "reaction_network",
]


def complex_label(species: Mapping[str, int]) -> str:
    """The node name of a complex: species sorted by name, ``"0"`` for ∅.

    >>> complex_label({"S": 1, "E": 1}), complex_label({"A": 2}), complex_label({})
    ('E + S', '2 A', '0')
    """
    if not species:
        return "0"
    return " + ".join(f"{n} {s}" if n != 1 else s for s, n in sorted(species.items()))


@dataclass(frozen=True)
class Reaction:
    """One reaction ``source → target`` and, when reversible, its reverse (same key).

    ``label`` names it in results (``J_1``); ``rates`` is ``(k⁺, k⁻)`` with ``k⁻``
    ``None`` for an irreversible reaction.
    """

    label: str
    source: Any
    target: Any
    key: Any
    reversible: bool
    forward_rate: sympy.Expr
    backward_rate: sympy.Expr | None

    @property
    def forward(self) -> tuple:
        """The edge ``(source, target, key)`` of the forward direction."""
        return (self.source, self.target, self.key)

    @property
    def backward(self) -> tuple:
        """The edge ``(target, source, key)`` of the reverse direction."""
        return (self.target, self.source, self.key)

    def __str__(self) -> str:
        return f"{self.source} {'⇄' if self.reversible else '→'} {self.target}"


@dataclass(frozen=True)
class ReactionNetwork:
    """A checked reaction network: species (internal, then constant), complexes, reactions."""

    graph: nx.MultiDiGraph
    species: tuple[str, ...]          # internal (variable) species, in order of appearance
    constant: tuple[str, ...]         # chemostatted species (parameters)
    complexes: tuple                  # node names
    composition: dict                 # node → {species: coefficient}
    reactions: tuple[Reaction, ...]

    @property
    def all_species(self) -> tuple[str, ...]:
        """The variable species, then the constant ones."""
        return self.species + self.constant

    def concentration(self, name: str) -> sympy.Symbol:
        """The symbol of a species' concentration (its name)."""
        from symflux.parsing import symbol

        return symbol(name)

    def monomial(self, node, species: Sequence[str] | None = None) -> sympy.Expr:
        """``c^y`` of a complex over the given species (default: all)."""
        chosen = self.all_species if species is None else species
        return sympy.Mul(*(self.concentration(s) ** n
                           for s, n in self.composition[node].items() if s in chosen))

    def pseudo_rates(self, r: Reaction) -> tuple[sympy.Expr, sympy.Expr | None]:
        """Rate constants with the constant species folded in: ``k⁺ Π y^α``, ``k⁻ Π y^β``."""
        fwd = r.forward_rate * self.monomial(r.source, self.constant)
        if not r.reversible:
            return fwd, None
        return fwd, r.backward_rate * self.monomial(r.target, self.constant)

    def net_stoichiometry(self, r: Reaction) -> dict:
        """Species → (target − source) coefficient, zero entries dropped."""
        out = dict.fromkeys(self.all_species, 0)
        for s, n in self.composition[r.target].items():
            out[s] += n
        for s, n in self.composition[r.source].items():
            out[s] -= n
        return {s: n for s, n in out.items() if n}


def is_reaction_network(G: Any, species: str = "species") -> bool:
    """Whether ``G`` is a reaction network (its nodes carry ``species``) rather than a
    kinetic scheme.

    >>> is_reaction_network(reaction_network(["A <-> B"]))
    True
    """
    return isinstance(G, nx.Graph) and G.number_of_nodes() > 0 and all(
        species in d for _, d in G.nodes(data=True))


def _as_rate(value: Any, where: str) -> sympy.Expr:
    from symflux.kinetics.graph import as_rate as kinetic_rate

    return kinetic_rate(value, where)


def network_model(G: nx.MultiDiGraph, rate: str = "rate", species: str = "species",
                  constant: Iterable[str] | None = None) -> ReactionNetwork:
    """Check that ``G`` is a reaction network and pair its edges into reactions.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Complexes as nodes with a ``species`` mapping, a positive ``rate`` on every edge.
    constant : iterable of str, optional
        Chemostatted species; default ``G.graph.get("constant", ())``.

    Raises
    ------
    GraphError
        not a directed graph, empty, a node without ``species``, a bad coefficient, a
        self-loop, a constant species that does not occur.
    RateError
        a missing, zero, negative or undeterminable rate.

    Examples
    --------
    >>> m = network_model(reaction_network(["E + S <-> ES", "ES -> E + P"]))
    >>> m.species, [str(r) for r in m.reactions]
    (('E', 'S', 'ES', 'P'), ['E + S ⇄ ES', 'ES → E + P'])
    """
    from symflux.limits import require
    from symflux.parsing import canonical_name

    if isinstance(G, ReactionNetwork):
        if constant is None or tuple(constant) == G.constant:
            return G
        G = G.graph
    if not isinstance(G, nx.DiGraph):
        raise GraphError(f"a reaction network is a networkx MultiDiGraph, not {type(G).__name__}")
    if G.number_of_nodes() == 0 or G.number_of_edges() == 0:
        raise GraphError("the reaction network has no reactions; add complexes and edges")
    require("states", G.number_of_nodes(), what="the number of complexes")
    require("transitions", G.number_of_edges(), what="the number of reaction edges")
    composition = {}
    order: list[str] = []
    for node, data in G.nodes(data=True):
        comp = data.get(species)
        if not isinstance(comp, Mapping):
            raise GraphError(f"complex {node!r} has no {species!r} mapping (species → "
                             "coefficient); every node of a reaction network needs one")
        for s, n in comp.items():
            if not isinstance(s, str) or canonical_name(s) != s:
                raise GraphError(f"complex {node!r}: species name {s!r} is not a valid name "
                                 "such as A, ES, X_1 or Na")
            if not isinstance(n, int) or isinstance(n, bool) or n <= 0:
                raise GraphError(f"complex {node!r}: coefficient of {s} is {n!r}; "
                                 "coefficients are positive integers")
            require("stoichiometric_coefficient", n, what=f"complex {node!r}: the "
                    f"coefficient of {s}")
            if s not in order:
                order.append(s)
        require("complex_species", len(comp), what=f"the number of species of complex {node!r}")
        composition[node] = dict(comp)
    const = tuple(G.graph.get("constant", ()) if constant is None else constant)
    unknown = [c for c in const if c not in order]
    if unknown:
        raise GraphError(f"constant species {', '.join(unknown)} occur in no complex; "
                         f"species are {', '.join(order)}")
    edges = list(G.edges(keys=True, data=True)) if G.is_multigraph() else [
        (u, v, 0, d) for u, v, d in G.edges(data=True)]
    rates = {}
    for u, v, key, data in edges:
        if u == v:
            raise GraphError(f"self-loop at complex {u!r}: a reaction must change its complex")
        rates[(u, v, key)] = _as_rate(data.get(rate), f"{u} → {v}")
    reactions, seen = [], set()
    declared = [tuple(e) for e in G.graph.get("reaction_order", ()) if tuple(e) in rates]
    for u, v, key in [*declared, *((u, v, k) for u, v, k, _ in edges)]:
        if (u, v, key) in seen:
            continue
        reversible = (v, u, key) in rates
        seen |= {(u, v, key), (v, u, key)}
        label = str(G.edges[u, v, key].get("label", len(reactions) + 1)) if G.is_multigraph() \
            else str(len(reactions) + 1)
        reactions.append(Reaction(label, u, v, key, reversible, rates[(u, v, key)],
                                  rates[(v, u, key)] if reversible else None))
    return ReactionNetwork(G, tuple(s for s in order if s not in const), const,
                           tuple(G.nodes), composition, tuple(reactions))


_ARROW = re.compile(r"<->|<=>|⇄|->|→|<-")
_TERM = re.compile(r"^\s*(?:(\d+)\s*\*?\s*)?([A-Za-z][A-Za-z0-9]*(?:_(?:\{[^{}]*\}|[A-Za-z0-9]+))?)"
                   r"\s*$")


def _complex(text: str, line: str, number: int) -> dict:
    from symflux.parsing import canonical_name

    text = text.strip()
    if text in ("0", "∅", ""):
        if text == "":
            raise ParseError(f"line {number} {line!r}: a side of the reaction is empty; "
                             "write 0 for the zero complex (inflow 0 -> X, outflow X -> 0)",
                             token=line)
        return {}
    from symflux.limits import require

    out: dict = {}
    terms = text.split("+")
    require("complex_species", len(terms), what=f"line {number}: the number of terms of a complex")
    for term in terms:
        m = _TERM.match(term)
        if not m:
            raise ParseError(
                f"line {number} {line!r}: {term.strip()!r} is not a species term; write a "
                "name with an optional integer coefficient, such as 'S', '2 A' or 'X_1'",
                token=term.strip())
        name = canonical_name(m[2])
        digits = (m[1] or "1").lstrip("0") or "0"
        coefficient = int(digits) if len(digits) <= 30 else 10 ** 30  # int() of 10^5 digits: slow
        require("stoichiometric_coefficient", coefficient,
                what=f"line {number}: the coefficient of {name}")
        out[name] = out.get(name, 0) + coefficient
        if out[name] == 0:
            raise ParseError(f"line {number} {line!r}: coefficient 0 of {name}", token=term)
    return out


def _parse(line: str, number: int):
    from symflux.limits import require
    from symflux.parsing.text import split_top_level

    if not isinstance(line, str):
        raise ParseError(f"reaction {number} is a {type(line).__name__}, not a line of text "
                         "such as 'E + S <-> ES'", token=repr(line)[:40])
    require("line_length", len(line), what=f"the length of line {number}")
    body, _, rate_text = line.partition(":")
    arrows = _ARROW.findall(body)
    if len(arrows) != 1:
        raise ParseError(
            f"line {number} {line!r} is not a reaction; write 'E + S <-> ES', '2 A -> B', "
            "'0 -> X : k_in' or 'A <-> B : k_f, k_b' (one arrow: ->, <- or <->)", token=line)
    lhs, rhs = _ARROW.split(body)
    arrow = arrows[0]
    left, right = _complex(lhs, line, number), _complex(rhs, line, number)
    if arrow == "<-":
        left, right, arrow = right, left, "->"
    reversible = arrow in ("<->", "<=>", "⇄")
    rates = split_top_level(rate_text) if rate_text.strip() else []
    want = 2 if reversible else 1
    if rates and len(rates) != want:
        raise ParseError(f"line {number} {line!r} gives {len(rates)} rate(s); '{arrow}' needs "
                         f"{want}" + (" (forward, backward)" if want == 2 else ""),
                         token=rate_text.strip())
    if left == right:
        raise ParseError(f"line {number} {line!r}: both sides are the same complex", token=line)
    return left, right, reversible, rates


def reaction_network(lines: Iterable[str], constant: Iterable[str] = ()) -> nx.MultiDiGraph:
    """Build a mass-action reaction network (a graph of complexes) from reaction lines.

    Parameters
    ----------
    lines : iterable of str
        ``"E + S <-> ES"``, ``"2 A <-> 2 B"``, ``"ES -> E + P"``, ``"0 -> X : k_in"``
        (inflow), ``"X -> 0"`` (outflow), optionally with rates after a colon
        (``"A <-> B : k_f, k_b"``, forward then backward). Default rate constants of the
        i-th line are ``k_i`` and ``k_{-i}``.
    constant : iterable of str
        Species held constant (chemostats): their concentrations are parameters.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are complexes (``complex_label``) with ``species`` = {species: coefficient};
        edges carry ``rate`` and ``label`` (the line number); a reversible reaction's two
        edges share the key. ``G.graph["constant"]`` lists the constant species.

    Raises
    ------
    ParseError, RateError, GraphError

    Notes
    -----
    One pass over the lines, each parsed by symflux's own parser (never evaluated), with
    the limits ``stoichiometric_coefficient`` and ``complex_species`` checked per complex
    and ``states`` and ``transitions`` on the whole network.

    Examples
    --------
    >>> N = reaction_network(["E + S <-> ES", "ES -> E + P"], constant=["S", "P"])
    >>> sorted(N.nodes), N.nodes["E + S"]["species"]
    (['E + P', 'E + S', 'ES'], {'E': 1, 'S': 1})
    >>> [(u, v, d["rate"]) for u, v, d in N.edges(data=True)]
    [('E + S', 'ES', k_1), ('ES', 'E + S', k_{-1}), ('ES', 'E + P', k_2)]
    """
    from symflux.parsing import symbol

    G = nx.MultiDiGraph()
    items = list(lines) if hasattr(lines, "__iter__") else []
    if isinstance(lines, str) or not items:
        raise GraphError("give a list of reaction lines such as ['E + S <-> ES', 'ES -> E + P']")
    from symflux.limits import require

    require("transitions", len(items), what="the number of reaction lines")
    order = []
    for number, line in enumerate(items, start=1):
        if not isinstance(line, str):
            raise ParseError(f"item {number} ({line!r}) is not a reaction line", token=repr(line))
        left, right, reversible, rates = _parse(line, number)
        if not rates:
            rates = [symbol(f"k_{number}")] + ([symbol(f"k_{{-{number}}}")] if reversible else [])
        u, v = complex_label(left), complex_label(right)
        G.add_node(u, species=left)
        G.add_node(v, species=right)
        try:
            G.add_edge(u, v, key=number, rate=_as_rate(rates[0], f"{u} → {v}"), label=str(number))
            if reversible:
                G.add_edge(v, u, key=number, rate=_as_rate(rates[1], f"{v} → {u}"),
                           label=str(number))
        except (ParseError, RateError) as err:
            raise type(err)(f"line {number} {line!r}: {err}") from None
        order.append((u, v, number))
    G.graph["reaction_order"] = order
    G.graph["constant"] = list(constant)
    network_model(G)  # refuse bad constants now, not at the first analysis
    return G

"""Kinetic schemes as graphs: building them, checking them, pairing their edges.

A kinetic scheme is an ``nx.MultiDiGraph`` whose nodes are states and whose
edges ``i → j`` carry a ``rate`` (a positive SymPy expression). The forward and
backward edges of one reversible transition share an edge key; that pairing is
what cycles, affinities and entropy production are built on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import sympy

from symflux.errors import GraphError, NotUnique, ParseError, RateError, WrongModelKind

__all__ = [
    "KineticModel",
    "Transition",
    "default_rate_name",
    "kinetic_graph",
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
        return (self.u, self.v, self.key)

    @property
    def backward(self) -> tuple:
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
        return {s: i for i, s in enumerate(self.states)}

    def parallel(self, u, v) -> list[Transition]:
        """The transitions between u and v (either orientation)."""
        return [t for t in self.transitions if {t.u, t.v} == {u, v}]


def _as_rate(value: Any, where: str) -> sympy.Expr:
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
    >>> m = kinetic_model(kinetic_graph(["1 <-> 2", "2 -> 3", "3 -> 1"]))
    >>> [str(t) for t in m.transitions]
    ['1 ⇄ 2', '2 → 3', '3 → 1']
    """
    if isinstance(G, KineticModel):
        return G
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
        rates[(u, v, key)] = _as_rate(data.get(rate), where)
    if connected and G.number_of_nodes() > 1 and not nx.is_strongly_connected(G):
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
        raise NotUnique(
            "the kinetic scheme is not strongly connected: " + why
            + ". A unique steady state with every state occupied needs a path from every "
            "state to every other one.",
            terminal_components=terminal,
        )
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
    return KineticModel(G, tuple(G.nodes), rates, tuple(transitions))


_STATE = re.compile(r"[^\s:<>\[\]-]+")


def _match_line(line: str) -> dict | None:
    """Split ``u ARROW v [: rates] [[key]]`` in one pass (no backtracking regex: a line of
    thousands of spaces must not take quadratic time)."""
    text, key = line.strip(), None
    if text.endswith("]"):
        start = text.rfind("[")
        key = text[start + 1:-1].strip() if start >= 0 else ""
        if not key:
            return None
        text = text[:start].rstrip()
    head, colon, rates = text.partition(":")
    if colon and ("[" in rates or "]" in rates):
        return None
    head = head.strip()
    at = min((i for i in (head.find("<"), head.find("-")) if i >= 0), default=-1)
    arrow = next((a for a in ("<->", "->", "<-") if head.startswith(a, at)), None)
    if at < 0 or arrow is None:
        return None
    u, v = head[:at].strip(), head[at + len(arrow):].strip()
    if not (_STATE.fullmatch(u) and _STATE.fullmatch(v)):
        return None
    return {"u": u, "v": v, "arrow": arrow, "rates": rates.strip() if colon else None,
            "key": key}


def _split_top_level(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def _parse_line(line: str, number: int):
    from symflux.limits import require

    require("line_length", len(line), what=f"the length of line {number}")
    m = _match_line(line)
    if not m:
        raise ParseError(
            f"line {number} {line!r} is not a transition; write 'A <-> B', 'A -> B', "
            "'A -> B : k1*S', 'A <-> B : k_f, k_b' or add a channel key as '[S]' at the end",
            token=line,
        )
    u, v, arrow = m["u"], m["v"], m["arrow"]
    if arrow == "<-":
        u, v, arrow = v, u, "->"
    rates = _split_top_level(m["rates"]) if m["rates"] is not None else []
    want = 2 if arrow == "<->" else 1
    if rates and len(rates) != want:
        raise ParseError(
            f"line {number} {line!r} gives {len(rates)} rate(s); '{arrow}' needs {want}"
            + (" (forward, backward)" if want == 2 else ""),
            token=m["rates"],
        )
    return u, v, arrow == "<->", rates, m["key"]


def kinetic_graph(spec: Iterable | Any, *, states: Sequence | None = None) -> nx.MultiDiGraph:
    """Build a kinetic scheme as an ``nx.MultiDiGraph`` with a ``rate`` on every edge.

    Parameters
    ----------
    spec : list of str, list of tuples, or a square matrix
        * text lines: ``"1 <-> 2"`` (default rates ``k_{12}``, ``k_{21}``),
          ``"E -> ES : k1*S"``, ``"E <-> ES : k1*S, k_{-1}"`` (forward, backward) and
          an optional channel key at the end, ``"E <-> ES : k_{-2}*P, k2 [P]"``;
        * tuples ``(u, v, rate)`` or ``(u, v, rate, key)``; ``rate`` may be text;
        * a square rate matrix (nested lists, NumPy or SymPy): entry ``[i][j]`` is the
          rate of ``i → j``, zero for none; the diagonal must be zero or make rows
          sum to zero (a generator).
    states : sequence, optional
        State names for a matrix (default ``1..N``).

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    ParseError, RateError, GraphError

    Examples
    --------
    >>> G = kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    >>> G.edges["1", "2", 0]["rate"]
    k_{12}
    >>> G = kinetic_graph(["E <-> ES : k_1*S, k_{-1} [S]", "ES <-> E : k_2, k_{-2}*P [P]"])
    >>> sorted((u, v, k) for u, v, k in G.edges(keys=True))
    [('E', 'ES', 'P'), ('E', 'ES', 'S'), ('ES', 'E', 'P'), ('ES', 'E', 'S')]
    """
    G = nx.MultiDiGraph()
    if _is_matrix(spec):
        _add_matrix(G, spec, states)
        return G
    from symflux.arguments import items as elements

    items = elements(spec, "the transitions", error=GraphError)
    if not items:
        raise GraphError("no transitions given; give text lines, (u, v, rate) tuples or a matrix")
    lines = {n: _parse_line(item, n) for n, item in enumerate(items, start=1)
             if isinstance(item, str)}
    compact = all(len(state_label(s)) == 1 for u, v, *_ in lines.values() for s in (u, v))
    for number, item in enumerate(items, start=1):
        if isinstance(item, str):
            u, v, reversible, rates, key = lines[number]
            _add_transition(G, u, v, reversible, rates, key, item, compact)
        elif isinstance(item, tuple) and len(item) in (3, 4):
            u, v, r = item[:3]
            key = item[3] if len(item) == 4 else None
            _add_edge(G, u, v, r, key, f"tuple {item!r}")
        else:
            raise ParseError(
                f"item {number} ({item!r}) is neither a transition line nor a "
                "(u, v, rate[, key]) tuple",
                token=repr(item),
            )
    return G


def _is_matrix(spec) -> bool:
    # Tuples are transitions; a matrix is a SymPy/NumPy matrix or a list of lists.
    if isinstance(spec, sympy.MatrixBase) or hasattr(spec, "shape"):
        return True
    return isinstance(spec, list) and bool(spec) and all(isinstance(r, list) for r in spec)


def _matrix_entries(matrix) -> list[list]:
    # Every entry goes through the one safe conversion; sympy.Matrix would sympify text.
    from symflux.parsing.values import to_expr

    if isinstance(matrix, sympy.MatrixBase):
        rows = matrix.tolist()
    else:
        rows = [list(row) for row in (matrix.tolist() if hasattr(matrix, "tolist") else matrix)]
    return [[to_expr(x.item() if hasattr(x, "item") else x, what=f"matrix entry [{i}][{j}]")
             for j, x in enumerate(row)] for i, row in enumerate(rows)]


def _add_matrix(G, matrix, states):
    rows = _matrix_entries(matrix)
    n = len(rows)
    if any(len(row) != n for row in rows):
        raise GraphError(f"a rate matrix must be square; got rows of lengths "
                         f"{sorted({len(r) for r in rows})} for {n} rows")
    names = list(states) if states is not None else list(range(1, n + 1))
    if len(names) != n:
        raise GraphError(f"{len(names)} state names for a {n}×{n} matrix")
    G.add_nodes_from(names)
    for i in range(n):
        off = [rows[i][j] for j in range(n) if j != i]
        if rows[i][i] != 0 and sympy.simplify(rows[i][i] + sum(off)) != 0:
            raise GraphError(
                f"diagonal entry [{i}][{i}] = {rows[i][i]} is neither 0 nor minus the row sum; "
                "give a rate matrix (zero diagonal) or a generator (rows sum to zero)"
            )
        for j in range(n):
            if i != j and rows[i][j] != 0:
                _add_edge(G, names[i], names[j], rows[i][j], None, f"matrix entry [{i}][{j}]")


def _add_edge(G, u, v, r, key, where):
    if key is None:
        key = 0
        while G.has_edge(u, v, key):
            key += 1
    elif G.has_edge(u, v, key):
        raise GraphError(f"{where}: edge {u} → {v} with key {key!r} is given twice")
    try:
        rate = _as_rate(r, f"{u} → {v}")
    except ParseError as err:
        raise ParseError(f"{where}: {err}", token=err.token, position=err.position) from None
    G.add_edge(u, v, key=key, rate=rate)
    order = G.graph.setdefault("transition_order", [])
    if (v, u, key) not in order:
        order.append((u, v, key))


def _add_transition(G, u, v, reversible, rates, key, line, compact):
    if key is None:
        key = 0
        while G.has_edge(u, v, key) or G.has_edge(v, u, key):
            key += 1
    from symflux.parsing import symbol

    if not rates:
        if key != 0 or any(G.has_edge(a, b) for a, b in ((u, v), (v, u))):
            raise RateError(
                f"{line!r} is a second transition between {u} and {v}; default rate names "
                "would collide, so give its rates explicitly (A <-> B : k_a, k_b [key])"
            )
        rates = [symbol(default_rate_name(u, v, compact))]
        if reversible:
            rates.append(symbol(default_rate_name(v, u, compact)))
    _add_edge(G, u, v, rates[0], key, f"line {line!r}")
    if reversible:
        _add_edge(G, v, u, rates[1], key, f"line {line!r}")

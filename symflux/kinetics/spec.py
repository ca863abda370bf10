"""``kinetic_graph``: a kinetic scheme from text lines, ``(u, v, rate)`` tuples or a rate matrix.

Every rate, whatever it was given as, goes through :func:`~symflux.kinetics.graph.as_rate`
(symflux's own safe parser for text); the lines are split in one pass, without a
backtracking regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import sympy

from symflux.errors import GraphError, ParseError, RateError
from symflux.kinetics.graph import as_rate, default_rate_name, state_label
from symflux.kinetics.labels import check_labels
from symflux.parsing.text import split_top_level

__all__ = ["kinetic_graph"]


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
    rates = split_top_level(m["rates"]) if m["rates"] is not None else []
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

    Notes
    -----
    One pass over the lines (each at most the limit ``line_length`` characters, parsed
    by symflux's own parser, never evaluated) or over the matrix entries; a scheme past
    the limits ``states`` or ``transitions`` is refused when it is analysed.

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
        rate = as_rate(r, f"{u} → {v}")
    except ParseError as err:
        raise ParseError(f"{where}: {err}", token=err.token, position=err.position) from None
    G.add_edge(u, v, key=key, rate=rate)
    order = G.graph.setdefault("transition_order", [])
    if (v, u, key) not in order:
        order.append((u, v, key))


def _default_rate(u, v, compact: bool, line) -> sympy.Symbol:
    """The rate symbol named after the states; a state label no result name can hold is
    refused as steady_state would refuse it, naming the label and a rename."""
    from symflux.parsing import symbol

    check_labels([u, v])
    name = default_rate_name(u, v, compact)
    try:
        return symbol(name)
    except ParseError as err:
        raise ParseError(
            f"{line!r}: the states {u!r} and {v!r} make the default rate name {name!r}, "
            "which is not a valid symbol (a state name inside it may hold letters and "
            f"digits only); name the rates after a colon ({u} <-> {v} : k_1, k_2) or "
            "rename the states", token=name) from err


def _add_transition(G, u, v, reversible, rates, key, line, compact):
    if key is None:
        key = 0
        while G.has_edge(u, v, key) or G.has_edge(v, u, key):
            key += 1
    if not rates:
        if key != 0 or any(G.has_edge(a, b) for a, b in ((u, v), (v, u))):
            raise RateError(
                f"{line!r} is a second transition between {u} and {v}; default rate names "
                "would collide, so give its rates explicitly (A <-> B : k_a, k_b [key])"
            )
        rates = [_default_rate(u, v, compact, line)]
        if reversible:
            rates.append(_default_rate(v, u, compact, line))
    _add_edge(G, u, v, rates[0], key, f"line {line!r}")
    if reversible:
        _add_edge(G, v, u, rates[1], key, f"line {line!r}")

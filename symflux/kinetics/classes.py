"""Schemes with one closed class and transient states: the pre-step of ``steady_state``.

A scheme that is not strongly connected but has exactly one closed (terminal) class still
has a unique stationary distribution: probability drains out of the transient states into
the closed class and stays there. That distribution is the closed class's own steady
state, with every transient state at 0 and every transition touching a transient state
carrying no net flux (its upstream state is empty; no transition leaves a closed class).
With more than one closed class the stationary distribution depends on the start, and
``kinetic_model`` refuses the scheme with :class:`~symflux.errors.NotUnique`.

>>> from symflux import kinetic_graph, steady_state
>>> d = steady_state(kinetic_graph(["0 -> 1", "1 <-> 2"]))
>>> d["p_0"], d["p_1"], d["J_01"]
(0, k_{21}/(k_{12} + k_{21}), 0)
>>> d.steps[0].statement
'The scheme has one closed class {1, 2}; states 0 are transient'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import networkx as nx
import sympy

from symflux.derivation import Quantity, Step, SymbolInfo

__all__ = ["closed_class", "reduce_to_closed_class"]


def closed_class(G: nx.DiGraph) -> tuple[list, list] | None:
    """``(closed, transient)`` states when ``G`` has exactly one closed class and other
    states; None otherwise (strongly connected, empty, or several closed classes)."""
    if not isinstance(G, nx.DiGraph) or G.number_of_nodes() < 2 or nx.is_strongly_connected(G):
        return None
    cond = nx.condensation(G)
    terminal = [c for c in cond if cond.out_degree(c) == 0]
    if len(terminal) != 1:
        return None
    closed = set(cond.nodes[terminal[0]]["members"])
    return [s for s in G if s in closed], [s for s in G if s not in closed]


def reduce_to_closed_class(G: nx.DiGraph, rate: str, derive: Callable):
    """The Derivation of ``G`` from the one of its closed class, or None if not applicable."""
    from symflux.kinetics.graph import kinetic_model, state_label
    from symflux.kinetics.names import flux_name, probability_name

    split = closed_class(G)
    if split is None:
        return None
    closed, transient = split
    H = G.subgraph(closed).copy()
    d = derive(H, rate)
    full = kinetic_model(G, rate, connected=False)
    results, compact = dict(d.results), dict(d.compact)
    quantities, symbols = dict(d.quantities), dict(d.symbols)
    # w_i and Sigma are the closed class's tree sums, not the whole scheme's: they stay
    # results but are no quantity the numerics would recompute on the whole graph.
    quantities = {n: q for n, q in quantities.items() if q.kind not in ("tree_sum",
                                                                         "normalization")}
    zero = sympy.Integer(0)
    for s in transient:
        for name in (f"w_{state_label(s)}", probability_name(s)):
            results[name] = compact[name] = zero
        quantities.pop(f"w_{state_label(s)}", None)
        quantities[probability_name(s)] = Quantity("probability", (s,))
        symbols[sympy.Symbol(probability_name(s))] = SymbolInfo(
            f"steady-state probability of state {s} (transient: 0)")
    for t in full.transitions:
        if t.u in transient or t.v in transient:
            name = flux_name(full, t)
            # Not handed to validation: the ODE route leaves ~1e-18 in transient states,
            # which is 100 % of that flux's own (one-way) scale.
            results[name] = compact[name] = zero
    names = ", ".join(map(str, transient))
    first = Step(
        f"The scheme has one closed class {{{', '.join(map(str, closed))}}}; states {names} "
        "are transient",
        None,
        "probability leaves the transient states and no transition leaves the closed class, "
        "so the stationary distribution is unique: the closed class's own steady state, with "
        "the transient states at 0 and no net flux on transitions that touch them; the "
        "directional diagrams w and Sigma below are those of the closed class",
    )
    return replace(d, model=G, results=results, compact=compact, quantities=quantities,
                   symbols=symbols, steps=(first, *d.steps))

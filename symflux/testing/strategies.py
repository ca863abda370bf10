"""Hypothesis strategies for random models: improved once, used by every property test.

>>> from hypothesis import given, settings
>>> import symflux as sf
>>> @settings(max_examples=5, database=None)
... @given(kinetic_schemes(max_states=4))
... def test(G):
...     assert sf.model_kind(G) == "kinetic"
>>> test()
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from symflux.parsing import symbol

__all__ = ["kinetic_schemes", "positive_values", "reaction_network_lines", "resistor_networks"]


@st.composite
def kinetic_schemes(draw, max_states: int = 6, allow_irreversible: bool = False
                    ) -> nx.MultiDiGraph:
    """A connected scheme of reversible transitions (some parallel, keyed) as a MultiDiGraph,
    with symbolic rates ``k_{a,b,i}``; with ``allow_irreversible`` some non-tree transitions
    lose their reverse, so the scheme may not be strongly connected."""
    n = draw(st.integers(2, max_states))
    G = nx.MultiDiGraph()
    G.add_nodes_from(range(n))
    pairs = [(draw(st.integers(0, i - 1)), i) for i in range(1, n)]  # a random tree
    extra = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          max_size=n + 2))
    pairs += [(a, b) for a, b in extra if a != b]
    for index, (a, b) in enumerate(pairs):
        G.add_edge(a, b, key=index, rate=symbol(f"k_{{{a},{b},{index}}}"))
        if not (allow_irreversible and index >= n - 1 and draw(st.booleans())):
            G.add_edge(b, a, key=index, rate=symbol(f"k_{{{b},{a},{index}}}"))
    return G


def positive_values(G: nx.Graph, seed: int, attribute: str = "rate", low: float = 1e-2,
                    high: float = 1e2) -> dict:
    """Log-uniform numbers in ``[low, high]`` for every symbol on the edges' ``attribute``."""
    rng = np.random.default_rng(seed)
    found = sorted({s for *_, d in G.edges(data=True) for s in d[attribute].free_symbols},
                   key=str)
    return {s: float(np.exp(rng.uniform(np.log(low), np.log(high)))) for s in found}


_SPECIES = ("A", "B", "C")
# Molecularity 1 and 2; a reaction joins two complexes of the same molecularity, so the
# total amount is conserved and every trajectory stays bounded.
_COMPLEXES = {
    1: [{s: 1} for s in _SPECIES],
    2: [{s: 2} for s in _SPECIES] + [{a: 1, b: 1} for a, b in
                                     itertools.combinations(_SPECIES, 2)],
}


def _text(c: dict) -> str:
    return " + ".join(f"{n} {s}" if n > 1 else s for s, n in sorted(c.items()))


@st.composite
def reaction_network_lines(draw, reactions: tuple[int, int] = (3, 5)) -> list[str]:
    """Lines ``"A + B <-> 2 C"`` of a closed, mass-conserving reversible network of the
    species A, B, C (no two lines alike), for :func:`symflux.reaction_network`."""
    pairs = []
    for _ in range(draw(st.integers(*reactions))):
        size = draw(st.sampled_from((1, 2)))
        a, b = draw(st.lists(st.sampled_from(range(len(_COMPLEXES[size]))), min_size=2,
                             max_size=2, unique=True))
        pairs.append((_COMPLEXES[size][a], _COMPLEXES[size][b]))
    lines = [f"{_text(a)} <-> {_text(b)}" for a, b in pairs]
    assume(len(set(lines)) == len(lines))
    return lines


@st.composite
def resistor_networks(draw, max_nodes: int = 5) -> tuple[list, dict, int]:
    """A connected multigraph of nodes ``n0 … n{N-1}`` with resistances ``R_0, R_1, …``:
    ``(edges for transport_network, {symbol: value}, N)``."""
    n = draw(st.integers(2, max_nodes))
    edges = [(draw(st.integers(0, i - 1)), i) for i in range(1, n)]  # a spanning tree
    for _ in range(draw(st.integers(0, 3))):
        u, v = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if u != v:
            edges.append((u, v))
    values = draw(st.lists(st.floats(0.1, 10.0), min_size=len(edges), max_size=len(edges)))
    spec = [(f"n{u}", f"n{v}", f"R_{i}") for i, (u, v) in enumerate(edges)]
    return spec, {symbol(f"R_{i}"): x for i, x in enumerate(values)}, n

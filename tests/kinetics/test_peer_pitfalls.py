"""Cases the closest peer (kda 0.3.0) gets wrong, which symflux must get right."""

import networkx as nx
import numpy as np
import sympy

import symflux as sf
from symflux.numerics import stationary_distribution


def _closed_vs_numeric(G, values):
    d = sf.steady_state(G)
    p = stationary_distribution(G, values)
    for s, x in p.items():
        assert np.isclose(d.kernel(f"p_{s}")(values), x, rtol=1e-10, atol=0)
    return d


def test_string_state_names():
    G = sf.kinetic_graph(["open <-> closed", "closed <-> inactivated", "inactivated <-> open"])
    d = _closed_vs_numeric(G, {p: 1.0 + i for i, p in enumerate(
        sf.steady_state(G).parameters)})
    assert "p_inactivated" in d


def test_two_transitions_between_the_same_states():
    G = sf.kinetic_graph(["A <-> B : a, b [x]", "A <-> B : c, e [y]"])
    d = _closed_vs_numeric(G, {"a": 1.0, "b": 2.0, "c": 3.0, "e": 5.0})
    assert "J_AB[x]" in d and "J_AB[y]" in d
    # the two channels form a cycle of length two
    assert len(sf.cycles(G)) == 1 and len(sf.fundamental_cycles(G)) == 1


def test_irreversible_step():
    G = sf.kinetic_graph(["1 -> 2", "2 -> 3", "3 -> 1"])
    d = _closed_vs_numeric(G, {"k_12": 1.0, "k_23": 2.0, "k_31": 4.0})
    k12, k23, k31 = (sf.symbol(f"k_{s}") for s in ("12", "23", "31"))
    assert sympy.cancel(d["p_1"] - k23 * k31 / (k23 * k31 + k12 * k31 + k12 * k23)) == 0


def test_eleven_state_ring_default_names_do_not_collide():
    G = sf.kinetic_graph([f"{i} <-> {i % 11 + 1}" for i in range(1, 12)])
    rates = [data["rate"] for _, _, data in G.edges(data=True)]
    assert len(set(rates)) == 22
    names = {r.name for r in rates}
    assert {"k_{1,11}", "k_{11,1}", "k_{1,2}", "k_{2,1}"} <= names
    rng = np.random.default_rng(11)
    values = {r: float(10 ** rng.uniform(-2, 2)) for r in rates}
    _closed_vs_numeric(G, values)


def test_thousands_of_terms_are_built_directly():
    # complete graph on 6 states: Cayley's 6**4 = 1296 spanning trees into each state
    G = nx.MultiDiGraph()
    for i in range(6):
        for j in range(6):
            if i != j:
                G.add_edge(i, j, rate=sf.symbol(f"q_{i}{j}"))
    d = sf.steady_state(G)
    assert len(d["w_0"].args) == 1296
    assert len(d["Sigma"].args) == 6 * 1296
    rng = np.random.default_rng(6)
    values = {s: float(10 ** rng.uniform(-2, 2)) for s in d.parameters}
    p = stationary_distribution(G, values)
    assert np.isclose(d.kernel("p_3")(values), p[3], rtol=1e-10)

"""Campbell's degree of rate control on kinetic schemes."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pytest
import sympy

import symflux as sf


def _michaelis_menten():
    k1, km1, k2, S = (sf.symbol(n) for n in ("k_1", "k_{-1}", "k_2", "S"))
    G = nx.MultiDiGraph()
    G.add_edge("E", "ES", key="bind", rate=k1 * S)
    G.add_edge("ES", "E", key="bind", rate=km1)
    G.add_edge("ES", "E", key="cat", rate=k2)
    return G, (k1, km1, k2, S)


def test_michaelis_menten_cycle_textbook_values():
    """J = k1 S k2 / (k1 S + k-1 + k2): scaling binding at constant K gives
    X_bind = k2/(k1 S + k-1 + k2), X_cat = (k1 S + k-1)/(k1 S + k-1 + k2)
    (Stegelmann, Andreasen & Campbell, JACS 131:8077, 2009, eq. 3 for a two-step cycle)."""
    G, (k1, km1, k2, S) = _michaelis_menten()
    d = sf.steady_state(G)
    flux = next(n for n, q in d.quantities.items() if q.kind == "flux" and "cat" in n)
    x = sf.degree_of_rate_control(d, flux)
    den = k1 * S + km1 + k2
    assert sympy.simplify(x["X_{RC,bind}"] - k2 / den) == 0
    assert sympy.simplify(x["X_{RC,cat}"] - (k1 * S + km1) / den) == 0
    assert any("Summation theorem" in s.statement for s in x.steps)


def test_degree_of_rate_control_validates_and_a_swap_fails():
    x = sf.degree_of_rate_control(sf.steady_state(sf.kinetic_graph(
        ["1 <-> 2", "2 <-> 3", "3 <-> 1"])), "J_23")
    assert x.validate(points=3).passed
    wrong = dataclasses.replace(x, results={**x.results, "X_{RC,12}": x["X_{RC,23}"]})
    assert {c.name for c in wrong.validate(points=3).failures()} == {"X_{RC,12}"}


def test_refuses_a_reaction_network_and_unknown_flux():
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
    with pytest.raises(sf.GraphError, match="not a flux"):
        sf.degree_of_rate_control(d, "J_99")
    r = sf.steady_state(sf.reaction_network(["A <-> B"]))
    with pytest.raises(sf.GraphError, match="control_coefficients"):
        sf.degree_of_rate_control(r)

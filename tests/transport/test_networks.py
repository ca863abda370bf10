"""Networks: nodal analysis against textbook forms, readable reductions, bad input."""

import itertools

import networkx as nx
import pytest
import sympy

import symflux as sf
from symflux.errors import GraphError, NoSteadyState, NotUnique

D, R, L, c1, c2 = sympy.symbols("D R L c_1 c_2", positive=True)
pore_flux = sympy.pi * D * R**2 * (c1 - c2) / L


def test_pore_flux_is_crank_s_result():
    T = sf.transport_network([("in", "out", {"element": "pore"})],
                             potentials={"in": "c_1", "out": "c_2"})
    d = sf.flux(T, "in", "out")
    assert d["J"] == pore_flux
    assert d.validate().passed


@pytest.mark.parametrize("n", range(1, 11))
def test_series_chain_of_n_segments_equals_the_whole_pore(n):
    nodes = ["in", *[f"m{i}" for i in range(1, n)], "out"]
    edges = [(u, v, {"element": "pore", "L": f"L/{n}"}) for u, v in itertools.pairwise(nodes)]
    T = sf.transport_network(edges, potentials={"in": "c_1", "out": "c_2"})
    d = sf.flux(T, "in", "out")
    assert sympy.simplify(d["J"] - pore_flux) == 0
    nodal = sf.nodal_analysis(T)
    for i in range(1, n):
        assert sympy.simplify(nodal[f"phi_m{i}"] - (c1 - (c1 - c2) * sympy.Rational(i, n))) == 0
    if n in (1, 5, 10):
        assert nodal.validate(points=2).passed if n > 1 else d.validate(points=2).passed


def test_composite_wall_reads_as_a_sum_and_partial_sums():
    T = sf.transport_network(
        [("in", "s", "R_1"), ("s", "i", "R_2"), ("i", "out", "R_3")],
        potentials={"in": "T_1", "out": "T_2"})
    R1, R2, R3, T1, T2 = sympy.symbols("R_1 R_2 R_3 T_1 T_2", positive=True)
    assert sf.flux(T, "in", "out")["J"] == (T1 - T2) / (R1 + R2 + R3)
    d = sf.nodal_analysis(T)
    # the partial sum R_1 + R_2 appears as such: not expanded into one fraction
    assert d["phi_i"] == T1 - (T1 - T2) * (R1 + R2) / (R1 + R2 + R3)
    assert d.validate(points=3).passed


def test_parallel_and_series_print_as_textbook_forms():
    T = sf.transport_network([("a", "b", "R_1"), ("a", "b", "R_2"), ("b", "c", "R_3")])
    R1, R2, R3 = sympy.symbols("R_1 R_2 R_3", positive=True)
    r = sf.effective_resistance(T, "a", "c")["R_eff"]
    assert r == R1 * R2 / (R1 + R2) + R3
    assert str(r) == "R_1*R_2/(R_1 + R_2) + R_3"


def test_wheatstone_bridge_effective_resistance():
    # a bridge is not series-parallel: the ratio of Laplacian minors is used
    T = sf.transport_network([("a", "c", "R_1"), ("a", "d", "R_2"), ("c", "d", "R_5"),
                              ("c", "b", "R_3"), ("d", "b", "R_4")])
    R1, R2, R3, R4, R5 = sympy.symbols("R_1:6", positive=True)
    expected = (R1 * R2 * (R3 + R4) + R3 * R4 * (R1 + R2) + R5 * (R1 + R3) * (R2 + R4)) / (
        (R1 + R2) * (R3 + R4) + R5 * (R1 + R2 + R3 + R4))
    d = sf.effective_resistance(T, "a", "b")
    assert sympy.simplify(d["R_eff"] - expected) == 0
    assert d.validate(points=3).passed


def test_balanced_bridge_carries_no_flux_across():
    T = sf.transport_network([("a", "c", "R"), ("a", "d", "R"), ("c", "d", "R_5"),
                              ("c", "b", "R"), ("d", "b", "R")],
                             potentials={"a": "phi_1", "b": "phi_2"})
    assert sf.nodal_analysis(T)["J_cd"] == 0


def test_pump_leak_as_a_current_source():
    T = sf.transport_network([("out", "cell", {"element": "membrane", "P": "P", "A": "A"})],
                             potentials={"out": "c_o"}, sources={"cell": "-j_p*A"})
    d = sf.nodal_analysis(T)
    co, jp, P = sympy.symbols("c_o j_p P", positive=True)
    assert sympy.simplify(d["phi_cell"] - (co - jp / P)) == 0
    assert d.validate().passed


def test_hand_built_graph_with_conductances_works_unchanged():
    G = nx.MultiGraph()
    g1, g2 = sympy.symbols("g_1 g_2", positive=True)
    G.add_edge("a", "m", conductance=g1)
    G.add_edge("m", "b", conductance=g2)
    G.nodes["a"]["potential"] = sympy.Integer(1)
    G.nodes["b"]["potential"] = sympy.Integer(0)
    d = sf.nodal_analysis(G)
    assert sympy.simplify(d["phi_m"] - g1 / (g1 + g2)) == 0
    assert d.validate().passed


def test_custom_attribute_names():
    G = nx.MultiGraph()
    G.add_edge("a", "b", R=sympy.Symbol("R_1", positive=True))
    d = sf.effective_resistance(G, "a", "b", resistance="R")
    assert d["R_eff"] == sympy.Symbol("R_1", positive=True)


def test_without_a_fixed_potential_the_potentials_are_not_unique():
    T = sf.transport_network([("a", "b", "R_1")])
    with pytest.raises(NotUnique, match="only up to a constant"):
        sf.nodal_analysis(T)


def test_a_net_source_without_a_sink_has_no_steady_state():
    T = sf.transport_network([("a", "b", "R_1")], sources={"a": "j"})
    with pytest.raises(NoSteadyState, match="grows without bound"):
        sf.nodal_analysis(T)


@pytest.mark.parametrize("edges, kwargs, message", [
    ([("a", "b", "-R")], {}, "must be positive"),
    ([("a", "b", 0)], {}, "must be positive"),
    ([("a", "a", "R")], {}, "self-loop"),
    ([("a", "b", {"resistance": "R", "conductance": "G"})], {}, "exactly one of"),
    ([("a", "b", "R")], {"potentials": {"z": "c"}}, "which no edge touches"),
    ([("a", "b", "R")], {"potentials": {"a": "c"}, "sources": {"a": "j"}}, "both a potential"),
])
def test_bad_networks_name_the_culprit(edges, kwargs, message):
    with pytest.raises(GraphError, match=message):
        sf.transport_network(edges, **kwargs)


def test_flux_between_nodes_that_are_neither_adjacent_nor_the_terminals():
    T = sf.transport_network([("a", "m", "R_1"), ("m", "n", "R_2"), ("n", "b", "R_3")],
                             potentials={"a": "phi_1", "b": "phi_2"})
    with pytest.raises(GraphError, match="not joined by an edge"):
        sf.flux(T, "a", "n")
    assert sf.flux(T, "m", "n").validate(points=2).passed


def test_disconnected_terminals_have_infinite_resistance():
    T = sf.transport_network([("a", "b", "R_1"), ("c", "d", "R_2")])
    with pytest.raises(GraphError, match="not connected"):
        sf.effective_resistance(T, "a", "d")


def test_analogy_table():
    from symflux.transport import ANALOGIES

    assert {m: (a.potential, a.flux_unit, a.resistance_unit) for m, a in ANALOGIES.items()} == {
        "diffusion": ("concentration", "mol/s", "s/m^3"),
        "heat": ("temperature", "W", "K/W"),
        "charge": ("voltage", "A", "Ohm"),
    }


def test_the_analogy_sets_the_words_and_units_of_the_symbols():
    T = sf.transport_network([("in", "out", {"element": "slab", "D": "k", "A": "A", "L": "L"})],
                             potentials={"in": "T_1", "out": "T_2"}, analogy="heat")
    d = sf.flux(T, "in", "out")
    k, T1 = sympy.symbols("k T_1", positive=True)
    assert d.symbols[sympy.Symbol("J")].unit == "W"
    assert d.symbols[k].unit == "W/(m K)"
    assert "temperature" in d.symbols[T1].description
    assert any("temperature plays the potential" in a for a in d.assumptions)
    with pytest.raises(sf.SymfluxError, match="known: diffusion, heat, charge"):
        sf.transport_network([("a", "b", "R")], analogy="sound")


def test_a_plain_graph_is_accepted_too():
    G = nx.Graph()
    G.add_edge("a", "m", resistance=sympy.Symbol("R_1", positive=True))
    G.add_edge("m", "b", resistance=sympy.Symbol("R_2", positive=True))
    G.nodes["a"]["potential"] = sympy.Symbol("phi_1", positive=True)
    G.nodes["b"]["potential"] = sympy.Integer(0)
    d = sf.nodal_analysis(G)
    assert d.validate(points=2).passed


def test_effective_resistance_ignores_an_unrelated_component():
    T = sf.transport_network([("a", "b", "R_1"), ("a", "b", "R_2"), ("c", "d", "R_3")])
    R1, R2 = sympy.symbols("R_1 R_2", positive=True)
    assert sf.effective_resistance(T, "a", "b")["R_eff"] == R1 * R2 / (R1 + R2)


def test_saturable_pump_has_one_physical_root():
    T = sf.transport_network([("out", "cell", {"element": "membrane", "P": "P", "A": "A"})],
                             potentials={"out": "c_o"},
                             sources={"cell": "-A*V_p*c_i/(K_m + c_i)"}, unknowns={"cell": "c_i"})
    d = sf.nodal_analysis(T)
    P, co, Vp, Km = sympy.symbols("P c_o V_p K_m", positive=True)
    ci = d["phi_cell"]
    # the balance holds, and the linear pump is recovered when K_m >> c_i
    assert sympy.simplify(P * (co - ci) * (Km + ci) - Vp * ci) == 0
    assert any("polynomial of degree 2" in s.statement for s in d.steps)
    assert d.validate(points=3).passed


def test_a_balance_without_a_unique_physical_root_is_refused():
    # a cubic source against a linear leak: several positive roots, so no choice is made
    T = sf.transport_network([("out", "cell", "R")], potentials={"out": "0"},
                             sources={"cell": "k*(c - 1)*(c - 2)*(c - 3)"},
                             unknowns={"cell": "c"})
    with pytest.raises(NotUnique, match="exactly"):
        sf.nodal_analysis(T)


def test_validation_catches_a_wrong_closed_form():
    from dataclasses import replace

    T = sf.transport_network([("a", "m", "R_1"), ("m", "b", "R_2"), ("m", "b", "R_3")],
                             potentials={"a": "phi_1", "b": "phi_2"})
    d = sf.flux(T, "a", "b")
    R1, R2, R3, p1, p2 = sympy.symbols("R_1 R_2 R_3 phi_1 phi_2", positive=True)
    assert d["J"] == (p1 - p2) / (R1 + R2 * R3 / (R2 + R3))
    wrong = replace(d, results={"J": (p1 - p2) / (R1 + R2 + R3)})  # parallel taken as series
    assert d.validate(points=3).passed and not wrong.validate(points=3).passed

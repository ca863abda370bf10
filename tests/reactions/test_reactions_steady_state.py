"""Closed-form steady states of mass-action networks, root selection and validation."""

import pytest
import sympy

import symflux as sf
from symflux.checking.equivalence import equivalent
from symflux.errors import NoClosedForm

k = sf.symbol


def test_immigration_death():
    d = sf.steady_state(sf.reaction_network(["0 <-> X : k, gamma"]))
    assert d["c_X"] == k("k") / k("gamma")
    assert d["J_1"] == 0
    assert d.validate(points=3).passed


def test_linear_network_with_conservation_law():
    d = sf.steady_state(sf.reaction_network(["A <-> B"]))
    assert equivalent(d["c_A"], k("A_T") * k("k_{-1}") / (k("k_1") + k("k_{-1}")))
    assert any("Conservation law" in s.statement for s in d.steps)


def test_pump_leak_quadratic_keeps_only_the_physical_root():
    N = sf.reaction_network(["C_o <-> C_i : P, P", "C_i + T <-> TC : k_1, k_{-1}",
                             "TC -> T + C_o : k_2"], constant=["C_o"])
    d = sf.steady_state(N)
    Pm, Co, TT, k1, km1, k2 = (k(s) for s in ("P", "C_o", "T_T", "k_1", "k_{-1}", "k_2"))
    K, V = (km1 + k2) / k1, k2 * TT
    b = Pm * K + V - Pm * Co
    roots = [(-b + sympy.sqrt(b**2 + 4 * Pm**2 * Co * K)) / (2 * Pm),
             (-b - sympy.sqrt(b**2 + 4 * Pm**2 * Co * K)) / (2 * Pm)]
    assert equivalent(d["c_C_i"], roots[0])
    # The other root of the quadratic is negative, refused with a reason.
    refused = [s for s in d.steps if s.statement == "Root refused as unphysical"]
    assert len(refused) == 1 and "C_i" in refused[0].reason
    # Leak in equals pump out.
    assert equivalent(d["J_1"], d["J_3"])
    assert any(s.statement.startswith("Stability: stable") for s in d.steps)
    assert d.validate(points=3).passed


def test_enzyme_with_chemostatted_substrate_matches_the_rate_law():
    lines = ["E + S <-> ES", "ES -> E + P"]
    d = sf.steady_state(sf.reaction_network(lines, constant=["S", "P"]))
    v = sf.rate_law(sf.reaction_network(lines))["v"]
    assert equivalent(d["J_2"], v)


def test_no_closed_form_shows_the_reduced_system():
    N = sf.reaction_network(["0 -> X : a", "X -> 0 : b", "5 X -> 4 X : c"])
    with pytest.raises(NoClosedForm, match=r"symflux\.numerics\.mass_action") as err:
        sf.steady_state(N)
    assert err.value.unknowns == (k("X"),)
    assert sympy.Poly(err.value.system[0], k("X")).degree() == 5


def test_dispatch_keeps_kinetic_schemes_kinetic():
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
    assert d.kind == "kinetic" and "p_1" in d
    assert sf.steady_state(sf.reaction_network(["A <-> B"])).kind == "reactions"


def test_hand_built_graph_without_labels_validates():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("A", species={"A": 1})
    G.add_node("2 B", species={"B": 2})
    G.add_node("0", species={})
    G.add_edge("0", "A", rate=k("a"))
    G.add_edge("A", "2 B", rate=k("b"))
    G.add_edge("2 B", "A", rate=k("c"))
    G.add_edge("2 B", "0", rate=k("d"))
    d = sf.steady_state(G)
    assert equivalent(d["J_1"], k("a"))
    assert d.validate(points=2).passed


def test_chemostat_keeps_the_surviving_branch_and_says_where_it_is_physical():
    N = sf.reaction_network(["0 -> N : D*N_0", "N -> 0 : D", "N + X -> 2 X : mu",
                             "X -> 0 : D"])
    d = sf.steady_state(N)
    D, N0, mu = k("D"), k("N_0"), k("mu")
    assert equivalent(d["c_N"], D / mu) and equivalent(d["c_X"], N0 - D / mu)
    assert any("positive only for some parameter values" in a for a in d.assumptions)
    assert any(s.statement == "Root refused as unphysical" for s in d.steps)  # washout


def test_a_wrong_closed_form_fails_validation():
    from dataclasses import replace

    d = sf.steady_state(sf.reaction_network(["A <-> B"]))
    wrong = replace(d, results={**d.results, "c_B": k("A_T") * k("k_1") / (k("k_1") + 2 * k(
        "k_{-1}"))}, compact={})
    assert not wrong.validate(points=2).passed


def test_unbounded_growth_has_no_steady_state():
    from symflux.errors import NoSteadyState

    with pytest.raises(NoSteadyState, match="inconsistent"):
        sf.steady_state(sf.reaction_network(["0 -> X : k", "X <-> Y"]))

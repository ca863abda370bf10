"""Kinetic schemes against closed forms printed in textbooks (THEORY.md §4, problems 1–3)."""

import networkx as nx
import pytest
import sympy

import symflux as sf
from symflux import symbol

k = {f"{i}{j}": symbol(f"k_{i}{j}") for i in "123" for j in "123" if i != j}


@pytest.fixture(scope="module")
def triangle():
    return sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])


def test_three_state_cycle_probability_and_sigma(triangle):
    d = sf.steady_state(triangle)
    Sigma = (
        k["21"] * k["31"] + k["21"] * k["32"] + k["23"] * k["31"]      # into 1
        + k["12"] * k["31"] + k["12"] * k["32"] + k["13"] * k["32"]    # into 2
        + k["12"] * k["23"] + k["13"] * k["21"] + k["13"] * k["23"]    # into 3
    )
    assert len(d["Sigma"].args) == 9
    assert sympy.expand(d["Sigma"] - Sigma) == 0
    assert sympy.cancel(d["p_1"] - (k["21"] * k["31"] + k["21"] * k["32"]
                                    + k["23"] * k["31"]) / Sigma) == 0
    assert sympy.cancel(sum(d[f"p_{s}"] for s in "123") - 1) == 0


def test_three_state_cycle_same_flux_on_every_edge(triangle):
    d = sf.steady_state(triangle)
    J = (k["12"] * k["23"] * k["31"] - k["13"] * k["32"] * k["21"]) / d["Sigma"]
    for name in ("J_12", "J_23", "J_31"):
        assert sympy.cancel(d[name] - J) == 0, name
    # the numerator is already the two cycle products, not an unsimplified difference
    assert len(sympy.numer(d["J_12"]).args) == 2


def test_three_state_cycle_thermodynamics(triangle):
    (condition,) = sf.wegscheider_conditions(triangle)
    assert {condition.lhs, condition.rhs} == {k["12"] * k["23"] * k["31"],
                                              k["13"] * k["32"] * k["21"]}
    (cycle, A), = sf.affinities(triangle).items()
    assert set(cycle.states) == {"1", "2", "3"}
    plus, minus = cycle.products(sf.kinetics.kinetic_model(triangle))
    assert sympy.simplify(sympy.exp(A) - plus / minus) == 0
    sigma = sf.entropy_production(triangle)["sigma"]
    J = sf.steady_state(triangle)[f"J_{cycle.states[0]}{cycle.states[1]}"]
    assert sympy.simplify(sigma - J * A) == 0


def test_three_state_hill_cycle_flux(triangle):
    d = sf.cycle_fluxes(triangle)
    assert d["Sigma_c1"] == 1
    ss = sf.steady_state(triangle)
    assert sympy.cancel(d["J_c1"] - ss["J_12"]) == 0
    assert sympy.cancel(d["J+_c1"] / d["J-_c1"]
                        - k["12"] * k["23"] * k["31"] / (k["13"] * k["32"] * k["21"])) == 0


@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_chain_is_an_equilibrium(n):
    G = sf.kinetic_graph([f"{i} <-> {i + 1}" for i in range(1, n)])
    d = sf.steady_state(G)
    for t in sf.kinetics.kinetic_model(G).transitions:
        assert d[f"J_{t.u},{t.v}" if n > 9 else f"J_{t.u}{t.v}"] == 0
    assert sf.entropy_production(G)["sigma"] == 0
    assert sf.wegscheider_conditions(G) == []
    assert sf.is_detailed_balanced(G)


def test_star_tree_is_an_equilibrium():
    G = sf.kinetic_graph(["c <-> a", "c <-> b", "c <-> d", "d <-> e"])
    d = sf.steady_state(G)
    assert all(d[name] == 0 for name in d.results if name.startswith("J_"))
    assert sf.entropy_production(G)["sigma_edges"] == 0 or sympy.simplify(
        sf.entropy_production(G)["sigma_edges"]) == 0


def test_reversible_michaelis_menten_king_altman():
    k1, km1, k2, km2, S, P, E_T = (symbol(n) for n in
                                    ("k_1", "k_{-1}", "k_2", "k_{-2}", "S", "P", "E_T"))
    G = nx.MultiDiGraph()
    G.add_edge("E", "ES", key="S", rate=k1 * S)
    G.add_edge("ES", "E", key="S", rate=km1)
    G.add_edge("ES", "E", key="P", rate=k2)
    G.add_edge("E", "ES", key="P", rate=km2 * P)
    d = sf.steady_state(G)
    # a hand-built graph orients each transition along its first edge in G.edges order
    v = -E_T * d["J_E,ES[P]"]
    textbook = E_T * (k1 * k2 * S - km1 * km2 * P) / (k1 * S + km2 * P + km1 + k2)
    assert sympy.cancel(v - textbook) == 0
    # Haldane form with V_f, V_r, K_S, K_P
    Vf, Vr = k2 * E_T, km1 * E_T
    KS, KP = (km1 + k2) / k1, (km1 + k2) / km2
    assert sympy.cancel(v - (Vf * S / KS - Vr * P / KP) / (1 + S / KS + P / KP)) == 0
    Keq = Vf * KP / (Vr * KS)
    ((cycle, A),) = sf.affinities(G).items()
    # the cycle runs along its chord; along E -S-> ES -P-> E the affinity is ln(K_eq S/P)
    along_turnover = ("E", "ES", "S") in cycle.forward_edges
    assert sympy.simplify(sympy.exp(A if along_turnover else -A) - Keq * S / P) == 0
    # the S-binding and P-binding channels carry the same net flux, in opposite senses
    assert sympy.cancel(d["J_E,ES[S]"] + d["J_E,ES[P]"]) == 0


def test_two_state_channel():
    G = sf.kinetic_graph(["C <-> O : k_o, k_c"])
    d = sf.steady_state(G)
    ko, kc = symbol("k_o"), symbol("k_c")
    assert d["p_O"] == ko / (ko + kc)
    assert d["p_C"] == kc / (ko + kc)
    assert d["J_CO"] == 0

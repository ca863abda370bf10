"""Entropy production and affinities of mass-action networks (not Markov chains over complexes).

Oracle: σ = Σ_r (J⁺_r − J⁻_r) ln(J⁺_r/J⁻_r) computed here with NumPy from the steady state
of the linear mass-action equations, solved by numpy.linalg.solve (independent of symflux),
and thermodynamic identities (σ = 0 at detailed balance, σ = J·A for one cycle).
"""

import dataclasses

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import symflux as sf

CHAIN = ["0 <-> X", "X <-> Y", "Y <-> 0"]
positive = st.floats(min_value=1e-2, max_value=1e2)


def _chain_sigma(r: dict) -> float:
    """σ of 0 ⇄ X ⇄ Y ⇄ 0 from its linear steady state, computed with NumPy alone."""
    A = np.array([[-(r["k_{-1}"] + r["k_2"]), r["k_{-2}"]],
                  [r["k_2"], -(r["k_{-2}"] + r["k_3"])]])
    X, Y = np.linalg.solve(A, -np.array([r["k_1"], r["k_{-3}"]]))
    pairs = [(r["k_1"], r["k_{-1}"] * X), (r["k_2"] * X, r["k_{-2}"] * Y),
             (r["k_3"] * Y, r["k_{-3}"])]
    return sum((a - b) * np.log(a / b) for a, b in pairs)


@given(st.tuples(*[positive] * 6))
def test_open_chain_sigma_matches_independent_numerics(ks):
    names = ["k_1", "k_{-1}", "k_2", "k_{-2}", "k_3", "k_{-3}"]
    rates = dict(zip(names, ks, strict=True))
    sigma = sf.entropy_production(sf.reaction_network(CHAIN)).kernel("sigma")(rates)
    assert sigma == pytest.approx(_chain_sigma(rates), rel=1e-9, abs=1e-12)
    assert sigma >= -1e-12


def test_open_chain_is_not_read_as_a_markov_chain():
    # The counterexample: the complex-graph reading gave J ln K over a partition sum.
    rates = {"k_1": 10, "k_{-1}": 1, "k_2": 3, "k_{-2}": 1, "k_3": 2, "k_{-3}": 0.5}
    d = sf.entropy_production(sf.reaction_network(CHAIN))
    assert float(d.kernel("sigma")(rates)) == pytest.approx(_chain_sigma(rates), rel=1e-12)
    assert d.kind == "reactions" and "c_X" in d


def test_closed_network_at_equilibrium_produces_no_entropy():
    assert sf.entropy_production(sf.reaction_network(["A <-> B"]))["sigma"] == 0
    d = sf.entropy_production(sf.reaction_network(["A <-> B", "B <-> C", "C <-> A"]))
    balanced = {"k_1": 2, "k_{-1}": 1, "k_2": 3, "k_{-2}": 2, "k_3": 1, "k_{-3}": 3,
                "A_T": 1.0}
    assert float(d.kernel("sigma")(balanced)) == pytest.approx(0, abs=1e-12)


def test_one_cycle_sigma_is_flux_times_affinity():
    N = sf.reaction_network(["A <-> B", "B <-> C", "C <-> A"])
    d = sf.entropy_production(N)
    (cycle, A), = sf.affinities(N).items()
    values = {"k_1": 5, "k_{-1}": 1, "k_2": 2, "k_{-2}": 1, "k_3": 3, "k_{-3}": 1, "A_T": 2.0}
    J = float(d.kernel("J_1")(values))
    affinity = float(sympy.lambdify(sorted(A.free_symbols, key=str), A)(
        *[values[s.name] for s in sorted(A.free_symbols, key=str)]))
    assert float(d.kernel("sigma")(values)) == pytest.approx(J * affinity, rel=1e-12)
    assert cycle.kind == "circuit"


def test_irreversible_reaction_makes_sigma_infinite():
    N = sf.reaction_network(["E + S <-> ES", "ES -> E + P"], constant=["S", "P"])
    assert sf.entropy_production(N)["sigma"] == sympy.oo
    assert list(sf.affinities(N).values()) == [sympy.oo]


def test_open_michaelis_menten_affinity_is_the_chemostats_drive():
    N = sf.reaction_network(["E + S <-> ES", "ES <-> E + P"], constant=["S", "P"])
    (A,) = sf.affinities(N).values()
    S, P = sf.symbol("S"), sf.symbol("P")
    assert sympy.simplify(sympy.diff(A, S) - 1 / S) == 0
    assert sympy.simplify(sympy.diff(A, P) + 1 / P) == 0


def test_validation_checks_network_sigma_and_catches_a_wrong_one():
    d = sf.entropy_production(sf.reaction_network(CHAIN))
    assert d.validate().passed
    wrong = dataclasses.replace(d, results={**d.results, "sigma": d["sigma"] / 3},
                                compact={})
    assert not wrong.validate().passed


def test_cycles_of_a_network_are_its_reaction_cycles():
    N = sf.reaction_network(["A <-> B", "2 A <-> 2 B"])
    assert [c.condition for c in sf.cycles(N)] == sf.wegscheider_conditions(N)
    assert sf.fundamental_cycles(N) == sf.cycles(N)

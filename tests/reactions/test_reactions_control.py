"""Control analysis from closed forms: textbook results, theorems, validation that can fail."""

from __future__ import annotations

import dataclasses

import pytest
import sympy

import symflux as sf
from symflux.numerics.perturbation import log_derivative
from symflux.reactions.control import control_name, elasticity_name, response_name


def _two_step():
    # X0 → S → X1 with a reversible first step (Kacser & Burns' two-enzyme pathway).
    return sf.reaction_network(["X0 <-> S : k_1, k_{-1}", "S -> X1 : k_2"],
                               constant=["X0", "X1"])


def test_two_step_pathway_matches_kacser_burns():
    """C^J_1 = ε²/(ε² − ε¹), C^S_1 = 1/(ε² − ε¹) (Fell, Understanding the Control of
    Metabolism, ch. 5), with the elasticities to S of the two steps."""
    d = sf.steady_state(_two_step())
    cc = sf.control_coefficients(d)
    e1, e2 = cc[elasticity_name("1", "S")], cc[elasticity_name("2", "S")]
    assert sympy.simplify(cc[control_name("J_2", "1")] - e2 / (e2 - e1)) == 0
    assert sympy.simplify(cc[control_name("c_S", "1")] - 1 / (e2 - e1)) == 0
    assert sympy.simplify(cc[control_name("c_S", "2")] + 1 / (e2 - e1)) == 0
    assert e2 == 1


def test_summation_and_connectivity_steps_are_present():
    cc = sf.control_coefficients(sf.steady_state(_two_step()))
    statements = [s.statement for s in cc.steps]
    assert any(s.startswith("Summation theorem for J_1 (checked symbolically)") for s in statements)
    assert any(s.startswith("Connectivity theorems") for s in statements)


def test_response_coefficient_is_control_times_elasticity():
    """R^J_p = C^J_i ε^i_p for a parameter that acts on step i only (partitioned response)."""
    d = sf.steady_state(_two_step())
    cc = sf.control_coefficients(d, parameters=["k_1"])
    # ε^1_{k1} = k1 X0 / v1 at steady state
    v1 = sf.symbol("k_1") * sf.symbol("X0") - sf.symbol("k_{-1}") * sf.symbol("S")
    pi = (sf.symbol("k_1") * sf.symbol("X0") / v1).subs(sf.symbol("S"), d["c_S"])
    assert sympy.simplify(cc[response_name("J_1", "k_1")]
                          - cc[control_name("J_1", "1")] * pi) == 0


def test_unscaled_coefficients_and_chosen_enzyme_parameter():
    N = sf.reaction_network(["0 -> S : v_0", "S <-> P : e*k_f, e*k_r", "P -> 0 : k_2"])
    d = sf.steady_state(N)
    cc = sf.control_coefficients(d, enzymes={"2": "e"}, scaled=False)
    # J is set by the inflow alone: dJ/dv_2 = 0, dJ/dv_1 = 1.
    assert cc[control_name("J_3", "1")] == 1
    assert cc[control_name("J_3", "2")] == 0
    report = cc.validate(points=3)
    assert report.passed, str(report)


def test_validation_passes_and_a_wrong_closed_form_fails():
    cc = sf.control_coefficients(sf.steady_state(_two_step()))
    assert cc.validate(points=3).passed
    name = control_name("J_2", "1")
    wrong = dataclasses.replace(cc, results={**cc.results,
                                             name: cc[control_name("J_2", "2")]})
    report = wrong.validate(points=3)
    assert not report.passed
    assert {c.name for c in report.failures()} == {name}


def test_complex_step_and_central_differences_agree():
    N = sf.reaction_network(["E + S <-> ES", "ES -> E + P"], constant=["S", "P"])
    values = {"k_1": 2.0, "k_{-1}": 0.7, "k_2": 1.3, "S": 0.4, "P": 1.0, "E_T": 1.5}
    laws = (("E_T", (("E", 1), ("ES", 1))),)
    for edge in [("E + S", "ES", 1), ("ES", "E + P", 2)]:
        a, _ = log_derivative(N, values, ("reaction_flux", edge), ("reaction", edge),
                              constant=("S", "P"), laws=laws)
        b, _ = log_derivative(N, values, ("reaction_flux", edge), ("reaction", edge),
                              constant=("S", "P"), laws=laws, method="central")
        assert a == pytest.approx(b, rel=1e-8)
    with pytest.raises(sf.ValidationError, match="unknown derivative method"):
        log_derivative(N, values, ("reaction_flux", edge), ("reaction", edge), method="euler")


def test_rate_law_control_of_velocity_by_each_step():
    d = sf.rate_law(sf.reaction_network(["E + S <-> ES", "ES <-> E + P"]))
    cc = sf.control_coefficients(d)
    total = sum(cc[control_name("v", r)] for r in ("1", "2"))
    assert sympy.simplify(total) == 1
    assert cc.validate(points=2).passed


def test_shared_rate_constant_needs_a_named_parameter():
    N = sf.reaction_network(["0 -> S : k", "S -> P : k", "P -> 0 : g"])
    with pytest.raises(sf.GraphError, match="no rate constant of their own"):
        sf.control_coefficients(sf.steady_state(N))


def test_kinetic_scheme_is_pointed_to_degree_of_rate_control():
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 1 : a, b"]))
    with pytest.raises(sf.GraphError, match="degree_of_rate_control"):
        sf.control_coefficients(d)

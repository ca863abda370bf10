"""Wegscheider ratios Π k⁺/Π k⁻ are validated from numerically computed one-way fluxes."""

import dataclasses
import pathlib

import numpy as np
import sympy

import symflux as sf
from symflux.derivation import Quantity
from symflux.numerics import kinetic_quantities, mass_action, reaction_quantities
from symflux.problems import derive_problem, load_problem

BANK = pathlib.Path(__file__).parents[2] / "derivations"


def _scheme_ratio():
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    edges = (("1", "2", 0), ("2", "3", 0), ("3", "1", 0))
    s = sf.symbol
    ratio = s("k_12") * s("k_23") * s("k_31") / (s("k_21") * s("k_32") * s("k_13"))
    return G, edges, ratio


def test_kinetic_route_computes_the_ratio_from_one_way_fluxes():
    G, edges, _ = _scheme_ratio()
    values = {"k_12": [2.0, 1.0], "k_23": [3.0, 5.0], "k_31": [0.5, 1.0],
              "k_21": [1.0, 1.0], "k_32": [7.0, 5.0], "k_13": [0.25, 1.0]}
    out = kinetic_quantities.evaluate_kinetic_points(
        G, {"W": Quantity("wegscheider_ratio", (edges,))}, values)
    assert np.allclose(out["W"].value, [2 * 3 * 0.5 / (1 * 7 * 0.25), 1.0], rtol=1e-13)


def test_kinetic_ratio_validates_and_its_inverse_fails():
    G, edges, ratio = _scheme_ratio()
    d = sf.Derivation("W", "kinetic", G, results={"W": ratio},
                      quantities={"W": Quantity("wegscheider_ratio", (edges,))})
    assert d.validate(points=4).verdict("W").verdict == "validated"
    wrong = dataclasses.replace(d, results={"W": 1 / ratio})
    assert wrong.validate(points=4).verdict("W").verdict == "failed"


def test_reaction_cycle_ratio_is_validated_by_the_mass_action_route():
    d = derive_problem(load_problem(BANK / "deficiency_one_wegscheider.toml"))
    assert d.quantities["W"].kind == "wegscheider_ratio"
    report = d.validate(points=3, seed=3)
    assert report.verdict("W").verdict == "validated"
    # (k_1/k_{-1})² against k_2/k_{-2}: squaring the wrong side is caught
    k1, km1 = sf.symbol("k_1"), sf.symbol("k_{-1}")
    wrong = dataclasses.replace(d, results={**d.results, "W": d["W"] * k1 / km1})
    assert wrong.validate(points=3, seed=3).verdict("W").verdict == "failed"


def test_mass_action_ratio_needs_no_steady_state_value():
    # Π (J⁺/J⁻)^γ with S γ = 0 equals Π (k⁺/k⁻)^γ at any concentrations
    N = sf.reaction_network(["A <-> B", "2 A <-> 2 B"])
    m = sf.reactions.network_model(N)
    edges = {r.label: r.forward for r in m.reactions}
    (cycle,) = sf.reactions.reaction_cycles(N)
    q = Quantity("wegscheider_ratio", (tuple((edges[r], g) for r, g in cycle.vector),))
    point = {"k_1": 2.0, "k_{-1}": 3.0, "k_2": 5.0, "k_{-2}": 0.5}
    system = mass_action.MassActionSystem(N, point, (), "rate")
    for c in (np.array([0.3, 1.7]), np.array([2.0, 0.01])):
        got, _ = reaction_quantities.QUANTITIES["wegscheider_ratio"](N, system, c, system.rates(c),
                                                              *q.args)
        exact = cycle.ratio.subs({sf.symbol(k): sympy.nsimplify(x) for k, x in point.items()})
        assert np.isclose(got, float(exact), rtol=1e-13)


def test_bank_wegscheider_results_are_validated():
    for name in ("random_bi_bi", "bridged_four_state_cycle", "three_state_cycle",
                 "reversible_michaelis_menten", "random_order_enzyme"):
        path = BANK / f"{name}.toml"
        problem = load_problem(path)
        d = derive_problem(problem)
        ws = [n for n, spec in problem.find.items() if spec.startswith("wegscheider")]
        assert ws, name
        report = d.validate(**{"points": 3, "seed": 0, **problem.validate})
        for n in ws:
            assert report.verdict(n).verdict == "validated", (name, n, report.verdict(n))

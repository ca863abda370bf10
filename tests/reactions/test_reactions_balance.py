"""Detailed versus complex balance, symbolically, for numbers, and at the ODE steady state."""

import numpy as np

import symflux as sf
from symflux.numerics.mass_action import mass_action_steady_state
from symflux.reactions import classify_balance

TRIANGLE = ["A <-> B", "B <-> C", "C <-> A"]
BROKEN = {"k_1": 3.0, "k_2": 1.0, "k_3": 2.0, "k_{-1}": 1.0, "k_{-2}": 0.5, "k_{-3}": 1.5}


def test_triangle_with_broken_wegscheider_is_complex_but_not_detailed_balanced():
    N = sf.reaction_network(TRIANGLE)
    b = classify_balance(N, BROKEN)
    assert b.detailed is False and b.complex is True
    assert b.verdict == "complex balanced, not detailed balanced"
    assert any("Deficiency Zero" in r for r in b.reasons)
    # At the ODE steady state: every complex balanced, yet a net flux runs round the cycle.
    c = mass_action_steady_state(N, BROKEN, laws=(("A_T", (("A", 1), ("B", 1), ("C", 1))),),
                                 seed=3)
    x = {s: c[s] for s in "ABC"}
    k = {name: BROKEN[name] for name in BROKEN}
    J1 = k["k_1"] * x["A"] - k["k_{-1}"] * x["B"]
    J2 = k["k_2"] * x["B"] - k["k_{-2}"] * x["C"]
    J3 = k["k_3"] * x["C"] - k["k_{-3}"] * x["A"]
    assert abs(J1) > 1e-3 and np.allclose([J1, J2], [J2, J3], rtol=1e-8)


def test_triangle_on_the_condition_is_detailed_balanced():
    values = dict(BROKEN, **{"k_{-3}": 3.0 * 1.0 * 2.0 / (1.0 * 0.5)})
    b = classify_balance(sf.reaction_network(TRIANGLE), values)
    assert b.detailed is True and b.verdict == "detailed balanced"


def test_symbolic_verdicts_with_reasons():
    b = classify_balance(sf.reaction_network(TRIANGLE))
    assert b.detailed is None and b.complex is True and len(b.detailed_conditions) == 1
    irreversible = classify_balance(sf.reaction_network(["A -> B", "B -> C", "C -> A"]))
    assert irreversible.detailed is False and irreversible.complex is True
    assert "irreversible" in irreversible.reasons[0]
    open_net = classify_balance(sf.reaction_network(["0 -> A", "A + B -> C", "C -> 0",
                                                     "0 -> B"]))
    assert open_net.verdict == "neither detailed nor complex balanced"


def test_deficiency_one_complex_balance_coincides_with_its_condition():
    N = sf.reaction_network(["A <-> B", "2 A <-> 2 B"])
    b = classify_balance(N)
    assert b.complex is None and len(b.complex_conditions) == 1
    good = {"k_1": 2.0, "k_{-1}": 1.0, "k_2": 8.0, "k_{-2}": 2.0}
    bad = dict(good, **{"k_2": 9.0})
    assert classify_balance(N, good).detailed is True
    assert classify_balance(N, bad).verdict == "neither detailed nor complex balanced"

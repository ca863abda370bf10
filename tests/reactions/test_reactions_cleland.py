"""Cleland's kinetic constants against the textbook expressions in rate constants
(Cornish-Bowden, Fundamentals of Enzyme Kinetics, 4th ed., Table 6.1 and §6.3; Segel,
Enzyme Kinetics, 1975, ch. 9), with the Haldane relations."""

from __future__ import annotations

import pytest
import sympy

import symflux as sf

k1, k2, k3, k4 = (sf.symbol(f"k_{i}") for i in range(1, 5))
m1, m2, m3, m4 = (sf.symbol(f"k_{{-{i}}}") for i in range(1, 5))
E_T = sf.symbol("E_T")


def _same(a, b):
    return sympy.simplify(a - b) == 0


def test_ordered_bi_bi_constants():
    d = sf.rate_law(sf.reaction_network(
        ["E + A <-> EA", "EA + B <-> EAB", "EAB <-> EQ + P", "EQ <-> E + Q"]),
        product="Q", mechanism="ordered_bi_bi")
    expected = {
        "V_f": E_T * k3 * k4 / (k3 + k4), "V_r": E_T * m1 * m2 / (m1 + m2),
        "K_{mA}": k3 * k4 / (k1 * (k3 + k4)), "K_{mB}": (m2 + k3) * k4 / (k2 * (k3 + k4)),
        "K_{mP}": m1 * (m2 + k3) / (m3 * (m1 + m2)), "K_{mQ}": m1 * m2 / (m4 * (m1 + m2)),
        "K_{iA}": m1 / k1, "K_{iQ}": k4 / m4,
    }
    for name, value in expected.items():
        assert _same(d[name], value), name
    assert any(s.statement.startswith("Haldane relation (checked") for s in d.steps)
    assert any(s.statement.startswith("The rate law in Cleland's constants") for s in d.steps)


def test_ping_pong_constants_and_squared_haldane():
    d = sf.rate_law(sf.reaction_network(
        ["E + A <-> EA", "EA <-> F + P", "F + B <-> FB", "FB <-> E + Q"]),
        product="Q", forms=["EA", "F", "FB"], mechanism="ping_pong")
    assert _same(d["V_f"], E_T * k2 * k4 / (k2 + k4))
    assert _same(d["K_{mA}"], k4 * (m1 + k2) / (k1 * (k2 + k4)))
    assert _same(d["K_{mB}"], k2 * (m3 + k4) / (k3 * (k2 + k4)))
    assert _same(d["K_{iA}"], m1 / k1)
    haldane = [s.equation for s in d.steps if s.statement.startswith("Haldane relation (")]
    assert haldane[0].rhs == (sf.symbol("V_f") / sf.symbol("V_r")) ** 2 * sf.symbol(
        "K_{mP}") * sf.symbol("K_{mQ}") / (sf.symbol("K_{mA}") * sf.symbol("K_{mB}"))


def test_bi_uni_constants():
    d = sf.rate_law(sf.reaction_network(["E + A <-> EA", "EA + B <-> EAB", "EAB <-> E + P"]),
                    product="P", mechanism="bi_uni")
    assert _same(d["V_f"], E_T * k3)
    assert _same(d["K_{mA}"], k3 / k1)
    assert _same(d["K_{iA}"], m1 / k1)
    assert _same(d["V_f"] * d["K_{mP}"] / (d["V_r"] * d["K_{iA}"] * d["K_{mB}"]), d["K_eq"])


def test_wrong_mechanism_is_refused():
    N = sf.reaction_network(["E + A <-> EA", "EA + B <-> EAB", "EAB <-> E + P"])
    with pytest.raises(sf.GraphError, match="substrate"):
        sf.rate_law(N, product="P", mechanism="ordered_bi_bi")
    with pytest.raises(sf.GraphError, match="unknown mechanism"):
        sf.rate_law(N, product="P", mechanism="random_ter_ter")
    pingpong = sf.reaction_network(["E + A <-> EA", "EA <-> F + P", "F + B <-> FB",
                                    "FB <-> E + Q"])
    with pytest.raises(sf.GraphError, match=r"no 1 term|not ordered Bi Bi"):
        sf.rate_law(pingpong, product="Q", forms=["EA", "F", "FB"], mechanism="ordered_bi_bi")

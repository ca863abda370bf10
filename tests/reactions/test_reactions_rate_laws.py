"""King–Altman rate laws against textbook results, Haldane relations, validation."""

import pytest
import sympy

import symflux as sf
from symflux.equivalence import equivalent
from symflux.errors import GraphError
from symflux.reactions import enzyme_forms

k = sf.symbol
E_T, S, P, Inh = (k(s) for s in ("E_T", "S", "P", "I"))
k1, km1, k2, km2, k3, km3 = (k(s) for s in ("k_1", "k_{-1}", "k_2", "k_{-2}", "k_3", "k_{-3}"))


def test_reversible_michaelis_menten_and_its_haldane_relation():
    d = sf.rate_law(sf.reaction_network(["E + S <-> ES", "ES <-> E + P"]))
    textbook = E_T * (k1 * k2 * S - km1 * km2 * P) / (k1 * S + km2 * P + km1 + k2)
    assert equivalent(d["v"], textbook)
    V_f, V_r, K_S, K_P = d["V_f"], d["V_r"], d["K_S"], d["K_P"]
    assert equivalent(d["v"], (V_f * S / K_S - V_r * P / K_P) / (1 + S / K_S + P / K_P))
    # Haldane: K_eq = V_f K_P / (V_r K_S) = k1 k2 / (k-1 k-2)
    assert equivalent(d["K_eq"], V_f * K_P / (V_r * K_S))
    assert equivalent(d["K_eq"], k1 * k2 / (km1 * km2))
    assert equivalent(d["A"], sympy.log(d["K_eq"] * S / P))
    assert d.validate(points=3).passed


def test_irreversible_michaelis_menten():
    d = sf.rate_law(sf.reaction_network(["E + S <-> ES", "ES -> E + P"]))
    assert equivalent(d["v"], k2 * E_T * S / ((km1 + k2) / k1 + S))
    assert "K_eq" not in d  # no Haldane relation without a reverse step


def test_competitive_inhibition():
    d = sf.rate_law(sf.reaction_network(["E + S <-> ES", "ES -> E + P", "E + I <-> EI"]))
    K_m, K_i = (km1 + k2) / k1, km3 / k3
    assert equivalent(d["v"], k2 * E_T * S / (K_m * (1 + Inh / K_i) + S))
    assert equivalent(d["K_S"], K_m) and equivalent(d["K_I"], K_i)
    assert equivalent(d["V_f"], k2 * E_T)


def test_uncompetitive_inhibition():
    d = sf.rate_law(sf.reaction_network(["E + S <-> ES", "ES -> E + P", "ES + I <-> ESI"]))
    K_m, K_i = (km1 + k2) / k1, km3 / k3
    assert equivalent(d["v"], k2 * E_T * S / (K_m + S * (1 + Inh / K_i)))


def _cycle_weight(forward, backward, i):
    """Directional diagrams of a single cycle rooted at state i, by hand: cut one edge j,
    then every state flows along the remaining path toward i."""
    n = len(forward)
    total = 0
    for cut in range(n):  # the edge between state cut and cut+1 is removed
        term = 1
        for s in range(n):
            if s == i:
                continue
            # walk from s toward i without crossing the cut: forward if the forward path
            # from s to i avoids the cut edge
            steps_fwd = (i - s) % n
            crosses = any((s + t) % n == cut for t in range(steps_fwd))
            term *= backward[s] if crosses else forward[s]
        total += term
    return total


def test_ordered_bi_bi_against_the_textbook_rate_law():
    d = sf.rate_law(sf.reaction_network(
        ["E + A <-> EA", "EA + B <-> EAB", "EAB <-> EQ + P", "EQ <-> E + Q"]), product="P")
    A, B, Q = k("A"), k("B"), k("Q")
    k4, km4 = k("k_4"), k("k_{-4}")
    # states E, EA, EAB, EQ; forward[s] leaves s forward, backward[s] leaves s backward
    forward = [k1 * A, k2 * B, k3, k4]
    backward = [km4 * Q, km1, km2, km3 * P]
    w = [_cycle_weight(forward, backward, i) for i in range(4)]
    # Cleland's coefficient form of the denominator (Segel 1975, ordered Bi Bi)
    den = (km1 * k4 * (km2 + k3) + k1 * k4 * (km2 + k3) * A + k2 * k3 * k4 * B
           + k1 * k2 * (k3 + k4) * A * B + km1 * km2 * km3 * P + km1 * km4 * (km2 + k3) * Q
           + km3 * km4 * (km1 + km2) * P * Q + k1 * km2 * km3 * A * P + k2 * k3 * km4 * B * Q
           + k1 * k2 * km3 * A * B * P + k2 * km3 * km4 * B * P * Q)
    assert sympy.expand(sum(w) - den) == 0
    num = k1 * k2 * k3 * k4 * A * B - km1 * km2 * km3 * km4 * P * Q
    assert equivalent(d["v"], E_T * num / den)
    assert equivalent(d["c_EQ"], E_T * w[3] / den)
    assert equivalent(d["K_eq"], k1 * k2 * k3 * k4 / (km1 * km2 * km3 * km4))
    assert d.validate(points=2).passed


def test_random_bi_uni_needs_a_wegscheider_condition_between_its_pathways():
    d = sf.rate_law(sf.reaction_network(
        ["E + A <-> EA", "EA + B <-> EAB", "E + B <-> EB", "EB + A <-> EAB", "EAB <-> E + P"]))
    ka, kb = (k("k_4"), k("k_{-4}"))
    assert equivalent(d["W_1"], k1 * k2 * k("k_{-3}") * kb / (km1 * km2 * k3 * ka))
    assert d.validate(points=2).passed


def test_enzyme_forms_and_bad_mechanisms():
    assert enzyme_forms(sf.reaction_network(["E + S <-> ES", "ES <-> EP", "EP <-> E + P"])) == (
        "E", "ES", "EP")
    with pytest.raises(GraphError, match="enzyme 'X' occurs in no reaction"):
        sf.rate_law(sf.reaction_network(["E + S <-> ES"]), enzyme="X")
    with pytest.raises(GraphError, match="exactly one enzyme form"):
        sf.rate_law(sf.reaction_network(["E + S <-> ES", "S -> P"]))


def test_mixed_inhibition():
    d = sf.rate_law(sf.reaction_network(
        ["E + S <-> ES", "ES -> E + P", "E + I <-> EI", "ES + I <-> ESI : k_4, k_{-4}"]))
    K_m, K_i, K_ii = (km1 + k2) / k1, km3 / k3, k("k_{-4}") / k("k_4")
    assert equivalent(d["v"], k2 * E_T * S / (K_m * (1 + Inh / K_i) + S * (1 + Inh / K_ii)))


def test_ordered_bi_uni_by_the_cycle_rule():
    d = sf.rate_law(sf.reaction_network(["E + A <-> EA", "EA + B <-> EAB", "EAB <-> E + P"]))
    A, B = k("A"), k("B")
    forward = [k1 * A, k2 * B, k3]
    backward = [km3 * P, km1, km2]
    w = [_cycle_weight(forward, backward, i) for i in range(3)]
    num = k1 * k2 * k3 * A * B - km1 * km2 * km3 * P
    assert equivalent(d["v"], E_T * num / sum(w))
    assert equivalent(d["K_eq"], k1 * k2 * k3 / (km1 * km2 * km3))
    assert "V_f" not in d  # two substrates: left in rate-constant form

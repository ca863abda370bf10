"""King–Altman rate laws against textbook results, Haldane relations, validation."""

import pytest
import sympy

import symflux as sf
from symflux.checking.equivalence import equivalent
from symflux.errors import GraphError
from symflux.reactions import enzyme_forms

k = sf.symbol
E_T, S, P, Inh = (k(s) for s in ("E_T", "S", "P", "I"))
k1, km1, k2, km2, k3, km3 = (k(s) for s in ("k_1", "k_{-1}", "k_2", "k_{-2}", "k_3", "k_{-3}"))


def _validated_where_computable(d, points):
    """Every result with a Quantity validated: K_eq of a mechanism with Wegscheider
    conditions too, on its own points where they hold (off them its velocity vanishes
    away from detailed balance and there is no equilibrium constant). The conditions
    W_i carry no Quantity and are honestly not validated."""
    report = d.validate(points=points)
    assert report.status != "failed", str(report)
    for v in report.verdicts:
        if v.name in d.quantities:
            assert v.verdict == "validated", str(report)
        else:
            assert v.verdict == "not validated" and "no Quantity" in v.reason


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
    _validated_where_computable(d, 3)


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
    _validated_where_computable(d, 2)


def test_random_bi_uni_needs_a_wegscheider_condition_between_its_pathways():
    d = sf.rate_law(sf.reaction_network(
        ["E + A <-> EA", "EA + B <-> EAB", "E + B <-> EB", "EB + A <-> EAB", "EAB <-> E + P"]))
    ka, kb = (k("k_4"), k("k_{-4}"))
    assert equivalent(d["W_1"], k1 * k2 * k("k_{-3}") * kb / (km1 * km2 * k3 * ka))
    _validated_where_computable(d, 2)


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


RANDOM_BI_BI = ["E + A <-> EA", "EA + B <-> EAB", "E + B <-> EB", "EB + A <-> EAB",
                "EAB <-> EPQ", "EPQ <-> EQ + P", "EQ <-> E + Q", "EPQ <-> EP + Q", "EP <-> E + P"]


def _ks(i):
    return k(f"k_{i}"), k(f"k_{{-{i}}}")


def _random_bi_bi_rates(rng, eps):
    """Rates that satisfy both box conditions (k_{-4} and k_{-9} solved from them), with
    the catalytic step 5 slowed by ``eps``: exact rationals unless eps is a float."""
    values = {}
    for i in range(1, 10):
        f, b = _ks(i)
        values[f] = sympy.Rational(rng.randint(1, 40), rng.randint(1, 40))
        values[b] = sympy.Rational(rng.randint(1, 40), rng.randint(1, 40))
    k5, km5 = _ks(5)
    values[k5], values[km5] = eps * values[k5], eps * values[km5]
    K = {i: values[_ks(i)[1]] / values[_ks(i)[0]] for i in range(1, 10)}  # k_{-i}/k_i
    # binding box: K_1 K_2 = K_3 K_4 (association constants k_i/k_{-i})
    values[_ks(4)[1]] = values[_ks(4)[0]] * K[1] * K[2] / K[3]
    # release box: the dissociations 6, 7 and 8, 9 reach E + P + Q from EPQ alike
    values[_ks(9)[1]] = values[_ks(9)[0]] * K[6] * K[7] / K[8]
    return values


def _rapid_equilibrium_random_bi_bi(values):
    """Segel (1975) ch. 9 / Cornish-Bowden ch. 6, rapid-equilibrium random Bi Bi:
    dissociation constants of the binding and release steps, catalysis EAB ⇄ EPQ slow."""
    A, B, Q = k("A"), k("B"), k("Q")
    kf = {i: values[_ks(i)[0]] for i in range(1, 10)}
    kb = {i: values[_ks(i)[1]] for i in range(1, 10)}
    K_ia, K_b, K_ib = kb[1] / kf[1], kb[2] / kf[2], kb[3] / kf[3]
    K_p, K_iq, K_ip = kf[6] / kb[6], kf[7] / kb[7], kf[9] / kb[9]
    V_f, V_r = kf[5] * E_T, kb[5] * E_T
    den = (1 + A / K_ia + B / K_ib + A * B / (K_ia * K_b)
           + P / K_ip + Q / K_iq + P * Q / (K_iq * K_p))
    return (V_f * A * B / (K_ia * K_b) - V_r * P * Q / (K_iq * K_p)) / den


def test_random_bi_bi_box_conditions_haldane_and_rapid_equilibrium_limit():
    import random

    d = sf.rate_law(sf.reaction_network(RANDOM_BI_BI), enzyme="E", product="P")
    kf = {i: _ks(i)[0] for i in range(1, 10)}
    kb = {i: _ks(i)[1] for i in range(1, 10)}
    # (a) the two thermodynamic boxes, and no other ligand-free cycle
    binding = kf[1] * kf[2] * kb[3] * kb[4] / (kb[1] * kb[2] * kf[3] * kf[4])
    release = kf[6] * kf[7] * kb[8] * kb[9] / (kb[6] * kb[7] * kf[8] * kf[9])
    assert sorted(n for n in d.results if n.startswith("W_")) == ["W_1", "W_2"]
    assert equivalent(d["W_1"], binding) and equivalent(d["W_2"], release)
    # (c) Haldane: K_eq along A-first, P-first; along B-first, Q-first it agrees on the boxes
    path_1 = kf[1] * kf[2] * kf[5] * kf[6] * kf[7] / (kb[1] * kb[2] * kb[5] * kb[6] * kb[7])
    path_2 = kf[3] * kf[4] * kf[5] * kf[8] * kf[9] / (kb[3] * kb[4] * kb[5] * kb[8] * kb[9])
    assert equivalent(d["K_eq"], path_1)
    assert equivalent(d["K_eq"], path_2 * binding * release)
    assert equivalent(d["A"], sympy.log(d["K_eq"] * k("A") * k("B") / (P * k("Q"))))
    # (b) rapid equilibrium: with the catalytic step scaled by eps, v/eps → the textbook
    # form exactly as eps → 0 (exact rationals at random points, univariate in eps)
    eps = sympy.Symbol("epsilon", positive=True)
    ligands = {k(s): sympy.Rational(n, m) for s, n, m in
               (("A", 3, 2), ("B", 1, 3), ("P", 2, 5), ("Q", 7, 4), ("E_T", 1, 1))}
    rng = random.Random(4)
    for _ in range(3):
        values = _random_bi_bi_rates(rng, eps)
        num, den = sympy.fraction(sympy.cancel(d["v"].subs(ligands).subs(values) / eps))
        assert den.subs(eps, 0) != 0  # so the limit of the rational function is its value
        re = sympy.cancel(_rapid_equilibrium_random_bi_bi(values).subs(ligands) / eps)
        assert re.free_symbols == set() and re != 0
        assert num.subs(eps, 0) / den.subs(eps, 0) == re
    # (d) the King–Altman v is the exact steady state
    _validated_where_computable(d, 2)

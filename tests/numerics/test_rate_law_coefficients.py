"""The "minors" route: an enzyme rate law's V, K and K_eq from numbers only.

Textbook values (Michaelis–Menten in rate constants; Cleland's ordered Bi Bi, ping-pong
and Bi Uni constants) are checked against the route's exact coefficients; the route's
law is checked against an independent linear solve of the enzyme forms; a wrong closed
form fails; an oversized grid is refused with its reason.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.numerics import rate_law_coefficients as rlc

MM = ["E + S <-> ES", "ES <-> E + P"]
ORDERED = ["E + A <-> EA", "EA + B <-> EAB", "EAB <-> EQ + P", "EQ <-> E + Q"]
PING_PONG = ["E + A <-> EA", "EA <-> F + P", "F + B <-> FB", "FB <-> E + Q"]
BI_UNI = ["E + A <-> EA", "EA + B <-> EAB", "EAB <-> E + P"]


def _point(N, seed=0):
    rng = np.random.default_rng(seed)
    names = sorted({str(k) for _, _, r in N.edges(data="rate") for k in [r]})
    return {n: float(rng.uniform(0.2, 3.0)) for n in names}


def test_michaelis_menten_coefficients_are_the_textbook_ones():
    # v = (k1 k2 S - k-1 k-2 P) E_T / (k-1 + k2 + k1 S + k-2 P)   (Briggs–Haldane)
    N = sf.reaction_network(MM)
    p = {"k_1": 2.0, "k_{-1}": 0.75, "k_2": 3.5, "k_{-2}": 0.25}
    num, den, forms = rlc.rate_law_polynomials(N, p, ("S", "P"), "P", total=2.0)
    F = {k: Fraction(v) for k, v in p.items()}
    assert forms == ["E", "ES"]
    assert den == {(0, 0): F["k_{-1}"] + F["k_2"], (1, 0): F["k_1"], (0, 1): F["k_{-2}"]}
    assert num == {(1, 0): 2 * F["k_1"] * F["k_2"], (0, 1): -2 * F["k_{-1}"] * F["k_{-2}"]}
    # V_f = k2 E_T and K_S = (k-1 + k2)/k1, as ratios of those coefficients
    assert num[(1, 0)] / den[(1, 0)] == 2 * F["k_2"]
    assert den[(0, 0)] / den[(1, 0)] == (F["k_{-1}"] + F["k_2"]) / F["k_1"]


def test_equilibrium_constant_is_the_haldane_one():
    N = sf.reaction_network(MM)
    p = {"k_1": 2.0, "k_{-1}": 0.75, "k_2": 3.5, "k_{-2}": 0.25}
    q = {"K": sf.Quantity("equilibrium_constant", ((("S", -1), ("P", 1)), (("S", "P"), ())))}
    got = rlc.evaluate_rate_law_coefficients(N, q, {k: np.array([v]) for k, v in p.items()})
    assert got["K"].value[0] == pytest.approx(2.0 * 3.5 / (0.75 * 0.25), rel=1e-12)


def _linear_velocity(N, point, ligands, x, product):
    """The velocity of formation of ``product`` per unit enzyme by a dense linear solve
    of the pseudo-first-order enzyme scheme (no determinants, no interpolation)."""
    forms, rows = [], []
    for u, v, data in N.edges(data=True):
        su, sv = N.nodes[u]["species"], N.nodes[v]["species"]
        fu = next(s for s in su if s not in ligands)
        fv = next(s for s in sv if s not in ligands)
        for f in (fu, fv):
            if f not in forms:
                forms.append(f)
        k = point[str(data["rate"])] * np.prod([x[lig] ** su.get(lig, 0) for lig in ligands])
        rows.append((fu, fv, k, sv.get(product, 0) - su.get(product, 0)))
    n = len(forms)
    A = np.zeros((n, n))
    for fu, fv, k, _ in rows:
        A[forms.index(fu), forms.index(fu)] -= k
        A[forms.index(fv), forms.index(fu)] += k
    A[-1, :] = 1.0
    e = np.linalg.solve(A, np.eye(n)[-1])
    return sum(change * k * e[forms.index(fu)] for fu, _, k, change in rows)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([(MM, ("S", "P"), "P"), (ORDERED, ("A", "B", "P", "Q"), "Q"),
                        (PING_PONG, ("A", "B", "P", "Q"), "Q"),
                        (BI_UNI, ("A", "B", "P"), "P")]),
       st.integers(0, 10_000),
       st.lists(st.floats(0.05, 20.0), min_size=4, max_size=4))
def test_coefficients_give_the_linear_solve_velocity(case, seed, conc):
    lines, ligands, product = case
    N = sf.reaction_network(lines)
    point = _point(N, seed)
    num, den, _ = rlc.rate_law_polynomials(N, point, ligands, product)
    x = dict(zip(ligands, conc, strict=False))

    def poly(c):
        return sum(float(v) * np.prod([x[lig] ** e for lig, e in zip(ligands, powers,
                                                                     strict=True)])
                   for powers, v in c.items())

    want = _linear_velocity(N, point, ligands, x, product)
    assert poly(num) / poly(den) == pytest.approx(want, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("lines, kw", [
    (MM, {"product": "P"}),
    (ORDERED, {"product": "Q", "mechanism": "ordered_bi_bi"}),
    (PING_PONG, {"product": "Q", "forms": ["EA", "F", "FB"], "mechanism": "ping_pong"}),
    (BI_UNI, {"product": "P", "mechanism": "bi_uni"}),
])
def test_every_kinetic_constant_is_validated_by_the_minors_route(lines, kw):
    d = sf.rate_law(sf.reaction_network(lines), **kw)
    report = d.validate(points=3)
    assert report.passed, str(report)
    constants = [n for n in d.results if n.startswith(("V_", "K_"))]
    assert len(constants) >= (2 if "mechanism" not in kw else 7)
    by_name = {v.name: v for v in report.verdicts}
    for name in constants:
        assert by_name[name].verdict == "validated"
        assert by_name[name].routes == ("minors",), name


@pytest.mark.parametrize("lines, kw, name", [
    (MM, {"product": "P"}, "K_S"),
    (ORDERED, {"product": "Q", "mechanism": "ordered_bi_bi"}, "K_{iB}"),
    (PING_PONG, {"product": "Q", "forms": ["EA", "F", "FB"], "mechanism": "ping_pong"},
     "V_r"),
    (BI_UNI, {"product": "P", "mechanism": "bi_uni"}, "K_eq"),
])
def test_a_wrong_constant_fails(lines, kw, name):
    d = sf.rate_law(sf.reaction_network(lines), **kw)
    wrong = dataclasses.replace(d, results={**d.results, name: 1.01 * d.results[name]})
    report = wrong.validate(points=3)
    assert not report.passed
    assert {c.name for c in report.failures()} == {name}


def test_swapped_michaelis_constants_fail():
    d = sf.rate_law(sf.reaction_network(ORDERED), product="Q", mechanism="ordered_bi_bi")
    swapped = {**d.results, "K_{mA}": d["K_{mB}"], "K_{mB}": d["K_{mA}"]}
    report = dataclasses.replace(d, results=swapped).validate(points=3)
    assert {c.name for c in report.failures()} == {"K_{mA}", "K_{mB}"}


def test_oversized_grid_is_refused_with_its_reason(monkeypatch):
    monkeypatch.setattr(rlc, "GRID_WORK", 10)
    d = sf.rate_law(sf.reaction_network(MM), product="P")
    report = d.validate(points=2)
    verdict = {v.name: v for v in report.verdicts}["K_S"]
    assert verdict.verdict != "validated"
    assert "GRID_WORK" in verdict.reason
    with pytest.raises(OverflowError, match="GRID_WORK"):
        rlc.rate_law_polynomials(sf.reaction_network(MM), _point(sf.reaction_network(MM)),
                                 ("S", "P"), "P")


def test_equilibrium_constant_away_from_detailed_balance_is_not_computed():
    # random Bi Uni: two pathways, one Wegscheider condition that random rates break
    N = sf.reaction_network(["E + A <-> EA", "EA + B <-> EAB", "E + B <-> EB",
                             "EB + A <-> EAB", "EAB <-> E + P"])
    q = {"K": sf.Quantity("equilibrium_constant",
                          ((("A", -1), ("B", -1), ("P", 1)), (("A", "B", "P"), ())))}
    point = _point(N, 3)
    got = rlc.evaluate_rate_law_coefficients(N, q, {k: np.array([v]) for k, v in point.items()})
    assert "detailed balance" in got["K"].reason
    # with the condition met (k_{-4} chosen so that W = 1) the constant is computed
    W = (point["k_1"] * point["k_2"] * point["k_{-3}"] * point["k_{-4}"]
         / (point["k_{-1}"] * point["k_{-2}"] * point["k_3"] * point["k_4"]))
    point["k_{-4}"] /= W
    got = rlc.evaluate_rate_law_coefficients(N, q, {k: np.array([v]) for k, v in point.items()})
    want = point["k_1"] * point["k_2"] * point["k_5"] / (
        point["k_{-1}"] * point["k_{-2}"] * point["k_{-5}"])
    assert got["K"].value[0] == pytest.approx(want, rel=1e-9)

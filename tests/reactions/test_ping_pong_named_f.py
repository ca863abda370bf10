"""A ping-pong mechanism whose modified enzyme is named F, as textbooks name it (issue 12)."""

import sympy

import symflux as sf

F_LINES = ["E + A <-> EA", "EA <-> F + P", "F + B <-> FB", "FB <-> E + Q"]
G_LINES = ["E + A <-> EA", "EA <-> G + P", "G + B <-> GB", "GB <-> E + Q"]


def test_modified_enzyme_f_is_recognised():
    d = sf.rate_law(sf.reaction_network(F_LINES), enzyme="E")
    assert {"c_E", "c_EA", "c_F", "c_FB"} <= set(d.results)
    # The same mechanism with the form spelt G gives the same rate law.
    other = sf.rate_law(sf.reaction_network(G_LINES), enzyme="E")
    assert sympy.simplify(d["v"] - other["v"]) == 0
    report = d.validate(points=2)
    # every result validated, K_eq by the minors route (where the velocity vanishes)
    assert report.status == "passed", str(report)
    assert {v.name: v.routes for v in report.verdicts}["K_eq"] == ("minors",)


def test_ping_pong_irreversible_limit_is_the_textbook_form():
    # Segel (1975), ping-pong bi-bi: v = V A B / (K_B A + K_A B + A B) for irreversible steps.
    lines = ["E + A <-> EA", "EA -> F + P", "F + B <-> FB", "FB -> E + Q"]
    d = sf.rate_law(sf.reaction_network(lines, constant=["A", "B", "P", "Q"]), enzyme="E")
    v = d["v"]
    A, B = (s for s in v.free_symbols if s.name in ("A", "B"))
    # ping-pong signature: 1/v is linear in 1/A and 1/B with no 1/(A B) term
    inv = sympy.expand(sympy.cancel(1 / v).subs({A: 1 / sympy.Symbol("a"),
                                                  B: 1 / sympy.Symbol("b")}))
    a, b = sympy.Symbol("a"), sympy.Symbol("b")
    assert sympy.Poly(inv, a, b).coeff_monomial(a * b) == 0
    assert sympy.Poly(inv, a, b).coeff_monomial(a) != 0

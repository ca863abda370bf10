"""Every route computes from the model alone: wrong closed forms of every kind fail."""

import dataclasses

import sympy

import symflux as sf
from symflux.derivation import Quantity


def test_wrong_conservation_law_fails():
    # A + B <-> C conserves A + C and B + C; a closed form built on 2A + C = A_T is wrong
    N = sf.reaction_network(["A <-> B"])
    d = sf.steady_state(N)
    (law,) = [q.args[-1][1] for q in d.quantities.values()][:1]
    total, coefficients = law[0]
    wrong = ((total, tuple((s, 2 * c if s == "A" else c) for s, c in coefficients)),)
    quantities = {n: Quantity(q.kind, (*q.args[:-1], (q.args[-1][0], wrong)))
                  for n, q in d.quantities.items()}
    assert d.validate(points=3).passed
    assert dataclasses.replace(d, quantities=quantities).validate(points=3).status == "failed"


def test_swapped_rate_constant_fails_in_a_reaction_network():
    N = sf.reaction_network(["0 <-> X", "X <-> Y"])
    d = sf.steady_state(N)
    k1, km1 = sf.symbol("k_1"), sf.symbol("k_{-1}")
    swapped = {n: e.xreplace({k1: km1, km1: k1}) for n, e in d.results.items()}
    report = dataclasses.replace(d, results=swapped).validate(points=3)
    assert report.verdict("c_X").verdict == "failed"


def test_open_chain_entropy_production_read_as_a_markov_chain_fails():
    # 0 <-> X, X <-> Y, Y <-> 0 read as a 3-state chain over complexes gives a σ far too
    # small; the mass-action route computes σ = Σ (J+ − J−) ln(J+/J−) from the numerical
    # steady state and refuses it.
    N = sf.reaction_network(["0 <-> X", "X <-> Y", "Y <-> 0"])
    G = sf.kinetic_graph(["0 <-> X", "X <-> Y", "Y <-> 0"])
    markov = sf.entropy_production(G)["sigma"]
    rename = {sf.symbol(n): sf.symbol(m) for n, m in (
        ("k_{0X}", "k_1"), ("k_{X0}", "k_{-1}"), ("k_{XY}", "k_2"), ("k_{YX}", "k_{-2}"),
        ("k_{Y0}", "k_3"), ("k_{0Y}", "k_{-3}"))}
    old = sf.Derivation("old sigma", "kinetic", N, results={"sigma": markov.xreplace(rename)},
                        quantities={"sigma": Quantity("entropy_production")})
    report = old.validate(points=3)
    assert report.verdict("sigma").verdict == "failed"
    assert report.max_rel_error["sigma"] > 0.5


def test_wrong_affinity_fails():
    N = sf.reaction_network(["E + S <-> ES", "ES <-> E + P"], constant=["S", "P"])
    d = sf.rate_law(N, enzyme="E")
    assert d.validate(points=3).verdict("A").verdict == "validated"
    wrong = dataclasses.replace(d, results={**d.results, "A": -d["A"]})
    assert wrong.validate(points=3).verdict("A").verdict == "failed"


def test_wrong_resistance_of_every_element_fails():
    for name in ("spherical_shell", "sphere_to_infinity", "cylindrical_shell", "film",
                 "membrane", "microdisk", "access", "slab", "pore"):
        d = sf.element(name)
        assert d.validate(points=2).passed, name
        wrong = dataclasses.replace(d, results={"R": d["R"] * sympy.Rational(101, 100)})
        assert wrong.validate(points=2).status == "failed", name


def test_wrong_network_flux_fails():
    T = sf.transport_network([("a", "m", "R_1"), ("m", "b", "R_2")],
                             potentials={"a": "phi_a", "b": "phi_b"})
    d = sf.flux(T, "a", "b")
    assert d.validate(points=3).passed
    (name,) = list(d.results)[:1]
    wrong = dataclasses.replace(d, results={**d.results, name: d[name] * 1.001})
    assert wrong.validate(points=3).status == "failed"


def test_wrong_path_resistance_fails():
    x = sf.symbol("x")
    d = sf.path_resistance("D", (0, "L"), "A*(1 + x/L)", position=x)
    assert d.validate(points=2).passed
    assert dataclasses.replace(d, results={"R": d["R"] * 1.01}).validate(points=2).status == \
        "failed"


def test_unconvertible_route_reports_not_validated_not_passed():
    # the time route has no tree sums: a Derivation of only tree sums checked by ode alone
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3"])).select(["w_1"])
    report = d.validate(points=2, routes=["ode"])
    assert report.status == "incomplete" and not report.passed
    assert "tree sums" in report.verdict("w_1").reason

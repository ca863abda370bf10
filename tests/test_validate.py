"""Validation: the numerics are independent, so a wrong closed form must fail."""

import dataclasses

import sympy

import symflux as sf


def test_correct_derivation_passes_with_both_routes():
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1", "3 <-> 4"]))
    report = d.validate(points=4, seed=3)
    assert report.passed
    assert {c.route for c in report.checks} == {"identity", "linear", "ode"}
    assert report.status == "passed"
    assert all(v.verdict == "validated" for v in report.verdicts)
    assert max(report.max_rel_error.values()) < 1e-8
    assert "passed" in str(report)


def test_tampered_result_fails():
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
    wrong = dict(d.results)
    k12, k21 = sf.symbol("k_12"), sf.symbol("k_21")
    # swap two indices, the commonest slip: k_12 for k_21 in p_1
    wrong["p_1"] = d["p_1"].xreplace({k12: k21, k21: k12})
    tampered = dataclasses.replace(d, results=wrong, compact={
        n: e for n, e in d.compact.items() if n != "p_1"})
    report = tampered.validate(points=3)
    assert not report.passed and report.status == "failed"
    assert [c.name for c in report.failures()] == ["p_1", "p_1"]
    assert report.verdict("p_1").verdict == "failed"


def test_seed_makes_points_reproducible():
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
    a, b = d.validate(points=2, seed=7), d.validate(points=2, seed=7)
    assert a.max_rel_error == b.max_rel_error


def test_constrained_results_are_validated_on_the_constraint():
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    eq = sf.equilibrium_distribution(G)
    assert len(eq.constraints) == 1
    assert eq.validate(points=4).passed
    # without the constraint the equilibrium formula is wrong at generic rates
    free = dataclasses.replace(eq, constraints={})
    assert not free.validate(points=4).passed


def test_one_way_cycle_fluxes_validated_by_the_linear_route_only():
    d = sf.cycle_fluxes(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
    report = d.validate(points=2)
    skipped = {c.name for c in report.checks if c.passed is None}
    assert {"J+_c1", "J-_c1"} <= skipped  # the time route gives no tree sums
    assert report.verdict("J+_c1").routes == ("linear",)
    assert report.passed


def test_a_result_without_quantity_is_not_validated_and_the_report_incomplete():
    d = sf.Derivation("answer", "kinetic", sf.kinetic_graph(["1 <-> 2"]),
                      results={"x": sympy.Integer(42)})
    report = d.validate(points=2)
    assert report.status == "incomplete" and report.passed is False
    assert report.verdict("x").verdict == "not validated"
    assert "no Quantity" in report.verdict("x").reason


def test_affinity_quantity_validated_by_edge_forces():
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    (cycle, A), = sf.affinities(G).items()
    d = sf.Derivation("affinity", "kinetic", G, results={"A": A},
                      quantities={"A": sf.Quantity("affinity", (cycle.forward_edges,))})
    assert d.validate(points=3).passed
    flipped = dataclasses.replace(d, results={"A": -A})
    assert not flipped.validate(points=3).passed
    assert isinstance(A, sympy.log)

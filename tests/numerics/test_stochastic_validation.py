"""The stochastic route: a third independent validation, judged by z-scores."""

import dataclasses

import pytest

import symflux as sf
from symflux.validate import ResultCheck

CYCLE = ["1 <-> 2", "2 <-> 3", "3 <-> 1"]
FAST = {"stochastic": {"n_jumps": 3 * 10**5, "n_trajectories": 20}}


@pytest.fixture(scope="module")
def everything():
    G = sf.kinetic_graph(CYCLE)
    return sf.combine("3-state cycle", sf.steady_state(G), sf.entropy_production(G),
                      sf.cycle_fluxes(G))


@pytest.fixture(scope="module")
def report(everything):
    return everything.validate(routes=["linear", "stochastic"], points=2, seed=1,
                               low=0.3, high=3.0, route_options=FAST)


def test_stochastic_route_validates_every_simulable_result(report):
    assert report.passed, str(report)
    stochastic = {c.name: c for c in report.checks if c.route == "stochastic"}
    for name in ["p_1", "p_2", "p_3", "J_12", "J_31", "sigma", "J_c1", "J+_c1", "J-_c1"]:
        assert stochastic[name].max_z_score is not None, name
        assert stochastic[name].passed and stochastic[name].tolerance == 4.0
    # tree sums have no stochastic counterpart and say so
    assert stochastic["Sigma"].passed is None
    assert "max |z|" in str(report)
    assert set(report.max_z_score) >= {"p_1", "sigma", "J+_c1"}


def test_hills_one_way_fluxes_are_validated_by_simulation_and_by_determinants(report):
    # linear: Π k · det(−Q off the cycle) / Σ (all-minors matrix-tree theorem)
    by_route = {(c.name, c.route): c for c in report.checks}
    assert by_route[("J+_c1", "linear")].passed is True
    assert by_route[("J+_c1", "stochastic")].passed is True


def test_tampered_results_fail_the_stochastic_route(everything):
    k12, k21 = sf.symbol("k_12"), sf.symbol("k_21")
    wrong = dict(everything.results)
    wrong["p_1"] = everything["p_1"].xreplace({k12: k21, k21: k12})
    wrong["J+_c1"], wrong["J-_c1"] = everything["J-_c1"], everything["J+_c1"]
    drop = {"p_1", "J+_c1", "J-_c1"}
    tampered = dataclasses.replace(everything, results=wrong, compact={
        n: e for n, e in everything.compact.items() if n not in drop})
    report = tampered.validate(routes=["stochastic"], points=2, seed=1, low=0.3, high=3.0,
                               route_options=FAST)
    assert {c.name for c in report.failures()} == drop
    assert all(c.max_z_score > 4 for c in report.failures())


def test_parallel_channels_michaelis_menten():
    G = sf.kinetic_graph(["E <-> ES : k_1*S, k_{-1} [S]", "ES <-> E : k_2, k_{-2}*P [P]"])
    d = sf.combine("MM", sf.steady_state(G), sf.cycle_fluxes(G))
    # tree sums have no stochastic counterpart: the linear route validates those
    report = d.validate(routes=["linear", "stochastic"], points=2, low=0.3, high=3.0,
                        route_options=FAST)
    assert report.passed, str(report)
    assert any(c.name.startswith("J+") and c.route == "stochastic" and c.passed
               for c in report.checks)


def test_seeded_validation_is_reproducible(everything):
    sub = everything.select(["p_1", "J_12"])
    a = sub.validate(routes=["stochastic"], points=1, seed=4, route_options=FAST)
    b = sub.validate(routes=["stochastic"], points=1, seed=4, route_options=FAST)
    assert a.max_z_score == b.max_z_score


def test_result_check_stays_backward_compatible():
    old = ResultCheck("p", "linear", 1e-12, 3, 1e-9)
    assert old.passed and old.max_z_score is None
    assert ResultCheck("p", "stochastic", 0.5, 3, 4.0, max_z_score=4.5).passed is False
    assert ResultCheck("p", "stochastic", 0.5, 3, 4.0, max_z_score=1.0).passed is True


def test_affinity_from_jump_counts():
    G = sf.kinetic_graph(CYCLE)
    (cycle, A), = sf.affinities(G).items()
    d = sf.Derivation("affinity", "kinetic", G, results={"A": A},
                      quantities={"A": sf.Quantity("affinity", (cycle.forward_edges,))})
    ok = d.validate(routes=["stochastic"], points=2, low=0.3, high=3.0, route_options=FAST)
    assert ok.passed and ok.max_z_score["A"] < 4
    flipped = dataclasses.replace(d, results={"A": -A})
    assert not flipped.validate(routes=["stochastic"], points=2, low=0.3, high=3.0,
                                route_options=FAST).passed


def test_infinite_error_bar_cannot_pass():
    from symflux.validation.core import z_score

    assert z_score(1.0, 2.0, float("inf")) == float("inf")
    assert z_score(1.0, 1.0, 0.0) == 0.0
    assert z_score(1.0, 1.5, 0.25) == 2.0


def test_flux_off_every_cycle_has_no_boundary_bias():
    # state 4 hangs off the cycle and traps the molecule (k_43 small): J_34 = 0 exactly,
    # and its count is only the boundary term ±1. Stopping each trajectory after a fixed
    # number of jumps made that term systematic (z ≈ 19 here); fixed-time windows do not.
    from symflux.numerics.stochastic_quantities import evaluate_stochastic

    G = sf.kinetic_graph([*CYCLE, "3 <-> 4"])
    values = {"k_12": 1.495, "k_13": 54.991, "k_21": 18.341, "k_23": 0.01, "k_31": 26.892,
              "k_32": 0.014, "k_34": 8.291, "k_43": 0.05}
    for seed in range(3):
        value, _, stderr = evaluate_stochastic(
            G, {"J": sf.Quantity("flux", ("3", "4", 0))}, values, n_jumps=2 * 10**5,
            seed=seed)["J"]
        assert value == 0.0 or abs(value) < 4 * stderr, (value, stderr)


def test_rare_cycle_is_not_computable_rather_than_failed(everything):
    # the backward turn has Π− = 1e-12: it is never completed in a simulation, and a
    # count of 0 has no Gaussian error bar, so the route declines instead of failing
    sub = everything.select(["J+_c1", "J-_c1"])
    report = sub.validate(routes=["stochastic"], points=1, low=0.5, high=2.0,
                          values={"k_21": 1e-4, "k_32": 1e-4, "k_13": 1e-4},
                          route_options=FAST)
    checks = {c.name: c for c in report.checks}
    assert checks["J+_c1"].passed is True
    assert checks["J-_c1"].passed is None
    # declined is not validated: the report is incomplete, never passed
    assert report.status == "incomplete"
    assert report.verdict("J-_c1").verdict == "not validated"

"""Drawn points where double precision gives out: that point is unsolved, never a crash."""

import pathlib

from symflux.problems import derive_problem, load_problem

BANK = pathlib.Path(__file__).parents[2] / "derivations"


def test_overflowing_rates_are_unconverged_points_not_a_crash():
    # exp(θ F d/(k_B T)) at drawn values overflows: those points are not solved, the
    # others still count, and nothing raises
    d = derive_problem(load_problem(BANK / "molecular_motor_stall.toml"))
    for seed in (1, 3):
        report = d.validate(points=5, seed=seed)
        assert report.status in ("passed", "incomplete")
        for v in report.verdicts:
            assert v.verdict != "failed", v
    # and the report says why: the rate overflowed, not the solver
    reason = d.validate(points=5, seed=1).verdict("p_1").reason
    assert "not representable (a rate overflows double precision)" in reason, reason
    assert "did not converge" not in reason, reason


def test_a_failed_boundary_value_solve_is_one_unconverged_point():
    # Default draws for the GHK path reach fields solve_bvp cannot mesh: that point is
    # reported unconverged and validate() still returns a report
    d = derive_problem(load_problem(BANK / "goldman_hodgkin_katz.toml"))
    report = d.validate(points=5, seed=1)
    assert report.status in ("passed", "incomplete")
    assert all(v.verdict != "failed" for v in report.verdicts)


def test_a_wrong_stall_force_fails_the_linear_route():
    # F_s = (k_B T/d) ln(k_1 c_T k_2/(k_{-1} k_{-2})) at the problem's own scales; twice
    # the drive's logarithm is caught by Brent's root of the numerically solved flux
    import dataclasses

    problem = load_problem(BANK / "molecular_motor_stall.toml")
    d = derive_problem(problem)
    options = {"points": 3, "seed": 0, **problem.validate}
    assert d.validate(**options).verdict("F_s").verdict == "validated"
    wrong = dataclasses.replace(d, results={**d.results, "F_s": 2 * d["F_s"]},
                                compact={k: v for k, v in d.compact.items() if k != "F_s"})
    assert wrong.validate(**options).verdict("F_s").verdict == "failed"

"""Which precision decides a disagreement: long double when the closed value is not in
doubt, 50 digits when double precision loses it (a cancellation)."""

import dataclasses

import pytest
import sympy

import symflux as sf


@pytest.fixture(scope="module")
def channel():
    return sf.steady_state(sf.kinetic_graph(["C <-> O : k_o, k_c"]))


def _with(d, name, expr):
    return dataclasses.replace(d, results={**d.results, name: expr},
                               compact={k: v for k, v in d.compact.items() if k != name})


def test_a_wrong_well_conditioned_form_is_decided_in_long_double(channel):
    wrong = _with(channel, "p_O", channel["p_O"] * sympy.Rational(1001, 1000))
    report = wrong.validate(points=3)
    check = next(c for c in report.checks if c.name == "p_O" and c.route == "linear")
    assert report.verdict("p_O").verdict == "failed"
    assert check.precision == "long double"


@pytest.mark.parametrize("big", [sympy.Integer(10) ** 20, sympy.Integer(10) ** 40])
def test_a_right_form_that_cancels_in_double_is_decided_in_fifty_digits(channel, big):
    # (k_o + B k_c) − B k_c is k_o, but double (and, for 1e40, long double) rounds it to 0
    k_o, k_c = sorted(channel["p_O"].free_symbols, key=lambda s: s.name)[::-1]
    numerator = sympy.Add(k_o + big * k_c, -big * k_c, evaluate=False)
    assert numerator != k_o and sympy.Add(*numerator.args) == k_o
    right = _with(channel, "p_O", numerator / (k_o + k_c))
    report = right.validate(points=3, low=10.0, high=100.0)
    check = next(c for c in report.checks if c.name == "p_O" and c.route == "linear")
    assert report.verdict("p_O").verdict == "validated", str(report)
    assert check.precision == "mpmath 50 digits"

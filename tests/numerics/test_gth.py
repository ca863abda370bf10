"""GTH stationary distributions and the first-order mass-action route built on them."""

import dataclasses

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.errors import GraphError
from symflux.numerics.gth import gth_points
from symflux.numerics.mass_action import (
    MassActionSystem,
    _compartmental,
    _linear_steady_state,
    relax_mass_action,
)


def _exact_stationary(Q):
    """The stationary distribution in exact rationals (SymPy nullspace of Qᵀ − diag)."""
    n = len(Q)
    R = sympy.Matrix(n, n, lambda i, j: sympy.Rational(Q[i][j]) if i != j else 0)
    G = R - sympy.diag(*[sum(R.row(i)) for i in range(n)])
    v = G.T.nullspace()[0]
    return [float(x / sum(v)) for x in v]


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 6).flatmap(lambda n: st.lists(
    st.lists(st.integers(-6, 6), min_size=n, max_size=n), min_size=n, max_size=n)))
def test_gth_matches_exact_rationals_over_twelve_decades(exponents):
    n = len(exponents)
    # a ring keeps the chain irreducible; the other rates are spread over 10^-6..10^6
    Q = [[0 if i == j else (10.0 ** e if (j == (i + 1) % n or j == (i - 1) % n or e % 2)
                           else 0) for j, e in enumerate(row)] for i, row in enumerate(exponents)]
    exact = _exact_stationary(Q)
    got = gth_points(np.array([Q]))[0][0]
    assert np.max(np.abs(got - exact) / np.array(exact)) < 1e-12


def test_gth_refuses_a_reducible_chain():
    with pytest.raises(GraphError, match="not irreducible"):
        gth_points(np.array([[[0, 1.0, 0], [0, 0, 0], [0, 0, 0]]]))


def _pathway(n):
    return (["0 -> X1 : k_0"] + [f"X{i} <-> X{i + 1}" for i in range(1, n)]
            + [f"X{n} -> 0 : k_out"])


def test_a_long_pathway_is_solved_to_full_relative_accuracy():
    # 13 decades between concentrations: LU leaves ~1e-6, the integrator runs out of time
    N = sf.reaction_network(_pathway(40))
    d = sf.steady_state(N)
    rng = np.random.default_rng(1)
    symbols = sorted({s for e in d.results.values() for s in e.free_symbols}, key=str)
    values = {s.name: float(10 ** rng.uniform(-3, 3)) for s in symbols}
    system = MassActionSystem(N, values)
    c = relax_mass_action(system, np.ones(len(system.species)), budget=10)
    with mpmath.workdps(50):
        subs = {s: mpmath.mpf(values[s.name]) for s in symbols}
        exact = np.array([float(d[f"c_{x}"].evalf(50, subs=subs)) for x in system.species])
    assert exact.max() / exact.min() > 1e12
    assert np.max(np.abs(c - exact) / exact) < 1e-12


def test_closed_classes_keep_their_totals():
    N = sf.reaction_network(["A <-> B", "B <-> C", "0 <-> X", "X <-> Y"])
    system = MassActionSystem(N, {"k_1": 1.0, "k_{-1}": 2.0, "k_2": 3.0, "k_{-2}": 5.0,
                                  "k_3": 7.0, "k_{-3}": 11.0, "k_4": 13.0, "k_{-4}": 17.0})
    c0 = np.arange(1.0, len(system.species) + 1)
    c = _linear_steady_state(system, c0)
    i = {s: system.species.index(s) for s in system.species}
    closed = [i["A"], i["B"], i["C"]]
    assert c[closed].sum() == pytest.approx(c0[closed].sum(), rel=1e-14)
    assert c[i["X"]] == pytest.approx(7 / 11, rel=1e-14)
    assert c[i["Y"]] == pytest.approx(7 / 11 * 13 / 17, rel=1e-14)
    assert np.max(np.abs(system.rhs(c))) < 1e-12


@pytest.mark.parametrize("lines", [["0 -> X", "2 X -> 0"], ["0 -> X", "X -> 2 Y", "Y -> 0"],
                                   ["0 -> X", "X -> Y", "Y -> 0", "X + Y -> 0"]])
def test_networks_that_are_not_compartmental_keep_the_integrator(lines):
    N = sf.reaction_network(lines)
    system = MassActionSystem(N, {})
    assert _compartmental(system) is None


def test_a_transient_class_is_left_to_the_integrator():
    # A drains into B for good: the closed class is {B}; A is transient
    N = sf.reaction_network(["A -> B", "B <-> C"])
    system = MassActionSystem(N, {"k_1": 1.0, "k_2": 2.0, "k_{-2}": 3.0})
    assert _compartmental(system) is not None
    assert _linear_steady_state(system, np.ones(3)) is None


def test_a_wrong_closed_form_of_a_long_pathway_fails_validation():
    d = sf.steady_state(sf.reaction_network(_pathway(40)))
    assert d.validate(points=3).status == "passed"
    name = "c_X20"
    wrong = dataclasses.replace(d, results={**d.results, name: d[name] * (1 + sympy.Rational(
        1, 10**6))}, compact={k: v for k, v in d.compact.items() if k != name})
    report = wrong.validate(points=3)
    assert report.status == "failed"
    assert [v.name for v in report.verdicts if v.verdict == "failed"] == [name]

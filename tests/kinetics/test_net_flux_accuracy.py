"""A net flux's compact form keeps its digits where the one-way fluxes nearly cancel."""

import numpy as np
import pytest
import sympy

import symflux as sf


def _worst_kernel_error(d, name, points=5, spread=3.0, seed=0):
    """Largest relative error of the (compact-form) kernel against exact rationals."""
    rng = np.random.default_rng(seed)
    symbols = sorted(d.results[name].free_symbols, key=str)
    worst = 0.0
    for _ in range(points):
        values = {s: float(10 ** rng.uniform(-spread, spread)) for s in symbols}
        exact = d.results[name].xreplace({s: sympy.Rational(v) for s, v in values.items()})
        got = float(d.kernel(name)(**{s.name: v for s, v in values.items()}))
        worst = max(worst, abs(got - float(exact)) / abs(float(exact)))
    return worst


def test_a_ring_net_flux_kernel_is_exact_to_rounding():
    # 40 states: each one-way flux is a sum of 40 trees, the net flux Π k⁺ − Π k⁻ over Σ;
    # subtracting the one-way sums (the earlier compact form) left ~1e-12 here
    n = 40
    d = sf.steady_state(sf.kinetic_graph([f"{i} <-> {(i + 1) % n}" for i in range(n)]))
    assert sympy.fraction(d.compact["J_01"])[0].count_ops() < 2 * n  # two products only
    assert _worst_kernel_error(d, "J_01") < 1e-14


@pytest.mark.parametrize("lines", [
    ["1 <-> 2", "2 <-> 3", "3 <-> 1"],
    ["1 <-> 2", "2 <-> 3", "3 <-> 4", "4 <-> 1", "1 <-> 3"],
    [f"{i} <-> {(i + 1) % 8}" for i in range(8)] + ["0 <-> 4"],
    [f"{i} <-> {(i + 1) % 20}" for i in range(20)],
])
def test_the_compact_net_flux_equals_the_expanded_one(lines):
    # same numerator polynomial and same denominator polynomial, term by term
    d = sf.steady_state(sf.kinetic_graph(lines))
    for name in (n for n in d.results if n.startswith("J_")):
        (a, b), (c, e) = sympy.fraction(d.compact[name]), sympy.fraction(d.results[name])
        assert sympy.expand(a) == sympy.expand(c) and sympy.expand(b) == sympy.expand(e), name

"""The numerical routes agree with each other and with exact small cases."""

import numpy as np
import pytest

import symflux as sf
from symflux.numerics import (
    generator_matrix,
    relax_to_stationarity,
    stationary_distribution,
)
from symflux.numerics.linear import tree_weights


def ring(n):
    return sf.kinetic_graph([f"{i} <-> {i % n + 1}" for i in range(1, n + 1)])


@pytest.mark.parametrize("n", [3, 5, 12])
def test_routes_agree(n):
    G = ring(n)
    rng = np.random.default_rng(n)
    values = {d["rate"]: float(10 ** rng.uniform(-2, 2)) for _, _, d in G.edges(data=True)}
    gth = stationary_distribution(G, values)
    svd = stationary_distribution(G, values, method="svd")
    ode = relax_to_stationarity(G, values)
    for s in G:
        assert gth[s] == pytest.approx(svd[s], rel=1e-7, abs=1e-13)
        assert gth[s] == pytest.approx(ode[s], rel=1e-6, abs=1e-12)
    Q, states = generator_matrix(G, values)
    p = np.array([gth[s] for s in states])
    assert np.abs(p @ Q).max() < 1e-12 * np.abs(Q).max()


def test_gth_keeps_relative_precision_of_tiny_probabilities():
    # a chain whose last state is suppressed by a factor 1e-24: p_i ∝ 1e-6**i
    G = sf.kinetic_graph(["1 <-> 2 : a, b", "2 <-> 3 : a, b", "3 <-> 4 : a, b", "4 <-> 5 : a, b"])
    p = stationary_distribution(G, {"a": 1e-6, "b": 1.0})
    assert p["5"] / p["1"] == pytest.approx(1e-24, rel=1e-12)


def test_tree_weights_two_states_exact():
    G = sf.kinetic_graph(["1 <-> 2"])
    w = tree_weights(G, {"k_12": 2.0, "k_21": 5.0})
    assert w == {"1": pytest.approx(5.0, rel=1e-15), "2": pytest.approx(2.0, rel=1e-15)}


def test_missing_value_is_named():
    with pytest.raises(sf.ValidationError, match=r"k_\{13\}, k_\{21\}, k_\{23\}"):
        stationary_distribution(ring(3), {"k_12": 1.0})

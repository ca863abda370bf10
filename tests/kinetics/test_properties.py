"""Property tests over random strongly connected schemes with random positive rates."""

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.kinetics import kinetic_model
from symflux.kinetics.stationary import flux_name
from symflux.kinetics.topology import spanning_tree
from symflux.numerics import numeric_rates, stationary_distribution
from symflux.testing.strategies import kinetic_schemes

schemes = kinetic_schemes  # the shared strategy (symflux.testing.strategies)


def rate_values(G, seed):
    rng = np.random.default_rng(seed)
    return {d["rate"]: float(10 ** rng.uniform(-2, 2)) for _, _, d in G.edges(data=True)}


def evaluate(derivation, name, values):
    return derivation.kernel(name)(values)


@given(schemes(), st.integers(0, 2**32 - 1))
def test_closed_form_equals_null_space(G, seed):
    values = rate_values(G, seed)
    d = sf.steady_state(G)
    # GTH keeps full relative precision even for probabilities of 1e-11; the SVD
    # null vector is accurate only relative to the largest entry.
    p = stationary_distribution(G, values, method="gth")
    p_svd = stationary_distribution(G, values, method="svd")
    for s in G:
        closed = evaluate(d, f"p_{s}", values)
        assert np.isclose(closed, p[s], rtol=1e-9, atol=0)
        assert np.isclose(closed, p_svd[s], rtol=1e-6, atol=1e-12)


@given(schemes(max_states=5, allow_irreversible=True), st.integers(0, 2**32 - 1))
def test_edge_fluxes_are_sums_of_hill_and_of_chord_fluxes(G, seed):
    if not nx.is_strongly_connected(G):
        return
    values = rate_values(G, seed)
    model = kinetic_model(G)
    p = stationary_distribution(G, values)
    k = numeric_rates(G, values)
    hill = sf.cycle_fluxes(G)
    found = sf.cycles(G)
    J_hill = [evaluate(hill, f"J_c{i}", values) for i in range(1, len(found) + 1)]
    basis = sf.fundamental_cycles(G)
    _, chords = spanning_tree(model)
    # Round-off of the cycle sums is relative to the largest fluxes in the scheme,
    # not to the one-way fluxes of a quiet edge (which can be 1e-7 of them).
    activity = max(p[u] * rate for (u, _, _), rate in k.items())
    for t in model.transitions:
        J = p[t.u] * k[t.forward] - p[t.v] * k.get(t.backward, 0.0)
        scale = p[t.u] * k[t.forward] + p[t.v] * k.get(t.backward, 0.0) + 1e-6 * activity
        by_hill = sum(c.sign(t) * j for c, j in zip(found, J_hill, strict=True))
        chord_flux = {
            ch: p[ch.u] * k[ch.forward] - p[ch.v] * k.get(ch.backward, 0.0) for ch in chords
        }
        by_chords = sum(c.sign(t) * c.sign(ch) * chord_flux[ch]
                        for c, ch in zip(basis, chords, strict=True))
        assert abs(by_hill - J) <= 1e-9 * scale
        assert abs(by_chords - J) <= 1e-9 * scale


# Each example compiles several kernels (~2 s), hence fewer examples than elsewhere.
@settings(max_examples=15)
@given(schemes(max_states=5), st.integers(0, 2**32 - 1))
def test_entropy_production_nonnegative_and_both_forms_agree(G, seed):
    values = rate_values(G, seed)
    ep = sf.entropy_production(G)
    sigma, sigma_edges = (evaluate(ep, n, values) for n in ("sigma", "sigma_edges"))
    hill = sf.cycle_fluxes(G)
    sigma_hill = sum(
        evaluate(hill, f"J_c{i}", values) * np.log(
            float(np.prod([values[G.edges[e]["rate"]] for e in c.forward_edges]))
            / float(np.prod([values[G.edges[e]["rate"]] for e in c.backward_edges])))
        for i, c in enumerate(sf.cycles(G), start=1)
    )
    scale = max(abs(sigma), 1e-12)
    assert sigma >= -1e-12
    assert abs(sigma - sigma_edges) <= 1e-8 * scale
    assert abs(sigma - sigma_hill) <= 1e-8 * scale


@settings(max_examples=20)
@given(schemes(max_states=5), st.integers(0, 2**32 - 1))
def test_wegscheider_rates_give_zero_flux_everywhere(G, seed):
    # Rates from state energies and transition barriers satisfy every cycle condition.
    rng = np.random.default_rng(seed)
    energy = {s: rng.uniform(-3, 3) for s in G}
    values = {}
    for u, _, key, d in G.edges(keys=True, data=True):
        barrier = 4.0 + (hash(key) % 7) * 0.3
        values[d["rate"]] = float(np.exp(-(barrier - energy[u])))
    assert sf.is_detailed_balanced(G, values)
    d = sf.steady_state(G)
    model = kinetic_model(G)
    for t in model.transitions:
        name = flux_name(model, t)
        one_way = evaluate(d, f"p_{t.u}", values) * values[model.rates[t.forward]]
        assert abs(evaluate(d, name, values)) <= 1e-9 * one_way
    assert abs(evaluate(sf.entropy_production(G), "sigma", values)) <= 1e-9
    eq = sf.equilibrium_distribution(G)
    p = stationary_distribution(G, values)
    for s in G:
        assert np.isclose(evaluate(eq, f"p_{s}", values), p[s], rtol=1e-9)

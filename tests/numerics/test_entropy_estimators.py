"""Entropy production from trajectories converges to the closed form, and says what it hides."""

import networkx as nx
import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.numerics import (
    estimate_entropy_production,
    generator_matrix,
    path_log_ratio,
    simulate,
    simulate_ensemble,
    stationary_distribution,
)

CYCLE = ["1 <-> 2", "2 <-> 3", "3 <-> 1"]
RATES = {"k_12": 2.0, "k_21": 1.0, "k_23": 3.0, "k_32": 1.0, "k_31": 4.0, "k_13": 0.5}
# k12 k23 k31 = 1 = k21 k32 k13: the Wegscheider condition holds
BALANCED = {"k_12": 2.0, "k_21": 1.0, "k_23": 0.25, "k_32": 4.0, "k_31": 2.0, "k_13": 0.25}


def sigma_closed_form(values):
    d = sf.entropy_production(sf.kinetic_graph(CYCLE))
    k = d.kernel("sigma")
    by_name = {sf.symbol(n).name: v for n, v in values.items()}
    return float(k({p: by_name[p] for p in k.parameters}))


@pytest.fixture(scope="module")
def long_run():
    G = sf.kinetic_graph(CYCLE)
    return simulate(G, RATES, t_max=3e4, seed=7)


def test_plugin_converges_to_sigma(long_run):
    sigma = sigma_closed_form(RATES)
    est = estimate_entropy_production(long_run, n_batches=30)
    assert est.method == "plugin" and est.bound == "estimate"
    assert est.unobserved == () and est.pseudocount is None
    assert abs(est.z_score(sigma)) < 4, (est, sigma)
    assert est.stderr < 0.05 * sigma
    assert abs(est.z_score(1.15 * sigma)) > 4  # it can tell a 15 % error
    assert "σ̂ (plugin)" in str(est)


def test_plugin_on_an_ensemble(long_run):
    G = sf.kinetic_graph(CYCLE)
    ens = simulate_ensemble(G, RATES, t_max=300.0, n_trajectories=60, seed=8,
                            start={"1": 1, "2": 1, "3": 1})
    est = estimate_entropy_production(ens, burn_in=0.05)
    assert est.batches == 60
    assert abs(est.z_score(sigma_closed_form(RATES))) < 4


def test_wegscheider_rates_give_sigma_compatible_with_zero():
    assert sigma_closed_form(BALANCED) == pytest.approx(0.0, abs=1e-12)
    tr = simulate(sf.kinetic_graph(CYCLE), BALANCED, t_max=2e4, seed=3)
    est = estimate_entropy_production(tr)
    assert est.value >= 0 and abs(est.z_score(0.0)) < 4
    assert est.value < 0.01
    # the path log-ratio telescopes at detailed balance: only boundary terms remain
    path = estimate_entropy_production(tr, "path")
    assert abs(path.value) * tr.duration < 10


def test_path_log_ratio_is_entropy_flow_and_averages_to_sigma(long_run):
    sigma = sigma_closed_form(RATES)
    est = estimate_entropy_production(long_run, "path")
    assert abs(est.z_score(sigma)) < 4
    n = long_run.jump_counts()
    k = dict(zip(long_run.channels, long_run.scheme.rates, strict=True))
    by_hand = sum(c * np.log(k[(u, v, key)] / k[(v, u, key)]) for (u, v, key), c in n.items())
    assert path_log_ratio(long_run) == pytest.approx(by_hand, rel=1e-10)
    # with the stationary distribution the boundary term ln p(x0)/p(xT) is added
    p = stationary_distribution(sf.kinetic_graph(CYCLE), RATES)
    x0, xT = long_run.visited()[0], long_run.visited()[-1]
    assert path_log_ratio(long_run, p) == pytest.approx(
        by_hand + np.log(p[x0] / p[xT]), rel=1e-10)


def exact_kld_rate(values, dt):
    """d/Δt of the chain sampled every Δt, from P = exp(QΔt): numerics, not simulation."""
    Q, states = generator_matrix(sf.kinetic_graph(CYCLE), values)
    p = stationary_distribution(sf.kinetic_graph(CYCLE), values)
    flow = np.array([p[s] for s in states])[:, None] * scipy.linalg.expm(Q * dt)
    return 0.5 * float(np.sum((flow - flow.T) * np.log(flow / flow.T))) / dt


def test_kld_is_below_sigma_and_rises_as_dt_shrinks(long_run):
    sigma = sigma_closed_form(RATES)
    previous = 0.0
    for dt in (0.2, 0.1, 0.05):
        est = estimate_entropy_production(long_run, "kld", dt=dt)
        assert est.bound == "lower bound" and est.dt == dt and est.block == 2
        assert est.value + 4 * est.stderr < sigma
        assert est.value > previous + 2 * est.stderr
        assert abs(est.z_score(exact_kld_rate(RATES, dt))) < 4
        previous = est.value
    # a Markov chain sampled with every state visible: longer blocks add nothing
    m3 = estimate_entropy_production(long_run, "kld", dt=0.05, block=3)
    assert abs(m3.z_score(exact_kld_rate(RATES, 0.05))) < 4


def test_unobserved_reverse_transitions_are_reported_not_hidden():
    rates = {**RATES, "k_13": 1e-6}
    tr = simulate(sf.kinetic_graph(CYCLE), rates, t_max=500.0, seed=1)
    n = tr.jump_counts()
    assert n[("1", "3", 0)] == 0 and n[("3", "1", 0)] > 0
    est = estimate_entropy_production(tr)
    assert est.unobserved == (("3", "1", 0),)
    assert est.bound == "lower bound" and np.isfinite(est.value) and est.value > 0
    assert any("reverse never observed for 3→1" in note for note in est.notes)
    smoothed = estimate_entropy_production(tr, pseudocount=0.5)
    assert smoothed.pseudocount == 0.5 and smoothed.bound == "estimate"
    assert smoothed.value > est.value and np.isfinite(smoothed.value)
    assert "pseudocount 0.5" in str(smoothed)
    # a nearly irreversible cycle sampled finely: forward blocks are never seen reversed
    one_way = {**RATES, "k_21": 1e-6, "k_32": 1e-6, "k_13": 1e-6}
    tr = simulate(sf.kinetic_graph(CYCLE), one_way, t_max=100.0, seed=1)
    kld = estimate_entropy_production(tr, "kld", dt=0.01)
    assert np.isfinite(kld.value) and np.isfinite(kld.stderr)
    assert set(kld.unobserved) >= {("1", "2"), ("2", "3")}
    assert "never seen reversed" in str(kld)
    plug = estimate_entropy_production(tr)
    assert plug.value == 0.0 and len(plug.unobserved) == 3 and plug.bound == "lower bound"


def test_irreversible_channel_is_named():
    G = nx.MultiDiGraph()
    G.add_edge("1", "2", rate=1.0)
    G.add_edge("2", "1", rate=1.0)
    G.add_edge("2", "3", rate=1.0)
    G.add_edge("3", "2", rate=1.0)
    G.add_edge("3", "1", rate=1.0)  # no 1 → 3
    tr = simulate(G, t_max=200.0, seed=0)
    est = estimate_entropy_production(tr)
    assert est.irreversible == (("3", "1", 0),) and est.bound == "lower bound"
    assert "σ is infinite" in str(est)
    with pytest.raises(sf.InfiniteAffinity, match="3→1"):
        path_log_ratio(tr)


def test_bad_requests_are_named(long_run):
    with pytest.raises(sf.EstimationError, match="unknown method 'magic'"):
        estimate_entropy_production(long_run, "magic")
    with pytest.raises(sf.EstimationError, match="dt"):
        estimate_entropy_production(long_run, "kld")
    with pytest.raises(sf.EstimationError, match="block"):
        estimate_entropy_production(long_run, "kld", dt=0.1, block=1)
    with pytest.raises(sf.EstimationError, match="fewer than"):
        estimate_entropy_production(long_run, "kld", dt=5000.0)


def test_error_bars_are_honest():
    # over independent runs the z-scores should look standard normal: an error bar
    # that is too small (or too large) shows up as a spread far from 1
    G = sf.kinetic_graph(CYCLE)
    sigma = sigma_closed_form(RATES)
    p1 = stationary_distribution(G, RATES)["1"]
    z_sigma, z_p = [], []
    for seed in range(40):
        tr = simulate(G, RATES, t_max=1000.0, seed=seed, start={"1": 1, "2": 1, "3": 1})
        z_sigma.append(estimate_entropy_production(tr).z_score(sigma))
        z_p.append(sf.occupation_estimates(tr)["1"].z_score(p1))
    for z in (np.array(z_sigma), np.array(z_p)):
        assert 0.7 < z.std() < 1.4 and abs(z.mean()) < 0.6, (z.mean(), z.std())


@settings(max_examples=6)
@given(n=st.integers(3, 5), chords=st.integers(0, 2), seed=st.integers(0, 2**32 - 1))
def test_plugin_and_path_match_the_linear_route_on_random_schemes(n, chords, seed):
    from symflux.derivation import Quantity
    from symflux.numerics.kinetic_quantities import evaluate_quantities

    rng = np.random.default_rng(seed)
    G = nx.MultiDiGraph()
    pairs = [(i, (i + 1) % n) for i in range(n)]
    pairs += [tuple(rng.choice(n, 2, replace=False)) for _ in range(chords)]
    for key, (a, b) in enumerate(pairs):  # chords may be parallel channels: own keys
        G.add_edge(str(a), str(b), key=key, rate=float(10 ** rng.uniform(-0.5, 0.5)))
        G.add_edge(str(b), str(a), key=key, rate=float(10 ** rng.uniform(-0.5, 0.5)))
    sigma = evaluate_quantities(G, {"s": Quantity("entropy_production")}, {})["s"][0]
    ens = simulate_ensemble(G, n_jumps=5000, n_trajectories=40, seed=seed,
                            start={s: 1.0 for s in G})
    for method in ("plugin", "path"):
        est = estimate_entropy_production(ens, method, burn_in=0.1)
        assert est.unobserved == () and est.bound == "estimate"
        assert abs(est.z_score(sigma)) < 5, (method, est, sigma)

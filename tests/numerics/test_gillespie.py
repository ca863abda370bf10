"""Gillespie simulation: exact algorithm, right statistics, reproducible, clean stops."""

import networkx as nx
import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.numerics import (
    net_flux_estimates,
    occupation_estimates,
    simulate,
    simulate_ensemble,
)
from symflux.numerics.jump_chain import compile_scheme, jump_chain

CYCLE = ["1 <-> 2", "2 <-> 3", "3 <-> 1"]
RATES = {"k_12": 2.0, "k_21": 1.0, "k_23": 3.0, "k_32": 1.0, "k_31": 4.0, "k_13": 0.5}


def closed_form(derivation, name, values):
    k = derivation.kernel(name)
    by_name = {sf.symbol(n).name: v for n, v in values.items()}
    return float(k({p: by_name[p] for p in k.parameters}))


def sequential_reference(scheme, start, uniforms):
    """The direct method, one jump at a time, written plainly: walk the channels
    leaving the current state until their cumulative rate passes u · r."""
    out, s = [], start
    for u in uniforms:
        outgoing = [c for c in range(len(scheme.channels)) if scheme.source[c] == s]
        total = sum(scheme.rates[c] for c in outgoing)
        acc, chosen = 0.0, outgoing[-1]
        for c in outgoing:
            acc += scheme.rates[c]
            if u < acc / total:
                chosen = c
                break
        out.append(chosen)
        s = scheme.target[chosen]
    return out


@settings(max_examples=15)
@given(n=st.integers(2, 6), extra=st.integers(0, 4), seed=st.integers(0, 2**32 - 1),
       block=st.integers(1, 50))
def test_blocked_jump_chain_is_the_sequential_direct_method(n, extra, seed, block):
    rng = np.random.default_rng(seed)
    G = nx.MultiDiGraph()
    pairs = [(i, (i + 1) % n) for i in range(n)]
    pairs += [tuple(rng.choice(n, 2, replace=False)) for _ in range(extra)]  # chords, parallels
    for a, b in pairs:
        G.add_edge(str(a), str(b), rate=float(10 ** rng.uniform(-2, 2)))
        G.add_edge(str(b), str(a), rate=float(10 ** rng.uniform(-2, 2)))
    values = {}
    scheme = compile_scheme(G, values)
    U = rng.random((2, 300))
    starts = np.array([0, n - 1])
    got = jump_chain(scheme, starts, U, block=block)
    for m in range(2):
        assert got[m].tolist() == sequential_reference(scheme, starts[m], U[m])


def test_three_state_cycle_occupation_and_cycle_flux_match_closed_form():
    G = sf.kinetic_graph(CYCLE)
    d = sf.steady_state(G)
    ens = simulate_ensemble(G, RATES, t_max=400.0, n_trajectories=40, seed=11,
                            start={"1": 1, "2": 1, "3": 1})
    occ = occupation_estimates(ens, burn_in=0.05)
    for s in "123":
        exact = closed_form(d, f"p_{s}", RATES)
        assert abs(occ[s].z_score(exact)) < 4, (s, occ[s], exact)
        assert occ[s].stderr < 0.01
    flux = net_flux_estimates(ens, burn_in=0.05)
    J = closed_form(d, "J_12", RATES)
    assert J > 0.5
    for edge in [("1", "2", 0), ("2", "3", 0), ("3", "1", 0)]:
        assert abs(flux[edge].z_score(J)) < 4, (edge, flux[edge], J)
    # the estimates do discriminate: a 10 % error in J would be seen
    assert abs(flux[("1", "2", 0)].z_score(1.1 * J)) > 4


def test_single_long_trajectory_batch_means():
    G = sf.kinetic_graph(CYCLE)
    d = sf.steady_state(G)
    tr = simulate(G, RATES, t_max=2e4, seed=5)
    occ = occupation_estimates(tr, n_batches=25)
    assert all(abs(occ[s].z_score(closed_form(d, f"p_{s}", RATES))) < 4 for s in "123")
    # the raw fractions agree with the batched estimate, which pools the same data
    raw = tr.occupation_fractions()
    assert all(raw[s] == pytest.approx(occ[s].value, rel=1e-12) for s in "123")


def test_dwell_times_of_the_two_state_channel_are_exponential():
    G = sf.kinetic_graph(["C <-> O : k_o, k_c"])
    values = {"k_o": 2.0, "k_c": 5.0}
    tr = simulate(G, values, t_max=2000.0, seed=2024)
    for state, mean in [("C", 1 / 2.0), ("O", 1 / 5.0)]:
        dwell = tr.dwell_times(state)
        assert len(dwell) > 1000
        assert scipy.stats.kstest(dwell, "expon", args=(0, mean)).pvalue > 0.01
        # the test has power: a 10 % wrong mean is rejected
        assert scipy.stats.kstest(dwell, "expon", args=(0, 1.1 * mean)).pvalue < 0.01
        se = dwell.std(ddof=1) / np.sqrt(len(dwell))
        assert abs(dwell.mean() - mean) < 4 * se


def test_parallel_edges_are_distinct_channels():
    G = sf.kinetic_graph(["E <-> ES : k_1*S, k_{-1} [S]", "ES <-> E : k_2, k_{-2}*P [P]"])
    values = {"k_1": 1.0, "S": 2.0, "k_{-1}": 1.0, "k_2": 3.0, "k_{-2}": 0.5, "P": 2.0}
    tr = simulate(G, values, n_jumps=20000, seed=3)
    n = tr.jump_counts()
    assert set(n) == {("E", "ES", "S"), ("ES", "E", "S"), ("ES", "E", "P"), ("E", "ES", "P")}
    # leaving E: by S binding (rate 2) or by P binding (rate 1), a binomial split
    leave = n[("E", "ES", "S")] + n[("E", "ES", "P")]
    frac = n[("E", "ES", "S")] / leave
    assert abs(frac - 2 / 3) < 4 * np.sqrt(2 / 9 / leave)
    # and each jump's channel agrees with the states it connects
    for (u, v, _), a, b in zip(tr.edges()[:50], tr.visited()[:50], tr.visited()[1:51],
                               strict=True):
        assert (u, v) == (a, b)


def test_seed_reproducibility():
    G = sf.kinetic_graph(CYCLE)
    a = simulate(G, RATES, t_max=50.0, seed=9)
    b = simulate(G, RATES, t_max=50.0, seed=9)
    c = simulate(G, RATES, t_max=50.0, seed=10)
    assert np.array_equal(a.path, b.path) and np.array_equal(a.times, b.times)
    assert not (len(a.times) == len(c.times) and np.array_equal(a.times, c.times))
    e1 = simulate_ensemble(G, RATES, n_jumps=100, n_trajectories=5, seed=1)
    e2 = simulate_ensemble(G, RATES, n_jumps=100, n_trajectories=5, seed=1)
    assert all(np.array_equal(x.jumps, y.jumps) for x, y in zip(e1, e2, strict=True))
    assert not np.array_equal(e1[0].jumps, e1[1].jumps)


def test_t_max_and_n_jumps_windows():
    G = sf.kinetic_graph(CYCLE)
    tr = simulate(G, RATES, t_max=30.0, seed=4, start="2")
    assert tr.visited()[0] == "2" and tr.duration == 30.0
    assert (np.diff(tr.times) > 0).all() and tr.times[-1] <= 30.0
    tr = simulate(G, RATES, n_jumps=777, seed=4)
    assert tr.n_jumps == 777 and tr.t_end == tr.times[-1]
    parts = tr.split(7)
    assert sum(p.n_jumps for p in parts) == 777
    assert sum(p.duration for p in parts) == pytest.approx(tr.duration)
    occ = sum(p.occupation_times() for p in parts)
    assert np.allclose(occ, tr.occupation_times())
    x = tr.sample(0.1)
    assert len(x) == int(tr.duration / 0.1) + 1
    for k in range(0, len(x), 37):  # the state at k·Δt is the one after the last jump before
        jumps_before = sum(1 for t in tr.times if t <= k * 0.1)
        assert x[k] == tr.path[jumps_before]


def test_absorbing_state_stops_cleanly():
    G = nx.MultiDiGraph()
    G.add_edge("A", "B", rate=1.0)
    G.add_edge("B", "A", rate=1.0)
    G.add_edge("B", "dead", rate=0.5)
    tr = simulate(G, t_max=1e6, seed=0)
    assert tr.absorbed and tr.visited()[-1] == "dead"
    assert "'dead' is absorbing" in tr.message
    assert tr.duration == 1e6 and np.isfinite(tr.times).all()
    assert "absorbed in 'dead'" in repr(tr)
    ens = simulate_ensemble(G, n_jumps=10**5, n_trajectories=3, seed=0)
    assert all(t.absorbed and t.n_jumps < 10**5 for t in ens)
    with pytest.raises(sf.EstimationError, match="absorbed"):
        sf.estimate_entropy_production(tr)


def test_bad_input_is_named():
    G = sf.kinetic_graph(CYCLE)
    with pytest.raises(sf.SimulationError, match="exactly one of t_max"):
        simulate(G, RATES, t_max=1.0, n_jumps=3)
    with pytest.raises(sf.SimulationError, match="exactly one of t_max"):
        simulate(G, RATES)
    with pytest.raises(sf.GraphError, match="'4' is not a state"):
        simulate(G, RATES, t_max=1.0, start="4")
    with pytest.raises(sf.RateError, match="1 → 2"):
        simulate(G, {**RATES, "k_12": -1.0}, t_max=1.0)
    with pytest.raises(sf.ValidationError, match="k_"):
        simulate(G, {"k_12": 1.0}, t_max=1.0)
    with pytest.raises(sf.SimulationError, match="max_jumps"):
        simulate(G, RATES, t_max=1e9, max_jumps=1000)


def test_blocked_jump_chain_with_an_absorbing_state():
    G = nx.MultiDiGraph()
    for a, b, r in [("A", "B", 1.0), ("B", "A", 2.0), ("B", "C", 0.3), ("C", "B", 1.0),
                    ("C", "dead", 0.2)]:
        G.add_edge(a, b, rate=r)
    scheme = compile_scheme(G)
    U = np.random.default_rng(5).random((3, 400))
    starts = np.array([0, 1, 2])
    reference = jump_chain(scheme, starts, U, block=400)
    assert (reference >= len(scheme.channels)).any()  # some chain was absorbed
    for block in (1, 7, 64):
        assert np.array_equal(jump_chain(scheme, starts, U, block=block), reference)
    # once absorbed, a chain stays: the code C + s repeats
    row = reference[(reference >= len(scheme.channels)).any(axis=1)][0]
    first = np.flatnonzero(row >= len(scheme.channels))[0]
    assert (row[first:] == row[first]).all()


@settings(max_examples=8)
@given(n=st.integers(2, 5), chords=st.integers(0, 3), seed=st.integers(0, 2**32 - 1))
def test_occupation_matches_the_linear_route_on_random_schemes(n, chords, seed):
    # independent check against GTH state reduction; |z| < 5 with 40 independent
    # trajectories keeps a false alarm below 1e-4 per state
    from symflux.numerics import stationary_distribution

    rng = np.random.default_rng(seed)
    G = nx.MultiDiGraph()
    pairs = [(i, (i + 1) % n) for i in range(n - 1)]  # a chain, plus random chords
    pairs += [tuple(rng.choice(n, 2, replace=False)) for _ in range(chords)]
    for a, b in pairs:
        G.add_edge(str(a), str(b), rate=float(10 ** rng.uniform(-0.5, 0.5)))
        G.add_edge(str(b), str(a), rate=float(10 ** rng.uniform(-0.5, 0.5)))
    exact = stationary_distribution(G, {})
    ens = simulate_ensemble(G, n_jumps=4000, n_trajectories=40, seed=seed,
                            start={s: 1.0 for s in G})
    occ = occupation_estimates(ens, burn_in=0.1)
    for s in G:
        assert abs(occ[s].z_score(exact[s])) < 5, (s, occ[s], exact[s])


@pytest.mark.parametrize("options, message", [
    ({"t_max": "10"}, "t_max must be a positive finite duration"),
    ({"n_jumps": "5"}, "n_jumps must be a positive integer"),
    ({"n_jumps": 2.5}, "n_jumps must be a positive integer"),
    ({"n_jumps": 50, "max_jumps": 10}, "n_jumps=50 is more than max_jumps=10"),
    ({"t_max": 1.0, "n_trajectories": "3"}, "n_trajectories must be a positive integer"),
    ({"t_max": 1.0, "n_trajectories": 10**7}, "simulate_trajectories"),
])
def test_bad_lengths_and_counts_are_named_errors(options, message):
    from symflux.numerics.gillespie import simulate_ensemble

    G = sf.kinetic_graph(["C <-> O : k_o, k_c"])
    with pytest.raises(sf.SymfluxError, match=message):
        simulate_ensemble(G, {"k_o": 1.0, "k_c": 3.0}, seed=1, **options)

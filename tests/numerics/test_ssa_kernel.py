"""The compiled SSA loop and the NumPy jump chain give the same trajectories for a seed."""

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symflux.numerics import simulate, simulate_ensemble, ssa_kernel
from symflux.numerics.jump_chain import compile_scheme

pytest.importorskip("numba")


def random_scheme(n, chords, absorbing, seed):
    rng = np.random.default_rng(seed)
    G = nx.MultiDiGraph()
    pairs = [(i, (i + 1) % n) for i in range(n)]
    pairs += [tuple(rng.choice(n, 2, replace=False)) for _ in range(chords)]
    for a, b in pairs:
        G.add_edge(str(a), str(b), rate=float(10 ** rng.uniform(-1, 1)))
        G.add_edge(str(b), str(a), rate=float(10 ** rng.uniform(-1, 1)))
    if absorbing:
        G.add_edge("0", "dead", rate=0.05)
    return G


def both_paths(run):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ssa_kernel, "COMPILED", True)
        compiled = run()
        mp.setattr(ssa_kernel, "COMPILED", False)
        vectorised = run()
    return compiled, vectorised


def same(a, b):
    return (np.array_equal(a.path, b.path) and np.array_equal(a.jumps, b.jumps)
            and np.array_equal(a.times, b.times) and a.absorbed == b.absorbed
            and a.t_end == b.t_end)


@settings(max_examples=15)
@given(n=st.integers(2, 12), chords=st.integers(0, 6), absorbing=st.booleans(),
       seed=st.integers(0, 2**32 - 1), by_time=st.booleans())
def test_compiled_and_numpy_paths_give_identical_trajectories(n, chords, absorbing, seed,
                                                              by_time):
    G = random_scheme(n, chords, absorbing, seed)
    length = {"t_max": 50.0} if by_time else {"n_jumps": 300}
    a, b = both_paths(lambda: simulate_ensemble(G, n_trajectories=5, seed=seed,
                                                start={"0": 1, "1": 1}, **length))
    assert all(same(x, y) for x, y in zip(a, b, strict=True))


def test_identical_single_long_trajectory():
    G = random_scheme(30, 10, False, 7)
    a, b = both_paths(lambda: simulate(G, n_jumps=50_000, seed=11))
    assert same(a, b) and a.n_jumps == 50_000


def test_exit_table_rows_are_the_out_channels_of_each_state():
    G = random_scheme(5, 3, True, 1)
    scheme = compile_scheme(G)
    offsets, cumulative, channel = ssa_kernel.exit_table(scheme)
    for s in range(len(scheme.states)):
        row = channel[offsets[s]:offsets[s + 1]]
        out = np.flatnonzero(scheme.source == s)
        if len(out) == 0:  # absorbing: one entry, the code C + s, never taken below 2
            assert row.tolist() == [len(scheme.channels) + s]
            assert cumulative[offsets[s]] == 2.0
            continue
        assert sorted(row.tolist()) == sorted(out.tolist())
        p = np.diff(cumulative[offsets[s]:offsets[s + 1]], prepend=0.0)
        assert np.allclose(p, scheme.rates[row] / scheme.exit[s])
        assert cumulative[offsets[s + 1] - 1] == 1.0


def test_a_wrong_table_would_be_caught(monkeypatch):
    # The comparison above can fail: a loop that takes the *next* channel does differ.
    G = random_scheme(6, 2, False, 3)
    scheme = compile_scheme(G)
    offsets, cumulative, channel = ssa_kernel.exit_table(scheme)
    U = np.random.default_rng(0).random((1, 200))
    E = np.ones((1, 200))
    C, _, _ = ssa_kernel._advance_compiled(scheme, np.array([0]), U, E, np.zeros(1))
    monkeypatch.setattr(ssa_kernel, "exit_table",
                        lambda s: (offsets, np.roll(cumulative, 1), channel))
    wrong, _, _ = ssa_kernel._advance_compiled(scheme, np.array([0]), U, E, np.zeros(1))
    assert not np.array_equal(C, wrong)

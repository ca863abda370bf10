"""The time route at every stiffness: LSODA or Radau when mild, implicit Euler when stiff."""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.numerics import master_equation as me


def _ring(n, rng, spread):
    Q = np.zeros((n, n))
    for i in range(n):
        j = (i + 1) % n
        Q[i, j] = 10 ** rng.uniform(-spread, spread)
        Q[j, i] = 10 ** rng.uniform(-spread, spread)
    np.fill_diagonal(Q, -Q.sum(axis=1))
    return Q


def _stationary(Q):
    """Kirchhoff's rule for a ring, by the cycle formula in log space (no linear solve):
    p_i ∝ Σ over the n spanning trees into i, each a product of rates."""
    n = len(Q)
    p = np.zeros(n)
    for i in range(n):
        for cut in range(n):  # the ring edge left out of the tree, both directions
            # the tree into i without edge (cut, cut+1): every state flows toward i
            w = 1.0
            for s in range(n):
                if s == i:
                    continue
                # going clockwise from s reaches i before crossing the cut?
                steps_cw = (i - s) % n
                crosses = any((s + t) % n == cut for t in range(steps_cw))
                w *= Q[s, (s - 1) % n] if crosses else Q[s, (s + 1) % n]
            p[i] += w
    return p / p.sum()


@settings(max_examples=15, deadline=None)
@given(st.integers(3, 12), st.integers(0, 10_000), st.sampled_from([0.5, 2.0, 3.5]))
def test_relaxed_distribution_is_the_tree_formula(n, seed, spread):
    rng = np.random.default_rng(seed)
    Q = np.stack([_ring(n, rng, spread) for _ in range(2)])
    p, bad = me.relax_points(Q)
    # the one documented refusal: a point stiffer than STIFF_LIMIT (rates over 7 decades
    # can make one) is reported unconverged; every other point converges, and correctly
    gap = np.sort(np.abs(np.linalg.eigvals(Q).real), axis=1)[:, 1]
    activity = np.max(-np.diagonal(Q, axis1=1, axis2=2), axis=1)
    assert (bad == (activity > me.STIFF_LIMIT * gap)).all()
    for i in np.flatnonzero(~bad):
        want = _stationary(Q[i])
        assert np.allclose(p[i], want, rtol=1e-6, atol=1e-12 * want.max())


def test_stiff_points_take_the_implicit_route_and_are_fast():
    rng = np.random.default_rng(0)
    Q = np.stack([_ring(50, rng, 2.0) for _ in range(3)])
    eig = np.sort(np.abs(np.linalg.eigvals(Q).real), axis=1)
    stiffness = np.max(-np.diagonal(Q, axis1=1, axis2=2), axis=1) / eig[:, 1]
    assert (stiffness > me.STIFF).any()  # the case Radau spent its whole budget on
    start = time.monotonic()
    p, bad = me.relax_points(Q)
    assert time.monotonic() - start < 10
    assert not bad.any()
    for i in range(3):
        A = Q[i].T.copy()
        A[-1] = 1.0
        want = np.linalg.solve(A, np.eye(50)[-1])
        big = want > 1e-9 * want.max()
        assert np.allclose(p[i][big], want[big], rtol=1e-6)


@pytest.mark.slow  # a 20-state ring integrated at stiffness past 1e6
def test_a_wrong_closed_form_fails_the_ode_route_on_a_stiff_ring():
    # a 50-state ring at rates in [0.03, 30]: two of three points past STIFF (3.5e7, 1.4e8)
    n = 50
    G = sf.kinetic_graph([f"{i} <-> {i % n + 1}" for i in range(1, n + 1)])
    d = sf.steady_state(G)
    probabilities = [f"p_{i}" for i in range(1, n + 1)]
    wrong = dataclasses.replace(
        d, results={**d.results, **{p: 1.001 * d[p] for p in probabilities}},
        compact={**d.compact, **{p: 1.001 * d.compact[p] for p in probabilities}})
    # all inside STIFF_LIMIT (1.35e9), so the implicit route is judged at every point
    report = wrong.validate(points=3, routes=["ode"], low=0.03, high=30.0)
    failed = {c.name for c in report.failures()}
    assert failed and failed <= set(probabilities)
    right = d.validate(points=3, routes=["ode"], low=0.03, high=30.0)
    assert not right.failures()  # (tree sums have no time route: incomplete, not passed)
    assert any(v.verdict == "validated" for v in right.verdicts)


def test_a_point_that_does_not_relax_is_unconverged(monkeypatch):
    # one step of implicit Euler is not enough: the drift check must say so
    monkeypatch.setattr(me, "_implicit_euler", lambda Q, gap, act, x0, span: x0)
    rng = np.random.default_rng(1)
    Q = np.stack([_ring(30, rng, 2.5)])
    assert np.max(-np.diag(Q[0])) / np.sort(np.abs(np.linalg.eigvals(Q[0]).real))[1] > me.STIFF
    p, bad = me.relax_points(Q)
    assert bad.all() and np.isnan(p).all()


def test_a_point_whose_solve_broke_down_is_unconverged(monkeypatch):
    # a NaN entry has no flow through it, so it had no residual: a 100-state ring's stiff
    # point passed as converged with NaN probabilities, and every flux 'failed' (inf)
    def broken(Q, gap, act, x0, span):
        out = np.full_like(x0, 1.0 / len(x0))
        out[3] = np.nan
        return out

    monkeypatch.setattr(me, "_implicit_euler", broken)
    rng = np.random.default_rng(1)
    Q = np.stack([_ring(30, rng, 2.5)])
    p, bad = me.relax_points(Q)
    assert bad.all() and np.isnan(p).all()


def test_a_wrong_tiny_probability_fails_every_route():
    # p_3 ≈ 1e-12: measured against 1 (the old scale) any value near 0 passed
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    d = sf.steady_state(G)
    values = {"k_12": 1.0, "k_21": 2.0, "k_23": 1e-6, "k_32": 1e6, "k_31": 1e6, "k_13": 1e-6}
    wrong = dataclasses.replace(d, results={**d.results, "p_3": 2 * d["p_3"]},
                                compact={**d.compact, "p_3": 2 * d.compact["p_3"]})
    report = wrong.validate(points=2, values=values)
    assert {(c.name, c.route) for c in report.failures()} >= {("p_3", "linear")}
    # the time route resolves probabilities down to 1e-6 only: it says so, never "ok"
    ode = next(c for c in report.checks if (c.name, c.route) == ("p_3", "ode"))
    assert ode.passed is None and "resolution" in ode.note
    assert not d.validate(points=2, values=values).failures()


def test_a_point_stiffer_than_double_precision_resolves_is_unconverged():
    # stiffness 4e15: the smallest probabilities cannot be trusted to 1e-6
    Q = np.array([[[-1e-8, 1e-8, 0.0], [1e8, -2e8, 1e8], [0.0, 1e-8, -1e-8]]])
    assert np.max(-np.diagonal(Q, axis1=1, axis2=2)) / 1e-8 > me.STIFF_LIMIT
    p, bad = me.relax_points(Q)
    assert bad.all() and np.isnan(p).all()


@pytest.mark.parametrize("n", [4, 12])
def test_both_integrators_relax_to_the_tree_formula(monkeypatch, n):
    # the banded LSODA path (small schemes) and the sparse Radau path (large ones) must
    # each reach the stationary state on their own: force each on the same points
    rng = np.random.default_rng(5)
    Q = np.stack([_ring(n, rng, 1.5) for _ in range(4)])
    want = np.stack([_stationary(q) for q in Q])
    for limit in (0, 1000):
        monkeypatch.setattr(me, "BANDED_MAX_STATES", limit)
        p, bad = me.relax_points(Q)
        assert not bad.any()
        assert np.allclose(p, want, rtol=1e-6)


def test_a_large_ring_takes_the_sparse_route():
    rng = np.random.default_rng(2)
    n = me.BANDED_MAX_STATES + 6
    Q = np.stack([_ring(n, rng, 0.3) for _ in range(2)])
    p, bad = me.relax_points(Q)
    assert not bad.any()
    for i in range(2):
        assert np.allclose(p[i], _stationary(Q[i]), rtol=1e-6)


def test_the_banded_jacobian_is_the_block_diagonal_matrix():
    import scipy.linalg

    rng = np.random.default_rng(3)
    blocks = rng.normal(size=(3, 4, 4))
    band = me._banded(blocks)
    dense = scipy.linalg.block_diag(*blocks)
    x = rng.normal(size=12)
    # LAPACK band storage: row i - j + n - 1 of column j holds A[i, j]
    assert np.allclose(scipy.linalg.solve_banded((3, 3), band, x), np.linalg.solve(dense, x))


def test_a_swapped_rate_fails_the_banded_time_route():
    # K4 takes the LSODA path (at most BANDED_MAX_STATES states): p_1 with two rate
    # constants swapped must fail there, judged by the time route alone
    G = sf.kinetic_graph([f"{i} <-> {j}" for i in range(1, 5) for j in range(i + 1, 5)])
    d = sf.steady_state(G)
    k12, k21 = sf.symbol("k_{12}"), sf.symbol("k_{21}")
    swap = {k12: k21, k21: k12}
    wrong = dataclasses.replace(
        d, results={**d.results, "p_1": d["p_1"].xreplace(swap)},
        compact={**d.compact, "p_1": d.compact["p_1"].xreplace(swap)})
    assert me.BANDED_MAX_STATES >= 4
    report = wrong.validate(points=5, routes=["ode"])
    assert {c.name for c in report.failures()} == {"p_1"}
    assert not d.validate(points=5, routes=["ode"]).failures()

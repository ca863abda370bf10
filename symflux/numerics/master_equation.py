"""Time integration of the master equation, to follow relaxation or reach stationarity."""

from __future__ import annotations

import time
from collections.abc import Mapping

import networkx as nx
import numpy as np
from scipy.integrate import solve_ivp

from symflux.numerics.linear import generator_matrix
from symflux.numerics.outcomes import NotConverged

__all__ = ["integrate_master_equation", "relax_points", "relax_to_stationarity"]


def integrate_master_equation(
    G: nx.MultiDiGraph,
    values: Mapping,
    t_span: tuple[float, float],
    p0: Mapping | None = None,
    rate: str = "rate",
    **solver_options,
):
    """Solve ``dp/dt = Qᵀ p`` with a stiff method; returns scipy's solution object.

    ``p0`` maps states to initial probabilities (default: uniform).

    >>> from symflux import kinetic_graph
    >>> sol = integrate_master_equation(kinetic_graph(["1 <-> 2"]), {"k_12": 1, "k_21": 3},
    ...                                 (0.0, 20.0))
    >>> round(float(sol.y[0, -1]), 6)
    0.75
    """
    Q, states = generator_matrix(G, values, rate)
    n = len(states)
    x0 = (np.full(n, 1.0 / n) if p0 is None
          else np.array([float(p0.get(s, 0.0)) for s in states]))
    A = Q.T
    options = {"method": "Radau", "rtol": 1e-11, "atol": 1e-14, "jac": A}
    options.update(solver_options)
    return solve_ivp(lambda t, p: A @ p, t_span, x0, **options)


def relax_to_stationarity(G: nx.MultiDiGraph, values: Mapping, rate: str = "rate",
                          decades: float = 18.0) -> dict:
    """Integrate from the uniform distribution until transients decayed by ``10**-decades``.

    The slowest relaxation rate (the spectral gap of ``Q``) sets the horizon.

    >>> from symflux import kinetic_graph
    >>> p = relax_to_stationarity(kinetic_graph(["1 <-> 2"]), {"k_12": 1, "k_21": 3})
    >>> round(p["1"], 9)
    0.75
    """
    Q, states = generator_matrix(G, values, rate)
    if len(states) == 1:
        return {states[0]: 1.0}
    eig = np.linalg.eigvals(Q)
    nonzero = np.sort(np.abs(eig.real))[1:]
    gap = float(nonzero[0]) if nonzero.size and nonzero[0] > 0 else 1.0
    t_end = decades * np.log(10.0) / gap
    sol = integrate_master_equation(G, values, (0.0, t_end), rate=rate, t_eval=[t_end])
    if not sol.success:
        raise RuntimeError(f"master-equation integration failed: {sol.message}")
    p = np.clip(sol.y[:, -1], 0.0, None)
    return dict(zip(states, (p / p.sum()).tolist(), strict=True))


def _relax_one(Q: np.ndarray, p0: np.ndarray, deadline: float, decades: float) -> np.ndarray:
    A = Q.T
    eig = np.sort(np.abs(np.linalg.eigvals(Q).real))
    gap = float(eig[1]) if eig.size > 1 and eig[1] > 0 else 1.0
    horizon = decades * np.log(10.0) / gap
    activity = float(np.max(-np.diag(Q)))

    def rhs(_t, p):
        if time.perf_counter() > deadline:
            raise NotConverged("the per-point time budget ran out")
        return A @ p

    p, t = p0, 0.0
    for _ in range(4):
        sol = solve_ivp(rhs, (t, t + horizon), p, method="Radau", jac=A, rtol=1e-10,
                        atol=1e-15, t_eval=[t + horizon])
        if not sol.success:
            raise NotConverged(sol.message)
        t, p = t + horizon, np.clip(sol.y[:, -1], 0.0, None)
        p = p / p.sum()
        # stationary when the drift is negligible against the probability turnover
        if np.max(np.abs(A @ p)) <= 1e-11 * activity:
            return p
    raise NotConverged("no stationarity after four relaxation horizons")


def relax_points(Q: np.ndarray, *, budget: float = 10.0, seed: int = 0,
                 decades: float = 18.0) -> tuple[np.ndarray, np.ndarray]:
    """Integrate ``dp/dt = Qᵀ p`` at every point from a random initial distribution.

    ``Q`` is the stack of generators, shape ``(P, n, n)``. Each point is integrated
    with scipy's Radau method (analytic Jacobian ``Qᵀ``) over horizons set by the
    spectral gap until the drift ``|Qᵀ p|`` is negligible; a point that exhausts its
    ``budget`` (seconds) or its horizons is reported unconverged, never passed.

    Returns
    -------
    p : ndarray, shape (P, n)
        Stationary distributions (NaN where unconverged).
    unconverged : ndarray of bool, shape (P,)

    >>> Q = np.array([[[-1.0, 1.0], [3.0, -3.0]]])
    >>> p, bad = relax_points(Q)
    >>> p.round(9).tolist(), bad.tolist()
    ([[0.75, 0.25]], [False])
    """
    rng = np.random.default_rng(seed)
    P, n, _ = Q.shape
    out, bad = np.full((P, n), np.nan), np.zeros(P, dtype=bool)
    for i in range(P):
        p0 = rng.dirichlet(np.ones(n))
        try:
            out[i] = _relax_one(Q[i], p0, time.perf_counter() + budget, decades)
        except (NotConverged, np.linalg.LinAlgError, ValueError):
            bad[i] = True
    return out, bad

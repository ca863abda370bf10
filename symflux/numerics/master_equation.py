"""Time integration of the master equation, to follow relaxation or reach stationarity."""

from __future__ import annotations

import time
from collections.abc import Mapping

import networkx as nx
import numpy as np
from scipy.integrate import solve_ivp

from symflux.errors import ValidationError
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
        raise ValidationError(f"master-equation integration failed: {sol.message}")
    p = np.clip(sol.y[:, -1], 0.0, None)
    return dict(zip(states, (p / p.sum()).tolist(), strict=True))


def relax_points(Q: np.ndarray, *, budget: float = 10.0, seed: int = 0,
                 decades: float = 18.0) -> tuple[np.ndarray, np.ndarray]:
    """Integrate ``dp/dt = Qᵀ p`` at every point from a random initial distribution.

    ``Q`` is the stack of generators, shape ``(P, n, n)``. Each point's time is
    measured in units of its slowest relaxation time (``1/gap``, the spectral gap of
    its ``Q``), so that every point relaxes over the same span ``τ = 2 · decades ·
    ln 10``; all points are then integrated together as one block-diagonal system by
    scipy's Radau method with the analytic (sparse) Jacobian: one integration, not
    one per point. A point whose final drift ``|Qᵀ p|`` is not negligible against its
    probability turnover, or an integration that exhausts its budget (``budget``
    seconds per point), is reported unconverged, never passed.

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
    import scipy.sparse

    rng = np.random.default_rng(seed)
    P, n, _ = Q.shape
    eig = np.sort(np.abs(np.linalg.eigvals(Q).real), axis=1)
    gap = np.where(eig[:, 1] > 0, eig[:, 1], 1.0) if n > 1 else np.ones(P)
    A = scipy.sparse.block_diag([scipy.sparse.csr_matrix(Q[i].T / gap[i]) for i in range(P)],
                                format="csc")
    x0 = np.concatenate([rng.dirichlet(np.ones(n)) for _ in range(P)])
    deadline = time.perf_counter() + budget * P

    def rhs(_t, x):
        if time.perf_counter() > deadline:
            raise NotConverged("the time budget ran out")
        return A @ x

    span = 2.0 * decades * np.log(10.0)
    bad = np.ones(P, dtype=bool)
    out = np.full((P, n), np.nan)
    try:
        # rtol 1e-8 is two decades inside the route's 1e-6 tolerance
        sol = solve_ivp(rhs, (0.0, span), x0, method="Radau", jac=A, rtol=1e-8, atol=1e-13,
                        t_eval=[span])
    except NotConverged:
        return out, bad
    if not sol.success:
        return out, bad
    p = np.clip(sol.y[:, -1].reshape(P, n), 0.0, None)
    p /= p.sum(axis=1, keepdims=True)
    drift = np.abs(np.einsum("pji,pj->pi", Q, p)).max(axis=1)
    activity = np.max(-np.diagonal(Q, axis1=1, axis2=2), axis=1)
    bad = ~(drift <= 1e-9 * activity)
    out[~bad] = p[~bad]
    return out, bad

"""Time integration of the master equation, to follow relaxation or reach stationarity."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np
from scipy.integrate import solve_ivp

from symflux.errors import ValidationError
from symflux.numerics.linear import generator_matrix

__all__ = ["integrate_master_equation", "relax_to_stationarity"]


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

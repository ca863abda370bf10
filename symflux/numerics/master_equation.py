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


#: Past this stiffness (fastest exit rate over the spectral gap) a point is relaxed by
#: implicit Euler with doubling steps instead of Radau, whose error control resolves
#: every intermediate time scale (a 50-state ring at random rates reaches 10¹⁰).
STIFF = 1e6
#: Largest accepted imbalance of any state, relative to the flow through it.
BALANCE = 1e-8
#: Past this stiffness a double-precision solve loses more than a third of the route's
#: 1e-6 tolerance (its error is about stiffness × machine epsilon); such a point is
#: reported unconverged. Seen: a random 150-state ring at 3.2e13 gave a balanced
#: distribution whose smallest entries (1e-28) were off by 1.7e-5; a 100-state ring at
#: 1.0e10 gave net fluxes off by 2e-6 of their one-way fluxes (the limit was 1e-5/eps).
STIFF_LIMIT = 3e-7 / np.finfo(float).eps
#: The largest implicit-Euler step, in units of the fastest exit time.
STEP_CAP = 1e12
#: The integrators' relative tolerance. Over 3,000 points of random rings with and
#: without chords (3-12 states, rates over up to 7 decades), the worst relative error
#: of a converged point against GTH was 1.5e-7 at 1e-6, 2.8e-8 at 1e-7 (25 % more time)
#: and 3.2e-8 at 1e-8; the route's tolerance is 1e-6. A point that does not balance to
#: BALANCE is polished, then refused.
RTOL = 1e-7
#: Up to this many states per point the points are integrated by LSODA with a banded
#: Jacobian, beyond by Radau with a sparse one. Measured on 20 points of random rings
#: (rates over 2 decades): 10 states 12 ms against 89 ms, 50 states 0.19 s against
#: 0.38 s; at 150 states the band's LU made LSODA 1.8× slower than Radau.
BANDED_MAX_STATES = 64


def relax_points(Q: np.ndarray, *, budget: float = 10.0, seed: int = 0,
                 decades: float = 18.0) -> tuple[np.ndarray, np.ndarray]:
    """Integrate ``dp/dt = Qᵀ p`` at every point from a random initial distribution.

    ``Q`` is the stack of generators, shape ``(P, n, n)``. Each point's time is
    measured in units of its slowest relaxation time (``1/gap``, the spectral gap of
    its ``Q``), so that every point relaxes over the same span ``τ = 2 · decades ·
    ln 10``; the points are then integrated together as one block-diagonal system by
    ``solve_ivp`` with the analytic Jacobian: one integration, not one per point (LSODA
    with a banded Jacobian up to :data:`BANDED_MAX_STATES` states, Radau with a sparse
    one beyond). A stiff point (fastest exit rate over gap above :data:`STIFF`)
    follows the same equation by implicit Euler with steps doubling from the fastest
    time scale to far past ``τ`` (L-stable: each mode decays, the stationary state is
    kept exactly). A point left out of balance (a state too rare for its absolute
    tolerance) is integrated on from there with each state's tolerance scaled to its own
    probability. A point stiffer than :data:`STIFF_LIMIT`, a point where some state's
    imbalance (inflow − outflow) exceeds :data:`BALANCE` of the flow through it, or an
    integration that exhausts its budget (``budget`` seconds per point), is reported
    unconverged, never passed.

    Returns
    -------
    p : ndarray, shape (P, n)
        Stationary distributions (NaN where unconverged).
    unconverged : ndarray of bool, shape (P,)

    >>> Q = np.array([[[-1.0, 1.0], [3.0, -3.0]]])
    >>> p, bad = relax_points(Q)
    >>> p.round(9).tolist(), bad.tolist()
    ([[0.75, 0.25]], [False])
    >>> stiff = np.array([[[-1e-4, 1e-4, 0.0], [1e4, -2e4, 1e4], [0.0, 1e-4, -1e-4]]])
    >>> p, bad = relax_points(stiff)              # fastest rate / gap = 4e8: implicit Euler
    >>> p.round(6).tolist(), f"{p[0, 1] / p[0, 0]:.6g}", bad.tolist()
    ([[0.5, 0.0, 0.5]], '1e-08', [False])
    """
    rng = np.random.default_rng(seed)
    P, n, _ = Q.shape
    eig = np.sort(np.abs(np.linalg.eigvals(Q).real), axis=1)
    gap = np.where(eig[:, 1] > 0, eig[:, 1], 1.0) if n > 1 else np.ones(P)
    activity = np.max(-np.diagonal(Q, axis1=1, axis2=2), axis=1)
    x0 = np.stack([rng.dirichlet(np.ones(n)) for _ in range(P)])
    span = 2.0 * decades * np.log(10.0)
    p = np.full((P, n), np.nan)
    stiff = activity > STIFF * gap
    mild = np.flatnonzero(~stiff)
    if mild.size:
        p[mild] = _integrate(Q[mild], gap[mild], x0[mild], span, budget)
    for i in np.flatnonzero(stiff & (activity <= STIFF_LIMIT * gap)):
        p[i] = _implicit_euler(Q[i], gap[i], activity[i], x0[i], span)
    p = _normalised(p)
    worst = _imbalance(Q, p)
    # the absolute tolerance cannot resolve a state of probability 1e-12 to the
    # balance asked (about 1 point in 100 of a ring with rates over 7 decades): go on
    # integrating those points from where they are, each state's tolerance its own size
    # (down to 1e-40: a state clipped to 0 must not force steps toward zero length)
    polish = mild[(worst[mild] > BALANCE) & np.isfinite(p[mild]).all(axis=1)]
    for i in polish:
        p[i] = _normalised(_integrate(Q[i:i + 1], gap[i:i + 1], p[i:i + 1], span / 4,
                                      budget, atol=np.maximum(p[i], 1e-30) * 1e-10))[0]
        worst[i] = _imbalance(Q[i:i + 1], p[i:i + 1])[0]
    # a NaN entry (an implicit-Euler solve that broke down) has no flow, so no residual:
    # it must be refused on its own, or the point would pass as balanced
    bad = ~(worst <= BALANCE) | (activity > STIFF_LIMIT * gap) | ~np.isfinite(p).all(axis=1)
    p[bad] = np.nan
    return p, bad


def _normalised(p: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.clip(p, 0.0, None)
        return p / p.sum(axis=1, keepdims=True)


def _imbalance(Q: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Each point's worst state balance, relative to the probability flowing through it:
    a small componentwise residual means ``p`` is stationary for rates perturbed by as
    little (the drift against the fastest rate alone let 1e-5 errors of a stiff ring
    pass)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        outflow = p * -np.diagonal(Q, axis1=1, axis2=2)
        inflow = np.einsum("pji,pj->pi", Q, p) + outflow
        through = inflow + outflow
        residual = np.where(through > 0, np.abs(inflow - outflow) / through, 0.0)
        return residual.max(axis=1)


def _integrate(Q, gap, x0, span, budget, atol=1e-13) -> np.ndarray:
    """The points integrated together in units of their slowest time (NaN if it fails or
    runs out of time): LSODA (stiff BDF once stiffness is detected; its steps run in
    Fortran) with the banded Jacobian of the block-diagonal system while the points have
    at most :data:`BANDED_MAX_STATES` states, scipy's Radau with the sparse Jacobian
    beyond, where a band's LU (P·n³) costs more than Radau's Python steps."""
    import scipy.sparse

    P, n, _ = Q.shape
    At = np.transpose(Q, (0, 2, 1)) / gap[:, None, None]
    deadline = time.perf_counter() + budget * P
    if n <= BANDED_MAX_STATES:

        def rhs(_t, x):
            if time.perf_counter() > deadline:
                raise NotConverged("the time budget ran out")
            return np.matmul(At, x.reshape(P, n, 1)).reshape(-1)

        band = _banded(At)
        options = {"method": "LSODA", "jac": lambda _t, _x: band, "lband": n - 1,
                   "uband": n - 1}
    else:
        A = scipy.sparse.block_diag([scipy.sparse.csr_matrix(a) for a in At], format="csc")

        def rhs(_t, x):
            if time.perf_counter() > deadline:
                raise NotConverged("the time budget ran out")
            return A @ x

        options = {"method": "Radau", "jac": A}
    try:
        # The stationary state attracts: errors made on the way decay with the transient,
        # and what is left is judged by the balance test, not trusted (RTOL in its note)
        sol = solve_ivp(rhs, (0.0, span), np.ravel(x0), rtol=RTOL, t_eval=[span],
                        atol=np.ravel(atol) if np.ndim(atol) else atol, **options)
    except NotConverged:
        return np.full((P, n), np.nan)
    if not sol.success:
        return np.full((P, n), np.nan)
    return sol.y[:, -1].reshape(P, n)


def _banded(At: np.ndarray) -> np.ndarray:
    """The block-diagonal matrix of the blocks ``At`` in LAPACK's packed band storage
    (``B[i - j + n - 1, j] = A[i, j]``, half-bandwidths ``n - 1``), as LSODA reads it."""
    P, n, _ = At.shape
    band = np.zeros((2 * n - 1, P * n))
    i, j = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    for block in range(P):
        band[(i - j + n - 1).ravel(), (block * n + j).ravel()] = At[block].ravel()
    return band


def _implicit_euler(Q, gap, activity, x0, span) -> np.ndarray:
    """``x ← (I − h Qᵀ)⁻¹ x`` with ``h`` doubling from ``1/activity`` (up to
    :data:`STEP_CAP` of it) until every mode, the slowest included, has decayed by far
    more than over ``span`` slowest times."""
    import scipy.sparse
    import scipy.sparse.linalg

    A = scipy.sparse.csc_matrix(Q.T)
    eye = scipy.sparse.identity(A.shape[0], format="csc")
    x, h, damped = np.asarray(x0, float), 1.0 / activity, 0.0
    # the slowest mode is multiplied by 1/(1 + h·gap) per step; stop far past e^-span
    while damped < 4.0 * span:
        x = scipy.sparse.linalg.spsolve(eye - h * A, x)
        damped += np.log1p(h * gap)
        # past h · activity = STEP_CAP the solve's matrix is too ill-conditioned (at 1e17
        # it is singular and the solve returns NaN); each step still damps the slowest
        # mode by a factor 1 + STEP_CAP/stiffness, over 700 below STIFF_LIMIT
        h = min(2.0 * h, STEP_CAP / activity)
    return x

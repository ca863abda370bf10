"""Exact stochastic simulation (Gillespie's direct method) of kinetic schemes, vectorised.

A kinetic scheme with numeric rates is a Markov jump process: in state ``i`` the
molecule waits an exponential time of rate ``r_i = Σ_j k_ij`` and then takes
channel ``i → j`` with probability ``k_ij / r_i``. Parallel edges ``(u, v, key)`` are
distinct channels.

The random numbers are drawn from one NumPy generator in blocks (uniforms choosing
the channels, exponentials for the waits) and the jumps they drive are computed by
:func:`symflux.numerics.ssa_kernel.advance`: a compiled loop over per-state tables of
cumulative exit probabilities when numba (the ``fast`` extra) is installed, whose cost
per jump depends on the state's out-degree and not on the number of states; otherwise
the vectorised jump chain of :mod:`symflux.numerics.jump_chain`. Both give the same
trajectory for the same seed. Ensembles of trajectories are advanced together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np

from symflux.errors import GraphError, SimulationError
from symflux.numerics.jump_chain import Scheme, compile_scheme
from symflux.numerics.ssa_kernel import advance
from symflux.numerics.trajectory import Trajectory

__all__ = ["simulate", "simulate_ensemble"]

# Jumps generated per chunk, summed over trajectories: bounds the memory
# (about 40 bytes per jump while a chunk is built).
CHUNK = 1 << 21


def _starts(scheme: Scheme, start: Any, M: int, rng: np.random.Generator) -> np.ndarray:
    index = scheme.index
    if start is None:
        return np.zeros(M, dtype=np.intp)
    if isinstance(start, Mapping):
        unknown = [s for s in start if s not in index]
        if unknown:
            raise GraphError(f"start distribution names unknown states {unknown}; "
                             f"states are {list(scheme.states)}")
        p = np.array([float(start.get(s, 0.0)) for s in scheme.states])
        if (p < 0).any() or not p.sum() > 0:
            raise SimulationError("the start distribution must be non-negative and not all 0")
        return rng.choice(len(p), size=M, p=p / p.sum())
    if start not in index:
        raise GraphError(f"start state {start!r} is not a state of the scheme; "
                         f"states are {list(scheme.states)}")
    return np.full(M, index[start], dtype=np.intp)


def _check_budget(scheme: Scheme, t_max: float | None, max_jumps: int) -> None:
    """Refuse up front a duration that needs more than ``max_jumps`` jumps.

    Every sojourn in a state that can be left lasts on average at most 1/(its exit
    rate), so a trajectory of a scheme without absorbing states makes at least about
    ``t_max × (the smallest exit rate)`` jumps.
    """
    from symflux.limits import require

    if isinstance(max_jumps, bool) or not isinstance(max_jumps, int | np.integer) or \
            max_jumps < 1:
        raise SimulationError(f"max_jumps must be a positive integer, not {max_jumps!r}")
    require("simulate_jumps", max_jumps, what="max_jumps")
    if t_max is None or (scheme.exit == 0).any():
        return  # a trajectory that can be absorbed may stop early: only the run-time guard
    slowest = float(scheme.exit[scheme.exit > 0].min())
    fewest = t_max * slowest
    if fewest > max_jumps:
        raise SimulationError(
            f"t_max={t_max:g} needs at least about {fewest:.3g} jumps (t_max × the "
            f"smallest exit rate, {slowest:.3g}), more than max_jumps={max_jumps}; shorten "
            "t_max, or raise max_jumps (up to the limit simulate_jumps)")


def _run(scheme: Scheme, starts: np.ndarray, t_max: float | None, n_jumps: int | None,
         rng: np.random.Generator, max_jumps: int) -> list[Trajectory]:
    _check_budget(scheme, t_max, max_jumps)
    if n_jumps is not None and n_jumps > max_jumps:
        raise SimulationError(f"n_jumps={n_jumps} is more than max_jumps={max_jumps}; raise "
                              "max_jumps (up to the limit simulate_jumps)")
    M = len(starts)
    state = starts.copy()
    clock = np.zeros(M)
    done = np.zeros(M, dtype=bool)
    absorbed = np.zeros(M, dtype=bool)
    parts: list[list] = [[] for _ in range(M)]
    made = np.zeros(M, dtype=np.int64)
    can_absorb = bool((scheme.exit == 0).any())
    while not done.all():
        live = np.flatnonzero(~done)
        if n_jumps is not None:
            want = int(n_jumps - made[live].min())
        else:
            # Guess the jumps left from the jump rate so far (generous, capped).
            seen = made[live].min()
            rate = seen / max(clock[live].min(), 1e-300) if seen else float(
                np.median(scheme.exit[state[live]]))
            want = int(1.2 * rate * (t_max - clock[live].min())) + 64
        want = max(1, min(want, CHUNK // len(live), max_jumps - int(made[live].min()) + 1))
        U = rng.random((len(live), want))
        E = rng.standard_exponential((len(live), want))
        C, landed, times = advance(scheme, state[live], U, E, clock[live])
        for row, m in enumerate(live):
            c, t = C[row], times[row]
            stop = len(c)
            if n_jumps is not None:
                stop = min(stop, n_jumps - made[m])
            if t_max is not None:
                stop = min(stop, int(np.searchsorted(t, t_max, side="right")))
            # The "jump" out of an absorbing state comes at t = inf: it is past t_max
            # too, so look for it before cutting at t_max.
            hit = np.flatnonzero(c >= len(scheme.channels)) if can_absorb else ()
            if len(hit) and hit[0] <= stop:
                stop, absorbed[m], done[m] = int(hit[0]), True, True
            parts[m].append((c[:stop], t[:stop], landed[row, :stop]))
            made[m] += stop
            if stop:
                state[m] = landed[row, stop - 1]
                clock[m] = t[stop - 1]
            if (n_jumps is not None and made[m] >= n_jumps) or (
                    t_max is not None and stop < len(c)):
                done[m] = True
            if made[m] > max_jumps:
                raise SimulationError(
                    f"trajectory {m} needs more than max_jumps={max_jumps} jumps to reach "
                    f"t_max={t_max}; raise max_jumps or shorten t_max")
    return _trajectories(scheme, starts, parts, absorbed, t_max)


def _trajectories(scheme: Scheme, starts: np.ndarray, parts: list, absorbed: np.ndarray,
                  t_max: float | None) -> list[Trajectory]:
    """Each trajectory joined from its chunks ``(channels, times, landed states)``."""
    out = []
    for m in range(len(starts)):
        jumps = np.concatenate([p[0] for p in parts[m]])
        times = np.concatenate([p[1] for p in parts[m]])
        # With t_max the trajectory covers [0, t_max] (an absorbed one rests in its
        # absorbing state until then); with n_jumps it ends at its last jump.
        end = t_max if t_max is not None else (float(times[-1]) if len(times) else 0.0)
        path = np.concatenate([starts[m:m + 1], *(p[2] for p in parts[m])])
        message = ""
        if absorbed[m]:
            s = scheme.states[path[-1]]
            message = (f"state {s!r} is absorbing (no transition leaves it): the trajectory "
                       f"stopped there after {len(jumps)} jumps at t = "
                       f"{(float(times[-1]) if len(times) else 0.0):.6g}")
        out.append(Trajectory(scheme, path, jumps, times, 0.0, float(end), bool(absorbed[m]),
                              message))
    return out


def _is_number(value) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool) and bool(np.isfinite(value))


def _count(key: str, value) -> int:
    """``value`` as a positive whole number (5 or 5.0), or a SimulationError naming it."""
    if not _is_number(value) or int(value) != value or value < 1:
        raise SimulationError(f"{key} must be a positive integer, not {value!r}")
    return int(value)


def _check_length(t_max, n_jumps) -> None:
    if (t_max is None) == (n_jumps is None):
        raise SimulationError("give exactly one of t_max (a duration) and n_jumps")
    if t_max is not None and not (_is_number(t_max) and t_max > 0):
        raise SimulationError(f"t_max must be a positive finite duration, not {t_max!r}")
    if n_jumps is not None:
        _count("n_jumps", n_jumps)
    from symflux.limits import require

    if n_jumps is not None:
        require("simulate_jumps", n_jumps, what="n_jumps")
    if t_max is not None:
        require("simulate_t_max", t_max, what="t_max")


def simulate(
    G: nx.MultiDiGraph,
    values: Mapping | None = None,
    *,
    t_max: float | None = None,
    n_jumps: int | None = None,
    seed: int | np.random.Generator | None = None,
    start: Any = None,
    rate: str = "rate",
    max_jumps: int = 10**8,
) -> Trajectory:
    """One exact stochastic trajectory of a kinetic scheme (Gillespie's direct method).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The kinetic scheme; each edge's ``rate`` is a number or an expression whose
        symbols ``values`` gives numbers for.
    values : mapping, optional
        Symbol (or name) → number.
    t_max : float, optional
        Duration to simulate; the trajectory covers ``[0, t_max]``.
    n_jumps : int, optional
        Number of jumps to simulate instead of a duration; the trajectory then ends
        at its last jump. Give exactly one of ``t_max`` and ``n_jumps``.
    seed : int or numpy.random.Generator, optional
        The same seed gives the same trajectory.
    start : state or mapping, optional
        The initial state, or a distribution (state → probability) to draw it from;
        default: the graph's first node.
    rate : str
        Edge attribute holding the rate.
    max_jumps : int
        Guard against runaway simulations (very fast rates, long ``t_max``): a ``t_max``
        that needs more jumps (at least ``t_max`` × the smallest exit rate) is refused
        before anything runs; a trajectory that still runs past it stops with an error.

    Returns
    -------
    Trajectory
        Jump times, visited states and the channel ``(u, v, key)`` of each jump. If
        the trajectory reaches an absorbing state (no transition leaves it) it
        stops there cleanly: ``trajectory.absorbed`` is True, ``trajectory.message``
        says where and when, and with ``t_max`` the trajectory rests in that state
        until ``t_max``.

    Raises
    ------
    SimulationError
        Neither or both of ``t_max``/``n_jumps``, a bad start distribution, or more
        than ``max_jumps`` jumps needed.
    RateError, GraphError
        A rate is not a positive number; an unknown start state.

    Notes
    -----
    Exact: no time step, no approximation. For statistics prefer ``t_max``: a
    trajectory cut after ``n_jumps`` ends just after a jump, not at a time chosen
    independently of the path, which biases boundary terms (the last sojourn has
    length 0; the net count of a transition off every cycle is only a boundary term).

    Cost is linear in the number of jumps. With numba (``pip install symflux[fast]``)
    a jump costs a few array reads in its state's row of the exit table, whatever the
    number of states; without it, about ``N + 1`` vectorised gathers for ``N`` states
    (:mod:`symflux.numerics.jump_chain`). Measured in ``benchmarks/cases/ssa.py``.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> G = kinetic_graph(["C <-> O : k_o, k_c"])
    >>> tr = simulate(G, {"k_o": 1.0, "k_c": 4.0}, t_max=1000.0, seed=1)
    >>> tr.states, tr.duration
    (('C', 'O'), 1000.0)
    >>> abs(tr.occupation_fractions()["O"] - 1 / 5) < 0.05   # k_o / (k_o + k_c)
    True
    >>> simulate(G, {"k_o": 1.0, "k_c": 3.0}, n_jumps=5, seed=1).n_jumps
    5
    """
    _check_length(t_max, n_jumps)
    scheme = compile_scheme(G, values, rate)
    rng = np.random.default_rng(seed)
    return _run(scheme, _starts(scheme, start, 1, rng), t_max, n_jumps, rng, max_jumps)[0]


def simulate_ensemble(
    G: nx.MultiDiGraph,
    values: Mapping | None = None,
    *,
    t_max: float | None = None,
    n_trajectories: int = 100,
    n_jumps: int | None = None,
    seed: int | np.random.Generator | None = None,
    start: Any = None,
    rate: str = "rate",
    max_jumps: int = 10**8,
) -> tuple[Trajectory, ...]:
    """Independent trajectories of a kinetic scheme, simulated together (vectorised).

    Each is the Markov jump process of :func:`simulate`: in state ``i`` an exponential
    wait of rate ``r_i = Σ_j k_ij``, then channel ``i → j`` with probability ``k_ij / r_i``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The kinetic scheme; each edge's ``rate`` is a number or an expression whose
        symbols ``values`` gives numbers for.
    values : mapping, optional
        Symbol (or name) → number.
    t_max : float, optional
        Duration to simulate; every trajectory covers ``[0, t_max]``.
    n_trajectories : int
        Number of independent trajectories.
    n_jumps : int, optional
        Number of jumps of each trajectory instead of a duration; each then ends at its
        last jump. Give exactly one of ``t_max`` and ``n_jumps``.
    seed : int or numpy.random.Generator, optional
        The same seed and ``n_trajectories`` give the same ensemble.
    start : state or mapping, optional
        The initial state of every trajectory, or a distribution (state → probability)
        sampled independently for each; default: the graph's first node.
    rate : str
        Edge attribute holding the rate.
    max_jumps : int
        Jumps allowed to each trajectory: a ``t_max`` that needs more (at least
        ``t_max`` × the smallest exit rate) is refused before anything runs; a
        trajectory that still runs past it stops with an error.

    Returns
    -------
    tuple of Trajectory
        ``n_trajectories`` trajectories, as :func:`simulate` returns (an absorbed one
        is flagged, not an error). They share one compiled scheme, so
        :mod:`symflux.numerics.trajectory_statistics` pools them as batches.

    Raises
    ------
    SimulationError
        Neither or both of ``t_max``/``n_jumps``; a ``t_max`` that is not a positive
        finite duration; ``n_jumps``, ``n_trajectories`` or ``max_jumps`` not a
        positive integer; a negative or all-zero start distribution; a ``t_max`` or
        ``n_jumps`` that needs more than ``max_jumps`` jumps.
    LimitError
        ``n_jumps`` or ``max_jumps`` over the limit ``simulate_jumps``, ``t_max`` over
        ``simulate_t_max``, ``n_trajectories`` over ``simulate_trajectories``.
    GraphError
        A graph without states; a start state (or distribution) naming unknown states.
    RateError
        An edge without ``rate``, or a rate that is not a positive finite number.
    ValidationError
        A symbol of a rate has no value in ``values``.
    ParseError
        A rate text that does not parse, or a key of ``values`` that is not a name.

    Notes
    -----
    Exact, as :func:`simulate`; the live trajectories advance together, in chunks of at
    most ``CHUNK`` (2²¹) jumps summed over them, which bounds the working memory. Cost
    is linear in the total number of jumps; the result holds about 24 bytes per jump.
    ``n_trajectories`` is bounded by the limit ``simulate_trajectories`` and each
    trajectory by ``simulate_jumps`` (via ``max_jumps``).

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> G = kinetic_graph(["C <-> O : k_o, k_c"])
    >>> ens = simulate_ensemble(G, {"k_o": 1.0, "k_c": 3.0}, t_max=10.0, n_trajectories=4,
    ...                         seed=2, start={"C": 0.5, "O": 0.5})
    >>> len(ens), {t.duration for t in ens}
    (4, {10.0})
    """
    from symflux.limits import require

    _check_length(t_max, n_jumps)
    require("simulate_trajectories", _count("n_trajectories", n_trajectories),
            what="n_trajectories")
    scheme = compile_scheme(G, values, rate)
    rng = np.random.default_rng(seed)
    starts = _starts(scheme, start, int(n_trajectories), rng)
    return tuple(_run(scheme, starts, t_max, n_jumps, rng, max_jumps))

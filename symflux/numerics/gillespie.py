"""Exact stochastic simulation (Gillespie's direct method) of kinetic schemes, vectorised.

A kinetic scheme with numeric rates is a Markov jump process: in state ``i`` the
molecule waits an exponential time of rate ``r_i = Σ_j k_ij`` and then takes
channel ``i → j`` with probability ``k_ij / r_i``. Parallel edges ``(u, v, key)`` are
distinct channels.

Speed comes from NumPy without changing the algorithm. The jump chain (which
channel is taken) and the waiting times are independent given the states, so the
waiting times are drawn in one vectorised call once the states are known. The jump
chain itself is a composition of random maps ``f_u : state → next state`` (one
uniform ``u`` per jump), and composition is associative: the jumps are cut into
blocks, every block is run from *every* possible starting state at once (one NumPy
step per position in the block, vectorised over blocks and states), the block
end points are chained in a short loop, and the blocks are run again from their
now known starting states. The result is the very path the sequential direct method
would produce from the same uniforms (the tests check this), at a cost of about
``N + 1`` vectorised gathers per jump for ``N`` states, instead of one Python
iteration. Ensembles of trajectories are vectorised the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from symflux.errors import GraphError, RateError, SimulationError
from symflux.numerics.linear import numeric_rates
from symflux.numerics.trajectory import Trajectory

__all__ = ["Scheme", "compile_scheme", "jump_chain", "simulate", "simulate_ensemble"]

# Jumps generated per chunk, summed over trajectories: bounds the memory
# (about 40 bytes per jump while a chunk is built).
CHUNK = 1 << 21
# Vector width beyond which cutting trajectories into blocks gains nothing.
WIDTH = 4096


@dataclass(frozen=True, eq=False)
class Scheme:
    """A kinetic scheme compiled to arrays: what the simulator and the statistics read.

    ``channels[c] = (u, v, key)``; ``source``/``target`` are state indices, ``rates``
    the numeric rates, ``reverse[c]`` the channel ``(v, u, key)`` or −1 if the
    transition is irreversible. ``exit[s]`` is the total exit rate of state ``s``.
    """

    states: tuple
    channels: tuple
    source: np.ndarray
    target: np.ndarray
    rates: np.ndarray
    reverse: np.ndarray
    exit: np.ndarray
    cumulative: np.ndarray  # (N, d): cumulative jump probabilities per state, padded with 2
    table: np.ndarray  # (N, d): channel taken for each column; C + s marks an absorbing s
    landing: np.ndarray  # (C + N,): the state each code leads to (an absorbing s: itself)

    @property
    def index(self) -> dict:
        return {s: i for i, s in enumerate(self.states)}


def compile_scheme(G: nx.MultiDiGraph, values: Mapping | None = None,
                   rate: str = "rate") -> Scheme:
    """Compile a kinetic scheme with numeric rates into the arrays the simulator runs on.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        States as nodes, transitions as edges carrying ``rate``.
    values : mapping, optional
        Numbers for the symbols in the rates (symbol or name → number).
    rate : str
        Edge attribute holding the rate.

    Raises
    ------
    GraphError
        The graph has no state.
    RateError
        A rate is not a positive finite number.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> s = compile_scheme(kinetic_graph(["1 <-> 2"]), {"k_12": 2, "k_21": 3})
    >>> s.channels, s.rates.tolist(), s.reverse.tolist()
    ((('1', '2', 0), ('2', '1', 0)), [2.0, 3.0], [1, 0])
    """
    if G.number_of_nodes() == 0:
        raise GraphError("the graph has no state; add at least one node")
    k = numeric_rates(G, values or {}, rate)
    states = tuple(G.nodes)
    index = {s: i for i, s in enumerate(states)}
    channels = tuple(k)
    for (u, v, key), x in k.items():
        if not np.isfinite(x) or x <= 0:
            raise RateError(f"rate of edge {u} → {v} (key {key!r}) is {x}; "
                            "a simulation needs positive finite rates")
    where = {c: i for i, c in enumerate(channels)}
    source = np.array([index[u] for u, _, _ in channels], dtype=np.intp)
    target = np.array([index[v] for _, v, _ in channels], dtype=np.intp)
    rates = np.array([k[c] for c in channels], dtype=float)
    reverse = np.array([where.get((v, u, key), -1) for u, v, key in channels], dtype=np.intp)
    n = len(states)
    exit_rate = np.bincount(source, weights=rates, minlength=n).astype(float)
    outgoing = [np.flatnonzero(source == s) for s in range(n)]
    d = max(1, *(len(o) for o in outgoing))
    cumulative = np.full((n, d), 2.0)
    table = np.empty((n, d), dtype=np.intp)
    for s, out in enumerate(outgoing):
        if len(out) == 0:
            table[s] = len(channels) + s
            continue
        c = np.cumsum(rates[out])
        c /= c[-1]
        c[-1] = 1.0  # a uniform in [0, 1) always finds a channel
        cumulative[s, : len(out)] = c
        table[s, : len(out)] = out
        table[s, len(out):] = out[-1]
    landing = np.concatenate([target, np.arange(n, dtype=np.intp)])
    return Scheme(states, channels, source, target, rates, reverse, exit_rate,
                  cumulative, table, landing)


def _choose(scheme: Scheme, S: np.ndarray, u: np.ndarray) -> np.ndarray:
    """The channel taken from states ``S`` with uniforms ``u`` (≥ C: absorbed)."""
    column = np.zeros(S.shape, dtype=np.intp)
    for j in range(scheme.cumulative.shape[1] - 1):
        column += u > scheme.cumulative[S, j]
    return scheme.table[S, column]


def _next_state(scheme: Scheme, c: np.ndarray) -> np.ndarray:
    # An absorbing state s is coded as channel C + s and maps to itself.
    return scheme.landing[c]


def jump_chain(scheme: Scheme, starts: np.ndarray, U: np.ndarray,
               block: int | None = None) -> np.ndarray:
    """Channels taken by ``len(starts)`` jump chains driven by the uniforms ``U``.

    ``U`` has shape ``(M, n)``: row ``m`` drives chain ``m``, one uniform per jump.
    The result (shape ``(M, n)``) is what the sequential direct method gives with the
    same uniforms, whatever ``block`` is (``block = n`` *is* the sequential method,
    vectorised over chains only). A code ``C + s`` (``C`` channels) means the chain
    sits in the absorbing state ``s``.

    >>> from symflux import kinetic_graph
    >>> s = compile_scheme(kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]),
    ...                    {"k_12": 1, "k_21": 2, "k_23": 3, "k_32": 4, "k_31": 5, "k_13": 6})
    >>> U = np.random.default_rng(0).random((2, 1000))
    >>> starts = np.array([0, 2])
    >>> bool((jump_chain(s, starts, U, block=7) == jump_chain(s, starts, U, block=1000)).all())
    True
    """
    M, n = U.shape
    if n == 0:
        return np.empty((M, 0), dtype=np.intp)
    if block is None:
        blocks = max(1, min(WIDTH // max(M, 1), int(np.sqrt(n / 2))))
        block = -(-n // blocks)
    block = max(1, min(block, n))
    blocks = -(-n // block)
    if blocks * block != n:
        U = np.concatenate([U, np.zeros((M, blocks * block - n))], axis=1)
    U = U.reshape(M, blocks, block)
    N = len(scheme.states)
    S = np.empty((M, blocks), dtype=np.intp)
    S[:, 0] = starts
    if blocks > 1:
        # Each block's map: where it ends from every possible starting state.
        F = np.broadcast_to(np.arange(N), (M, blocks - 1, N)).copy()
        for t in range(block):
            F = _next_state(scheme, _choose(scheme, F, U[:, :-1, t, None]))
        rows = np.arange(M)
        for b in range(1, blocks):
            S[:, b] = F[rows, b - 1, S[:, b - 1]]
    C = np.empty((M, blocks, block), dtype=np.intp)
    for t in range(block):
        c = _choose(scheme, S, U[:, :, t])
        C[:, :, t] = c
        S = _next_state(scheme, c)
    return C.reshape(M, blocks * block)[:, :n]


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


def _run(scheme: Scheme, starts: np.ndarray, t_max: float | None, n_jumps: int | None,
         rng: np.random.Generator, max_jumps: int) -> list[Trajectory]:
    M = len(starts)
    state = starts.copy()
    clock = np.zeros(M)
    done = np.zeros(M, dtype=bool)
    absorbed = np.zeros(M, dtype=bool)
    parts: list[list] = [[] for _ in range(M)]
    made = np.zeros(M, dtype=np.int64)
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
        C = jump_chain(scheme, state[live], rng.random((len(live), want)))
        before = np.concatenate([state[live, None], _next_state(scheme, C)[:, :-1]],
                                axis=1)
        with np.errstate(divide="ignore"):
            waits = rng.standard_exponential((len(live), want)) / scheme.exit[before]
        times = clock[live, None] + np.cumsum(waits, axis=1)
        for row, m in enumerate(live):
            c, t = C[row], times[row]
            stop = len(c)
            if n_jumps is not None:
                stop = min(stop, n_jumps - made[m])
            if t_max is not None:
                stop = min(stop, int(np.searchsorted(t, t_max, side="right")))
            # The "jump" out of an absorbing state comes at t = inf: it is past t_max
            # too, so look for it before cutting at t_max.
            hit = np.flatnonzero(c >= len(scheme.channels))
            if hit.size and hit[0] <= stop:
                stop, absorbed[m], done[m] = int(hit[0]), True, True
            parts[m].append((c[:stop], t[:stop]))
            made[m] += stop
            if stop:
                state[m] = _next_state(scheme, c[stop - 1:stop])[0]
                clock[m] = t[stop - 1]
            if (n_jumps is not None and made[m] >= n_jumps) or (
                    t_max is not None and stop < len(c)):
                done[m] = True
            if made[m] > max_jumps:
                raise SimulationError(
                    f"trajectory {m} needs more than max_jumps={max_jumps} jumps to reach "
                    f"t_max={t_max}; raise max_jumps or shorten t_max")
    out = []
    for m in range(M):
        jumps = np.concatenate([p[0] for p in parts[m]])
        times = np.concatenate([p[1] for p in parts[m]])
        # With t_max the trajectory covers [0, t_max] (an absorbed one rests in its
        # absorbing state until then); with n_jumps it ends at its last jump.
        end = t_max if t_max is not None else (float(times[-1]) if len(times) else 0.0)
        path = np.concatenate([starts[m:m + 1], scheme.target[jumps]])
        message = ""
        if absorbed[m]:
            s = scheme.states[path[-1]]
            message = (f"state {s!r} is absorbing (no transition leaves it): the trajectory "
                       f"stopped there after {len(jumps)} jumps at t = "
                       f"{(float(times[-1]) if len(times) else 0.0):.6g}")
        out.append(Trajectory(scheme, path, jumps, times, 0.0, float(end), bool(absorbed[m]),
                              message))
    return out


def _check_length(t_max, n_jumps) -> None:
    if (t_max is None) == (n_jumps is None):
        raise SimulationError("give exactly one of t_max (a duration) and n_jumps")
    if t_max is not None and not (np.isfinite(t_max) and t_max > 0):
        raise SimulationError(f"t_max must be a positive finite duration, not {t_max!r}")
    if n_jumps is not None and (int(n_jumps) != n_jumps or n_jumps < 1):
        raise SimulationError(f"n_jumps must be a positive integer, not {n_jumps!r}")


def simulate(
    G: nx.MultiDiGraph,
    values: Mapping | None = None,
    t_max: float | None = None,
    *,
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
        Guard against runaway simulations (very fast rates, long ``t_max``).

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
    Exact: no time step, no approximation. Cost is linear in the number of jumps;
    see the module docstring for the vectorisation (about 10⁷ jumps/s for a
    3-state cycle, ``benchmarks/ssa.py``).

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
    t_max: float | None = None,
    n_trajectories: int = 100,
    *,
    n_jumps: int | None = None,
    seed: int | np.random.Generator | None = None,
    start: Any = None,
    rate: str = "rate",
    max_jumps: int = 10**8,
) -> tuple[Trajectory, ...]:
    """Independent trajectories of a kinetic scheme, simulated together (vectorised).

    The parameters are those of :func:`simulate`, plus ``n_trajectories``; a
    ``start`` distribution is sampled independently for each trajectory. The same
    seed and ``n_trajectories`` give the same ensemble.

    Returns
    -------
    tuple of Trajectory

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> G = kinetic_graph(["C <-> O : k_o, k_c"])
    >>> ens = simulate_ensemble(G, {"k_o": 1.0, "k_c": 3.0}, t_max=10.0, n_trajectories=4,
    ...                         seed=2, start={"C": 0.5, "O": 0.5})
    >>> len(ens), {t.duration for t in ens}
    (4, {10.0})
    """
    _check_length(t_max, n_jumps)
    if int(n_trajectories) != n_trajectories or n_trajectories < 1:
        raise SimulationError(f"n_trajectories must be a positive integer, "
                              f"not {n_trajectories!r}")
    scheme = compile_scheme(G, values, rate)
    rng = np.random.default_rng(seed)
    starts = _starts(scheme, start, int(n_trajectories), rng)
    return tuple(_run(scheme, starts, t_max, n_jumps, rng, max_jumps))

"""A kinetic scheme compiled to arrays, and its jump chain advanced in vectorised blocks.

The jump chain of a Markov jump process (which channel is taken at each jump) is a
composition of random maps ``f_u : state → next state``, one uniform ``u`` per
jump, and composition is associative. :func:`jump_chain` cuts the jumps into
blocks, runs every block from *every* possible starting state at once (one NumPy
step per position in the block, vectorised over blocks and states), chains the
block end points in a short loop, and runs the blocks again from their now known
starting states. The result is the very path the sequential direct method gives
with the same uniforms, at a cost of about ``N + 1`` vectorised gathers per jump
for ``N`` states instead of one Python iteration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np

from symflux.errors import GraphError, RateError
from symflux.numerics.linear import numeric_rates

__all__ = ["Scheme", "compile_scheme", "jump_chain"]

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
        """State → its row in the scheme's arrays."""
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


def next_state(scheme: Scheme, c: np.ndarray) -> np.ndarray:
    """The state each channel index in ``c`` lands in (an absorbing state's own code maps
    to itself)."""
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
            F = next_state(scheme, _choose(scheme, F, U[:, :-1, t, None]))
        rows = np.arange(M)
        for b in range(1, blocks):
            S[:, b] = F[rows, b - 1, S[:, b - 1]]
    C = np.empty((M, blocks, block), dtype=np.intp)
    for t in range(block):
        c = _choose(scheme, S, U[:, :, t])
        C[:, :, t] = c
        S = next_state(scheme, c)
    return C.reshape(M, blocks * block)[:, :n]



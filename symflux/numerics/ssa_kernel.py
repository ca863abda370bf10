"""The inner loop of the direct method: channels, landing states and jump times of a block.

:func:`advance` takes, for ``M`` trajectories, their current states and clocks and two
``(M, n)`` arrays of random numbers (uniforms choosing the channel, standard
exponentials for the waits) and returns the ``n`` next jumps of each. The random
numbers are drawn by the caller from one NumPy generator, so the result is a function
of the seed alone, whichever of the two implementations below runs:

* **compiled** (numba, the ``fast`` extra): one sequential loop per trajectory over a
  per-state table of cumulative exit probabilities in compressed rows
  (``offsets[s]:offsets[s + 1]`` are the channels leaving ``s``). A jump reads the row
  of its state up to the channel taken, so its cost depends on that state's
  out-degree, not on the number of states.
* **NumPy** (no numba): :func:`symflux.numerics.jump_chain.jump_chain`, vectorised by
  running blocks from every state at once (about ``N + 1`` gathers per jump).

Both take channel ``j`` of state ``s`` for the first ``j`` with ``u <= cumulative[s, j]``
and compute the same divisions and sums in the same order, so with the same seed they
give bit-identical trajectories (``tests/numerics/test_ssa_kernel.py``).
"""

from __future__ import annotations

import importlib.util

import numpy as np

from symflux.numerics.jump_chain import Scheme, jump_chain, next_state

__all__ = ["COMPILED", "advance", "exit_table"]

# Whether advance() runs the compiled loop (the fast extra is installed); tests set it to
# False to compare paths. numba itself is imported on the first compiled run: importing
# it costs about 0.4 s, which validation and derivation never need.
COMPILED = importlib.util.find_spec("numba") is not None


def exit_table(scheme: Scheme) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Compressed rows of the scheme's exit table: ``(offsets, cumulative, channel)``.

    Row ``s`` (``offsets[s]:offsets[s + 1]``) holds the cumulative jump probabilities of
    the channels leaving ``s`` (the last one exactly 1) and those channels; an
    absorbing state has one entry, probability 2 and code ``C + s`` (see ``Scheme``).
    """
    n = len(scheme.states)
    degree = np.maximum(np.bincount(scheme.source, minlength=n), 1)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(degree, out=offsets[1:])
    width = np.arange(scheme.cumulative.shape[1])
    mask = width[None, :] < degree[:, None]
    return (offsets, np.ascontiguousarray(scheme.cumulative[mask]),
            np.ascontiguousarray(scheme.table[mask]).astype(np.int64))


def _advance_numpy(scheme, starts, U, E, clocks):
    C = jump_chain(scheme, starts, U)
    landed = next_state(scheme, C)
    before = np.concatenate([starts[:, None], landed[:, :-1]], axis=1)
    with np.errstate(divide="ignore"):
        waits = E / scheme.exit[before]
    return C, landed, clocks[:, None] + np.cumsum(waits, axis=1)


def _loop(offsets, cumulative, channel, landing, exit_rate, starts, U, E, clocks,
          C, landed, times):  # pragma: no cover - compiled by numba
    M, n = U.shape
    for m in range(M):
        s = starts[m]
        acc = 0.0
        for k in range(n):
            u = U[m, k]
            j = offsets[s]
            last = offsets[s + 1] - 1
            while j < last and u > cumulative[j]:
                j += 1
            c = channel[j]
            acc += E[m, k] / exit_rate[s]  # inf from an absorbing state, as in NumPy
            C[m, k] = c
            times[m, k] = clocks[m] + acc
            s = landing[c]
            landed[m, k] = s


_compiled = None


def _advance_compiled(scheme, starts, U, E, clocks):
    global _compiled
    if _compiled is None:
        import numba

        # No fastmath: the sums must be those of the NumPy path, bit for bit.
        _compiled = numba.njit(nogil=True, error_model="numpy", cache=True)(_loop)
    offsets, cumulative, channel = exit_table(scheme)
    M, n = U.shape
    C = np.empty((M, n), dtype=np.int64)
    landed = np.empty((M, n), dtype=np.int64)
    times = np.empty((M, n))
    _compiled(offsets, cumulative, channel, scheme.landing.astype(np.int64), scheme.exit,
              starts.astype(np.int64), U, E, clocks.astype(float), C, landed, times)
    return C, landed, times


def advance(scheme: Scheme, starts: np.ndarray, U: np.ndarray, E: np.ndarray,
            clocks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The next ``n`` jumps of ``M`` trajectories: ``(channels, landing states, times)``.

    ``starts`` and ``clocks`` (length ``M``) are the trajectories' states and times
    now; ``U`` (uniforms in [0, 1)) and ``E`` (standard exponentials), shape ``(M, n)``,
    drive them. A channel code ``C + s`` means the trajectory sits absorbed in ``s``
    (its next time is inf).

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> from symflux.numerics.jump_chain import compile_scheme
    >>> s = compile_scheme(kinetic_graph(["1 <-> 2"]), {"k_12": 1.0, "k_21": 2.0})
    >>> C, landed, times = advance(s, np.array([0]), np.full((1, 3), 0.5), np.ones((1, 3)),
    ...                            np.zeros(1))
    >>> landed.tolist(), times.tolist()
    ([[1, 0, 1]], [[1.0, 1.5, 2.5]])
    """
    if COMPILED:
        return _advance_compiled(scheme, starts, U, E, clocks)
    return _advance_numpy(scheme, starts, U, E, clocks)

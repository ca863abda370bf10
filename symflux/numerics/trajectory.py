"""A stochastic trajectory of a kinetic scheme and what can be read off it directly.

A :class:`Trajectory` is the record :func:`symflux.numerics.gillespie.simulate`
returns: the states visited, the channel ``(u, v, key)`` of each jump and the jump
times, over an observation window ``[t_start, t_end]``. Its methods give the raw
statistics (occupation times and fractions, jump counts per channel, net fluxes,
dwell times, a Δt-sampled state sequence). Estimates with error bars over batches
or ensembles are in :mod:`symflux.numerics.trajectory_statistics`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from symflux.errors import EstimationError

__all__ = ["Trajectory"]


@dataclass(frozen=True, eq=False)
class Trajectory:
    """One observed path of a Markov jump process.

    Attributes
    ----------
    scheme : Scheme
        The compiled scheme (states, channels, numeric rates) it was simulated from.
    path : numpy.ndarray
        Indices (into ``states``) of the states visited: ``path[0]`` at ``t_start``,
        ``path[i + 1]`` after jump ``i``; length ``n_jumps + 1``.
    jumps : numpy.ndarray
        Index (into ``channels``) of the channel taken at each jump.
    times : numpy.ndarray
        Time of each jump, increasing, within ``[t_start, t_end]``.
    t_start, t_end : float
        The observation window.
    absorbed : bool
        The trajectory reached an absorbing state and stopped there.
    message : str
        Why it stopped, if it did not simply reach its end.
    first_complete : bool
        Whether the first sojourn began with the window (a simulation start) rather
        than being cut by it; only complete sojourns count as dwell times.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> from symflux.numerics import simulate
    >>> tr = simulate(kinetic_graph(["1 <-> 2"]), {"k_12": 1, "k_21": 2}, n_jumps=4, seed=0)
    >>> tr.visited(), tr.edges()[:2]
    (['1', '2', '1', '2', '1'], [('1', '2', 0), ('2', '1', 0)])
    >>> tr.jump_counts()
    {('1', '2', 0): 2, ('2', '1', 0): 2}
    """

    scheme: Any
    path: np.ndarray
    jumps: np.ndarray
    times: np.ndarray
    t_start: float
    t_end: float
    absorbed: bool = False
    message: str = ""
    first_complete: bool = True

    @property
    def states(self) -> tuple:
        """State labels; ``path`` holds indices into this tuple."""
        return self.scheme.states

    @property
    def channels(self) -> tuple:
        """Channels ``(u, v, key)``; ``jumps`` holds indices into this tuple."""
        return self.scheme.channels

    @property
    def n_jumps(self) -> int:
        """The number of jumps made."""
        return len(self.jumps)

    @property
    def duration(self) -> float:
        """The time the trajectory covers."""
        return self.t_end - self.t_start

    def visited(self) -> list:
        """The states visited, as labels, in order (``n_jumps + 1`` of them)."""
        return [self.states[i] for i in self.path]

    def edges(self) -> list[tuple]:
        """The channel ``(u, v, key)`` of each jump, in order."""
        return [self.channels[c] for c in self.jumps]

    def sojourns(self) -> np.ndarray:
        """How long each visited state was occupied within the window (``n_jumps + 1``)."""
        bounds = np.concatenate([[self.t_start], self.times, [self.t_end]])
        return np.diff(bounds)

    def occupation_times(self) -> np.ndarray:
        """Total time spent in each state (array indexed like ``states``)."""
        return np.bincount(self.path, weights=self.sojourns(), minlength=len(self.states))

    def occupation_fractions(self) -> dict:
        """Fraction of the window spent in each state: state → fraction.

        >>> from symflux import kinetic_graph
        >>> from symflux.numerics import simulate
        >>> tr = simulate(kinetic_graph(["1 <-> 2"]), {"k_12": 1, "k_21": 1}, n_jumps=10)
        >>> round(sum(tr.occupation_fractions().values()), 12)
        1.0
        """
        if self.duration <= 0:
            raise EstimationError("the trajectory has zero duration: no occupation to measure")
        occ = self.occupation_times() / self.duration
        return dict(zip(self.states, occ.tolist(), strict=True))

    def counts(self) -> np.ndarray:
        """Number of jumps through each channel (array indexed like ``channels``)."""
        return np.bincount(self.jumps, minlength=len(self.channels))

    def jump_counts(self) -> dict:
        """``n_ij`` per channel: ``(u, v, key) → count``."""
        return dict(zip(self.channels, self.counts().tolist(), strict=True))

    def net_fluxes(self) -> dict:
        """Net flux per channel, ``(n_uv − n_vu) / T``: ``(u, v, key) → flux``.

        The reverse of ``(u, v, key)`` is ``(v, u, key)``; an irreversible channel's
        net flux is its one-way flux.
        """
        if self.duration <= 0:
            raise EstimationError("the trajectory has zero duration: no flux to measure")
        n = self.counts().astype(float)
        back = np.where(self.scheme.reverse >= 0, n[self.scheme.reverse], 0.0)
        return dict(zip(self.channels, ((n - back) / self.duration).tolist(), strict=True))

    def dwell_times(self, state: Any) -> np.ndarray:
        """The complete sojourns in ``state``: each begins and ends with a jump.

        Sojourns cut by the window (the last one always, the first one if the window
        began mid-sojourn) are left out, so the values are exact samples of the
        dwell-time distribution, exponential with mean ``1 / Σ_j k_ij``.
        """
        if state not in self.scheme.index:
            raise EstimationError(f"{state!r} is not a state; states are {list(self.states)}")
        s = self.scheme.index[state]
        soj = self.sojourns()
        keep = self.path == s
        keep[-1] = False
        if not self.first_complete:
            keep[0] = False
        return soj[keep]

    def sample(self, dt: float) -> np.ndarray:
        """State indices at times ``t_start + k·dt``, ``k = 0, 1, …`` within the window.

        >>> from symflux import kinetic_graph
        >>> from symflux.numerics import simulate
        >>> tr = simulate(kinetic_graph(["1 <-> 2"]), {"k_12": 1, "k_21": 1}, t_max=10, seed=0)
        >>> len(tr.sample(0.5))
        21
        """
        if not dt > 0:
            raise EstimationError(f"the sampling interval must be positive, not {dt!r}")
        n = int(np.floor(self.duration / dt * (1 + 1e-12))) + 1
        grid = self.t_start + dt * np.arange(n)
        return self.path[np.searchsorted(self.times, grid, side="right")]

    def window(self, t0: float, t1: float) -> Trajectory:
        """The part of the trajectory observed in ``[t0, t1]`` (within this window)."""
        t0, t1 = max(t0, self.t_start), min(t1, self.t_end)
        if t1 < t0:
            raise EstimationError(f"empty window [{t0}, {t1}]")
        i0 = int(np.searchsorted(self.times, t0, side="right"))
        i1 = int(np.searchsorted(self.times, t1, side="right"))
        first = self.first_complete and i0 == 0 and t0 == self.t_start
        return Trajectory(self.scheme, self.path[i0: i1 + 1], self.jumps[i0:i1],
                          self.times[i0:i1], float(t0), float(t1), bool(self.absorbed and
                          i1 == self.n_jumps), self.message if i1 == self.n_jumps else "",
                          first)

    def split(self, n: int) -> list[Trajectory]:
        """``n`` consecutive windows of equal duration."""
        edges = np.linspace(self.t_start, self.t_end, int(n) + 1)
        return [self.window(a, b) for a, b in pairwise(edges.tolist())]

    def __repr__(self) -> str:
        tail = f", absorbed in {self.states[self.path[-1]]!r}" if self.absorbed else ""
        return (f"<Trajectory: {self.n_jumps} jumps over [{self.t_start:.6g}, "
                f"{self.t_end:.6g}] among {len(self.states)} states{tail}>")

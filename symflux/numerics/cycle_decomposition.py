"""Cycle completions of a trajectory: Hill's one-way cycle fluxes counted, not computed.

Erase loops from the path as they close (keep the states visited as a simple
path; when a jump returns to a state on it, the loop just closed is a completed
cycle, and it is cut off). The rate at which cycle κ is completed in its "+" sense
is Hill's one-way cycle flux ``J_κ+ = Π_κ+ Σ_κ / Σ`` (Hill 1989, ch. 7; Qian & Qian,
"Circulation decomposition of stationary Markov chains", 2000s): an estimate of
every cycle flux from the trajectory alone, with no closed form involved.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from symflux.errors import EstimationError
from symflux.numerics.trajectory import Trajectory
from symflux.numerics.trajectory_statistics import Estimate, _as_list, jackknife

__all__ = ["cycle_completion_estimates", "cycle_completions"]


def cycle_completions(trajectory: Trajectory) -> tuple[np.ndarray, list[frozenset]]:
    """Times and channel sets of the cycles completed along ``trajectory``.

    Returns ``(times, cycles)``: ``cycles[i]`` is the frozenset of channel indices
    (into ``trajectory.channels``) of the cycle closed at ``times[i]``. A jump straight
    back along the same transition closes a two-state "cycle" ``{(u, v, key), (v, u,
    key)}`` too; it carries no net flux and Hill's cycles never include it.

    >>> from symflux import kinetic_graph
    >>> from symflux.numerics import simulate
    >>> G = kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    >>> rates = {"k_12": 2, "k_21": 1, "k_23": 3, "k_32": 1, "k_31": 4, "k_13": 0.5}
    >>> tr = simulate(G, rates, n_jumps=3, seed=2)
    >>> tr.visited()
    ['1', '2', '3', '1']
    >>> times, cycles = cycle_completions(tr)
    >>> [sorted(tr.channels[c] for c in cyc) for cyc in cycles]
    [[('1', '2', 0), ('2', '3', 0), ('3', '1', 0)]]
    """
    target = trajectory.scheme.target.tolist()
    jumps = trajectory.jumps.tolist()
    times = trajectory.times
    position = {int(trajectory.path[0]): 0}
    stack = [int(trajectory.path[0])]   # the loop-erased path
    arrived = [-1]                      # channel by which each of its states was reached
    out_t, out_c = [], []
    for i, c in enumerate(jumps):
        v = target[c]
        at = position.get(v)
        if at is None:
            position[v] = len(stack)
            stack.append(v)
            arrived.append(c)
            continue
        out_t.append(i)
        out_c.append(frozenset([*arrived[at + 1:], c]))
        for s in stack[at + 1:]:
            del position[s]
        del stack[at + 1:]
        del arrived[at + 1:]
    return times[np.array(out_t, dtype=np.intp)], out_c


def cycle_completion_estimates(
    trajectories: Trajectory | Sequence[Trajectory],
    cycles: Sequence[Sequence[tuple]],
    n_batches: int | None = None,
    burn_in: float = 0.0,
) -> list[Estimate]:
    """Completion rate of each cycle (a sequence of edges ``(u, v, key)``), with errors.

    The loop erasure runs over each whole trajectory; completions are then
    assigned to batches (time windows, or trajectories) for the jackknife error.
    A cycle that uses an edge absent from the scheme is never completed: 0 ± 0.

    >>> from symflux import kinetic_graph
    >>> from symflux.numerics import simulate
    >>> G = kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    >>> rates = {"k_12": 2, "k_21": 1, "k_23": 3, "k_32": 1, "k_31": 4, "k_13": 0.5}
    >>> tr = simulate(G, rates, t_max=5000.0, seed=3)
    >>> plus, minus = cycle_completion_estimates(
    ...     tr, [[("1", "2", 0), ("2", "3", 0), ("3", "1", 0)],
    ...          [("1", "3", 0), ("3", "2", 0), ("2", "1", 0)]])
    >>> abs(plus.z_score(24 / 35.5)) < 4, abs(minus.z_score(0.5 / 35.5)) < 4   # Π± / Σ
    (True, True)
    """
    trs = _as_list(trajectories)
    scheme = trs[0].scheme
    where = {c: i for i, c in enumerate(scheme.channels)}
    wanted = []
    for cyc in cycles:
        edges = [tuple(e) for e in cyc]
        wanted.append(frozenset(where[e] for e in edges) if all(e in where for e in edges)
                      else None)
    if not 0.0 <= burn_in < 1.0:
        raise EstimationError(f"burn_in is a fraction in [0, 1), not {burn_in!r}")
    if n_batches is None:
        per = 1 if len(trs) >= 20 else -(-20 // len(trs))
    else:
        per = max(1, round(n_batches / len(trs)))
    rows, durations = [], []
    for tr in trs:
        t0 = tr.t_start + burn_in * tr.duration
        times, found = cycle_completions(tr)
        hits = np.array([[cyc == w for w in wanted] for cyc in found], dtype=float).reshape(
            len(found), len(wanted))
        edges = np.linspace(t0, tr.t_end, per + 1)
        which = np.searchsorted(edges, times, side="right") - 1
        which[times == tr.t_end] = per - 1  # a last jump that ends the window counts
        for b in range(per):
            rows.append(hits[which == b].sum(axis=0))
            durations.append(edges[b + 1] - edges[b])
    if len(rows) < 2:
        raise EstimationError("an error bar needs at least 2 batches")
    value, se = jackknife(lambda n, T: n / T, np.array(rows), np.array(durations))
    return [Estimate(float(v), float(e), len(rows)) for v, e in zip(value, se, strict=True)]

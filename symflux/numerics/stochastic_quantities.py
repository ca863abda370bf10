"""The stochastic validation route: physical quantities estimated from simulated trajectories.

A third route beside the linear and ODE ones, sharing nothing with them: an
ensemble of exact Gillespie trajectories is simulated from random initial states,
a burn-in is dropped, and every quantity is estimated from the jumps and
occupation times with a jackknife standard error. Each entry it returns is a
triple ``(value, scale, stderr)``, so :func:`symflux.validate.validate` judges
it by a z-score, ``|closed − estimate| ≤ z·stderr``, not by a relative error.

Quantities: ``probability`` (occupation fraction), ``flux`` (net jump rate),
``affinity`` (``Σ ln(n_e / n_ē)`` around the cycle), ``entropy_production`` (the
time-averaged path log-ratio, the entropy flow into the medium, which equals σ at
steady state) and ``one_way_cycle_flux`` (cycle completions of the loop-erased
trajectory). Tree sums and the normalisation have no stochastic counterpart.

The seed is derived from the parameter values, so a validation with a given
seed is reproducible. The statistics assume the trajectories are long compared
with the slowest relaxation time; rates spanning many decades need more jumps
(``route_options={"stochastic": {"n_jumps": ...}}``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import networkx as nx
import numpy as np

from symflux.numerics.cycle_decomposition import cycle_completion_estimates
from symflux.numerics.gillespie import simulate_ensemble
from symflux.numerics.kinetic_quantities import evaluate_quantities
from symflux.numerics.trajectory_statistics import batches, jackknife

__all__ = ["evaluate_kinetic", "evaluate_stochastic"]

DEFAULTS = {"n_jumps": 10**6, "n_trajectories": 20, "burn_in": 0.1, "min_events": 20}


def _seed(values: Mapping) -> int:
    text = ";".join(sorted(f"{k}={float(v)!r}" for k, v in values.items()))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")


def evaluate_stochastic(
    G: nx.MultiDiGraph,
    quantities: Mapping,
    values: Mapping,
    rate: str = "rate",
    *,
    n_jumps: int = DEFAULTS["n_jumps"],
    n_trajectories: int = DEFAULTS["n_trajectories"],
    burn_in: float = DEFAULTS["burn_in"],
    seed: int | None = None,
    min_events: int = DEFAULTS["min_events"],
) -> dict:
    """Estimate each named quantity from simulated trajectories: name → (value, scale, stderr).

    Parameters
    ----------
    n_jumps : int
        Jump budget, over all trajectories: each one runs for the duration that
        this many jumps take at the activity of a short pilot run (about
        ``n_jumps / n_trajectories`` jumps each).
    n_trajectories : int
        Independent trajectories (each one batch of the jackknife).
    burn_in : float
        Fraction of each trajectory's duration dropped at its start.
    seed : int, optional
        Default: derived from ``values``.
    min_events : int
        A quantity resting on fewer events (visits to the state, jumps through the
        transitions, completions of the cycle) is reported as not computable: with
        a handful of counts — none at all, for a rare cycle — the error bar is not
        Gaussian, and a z-score would be meaningless.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> from symflux.derivation import Quantity
    >>> G = kinetic_graph(["1 <-> 2"])
    >>> out = evaluate_stochastic(G, {"p": Quantity("probability", ("1",))},
    ...                           {"k_12": 1, "k_21": 3}, n_jumps=10**5)
    >>> value, scale, stderr = out["p"]
    >>> abs(value - 0.75) < 4 * stderr
    True
    """
    rng = np.random.default_rng(_seed(values) if seed is None else seed)
    uniform = {s: 1.0 for s in G.nodes}
    per = max(1, int(n_jumps) // int(n_trajectories))
    # Windows must open and close at fixed times, not at a jump: a trajectory stopped
    # after a fixed number of jumps ends, with bias, just after a jump, which shows in
    # the net flux of a transition off every cycle (its count is only the boundary
    # term ±1, and the bias would be systematic). A short pilot run converts the jump
    # budget into a duration.
    pilot = simulate_ensemble(G, values, n_jumps=max(100, per // 50),
                              n_trajectories=n_trajectories, seed=rng, start=uniform, rate=rate)
    activity = sum(t.n_jumps for t in pilot) / max(sum(t.duration for t in pilot), 1e-300)
    ens = simulate_ensemble(G, values, t_max=per / max(activity, 1e-300),
                            n_trajectories=n_trajectories, seed=rng, start=uniform, rate=rate,
                            max_jumps=100 * per)
    counts = _Counts(batches(ens, burn_in=burn_in), min_events)
    out: dict = {}
    cycles = {}
    for name, q in quantities.items():
        if q.kind == "one_way_cycle_flux":
            cycles[name] = q.args[0]  # estimated together, from one cycle decomposition
        elif q.kind in ESTIMATORS:
            out[name] = ESTIMATORS[q.kind](counts, *q.args)
        else:
            out[name] = None  # no stochastic counterpart (tree sums, Σ, stall, ...)
    if cycles:
        estimates = cycle_completion_estimates(ens, list(cycles.values()), burn_in=burn_in)
        for name, est in zip(cycles, estimates, strict=True):
            completions = est.value * counts.b.duration.sum()
            out[name] = (None if completions < min_events - 0.5
                         else (est.value, abs(est.value), est.stderr))
    # An infinite error bar would let any closed form pass: such a quantity is
    # reported as not computable, not as agreeing.
    return {name: (None if v is not None and not np.isfinite(v[2]) else v)
            for name, v in out.items()}


class _Counts:
    """The batched jump counts and occupation times the estimators read."""

    def __init__(self, b, min_events: int):
        self.b, self.min_events = b, min_events
        self.scheme = b.scheme
        self.where = {c: i for i, c in enumerate(b.scheme.channels)}
        self.total = b.counts.sum(axis=0)


def _probability(c: _Counts, state, *_):
    s = c.scheme.index[state]
    if c.total[c.scheme.target == s].sum() < c.min_events:
        return None
    v, e = jackknife(lambda occ, dur, s=s: occ[s] / dur, c.b.occupation, c.b.duration)
    return (float(v), 1.0, float(e))


def _flux(c: _Counts, a, b, key, *_):
    channels = c.scheme.channels
    fwd = [c.where[x] for x in channels if x[:2] == (a, b) and (key is None or x[2] == key)]
    bwd = [c.where[x] for x in channels if x[:2] == (b, a) and (key is None or x[2] == key)]
    if c.total[fwd].sum() + c.total[bwd].sum() < c.min_events:
        return None
    v, e = jackknife(lambda n, T, f=fwd, r=bwd: (n[f].sum() - n[r].sum()) / T,
                     c.b.counts, c.b.duration)
    scale = float((c.b.counts[:, fwd].sum() + c.b.counts[:, bwd].sum()) / c.b.duration.sum())
    return (float(v), scale, float(e))


def _affinity(c: _Counts, edges, *_):
    rev = c.scheme.reverse
    index = [c.where.get(tuple(x)) for x in edges]
    if any(x is None or rev[x] < 0 for x in index):
        return None
    fwd, bwd = np.array(index), rev[np.array(index)]
    if min(c.total[fwd].min(), c.total[bwd].min()) < max(c.min_events, 1):
        return None  # a transition (almost) never seen
    v, e = jackknife(lambda n, f=fwd, r=bwd: np.log(n[f] / n[r]).sum(), c.b.counts)
    return (float(v), float(np.abs(np.log(c.total[fwd] / c.total[bwd])).sum()), float(e))


def _entropy_production(c: _Counts, *_):
    rev, scheme = c.scheme.reverse, c.scheme
    if (rev < 0).any():
        return None  # σ is infinite; the deterministic routes say so
    logratio = np.log(scheme.rates / scheme.rates[rev])
    v, e = jackknife(lambda n, T, x=logratio: n @ x / T, c.b.counts, c.b.duration)
    scale = float(c.b.counts.sum(axis=0) @ np.abs(logratio) / c.b.duration.sum() / 2)
    return (float(v), scale, float(e))


#: Quantity kind → its estimator from the counts: ``(value, scale, stderr)``, or None
#: where too few events were seen. ``one_way_cycle_flux`` is estimated apart, all cycles
#: from one decomposition of the trajectories; any other kind is not computed here.
ESTIMATORS = {
    "probability": _probability,
    "flux": _flux,
    "affinity": _affinity,
    "entropy_production": _entropy_production,
}


def evaluate_kinetic(G: nx.MultiDiGraph, quantities: Mapping, values: Mapping,
                     route: str = "linear", rate: str = "rate", **options) -> dict:
    """The kinetic evaluator with the stochastic route added; other routes unchanged."""
    if route == "stochastic":
        return evaluate_stochastic(G, quantities, values, rate, **options)
    return evaluate_quantities(G, quantities, values, route, rate)


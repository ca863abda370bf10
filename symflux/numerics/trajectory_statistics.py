"""Estimates with standard errors from one long trajectory or an ensemble of them.

Every estimate here is a smooth function of totals — jump counts per channel,
occupation time per state, duration — summed over *batches*: the trajectories of
an ensemble, or consecutive windows of one trajectory (batch means). The standard
error is the delete-one-batch jackknife, which also covers ratios and logarithms
(the plug-in entropy production) that plain batch means would bias. Batches must
be longer than the correlation time of the process for the error to be honest;
for an ensemble, each trajectory should have relaxed to stationarity (drop a
burn-in window with ``Trajectory.window``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from symflux.errors import EstimationError
from symflux.numerics.trajectory import Trajectory

__all__ = [
    "Batches",
    "Estimate",
    "batches",
    "jackknife",
    "net_flux_estimates",
    "occupation_estimates",
]

DEFAULT_BATCHES = 20


@dataclass(frozen=True)
class Estimate:
    """A number estimated from trajectories, with its standard error.

    >>> e = Estimate(0.5, 0.01, 20)
    >>> round(e.z_score(0.47), 9)
    3.0
    """

    value: float
    stderr: float
    batches: int

    def z_score(self, exact: float) -> float:
        """``(value − exact) / stderr``; ±inf if the error is 0 and they differ."""
        diff = self.value - exact
        if self.stderr > 0:
            return float(diff / self.stderr)
        return 0.0 if diff == 0 else float(np.copysign(np.inf, diff))

    def __str__(self) -> str:
        return f"{self.value:.6g} ± {self.stderr:.2g}"


@dataclass(frozen=True)
class Batches:
    """Totals per batch: ``counts`` (K × channels), ``occupation`` (K × states),
    ``duration`` (K,), and the windows they came from."""

    counts: np.ndarray
    occupation: np.ndarray
    duration: np.ndarray
    windows: tuple[Trajectory, ...]

    @property
    def scheme(self):
        return self.windows[0].scheme

    def __len__(self) -> int:
        return len(self.duration)


def _as_list(trajectories) -> list[Trajectory]:
    if isinstance(trajectories, Trajectory):
        return [trajectories]
    out = list(trajectories) if hasattr(trajectories, "__iter__") else []
    if not out or not all(isinstance(t, Trajectory) for t in out):
        raise EstimationError("give a Trajectory or a non-empty sequence of Trajectory")
    if any(t.scheme is not out[0].scheme for t in out[1:]):
        raise EstimationError("the trajectories come from different simulations "
                              "(schemes); pool only trajectories of one simulate_ensemble")
    return out


def batches(trajectories: Trajectory | Sequence[Trajectory], n: int | None = None,
            burn_in: float = 0.0) -> Batches:
    """Cut trajectories into batches and total each batch.

    Parameters
    ----------
    trajectories : Trajectory or sequence of Trajectory
        One trajectory, or an ensemble from one simulation.
    n : int, optional
        Number of batches. Default: one per trajectory for an ensemble of at least
        ``20``; otherwise each trajectory is cut into equal windows to make about 20.
        For an ensemble, ``n`` is rounded to a multiple of the ensemble size.
    burn_in : float
        Fraction of each trajectory's window discarded at its start (relaxation
        from the initial state).

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> from symflux.numerics import simulate
    >>> tr = simulate(kinetic_graph(["1 <-> 2"]), {"k_12": 1, "k_21": 2}, t_max=100, seed=0)
    >>> b = batches(tr, 10)
    >>> len(b), float(b.duration.sum()), int(b.counts.sum()) == tr.n_jumps
    (10, 100.0, True)
    """
    trs = _as_list(trajectories)
    if not 0.0 <= burn_in < 1.0:
        raise EstimationError(f"burn_in is a fraction in [0, 1), not {burn_in!r}")
    if burn_in:
        trs = [t.window(t.t_start + burn_in * t.duration, t.t_end) for t in trs]
    if n is None:
        per = 1 if len(trs) >= DEFAULT_BATCHES else -(-DEFAULT_BATCHES // len(trs))
    else:
        per = max(1, round(n / len(trs)))
    windows = tuple(w for t in trs for w in (t.split(per) if per > 1 else [t]))
    if len(windows) < 2:
        raise EstimationError("an error bar needs at least 2 batches")
    return Batches(
        np.array([w.counts() for w in windows], dtype=float),
        np.array([w.occupation_times() for w in windows]),
        np.array([w.duration for w in windows]),
        windows,
    )


def jackknife(statistic: Callable[..., np.ndarray], *per_batch: np.ndarray):
    """Value and delete-one jackknife standard error of ``statistic(*totals)``.

    ``per_batch`` are arrays whose first axis runs over batches; ``statistic``
    receives their sums over all batches (and, for the error, over all batches but
    one) and may return a scalar or an array.

    For a plain mean it is the textbook standard error ``s / √K``:

    >>> x = np.array([1.0, 2.0, 3.0, 4.0])
    >>> value, se = jackknife(lambda total, n: total / n, x, np.ones(4))
    >>> float(value), bool(np.isclose(se, x.std(ddof=1) / 2))
    (2.5, True)
    """
    totals = [a.sum(axis=0) for a in per_batch]
    value = np.asarray(statistic(*totals), dtype=float)
    K = len(per_batch[0])
    loo = np.array([statistic(*(t - a[k] for t, a in zip(totals, per_batch, strict=True)))
                    for k in range(K)], dtype=float)
    with np.errstate(invalid="ignore", over="ignore"):
        se = np.sqrt((K - 1) / K * ((loo - loo.mean(axis=0)) ** 2).sum(axis=0))
    # An infinite leave-one-out value (a count that only one batch holds) leaves no
    # finite error bar: say so with inf rather than nan.
    se = np.where(np.isfinite(loo).all(axis=0), se, np.inf)
    return value, se


def occupation_estimates(trajectories: Trajectory | Sequence[Trajectory] | Batches,
                         n_batches: int | None = None,
                         burn_in: float = 0.0) -> dict[Hashable, Estimate]:
    """Occupation fraction of each state with its standard error: state → Estimate.

    The estimate of ``p_s`` is ``T_s / T``, the time spent in ``s`` over the time
    observed, summed over all batches; its error is the jackknife over batches.

    Parameters
    ----------
    trajectories : Trajectory, sequence of Trajectory, or Batches
        One trajectory, an ensemble from one simulation, or batches already cut
        (:func:`batches`; ``n_batches`` and ``burn_in`` are then not used).
    n_batches : int, optional
        Number of batches, as ``n`` of :func:`batches`.
    burn_in : float
        Fraction of each trajectory dropped at its start.

    Returns
    -------
    dict
        State label → :class:`Estimate` (``value``, ``stderr``, ``batches``), for
        every state of the scheme, in its order.

    Raises
    ------
    EstimationError
        Not a Trajectory or a non-empty sequence of them, trajectories of different
        simulations, ``burn_in`` outside [0, 1), or fewer than 2 batches.

    Notes
    -----
    Cutting the batches is linear in the jumps; the jackknife then costs K + 1
    evaluations over the states for K batches (Efron & Tibshirani, *An Introduction
    to the Bootstrap*, 1993, ch. 11). Absorbed trajectories are not refused here.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> from symflux.numerics import simulate
    >>> tr = simulate(kinetic_graph(["1 <-> 2"]), {"k_12": 1, "k_21": 3}, t_max=4000, seed=0)
    >>> est = occupation_estimates(tr)["1"]
    >>> abs(est.z_score(0.75)) < 4
    True
    >>> occupation_estimates(batches(tr, 10))["2"].batches
    10
    """
    b = trajectories if isinstance(trajectories, Batches) else batches(
        trajectories, n_batches, burn_in)
    value, se = jackknife(lambda occ, dur: occ / dur, b.occupation, b.duration)
    return {s: Estimate(float(v), float(e), len(b))
            for s, v, e in zip(b.scheme.states, value, se, strict=True)}


def net_flux_estimates(trajectories: Trajectory | Sequence[Trajectory] | Batches,
                       n_batches: int | None = None, burn_in: float = 0.0,
                       ) -> dict[tuple[Hashable, Hashable, Hashable], Estimate]:
    """Net flux ``(n_uv − n_vu)/T`` per channel with its standard error.

    ``n_uv`` counts the jumps through channel ``(u, v, key)`` and ``n_vu`` those
    through its reverse ``(v, u, key)`` (none for an irreversible channel, whose
    estimate is then its one-way jump rate), over the time ``T`` observed.

    Parameters
    ----------
    trajectories : Trajectory, sequence of Trajectory, or Batches
        One trajectory, an ensemble from one simulation, or batches already cut
        (:func:`batches`; ``n_batches`` and ``burn_in`` are then not used).
    n_batches : int, optional
        Number of batches, as ``n`` of :func:`batches`.
    burn_in : float
        Fraction of each trajectory dropped at its start.

    Returns
    -------
    dict
        Channel ``(u, v, key)`` → :class:`Estimate`, for every channel of the scheme;
        a channel and its reverse hold opposite values.

    Raises
    ------
    EstimationError
        Not a Trajectory or a non-empty sequence of them, trajectories of different
        simulations, ``burn_in`` outside [0, 1), or fewer than 2 batches.

    Notes
    -----
    Cutting the batches is linear in the jumps; the jackknife then costs K + 1
    evaluations over the channels for K batches. The net count of a transition off
    every cycle is only a boundary term: its flux tends to 0 as ``T`` grows.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> from symflux.numerics import simulate
    >>> G = kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    >>> rates = {"k_12": 2, "k_21": 1, "k_23": 3, "k_32": 1, "k_31": 4, "k_13": 0.5}
    >>> J = net_flux_estimates(simulate(G, rates, t_max=5000, seed=0))
    >>> abs(J[("1", "2", 0)].z_score(23.5 / 35.5)) < 4     # (Π+ − Π−) / Σ
    True
    >>> J[("2", "1", 0)].value == -J[("1", "2", 0)].value
    True
    """
    b = trajectories if isinstance(trajectories, Batches) else batches(
        trajectories, n_batches, burn_in)
    rev = b.scheme.reverse

    def flux(counts, dur):
        back = np.where(rev >= 0, counts[rev], 0.0)
        return (counts - back) / dur

    value, se = jackknife(flux, b.counts, b.duration)
    return {c: Estimate(float(v), float(e), len(b))
            for c, v, e in zip(b.scheme.channels, value, se, strict=True)}

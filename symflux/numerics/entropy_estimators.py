"""Entropy production estimated from trajectories: the arrow of time in the data.

Three estimators of the steady-state entropy production rate σ (in k_B per unit
time), all with a jackknife standard error over batches
(:mod:`symflux.numerics.trajectory_statistics`):

``"plugin"``
    From the jump counts alone (every transition observed):
    ``σ̂ = (1/T) Σ_{i<j} (n_ij − n_ji) ln(n_ij / n_ji)``, summed over reversible
    transitions (channel ``(u, v, key)`` and its reverse ``(v, u, key)``). It is σ
    at the maximum-likelihood rates, consistent as T → ∞.
``"kld"``
    From the state sampled every Δt only (Roldán & Parrondo 2010): the
    Kullback–Leibler divergence rate between forward and time-reversed block
    statistics, ``d̂ = D̂_m − D̂_{m−1}``, ``D̂_m = Σ_w p̂(w) ln(p̂(w)/p̂(w̃))`` over blocks
    ``w`` of ``m`` samples and their reversals ``w̃``. ``σ ≥ d/Δt``: a lower bound that
    tightens as Δt shrinks.
``"path"``
    With the rates known: the time average of the log-ratio of the probabilities of
    the path and its time reverse (:func:`path_log_ratio`), the entropy flow into the
    medium; its mean rate is σ at steady state.

An unobserved reverse (``n_ij > 0 = n_ji``, or a block whose reversal never
occurs) makes the plug-in term infinite. Nothing is hidden: the estimate lists
those transitions or blocks and either leaves their terms out — every term
``(a − b) ln(a/b)`` is non-negative, so the result is then reported as a *lower
bound* — or, with ``pseudocount=c``, adds ``c`` to every count and says so.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from symflux.errors import EstimationError, InfiniteAffinity
from symflux.numerics.trajectory import Trajectory
from symflux.numerics.trajectory_statistics import Batches, batches, jackknife

__all__ = ["EntropyEstimate", "estimate_entropy_production", "path_log_ratio"]

METHODS = ("plugin", "kld", "path")


@dataclass(frozen=True)
class EntropyEstimate:
    """An estimate of the entropy production rate σ (k_B per unit time).

    Attributes
    ----------
    value, stderr : float
        The estimate and its jackknife standard error (inf when a batch alone holds
        every occurrence of some transition: too few data for an error bar).
    method : str
        ``"plugin"``, ``"kld"`` or ``"path"``.
    bound : str
        ``"estimate"``, or ``"lower bound"`` (the KLD estimator always; the plug-in
        one when terms were left out).
    unobserved : tuple
        Plug-in: channels ``(u, v, key)`` observed whose reverse never was. KLD:
        blocks (tuples of states) observed whose reversal never was.
    irreversible : tuple
        Channels observed that have no reverse in the scheme at all: σ is then
        infinite, and the value covers the reversible transitions only.
    pseudocount : float or None
        The pseudocount added to every count, if one was.
    duration : float
        Total observed time.
    batches : int
        Batches behind the standard error.
    dt, block : float, int or None
        The KLD estimator's sampling interval and block length.
    """

    value: float
    stderr: float
    method: str
    bound: str
    unobserved: tuple = ()
    irreversible: tuple = ()
    pseudocount: float | None = None
    duration: float = 0.0
    batches: int = 0
    dt: float | None = None
    block: int | None = None

    def z_score(self, exact: float) -> float:
        """``(value − exact) / stderr``."""
        diff = self.value - exact
        if self.stderr > 0:
            return float(diff / self.stderr)
        return 0.0 if diff == 0 else float(np.copysign(np.inf, diff))

    @property
    def notes(self) -> list[str]:
        """Everything a reader must know to interpret the number, in words."""
        out = []
        if self.irreversible:
            out.append("σ is infinite: irreversible channel(s) "
                       + ", ".join(map(_edge, self.irreversible))
                       + " were taken; the value covers the reversible transitions only")
        if self.unobserved:
            what = ("reverse never observed for " + ", ".join(map(_edge, self.unobserved))
                    if self.method == "plugin" else
                    f"{len(self.unobserved)} block(s) never seen reversed, e.g. "
                    + ", ".join("→".join(map(str, w)) for w in self.unobserved[:3]))
            out.append(what + (f"; pseudocount {self.pseudocount:g} added to every count"
                               if self.pseudocount else "; their terms are left out"))
        if self.method == "kld":
            out.append(f"KLD rate of the state sampled every Δt = {self.dt:g} "
                       f"(blocks of {self.block}): σ ≥ d̂/Δt")
        if not np.isfinite(self.stderr):
            out.append("no finite error bar: some transition occurs in one batch only")
        return out

    def __str__(self) -> str:
        head = (f"σ̂ ({self.method}) = {self.value:.6g} ± {self.stderr:.2g} k_B per unit time"
                + (" — a lower bound" if self.bound == "lower bound" else ""))
        return "\n".join([head, *(f"  {n}" for n in self.notes)])


def _edge(c) -> str:
    u, v, key = c
    return f"{u}→{v}" + (f" [{key}]" if key not in (0, None) else "")


def _pairs(b: Batches):
    rev = b.scheme.reverse
    idx = np.arange(len(rev))
    one = idx[(rev > idx)]
    return one, rev[one]


def _plugin(b: Batches, pseudocount: float | None) -> EntropyEstimate:
    scheme = b.scheme
    i, j = _pairs(b)
    total = b.counts.sum(axis=0)
    irreversible = tuple(scheme.channels[c] for c in np.flatnonzero(
        (scheme.reverse < 0) & (total > 0)))
    seen_i, seen_j = total[i] > 0, total[j] > 0
    lonely = np.concatenate([i[seen_i & ~seen_j], j[seen_j & ~seen_i]])
    unobserved = tuple(scheme.channels[c] for c in np.sort(lonely))
    if pseudocount:
        use, add = seen_i | seen_j, float(pseudocount)
    else:
        use, add = seen_i & seen_j, 0.0
    i, j = i[use], j[use]

    def sigma(counts, dur):
        a, c = counts[i] + add, counts[j] + add
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(a == c, 0.0, (a - c) * np.log(a / c))
        return np.nan_to_num(terms, nan=np.inf).sum() / dur

    value, se = jackknife(sigma, b.counts, b.duration)
    lower = bool(irreversible) or (bool(unobserved) and not pseudocount)
    return EntropyEstimate(float(value), float(se), "plugin",
                           "lower bound" if lower else "estimate", unobserved, irreversible,
                           float(pseudocount) if pseudocount else None,
                           float(b.duration.sum()), len(b))


def _path(b: Batches) -> EntropyEstimate:
    scheme = b.scheme
    rev = scheme.reverse
    total = b.counts.sum(axis=0)
    irreversible = tuple(scheme.channels[c] for c in np.flatnonzero((rev < 0) & (total > 0)))
    logratio = np.where(rev >= 0, np.log(scheme.rates / scheme.rates[rev]), 0.0)
    value, se = jackknife(lambda counts, dur: counts @ logratio / dur, b.counts, b.duration)
    return EntropyEstimate(float(value), float(se), "path",
                           "lower bound" if irreversible else "estimate", (), irreversible,
                           None, float(b.duration.sum()), len(b))


def _block_codes(x: np.ndarray, m: int, n_states: int):
    """Integer codes of the sliding blocks of length ``m`` and of their reversals."""
    L = len(x) - m + 1
    if L <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    x = x.astype(np.int64)
    forward = np.zeros(L, dtype=np.int64)
    backward = np.zeros(L, dtype=np.int64)
    for pos in range(m):
        forward = forward * n_states + x[pos: pos + L]
        backward = backward * n_states + x[m - 1 - pos: m - 1 - pos + L]
    return forward, backward


def _kld(b: Batches, dt: float, m: int, pseudocount: float | None) -> EntropyEstimate:
    N = len(b.scheme.states)
    if N ** m > 2 ** 62:
        raise EstimationError(f"blocks of {m} samples of {N} states overflow the block codes; "
                              "use a smaller block length")
    samples = [w.sample(dt) for w in b.windows]
    if min(len(s) for s in samples) < m + 1:
        raise EstimationError(f"a batch of duration {b.duration.min():.6g} holds fewer than "
                              f"{m + 1} samples at Δt = {dt:g}; use a smaller Δt, longer "
                              "trajectories or fewer batches")
    unobserved: list = []
    per_block = []
    for length in (m, m - 1):
        codes = [_block_codes(s, length, N) for s in samples]
        universe = np.unique(np.concatenate([c for pair in codes for c in pair]))
        counts = np.array([np.bincount(np.searchsorted(universe, f), minlength=len(universe))
                           for f, _ in codes], dtype=float)
        rev_index = np.searchsorted(universe, _block_codes_reverse(universe, length, N))
        total = counts.sum(axis=0)
        lonely = (total > 0) & (total[rev_index] == 0)
        if length == m:
            unobserved = [_decode(c, length, N, b.scheme.states) for c in universe[lonely]]
        use = (total > 0) & (total[rev_index] > 0) if not pseudocount else (
            (total > 0) | (total[rev_index] > 0))
        per_block.append((counts, rev_index, use))
    add = float(pseudocount or 0.0)

    def divergence(counts, rev_index, use):
        a = counts + add * use
        p = a / a.sum()
        q = p[rev_index]
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(use & (p > 0), p * np.log(p / q), 0.0)
        return np.nan_to_num(terms, nan=np.inf).sum()

    def rate(c_m, c_m1):
        d = divergence(c_m, *per_block[0][1:])
        return (d - divergence(c_m1, *per_block[1][1:])) / dt

    value, se = jackknife(rate, per_block[0][0], per_block[1][0])
    return EntropyEstimate(float(value), float(se), "kld", "lower bound", tuple(unobserved),
                           (), float(pseudocount) if pseudocount else None,
                           float(b.duration.sum()), len(b), float(dt), int(m))


def _block_codes_reverse(codes: np.ndarray, m: int, N: int) -> np.ndarray:
    out = np.zeros_like(codes)
    rest = codes.copy()
    for _ in range(m):
        out = out * N + rest % N
        rest //= N
    return out


def _decode(code: int, m: int, N: int, states: tuple) -> tuple:
    digits = []
    for _ in range(m):
        digits.append(states[int(code % N)])
        code //= N
    return tuple(reversed(digits))


def estimate_entropy_production(
    trajectories: Trajectory | Sequence[Trajectory], method: str = "plugin", *,
    dt: float | None = None, block: int = 2, pseudocount: float | None = None,
    n_batches: int | None = None, burn_in: float = 0.0,
) -> EntropyEstimate:
    """Estimate the entropy production rate σ from stationary trajectories.

    Parameters
    ----------
    trajectories : Trajectory or sequence of Trajectory
        One long trajectory (cut into batches) or an ensemble (one batch each).
    method : {"plugin", "kld", "path"}
        See the module docstring: jump counts; Δt-sampled states (a lower bound);
        or the path log-ratio with the known rates.
    dt : float
        Sampling interval, required by ``"kld"``.
    block : int
        Block length ``m`` of the KLD estimator (``d̂ = D̂_m − D̂_{m−1}``); 2 is exact
        for a Markov chain sampled with all states visible.
    pseudocount : float, optional
        Added to every count of a transition (or block) observed in either
        direction. Default: no pseudocount; terms with an unobserved reverse are left
        out and the result is a lower bound. Either way they are listed.
    n_batches : int, optional
        Batches for the error bar (see :func:`~symflux.numerics.trajectory_statistics.batches`).
    burn_in : float
        Fraction of each trajectory dropped at its start.

    Returns
    -------
    EntropyEstimate
        ``value``, ``stderr``, ``bound``, the unobserved transitions or blocks,
        and ``notes`` in words.

    Raises
    ------
    EstimationError
        An unknown method, no ``dt`` for ``"kld"``, an absorbed trajectory (not
        stationary), or too little data.

    Notes
    -----
    Linear in the number of jumps (``"plugin"``, ``"path"``) or of samples times the
    ``block`` states (``"kld"``); errors by jackknife over the batches.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> from symflux.numerics import simulate
    >>> G = kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    >>> rates = {"k_12": 2, "k_21": 1, "k_23": 3, "k_32": 1, "k_31": 4, "k_13": 0.5}
    >>> tr = simulate(G, rates, t_max=20000.0, seed=1)
    >>> est = estimate_entropy_production(tr)
    >>> est.bound, abs(est.z_score(2.5626)) < 4      # σ = 2.5626 from the closed form
    ('estimate', True)
    >>> estimate_entropy_production(tr, "kld", dt=0.05).value < 2.5626
    True
    """
    if method not in METHODS:
        raise EstimationError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    trs = [trajectories] if isinstance(trajectories, Trajectory) else list(
        trajectories) if hasattr(trajectories, "__iter__") else [trajectories]
    if not trs or not all(isinstance(t, Trajectory) for t in trs):
        raise EstimationError("give a Trajectory or a non-empty sequence of Trajectory")
    stuck = [t for t in trs if isinstance(t, Trajectory) and t.absorbed]
    if stuck:
        raise EstimationError(f"a trajectory was absorbed ({stuck[0].message}); an absorbed "
                              "trajectory is not stationary and has no entropy production rate")
    if pseudocount is not None and not pseudocount >= 0:
        raise EstimationError(f"pseudocount must be ≥ 0, not {pseudocount!r}")
    b = batches(trs, n_batches, burn_in)
    if b.duration.sum() <= 0:
        raise EstimationError("the trajectories have zero total duration")
    if method == "plugin":
        return _plugin(b, pseudocount)
    if method == "path":
        return _path(b)
    if dt is None or not dt > 0:
        raise EstimationError("the KLD estimator needs the sampling interval dt > 0")
    if int(block) != block or block < 2:
        raise EstimationError(f"block must be an integer ≥ 2 (D̂_1 = 0 always), not {block!r}")
    return _kld(b, float(dt), int(block), pseudocount)


def path_log_ratio(trajectory: Trajectory,
                   distribution: Mapping[Hashable, float] | None = None) -> float:
    """``ln P[path] / P[reversed path]``: the entropy produced along the path, in k_B.

    The time-reversed path visits the same states backwards with the same dwell
    times, so the escape factors ``exp(−∫ r dt)`` cancel and only the rates of the
    jumps remain: ``Σ_jumps ln(k_ij / k_ji)``, the entropy flow into the medium.
    With ``distribution``, the boundary term ``ln p(x_0) − ln p(x_T)`` (system entropy
    change) is added and the result is the total entropy production along the path.

    Parameters
    ----------
    trajectory : Trajectory
        A simulated path (:func:`~symflux.numerics.simulate`) or a window of one.
    distribution : mapping of state to float, optional
        State label → probability, read at both ends of the path: the stationary
        distribution, for a path that starts in it.

    Returns
    -------
    float
        ``Σ_jumps ln(k_ij / k_ji)`` (0.0 without jumps), plus the boundary term.

    Raises
    ------
    InfiniteAffinity
        The path takes a channel with no reverse: its time reverse is impossible.
    EstimationError
        Not a Trajectory, or ``distribution`` gives an end state no positive probability.

    Notes
    -----
    One vectorised pass: linear in ``n_jumps`` (at most the limit ``simulate_jumps``).
    Divided by the duration of a long stationary path it estimates σ (the ``"path"``
    method of :func:`estimate_entropy_production`); Seifert, PRL 95, 040602 (2005).

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> from symflux.numerics import simulate
    >>> G = kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    >>> rates = {"k_12": 2, "k_21": 1, "k_23": 3, "k_32": 1, "k_31": 4, "k_13": 0.5}
    >>> tr = simulate(G, rates, n_jumps=3, seed=2)
    >>> tr.visited()
    ['1', '2', '3', '1']
    >>> round(path_log_ratio(tr), 12) == round(float(np.log(2 * 3 * 4 / (1 * 1 * 0.5))), 12)
    True
    """
    if not isinstance(trajectory, Trajectory):
        raise EstimationError(f"path_log_ratio takes a Trajectory, not {type(trajectory).__name__}")
    scheme = trajectory.scheme
    rev = scheme.reverse[trajectory.jumps]
    if (rev < 0).any():
        c = scheme.channels[trajectory.jumps[np.flatnonzero(rev < 0)[0]]]
        raise InfiniteAffinity(f"the path takes the irreversible channel {_edge(c)}: its time "
                               "reverse has probability 0 and the log-ratio is infinite")
    value = float(np.log(scheme.rates[trajectory.jumps] / scheme.rates[rev]).sum())
    if distribution is not None:
        first, last = (scheme.states[trajectory.path[0]], scheme.states[trajectory.path[-1]])
        p0, pT = float(distribution.get(first, 0.0)), float(distribution.get(last, 0.0))
        if p0 <= 0 or pT <= 0:
            raise EstimationError(f"the distribution gives p({first!r}) = {p0}, "
                                  f"p({last!r}) = {pT}; both must be positive")
        value += float(np.log(p0) - np.log(pT))
    return value

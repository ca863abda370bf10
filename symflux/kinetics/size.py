"""How large a closed form will be, known before it is built.

The number of in-trees rooted in a set of states is a determinant (the directed
matrix-tree theorem on the graph with those states merged into one root and every
channel of weight one), so the size of every tree sum — and the time and memory to
build it — is known up front, in floating point, at the cost of one small
determinant per root set. :class:`SizeEstimate` holds the numbers;
``steady_state`` and ``cycle_fluxes`` read it to choose between the expanded and
the nested form, and :class:`~symflux.errors.ModelTooLarge` quotes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["SizeEstimate", "estimate_size", "tree_counts"]

# Fitted to benchmarks/cases/kinetics.py on a shared 2-core machine (load ~7): building
# the expanded SymPy sums costs about 5 µs per term plus 0.4 µs per factor and holds
# about 250 bytes per term plus 8 per factor (complete 7-state graph: 7.7 s, 298 MB);
# enumerating the trees and building the nested form about 15 µs per tree plus 0.5 µs
# per factor, 250 bytes per tree plus 8 per factor (complete 8-state: 43 s, 680 MB).
# Long thin trees (rings) cost up to 3× more per factor; these are orders of magnitude.
SECONDS_PER_TERM, SECONDS_PER_FACTOR = 5e-6, 4e-7
BYTES_PER_TERM, BYTES_PER_FACTOR = 250, 8
SECONDS_PER_TREE, SECONDS_PER_TREE_FACTOR = 1.5e-5, 5e-7
BYTES_PER_TREE = 250

# What form="auto" builds without being asked: the expanded form up to this many
# terms, a nested form up to NESTED_TREES enumerated trees, and nothing beyond.
EXPANDED_TERMS = 1_500_000
NESTED_TREES = 6_000_000
# Above this many states one sparse determinant estimates every root set's count.
DENSE_STATES = 300


def tree_counts(states: list, out: dict, roots_list: list) -> list[float]:
    """Number of spanning in-forests rooted in each root set (float, may be huge).

    ``out[s]`` lists ``(target, channel)`` as for :func:`~symflux.kinetics.trees.in_trees`.

    >>> out = {1: [(2, 0), (3, 1)], 2: [(1, 2), (3, 3)], 3: [(1, 4), (2, 5)]}
    >>> tree_counts([1, 2, 3], out, [[1], [1, 2]])
    [3.0, 2.0]
    """
    if len(states) > DENSE_STATES:
        # One sparse determinant stands for every root set: an estimate of the order
        # of magnitude, which is all a refusal needs (a dense one per state is O(n⁴)).
        first = _log_count_sparse(states, out, set(roots_list[0]))
        return [first] * len(roots_list)
    counts = []
    for roots in roots_list:
        rootset = set(roots)
        rest = [s for s in states if s not in rootset]
        index = {s: i for i, s in enumerate(rest)}
        L = np.zeros((len(rest), len(rest)))
        for s in rest:
            for t, _ in out.get(s, ()):
                L[index[s], index[s]] += 1.0
                if t in index:
                    L[index[s], index[t]] -= 1.0
        sign, logdet = np.linalg.slogdet(L) if len(rest) else (1.0, 0.0)
        counts.append(float(round(math.exp(logdet))) if sign > 0 and logdet < 700 else
                      (math.inf if sign > 0 else 0.0))
    return counts


def _log_count_sparse(states: list, out: dict, rootset: set) -> float:
    import scipy.sparse as sp
    from scipy.sparse.linalg import splu

    rest = [s for s in states if s not in rootset]
    index = {s: i for i, s in enumerate(rest)}
    rows, cols, vals = [], [], []
    for s in rest:
        for t, _ in out.get(s, ()):
            rows.append(index[s])
            cols.append(index[s])
            vals.append(1.0)
            if t in index:
                rows.append(index[s])
                cols.append(index[t])
                vals.append(-1.0)
    L = sp.csc_matrix((vals, (rows, cols)), shape=(len(rest), len(rest)))
    try:
        logdet = float(np.sum(np.log(np.abs(splu(L).U.diagonal()))))
    except RuntimeError:          # singular: no spanning forest
        return 0.0
    return math.exp(logdet) if logdet < 700 else math.inf


@dataclass(frozen=True)
class SizeEstimate:
    """Sizes and costs of a model's closed forms, estimated before building them.

    ``trees`` directional diagrams (all root sets), ``terms`` terms of the expanded
    results, ``factors`` rate factors in them; ``seconds`` and ``megabytes`` to build
    the expanded form, ``nested_seconds`` and ``nested_megabytes`` for the nested one.
    """

    trees: float
    terms: float
    factors: float
    seconds: float
    megabytes: float
    nested_seconds: float
    nested_megabytes: float

    @property
    def expanded_fits(self) -> bool:
        """Whether the expanded sums stay within EXPANDED_TERMS terms."""
        return self.terms <= EXPANDED_TERMS

    @property
    def nested_fits(self) -> bool:
        """Whether the trees to enumerate stay within NESTED_TREES."""
        return self.trees <= NESTED_TREES

    def describe(self) -> str:
        """The estimate in a sentence, for refusals and progress lines."""
        return (f"{self.trees:.3g} directional diagrams; the expanded form has about "
                f"{self.terms:.3g} terms ({self.seconds:.3g} s, {self.megabytes:.3g} MB to "
                f"build), the nested form about {self.nested_seconds:.3g} s and "
                f"{self.nested_megabytes:.3g} MB")


def estimate_size(counts: list[float], degrees: list[int], extra_terms: float = 0.0,
                  ) -> SizeEstimate:
    """Estimate from tree counts per root set and the number of factors per tree.

    ``extra_terms`` counts further terms of the expanded results (flux numerators),
    of degree ``max(degrees) + 1``.

    >>> e = estimate_size([3.0, 3.0, 3.0], [2, 2, 2], extra_terms=12)
    >>> e.trees, e.terms, e.factors
    (9.0, 30.0, 72.0)
    """
    trees = float(sum(counts))
    tree_factors = float(sum(c * d for c, d in zip(counts, degrees, strict=True)))
    # Expanded results: each tree sum once, Σ (their sum) once more, plus extra terms.
    terms = 2 * trees + extra_terms
    factors = 2 * tree_factors + extra_terms * (max(degrees, default=0) + 1)
    nested_seconds = trees * SECONDS_PER_TREE + tree_factors * SECONDS_PER_TREE_FACTOR
    nested_megabytes = (trees * BYTES_PER_TREE + tree_factors * BYTES_PER_FACTOR) / 1e6
    # The expanded form is built from the same enumeration (and its nested twin).
    seconds = terms * SECONDS_PER_TERM + factors * SECONDS_PER_FACTOR + nested_seconds
    megabytes = (terms * BYTES_PER_TERM + factors * BYTES_PER_FACTOR) / 1e6 + nested_megabytes
    return SizeEstimate(trees, terms, factors, seconds, megabytes, nested_seconds,
                        nested_megabytes)

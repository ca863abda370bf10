r"""Expanded closed forms of resistor networks as ratios of spanning-forest sums.

Multiplied through by every resistance, a sum over forests ``Σ_F Π_{e∈F} 1/R_e``
becomes ``Σ_F Π_{e∉F} R_e``: a polynomial in the resistances, one term per forest,
every coefficient one. The effective resistance between ``a`` and ``b`` is the sum
over 2-forests separating them over the sum over spanning trees; the potential of
a free node ``i`` is ``Σ_f φ_f N_{i,f} / D`` (all-minors matrix-tree theorem), where
``D`` sums the forests with one fixed node in each tree and ``N_{i,f}`` those in
which ``i`` hangs on the tree of ``f``; a source at ``j`` adds ``s_j`` times the
forests rooted at the fixed nodes and ``j`` in which ``i`` hangs on ``j``.

The forests come from :mod:`symflux.transport.forests` as bit masks, and the
numerators of edge fluxes are differences of those sets; symbolic algebra is used
only to write the final sums. Small results go through
:func:`~symflux.transport.forms.tidy` (cancelled, the shorter of factored and
expanded), exactly as before; large ones are written directly: the monomial common
to every term is dropped and drivers with equal coefficients are grouped, as
``tidy`` does, but on the masks.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cmp_to_key

import sympy

from symflux.transport.forests import forest_roots, rooted_forests
from symflux.transport.forms import tidy

__all__ = ["SMALL_TERMS", "ForestSums", "edge_flux_sums", "effective_resistance_sums",
           "potential_sums"]

SMALL_TERMS = 200
"""At most this many terms (numerator and denominator), results go through ``tidy``."""


class _Writer:
    """Writes ``Σ c Π_{e ∈ mask} R_e`` (masks in resistance form) as SymPy expressions.

    With distinct plain symbols as resistances, SymPy's canonical order of factors
    and terms (``Basic.compare``) is computed once, and products and sums are
    assembled in it with ``_from_args``: re-sorting thousands of terms by SymPy's
    comparison on every ``Add`` dominated the cost. The result is the very
    expression ``Add(*terms)`` builds (tests check this); anything else (repeated
    or compound resistances) goes through ordinary ``Mul`` and ``Add``.
    """

    def __init__(self, resistances: Sequence[sympy.Expr]):
        self.r = list(resistances)
        self.fast = all(isinstance(x, sympy.Symbol) for x in self.r) and len(set(self.r)) == len(
            self.r)
        if self.fast:
            order = sorted(self.r, key=cmp_to_key(sympy.Basic.compare))
            rank = {x: i for i, x in enumerate(order)}
            self.edges_by_rank = sorted(range(len(self.r)), key=lambda e: rank[self.r[e]])

    def poly(self, terms: dict) -> sympy.Expr:
        degrees = {m.bit_count() for m in terms}
        if not self.fast or len(degrees) != 1 or min(degrees) < 2 or not set(
                terms.values()) <= {1, -1} or len(terms) < 2:
            return sympy.Add(*(c * sympy.Mul(*(self.r[e] for e in range(len(self.r))
                                               if m >> e & 1)) for m, c in terms.items()))
        minus = sympy.Integer(-1)
        rows = []
        for m, c in terms.items():
            # Basic.compare orders equal-degree products by their factors, and puts a
            # negated product (one argument more) after every positive one
            ranks = tuple(i for i, e in enumerate(self.edges_by_rank) if m >> e & 1)
            rows.append((c < 0, ranks))
        rows.sort()
        order = [self.r[e] for e in self.edges_by_rank]
        args = tuple(sympy.Mul._from_args(((minus,) if neg else ()) + tuple(
            order[i] for i in ranks), is_commutative=True) for neg, ranks in rows)
        return sympy.Add._from_args(args)


class ForestSums:
    """Numerators (driver → {forest mask: coefficient}) over one denominator (masks).

    Masks are in conductance form (edges on the forest); ``edges`` is the number of
    edges, all of which the resistance form multiplies in.
    """

    __slots__ = ("denominator", "edges", "numerators")

    def __init__(self, numerators: dict, denominator: list, edges: int):
        self.numerators = numerators
        self.denominator = denominator
        self.edges = edges

    def terms(self) -> int:
        """The number of forest terms in the denominator and all numerators."""
        return len(self.denominator) + sum(len(t) for t in self.numerators.values())

    def expression(self, resistances, drivers: dict, driver_symbols=()) -> sympy.Expr:
        """The ratio in the resistances; ``drivers`` maps driver keys to SymPy values."""
        full = (1 << self.edges) - 1
        writer = _Writer(resistances)
        values = {k: drivers[k] for k in self.numerators if drivers[k] != 0}
        fast = writer.fast and self.terms() > SMALL_TERMS and all(
            isinstance(v, sympy.Symbol) or v == 1 for v in values.values())
        if not fast:
            top = sympy.Add(*(values[k] * writer.poly({full ^ m: c for m, c in t.items()})
                              for k, t in self.numerators.items() if t and k in values))
            bottom = writer.poly({full ^ m: 1 for m in self.denominator})
            return tidy(None, driver_symbols, (top, bottom))
        common = full
        for m in self.denominator:
            common &= full ^ m
        for k, t in self.numerators.items():
            for m in t if k in values else ():
                common &= full ^ m
        keep = full ^ common
        groups: list = []   # [coefficient terms, [(sign, driver value), ...]]
        for k, t in self.numerators.items():
            if not t or k not in values:
                continue
            coeff = {keep & ~m: c for m, c in t.items()}
            negated = {m: -c for m, c in coeff.items()}
            for g in groups:
                if g[0] == coeff or g[0] == negated:
                    g[1].append((1 if g[0] == coeff else -1, values[k]))
                    break
            else:
                groups.append([coeff, [(1, values[k])]])
        top = sympy.Add(*(sympy.Add(*(s * v for s, v in members)) * writer.poly(coeff)
                          for coeff, members in groups))
        bottom = writer.poly({keep & ~m: 1 for m in self.denominator})
        return top / bottom


def effective_resistance_sums(nodes: int, edges: Sequence[tuple[int, int]], a: int,
                              b: int) -> ForestSums:
    """``R_eff = Σ(2-forests separating a, b) / Σ(spanning trees)``, as forest sums.

    >>> s = effective_resistance_sums(3, [(0, 1), (1, 2), (0, 2)], 0, 2)
    >>> sorted(s.numerators[None]), sorted(s.denominator)
    ([1, 2], [3, 5, 6])
    """
    return ForestSums({None: {m: 1 for m in rooted_forests(nodes, edges, [a, b])}},
                      rooted_forests(nodes, edges, [a]), len(edges))


def potential_sums(nodes: int, edges: Sequence[tuple[int, int]], fixed: Sequence[int],
                   sources: Sequence[int]) -> tuple[dict, list]:
    """Forest-sum numerators of every node's potential over their common denominator.

    Returns ``(numerators, denominator)``: ``numerators[i]`` maps ``("fixed", f)`` and
    ``("source", j)`` to ``{mask: 1}``; a fixed node's numerator is its own potential
    times the denominator.

    >>> num, den = potential_sums(3, [(0, 1), (1, 2)], [0, 2], [])
    >>> sorted(den), num[1]
    ([1, 2], {('fixed', 0): {1: 1}, ('fixed', 2): {2: 1}})
    """
    fixed = list(fixed)
    denominator = rooted_forests(nodes, edges, fixed)
    labels = forest_roots(nodes, edges, fixed, denominator)
    numerators: dict = {i: {} for i in range(nodes)}
    for f in fixed:
        numerators[f] = {("fixed", f): {m: 1 for m in denominator}}
    free = [i for i in range(nodes) if i not in fixed]
    for i in free:
        for j, f in enumerate(fixed):
            numerators[i][("fixed", f)] = {m: 1 for m, x in zip(denominator, labels[:, i],
                                                                 strict=True) if x == j}
    for s in sources:
        forests = rooted_forests(nodes, edges, [*fixed, s])
        hang = forest_roots(nodes, edges, [*fixed, s], forests)[:, :]
        for i in free:
            numerators[i][("source", s)] = {m: 1 for m, x in zip(forests, hang[:, i],
                                                                 strict=True)
                                            if x == len(fixed)}
    return numerators, denominator


def edge_flux_sums(numerators: dict, denominator: list, edges: int, e: int, u: int,
                   v: int) -> ForestSums:
    """``J_e = (φ_u − φ_v)/R_e`` as forest sums: ``g_e (N_u − N_v) / D``.

    Forests through ``e`` put ``u`` and ``v`` on one tree and cancel, so the product
    with ``g_e`` stays a sum of forests (each mask gains bit ``e``)."""
    bit = 1 << e
    out: dict = {}
    for k in numerators[u].keys() | numerators[v].keys():
        diff = dict(numerators[u].get(k, {}))
        for m, c in numerators[v].get(k, {}).items():
            diff[m] = diff.get(m, 0) - c
        terms = {}
        for m, c in diff.items():
            if c:
                if m & bit:
                    raise AssertionError("a forest through the edge survived the difference")
                terms[m | bit] = c
        out[k] = terms
    return ForestSums(out, denominator, edges)

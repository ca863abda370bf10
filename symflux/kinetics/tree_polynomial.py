"""Sums of directional diagrams as exact polynomials over the edge channels.

A :class:`TreePolynomial` maps each tree (a sorted tuple of channels) to its
coefficient; it becomes a SymPy expression expanded, or nested (a trie of common
factors, Horner-like) when the expanded form would be too large to print or compile.

Fast path, and when it is safe:

* When every channel's rate is a distinct plain :class:`~sympy.Symbol`, channels are
  numbered in SymPy's canonical order of their rates (``Basic.compare``). A sorted
  monomial is then already in the order ``Mul`` would put its factors, and terms
  sort by a tuple key into the order ``Add`` would put them, so the expressions are
  assembled with ``_from_args`` without SymPy re-sorting (or re-hashing) anything.
  The result is the very expression ``Add(*terms)`` builds (tests check ``==``).
  For any other rates (``k_1*S``, a rate shared by two channels) the ordinary
  ``Mul``/``Add`` constructors are used.
"""

from __future__ import annotations

import bisect
import sys
from collections import Counter
from collections.abc import Iterable
from itertools import chain

import sympy

from symflux.kinetics.trees import canonical_channel_order

__all__ = ["MAX_NESTING", "TreePolynomial"]

# Nested (Horner) forms deeper than this are summed flat below that level: SymPy's
# printers and lambdify recurse once per level, and a few hundred levels overflow.
MAX_NESTING = 48
#: In the sort key of a product, a factor that is a sum: after every rate's rank, as
#: ``Basic.compare`` puts an Add after every Symbol. A rate factor is keyed by its rank,
#: so a flat product's key holds its sorted monomial itself (no tuple built per factor).
_SUM = sys.maxsize


def _sorted(monomial) -> tuple:
    try:
        return tuple(sorted(monomial))
    except TypeError:
        return tuple(sorted(monomial, key=repr))


class TreePolynomial:
    """A polynomial in channel rates: monomial (sorted tuple of channels) → integer.

    >>> p = TreePolynomial({("a", "b"): 1}) * "c" - TreePolynomial({("b", "c"): 1}) * "a"
    >>> p.is_zero
    True
    """

    __slots__ = ("terms",)

    def __init__(self, terms: dict | None = None):
        self.terms = {m: c for m, c in (terms or {}).items() if c}

    @classmethod
    def from_monomials(cls, monomials: Iterable[tuple]) -> TreePolynomial:
        """The sum of the given monomials (tuples of channels, any order), with counts."""
        return cls(Counter(_sorted(m) for m in monomials))

    @classmethod
    def total(cls, polys: Iterable[TreePolynomial]) -> TreePolynomial:
        """The sum of many polynomials in one pass (``+`` in a loop copies the growing sum
        each time: quadratic in the terms of Σ)."""
        polys = list(polys)
        terms: dict = {}
        for p in polys:
            terms.update(p.terms)   # reuses the stored hashes of the monomials
        if len(terms) == sum(len(p) for p in polys):
            return cls._raw(terms)  # disjoint (the in-trees of different roots are)
        terms = {}
        for p in polys:
            for m, c in p.terms.items():
                terms[m] = terms.get(m, 0) + c
        return cls(terms)

    @property
    def is_zero(self) -> bool:
        return not self.terms

    def __len__(self) -> int:
        return len(self.terms)

    def __add__(self, other: TreePolynomial) -> TreePolynomial:
        terms = dict(self.terms)
        for m, c in other.terms.items():
            terms[m] = terms.get(m, 0) + c
        return TreePolynomial(terms)

    def __neg__(self) -> TreePolynomial:
        return TreePolynomial({m: -c for m, c in self.terms.items()})

    def __sub__(self, other: TreePolynomial) -> TreePolynomial:
        return self + (-other)

    def __mul__(self, channel) -> TreePolynomial:
        """Multiply by the rate of one channel."""
        out = {}
        try:
            for m, c in self.terms.items():
                i = bisect.bisect(m, channel)
                out[(*m[:i], channel, *m[i:])] = c
        except TypeError:
            out = {_sorted((*m, channel)): c for m, c in self.terms.items()}
        return TreePolynomial._raw(out)

    def to_expr(self, rates: dict, *, products: _Products | None = None) -> sympy.Expr:
        """The expanded sum, one term per tree (what a textbook prints).

        Pass one ``products`` (``TreePolynomial.products(rates)``) to several calls to
        share their terms.
        """
        return (products or _Products(rates)).sum(list(self.terms.items()))

    @staticmethod
    def products(rates: dict) -> _Products:
        """A builder of terms over ``rates`` that shares them between sums."""
        return _Products(rates)

    def times_difference(self, forward, other: TreePolynomial, backward) -> TreePolynomial:
        """``self · k_forward − other · k_backward``, cancelling equal products.

        >>> a = TreePolynomial({("x",): 1}); b = TreePolynomial({("y",): 1})
        >>> sorted(a.times_difference("y", b, "x").terms.items())
        []
        """
        out = (self * forward).terms
        for m, c in (other * backward).terms.items():
            left = out.get(m, 0) - c
            if left:
                out[m] = left
            else:
                del out[m]
        return TreePolynomial._raw(out)

    @classmethod
    def _raw(cls, terms: dict) -> TreePolynomial:
        p = cls.__new__(cls)
        p.terms = terms
        return p

    def to_horner(self, rates: dict) -> sympy.Expr:
        """A nested form with the same value and far fewer operations.

        Monomials are put in a trie, channels ordered by how many terms they occur in
        (most first), and every trie node becomes ``Σ_c k_c · (node below c)``: a sum of
        positive terms stays a sum of positive terms, cheap and free of cancellation.
        Cost: one pass over the terms; no recursion.
        """
        return _trie_form(self.terms, rates, _Products(rates))


class _Products:
    """Builds products and sums of rates in SymPy's canonical order (module docstring)."""

    def __init__(self, rates: dict):
        self.rates = rates
        order = canonical_channel_order(rates)
        self.rank = None if order is None else {ch: i for i, ch in enumerate(order)}
        # Channels numbered by rank already (as stationary.Channels does): a sorted
        # monomial needs no re-sorting.
        self.by_rank = order is not None and all(ch == i for i, ch in enumerate(order))
        self._rate_list = [rates[ch] for ch in order] if self.by_rank else None
        # Products are shared between sums (a tree's monomial is in w_i and in Σ; a
        # unicyclic one in the flux numerator of every edge on its cycle).
        self._cache: dict = {}
        self._negative: dict = {}
        self._by_symbol = {} if order is None else {rates[ch]: i for i, ch in enumerate(order)}

    def product(self, coefficient: int, monomial: tuple) -> sympy.Expr:
        if self.rank is None or not monomial or coefficient not in (1, -1):
            return sympy.Mul(coefficient, *(self.rates[ch] for ch in monomial))
        if coefficient == -1:
            cached = self._negative.get(monomial)
            if cached is None:
                cached = self._negative[monomial] = sympy.Mul._from_args(
                    (sympy.S.NegativeOne, *self._factors(monomial)), is_commutative=True)
            return cached
        cached = self._cache.get(monomial)
        if cached is None:
            if len(monomial) == 1:
                cached = self.rates[monomial[0]]
            else:
                cached = sympy.Mul._from_args(self._factors(monomial), is_commutative=True)
            self._cache[monomial] = cached
        return cached

    def _factors(self, monomial: tuple) -> tuple:
        if self.by_rank:
            return tuple(map(self._rate_list.__getitem__, monomial))
        return tuple(self.rates[ch] for ch in sorted(monomial, key=self.rank.__getitem__))

    def sum(self, items: Iterable[tuple]) -> sympy.Expr:
        items = items if isinstance(items, list) else list(items)
        if not items:
            return sympy.Integer(0)
        if len(items) == 1:
            m, c = items[0]
            return self.product(c, m)
        degree = len(items[0][0])
        if self.rank is None or degree == 0 or any(
                len(m) != degree or c not in (1, -1) for m, c in items):
            return sympy.Add(*(self.product(c, m) for m, c in items))
        # Homogeneous, coefficients ±1: Basic.compare puts the positive terms (Symbols,
        # or Muls of `degree` args) before the negative ones (one more arg, -1 first),
        # and each group in the lexicographic order of its factors' ranks.
        key = None if self.by_rank else (lambda m: tuple(sorted(self.rank[ch] for ch in m)))
        plus = sorted((m for m, c in items if c == 1), key=key)
        minus = sorted((m for m, c in items if c == -1), key=key)
        args = [self.product(1, m) for m in plus]
        args.extend(self.product(-1, m) for m in minus)
        return sympy.Add._from_args(tuple(args), is_commutative=True)

    def key(self, expr: sympy.Expr):
        """``Basic.compare``'s order for the terms of a nested sum, or None if unsure."""
        if expr.is_Integer:
            return (-1,)
        if expr.is_Symbol:
            return (0, 0, (self._by_symbol[expr],))
        if expr.is_Mul and all(a.is_Symbol or a.is_Add for a in expr.args):
            return (1, len(expr.args), tuple(
                self._by_symbol[a] if a.is_Symbol else _SUM for a in expr.args))
        return None

    def node(self, channel, parts: list) -> tuple:
        """``(key, rate · Σ parts)`` for a trie node; ``parts`` are ``(key, expr)``."""
        if len(parts) == 1:
            inner = parts[0][1]
        elif self.rank is None:
            inner = sympy.Add(*(e for _, e in parts))
        else:
            flat = []
            for k, e in parts:
                if e.is_Add:
                    flat.extend((self.key(a), a) for a in e.args)
                else:
                    flat.append((k, e))
            keys = [k for k, _ in flat]
            if None in keys or len(set(keys)) != len(keys):   # a tie needs a deeper look
                inner = sympy.Add(*(e for _, e in flat))
            else:
                flat.sort(key=lambda x: x[0])
                inner = sympy.Add._from_args(tuple(e for _, e in flat), is_commutative=True)
        if channel is None:
            return None, inner
        if self.rank is not None and inner.is_Add:
            return ((1, 2, (self.rank[channel], _SUM)),
                    sympy.Mul._from_args((self.rates[channel], inner), is_commutative=True))
        expr = self.rates[channel] * inner
        return (self.key(expr) if self.rank is not None else None), expr

    def leaf(self, coefficient: int, monomial) -> tuple:
        """``(key, product)`` of one monomial (any order of its channels)."""
        if self.rank is None:
            return None, self.product(coefficient, tuple(monomial))
        if self.by_rank and coefficient == 1:
            # channels are their ranks: the key of the product, read off the monomial
            # (what key() would find by looking up every factor of the built Mul)
            m = tuple(sorted(monomial))
            key = (0, 0, m) if len(m) == 1 else (1, len(m), m)
            return key, self.product(1, m)
        m = tuple(sorted(monomial, key=self.rank.__getitem__))
        expr = self.product(coefficient, m)
        return self.key(expr), expr


def _trie_form(terms: dict, rates: dict, products: _Products) -> sympy.Expr:
    if not terms:
        return sympy.Integer(0)
    freq = Counter(chain.from_iterable(terms))
    first = {ch: i for i, (ch, _) in enumerate(freq.most_common())}
    rows = sorted((sorted(m, key=first.__getitem__), c) for m, c in terms.items())
    # Each frame: (depth, first row, rows below); built bottom-up with an explicit stack.
    return _nest(rows, 0, 0, len(rows), rates, products)


def _nest(rows, depth, lo, hi, rates, products) -> sympy.Expr:
    """The nested form of rows[lo:hi], which share their first ``depth`` channels.

    Iterative: a stack of open trie nodes, each collecting the ``(key, expr)`` parts of
    its sum, so that the sum is assembled once, in canonical order, from known keys.
    """
    stack = [(depth, lo, hi, None, [])]   # (depth, lo, hi, channel above, parts)
    cursor = [lo]
    while True:
        d, _, b, above, parts = stack[-1]
        i = cursor[-1]
        if i < b and d < MAX_NESTING:
            row, c = rows[i]
            if len(row) == d:                 # the row ends here: a constant term
                parts.append(((-1,), sympy.Integer(c)))
                cursor[-1] = i + 1
                continue
            ch = row[d]
            # rows[i:b] share their first d channels and row i goes on, so every row
            # after it does too, sorted by channel d: the group ends where that changes
            # (a bisection; a scan cost every row once per level, 10⁶ steps on a ring)
            j = bisect.bisect_right(rows, ch, i + 1, b, key=lambda r, d=d: r[0][d])
            cursor[-1] = j
            if j - i == 1:                    # a single row: its product, flat
                parts.append(products.leaf(c, row[d:]))
                continue
            stack.append((d + 1, i, j, ch, []))
            cursor.append(i)
            continue
        if i < b:                             # too deep: the remaining rows, flat
            parts.extend(products.leaf(c, r[d:]) for r, c in rows[i:b])
        stack.pop()
        cursor.pop()
        node = products.node(above, parts)
        if not stack:
            return node[1]
        stack[-1][4].append(node)

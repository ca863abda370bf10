"""Directional diagrams: sums over spanning in-trees, built directly.

By the Markov chain tree theorem (Kirchhoff; King–Altman; Hill) the steady-state
weight of state ``i`` is the sum, over the spanning trees of the scheme with every
edge directed toward ``i``, of the product of the rates on the tree. The sum is
enumerated here, tree by tree, into a :class:`TreePolynomial` over the edge
channels: every term is then a product of rates with coefficient one, the sum has
no cancellations, and flux numerators (``w_i k_ij − w_j k_ji``) cancel exactly.
Symbolic determinants of Laplacian minors give the same sums, but expanding them
is orders of magnitude slower (18 s against 4 ms for the 7,776 trees of the
complete 6-state graph), and printing and re-parsing large sums overflows SymPy's
parser; neither is done.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cmp_to_key

import sympy

__all__ = ["TreePolynomial", "in_trees"]


def in_trees(states: Sequence, out: dict, roots: Iterable) -> Iterator[tuple]:
    """Enumerate spanning in-forests whose trees are rooted in ``roots``.

    Every state outside ``roots`` picks one outgoing channel so that following the
    picks from any state ends in a root. ``out[s]`` lists ``(target, channel)``.
    Yields the picked channels, one tuple per forest.

    >>> out = {1: [(2, "a")], 2: [(1, "b"), (3, "c")], 3: [(1, "d")]}
    >>> sorted(in_trees([1, 2, 3], out, [1]))
    [('b', 'd'), ('c', 'd')]
    """
    roots = set(roots)
    into: dict = {s: [] for s in states}
    for s in states:
        for t, _ in out.get(s, ()):
            into[t].append(s)
    # States are assigned in breadth-first order away from the roots, so each
    # state's pick can only close a cycle through states already assigned.
    order, seen, frontier = [], set(roots), list(roots)
    while frontier:
        nxt = []
        for t in frontier:
            for s in into[t]:
                if s not in seen:
                    seen.add(s)
                    order.append(s)
                    nxt.append(s)
        frontier = nxt
    if len(order) + len(roots) != len(states):
        return
    successor: dict = {}
    chosen: list = []

    def extend(k: int):
        if k == len(order):
            yield tuple(chosen)
            return
        s = order[k]
        for t, channel in out.get(s, ()):
            x = t
            while x in successor:
                x = successor[x]
            if x == s:
                continue
            successor[s] = t
            chosen.append(channel)
            yield from extend(k + 1)
            chosen.pop()
            del successor[s]

    yield from extend(0)


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
        return cls(Counter(tuple(sorted(m, key=repr)) for m in monomials))

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
        return TreePolynomial(
            {tuple(sorted((*m, channel), key=repr)): c for m, c in self.terms.items()}
        )

    def to_expr(self, rates: dict) -> sympy.Expr:
        """The expanded sum, one term per tree (what a textbook prints)."""
        product = _Products(rates)
        return sympy.Add(*(product(c, m) for m, c in self.terms.items()))

    def to_horner(self, rates: dict) -> sympy.Expr:
        """A nested form with the same value and far fewer operations.

        Every split ``p = k·q + r`` keeps signs as they are, so a sum of positive
        terms stays a sum of positive terms: cheap and free of cancellation.
        """
        return _horner(list(self.terms.items()), rates, _Products(rates))


class _Products:
    """Builds ``c · Π rates[ch]`` for monomials, fast when the rates are distinct symbols.

    SymPy's ``Mul`` re-sorts its factors by a slow comparison on every call, which
    dominated the cost of building sums of thousands of trees. When every rate is
    a distinct plain symbol, the canonical order is computed once here and each
    product is assembled in that order directly.
    """

    def __init__(self, rates: dict):
        self.rates = rates
        values = list(rates.values())
        self.fast = all(isinstance(r, sympy.Symbol) for r in values) and len(set(values)) == len(
            values)
        if self.fast:
            order = sorted(set(values), key=cmp_to_key(sympy.Basic.compare))
            rank = {r: i for i, r in enumerate(order)}
            self.rank = {ch: rank[r] for ch, r in rates.items()}

    def __call__(self, coefficient: int, monomial: tuple) -> sympy.Expr:
        if not self.fast or not monomial:
            return sympy.Mul(coefficient, *(self.rates[ch] for ch in monomial))
        factors = [self.rates[ch] for ch in sorted(monomial, key=self.rank.__getitem__)]
        if len(factors) == 1 and coefficient == 1:
            return factors[0]
        if coefficient != 1:
            factors.insert(0, sympy.Integer(coefficient))
        return sympy.Mul._from_args(tuple(factors), is_commutative=True)


def _horner(terms: list, rates: dict, product: _Products) -> sympy.Expr:
    if not terms:
        return sympy.Integer(0)
    if len(terms) == 1:
        m, c = terms[0]
        return product(c, m)
    counts = Counter(ch for m, _ in terms for ch in set(m))
    channel, n = counts.most_common(1)[0]
    if n == 1:
        return sympy.Add(*(product(c, m) for m, c in terms))
    inner, rest = [], []
    for m, c in terms:
        if channel in m:
            i = m.index(channel)
            inner.append((m[:i] + m[i + 1 :], c))
        else:
            rest.append((m, c))
    return rates[channel] * _horner(inner, rates, product) + _horner(rest, rates, product)

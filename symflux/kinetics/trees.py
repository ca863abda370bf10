"""Directional diagrams: sums over spanning in-trees, built directly.

By the Markov chain tree theorem (Kirchhoff; King–Altman; Hill) the steady-state
weight of state ``i`` is the sum, over the spanning trees of the scheme with every
edge directed toward ``i``, of the product of the rates on the tree. The sum is
enumerated here, tree by tree, into a
:class:`~symflux.kinetics.tree_polynomial.TreePolynomial` over the edge channels:
every term is then a product of rates with coefficient one, the sum has no
cancellations, and flux numerators (``w_i k_ij − w_j k_ji``) cancel exactly.
Symbolic determinants of Laplacian minors give the same sums, but expanding them
is orders of magnitude slower (18 s against 4 ms for the 7,776 trees of the
complete 6-state graph), and printing and re-parsing large sums overflows SymPy's
parser; neither is done.

The enumeration is fast, and safe on any size of model:

* it is an explicit stack, not recursion, so its depth does not grow
  with the model; a cycle test follows "tail" pointers (the end of a chain when a
  state was assigned), which jump over whole chains instead of walking them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cmp_to_key

import sympy

__all__ = ["canonical_channel_order", "in_trees", "no_gc_pauses"]

@contextmanager
def no_gc_pauses():
    """Suspend the cyclic garbage collector while building large expressions.

    Building a sum of 10⁵ terms allocates millions of objects, and every few thousand
    allocations the collector scans all of them again: that took half the time of the
    complete 7-state graph. Nothing built here forms reference cycles; the previous
    state of the collector is restored on exit.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _assignment_order(states: Sequence, out: dict, roots: set) -> list | None:
    """Non-root states in depth-first order away from the roots (over reversed edges).

    Depth-first rather than breadth-first: on a ring, breadth-first alternates the
    two sides and explores O(n²) dead ends per root; depth-first explores none.
    """
    into: dict = {s: [] for s in states}
    for s in states:
        for t, _ in out.get(s, ()):
            into[t].append(s)
    order, seen = [], set(roots)
    stack = [iter(into[r]) for r in reversed(list(roots))]
    while stack:
        s = next(stack[-1], None)
        if s is None:
            stack.pop()
        elif s not in seen:
            seen.add(s)
            order.append(s)
            stack.append(iter(into[s]))
    return order if len(order) + len(roots) == len(states) else None


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
    order = _assignment_order(states, out, roots)
    if order is None:
        return
    n = len(order)
    if n == 0:
        yield ()
        return
    options = [list(out.get(s, ())) for s in order]
    tail: dict = {}       # assigned state -> end of its chain when it was assigned
    chosen: list = [None] * n
    pos = [0] * n
    k = 0
    while k >= 0:
        s, opts = order[k], options[k]
        tail.pop(s, None)                   # back at this level: undo its pick
        while pos[k] < len(opts):
            t, channel = opts[pos[k]]
            pos[k] += 1
            end = t
            while end in tail:              # the current end of t's chain
                end = tail[end]
            if end != s:
                break
        else:
            pos[k] = 0
            k -= 1
            continue
        tail[s] = end
        chosen[k] = channel
        if k + 1 == n:
            yield tuple(chosen)
        else:
            k += 1


def canonical_channel_order(rates: dict) -> list | None:
    """Channels sorted by SymPy's canonical order of their rates, if that is safe.

    Safe means every rate is a distinct plain ``Symbol``; otherwise ``None``.

    >>> a, b = sympy.symbols("a b")
    >>> canonical_channel_order({"x": b, "y": a}), canonical_channel_order({"x": a, "y": a})
    (['y', 'x'], None)
    """
    values = list(rates.values())
    if not all(type(r) is sympy.Symbol for r in values) or len(set(values)) != len(values):
        return None
    by_rate = {r: ch for ch, r in rates.items()}
    return [by_rate[r] for r in sorted(values, key=cmp_to_key(sympy.Basic.compare))]

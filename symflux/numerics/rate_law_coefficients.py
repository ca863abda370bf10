"""An enzyme rate law's coefficients from numbers only: exact determinants, interpolated.

The kinetic constants of enzymology (Cleland's ``V_f``, ``K_mA``, ``K_iA``, ...; the
one-substrate ``V`` and ``K``) are ratios of the coefficients of the steady-state rate
law written as ``v = N(x)/D(x)``, polynomials in the ligand concentrations ``x``; the
equilibrium constant is where ``N`` vanishes. This route finds those coefficients
without the symbolic law. At one sample point the rate constants are numbers; for
given ligand concentrations the enzyme forms make a pseudo-first-order scheme whose
in-tree sums are the principal minors of its Laplacian (the matrix-tree theorem), so
``D = Σ_i det L_i`` and ``N = E_T Σ_e ν_e r_e det L_src(e)``. These determinants are
taken in exact rational arithmetic (the floats of the point are exact fractions) on a
grid of whole-number ligand concentrations ``0..b`` (``b`` bounds the polynomial's degree
in that ligand, read from the scheme), and the grid values are turned into monomial
coefficients by solving the Vandermonde systems exactly. No tree is enumerated and no
expression is formed, and nothing is rounded before the final ratio.

Quantity kinds (the last argument is the setting ``(ligands, laws)`` of
:func:`symflux.rate_law`, of which only the ligands are read):

- ``rate_law_ratio (product, top, bottom, setting)``: ``top``/``bottom`` are terms
  ``(part, ((ligand, power), ...), sign)``, ``part`` ``"num"`` or ``"den"``; the value
  is ``sign_top c_top / (sign_bottom c_bottom)`` of the velocity of formation of
  ``product``.
- ``equilibrium_constant (overall, setting)``: with ``overall`` ``((ligand, ν), ...)``,
  the ratio ``Π x^ν`` at which the velocity vanishes, found by bisection on the exact
  sign of ``N`` with every ligand at 1 but the first product.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from fractions import Fraction

import networkx as nx
import numpy as np

from symflux.numerics.linear import numeric_rates
from symflux.numerics.outcomes import NotComputed, RouteValue, point_values

__all__ = ["GRID_WORK", "KINDS", "evaluate_rate_law_coefficients", "rate_law_polynomials"]

KINDS = ("rate_law_ratio", "equilibrium_constant")
#: Bound on grid points × forms³ of one point's exact determinants (a few seconds).
GRID_WORK = 2_000_000


class _Scheme:
    """The enzyme forms and their ligand-weighted transitions at one point, exactly."""

    def __init__(self, G: nx.MultiDiGraph, point: Mapping, ligands, rate: str):
        k = numeric_rates(G, point, rate)
        self.ligands = tuple(ligands)
        self.forms: list[str] = []
        self.edges = []  # (source form, target form, k, ligand powers, ligand changes)
        self.steps = []  # per edge: (the unordered pair of complexes, +1 or -1)
        for u, v, key in G.edges(keys=True):
            su, sv = G.nodes[u]["species"], G.nodes[v]["species"]
            fu = self._form(u, su)
            fv = self._form(v, sv)
            alpha = tuple(su.get(x, 0) for x in self.ligands)
            change = tuple(sv.get(x, 0) - su.get(x, 0) for x in self.ligands)
            self.edges.append((fu, fv, Fraction(k[(u, v, key)]), alpha, change))
            self.steps.append((frozenset((u, v)), 1 if str(u) <= str(v) else -1))

    def _form(self, node, species) -> int:
        forms = [s for s in species if s not in self.ligands]
        if len(forms) != 1 or species[forms[0]] != 1:
            raise ValueError(f"complex {node} does not hold exactly one enzyme form")
        if forms[0] not in self.forms:
            self.forms.append(forms[0])
        return self.forms.index(forms[0])

    def degree_bounds(self) -> tuple[int, ...]:
        """Per ligand, a bound on its degree in ``N`` and ``D``: each in-tree leaves every
        form but the root once, and ``N`` multiplies one more rate."""
        bounds = []
        for j in range(len(self.ligands)):
            out = [max((a[j] for s, _, _, a, _ in self.edges if s == f), default=0)
                   for f in range(len(self.forms))]
            bounds.append(sum(out) + max((a[j] for *_, a, _ in self.edges), default=0))
        return tuple(bounds)

    def _weights(self, x) -> tuple[list, list]:
        """The pseudo-first-order rates at ``x`` and each form's in-tree sum."""
        n = len(self.forms)
        L = [[Fraction(0)] * n for _ in range(n)]
        rates = []
        for s, t, k, alpha, _ in self.edges:
            r = k * math.prod((x[j] ** a for j, a in enumerate(alpha) if a), start=Fraction(1))
            rates.append(r)
            if s != t:
                L[s][s] += r
                L[s][t] -= r
        trees = [_det([row[:i] + row[i + 1:] for m, row in enumerate(L) if m != i])
                 for i in range(n)]
        return rates, trees

    def balanced(self, x, tol: float = 1e-6) -> bool:
        """Whether every reaction is in detailed balance at ``x`` (relative ``tol``)."""
        rates, trees = self._weights(x)
        net: dict = {}
        for (s, *_), r, (pair, sign) in zip(self.edges, rates, self.steps, strict=True):
            one_way = r * trees[s]
            old = net.get(pair, (Fraction(0), Fraction(0)))
            net[pair] = (old[0] + sign * one_way, max(old[1], one_way))
        return all(abs(d) <= tol * scale for d, scale in net.values())

    def at(self, x, product: int | None) -> tuple[Fraction, Fraction]:
        """``(N, D)`` at ligand concentrations ``x`` (``N`` per unit enzyme)."""
        rates, trees = self._weights(x)
        N = Fraction(0)
        if product is not None:
            for (s, _, _, _, change), r in zip(self.edges, rates, strict=True):
                if change[product]:
                    N += change[product] * r * trees[s]
        return N, sum(trees, Fraction(0))


def _det(M) -> Fraction:
    """Determinant by Gaussian elimination in exact fractions."""
    M = [row[:] for row in M]
    det = Fraction(1)
    for c in range(len(M)):
        p = next((r for r in range(c, len(M)) if M[r][c] != 0), None)
        if p is None:
            return Fraction(0)
        if p != c:
            M[c], M[p] = M[p], M[c]
            det = -det
        det *= M[c][c]
        for r in range(c + 1, len(M)):
            f = M[r][c] / M[c][c]
            if f:
                M[r] = [a - f * b for a, b in zip(M[r], M[c], strict=True)]
    return det


def _vandermonde_inverse(d: int) -> np.ndarray:
    """The exact inverse of the Vandermonde matrix at nodes ``0..d``."""
    V = [[Fraction(i) ** j for j in range(d + 1)] for i in range(d + 1)]
    inv = [[Fraction(int(i == j)) for j in range(d + 1)] for i in range(d + 1)]
    for c in range(d + 1):
        p = next(r for r in range(c, d + 1) if V[r][c] != 0)
        V[c], V[p], inv[c], inv[p] = V[p], V[c], inv[p], inv[c]
        pivot = V[c][c]
        V[c] = [a / pivot for a in V[c]]
        inv[c] = [a / pivot for a in inv[c]]
        for r in range(d + 1):
            if r != c and V[r][c]:
                f = V[r][c]
                V[r] = [a - f * b for a, b in zip(V[r], V[c], strict=True)]
                inv[r] = [a - f * b for a, b in zip(inv[r], inv[c], strict=True)]
    return np.array(inv, dtype=object)


def _coefficients(grid: np.ndarray) -> dict:
    """Monomial coefficients ``{powers: c}`` of a polynomial from its values on ``0..b``."""
    c = grid
    for axis, size in enumerate(grid.shape):
        c = np.moveaxis(np.tensordot(_vandermonde_inverse(size - 1), np.moveaxis(c, axis, 0),
                                     axes=1), 0, axis)
    return {idx: c[idx] for idx in itertools.product(*map(range, grid.shape)) if c[idx] != 0}


def rate_law_polynomials(G: nx.MultiDiGraph, point: Mapping, ligands, product: str | None,
                         rate: str = "rate", total: float = 1.0) -> tuple[dict, dict, list]:
    """``(N, D, forms)``: the rate law's coefficients ``{powers: Fraction}`` at one point.

    Powers follow the order of ``ligands``; ``N`` is the velocity of formation of
    ``product`` at a total enzyme concentration ``total``; ``forms`` are the enzyme forms.

    >>> from symflux import reaction_network
    >>> N = reaction_network(["E + S <-> ES", "ES <-> E + P"])
    >>> point = {"k_1": 2.0, "k_{-1}": 1.0, "k_2": 3.0, "k_{-2}": 0.5}
    >>> num, den, forms = rate_law_polynomials(N, point, ("S", "P"), "P")
    >>> forms, den[(0, 0)], den[(1, 0)], num[(1, 0)]
    (['E', 'ES'], Fraction(4, 1), Fraction(2, 1), Fraction(6, 1))
    """
    ligands = tuple(ligands)
    scheme = _Scheme(G, point, ligands, rate)
    bounds = scheme.degree_bounds()
    work = math.prod(b + 1 for b in bounds) * len(scheme.forms) ** 3
    if work > GRID_WORK:
        raise OverflowError(f"the exact grid needs about {work:,} operations, over "
                            f"rate_law_coefficients.GRID_WORK = {GRID_WORK:,}")
    index = ligands.index(product) if product is not None else None
    shape = tuple(b + 1 for b in bounds)
    num, den = np.empty(shape, dtype=object), np.empty(shape, dtype=object)
    for idx in itertools.product(*map(range, shape)):
        num[idx], den[idx] = scheme.at([Fraction(i) for i in idx], index)
    scale = Fraction(total)
    return ({p: scale * c for p, c in _coefficients(num).items()}, _coefficients(den),
            scheme.forms)


def _term(N: dict, D: dict, ligands, term) -> Fraction:
    part, powers, sign = term
    want = dict(powers)
    key = tuple(want.get(x, 0) for x in ligands)
    return sign * (N if part == "num" else D).get(key, Fraction(0))


def _equilibrium(N: dict, ligands, overall) -> tuple[float, int, float]:
    """``Π x^ν`` where ``N`` vanishes, all ligands 1 but the first product ``P``; with
    the index of ``P`` and its concentration there."""
    first = next(s for s, n in overall if n > 0)
    j, nu = ligands.index(first), dict(overall)[first]
    line: dict = {}
    for powers, c in N.items():
        line[powers[j]] = line.get(powers[j], Fraction(0)) + c

    def sign(log_p: float) -> int:
        P = Fraction(math.exp(log_p))
        value = sum((c * P ** e for e, c in line.items()), Fraction(0))
        return (value > 0) - (value < 0)

    lo, hi = -700.0, 700.0
    if sign(lo) <= 0 or sign(hi) >= 0:
        raise ArithmeticError("the velocity does not change sign as the product grows")
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        if sign(mid) > 0:
            lo = mid
        else:
            hi = mid
    return math.exp(nu * 0.5 * (lo + hi)), j, math.exp(0.5 * (lo + hi))


def evaluate_rate_law_coefficients(G: nx.MultiDiGraph, quantities: Mapping, values: Mapping,
                                   rate: str = "rate", initial: Mapping | None = None) -> dict:
    """Every ``rate_law_ratio`` and ``equilibrium_constant`` at every point.

    The total enzyme concentration is the sum of the enzyme forms' ``initial`` amounts at
    the point (every reaction keeps one form on each side, so that sum is conserved), or
    1 without them; the engine's conservation laws are never read.
    """
    count = max((np.size(v) for v in values.values()), default=1)
    rows: dict = {n: [] for n in quantities}
    for i in range(count):
        point, laws = point_values(values, i), {}
        for name, q in quantities.items():
            if isinstance(rows[name], NotComputed):
                continue
            ligands = tuple(q.args[-1][0])
            product = q.args[0] if q.kind == "rate_law_ratio" else next(
                s for s, n in q.args[0] if n > 0)
            try:
                if (product, ligands) not in laws:
                    N, D, forms = rate_law_polynomials(G, point, ligands, product, rate)
                    total = sum(float(np.asarray(initial[f]).reshape(-1)[i]) for f in forms
                                ) if initial else 1.0
                    laws[product, ligands] = {p: c * Fraction(total) for p, c in N.items()}, D
                x = _value(G, point, q, ligands, *laws[product, ligands], rate)
            except (KeyError, ValueError, OverflowError, ArithmeticError) as e:
                rows[name] = NotComputed(str(e))
                continue
            rows[name].append((x, abs(x)))
    return {n: r if isinstance(r, NotComputed) else RouteValue.stack(r)
            for n, r in rows.items()}


def _value(G, point, q, ligands, N, D, rate) -> float:
    """One quantity from the law's coefficients at one point."""
    if q.kind == "rate_law_ratio":
        top, bottom = (_term(N, D, ligands, t) for t in q.args[1:3])
        if bottom == 0:
            raise ArithmeticError("the rate law has no such term at this point")
        return float(top / bottom)
    x, j, at = _equilibrium(N, ligands, q.args[0])
    conc = [Fraction(1)] * len(ligands)
    conc[j] = Fraction(at)
    if not _Scheme(G, point, ligands, rate).balanced(conc):
        raise ArithmeticError(
            "where the velocity vanishes the steps are not in detailed balance (the rate "
            "constants at the points break a Wegscheider condition), so there is no "
            "equilibrium constant to compare")
    return x

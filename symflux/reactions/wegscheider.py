"""Wegscheider conditions of mass-action networks from ker S, and cycle affinities.

Detailed balance ``k_r⁺ c^{α_r} = k_r⁻ c^{β_r}`` for every reaction has a positive
solution iff ``∏_r (k_r⁺/k_r⁻)^{γ_r} = 1`` for every γ in ker S (Wegscheider,
Monatsh. Chem. 22:849, 1901, and Z. Phys. Chem. 39:257, 1902; Schuster & Schuster 1989).
The basis of ker S is built as Feinberg splits it
(Chem. Eng. Sci. 44:1819, 1989): one *circuit* condition per chord of a spanning
forest of the complex graph (``∏ k_fwd = ∏ k_rev`` around the cycle), then the δ
*spanning-forest* conditions from ker S restricted to the forest's reactions.

With constant (chemostatted) species Y, the internal dynamics has pseudo rate
constants ``k̃⁺ = k⁺ y^{α}``; its cycles are ker S_X ⊇ ker S. The *emergent* cycles
(in ker S_X but not ker S) carry a net conversion of chemostatted species, and
their affinity ``A = Σ γ_r ln(k̃_r⁺/k̃_r⁻)`` (Polettini & Esposito 2014) measures by
how much the driving breaks detailed balance, instead of a bare yes/no.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import networkx as nx
import sympy

from symflux.reactions.network import ReactionNetwork
from symflux.reactions.stoichiometry import _model, integer_basis, stoichiometric_matrix

__all__ = ["ReactionCycle", "reaction_cycles", "wegscheider_conditions", "wegscheider_manifold"]

CIRCUIT, FOREST, EMERGENT = "circuit", "spanning-forest", "emergent"


@dataclass(frozen=True)
class ReactionCycle:
    """A vector γ of ker S_X with the rate products of its two directions.

    ``kind`` is ``"circuit"`` (a cycle of the complex graph), ``"spanning-forest"``
    (a deficiency condition) or ``"emergent"`` (a cycle that converts chemostatted
    species, ``overall``). ``plus``/``minus`` are ``∏ k̃⁺^γ`` and ``∏ k̃⁻^γ`` (0 where an
    irreversible reaction blocks that direction).
    """

    vector: tuple[tuple[str, int], ...]   # (reaction label, γ_r), nonzero entries
    kind: str
    plus: sympy.Expr
    minus: sympy.Expr
    overall: tuple[tuple[str, int], ...] = ()  # net change of constant species per turn

    @property
    def condition(self) -> sympy.Eq:
        """``Π+ = Π−``: the Wegscheider condition of this cycle."""
        return sympy.Eq(self.plus, self.minus, evaluate=False)

    @property
    def ratio(self) -> sympy.Expr:
        """``Π+/Π−`` (``oo`` when the reverse direction is blocked)."""
        return sympy.oo if self.minus == 0 else self.plus / self.minus

    @property
    def affinity(self) -> sympy.Expr:
        """``A = ln(Π+/Π−)`` in units of RT (k_B T per molecule)."""
        return sympy.oo if self.minus == 0 else sympy.log(self.plus / self.minus)

    def __str__(self) -> str:
        gamma = ", ".join(f"{r}: {g}" for r, g in self.vector)
        return f"{self.kind} cycle ({gamma})"


def _circuits(m: ReactionNetwork) -> list[dict]:
    """One γ per chord of a spanning forest of the complex graph, grown in reaction order."""
    U = nx.MultiGraph()
    U.add_nodes_from(m.complexes)
    for r in m.reactions:
        U.add_edge(r.source, r.target, key=r.label)
    forest = nx.Graph()
    forest.add_nodes_from(m.complexes)
    tree_edge: dict = {}
    chords = []
    for r in m.reactions:
        if r.source in forest and r.target in forest and nx.has_path(forest, r.source, r.target):
            chords.append(r)
        else:
            forest.add_edge(r.source, r.target)
            tree_edge[frozenset((r.source, r.target))] = r
    out = []
    for chord in chords:
        gamma = {chord.label: 1}
        path = nx.shortest_path(forest, chord.target, chord.source)
        for a, b in pairwise(path):
            r = tree_edge[frozenset((a, b))]
            gamma[r.label] = gamma.get(r.label, 0) + (1 if r.source == a else -1)
        out.append(gamma)
    return out, [r.label for r in tree_edge.values()]


def _span_rank(vectors: list[tuple[int, ...]]) -> int:
    return sympy.Matrix(vectors).rank() if vectors else 0


def _basis(m: ReactionNetwork) -> list[tuple[tuple[int, ...], str]]:
    labels = [r.label for r in m.reactions]
    S_full = stoichiometric_matrix(m, include_constant=True).matrix
    circuits, forest = _circuits(m)
    basis = [(tuple(g.get(label, 0) for label in labels), CIRCUIT) for g in circuits]
    columns = [labels.index(label) for label in forest]
    if columns:
        for v in integer_basis(S_full.extract(list(range(S_full.rows)), columns).nullspace()):
            full = [0] * len(labels)
            for c, x in zip(columns, v, strict=True):
                full[c] = x
            basis.append((tuple(full), FOREST))
    S_X = stoichiometric_matrix(m).matrix
    candidates = integer_basis(S_X.nullspace()) if S_X.rows else [
        tuple(int(i == j) for i in range(len(labels))) for j in range(len(labels))]
    for v in candidates:
        if _span_rank([b for b, _ in basis] + [v]) > len(basis):
            basis.append((v, EMERGENT))
    return basis


def reaction_cycles(N: nx.MultiDiGraph | ReactionNetwork,
                    rate: str = "rate") -> list[ReactionCycle]:
    """A basis of ker S_X, split into circuit, spanning-forest and emergent cycles.

    A cycle is a vector γ of net reaction turnovers with ``S_X γ = 0`` (S_X: the rows of the
    internal species); running the reactions γ times returns every internal species to
    where it was. Its Wegscheider condition is ``Π k⁺^γ = Π k⁻^γ``.

    Parameters
    ----------
    N : networkx.MultiDiGraph or ReactionNetwork
        A reaction network (:func:`symflux.reaction_network`); its constant species
        make S_X smaller than S.
    rate : str
        The edge attribute holding each rate constant.

    Returns
    -------
    list of ReactionCycle
        ``R − rank S`` circuit and spanning-forest cycles (rate constants only), then
        ``rank S − rank S_X`` emergent ones (pseudo rates: chemostat concentrations
        included), with S over all species and R reactions.

    Raises
    ------
    GraphError
        not a reaction network (see :func:`~symflux.reactions.network.network_model`).
    RateError
        a missing, zero or negative rate.
    LimitError
        more complexes or reaction edges than the limits ``states`` or ``transitions``
        allow.

    Notes
    -----
    A spanning forest of the complex graph (one path search per reaction), then exact
    rational null spaces of S on the forest's reactions and of S_X, and one rank per
    candidate emergent cycle: polynomial in the numbers of reactions and species,
    bounded by the limits ``states`` and ``transitions``. Wegscheider, *Z. Phys. Chem.*
    39:257 (1901); Feinberg, *Chem. Eng. Sci.* 44:1819 (1989); Schuster & Schuster,
    *J. Math. Chem.* 3:25 (1989); Polettini & Esposito, *J. Chem. Phys.* 141:024117
    (2014).

    Examples
    --------
    >>> from symflux import reaction_network
    >>> [c.condition for c in reaction_cycles(reaction_network(["A <-> B", "2 A <-> 2 B"]))]
    [Eq(k_1**2*k_{-2}, k_2*k_{-1}**2)]
    >>> N = reaction_network(["E + S <-> ES", "ES <-> E + P"], constant=["S", "P"])
    >>> [(c.kind, c.affinity, c.overall) for c in reaction_cycles(N)]
    [('emergent', log(S*k_1*k_2/(P*k_{-1}*k_{-2})), (('S', -1), ('P', 1)))]
    """
    m = _model(N, rate)
    out = []
    for vector, kind in _basis(m):
        pseudo = kind == EMERGENT
        plus, minus = [], []
        for r, g in zip(m.reactions, vector, strict=True):
            if not g:
                continue
            fwd, bwd = m.pseudo_rates(r) if pseudo else (r.forward_rate, r.backward_rate)
            bwd = 0 if bwd is None else bwd
            (plus if g > 0 else minus).append(fwd ** abs(g))
            (minus if g > 0 else plus).append(bwd ** abs(g))
        plus, minus = sympy.Mul(*plus), sympy.Mul(*minus)
        if plus == 0 and minus != 0:
            vector = tuple(-g for g in vector)
            plus, minus = minus, plus
        if plus != 0 and minus != 0:
            num, den = sympy.fraction(sympy.cancel(plus / minus))
            plus, minus = num, den
        overall = ()
        if pseudo:
            net: dict = {}
            for r, g in zip(m.reactions, vector, strict=True):
                for s, n in m.net_stoichiometry(r).items():
                    if s in m.constant:
                        net[s] = net.get(s, 0) + g * n
            overall = tuple((s, n) for s, n in net.items() if n)
        out.append(ReactionCycle(
            tuple((r.label, g) for r, g in zip(m.reactions, vector, strict=True) if g),
            kind, plus, minus, overall))
    return out


def wegscheider_conditions(N: nx.MultiDiGraph | ReactionNetwork,
                           rate: str = "rate") -> list[sympy.Eq]:
    """One condition ``Π+ = Π−`` per basis vector of ker S_X: detailed balance of the
    (open) network holds iff all do.

    Circuit conditions come first, then the spanning-forest (deficiency) conditions,
    then the emergent cycles of an open network, whose conditions involve the
    chemostatted concentrations. An irreversible reaction on a cycle gives
    ``Eq(Π+, 0)``, which no positive rates satisfy.

    Examples
    --------
    >>> from symflux import reaction_network
    >>> wegscheider_conditions(reaction_network(["A <-> B", "B <-> C", "C <-> A"]))
    [Eq(k_1*k_2*k_3, k_{-1}*k_{-2}*k_{-3})]
    """
    return [c.condition for c in reaction_cycles(N, rate)]


def wegscheider_manifold(ratios) -> tuple[tuple[sympy.Symbol, sympy.Expr], ...]:
    """The Wegscheider conditions ``Π k⁺/Π k⁻ = 1`` solved for one rate constant each.

    Each condition is solved, after the earlier solutions are put in, for a rate
    constant of power ±1 that no earlier solution uses; a condition with none is left
    out. Evaluated in order, the pairs put a point on the manifold where every condition
    holds, the only place an equilibrium constant of the mechanism is defined.

    >>> a, b, c, d = sympy.symbols("k_a k_b k_c k_d", positive=True)
    >>> wegscheider_manifold([a * b / (c * d)])
    ((k_a, k_c*k_d/k_b),)
    """
    solved: dict = {}
    for ratio in ratios:
        ratio = sympy.powsimp(sympy.sympify(ratio).xreplace(solved))
        used = set().union(*(e.free_symbols for e in solved.values()))
        powers = ratio.as_powers_dict()
        k = next((s for s in sorted(ratio.free_symbols, key=lambda s: s.name)
                  if abs(powers.get(s, 0)) == 1 and s not in used), None)
        if k is None:
            continue
        rest = ratio / k ** powers[k]
        solved[k] = 1 / rest if powers[k] == 1 else rest
    return tuple(solved.items())

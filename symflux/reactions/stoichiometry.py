"""Stoichiometry of reaction networks: the matrix S, conservation laws (exact, over the
rationals), linkage classes, deficiency and (weak) reversibility.

Conventions: S has one row per species and one column per reaction (the forward
direction of a reversible pair), ``S[s, r] = β_r(s) − α_r(s)``. Constant
(chemostatted) species are left out unless asked for: their concentrations are
parameters, so only the internal species carry conservation laws.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd, lcm
from typing import NamedTuple

import networkx as nx
import sympy

from symflux.reactions.network import ReactionNetwork, network_model

__all__ = [
    "ConservationLaw",
    "Stoichiometry",
    "conservation_laws",
    "deficiency",
    "integer_basis",
    "is_reversible",
    "is_weakly_reversible",
    "linkage_classes",
    "stoichiometric_matrix",
]


class Stoichiometry(NamedTuple):
    """``S`` with its row (species) and column (reaction label) order."""

    matrix: sympy.Matrix
    species: tuple[str, ...]
    reactions: tuple[str, ...]


def _model(N, rate: str = "rate") -> ReactionNetwork:
    return network_model(N, rate)


def stoichiometric_matrix(N: nx.MultiDiGraph | ReactionNetwork,
                          include_constant: bool = False) -> Stoichiometry:
    """The stoichiometric matrix, species by reactions: ``S[s, r] = β_r(s) − α_r(s)``,
    the net change of species ``s`` when reaction ``r`` runs forward once.

    Parameters
    ----------
    N : networkx.MultiDiGraph or ReactionNetwork
        A reaction network (:func:`symflux.reaction_network`); its edges need a valid
        ``rate`` attribute, as :func:`~symflux.reactions.network.network_model` checks.
    include_constant : bool
        Also give the rows of the constant (chemostatted) species, after the internal ones.

    Returns
    -------
    Stoichiometry
        ``(matrix, species, reactions)``: an integer ``sympy.Matrix`` with one row per
        species (internal ones in order of first appearance) and one column per reaction
        label (the forward direction of a reversible pair), with those labels.

    Raises
    ------
    GraphError
        not a reaction network (a node without ``species``, a bad coefficient, a
        self-loop, no reactions).
    RateError
        a missing, zero or negative ``rate`` on an edge.
    LimitError
        more complexes or reaction edges than the limits ``states`` or ``transitions``
        allow.

    Notes
    -----
    One pass over the reactions' net stoichiometry: species × reactions entries, most of
    them zero, bounded by the limits ``states`` and ``transitions``.

    Examples
    --------
    >>> from symflux import reaction_network
    >>> S, species, reactions = stoichiometric_matrix(reaction_network(["A <-> B", "2 A <-> 2 B"]))
    >>> S, species, reactions
    (Matrix([
    [-1, -2],
    [ 1,  2]]), ('A', 'B'), ('1', '2'))
    """
    m = _model(N)
    species = m.all_species if include_constant else m.species
    S = sympy.zeros(len(species), len(m.reactions))
    for j, r in enumerate(m.reactions):
        for s, n in m.net_stoichiometry(r).items():
            if s in species:
                S[species.index(s), j] = n
    return Stoichiometry(S, species, tuple(r.label for r in m.reactions))


def integer_basis(vectors: list[sympy.Matrix]) -> list[tuple[int, ...]]:
    """Rational vectors scaled to primitive integer vectors, first nonzero entry positive.

    >>> integer_basis([sympy.Matrix([sympy.Rational(1, 2), -1])])
    [(1, -2)]
    """
    out = []
    for v in vectors:
        den = lcm(*(int(sympy.fraction(x)[1]) for x in v))
        ints = [int(x * den) for x in v]
        g = gcd(*ints) or 1
        ints = [x // g for x in ints]
        if next(x for x in ints if x) < 0:
            ints = [-x for x in ints]
        out.append(tuple(ints))
    return out


@dataclass(frozen=True)
class ConservationLaw:
    """``Σ_s ℓ_s c_s = total``: the integer vector ℓ over ``species`` and its equation."""

    vector: tuple[int, ...]
    species: tuple[str, ...]
    total: sympy.Symbol

    @property
    def coefficients(self) -> dict:
        return {s: n for s, n in zip(self.species, self.vector, strict=True) if n}

    @property
    def equation(self) -> sympy.Eq:
        from symflux.parsing import symbol

        lhs = sympy.Add(*(n * symbol(s) for s, n in self.coefficients.items()))
        return sympy.Eq(lhs, self.total, evaluate=False)

    def __str__(self) -> str:
        return f"{self.equation.lhs} = {self.total}"


def _total_name(coefficients: dict, used: set) -> str:
    first = next(iter(coefficients))
    name = f"{first}_T" if "_" not in first else "T"
    base, i = name, 1
    while name in used:
        i += 1
        name = f"{base}{i}" if "_" not in first else f"T_{i}"
    return name


def conservation_laws(N: nx.MultiDiGraph | ReactionNetwork,
                      include_constant: bool = False) -> list[ConservationLaw]:
    """Conservation laws ``ℓ·c = const`` with ``ℓ`` in the left null space of S.

    Every ``ℓ`` with ``ℓᵀ S = 0`` keeps ``Σ_s ℓ_s c_s`` constant in time, whatever the
    rates. The basis is computed exactly over the rationals, brought to reduced row
    echelon form (so that each law has its own pivot species) and cleared of
    denominators. Each law's total is named after its first species: ``E_T``.

    Parameters
    ----------
    N : networkx.MultiDiGraph or ReactionNetwork
        A reaction network (:func:`symflux.reaction_network`).
    include_constant : bool
        Also let the constant (chemostatted) species take part in the laws.

    Returns
    -------
    list of ConservationLaw
        One per dimension of the left null space (empty when there is none): the
        primitive integer ``vector`` over ``species`` (first nonzero entry positive) and
        the ``total`` symbol, ``<species>_T`` after its first species, ``T`` when that
        name holds ``_``, with a number added where a name is taken (``E_T2``,
        ``T_2``).

    Raises
    ------
    GraphError
        not a reaction network (see :func:`stoichiometric_matrix`).
    RateError
        a missing, zero or negative ``rate`` on an edge.
    LimitError
        more complexes or reaction edges than the limits ``states`` or ``transitions``
        allow.

    Notes
    -----
    Exact Gaussian elimination on ``Sᵀ`` (reactions × species) over the rationals, then
    a reduced row echelon form of the basis: about reactions × species × min(reactions,
    species) rational operations, bounded by the limits ``states`` and ``transitions``.
    See Heinrich & Schuster, *The Regulation of Cellular Systems* (1996); Reder,
    *J. Theor. Biol.* 135:175 (1988).

    Examples
    --------
    >>> from symflux import reaction_network
    >>> laws = conservation_laws(reaction_network(["E + S <-> ES", "ES -> E + P"]))
    >>> [str(law) for law in laws]
    ['E + ES = E_T', 'ES + P + S = S_T']
    >>> laws[0].vector, laws[0].species
    ((1, 0, 1, 0), ('E', 'S', 'ES', 'P'))
    """
    S, species, _ = stoichiometric_matrix(N, include_constant)
    null = S.T.nullspace()
    if not null:
        return []
    rows = sympy.Matrix.hstack(*null).T.rref()[0]
    vectors = integer_basis([rows.row(i).T for i in range(rows.rows)])
    laws, used = [], set(species)
    for v in vectors:
        coefficients = {s: n for s, n in zip(species, v, strict=True) if n}
        name = _total_name(coefficients, used)
        used.add(name)
        from symflux.parsing import symbol

        laws.append(ConservationLaw(v, species, symbol(name)))
    return laws


def _undirected(m: ReactionNetwork) -> nx.Graph:
    U = nx.Graph()
    U.add_nodes_from(m.complexes)
    U.add_edges_from((r.source, r.target) for r in m.reactions)
    return U


def linkage_classes(N) -> list[list]:
    """The connected components of the complex graph (edge directions ignored).

    >>> from symflux import reaction_network
    >>> linkage_classes(reaction_network(["A <-> B", "2 A <-> 2 B"]))
    [['A', 'B'], ['2 A', '2 B']]
    """
    m = _model(N)
    U = _undirected(m)
    return [[c for c in m.complexes if c in comp] for comp in nx.connected_components(U)]


def deficiency(N) -> int:
    """Feinberg's deficiency ``δ = m − ℓ − rank S`` over all species (constant ones too).

    >>> from symflux import reaction_network
    >>> deficiency(reaction_network(["A <-> B", "2 A <-> 2 B"]))
    1
    """
    m = _model(N)
    S = stoichiometric_matrix(m, include_constant=True).matrix
    return len(m.complexes) - len(linkage_classes(m)) - S.rank()


def is_reversible(N) -> bool:
    """Every reaction has its reverse.

    >>> from symflux import reaction_network
    >>> is_reversible(reaction_network(["A <-> B", "B -> C"]))
    False
    """
    return all(r.reversible for r in _model(N).reactions)


def is_weakly_reversible(N) -> bool:
    """Every linkage class is strongly connected (each reaction lies on a directed cycle).

    >>> from symflux import reaction_network
    >>> is_weakly_reversible(reaction_network(["A -> B", "B -> C", "C -> A"]))
    True
    """
    m = _model(N)
    G = nx.DiGraph()
    G.add_nodes_from(m.complexes)
    for r in m.reactions:
        G.add_edge(*r.forward[:2])
        if r.reversible:
            G.add_edge(*r.backward[:2])
    return all(nx.is_strongly_connected(G.subgraph(c)) for c in linkage_classes(m))

"""Detailed balance versus complex balance of mass-action networks, with reasons.

Hierarchy: detailed balance ⇒ complex balance ⇒ a positive steady state.

- *Detailed balance*: every reaction reversible and every Wegscheider condition of
  ker S_X (:mod:`symflux.reactions.wegscheider`) holds.
- *Complex balance* (Horn & Jackson 1972): the network must be weakly reversible;
  by the matrix-tree theorem ker A_k is spanned by the tree constants ρ of each
  linkage class (computed by the kinetic engine on the complex graph), and a
  complex-balanced equilibrium exists iff ``ln ρ ⊥ u`` for every u with ``Y u = 0``
  and ``Σ_{y∈ℓ} u_y = 0`` per linkage class: δ conditions ``∏ ρ_y^{u_y} = 1``
  (Craciun, Dickenstein, Shiu & Sturmfels 2009). With δ = 0 none: the Deficiency
  Zero Theorem.

Open networks are classified by their internal dynamics: complexes projected onto
the internal species, chemostat concentrations folded into pseudo rate constants.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import sympy

from symflux.conditions import hold_at
from symflux.errors import SymfluxError
from symflux.reactions.network import ReactionNetwork, complex_label, network_model
from symflux.reactions.stoichiometry import (
    deficiency,
    integer_basis,
    is_weakly_reversible,
    linkage_classes,
)
from symflux.reactions.wegscheider import reaction_cycles

__all__ = ["Balance", "classify_balance", "complex_balance_conditions", "internal_network"]


@dataclass(frozen=True)
class Balance:
    """The verdict of :func:`classify_balance`.

    ``detailed`` and ``complex`` are True (for these rates, or for all rates when no
    values were given), False, or None (holds exactly where ``conditions`` do).
    """

    detailed: bool | None
    complex: bool | None
    reasons: tuple[str, ...]
    detailed_conditions: tuple[sympy.Eq, ...]
    complex_conditions: tuple[sympy.Eq, ...]

    @property
    def verdict(self) -> str:
        """The balance in words (detailed, complex, neither, or where conditions hold)."""
        if self.detailed:
            return "detailed balanced"
        if self.complex:
            return "complex balanced, not detailed balanced" if self.detailed is False else \
                "complex balanced"
        if self.complex is False:
            return "neither detailed nor complex balanced"
        return "balanced only where the conditions hold"

    def __str__(self) -> str:
        return self.verdict + "".join(f"\n  - {r}" for r in self.reasons)


def internal_network(N, rate: str = "rate") -> nx.MultiDiGraph:
    """The network of the internal dynamics: constant species dropped from the complexes
    and folded into the rates (complexes that become equal merge).

    >>> from symflux import reaction_network
    >>> G = internal_network(reaction_network(["E + S <-> ES", "ES <-> E + P"],
    ...                                       constant=["S", "P"]))
    >>> sorted(G.nodes), sorted(str(d["rate"]) for _, _, d in G.edges(data=True))
    (['E', 'ES'], ['P*k_{-2}', 'S*k_1', 'k_2', 'k_{-1}'])
    """
    m = network_model(N, rate)
    G = nx.MultiDiGraph()
    node = {}
    for c in m.complexes:
        part = {s: n for s, n in m.composition[c].items() if s not in m.constant}
        node[c] = complex_label(part)
        G.add_node(node[c], species=part)
    order = []
    for r in m.reactions:
        fwd, bwd = m.pseudo_rates(r)
        u, v = node[r.source], node[r.target]
        if u == v:
            continue  # converts chemostats only: no effect on the internal dynamics
        G.add_edge(u, v, key=r.label, rate=fwd, label=r.label)
        if bwd is not None:
            G.add_edge(v, u, key=r.label, rate=bwd, label=r.label)
        order.append((u, v, r.label))
    G.graph["reaction_order"] = order
    G.graph["constant"] = []
    return G


def complex_balance_conditions(N, rate: str = "rate") -> list[sympy.Eq]:
    """The δ conditions ``∏ ρ_y^{u_y} = 1`` on the tree constants for complex balance.

    Raises
    ------
    SymfluxError
        if the network is not weakly reversible (no complex-balanced equilibrium).

    Examples
    --------
    >>> from symflux import reaction_network
    >>> complex_balance_conditions(reaction_network(["A <-> B", "B <-> C", "C <-> A"]))
    []
    >>> [c] = complex_balance_conditions(reaction_network(["A <-> B", "2 A <-> 2 B"]))
    >>> sorted(map(str, (c.lhs, c.rhs)))
    ['k_1**2*k_{-2}', 'k_2*k_{-1}**2']
    """
    from symflux.kinetics.stationary import steady_state as kinetic_steady_state

    G = internal_network(N, rate)
    m = network_model(G)
    if not is_weakly_reversible(m):
        raise SymfluxError("not weakly reversible: some reaction lies on no directed cycle of "
                           "the complex graph, so no complex-balanced equilibrium exists")
    classes = linkage_classes(m)
    rho = {}
    for members in classes:
        # Feinberg's tree constants ρ_y are the matrix-tree sums of the complex graph read
        # as a kinetic scheme of its complexes: its edges without the species.
        # Complexes are renamed y0, y1, ... (a label such as "2 A" is no state name).
        state = {y: f"y{i}" for i, y in enumerate(members)}
        K = nx.MultiDiGraph()
        K.add_nodes_from(state.values())
        K.add_edges_from((state[u], state[v], k, d) for u, v, k, d
                         in G.subgraph(members).edges(keys=True, data=True))
        K.graph["transition_order"] = [(state[u], state[v], k) for u, v, k
                                       in G.graph["reaction_order"] if u in members]
        ss = kinetic_steady_state(K)
        rho.update({y: ss[f"w_{state[y]}"] for y in members})
    complexes = list(m.complexes)
    rows = [[m.composition[y].get(s, 0) for y in complexes] for s in m.species]
    rows += [[int(y in members) for y in complexes] for members in classes]
    null = sympy.Matrix(rows).nullspace()
    out = []
    for u in integer_basis(null):
        plus = sympy.Mul(*(rho[y] ** n for y, n in zip(complexes, u, strict=True) if n > 0))
        minus = sympy.Mul(*(rho[y] ** -n for y, n in zip(complexes, u, strict=True) if n < 0))
        num, den = sympy.fraction(sympy.factor(plus / minus))
        out.append(sympy.Eq(num, den, evaluate=False))
    return out


def _holds(conditions, values: Mapping | None, rtol: float) -> bool | None:
    if not conditions:
        return True
    if values is None:
        if all(sympy.simplify(c.lhs - c.rhs) == 0 for c in conditions):
            return True
        return None
    return hold_at(conditions, values, rtol, "classify_balance()")


def classify_balance(N, values: Mapping | None = None, rate: str = "rate",
            rtol: float = 1e-9) -> Balance:
    """Classify a network as detailed balanced, complex balanced or neither, with reasons.

    Parameters
    ----------
    values : mapping, optional
        Numbers for the rate constants (symbols or names); without them the verdict is
        symbolic: True where it holds for every choice of rates, None where it holds
        exactly on the conditions returned.

    Examples
    --------
    >>> from symflux import reaction_network
    >>> N = reaction_network(["A <-> B", "B <-> C", "C <-> A"])
    >>> rates = {"k_1": 2, "k_2": 1, "k_3": 1, "k_{-1}": 1, "k_{-2}": 1, "k_{-3}": 1}
    >>> b = classify_balance(N, rates)
    >>> b.verdict
    'complex balanced, not detailed balanced'
    >>> classify_balance(N).verdict
    'complex balanced'
    """
    m: ReactionNetwork = network_model(N, rate)
    internal = network_model(internal_network(m, rate))
    reasons = []
    detailed_conditions = [c.condition for c in reaction_cycles(m)]
    irreversible = [str(r) for r in m.reactions if not r.reversible]
    if irreversible:
        detailed = False
        reasons.append(f"reaction(s) {', '.join(irreversible)} are irreversible: "
                       "detailed balance needs every reaction to have its reverse")
    else:
        detailed = _holds(detailed_conditions, values, rtol)
        if detailed is True:
            reasons.append("every Wegscheider condition of ker S_X holds"
                           + (" identically" if values is None else " for these rates"))
        elif detailed is False:
            reasons.append("a Wegscheider condition fails: "
                           + "; ".join(f"{c.lhs} ≠ {c.rhs}" for c in detailed_conditions
                                       if _holds([c], values, rtol) is False))
        else:
            reasons.append("detailed balanced exactly where the Wegscheider conditions hold")
    delta = deficiency(internal)
    if not is_weakly_reversible(internal):
        complex_ok, complex_conditions = False, []
        reasons.append("not weakly reversible: a reaction lies on no directed cycle of "
                       "complexes, so no complex-balanced equilibrium exists")
    else:
        complex_conditions = complex_balance_conditions(m, rate)
        if delta == 0:
            complex_ok = True
            reasons.append("deficiency zero and weakly reversible: complex balanced for every "
                           "choice of rate constants (Deficiency Zero Theorem)")
        else:
            complex_ok = _holds(complex_conditions, values, rtol)
            reasons.append(f"deficiency {delta}: complex balanced "
                           + {True: "(its conditions on the tree constants hold)",
                              False: "fails (a tree-constant condition is violated)",
                              None: "exactly where its conditions on the tree constants hold"}
                           [complex_ok])
    if detailed is True:
        complex_ok = True
    return Balance(detailed, complex_ok, tuple(reasons), tuple(detailed_conditions),
                   tuple(complex_conditions))

"""One verb per question, for every kind of model: the names users call.

A kinetic scheme (states; a directed graph whose nodes carry no ``species``), a reaction
network (complexes; nodes carry ``species``) and a transport network (an undirected graph
of resistances) answer some of the same questions differently. Each function here looks at
the model once (:func:`model_kind`), calls the analysis of that kind, and refuses a kind it
does not answer for with :class:`~symflux.errors.WrongModelKind`, which names the kinds it
accepts and the function to use instead. Nothing is ever answered for the wrong kind.

>>> import symflux as sf
>>> sf.wegscheider_conditions(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
[Eq(k_{12}*k_{23}*k_{31}, k_{13}*k_{21}*k_{32})]
>>> sf.wegscheider_conditions(sf.reaction_network(["A <-> B", "2 A <-> 2 B"]))
[Eq(k_1**2*k_{-2}, k_2*k_{-1}**2)]
>>> model_kind(sf.transport_network([("a", "b", {"resistance": "R"})]))
'transport'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import sympy

from symflux.derivation import Derivation
from symflux.errors import UsageError, WrongModelKind
from symflux.kinetics import stationary as _kinetic_stationary
from symflux.kinetics import thermodynamics as _kinetic_thermodynamics
from symflux.kinetics import topology as _kinetic_topology
from symflux.kinetics.cycle_fluxes import cycle_fluxes as _hill_cycle_fluxes
from symflux.kinetics.graph import KineticModel
from symflux.reactions import balance as _network_balance
from symflux.reactions import steady_state as _network_stationary
from symflux.reactions import thermodynamics as _network_thermodynamics
from symflux.reactions import wegscheider as _network_wegscheider
from symflux.reactions.network import ReactionNetwork, is_reaction_network
from symflux.transport.network import TransportModel

__all__ = [
    "affinities",
    "cycle_fluxes",
    "cycles",
    "entropy_production",
    "equilibrium_distribution",
    "fundamental_cycles",
    "is_detailed_balanced",
    "model_kind",
    "steady_state",
    "wegscheider_conditions",
]

_DESCRIBED = {"kinetic": "a kinetic scheme", "reactions": "a reaction network",
              "transport": "a transport network"}


def model_kind(G: Any) -> str:
    """The kind of model ``G`` is: ``"kinetic"``, ``"reactions"`` or ``"transport"``.

    A directed graph whose every node carries ``species`` is a reaction network, any
    other directed graph a kinetic scheme, an undirected one a transport network.

    Raises
    ------
    WrongModelKind
        ``G`` is no graph or model symflux knows.

    Examples
    --------
    >>> import symflux as sf
    >>> model_kind(sf.kinetic_graph(["1 <-> 2"])), model_kind(sf.reaction_network(["A <-> B"]))
    ('kinetic', 'reactions')
    """
    if isinstance(G, ReactionNetwork):
        return "reactions"
    if isinstance(G, KineticModel):
        return "kinetic"
    if isinstance(G, TransportModel):
        return "transport"
    if isinstance(G, nx.Graph):
        if not G.is_directed():
            return "transport"
        return "reactions" if is_reaction_network(G) else "kinetic"
    raise WrongModelKind(
        f"a model is a networkx graph (a kinetic scheme, a reaction network or a transport "
        f"network), not {type(G).__name__}; build one with sf.kinetic_graph, "
        "sf.reaction_network or sf.transport_network", kind=type(G).__name__,
        accepted=("kinetic", "reactions", "transport"))


def _refuse(function: str, kind: str, accepted: tuple[str, ...], instead: str = "") -> None:
    given = _DESCRIBED.get(kind, kind)
    takes = " or ".join(_DESCRIBED.get(k, k) for k in accepted)
    advice = f"; for {given} use {instead}" if instead else ""
    raise WrongModelKind(f"{function}() takes {takes}, not {given}{advice}", kind=kind,
                         accepted=accepted, instead=instead)


def steady_state(G: Any, rate: str = "rate", *, form: str = "auto") -> Derivation:
    """The closed-form steady state of a kinetic scheme or a mass-action network.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A kinetic scheme (:func:`symflux.kinetic_graph`) or a reaction network
        (:func:`symflux.reaction_network`).
    rate : str
        The edge attribute holding each rate constant.
    form : {"auto", "expanded", "nested"}
        Kinetic schemes: how the tree sums are written. ``"expanded"`` is the textbook sum
        of directional diagrams (with a nested ``compact`` twin for kernels), ``"nested"``
        a subtraction-free factorised form that never materialises every term, and
        ``"auto"`` the expanded form while its up-front size estimate allows
        (:mod:`symflux.kinetics.size`). A reaction network takes ``"auto"`` only.

    Returns
    -------
    Derivation
        Kinetic scheme: ``p_<state>`` (probabilities), ``w_<state>`` (their tree sums),
        ``Sigma`` (the normalisation) and ``J_<u><v>`` (net flux of each transition) by
        the matrix-tree theorem; see :func:`symflux.kinetics.stationary.steady_state`.
        Reaction network: ``c_<species>`` (concentrations) and ``J_<label>`` (net flux of
        each reaction) of the polynomial steady-state system; see
        :func:`symflux.reactions.steady_state.steady_state`. docs/naming.md lists the
        names.

    Raises
    ------
    WrongModelKind
        for a transport network (use :func:`symflux.nodal_analysis`).
    NotUnique, NoSteadyState, NoClosedForm, GraphError, RateError
        as the analysis of the kind says.

    Notes
    -----
    A kinetic scheme of n states costs one term per directional diagram (n^(n-2) per
    state for a complete graph); a network costs a polynomial solve.

    Examples
    --------
    >>> import symflux as sf
    >>> sf.steady_state(sf.reaction_network(["0 -> X : k", "X -> 0 : gamma"]))["c_X"]
    k/gamma
    >>> sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))["p_1"]
    k_{21}/(k_{12} + k_{21})
    """
    kind = model_kind(G)
    if kind == "reactions":
        if form != "auto":
            raise UsageError(f"form={form!r} applies to kinetic schemes only; a reaction "
                             "network takes form='auto'")
        return _network_stationary.steady_state(G, rate)
    if kind == "kinetic":
        return _kinetic_stationary.steady_state(G, rate, form=form)
    _refuse("steady_state", kind, ("kinetic", "reactions"), "sf.nodal_analysis(T)")


def wegscheider_conditions(G: Any, rate: str = "rate") -> list[sympy.Eq]:
    """Detailed-balance conditions: one per fundamental cycle of a kinetic scheme, one per
    basis vector of ker S_X of a reaction network.

    Returns
    -------
    list of sympy.Eq
        ``Π⁺ = Π⁻`` for each independent cycle; detailed balance holds iff all do.

    Raises
    ------
    WrongModelKind
        for a transport network.

    Examples
    --------
    >>> import symflux as sf
    >>> sf.wegscheider_conditions(sf.reaction_network(["A <-> B", "B <-> C", "C <-> A"]))
    [Eq(k_1*k_2*k_3, k_{-1}*k_{-2}*k_{-3})]
    """
    kind = model_kind(G)
    if kind == "reactions":
        return _network_wegscheider.wegscheider_conditions(G, rate)
    if kind == "kinetic":
        return _kinetic_thermodynamics.wegscheider_conditions(G, rate)
    _refuse("wegscheider_conditions", kind, ("kinetic", "reactions"))


def is_detailed_balanced(G: Any, values: Mapping | None = None, rate: str = "rate", *,
                         rtol: float = 1e-9) -> bool:
    """Whether every Wegscheider condition holds (for ``values``, or identically without).

    A reaction network also needs every reaction reversible; see
    :func:`symflux.reactions.classify_balance` for the reasons and for complex balance.

    Raises
    ------
    WrongModelKind
        for a transport network.

    Examples
    --------
    >>> import symflux as sf
    >>> N = sf.reaction_network(["A <-> B", "2 A <-> 2 B"])
    >>> sf.is_detailed_balanced(N, {"k_1": 2, "k_{-1}": 1, "k_2": 8, "k_{-2}": 2})
    True
    >>> sf.is_detailed_balanced(N, {"k_1": 2, "k_{-1}": 1, "k_2": 9, "k_{-2}": 2})
    False
    """
    kind = model_kind(G)
    if kind == "reactions":
        return _network_balance.classify_balance(G, values, rate, rtol).detailed is True
    if kind == "kinetic":
        return _kinetic_thermodynamics.is_detailed_balanced(G, values, rate, rtol=rtol)
    _refuse("is_detailed_balanced", kind, ("kinetic", "reactions"))


def entropy_production(G: Any, rate: str = "rate") -> Derivation:
    """The steady-state entropy production rate σ (units of k_B per unit time).

    Returns
    -------
    Derivation
        Kinetic scheme: ``sigma`` = Σ_α J_α A_α over the fundamental cycles and
        ``sigma_edges`` = Σ_e J_e ln(p_i k_ij / (p_j k_ji)), equal at steady state
        (:func:`symflux.kinetics.thermodynamics.entropy_production`). Reaction network:
        ``sigma`` = Σ_r (J⁺_r − J⁻_r) ln(J⁺_r/J⁻_r) at the steady state, with the
        ``c_<species>`` and ``J_<label>`` it is built from
        (:func:`symflux.reactions.thermodynamics.entropy_production`). ``oo`` where a
        transition or reaction is irreversible.

    Raises
    ------
    WrongModelKind
        for a transport network.

    Examples
    --------
    >>> import symflux as sf
    >>> sf.entropy_production(sf.kinetic_graph(["1 <-> 2", "2 <-> 3"]))["sigma"]
    0
    >>> sf.entropy_production(sf.reaction_network(["A <-> B"]))["sigma"]
    0
    """
    kind = model_kind(G)
    if kind == "reactions":
        return _network_thermodynamics.entropy_production(G, rate)
    if kind == "kinetic":
        return _kinetic_thermodynamics.entropy_production(G, rate)
    _refuse("entropy_production", kind, ("kinetic", "reactions"))


def affinities(G: Any, rate: str = "rate", *, basis: str = "fundamental") -> dict:
    """Cycle affinities ``A = ln(Π⁺/Π⁻)`` (units of k_B T), one per cycle.

    Parameters
    ----------
    basis : {"fundamental", "all"}
        Kinetic schemes: Schnakenberg's fundamental cycles or all simple cycles (Hill).
        A reaction network's cycles are always the basis of ker S_X.

    Returns
    -------
    dict
        :class:`~symflux.Cycle` → affinity for a scheme, :class:`~symflux.reactions.ReactionCycle`
        → affinity for a network; ``oo`` where an irreversible step blocks the reverse.

    Raises
    ------
    WrongModelKind
        for a transport network.

    Examples
    --------
    >>> import symflux as sf
    >>> N = sf.reaction_network(["E + S <-> ES", "ES <-> E + P"], constant=["S", "P"])
    >>> list(sf.affinities(N).values())
    [log(S*k_1*k_2/(P*k_{-1}*k_{-2}))]
    """
    kind = model_kind(G)
    if kind == "reactions":
        return _network_thermodynamics.affinities(G, rate)
    if kind == "kinetic":
        return _kinetic_thermodynamics.affinities(G, rate, basis=basis)
    _refuse("affinities", kind, ("kinetic", "reactions"))


def cycles(G: Any, rate: str = "rate") -> list:
    """The cycles of a model: every simple cycle of a kinetic scheme (Hill), the basis of
    ker S_X of a reaction network (:func:`symflux.reactions.reaction_cycles`).

    Raises
    ------
    WrongModelKind
        for a transport network.

    Examples
    --------
    >>> import symflux as sf
    >>> [str(c) for c in sf.cycles(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))]
    ['1 → 2 → 3 → 1']
    >>> [c.kind for c in sf.cycles(sf.reaction_network(["A <-> B", "B <-> C", "C <-> A"]))]
    ['circuit']
    """
    kind = model_kind(G)
    if kind == "reactions":
        return _network_wegscheider.reaction_cycles(G, rate)
    if kind == "kinetic":
        return _kinetic_topology.cycles(G, rate)
    _refuse("cycles", kind, ("kinetic", "reactions"))


def fundamental_cycles(G: Any, rate: str = "rate") -> list:
    """An independent set of cycles: Schnakenberg's fundamental cycles of a kinetic scheme
    (one per chord of a spanning tree), the basis of ker S_X of a reaction network.

    Raises
    ------
    WrongModelKind
        for a transport network.

    Examples
    --------
    >>> import symflux as sf
    >>> len(sf.fundamental_cycles(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1",
    ...                                              "1 <-> 4", "4 <-> 3"])))
    2
    """
    kind = model_kind(G)
    if kind == "reactions":
        return _network_wegscheider.reaction_cycles(G, rate)
    if kind == "kinetic":
        return _kinetic_topology.fundamental_cycles(G, rate)
    _refuse("fundamental_cycles", kind, ("kinetic", "reactions"))


def cycle_fluxes(G: Any, rate: str = "rate") -> Derivation:
    """Hill's one-way and net cycle fluxes of a kinetic scheme
    (:func:`symflux.kinetics.cycle_fluxes.cycle_fluxes`).

    Raises
    ------
    WrongModelKind
        for a reaction network (its fluxes are per reaction: ``sf.steady_state(N)``,
        results ``J_<label>``) or a transport network.

    Examples
    --------
    >>> import symflux as sf
    >>> sorted(sf.cycle_fluxes(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])))[:3]
    ['J+_c1', 'J-_c1', 'J_c1']
    """
    kind = model_kind(G)
    if kind == "kinetic":
        return _hill_cycle_fluxes(G, rate)
    _refuse("cycle_fluxes", kind, ("kinetic",),
            "sf.steady_state(N) (reaction fluxes J_<label>) and sf.cycles(N)"
            if kind == "reactions" else "")


def equilibrium_distribution(G: Any, rate: str = "rate") -> Derivation:
    """The equilibrium distribution of a kinetic scheme, valid where every Wegscheider
    condition holds (:func:`symflux.kinetics.thermodynamics.equilibrium_distribution`).

    Raises
    ------
    WrongModelKind
        for a reaction network (its steady state, ``sf.steady_state(N)``, is the
        equilibrium where ``sf.is_detailed_balanced(N, values)``) or a transport network.

    Examples
    --------
    >>> import symflux as sf
    >>> sf.equilibrium_distribution(sf.kinetic_graph(["1 <-> 2"]))["p_1"]
    k_{21}/(k_{12} + k_{21})
    """
    kind = model_kind(G)
    if kind == "kinetic":
        return _kinetic_thermodynamics.equilibrium_distribution(G, rate)
    _refuse("equilibrium_distribution", kind, ("kinetic",),
            "sf.steady_state(N)" if kind == "reactions" else "")

"""One verb per question, for every kind of model: the names users call.

A kinetic scheme (states; a directed graph whose nodes carry no ``species``), a reaction
network (complexes; nodes carry ``species``) and a transport network (an undirected graph
of resistances) answer some of the same questions differently. Each function here looks at
the model once (:func:`model_kind`), calls the analysis of that kind, and refuses a kind it
does not answer for with :class:`~symflux.errors.WrongModelKind`, which names the kinds it
accepts and the function to use instead. Nothing is ever answered for the wrong kind. The
cycle questions live in :mod:`symflux.dispatch_cycles` and are imported here.

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

import sympy

from symflux.derivation import Derivation
from symflux.dispatch_cycles import (
    cycle_fluxes,
    cycles,
    equilibrium_distribution,
    fundamental_cycles,
)
from symflux.errors import UsageError
from symflux.kinetics import stationary as _kinetic_stationary
from symflux.kinetics import thermodynamics as _kinetic_thermodynamics
from symflux.kinetics.topology import Cycle
from symflux.model_kinds import model_kind, refuse_kind
from symflux.reactions import balance as _network_balance
from symflux.reactions import steady_state as _network_stationary
from symflux.reactions import thermodynamics as _network_thermodynamics
from symflux.reactions import wegscheider as _network_wegscheider
from symflux.reactions.wegscheider import ReactionCycle

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
    refuse_kind("steady_state", kind, ("kinetic", "reactions"), "sf.nodal_analysis(T)")


def wegscheider_conditions(G: Any, rate: str = "rate") -> list[sympy.Eq]:
    """Detailed-balance (Wegscheider) conditions ``Π⁺ = Π⁻``, one per independent cycle.

    ``Π±`` are the rate products each way around a fundamental cycle of a kinetic scheme
    (Kolmogorov's criterion), or ``∏_r (k_r^±)^{γ_r}`` over a basis vector γ of ker S_X of
    a reaction network (chemostats in the pseudo rates of emergent cycles).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A kinetic scheme (:func:`symflux.kinetic_graph`) or a reaction network
        (:func:`symflux.reaction_network`).
    rate : str
        The edge attribute holding each rate constant.

    Returns
    -------
    list of sympy.Eq
        ``Eq(Π⁺, Π⁻)`` (unevaluated) per cycle of :func:`fundamental_cycles`, in its order;
        detailed balance holds iff all do. An irreversible step gives ``Eq(Π, 0)``
        (``Eq(0, 0)`` where it is blocked both ways).

    Raises
    ------
    WrongModelKind
        for a transport network.
    GraphError, RateError, LimitError
        a malformed graph, a bad rate, or a model past a limit of :mod:`symflux.limits`
        (a scheme need not be strongly connected: the conditions are the graph's).

    Notes
    -----
    E − N + 1 conditions for N states and E transitions: a breadth-first spanning tree and
    a tree path per chord, O(N·E) at most; a network costs exact nullspaces and ranks of
    its stoichiometric matrices. References: Schnakenberg, Rev. Mod. Phys. 48:571 (1976);
    Wegscheider, Z. Phys. Chem. 39:257 (1902); Feinberg, Chem. Eng. Sci. 44:1819 (1989).

    Examples
    --------
    >>> import symflux as sf
    >>> sf.wegscheider_conditions(sf.reaction_network(["A <-> B", "B <-> C", "C <-> A"]))
    [Eq(k_1*k_2*k_3, k_{-1}*k_{-2}*k_{-3})]
    >>> sf.wegscheider_conditions(sf.kinetic_graph(["1 <-> 2", "2 <-> 3"]))
    []
    """
    kind = model_kind(G)
    if kind == "reactions":
        return _network_wegscheider.wegscheider_conditions(G, rate)
    if kind == "kinetic":
        return _kinetic_thermodynamics.wegscheider_conditions(G, rate)
    refuse_kind("wegscheider_conditions", kind, ("kinetic", "reactions"))


def is_detailed_balanced(G: Any, values: Mapping[str | sympy.Symbol, float] | None = None,
                         rate: str = "rate", *, rtol: float = 1e-9) -> bool:
    """Whether every Wegscheider condition holds (for ``values``, or identically without).

    A reaction network also needs every reaction reversible; see
    :func:`symflux.reactions.classify_balance` for the reasons and for complex balance.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A kinetic scheme or a reaction network.
    values : mapping of str or sympy.Symbol to float, optional
        A number for every symbol of the conditions; ``None`` decides symbolically.
    rate : str
        The edge attribute holding each rate constant.
    rtol : float
        A condition holds when ``|Π⁺ − Π⁻| ≤ rtol · max(|Π⁺|, |Π⁻|)``.

    Returns
    -------
    bool
        False also for an irreversible step on a cycle and, without ``values``, for
        conditions that hold only for some rates.

    Raises
    ------
    WrongModelKind
        for a transport network.
    UsageError
        ``values`` has no number for a symbol of a condition (the message names it).
    GraphError, RateError, LimitError
        as :func:`wegscheider_conditions`.

    Notes
    -----
    Evaluates each of :func:`wegscheider_conditions`, or simplifies ``Π⁺ − Π⁻`` (no time
    budget). A network goes through :func:`~symflux.reactions.classify_balance`, which also
    derives complex-balance conditions (a kinetic steady state per linkage class).

    Examples
    --------
    >>> import symflux as sf
    >>> N = sf.reaction_network(["A <-> B", "2 A <-> 2 B"])
    >>> sf.is_detailed_balanced(N, {"k_1": 2, "k_{-1}": 1, "k_2": 8, "k_{-2}": 2})
    True
    >>> sf.is_detailed_balanced(N, {"k_1": 2, "k_{-1}": 1, "k_2": 9, "k_{-2}": 2})
    False
    >>> sf.is_detailed_balanced(sf.kinetic_graph(["1 <-> 2", "2 <-> 3"]))
    True
    """
    kind = model_kind(G)
    if kind == "reactions":
        return _network_balance.classify_balance(G, values, rate, rtol).detailed is True
    if kind == "kinetic":
        return _kinetic_thermodynamics.is_detailed_balanced(G, values, rate, rtol=rtol)
    refuse_kind("is_detailed_balanced", kind, ("kinetic", "reactions"))


def entropy_production(G: Any, rate: str = "rate") -> Derivation:
    """The steady-state entropy production rate σ ≥ 0 (units of k_B per unit time).

    Kinetic scheme: σ = Σ_e J_e ln(p_i k_ij / (p_j k_ji)) = Σ_α J_α A_α over the
    fundamental cycles. Reaction network: σ = Σ_r (J⁺_r − J⁻_r) ln(J⁺_r/J⁻_r) per unit
    volume. Zero exactly at detailed balance.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A kinetic scheme or a reaction network.
    rate : str
        The edge attribute holding each rate constant.

    Returns
    -------
    Derivation
        Kinetic scheme: ``sigma`` (the cycle form, 0 without cycles) and ``sigma_edges``
        (the edge form), equal at steady state. Reaction network: ``sigma`` at the steady
        state, with the ``c_<species>`` and ``J_<label>`` it is built from. ``oo`` where a
        transition or reaction is irreversible.

    Raises
    ------
    WrongModelKind
        for a transport network.
    NotUnique, NoSteadyState, NoClosedForm, ModelTooLarge, GraphError, RateError, LimitError
        as :func:`steady_state` says for the kind.

    Notes
    -----
    One :func:`steady_state` (directional diagrams bounded by :mod:`symflux.kinetics.size`,
    or a polynomial solve bounded by the limit ``time_budget``) plus a logarithm per
    transition, chord or reaction. Reference: Schnakenberg, Rev. Mod. Phys. 48:571 (1976).

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
    refuse_kind("entropy_production", kind, ("kinetic", "reactions"))


def affinities(G: Any, rate: str = "rate", *,
               basis: str = "fundamental") -> dict[Cycle | ReactionCycle, sympy.Expr]:
    """Cycle affinities ``A = ln(Π⁺/Π⁻)`` (units of k_B T), one per cycle.

    ``Π±`` are the rate products each way around the cycle (with the chemostats for a
    network's emergent cycles), free of the probabilities and concentrations.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A kinetic scheme or a reaction network.
    rate : str
        The edge attribute holding each rate constant.
    basis : {"fundamental", "all"}
        Kinetic schemes: Schnakenberg's fundamental cycles or all simple cycles (Hill).
        A reaction network's cycles are always the basis of ker S_X (``basis`` unread).

    Returns
    -------
    dict
        :class:`~symflux.Cycle` → affinity for a scheme (a cycle blocked both ways is
        left out), :class:`~symflux.reactions.ReactionCycle` → affinity for a network, in
        the order of :func:`fundamental_cycles` or :func:`cycles`; ``oo`` where an
        irreversible step blocks the reverse.

    Raises
    ------
    WrongModelKind
        for a transport network.
    UsageError
        a ``basis`` other than ``"fundamental"`` or ``"all"``.
    GraphError, RateError, LimitError
        as :func:`wegscheider_conditions`.

    Notes
    -----
    The cost of :func:`fundamental_cycles` or :func:`cycles`, then a logarithm per cycle.
    References: Schnakenberg (1976); Hill, Free Energy Transduction and Biochemical Cycle
    Kinetics (1989); Polettini & Esposito, J. Chem. Phys. 141:024117 (2014).

    Examples
    --------
    >>> import symflux as sf
    >>> N = sf.reaction_network(["E + S <-> ES", "ES <-> E + P"], constant=["S", "P"])
    >>> list(sf.affinities(N).values())
    [log(S*k_1*k_2/(P*k_{-1}*k_{-2}))]
    >>> list(sf.affinities(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 -> 1"])).values())
    [oo]
    """
    kind = model_kind(G)
    if basis not in ("fundamental", "all"):
        raise UsageError(f"basis must be 'fundamental' or 'all', not {basis!r}")
    if kind == "reactions":
        return _network_thermodynamics.affinities(G, rate)
    if kind == "kinetic":
        return _kinetic_thermodynamics.affinities(G, rate, basis=basis)
    refuse_kind("affinities", kind, ("kinetic", "reactions"))

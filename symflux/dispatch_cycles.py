"""The cycle questions of :mod:`symflux.dispatch`: cycles, cycle fluxes, equilibrium.

Split from :mod:`symflux.dispatch`, which imports and re-exports every name here, so
``sf.cycles`` and ``symflux.dispatch.cycles`` are these functions. They dispatch on
:func:`symflux.model_kinds.model_kind` like the rest.

>>> import symflux as sf
>>> from symflux import dispatch
>>> dispatch.cycles is cycles is sf.cycles
True
"""

from __future__ import annotations

from typing import Any

from symflux.derivation import Derivation
from symflux.kinetics import thermodynamics as _kinetic_thermodynamics
from symflux.kinetics import topology as _kinetic_topology
from symflux.kinetics.cycle_fluxes import cycle_fluxes as _hill_cycle_fluxes
from symflux.kinetics.topology import Cycle
from symflux.model_kinds import model_kind, refuse_kind
from symflux.reactions import wegscheider as _network_wegscheider
from symflux.reactions.wegscheider import ReactionCycle

__all__ = ["cycle_fluxes", "cycles", "equilibrium_distribution", "fundamental_cycles"]


def cycles(G: Any, rate: str = "rate") -> list[Cycle] | list[ReactionCycle]:
    """The cycles of a model: every simple cycle of a kinetic scheme (Hill), the basis of
    ker S_X of a reaction network (:func:`symflux.reactions.reaction_cycles`).

    A scheme's cycles are closed walks over its transitions (not its edges), so two
    parallel transitions between the same states make a cycle of length two.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A kinetic scheme (:func:`symflux.kinetic_graph`) or a reaction network
        (:func:`symflux.reaction_network`).
    rate : str
        The edge attribute holding each rate constant.

    Returns
    -------
    list of Cycle, or list of ReactionCycle
        Scheme: each simple cycle once as a :class:`~symflux.Cycle`, run along its
        irreversible transitions where they agree; :func:`cycle_fluxes` numbers them
        ``c1``, ``c2``, … in this order.
        Network: :class:`~symflux.reactions.ReactionCycle` objects of kind
        ``"circuit"``, ``"spanning-forest"`` or ``"emergent"``, the same list as
        :func:`fundamental_cycles`.

    Raises
    ------
    WrongModelKind
        for a transport network.
    GraphError, RateError, LimitError
        a malformed graph, a bad rate, or a model past a limit of :mod:`symflux.limits`
        (cycles are a property of the graph: a scheme need not be strongly connected).

    Notes
    -----
    A scheme's cycles come from :func:`networkx.simple_cycles` on the undirected graph of
    its states, times the choices among parallel transitions: their number can grow
    exponentially with the states (a complete graph of N states has
    Σ_{k=3..N} C(N, k) (k − 1)!/2): past the limit ``cycles`` (10⁵) they are refused
    with a LimitError as they are counted. A network costs exact
    nullspaces and ranks of its stoichiometric matrices. References: Hill, Free Energy
    Transduction and Biochemical Cycle Kinetics (1989); Feinberg, Chem. Eng. Sci. 44:1819
    (1989).

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
    refuse_kind("cycles", kind, ("kinetic", "reactions"))


def fundamental_cycles(G: Any, rate: str = "rate") -> list[Cycle] | list[ReactionCycle]:
    """An independent set of cycles: Schnakenberg's fundamental cycles of a kinetic scheme
    (one per chord of a spanning tree), the basis of ker S_X of a reaction network.

    Every cycle of a scheme is a signed sum of these; each Wegscheider condition of
    :func:`symflux.wegscheider_conditions` belongs to one of them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A kinetic scheme (:func:`symflux.kinetic_graph`) or a reaction network
        (:func:`symflux.reaction_network`).
    rate : str
        The edge attribute holding each rate constant.

    Returns
    -------
    list of Cycle, or list of ReactionCycle
        Scheme: E − N + 1 :class:`~symflux.Cycle` objects for N states and E transitions,
        one per chord of a breadth-first spanning tree grown from the first state, each
        run along its chord (or along its irreversible transitions where those point the
        other way); ``[]`` for a tree. Network: the same list as :func:`cycles`.

    Raises
    ------
    WrongModelKind
        for a transport network.
    GraphError, RateError, LimitError
        as :func:`cycles`.

    Notes
    -----
    A scheme costs the spanning tree and a tree path per chord, O(N·E) at most; a network
    costs as in :func:`cycles`. Reference: Schnakenberg, Rev. Mod. Phys. 48:571 (1976).

    Examples
    --------
    >>> import symflux as sf
    >>> len(sf.fundamental_cycles(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1",
    ...                                              "1 <-> 4", "4 <-> 3"])))
    2
    >>> sf.fundamental_cycles(sf.kinetic_graph(["1 <-> 2", "2 <-> 3"]))
    []
    """
    kind = model_kind(G)
    if kind == "reactions":
        return _network_wegscheider.reaction_cycles(G, rate)
    if kind == "kinetic":
        return _kinetic_topology.fundamental_cycles(G, rate)
    refuse_kind("fundamental_cycles", kind, ("kinetic", "reactions"))


def cycle_fluxes(G: Any, rate: str = "rate") -> Derivation:
    """Hill's one-way and net cycle fluxes of a kinetic scheme
    (:func:`symflux.kinetics.cycle_fluxes.cycle_fluxes`).

    ``J_κ± = Π_κ± Σ_κ / Σ`` for each simple cycle κ: ``Π_κ±`` are the rate products around
    κ each way, ``Σ_κ`` sums the directional diagrams of the states off κ flowing into it
    (1 if κ visits every state) and ``Σ`` sums all directional diagrams.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A kinetic scheme (:func:`symflux.kinetic_graph`).
    rate : str
        The edge attribute holding each rate constant.

    Returns
    -------
    Derivation
        ``J+_c<i>``, ``J-_c<i>``, ``J_c<i>`` (net, ``J+ − J-``) and ``Sigma_c<i>`` for the
        i-th cycle of :func:`cycles` (the steps say which cycle is which), and ``Sigma``.
        The net flux of each transition is the signed sum of the ``J_c<i>`` through it.

    Raises
    ------
    WrongModelKind
        for a reaction network (its fluxes are per reaction: ``sf.steady_state(N)``,
        results ``J_<label>``) or a transport network.
    ModelTooLarge
        the directional diagrams to enumerate exceed the bound of
        :mod:`symflux.kinetics.size` (``NESTED_TREES``); the error holds the estimate.
    GraphError, RateError, LimitError
        as :func:`cycles`.
    NotUnique
        a kinetic scheme that is not strongly connected (no unique steady state).

    Notes
    -----
    One tree sum per state and per cycle, each sized up front and then enumerated tree by
    tree; both the expanded and the nested (Horner) forms are built. The number of cycles
    can grow exponentially (see :func:`cycles`). Reference: Hill, Free Energy Transduction
    and Biochemical Cycle Kinetics (1989), ch. 7.

    Examples
    --------
    >>> import symflux as sf
    >>> sorted(sf.cycle_fluxes(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])))[:3]
    ['J+_c1', 'J-_c1', 'J_c1']
    >>> sorted(sf.cycle_fluxes(sf.kinetic_graph(["1 <-> 2"])))   # no cycle: Sigma only
    ['Sigma']
    """
    kind = model_kind(G)
    if kind == "kinetic":
        return _hill_cycle_fluxes(G, rate)
    refuse_kind("cycle_fluxes", kind, ("kinetic",),
            "sf.steady_state(N) (reaction fluxes J_<label>) and sf.cycles(N)"
            if kind == "reactions" else "")


def equilibrium_distribution(G: Any, rate: str = "rate") -> Derivation:
    """The equilibrium distribution of a kinetic scheme, valid where every Wegscheider
    condition holds (:func:`symflux.kinetics.thermodynamics.equilibrium_distribution`).

    Detailed balance ``p_a k_ab = p_b k_ba`` on the edges of a spanning tree fixes every
    ratio: ``p_s`` is proportional to the product of the tree's rates pointing toward ``s``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A kinetic scheme (:func:`symflux.kinetic_graph`).
    rate : str
        The edge attribute holding each rate constant.

    Returns
    -------
    Derivation
        ``p_<state>`` for every state. Its assumptions list the Wegscheider conditions,
        and its ``constraints`` solve each, where SymPy can, for a symbol of its chord's
        rates.

    Raises
    ------
    WrongModelKind
        for a reaction network (its steady state, ``sf.steady_state(N)``, is the
        equilibrium where ``sf.is_detailed_balanced(N, values)``) or a transport network.
    GraphError
        a transition is irreversible, so no equilibrium exists.
    GraphError, RateError, LimitError
        as :func:`cycles`.
    NotUnique
        a kinetic scheme that is not strongly connected (no unique steady state).

    Notes
    -----
    No tree sum is enumerated: a product of N − 1 rates per state, found by a walk over
    the spanning tree (O(N³) steps at most for N states), and one :func:`sympy.solve` per
    chord for the constraints. It equals :func:`symflux.steady_state` only where the
    conditions hold. Reference: Schnakenberg, Rev. Mod. Phys. 48:571 (1976).

    Examples
    --------
    >>> import symflux as sf
    >>> sf.equilibrium_distribution(sf.kinetic_graph(["1 <-> 2"]))["p_1"]
    k_{21}/(k_{12} + k_{21})
    >>> sf.equilibrium_distribution(sf.kinetic_graph(["1 <-> 2", "2 <-> 3"]))["p_3"]
    k_{12}*k_{23}/(k_{12}*k_{23} + k_{12}*k_{32} + k_{21}*k_{32})
    """
    kind = model_kind(G)
    if kind == "kinetic":
        return _kinetic_thermodynamics.equilibrium_distribution(G, rate)
    refuse_kind("equilibrium_distribution", kind, ("kinetic",),
            "sf.steady_state(N)" if kind == "reactions" else "")

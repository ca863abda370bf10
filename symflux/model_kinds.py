"""What kind of model a graph is, and the refusal of a question for the wrong kind.

Every public analysis in :mod:`symflux.dispatch` and :mod:`symflux.dispatch_cycles` looks
at its model once with :func:`model_kind` and refuses a kind it does not answer for with
:func:`refuse_kind`, so that nothing is ever answered for the wrong kind.

>>> import symflux as sf
>>> model_kind(sf.transport_network([("a", "b", {"resistance": "R"})]))
'transport'
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from symflux.errors import WrongModelKind
from symflux.kinetics.graph import KineticModel
from symflux.reactions.network import ReactionNetwork, is_reaction_network
from symflux.transport.network import TransportModel

__all__ = ["model_kind", "refuse_kind"]

_DESCRIBED = {"kinetic": "a kinetic scheme", "reactions": "a reaction network",
              "transport": "a transport network"}


def model_kind(G: Any) -> str:
    """The kind of model ``G`` is: ``"kinetic"``, ``"reactions"`` or ``"transport"``.

    A directed graph whose every node carries ``species`` is a reaction network, any other
    directed graph (an empty one too) a kinetic scheme, an undirected one a transport network.

    Parameters
    ----------
    G : networkx.Graph, KineticModel, ReactionNetwork or TransportModel
        A graph, or a model its engine has already checked.

    Returns
    -------
    str
        The kind; ``G`` is classified, not checked (its engine checks it when asked).

    Raises
    ------
    WrongModelKind
        ``G`` is no graph or model symflux knows.

    Notes
    -----
    One pass over the nodes at most, O(N) for N nodes; no rate is read.

    Examples
    --------
    >>> import symflux as sf
    >>> model_kind(sf.kinetic_graph(["1 <-> 2"])), model_kind(sf.reaction_network(["A <-> B"]))
    ('kinetic', 'reactions')
    >>> model_kind({"1": "2"})
    Traceback (most recent call last):
    symflux.errors.WrongModelKind: a model is a networkx graph (...), not dict; ...
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


def refuse_kind(function: str, kind: str, accepted: tuple[str, ...], instead: str = "") -> None:
    """Raise WrongModelKind: ``function`` takes the ``accepted`` kinds, not ``kind``;
    ``instead`` names the function to use for it."""
    given = _DESCRIBED.get(kind, kind)
    takes = " or ".join(_DESCRIBED.get(k, k) for k in accepted)
    advice = f"; for {given} use {instead}" if instead else ""
    raise WrongModelKind(f"{function}() takes {takes}, not {given}{advice}", kind=kind,
                         accepted=accepted, instead=instead)

"""The names of results: one scheme for every engine (docs/naming.md has the table).

A result name is a quantity's letter, ``_``, and what it is of:

=====================  ====================================  ===========================
what                   name                                  example
=====================  ====================================  ===========================
state probability      ``p_<state>``                         ``p_1``, ``p_ES``
state tree sum         ``w_<state>``                         ``w_1``
normalisation          ``Sigma``                             ``Sigma``
concentration          ``c_<species>``                       ``c_X``
node potential         ``phi_<node>``                        ``phi_in``
edge flux u → v        ``J_<u><v>`` (one-character labels),  ``J_12``, ``J_E,ES``,
                       else ``J_<u>,<v>``; ``[<key>]`` added  ``J_ES,E[P]``
                       among parallel edges
reaction flux          ``J_<label>``                         ``J_1``
cycle κ (Hill)         ``J_c<i>``, ``J+_c<i>``, ``J-_c<i>``,  ``J_c1``
                       ``Sigma_c<i>``
entropy production     ``sigma`` (``sigma_edges``)            ``sigma``
=====================  ====================================  ===========================

Problem files name their results themselves (``[find]``), so these are the names of the
API, not of the problem bank.

>>> edge_flux_name("1", "2"), edge_flux_name("E", "ES", "P", parallel=True)
('J_12', 'J_E,ES[P]')
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "concentration_name",
    "cycle_names",
    "edge_flux_name",
    "potential_name",
    "probability_name",
    "reaction_flux_name",
    "tree_sum_name",
]


def probability_name(state: str) -> str:
    """``p_<state>``: the steady-state probability of a state (its label as a string)."""
    return f"p_{state}"


def tree_sum_name(state: str) -> str:
    """``w_<state>``: the sum of a state's directional diagrams (in-trees)."""
    return f"w_{state}"


def concentration_name(species: str) -> str:
    """``c_<species>``: a steady-state concentration, ``c_X``, ``c_ES``."""
    return f"c_{species}"


def potential_name(node: Any) -> str:
    """``phi_<node>``: the potential of a transport-network node."""
    return f"phi_{node}"


def edge_flux_name(u: str, v: str, key: Any = None, *, parallel: bool = False) -> str:
    """The net flux along the edge ``u → v`` of a scheme or a transport network.

    ``J_uv`` when both labels are one character, ``J_u,v`` otherwise, with ``[key]``
    when other edges join the same two nodes (``parallel``).
    """
    name = f"J_{u}{v}" if len(u) == 1 and len(v) == 1 else f"J_{u},{v}"
    return name + (f"[{key}]" if parallel else "")


def reaction_flux_name(label: Any) -> str:
    """``J_<label>``: the net flux of a reaction (labels are ``1, 2, …`` unless given)."""
    return f"J_{label}"


def cycle_names(index: int) -> tuple[str, str, str, str]:
    """Hill's names for cycle number ``index``: net, forward, backward flux and its Σ_κ.

    >>> cycle_names(1)
    ('J_c1', 'J+_c1', 'J-_c1', 'Sigma_c1')
    """
    return f"J_c{index}", f"J+_c{index}", f"J-_c{index}", f"Sigma_c{index}"

"""Cycles of kinetic schemes: Schnakenberg's fundamental cycles and Hill's full set.

A cycle is a closed walk over transitions (not edges): in a multigraph two
parallel transitions between the same states form a cycle of length two, as in
the reversible Michaelis–Menten scheme, where E → ES happens by S binding and by
P binding. ``nx.cycle_basis`` sees neither parallel edges nor orientation, so
cycles are built here from the transitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, product

import networkx as nx
import sympy

from symflux.kinetics.graph import KineticModel, Transition, kinetic_model
from symflux.limits import limit, require

__all__ = ["Cycle", "cycles", "fundamental_cycles"]


@dataclass(frozen=True)
class Cycle:
    """A cycle of a kinetic scheme with an orientation.

    ``steps`` lists ``(transition, sign)``: sign ``+1`` when the cycle runs along the
    transition's ``u → v`` direction, ``−1`` when it runs ``v → u``.
    """

    steps: tuple[tuple[Transition, int], ...]

    @property
    def states(self) -> tuple:
        """States in the order the cycle visits them (the first is not repeated)."""
        return tuple(t.u if s > 0 else t.v for t, s in self.steps)

    @property
    def forward_edges(self) -> tuple:
        """The edges ``(a, b, key)`` taken when the cycle is run in its orientation."""
        return tuple(t.forward if s > 0 else t.backward for t, s in self.steps)

    @property
    def backward_edges(self) -> tuple:
        """The edges taken when it is run the other way (some may not exist)."""
        return tuple(t.backward if s > 0 else t.forward for t, s in self.steps)

    def sign(self, transition: Transition) -> int:
        """``s_c(e)``: +1 or −1 if the cycle runs along or against ``transition``, else 0."""
        return next((s for t, s in self.steps if t == transition), 0)

    def products(self, model: KineticModel) -> tuple[sympy.Expr, sympy.Expr]:
        """``(Π+, Π−)``: the products of the rates around the cycle, each way.

        A product is 0 when an irreversible transition blocks that direction.
        """
        plus = sympy.Mul(*(model.rates.get(e, 0) for e in self.forward_edges))
        minus = sympy.Mul(*(model.rates.get(e, 0) for e in self.backward_edges))
        return plus, minus

    def reversed(self) -> Cycle:
        """The same cycle traversed the other way."""
        return Cycle(tuple((t, -s) for t, s in reversed(self.steps)))

    def __str__(self) -> str:
        parts = []
        for (a, _, key), (t, _) in zip(self.forward_edges, self.steps, strict=True):
            parts.append(f"{a} →" + (f"[{key}]" if _needs_key(t, self) else ""))
        return " ".join(parts) + f" {self.states[0]}"


def _needs_key(t: Transition, cycle: Cycle) -> bool:
    # Keys are printed only where they tell parallel transitions apart.
    return t.key not in (0, None) or len({(x.u, x.v) for x, _ in cycle.steps}) < len(cycle.steps)


def _orient(cycle: Cycle) -> Cycle:
    """Run the cycle along its irreversible transitions, when they agree."""
    against = [s for t, s in cycle.steps if not t.reversible and s < 0]
    along = [s for t, s in cycle.steps if not t.reversible and s > 0]
    return cycle.reversed() if against and not along else cycle


def _walk(model: KineticModel, path: list, transitions: tuple) -> Cycle:
    steps = []
    for i, t in enumerate(transitions):
        a = path[i]
        steps.append((t, 1 if t.u == a else -1))
    return _orient(Cycle(tuple(steps)))


def fundamental_cycles(G: nx.MultiDiGraph | KineticModel, rate: str = "rate") -> list[Cycle]:
    """Schnakenberg's basis: one cycle per chord of a spanning tree of the transitions.

    The spanning tree is grown breadth-first from the first state, taking
    transitions in the order the graph lists them; each remaining transition (a
    chord) closes one cycle, oriented along the chord, or along its irreversible
    transitions where they point the other way. There are ``E − N + 1`` of them
    (``E − N + c`` for a scheme in ``c`` parts; strong connectivity is not needed).

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> [str(c) for c in fundamental_cycles(kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))]
    ['2 → 3 → 1 → 2']
    >>> fundamental_cycles(kinetic_graph(["1 <-> 2", "2 <-> 3"]))
    []
    """
    model = G if isinstance(G, KineticModel) else kinetic_model(G, rate, connected=False)
    tree, chords = spanning_tree(model)
    parent: dict = {}
    adj: dict = {s: [] for s in model.states}
    for t in tree:
        adj[t.u].append((t.v, t))
        adj[t.v].append((t.u, t))
    depth: dict = {}
    for root in model.states:          # one tree per connected part
        if root in parent:
            continue
        parent[root], depth[root] = None, 0
        order = [root]
        for s in order:
            for nb, t in adj[s]:
                if nb not in parent:
                    parent[nb] = (s, t)
                    depth[nb] = depth[s] + 1
                    order.append(nb)
    result = []
    for chord in chords:
        # Chord u → v, then the tree path from v back to u.
        a, b = chord.v, chord.u
        up_a, up_b = [], []
        while a != b:
            if depth[a] >= depth[b]:
                up_a.append((a, parent[a][1]))
                a = parent[a][0]
            else:
                up_b.append((b, parent[b][1]))
                b = parent[b][0]
        path = [chord.u, chord.v]
        transitions = [chord]
        for s, t in up_a:
            nxt = t.u if t.v == s else t.v
            transitions.append(t)
            path.append(nxt)
        for s, t in reversed(up_b):
            transitions.append(t)
            path.append(s)
        result.append(_walk(model, path, tuple(transitions)))
    return result


def spanning_tree(model: KineticModel) -> tuple[list[Transition], list[Transition]]:
    """Breadth-first spanning tree of the transitions, and the chords left over (a tree
    per connected part, each from its first state, when the scheme falls apart)."""
    adj: dict = {s: [] for s in model.states}
    for t in model.transitions:
        adj[t.u].append(t)
        adj[t.v].append(t)
    seen: set = set()
    tree: list[Transition] = []
    for root in model.states:
        if root in seen:
            continue
        seen.add(root)
        queue = [root]
        for s in queue:
            for t in adj[s]:
                other = t.v if t.u == s else t.u
                if other not in seen:
                    seen.add(other)
                    tree.append(t)
                    queue.append(other)
    in_tree = set(tree)
    return tree, [t for t in model.transitions if t not in in_tree]


def cycles(G: nx.MultiDiGraph | KineticModel, rate: str = "rate") -> list[Cycle]:
    """All simple cycles of the transitions (Hill's cycle set), each once.

    Parallel transitions between two states give one cycle per pair of them
    (length two) and multiply the longer cycles through those states. A cycle
    starts at its earliest state in graph order and runs toward the earlier of
    its two neighbours, unless its irreversible transitions set the direction.

    Examples
    --------
    >>> from symflux import kinetic_graph
    >>> G = kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1", "1 <-> 4", "4 <-> 3"])
    >>> len(cycles(G)), len(fundamental_cycles(G))
    (3, 2)
    """
    model = G if isinstance(G, KineticModel) else kinetic_model(G, rate, connected=False)
    index = model.index
    between: dict = {}
    for t in model.transitions:
        between.setdefault(frozenset((t.u, t.v)), []).append(t)
    found: list[Cycle] = []
    # their number grows exponentially with the states: bounded as they are found
    bound = limit("cycles")
    for pair, ts in between.items():
        if len(ts) > 1:
            a, b = sorted(pair, key=index.__getitem__)
            for t1, t2 in combinations(ts, 2):
                found.append(_walk(model, [a, b], (t1, t2)))
                _bounded(found, bound, model)
    H = nx.Graph()
    H.add_nodes_from(model.states)
    H.add_edges_from(tuple(p) for p in between)
    for nodes in nx.simple_cycles(H):
        if len(nodes) < 3:
            continue
        start = min(range(len(nodes)), key=lambda i: index[nodes[i]])
        nodes = nodes[start:] + nodes[:start]
        if index[nodes[-1]] < index[nodes[1]]:
            nodes = [nodes[0], *reversed(nodes[1:])]
        pairs = [frozenset((nodes[i], nodes[(i + 1) % len(nodes)])) for i in range(len(nodes))]
        for choice in product(*(between[p] for p in pairs)):
            found.append(_walk(model, nodes, choice))
            _bounded(found, bound, model)
    return found


def _bounded(found: list, bound: int, model: KineticModel) -> None:
    if len(found) > bound:
        require("cycles", len(found), what=f"the number of cycles of this "
                f"{len(model.states)}-state scheme (counted so far)")

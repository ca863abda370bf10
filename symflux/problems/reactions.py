"""Problem files of kind ``"reactions"``: a mass-action network and what to find in it.

.. code-block:: toml

    kind = "reactions"
    [model]
    reactions = ["E + S <-> ES", "ES <-> E + P"]
    constant  = ["S", "P"]          # optional: chemostatted species
    enzyme    = "E"                 # optional: for rate laws (default "E")
    product   = "P"                 # optional: whose formation rate is the velocity

    [find]
    v    = "rate law"
    K    = "haldane"
    K_S  = "rate law constant K_S"
    c_X  = "concentration X"
    J    = "flux of reaction 2"
    W    = "wegscheider 1"
    A    = "affinity"
    L    = "conservation law 1"
    d    = "deficiency"

The find phrases are documented in docs/reactions.md.
"""

from __future__ import annotations

import sympy

from symflux.derivation import Derivation, Quantity
from symflux.errors import ProblemFileError
from symflux.problems.problem import Found, Problem, find_phrase, split_find
from symflux.problems.sbml import build_sbml

__all__ = ["FINDS", "build_reactions"]

FINDS = ("rate law constant", "rate law", "enzyme form", "haldane", "concentration",
         "flux of reaction", "wegscheider", "affinity", "conservation law", "deficiency")


def _cycle_quantity(net, cycle, what: str) -> Quantity:
    """What a cycle's ratio or affinity means, for numerics: its reactions' one-way
    fluxes with the cycle's coefficients γ, in the network's setting."""
    edges = {r.label: r.forward for r in net.checked.reactions}
    kind = "wegscheider_ratio" if what == "wegscheider" else "affinity"
    return Quantity(kind, (tuple((edges[label], g) for label, g in cycle.vector),
                           net.setting))


class _Network:
    """The network of one problem and each derivation its [find] phrases ask for, once."""

    def __init__(self, problem: Problem, where: str):
        from symflux.reactions.network import reaction_network

        model = dict(problem.model)
        lines = model.pop("reactions", None)
        if not lines:
            raise ProblemFileError(f"{where}: [model] of a reactions problem needs "
                                   "reactions = [\"E + S <-> ES\", ...]")
        unknown = sorted(set(model) - {"constant", "enzyme", "product", "total"})
        if unknown:
            raise ProblemFileError(f"{where}: [model] has unknown key(s) "
                                   f"{', '.join(unknown)}; known: reactions, constant, "
                                   "enzyme, product, total")
        self.N = reaction_network(lines, constant=model.get("constant", ()))
        self.model, self.where, self._parts = model, where, {}

    @property
    def checked(self):
        """The checked ReactionNetwork, built once."""
        from symflux.reactions.network import network_model

        return self.part("checked", lambda: network_model(self.N))

    @property
    def setting(self) -> tuple:
        """The network's setting (its constant species), a Quantity's last argument."""
        from symflux.reactions.steady_state import setting

        return setting(self.checked, [])

    def part(self, key: str, build):
        if key not in self._parts:
            self._parts[key] = build()
        return self._parts[key]

    def law(self) -> Derivation:
        from symflux.reactions.rate_laws import rate_law

        return self.part("law", lambda: rate_law(
            self.N, enzyme=self.model.get("enzyme", "E"), product=self.model.get("product"),
            total=self.model.get("total")))

    def stationary(self) -> Derivation:
        from symflux.reactions.steady_state import steady_state

        return self.part("ss", lambda: steady_state(self.N))


def _taken(net: _Network, what: str, args: str):
    """(derivation, result name) for the phrases that name a derived result, else None."""
    suffix = f"_{args}" if args else ""
    if what == "affinity" and "enzyme" in net.model:
        return net.law(), "A" + suffix
    return {"rate law": lambda: (net.law(), "v"),
            "rate law constant": lambda: (net.law(), args),
            "enzyme form": lambda: (net.law(), f"c_{args}"),
            "haldane": lambda: (net.law(), "K_eq" + suffix),
            "concentration": lambda: (net.stationary(), f"c_{args}"),
            "flux of reaction": lambda: (net.stationary(), f"J_{args}"),
            }.get(what, lambda: None)()


def _built(net: _Network, name: str, spec: str, what: str, args: str):
    """(result, Quantity or None) for the phrases about the network's structure."""
    from symflux.reactions.stoichiometry import conservation_laws, deficiency
    from symflux.reactions.wegscheider import reaction_cycles

    where = f"{net.where}: [find] {name}"

    def index(items: list, kind: str) -> int:
        if not args:
            if len(items) == 1:
                return 0
            raise ProblemFileError(f"{where}: the network has {len(items)} {kind}; name one "
                                   f"by number, e.g. '{spec} 1'")
        if not args.isdigit() or not 1 <= int(args) <= len(items):
            raise ProblemFileError(f"{where}: {kind} are numbered 1..{len(items)}, "
                                   f"not {args!r}")
        return int(args) - 1

    if what in ("wegscheider", "affinity"):
        cycles = net.part("cycles", lambda: reaction_cycles(net.checked))
        c = cycles[index(cycles, "cycles")]
        return (c.ratio if what == "wegscheider" else c.affinity,
                _cycle_quantity(net, c, what))
    if what == "conservation law":
        law = net.part("laws", lambda: conservation_laws(net.checked))
        law = law[index(law, "conservation laws")]
        return law.equation.lhs, Quantity("conserved_sum", (
            tuple(law.coefficients.items()), net.setting))
    if what == "deficiency":
        return sympy.Integer(deficiency(net.checked)), Quantity("deficiency", ())
    raise ProblemFileError(
        f"{where} = {spec!r} is not understood; for reaction networks write 'rate law', "
        "'rate law constant K_S', 'enzyme form ES', 'haldane', 'affinity', 'concentration X', "
        "'flux of reaction 2', 'wegscheider 1', 'conservation law 1' or 'deficiency'")


def build_reactions(problem: Problem) -> Derivation:
    """The Derivation a reaction-network (or SBML) problem file asks for, with its
    ``[find]`` results under the problem's names."""
    if isinstance(problem.model, dict) and "sbml" in problem.model:
        return build_sbml(problem)
    where = str(problem.path or problem.title)
    net = _Network(problem, where)
    found = Found()
    for name, spec in problem.find.items():
        what, args = split_find(spec, FINDS)
        with find_phrase(where, name, spec):
            taken = _taken(net, what, args)
            if taken is None:
                result, quantity = _built(net, name, spec, what, args)
                found.put(name, result, quantity=quantity)
            else:
                found.take(*taken, name)
    return Derivation(
        title=problem.title, kind="reactions", model=net.N, results=found.results,
        steps=tuple(found.steps), symbols=found.symbols,
        assumptions=("mass action", "every rate constant positive"),
        quantities=found.quantities, compact=found.compact)

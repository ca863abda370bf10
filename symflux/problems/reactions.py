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
from symflux.errors import ProblemFileError, SymfluxError
from symflux.problems.problem import Problem, split_find
from symflux.problems.sbml import build_sbml

__all__ = ["FINDS", "build_reactions"]

FINDS = ("rate law constant", "rate law", "enzyme form", "haldane", "concentration",
         "flux of reaction", "wegscheider", "affinity", "conservation law", "deficiency")


def _cycle_quantity(N, cycle, what: str) -> Quantity:
    """What a cycle's ratio or affinity means, for numerics: its reactions' one-way
    fluxes with the cycle's coefficients γ, in the network's setting."""
    from symflux.reactions.network import network_model
    from symflux.reactions.steady_state import setting

    m = network_model(N)
    edges = {r.label: r.forward for r in m.reactions}
    kind = "wegscheider_ratio" if what == "wegscheider" else "affinity"
    return Quantity(kind, (tuple((edges[label], g) for label, g in cycle.vector),
                           setting(m, [])))


def build_reactions(problem: Problem) -> Derivation:
    from symflux.reactions.network import reaction_network
    from symflux.reactions.rate_laws import rate_law
    from symflux.reactions.steady_state import steady_state
    from symflux.reactions.stoichiometry import conservation_laws, deficiency
    from symflux.reactions.wegscheider import reaction_cycles

    if isinstance(problem.model, dict) and "sbml" in problem.model:
        return build_sbml(problem)
    where = str(problem.path or problem.title)
    model = dict(problem.model)
    lines = model.pop("reactions", None)
    if not lines:
        raise ProblemFileError(f"{where}: [model] of a reactions problem needs "
                               "reactions = [\"E + S <-> ES\", ...]")
    unknown = sorted(set(model) - {"constant", "enzyme", "product", "total"})
    if unknown:
        raise ProblemFileError(f"{where}: [model] has unknown key(s) {', '.join(unknown)}; "
                               "known: reactions, constant, enzyme, product, total")
    N = reaction_network(lines, constant=model.get("constant", ()))
    cache: dict = {}

    def part(key, build):
        if key not in cache:
            cache[key] = build()
        return cache[key]

    def law():
        return part("law", lambda: rate_law(N, enzyme=model.get("enzyme", "E"),
                                            product=model.get("product"),
                                            total=model.get("total")))

    def stationary():
        return part("ss", lambda: steady_state(N))

    results, quantities, compact, steps, symbols = {}, {}, {}, [], {}

    def take(source: Derivation, old: str, name: str):
        results[name] = source[old]
        if old in source.quantities:
            quantities[name] = source.quantities[old]
        if old in source.compact:
            compact[name] = source.compact[old]
        steps.extend(s for s in source.steps if s not in steps)
        symbols.update(source.symbols)

    def index(args: str, items: list, what: str) -> int:
        if not args:
            if len(items) == 1:
                return 0
            raise ProblemFileError(f"{where}: [find] {name}: the network has {len(items)} "
                                   f"{what}; name one by number, e.g. '{spec} 1'")
        if not args.isdigit() or not 1 <= int(args) <= len(items):
            raise ProblemFileError(f"{where}: [find] {name}: {what} are numbered 1.."
                                   f"{len(items)}, not {args!r}")
        return int(args) - 1

    for name, spec in problem.find.items():
        what, args = split_find(spec, FINDS)
        try:
            if what == "rate law":
                take(law(), "v", name)
            elif what == "rate law constant":
                take(law(), args, name)
            elif what == "enzyme form":
                take(law(), f"c_{args}", name)
            elif what == "haldane":
                take(law(), "K_eq" + (f"_{args}" if args else ""), name)
            elif what == "concentration":
                take(stationary(), f"c_{args}", name)
            elif what == "flux of reaction":
                take(stationary(), f"J_{args}", name)
            elif what == "affinity" and "enzyme" in problem.model:
                take(law(), "A" + (f"_{args}" if args else ""), name)
            elif what in ("wegscheider", "affinity"):
                cycles = part("cycles", lambda: reaction_cycles(N))
                c = cycles[index(args, cycles, "cycles")]
                results[name] = c.ratio if what == "wegscheider" else c.affinity
                quantities[name] = _cycle_quantity(N, c, what)
            elif what == "conservation law":
                laws = part("laws", lambda: conservation_laws(N))
                results[name] = laws[index(args, laws, "conservation laws")].equation.lhs
            elif what == "deficiency":
                results[name] = sympy.Integer(deficiency(N))
            else:
                raise ProblemFileError(
                    f"{where}: [find] {name} = {spec!r} is not understood; for reaction "
                    "networks write 'rate law', 'rate law constant K_S', 'enzyme form ES', "
                    "'haldane', 'affinity', 'concentration X', 'flux of reaction 2', "
                    "'wegscheider 1', 'conservation law 1' or 'deficiency'")
        except KeyError as err:
            raise ProblemFileError(f"{where}: [find] {name} = {spec!r}: {err.args[0]}") from None
        except ProblemFileError:
            raise
        except SymfluxError as err:
            raise type(err)(f"{where}: [find] {name}: {err}") from None
    return Derivation(
        title=problem.title, kind="reactions", model=N, results=results, steps=tuple(steps),
        symbols=symbols, assumptions=("mass action", "every rate constant positive"),
        quantities=quantities, compact=compact)


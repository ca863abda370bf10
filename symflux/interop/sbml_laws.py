"""Recognising a mass-action law in an SBML reaction, from its SymPy form.

After expansion the law must be one monomial ``k Π [X]^ν`` over the reactants
(irreversible), or such a monomial minus one over the products (reversible); terms with
the same species monomial are summed first (``k*a*S + k*b*S`` is ``k (a + b) S``), and
species in both monomials beyond the stoichiometry (catalysts) join both complexes.
Everything else raises :class:`~symflux.errors.ModelError` naming the reaction and law.
"""

from __future__ import annotations

from collections import Counter

import sympy

from symflux.errors import ModelError

__all__ = ["SUPPORTED", "complex_node", "mass_action"]

SUPPORTED = ("supported are mass-action laws: a rate constant (global or local parameter, "
             "optionally times compartment volumes) times species powers equal to the "
             "stoichiometry, e.g. 'k1*S' or 'cell*(kf*A*B - kr*C)'")


def complex_node(G, comp: Counter) -> str:
    """Add the complex ``comp`` (species → stoichiometry) to ``G`` as a node; its label."""
    from symflux.reactions.network import complex_label

    comp = {s: int(n) for s, n in comp.items() if n}
    label = complex_label(comp)
    G.add_node(label, species=comp)
    return label


def _stoichiometry(r, species, where: str) -> tuple[Counter, Counter]:
    sides = []
    for refs in (r.getListOfReactants(), r.getListOfProducts()):
        side: Counter = Counter()
        for ref in refs:
            n = ref.getStoichiometry()
            if ref.getStoichiometryMath() if hasattr(ref, "getStoichiometryMath") else None:
                raise ModelError(f"reaction {r.getId()!r}: stoichiometry math is not supported",
                                 element=r.getId())
            if n != int(n) or n <= 0:
                raise ModelError(f"reaction {r.getId()!r}: stoichiometry {n} of "
                                 f"{ref.getSpecies()!r} is not a positive integer; mass-action "
                                 "networks need integer stoichiometry", element=r.getId())
            side[species[ref.getSpecies()][0]] += int(n)
        sides.append(side)
    return sides[0], sides[1]


def _monomials(expr: sympy.Expr, species_symbols: set, rid: str, law: str) -> dict:
    """Species monomial (as a Counter key) → coefficient, from the expanded law."""
    groups: dict = {}
    for term in sympy.Add.make_args(sympy.expand(expr)):
        powers: Counter = Counter()
        coefficient = []
        for factor in sympy.Mul.make_args(term):
            base, exponent = factor.as_base_exp()
            if base in species_symbols and exponent.is_Integer and exponent > 0:
                powers[base.name] += int(exponent)
            elif factor.free_symbols & species_symbols:
                raise ModelError(
                    f"reaction {rid!r}: kinetic law {law} is not mass action: the factor "
                    f"{factor} is not a positive integer power of a species (a "
                    "Michaelis–Menten, Hill or inhibition law is a rational function of "
                    f"the concentrations; write its elementary steps instead); {SUPPORTED}",
                    element=rid)
            else:
                coefficient.append(factor)
        key = frozenset(powers.items())
        groups[key] = groups.get(key, 0) + sympy.Mul(*coefficient)
    return {k: sympy.factor(c) for k, c in groups.items() if c != 0}


def mass_action(r, expr, species, law: str):
    """(source complex, target complex, forward rate, backward rate or None)."""
    rid = r.getId()
    reactants, products = _stoichiometry(r, species, rid)
    from symflux.parsing import symbol

    symbols = {symbol(name) for name, _, _ in species.values()}
    groups = _monomials(expr, symbols, rid, law)
    positive = [(Counter(dict(k)), c) for k, c in groups.items() if c.is_positive]
    negative = [(Counter(dict(k)), -c) for k, c in groups.items() if (-c).is_positive]
    if len(positive) + len(negative) != len(groups) or len(positive) != 1 or len(negative) > 1:
        raise ModelError(
            f"reaction {rid!r}: kinetic law {law} is not mass action: it must be one positive "
            "monomial (irreversible) or a positive minus a positive monomial (reversible); "
            f"after expansion it has {len(groups)} term(s) "
            + ", ".join(f"{c}·{'·'.join(f'{s}^{n}' for s, n in dict(k).items()) or '1'}"
                        for k, c in groups.items()) + f"; {SUPPORTED}", element=rid)
    (fwd, kf), = positive
    catalyst = fwd - reactants
    if fwd != reactants + catalyst or any(n < 0 for n in (fwd - reactants).values()) \
            or not all(fwd[s] >= n for s, n in reactants.items()):
        raise ModelError(
            f"reaction {rid!r}: kinetic law {law} has species powers "
            f"{dict(fwd) or '{}'} in its forward term, which do not match the reactants "
            f"{dict(reactants) or '{}'} (mass action: each reactant to the power of its "
            f"stoichiometry); {SUPPORTED}", element=rid)
    kb = None
    if negative:
        (bwd, kb), = negative
        if bwd != products + catalyst:
            raise ModelError(
                f"reaction {rid!r}: the backward term of {law} has species powers "
                f"{dict(bwd) or '{}'}; mass action needs the products "
                f"{dict(products + catalyst) or '{}'}; {SUPPORTED}", element=rid)
    src, dst = reactants + catalyst, products + catalyst
    if src == dst:
        raise ModelError(f"reaction {rid!r} changes no species", element=rid)
    return src, dst, kf, kb

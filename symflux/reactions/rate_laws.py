"""Steady-state rate laws of enzyme mechanisms by the King–Altman method.

The mechanism, a reaction network in which every reaction carries exactly one enzyme
form on each side, is reduced to a kinetic scheme over the enzyme forms: the
ligands (substrates, products, inhibitors) are held constant, so each reaction
becomes a pseudo-first-order transition with rate ``k · [ligands]`` (King & Altman,
J. Phys. Chem. 60:1375, 1956). The kinetic engine (:mod:`symflux.kinetics`, the
matrix-tree theorem) gives the fraction of enzyme in each form; the velocity is
``E_T`` times the net flux into the product. The turnover cycles (emergent cycles of
the network with the ligands chemostatted) give the Haldane relation ``K_eq`` and
the affinity ``ln(K_eq Π substrates / Π products)``; cycles that convert no ligand
(two pathways between the same forms) give Wegscheider conditions.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import sympy

from symflux.derivation import Derivation, Quantity, Step, SymbolInfo
from symflux.errors import GraphError
from symflux.reactions.network import ReactionNetwork, network_model
from symflux.reactions.wegscheider import EMERGENT, reaction_cycles, wegscheider_manifold

__all__ = ["enzyme_forms", "enzyme_scheme", "rate_law"]


def _forms_on(m: ReactionNetwork, node, forms: set) -> list[str]:
    return [s for s in m.composition[node] if s in forms]


def enzyme_forms(N, enzyme: str = "E", *, forms=None) -> tuple[str, ...]:
    """The species that are forms of the enzyme: ``enzyme`` and every species reached from
    it by reactions that carry one enzyme form on each side.

    Raises
    ------
    GraphError
        if the enzyme does not occur, a reaction has no enzyme form on a side or more than
        one, or a form cannot be told from a ligand.

    Examples
    --------
    >>> from symflux import reaction_network
    >>> enzyme_forms(reaction_network(["E + S <-> ES", "ES <-> EP", "EP <-> E + P"]))
    ('E', 'ES', 'EP')
    """
    m = N if isinstance(N, ReactionNetwork) else network_model(N)
    if enzyme not in m.all_species:
        raise GraphError(f"the enzyme {enzyme!r} occurs in no reaction; species are "
                         f"{', '.join(m.all_species)}")
    # Named forms (``forms=``) settle what the reactions cannot: in a ping-pong
    # mechanism ``EA <-> F + P`` does not say whether F or P is the enzyme.
    named = forms is not None
    forms = [enzyme, *(f for f in (forms or ()) if f != enzyme)]
    unknown = [f for f in forms if f not in m.all_species]
    if unknown:
        raise GraphError(f"enzyme forms {', '.join(unknown)} occur in no reaction")
    changed = not named
    while changed:
        changed = False
        for r in m.reactions:
            for near, far in ((r.source, r.target), (r.target, r.source)):
                if _forms_on(m, near, set(forms)) and not _forms_on(m, far, set(forms)):
                    candidates = list(m.composition[far])
                    if len(candidates) > 1:  # F + P: the form is the one that reacts on
                        candidates = [c for c in candidates if sum(
                            c in m.composition[n] for n in m.composition) > 1]
                    if len(candidates) == 1:
                        forms.append(candidates[0])
                        changed = True
    for r in m.reactions:
        for node in (r.source, r.target):
            found = _forms_on(m, node, set(forms))
            if len(found) != 1 or m.composition[node][found[0]] != 1:
                raise GraphError(
                    f"reaction {r} (line {r.label}): complex {node!r} holds "
                    f"{len(found)} enzyme form(s) {found}; in an enzyme mechanism each side of "
                    f"every reaction holds exactly one enzyme form (known forms: "
                    f"{', '.join(forms)}). Name complexes so that the enzyme form is the only "
                    "species of a side or is shared with known ligands only")
    return tuple(forms)


def enzyme_scheme(N, enzyme: str = "E", rate: str = "rate", *, forms=None
                  ) -> tuple[nx.MultiDiGraph, tuple[str, ...]]:
    """The King–Altman kinetic scheme over the enzyme forms, and the ligands.

    Each reaction becomes the transition between its two enzyme forms, keyed by the
    reaction label, with the pseudo-first-order rate ``k · Π ligand^ν`` of its side.

    Examples
    --------
    >>> from symflux import reaction_network
    >>> K, ligands = enzyme_scheme(reaction_network(["E + S <-> ES", "ES <-> E + P"]))
    >>> for edge in sorted((u, v, k, d["rate"]) for u, v, k, d in K.edges(keys=True, data=True)):
    ...     print(edge)
    ('E', 'ES', '1', S*k_1)
    ('E', 'ES', '2', P*k_{-2})
    ('ES', 'E', '1', k_{-1})
    ('ES', 'E', '2', k_2)
    >>> ligands
    ('S', 'P')
    """
    m = network_model(N, rate)
    forms = enzyme_forms(m, enzyme, forms=forms)
    ligands = tuple(s for s in m.all_species if s not in forms)
    lig = network_model(m.graph, rate, constant=ligands)
    K = nx.MultiDiGraph()
    K.add_nodes_from(forms)
    order = []
    for r in lig.reactions:
        u = _forms_on(m, r.source, set(forms))[0]
        v = _forms_on(m, r.target, set(forms))[0]
        if u == v:
            raise GraphError(f"reaction {r} (line {r.label}) leaves the enzyme form {u} "
                             "unchanged; it is not a step of the enzyme mechanism")
        fwd, bwd = lig.pseudo_rates(r)
        K.add_edge(u, v, key=r.label, rate=fwd)
        if bwd is not None:
            K.add_edge(v, u, key=r.label, rate=bwd)
        order.append((u, v, r.label))
    K.graph["transition_order"] = order
    return K, ligands


def _affine_constants(num, den, ligands, ratio):
    """V and K of a rate law whose denominator is ``d0 + Σ d_L L + ...``, each with its
    quantity ``ratio(top, bottom)`` (terms ``(part, powers, sign)``, as in
    :mod:`symflux.numerics.rate_law_coefficients`)."""
    syms = [sympy.Symbol(s, positive=True) for s in ligands]
    dpoly = sympy.Poly(sympy.expand(den), *syms)
    npoly = sympy.Poly(sympy.expand(num), *syms)
    d0 = dpoly.coeff_monomial(1)
    out, quantities = {}, {}
    if d0 == 0:
        return out, quantities
    for L in syms:
        dL = dpoly.coeff_monomial(L)
        if dL != 0:
            name = f"K_{{{L.name}}}" if len(L.name) > 1 else f"K_{L.name}"
            out[name] = sympy.factor(d0 / dL)
            quantities[name] = ratio(("den", (), 1), ("den", ((L.name, 1),), 1))
    positive = [(mono, c) for mono, c in npoly.terms() if c.could_extract_minus_sign() is False]
    negative = [(mono, -c) for mono, c in npoly.terms() if c.could_extract_minus_sign()]
    for name, terms, sign in (("V_f", positive, 1), ("V_r", negative, -1)):
        if len(terms) == 1:
            mono = sympy.Mul(*(s ** e for s, e in zip(syms, terms[0][0], strict=True)))
            dm = dpoly.coeff_monomial(mono)
            if dm != 0:
                out[name] = sympy.factor(sympy.cancel(terms[0][1] / dm))
                powers = tuple((s.name, e) for s, e in zip(syms, terms[0][0], strict=True) if e)
                quantities[name] = ratio(("num", powers, sign), ("den", powers, 1))
    return out, quantities


def _product(turnover, ligands, product: str | None) -> str:
    """The ligand whose formation is ``v``: as named, or the first a turnover cycle forms."""
    if product is None:
        formed = [s for c in turnover for s, n in c.overall if n > 0]
        if not formed:
            raise GraphError("no ligand is formed by a turnover cycle; name the product with "
                             "product='P'")
        product = formed[0]
    if product not in ligands:
        raise GraphError(f"product {product!r} is not a ligand; ligands are {', '.join(ligands)}")
    return product


def _add_cycle_results(m, lig, turnover, setting, results, quantities, steps) -> None:
    """``K_eq``/``A`` per turnover cycle (Haldane) and ``W_i`` per pathway condition.

    A K_eq is defined only where the pathway conditions hold: its Quantity carries them,
    solved for some rate constants, so that validation samples it there."""
    pathway = [c for c in reaction_cycles(lig) if c.kind != EMERGENT]
    manifold = wegscheider_manifold([c.ratio for c in pathway])
    for i, c in enumerate(c for c in turnover if c.minus != 0):
        suffix = "" if len(turnover) == 1 else f"_{i + 1}"
        pure = sympy.Mul(*((r.forward_rate / r.backward_rate) ** g
                           for r in m.reactions for label, g in c.vector if label == r.label))
        results[f"K_eq{suffix}"] = pure
        quantities[f"K_eq{suffix}"] = Quantity(
            "equilibrium_constant",
            (c.overall, manifold, setting) if manifold else (c.overall, setting))
        results[f"A{suffix}"] = c.affinity
        edges = {r.label: r.forward for r in m.reactions}
        quantities[f"A{suffix}"] = Quantity(
            "affinity", (tuple((edges[label], g) for label, g in c.vector), setting))
        overall = " + ".join(f"{-n} {s}" if n != -1 else s for s, n in c.overall if n < 0)
        formed = " + ".join(f"{n} {s}" if n != 1 else s for s, n in c.overall if n > 0)
        steps.append(Step(
            f"Haldane relation of the turnover cycle {overall} → {formed}",
            sympy.Eq(sympy.Symbol(f"K_eq{suffix}"), pure, evaluate=False),
            "around the cycle the ligand-free rate constants multiply to the equilibrium "
            "constant; the cycle affinity is ln(K_eq Π substrates / Π products)"))
    for i, c in enumerate(pathway, start=1):
        results[f"W_{i}"] = c.ratio
        steps.append(Step("Wegscheider condition: two pathways between the same enzyme forms "
                          "must agree", c.condition, "a cycle that converts no ligand "
                          "has zero affinity at equilibrium"))


def _mechanism_symbols(m, ligands, E_T) -> dict:
    from symflux.parsing import symbol

    symbols = {E_T: SymbolInfo("total enzyme concentration", "M")}
    for r in m.reactions:
        for k in (r.forward_rate, r.backward_rate):
            if isinstance(k, sympy.Symbol):
                symbols[k] = SymbolInfo(f"rate constant of reaction {r.label} ({r})")
    for s in ligands:
        symbols[symbol(s)] = SymbolInfo(f"concentration of {s}, held constant", "M")
    return symbols


def rate_law(N: nx.MultiDiGraph, rate: str = "rate", *, enzyme: str = "E",
             product: str | None = None, total: str | None = None,
             forms: Iterable[str] | None = None, mechanism: str | None = None) -> Derivation:
    """The steady-state velocity of an enzyme mechanism, its Haldane relation and textbook
    constants, by the King–Altman method.

    With the ligands held constant the enzyme forms make a kinetic scheme; its
    matrix-tree steady state gives the net flux ``J_r`` per enzyme of each reaction, and
    ``v = E_T Σ_r ν_P,r J_r`` with ``ν_P,r`` the net stoichiometry of the product.

    Parameters
    ----------
    N : networkx.MultiDiGraph
        The mechanism as a reaction network (``reaction_network``).
    rate : str
        The edge attribute holding each rate constant.
    enzyme : str
        The free enzyme species; its forms are found from the reactions.
    product : str, optional
        The ligand whose rate of formation is ``v`` (default: the first ligand formed by
        the turnover cycle).
    total : str, optional
        Name of the total enzyme concentration (default ``<enzyme>_T``).
    forms : iterable of str, optional
        The enzyme forms, where the reactions cannot tell them from ligands (ping-pong).
    mechanism : {"ordered_bi_bi", "ping_pong", "bi_uni"}, optional
        Also give Cleland's constants of this mechanism (:mod:`symflux.reactions.cleland`).

    Returns
    -------
    Derivation
        ``v`` (rate of formation of the product), ``c_<form>`` for each enzyme form,
        ``K_eq`` and ``A`` per reversible turnover cycle (``K_eq_1``, ``A_1``, ... when
        there are several; the Haldane relation: the equilibrium constant from rate
        constants, and the affinity with the ligand concentrations), ``W_i`` (ratio
        Π+/Π− that must equal 1) per pathway condition, and, for one substrate and one
        product, where the denominator has the terms, ``V_f``, ``V_r`` and
        ``K_<ligand>`` (Michaelis or inhibition constants, the denominator's constant
        term over the ligand's). With ``mechanism`` also Cleland's ``V_f``, ``V_r``,
        ``K_{mA}``, ``K_{iA}``, ... with the Haldane relations as checked steps.

    Raises
    ------
    GraphError
        if the network is not an enzyme mechanism (see :func:`enzyme_forms`), a reaction
        leaves the enzyme form unchanged, no turnover cycle forms a ligand or
        ``product`` is not a ligand; with ``mechanism``, an unknown name, more than one
        turnover cycle, or a rate law not of that mechanism's form.
    NotUnique
        if the scheme of the enzyme forms is not strongly connected.
    ModelTooLarge
        if the directional diagrams are too many to enumerate.
    RateError, LimitError
        a missing or bad rate, or more complexes or reaction edges than the limits
        ``states`` or ``transitions`` allow.

    Notes
    -----
    The cost is the kinetic steady state of the enzyme forms: one term per directional
    diagram (n^(n-2) per form for n forms all linked), counted up front
    (:mod:`symflux.kinetics.size`), written nested past 1.5 million terms and refused
    past 6 million diagrams; then a cycle basis (:func:`reaction_cycles`, exact rational
    null spaces) and, for the textbook constants, the coefficients of the rate law's
    numerator and denominator. King & Altman, *J. Phys. Chem.* 60:1375 (1956);
    Cleland, *Biochim. Biophys. Acta* 67:104 (1963).

    Examples
    --------
    >>> from symflux import reaction_network
    >>> d = rate_law(reaction_network(["E + S <-> ES", "ES <-> E + P"]))
    >>> d["v"]
    E_T*(-P*k_{-1}*k_{-2} + S*k_1*k_2)/(P*k_{-2} + S*k_1 + k_2 + k_{-1})
    >>> d["K_eq"], d["V_f"], d["K_S"]
    (k_1*k_2/(k_{-1}*k_{-2}), E_T*k_2, (k_2 + k_{-1})/k_1)
    """
    from symflux.kinetics.graph import kinetic_model
    from symflux.kinetics.stationary import flux_name, steady_state
    from symflux.parsing import symbol

    m = network_model(N, rate)
    K, ligands = enzyme_scheme(m, enzyme, rate, forms=forms)
    forms = tuple(K.nodes)
    lig = network_model(m.graph, rate, constant=ligands)
    E_T = symbol(total or f"{enzyme}_T")
    setting = (ligands, ((E_T.name, tuple((f, 1) for f in forms)),))
    ss = steady_state(K)
    km = kinetic_model(K)
    flux = {t.key: ss[flux_name(km, t)] for t in km.transitions}
    flux_c = {t.key: ss.compact[flux_name(km, t)] for t in km.transitions}
    turnover = [c for c in reaction_cycles(lig) if c.kind == EMERGENT]
    product = _product(turnover, ligands, product)
    nu = {r.label: lig.net_stoichiometry(r).get(product, 0) for r in lig.reactions}
    v = E_T * sympy.Add(*(n * flux[label] for label, n in nu.items() if n))
    v = sympy.factor_terms(sympy.together(v))
    results = {"v": v}
    compact = {"v": E_T * sympy.Add(*(n * flux_c[label] for label, n in nu.items() if n))}
    quantities = {"v": Quantity("production_rate", (product, setting))}
    steps = [
        Step(f"Enzyme forms {', '.join(forms)}; ligands {', '.join(ligands)} held constant",
             sympy.Eq(sympy.Add(*(symbol(f) for f in forms)), E_T, evaluate=False),
             "every reaction carries one enzyme form on each side, so their total is conserved"),
        Step("King–Altman scheme: each reaction becomes a pseudo-first-order transition "
             "between enzyme forms with rate k·[ligands]", None,
             "; ".join(f"{u} → {v} ({k}): {d['rate']}"
                       for u, v, k, d in K.edges(keys=True, data=True))),
        *ss.steps,
        Step(f"Velocity: rate of formation of {product}",
             sympy.Eq(sympy.Symbol("v"), v, evaluate=False),
             f"v = E_T Σ_r ν_{product},r J_r with J_r the net flux per enzyme of reaction r"),
    ]
    for f in forms:
        results[f"c_{f}"] = E_T * ss[f"p_{f}"]
        compact[f"c_{f}"] = E_T * ss.compact[f"p_{f}"]
        quantities[f"c_{f}"] = Quantity("concentration", (f, setting))
    _add_cycle_results(m, lig, turnover, setting, results, quantities, steps)
    constants, meaning = _textbook_constants(turnover, v, ligands, product, setting)
    results.update(constants)
    quantities.update(meaning)
    d = Derivation(
        title=f"Rate law of the mechanism by King–Altman ({', '.join(map(str, m.reactions))})",
        kind="reactions", model=m.graph, results=results, steps=tuple(steps),
        symbols=_mechanism_symbols(m, ligands, E_T),
        assumptions=("mass action", "ligand concentrations constant (enzyme in small amounts)",
                     "enzyme forms at steady state", "every rate constant positive"),
        quantities=quantities, compact=compact)
    return d if mechanism is None else _with_cleland(d, mechanism, m, ligands, turnover)


def _textbook_constants(turnover, v, ligands, product, setting) -> tuple[dict, dict]:
    """``V_f``, ``V_r`` and ``K_<ligand>`` with their Quantities, for one substrate and
    one product (with any inhibitors); none for multi-substrate mechanisms, which stay in
    rate-constant form."""
    if len(turnover) != 1 or sorted(n for _, n in turnover[0].overall) != [-1, 1]:
        return {}, {}
    num, den = sympy.fraction(sympy.together(v))
    return _affine_constants(
        num, den, ligands,
        lambda top, bottom: Quantity("rate_law_ratio", (product, top, bottom, setting)))


def _with_cleland(d: Derivation, mechanism: str, m, ligands, turnover) -> Derivation:
    """``d`` with Cleland's constants of the named ``mechanism`` added."""
    from symflux.reactions.cleland import cleland_constants

    if len(turnover) != 1:
        raise GraphError(f"Cleland's constants need one turnover cycle; this mechanism has "
                         f"{len(turnover)}")
    return cleland_constants(d, mechanism, m, ligands, turnover[0].overall)

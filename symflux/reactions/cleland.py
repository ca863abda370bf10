"""Cleland's kinetic constants of two-substrate mechanisms, read off the King–Altman law.

Cleland (Biochim. Biophys. Acta 67:104, 1963) writes a steady-state rate law in
coefficient form ``v = (n_S Π substrates − n_P Π products) / Σ c_m m`` and defines the
kinetic constants as ratios of coefficients: the maximal velocities ``V_f = n_S/c_AB``
and ``V_r = n_P/c_PQ``, the Michaelis constants (``K_mA = c_B/c_AB``: the coefficient
without A over the one with it, the other substrate saturating) and the inhibition
constants (``K_iA = c_1/c_A``, ...). In these constants the law takes the forms printed
by Cleland and by Segel (Enzyme Kinetics, 1975, ch. 9), and the equilibrium constant
obeys the Haldane relations; both are checked on the derived law.

The ligands take their roles from the order of the reactions: the first substrate to
bind is A, the second B; the first product released is P, the last Q.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import sympy

from symflux.derivation import Derivation, Quantity, Step
from symflux.errors import GraphError
from symflux.kinetics.rate_control import identity_check

__all__ = ["MECHANISMS", "Mechanism", "cleland_constants"]


@dataclass(frozen=True)
class Mechanism:
    """Cleland's constants of one mechanism: ratios of rate-law coefficients by role.

    ``constants`` maps a constant (``"K_mA"``) to ``(numerator, denominator)`` monomials
    of the roles (``"nS"``/``"nP"`` are the numerator's coefficients, ``"1"`` the constant
    term); ``form`` is the published rate law in the constants; ``haldane`` the
    published Haldane relations (each equal to K_eq).
    """

    title: str
    roles: tuple[str, ...]
    constants: dict
    form: object
    haldane: tuple


def _ordered_bi_bi(K, A, B, P, Q):
    Vf, Vr, Keq = K["V_f"], K["V_r"], K["K_eq"]
    den = (Vr * K["K_iA"] * K["K_mB"] + Vr * K["K_mB"] * A + Vr * K["K_mA"] * B + Vr * A * B
           + Vf * K["K_mQ"] * P / Keq + Vf * K["K_mP"] * Q / Keq + Vf * P * Q / Keq
           + Vf * K["K_mQ"] * A * P / (K["K_iA"] * Keq) + Vr * K["K_mA"] * B * Q / K["K_iQ"]
           + Vr * A * B * P / K["K_iP"] + Vf * B * P * Q / (K["K_iB"] * Keq))
    return Vf * Vr * (A * B - P * Q / Keq) / den


def _ping_pong(K, A, B, P, Q):
    Vf, Vr, Keq = K["V_f"], K["V_r"], K["K_eq"]
    den = (Vr * K["K_mB"] * A + Vr * K["K_mA"] * B + Vr * A * B + Vf * K["K_mQ"] * P / Keq
           + Vf * K["K_mP"] * Q / Keq + Vf * P * Q / Keq
           + Vf * K["K_mQ"] * A * P / (K["K_iA"] * Keq) + Vr * K["K_mA"] * B * Q / K["K_iQ"])
    return Vf * Vr * (A * B - P * Q / Keq) / den


def _bi_uni(K, A, B, P):
    Vf, Vr, Keq = K["V_f"], K["V_r"], K["K_eq"]
    den = (Vr * K["K_iA"] * K["K_mB"] + Vr * K["K_mB"] * A + Vr * K["K_mA"] * B + Vr * A * B
           + Vf * P / Keq + Vf * B * P / (K["K_iB"] * Keq))
    return Vf * Vr * (A * B - P / Keq) / den


MECHANISMS = MappingProxyType({
    "ordered_bi_bi": Mechanism(
        "ordered Bi Bi", ("A", "B", "P", "Q"),
        {"V_f": ("nS", "AB"), "V_r": ("nP", "PQ"), "K_mA": ("B", "AB"), "K_mB": ("A", "AB"),
         "K_mP": ("Q", "PQ"), "K_mQ": ("P", "PQ"), "K_iA": ("1", "A"), "K_iB": ("PQ", "BPQ"),
         "K_iP": ("AB", "ABP"), "K_iQ": ("B", "BQ")},
        _ordered_bi_bi,
        (lambda K: K["V_f"] * K["K_mP"] * K["K_iQ"] / (K["V_r"] * K["K_iA"] * K["K_mB"]),)),
    "ping_pong": Mechanism(
        "ping-pong Bi Bi", ("A", "B", "P", "Q"),
        {"V_f": ("nS", "AB"), "V_r": ("nP", "PQ"), "K_mA": ("B", "AB"), "K_mB": ("A", "AB"),
         "K_mP": ("Q", "PQ"), "K_mQ": ("P", "PQ"), "K_iA": ("P", "AP"), "K_iQ": ("B", "BQ")},
        _ping_pong,
        (lambda K: (K["V_f"] / K["V_r"]) ** 2 * K["K_mP"] * K["K_mQ"]
         / (K["K_mA"] * K["K_mB"]),)),
    "bi_uni": Mechanism(
        "ordered Bi Uni", ("A", "B", "P"),
        {"V_f": ("nS", "AB"), "V_r": ("nP", "P"), "K_mA": ("B", "AB"), "K_mB": ("A", "AB"),
         "K_mP": ("1", "P"), "K_iA": ("1", "A"), "K_iB": ("P", "BP")},
        _bi_uni,
        (lambda K: K["V_f"] * K["K_mP"] / (K["V_r"] * K["K_iA"] * K["K_mB"]),)),
})


def _roles(m, ligands, overall, roles):
    substrates = [s for s, n in overall if n < 0]
    products = [s for s, n in overall if n > 0]
    order = []
    for r in m.reactions:
        for node in (r.source, r.target):
            order.extend(s for s in m.composition[node] if s in ligands and s not in order)
    substrates.sort(key=order.index)
    products.sort(key=order.index)
    want = [x for x in roles if x in "AB"], [x for x in roles if x in "PQ"]
    if len(substrates) != len(want[0]) or len(products) != len(want[1]):
        raise GraphError(f"the mechanism turns {' + '.join(substrates)} into "
                         f"{' + '.join(products)}; this table needs {len(want[0])} substrate(s)"
                         f" and {len(want[1])} product(s)")
    return dict(zip(roles, [*substrates, *products], strict=True))


def _term(key: str, roles, role: dict) -> tuple:
    """A coefficient key as the numerical route reads it: ``(part, powers, sign)`` (see
    :mod:`symflux.numerics.rate_law_coefficients`)."""
    if key in ("nS", "nP"):
        chosen = [x for x in roles if (x in "AB") == (key == "nS")]
        return "num", tuple((role[x], 1) for x in chosen), 1 if key == "nS" else -1
    return "den", tuple((role[x], 1) for x in key if x != "1"), 1


def cleland_constants(d: Derivation, mechanism: str, m, ligands, turnover) -> Derivation:
    """Cleland's constants of a rate law derived by :func:`symflux.rate_law`.

    Called by ``rate_law(..., mechanism=...)``; ``m`` is the checked network, ``ligands``
    the ligand names and ``turnover`` the overall reaction ``((species, ν), ...)``.

    Raises
    ------
    GraphError
        an unknown mechanism name, ligands that do not fit it, or a rate law without the
        terms the mechanism's constants need (the mechanism is not the one named).
    """
    from symflux.parsing import symbol

    if mechanism not in MECHANISMS:
        raise GraphError(f"unknown mechanism {mechanism!r}; known: {', '.join(MECHANISMS)}")
    spec = MECHANISMS[mechanism]
    role = _roles(m, ligands, turnover, spec.roles)
    syms = {x: symbol(name) for x, name in role.items()}
    others = [symbol(s) for s in ligands if s not in role.values()]
    if others:
        raise GraphError(f"ligands {', '.join(map(str, others))} are neither substrate nor "
                         f"product; Cleland's {spec.title} table has no inhibitors")
    num, den = sympy.fraction(sympy.together(d["v"]))
    gens = [syms[x] for x in spec.roles]
    npoly, dpoly = sympy.Poly(sympy.expand(num), *gens), sympy.Poly(sympy.expand(den), *gens)

    def coefficient(key):
        if key in ("nS", "nP"):
            mono = sympy.Mul(*(syms[x] for x in spec.roles if (x in "AB") == (key == "nS")))
            c = npoly.coeff_monomial(mono)
            return c if key == "nS" else -c
        return dpoly.coeff_monomial(sympy.Mul(*(syms[x] for x in key if x != "1")))

    product, setting = d.quantities["v"].args

    K, results, quantities = {}, {}, {}
    for name, (top, bottom) in spec.constants.items():
        a, b = coefficient(top), coefficient(bottom)
        if a == 0 or b == 0:
            raise GraphError(f"the rate law has no {top if a == 0 else bottom} term, which "
                             f"{name} of the {spec.title} mechanism needs: the mechanism is "
                             f"not {spec.title}")
        label = name if name in ("V_f", "V_r") else f"K_{{{name[2:3]}{role[name[3]]}}}"
        results[label] = sympy.factor(sympy.cancel(a / b))
        quantities[label] = Quantity("rate_law_ratio", (
            product, _term(top, spec.roles, role), _term(bottom, spec.roles, role), setting))
        K[name] = symbol(label)
    K["K_eq"] = symbol("K_eq")
    values = {K[n]: results[n if n in ("V_f", "V_r") else f"K_{{{n[2:3]}{role[n[3]]}}}"]
              for n in spec.constants}
    values[K["K_eq"]] = d["K_eq"]
    form = spec.form(K, *gens)
    how = identity_check(form.xreplace(values) - d["v"])
    if how is None:
        raise GraphError(f"the derived rate law is not Cleland's {spec.title} form: the "
                         "mechanism is not the one named")
    steps = [Step(f"Cleland's kinetic constants of the {spec.title} mechanism "
                  f"({', '.join(f'{x} = {n}' for x, n in role.items())})", None,
                  "ratios of the rate law's coefficients (Cleland 1963)"),
             Step(f"The rate law in Cleland's constants (checked {how})",
                  sympy.Eq(sympy.Symbol("v"), form, evaluate=False),
                  f"Segel, Enzyme Kinetics (1975), ch. 9, {spec.title}")]
    steps.extend(_haldane_steps(spec, K, values, d["K_eq"]))
    from dataclasses import replace

    return replace(d, results={**d.results, **results}, steps=(*d.steps, *steps),
                   quantities={**d.quantities, **quantities})


def _haldane_steps(spec, K: dict, values: dict, K_eq: sympy.Expr) -> list[Step]:
    """One checked step per Haldane relation of ``spec``; a relation that fails for the
    derived rate law is a GraphError."""
    steps = []
    for relation in spec.haldane:
        rhs = relation(K)
        how = identity_check(rhs.xreplace(values) - K_eq)
        if how is None:
            raise GraphError(f"Haldane relation K_eq = {rhs} fails for this mechanism")
        steps.append(Step(f"Haldane relation (checked {how})",
                          sympy.Eq(K["K_eq"], rhs, evaluate=False),
                          "at equilibrium v = 0 ties K_eq to the kinetic constants"))
    return steps

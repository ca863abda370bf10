"""Contracts: every kind is computed by a route, numerics import nothing symbolic, bad input."""

import ast
import pathlib

import pytest

import symflux as sf
from symflux.derivation import QUANTITY_KINDS
from symflux.numerics import kinetic_quantities, reaction_quantities

NUMERICS = pathlib.Path(sf.__file__).parent / "numerics"
FORBIDDEN = ("symflux.kinetics", "symflux.reactions", "symflux.transport",
             "symflux.derivation", "symflux.kernels")


def test_numerics_import_nothing_symbolic():
    for path in NUMERICS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            bad = [n for n in names if n.startswith(FORBIDDEN)]
            assert not bad, f"{path.name} imports {bad}"


def _emitted() -> set:
    kinds = set()
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    for d in (sf.steady_state(G), sf.cycle_fluxes(G), sf.entropy_production(G)):
        kinds |= {q.kind for q in d.quantities.values()}
    N = sf.reaction_network(["E + S <-> ES", "ES <-> E + P"], constant=["S", "P"])
    for d in (sf.steady_state(N), sf.rate_law(N, enzyme="E")):
        kinds |= {q.kind for q in d.quantities.values()}
    chain = sf.reaction_network(["0 -> S : k_0", "S <-> P", "P -> 0 : k_out"])
    control = sf.control_coefficients(sf.steady_state(chain), parameters=["k_0"])
    kinds |= {q.kind for q in control.quantities.values()}
    kinds |= {q.kind for q in sf.degree_of_rate_control(sf.steady_state(G)).quantities.values()}
    for name in ("slab", "film", "microdisk"):
        kinds |= {q.kind for q in sf.element(name).quantities.values()}
    return kinds


def test_every_kind_an_analysis_emits_is_computed_by_a_route():
    from symflux.numerics import perturbation, rate_law_coefficients
    from symflux.numerics.resistor_network import evaluate_network  # noqa: F401

    computed = set(kinetic_quantities.QUANTITIES) | set(reaction_quantities.QUANTITIES) | set(
        perturbation.KINDS) | set(rate_law_coefficients.KINDS) | {
        "resistance", "effective_resistance", "potential", "edge_flux", "terminal_flux",
        "path_flux", "profile", "position", "path_resistance", "times", "limit"}
    assert _emitted() <= computed
    assert computed <= set(QUANTITY_KINDS)


@pytest.mark.parametrize("options, match", [
    ({"points": 0}, "points must be from 1"),
    ({"points": 10**7}, "points must be from 1"),
    ({"points": 2.5}, "points must be an integer"),
    ({"low": -1.0}, "low must be a finite positive"),
    ({"low": 10.0, "high": 1.0}, "low must be smaller than high"),
    ({"high": "big"}, "high must be a finite positive"),
    ({"values": {"k_99": 1.0}}, "unknown parameter"),
    ({"values": {"k_12": "one"}}, "finite real number"),
    ({"values": {"k_12": -1.0}}, "declared positive"),
    ({"tolerance": {"linear": -1}}, "tolerance"),
    ({"routes": ["sparkle"]}, "route 'sparkle'"),
])
def test_bad_arguments_are_refused(options, match):
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
    with pytest.raises(sf.ValidationError, match=match):
        d.validate(**options)


def test_real_symbol_value_is_used_not_ignored():
    import sympy

    u = sympy.Symbol("u", real=True)
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
    d = sf.Derivation("with u", "kinetic", d.model, results={**d.results, "y": u},
                      quantities=d.quantities)
    report = d.validate(points=2, values={"u": -3.0})
    assert report.first_point[u] == -3.0


def test_conditions_recorded_by_the_derivation_are_honoured():
    N = sf.reaction_network(["0 -> S", "S + E <-> ES", "ES <-> E + P", "P -> 0"])
    report = sf.steady_state(N).validate(points=5)
    assert report.status == "passed"
    assert report.rejected > 0  # draws with v_in ≥ k_2 E_T have no steady state


@pytest.mark.parametrize("route_options, match", [
    ({"linear": {"bogus": 1}}, r"\['bogus'\] not read by the linear route .*no options"),
    ({"ode": {"budget": 5.0, "tolerance": 1}}, r"\['tolerance'\] not read by the ode route "
                                               r".*budget, seed, decades"),
])
def test_an_option_no_route_reads_is_refused(route_options, match):
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
    with pytest.raises(sf.ValidationError, match=match):
        d.validate(points=2, route_options=route_options)
    assert d.validate(points=2, route_options={"ode": {"budget": 5.0}}).passed

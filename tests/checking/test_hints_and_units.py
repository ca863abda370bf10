"""Hints that fit the problem, names a model kind always defines, dimensions in named units."""

from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import symflux as sf
from symflux.checking.definitions import defined_names
from symflux.checking.dimension import Dim, spell
from symflux.checking.units import parse_unit, unit_names
from symflux.problems import derive_problem, load_problem, run_problem

BANK = Path(__file__).resolve().parents[2] / "derivations"
CYCLE = r'''
title = "Three-state cycle, Sigma not asked for"
source = "test"
kind = "kinetic"

[model]
transitions = ["1 <-> 2 : k_12, k_21", "2 <-> 3 : k_23, k_32", "3 <-> 1 : k_31, k_13"]

[find]
J = "flux 1 -> 2"
sigma = "entropy production"

[expect]
J = '\frac{k_{12} k_{23} k_{31} - k_{13} k_{32} k_{21}}{\Sigma}'
'''
NUMERATOR = "(k_12*k_23*k_31 - k_13*k_32*k_21)"


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    path = tmp_path_factory.mktemp("problems") / "cycle.toml"
    path.write_text(CYCLE, encoding="utf-8")
    problem = load_problem(path)
    return problem, derive_problem(problem)


def _check(problem, d, name, answer):
    return d.check(name, answer, symbols=problem.declared())


def test_sigma_in_an_expected_answer_is_read_without_being_in_find(cycle):
    problem, _ = cycle
    outcome = run_problem(problem, validate=False)
    assert outcome.error is None
    assert [(c.name, c.equal, c.note) for c in outcome.comparisons] == [("J", True, "")]


def test_defined_sigma_is_the_derived_normalization():
    for transitions in (["1 <-> 2", "2 <-> 3", "3 <-> 1"],
                        ["E <-> ES : k_1*S, k_{-1} [S]", "ES -> E : k_2 [P]",
                         "E <-> EI : k_3*I, k_{-3} [I]"]):
        full = sf.steady_state(sf.kinetic_graph(transitions))
        first = next(n for n in full.results if n.startswith("p_"))
        sigma = defined_names(full.select([first]))["Sigma"]
        assert sympy.cancel(sigma - full["Sigma"]) == 0


def test_a_result_named_sigma_is_not_redefined():
    d = sf.steady_state(sf.kinetic_graph(["C <-> O : k_o, k_c"]))
    assert "Sigma" not in defined_names(d)  # it is a result there, and stays one
    assert defined_names(sf.nodal_analysis(_bridge())) == {}  # transport defines no Sigma


@pytest.mark.parametrize("typed", ["Sigm", "sigmaa", "Sigmaa"])
def test_a_misspelt_sigma_is_steered_to_the_normalization_never_to_sigma(cycle, typed):
    problem, d = cycle
    r = _check(problem, d, "J", f"{NUMERATOR}/{typed}")
    assert r.code == "unknown_symbol"
    assert "did you mean Sigma (Σ, the King–Altman sum" in r.message
    assert "sigma" not in r.message.replace(typed, "")


def test_a_name_of_the_wrong_dimension_is_not_offered():
    # c alone is spelled like c_1 and c_2, concentrations; in place of the length L they
    # would make the flow a volume flow, so neither is offered.
    problem = load_problem(BANK / "pore_series_chain.toml")
    d = derive_problem(problem)
    r = _check(problem, d, "J", "pi*D*R**2*(c_1 - c_2)/c")
    assert r.code == "unknown_symbol"
    assert "did you mean" not in r.message and "its symbols:" in r.message
    r = _check(problem, d, "J", "pi*D*R**2*(c_1 - c_2)/LL")
    assert "did you mean L?" in r.message


def test_a_name_its_description_mentions_is_offered():
    problem = load_problem(BANK / "pore_series_chain.toml")
    d = derive_problem(problem)
    r = _check(problem, d, "J", "pi*D*radius**2*(c_1 - c_2)/L")
    assert r.message.endswith("did you mean R?")  # "pore radius"


def _bridge():
    return sf.transport_network([("a", "m", {"resistance": "R_1"}),
                                 ("m", "b", {"resistance": "R_2"})], potentials={"a": "c_1",
                                                                                 "b": "c_2"})


def test_wrong_dimension_is_written_in_the_problems_units():
    problem = load_problem(BANK / "wheatstone_bridge.toml")
    d = derive_problem(problem)
    r = _check(problem, d, "I_bridge", r"\frac{V_1 - V_2}{R_1 R_2}")
    assert r.code == "dimension"
    assert r.message.startswith("wrong dimension: A/Ohm; the question asks for A (a current) "
                                "— multiply by a resistance")
    r = _check(problem, d, "R_eff", "R_1 + R_2 + V_1")
    assert r.message.endswith("V_1 is V but R_1 is Ohm")


@pytest.mark.parametrize(("unit", "units", "shown"), [
    ("V/Ohm^2", (), "A/Ω"), ("V/Ohm^2", ("V", "Ohm"), "A/Ohm"),
    ("mol/(m^2 s)", (), "mol/(m^2*s)"), ("W", (), "W"), ("J/(mol K)", (), "J/(mol*K)"),
    ("m^2/s", (), "m^2/s"), ("1/Ohm", (), "S"), ("mol/(m^3 s)", ("M", "1/s"), "M/s"),
    ("1/(M s)", ("1/(M s)", "M"), "1/(M s)"), ("mol/m^3", ("mM", "M"), "M"),
])
def test_dimensions_are_spelled_in_named_or_the_problems_units(unit, units, shown):
    assert spell(parse_unit(unit), unit_names(units)) == shown


_PROBLEM_UNITS = unit_names(["V", "ohm", "M", "1/s", "m^2/s"])


@settings(max_examples=60, deadline=None)
@given(exponents=st.lists(st.integers(-3, 3), min_size=6, max_size=6),
       half=st.booleans(), own=st.booleans())
def test_a_spelled_dimension_reads_back_and_is_never_longer(exponents, half, own):
    names = ("amount_of_substance", "mass", "length", "time", "current", "temperature")
    dim = Dim.of({n: sympy.Rational(e, 2 if half and i == 2 else 1)
                  for i, (n, e) in enumerate(zip(names, exponents, strict=True))})
    shown = spell(dim, _PROBLEM_UNITS if own else None)
    assert parse_unit(shown) == dim
    if not own:
        assert len(shown) <= len(dim.base_units()) + 2


@pytest.mark.parametrize(("file", "name", "answer", "message"), [
    ("wheatstone_bridge.toml", "I_bridge",
     r"\frac{(V_1 - V_2)(R_1 R_3 - R_2 R_4)}{R_2 R_1 (R_3 + R_4) + R_3 R_4 (R_1 + R_2) + R_5 "
     r"(R_2 + R_3)(R_1 + R_4)}", "R_1 and R_2 are swapped"),
    ("pore_series_chain.toml", "c_m1", r"\frac{3 c_2 + c_1}{4}", "c_1 and c_2 are swapped"),
])
def test_a_transport_swap_speaks_of_no_reverse_step(file, name, answer, message):
    problem = load_problem(BANK / file)
    r = _check(problem, derive_problem(problem), name, answer)
    assert (r.code, r.message) == ("swapped", message)


def test_a_kinetic_swap_still_names_the_reverse_step():
    d = sf.steady_state(sf.kinetic_graph(["C <-> O : k_o, k_c"]))
    assert d.check("p_O", "k_c/(k_o + k_c)").message.endswith("(e.g. the rate of the reverse "
                                                              "step)")

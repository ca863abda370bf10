"""check(), CheckResult and Derivation.check: verdicts, reasons and their details."""

from pathlib import Path

import pytest
import sympy

import symflux as sf
from symflux.checking.check import CODES, CheckResult, parse_answer
from symflux.errors import CheckError

CYCLE = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
CHANNEL = sf.steady_state(sf.kinetic_graph(["C <-> O : k_o, k_c"]))


def test_derivation_check_delegates_and_result_is_truthy():
    r = CHANNEL.check("p_O", r"\frac{k_o}{k_o + k_c}")
    assert isinstance(r, CheckResult) and r and r.code == "equal"
    assert r.method == "symbolic" and r.message == "equal to the derived result (identical)"
    assert r.to_dict()["answer"] == "k_o/(k_c + k_o)"


def test_without_proof_the_verdict_says_numeric():
    r = CHANNEL.check("p_O", "1/(1 + k_c/k_o)", prove=False)
    assert r.equal and r.method == "numeric" and "random points" in r.message


def test_answers_may_be_sympy_expressions():
    k_o, k_c = sf.symbol("k_o"), sf.symbol("k_c")
    assert CHANNEL.check("p_O", k_o / (k_o + k_c)).equal
    assert CHANNEL.check("p_O", k_c / (k_o + k_c)).code == "swapped"


def test_the_sign_verdict_names_the_flux_direction():
    r = CYCLE.check("J_12", "-(k_12*k_23*k_31 - k_13*k_32*k_21)/Sigma")
    assert r.code == "sign" and "flux direction" in r.message and "1 → 2" in r.message
    ex = r.counterexample
    assert ex["answer"] == pytest.approx(-ex["expected"])


def test_the_factor_verdict_names_the_factor():
    r = CHANNEL.check("p_O", r"\frac{\pi k_o}{2 (k_o + k_c)}")
    assert r.code == "factor" and "pi/2" in r.message


def test_case_and_braces_in_names():
    assert CHANNEL.check("p_O", r"\frac{k_{o}}{k_{o} + k_{c}}").equal
    r = CHANNEL.check("p_O", r"\frac{K_o}{K_o + k_c}")
    assert r.code == "unknown_symbol" and "did you mean k_o" in r.message


def test_product_not_call_and_euler_number_in_latex():
    d = sf.Derivation("t", "inline", None,
                      results={"J": sf.symbol("D") * (sf.symbol("c_1") - sf.symbol("c_2"))})
    assert d.check("J", "D (c_1 - c_2)").equal
    g = sf.Derivation("t", "inline", None, results={"y": sympy.exp(-sf.symbol("x"))})
    assert g.check("y", "e^{-x}").equal and g.check("y", r"\exp(-x)").equal


def test_equation_answers():
    assert CHANNEL.check("p_O", r"p_O = \frac{k_o}{k_o + k_c}").equal
    assert parse_answer("a = b", {})[0] == sf.symbol("a")
    r = CHANNEL.check("p_O", "k_o = k_c")
    assert not r.equal


def test_unknown_result_name_is_an_error():
    with pytest.raises(CheckError, match="no result 'q'"):
        CHANNEL.check("q", "1")


def test_a_tiny_time_limit_gives_undecided_not_a_hang():
    r = CYCLE.check("p_1", "(k_21*k_31 + k_21*k_32 + k_23*k_31)/Sigma", time_limit=1e-4)
    assert r.code == "undecided" and not r.equal


def test_every_code_is_documented():
    doc = (Path(sf.__file__).resolve().parents[1] / "docs" / "checking.md").read_text(
        encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in doc


def test_juxtaposed_letters_get_a_mathrm_hint():
    kT, E = sf.symbol("kT"), sf.symbol("E")
    d = sf.Derivation("t", "inline", None, results={"x": sympy.exp(-E / kT)})
    assert d.check("x", r"e^{-E/\mathrm{kT}}").equal
    r = d.check("x", r"e^{-E/(kT)}")
    assert r.code == "unknown_symbol" and r"\mathrm{kT}" in r.message


def test_swapped_verdict_speaks_of_the_model_at_hand():
    T = sf.transport_network([("a", "m", {"resistance": "R_1"}), ("m", "b", {"resistance": "R_2"})],
                             potentials={"a": "c_1", "b": "c_2"})
    d = sf.nodal_analysis(T)
    r = d.check("phi_m", "(c_1*R_1 + c_2*R_2)/(R_1 + R_2)")
    assert r.code == "swapped"
    assert r.message == "R_1 and R_2 are swapped"


def test_hints_never_suggest_a_result_of_another_meaning():
    # sigma (entropy production) is a result; Sigma typed for the normalisation must not be
    # steered towards it.
    d = sf.combine("both", sf.steady_state(G := sf.kinetic_graph(["1 <-> 2", "2 <-> 3",
                                                                   "3 <-> 1"])),
                   sf.entropy_production(G)).select(["p_1", "sigma"])
    r = d.check("p_1", r"\frac{k_{21} k_{31} + k_{21} k_{32} + k_{23} k_{31}}{\Sigma}")
    assert r.equal  # Sigma, the normalisation, is known though not selected
    r = d.check("p_1", "(k_21*k_31 + k_21*k_32 + k_23*k_31)/Sigm")
    assert r.code == "unknown_symbol"
    assert "did you mean Sigma" in r.message and "sigma" not in r.message

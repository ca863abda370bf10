"""validate() checks what the reader reads: the printed results, and their compact twins."""

import dataclasses

import pytest

import symflux as sf
from symflux.derivation import Quantity

TRIANGLE = ["1 <-> 2", "2 <-> 3", "3 <-> 1"]


def test_replaced_result_with_stale_compact_fails_naming_both_forms():
    d = sf.steady_state(sf.kinetic_graph(TRIANGLE))
    wrong = 2 * d["p_1"]
    tampered = dataclasses.replace(d, results={**d.results, "p_1": wrong})
    report = tampered.validate(points=3)
    assert report.status == "failed"
    assert report.verdict("p_1").verdict == "failed"
    identity = next(c for c in report.checks if c.name == "p_1" and c.route == "identity")
    assert identity.passed is False and "compact form" in identity.note
    assert report.verdict("p_2").verdict == "validated"


def test_reaction_result_replaced_is_caught():
    N = sf.reaction_network(["E + S <-> ES", "ES -> E + P"], constant=["S", "P"])
    d = sf.steady_state(N)
    name = "c_ES"
    tampered = dataclasses.replace(d, results={**d.results, name: d[name] * 1.01})
    report = tampered.validate(points=3)
    assert report.verdict(name).verdict == "failed"


def test_misspelt_kind_is_refused_when_built():
    with pytest.raises(sf.SymfluxError, match="unknown quantity kind 'probabilty'"):
        Quantity("probabilty", ("1",))


def test_doubled_result_fails():
    d = sf.steady_state(sf.kinetic_graph(TRIANGLE))
    doubled = sf.Derivation("doubled", "kinetic", d.model, results={"p_1": 2 * d["p_1"]},
                            quantities={"p_1": Quantity("probability", ("1",))})
    assert doubled.validate(points=2).status == "failed"


def test_str_shows_a_verdict_per_result():
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
    text = str(d.validate(points=2))
    for name in d.results:
        assert f"{name}: validated" in text
    assert text.rstrip().endswith("passed")

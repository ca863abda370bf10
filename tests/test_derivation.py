"""The Derivation record: frozen, indexable, combinable."""

import dataclasses

import pytest
import sympy

import symflux as sf


def test_frozen_and_copies_inputs():
    results = {"x": sympy.Integer(1)}
    d = sf.Derivation("t", "kinetic", None, results=results)
    results["y"] = sympy.Integer(2)
    assert "y" not in d
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.title = "other"
    with pytest.raises(TypeError):
        d.results["z"] = 3


def test_quantities_must_name_results():
    with pytest.raises(sf.SymfluxError, match="do not exist"):
        sf.Derivation("t", "kinetic", None, results={}, quantities={"x": sf.Quantity("flux")})


def test_select_renames_and_keeps_meaning():
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
    s = d.select({"P1": "p_1"})
    assert list(s.results) == ["P1"]
    assert s.quantities["P1"] == d.quantities["p_1"]
    with pytest.raises(KeyError):
        d.select(["nope"])


def test_combine_joins_steps_and_refuses_other_models():
    G = sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"])
    both = sf.combine("all", sf.steady_state(G), sf.entropy_production(G))
    assert {"p_1", "sigma"} <= set(both.results)
    other = sf.steady_state(sf.kinetic_graph(["1 <-> 2"]))
    with pytest.raises(sf.SymfluxError, match="another model"):
        sf.combine("x", both, other)
    with pytest.raises(sf.SymfluxError, match="not a dict"):
        sf.combine("x", both, {"p_1": 1})


def test_steps_tell_the_derivation():
    d = sf.steady_state(sf.kinetic_graph(["1 <-> 2", "2 <-> 3", "3 <-> 1"]))
    statements = [s.statement for s in d.steps]
    assert statements[0] == "Master equation"
    assert any("Laplacian" in s for s in statements)
    assert any("Directional diagrams of state 1: 3 spanning trees" in s for s in statements)
    assert any(s.startswith("Sum of all directional diagrams (9 terms)") for s in statements)

"""Deficiency and conservation laws are validated by routes of their own, and wrong ones fail."""

from dataclasses import replace
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings

from symflux import reaction_network
from symflux.derivation import Quantity
from symflux.errors import ValidationError
from symflux.numerics.network_structure import deficiency_value
from symflux.problems import derive_problem, load_problem
from symflux.reactions.stoichiometry import deficiency
from symflux.testing.strategies import reaction_network_lines

BANK = Path(__file__).resolve().parents[2] / "derivations"
A, B = sympy.symbols("A B", positive=True)


def bank(name: str):
    return derive_problem(load_problem(BANK / name))


@settings(max_examples=40, deadline=None)
@given(reaction_network_lines(reactions=(1, 5)))
def test_the_numerical_deficiency_is_the_engines_on_random_networks(lines):
    N = reaction_network(lines)
    assert deficiency_value(N) == deficiency(N)


def test_textbook_deficiencies():
    # Feinberg's examples: A ⇄ B with 2A ⇄ 2B has δ = 4 − 2 − 1 = 1; a triangle of
    # complexes A ⇄ B ⇄ C ⇄ A has δ = 3 − 1 − 2 = 0.
    assert deficiency_value(reaction_network(["A <-> B", "2 A <-> 2 B"])) == 1
    assert deficiency_value(reaction_network(["A <-> B", "B <-> C", "C <-> A"])) == 0


def test_the_bank_deficiency_and_conservation_law_validate():
    report = bank("deficiency_one_wegscheider.toml").validate(points=3)
    assert report.verdict("delta").verdict == "validated"
    assert report.verdict("L").verdict == "validated"
    assert report.passed


def test_a_wrong_deficiency_fails():
    d = bank("deficiency_one_wegscheider.toml")
    wrong = replace(d, results={**d.results, "delta": sympy.Integer(0)})
    assert wrong.validate(points=2).verdict("delta").verdict == "failed"


def test_a_tampered_conservation_law_fails():
    d = bank("deficiency_one_wegscheider.toml")
    wrong = replace(d, results={**d.results, "L": 2 * A + B})
    assert wrong.validate(points=2).verdict("L").verdict == "failed"


def test_a_wrong_law_that_the_engine_believed_fails():
    # Result and Quantity wrong together, as an engine bug would make them: 2A + B is
    # not conserved by A ⇄ B, and integrating the ODEs shows it changing.
    d = bank("deficiency_one_wegscheider.toml")
    setting = d.quantities["L"].args[-1]
    wrong = replace(d, results={**d.results, "L": 2 * A + B},
                    quantities={**d.quantities,
                                "L": Quantity("conserved_sum", ((("A", 2), ("B", 1)), setting))})
    assert wrong.validate(points=2).verdict("L").verdict == "failed"


def test_an_equilibrium_constant_is_validated_on_the_wegscheider_manifold():
    # random Bi Uni: two pathways between the same enzyme forms, so K_eq (defined only
    # where W = 1) is sampled there, and every other result off it, as before
    d = bank("random_bi_uni.toml")
    manifold = d.quantities["K_eq"].args[1]
    assert manifold and all(isinstance(k, sympy.Symbol) for k, _ in manifold)
    report = d.validate(points=3)
    assert report.verdict("K_eq").verdict == "validated"
    assert report.verdict("W").verdict == "validated"
    off = [p for p in [report.first_point]
           if abs(float(d["W"].subs(p)) - 1) > 1e-3]
    assert off, "the other results are not confined to the manifold"


def test_a_wrong_equilibrium_constant_on_the_manifold_fails():
    d = bank("random_bi_uni.toml")
    wrong = replace(d, results={**d.results, "K_eq": 2 * d.results["K_eq"]})
    assert wrong.validate(points=2).verdict("K_eq").verdict == "failed"


def test_values_of_the_whole_derivation_reach_each_sampled_part():
    # E_T appears in v but not in K_eq, which is sampled apart on the manifold: fixing it
    # is still allowed, holds where it appears, and an unknown name is still refused
    d = bank("random_bi_uni.toml")
    report = d.validate(points=2, values={"E_T": 2.0})
    assert report.passed
    assert report.first_point[sympy.Symbol("E_T", positive=True)] == 2.0
    with pytest.raises(ValidationError, match="unknown parameter 'E_X'"):
        d.validate(points=2, values={"E_X": 2.0})

"""The three models of issue 14 that validate() used to fail, confirmed by other tools."""

import pytest

import symflux as sf

MODELS = {
    "dead-end product inhibition": (
        ["E + S <-> ES", "ES -> E + P", "E + P <-> EP", "P -> 0"], ["S"]),
    "open reversible Michaelis-Menten": (
        ["0 -> S", "S + E <-> ES", "ES <-> E + P", "P -> 0"], []),
    "glycolysis-like chain": (
        ["Glc + ATP -> G6P + ADP", "G6P <-> F6P", "F6P + ATP -> FBP + ADP", "FBP -> 2 GAP",
         "GAP + 2 ADP -> Pyr + 2 ATP", "Pyr -> 0", "ATP -> ADP", "ADP -> ATP"], ["Glc"]),
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_right_answers_validate_as_passed(name):
    reactions, constant = MODELS[name]
    report = sf.steady_state(sf.reaction_network(reactions, constant=constant)).validate(
        points=4)
    assert report.status == "passed", str(report)

"""The staged bank problems of derivations/sbml/ derive their expected answers.

This is what the problem loader will do once it knows ``model = { sbml = ... }`` and the
control-analysis find phrases: read the model table, derive the control coefficients,
compare with ``[expect]`` and validate.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import symflux as sf
from symflux.interop.sbml import network_from_problem_model
from symflux.reactions.control import control_result_name

pytest.importorskip("libsbml")
STAGED = Path(__file__).resolve().parents[2] / "derivations" / "sbml"


@pytest.mark.parametrize("path", sorted(STAGED.glob("*.toml")), ids=lambda p: p.stem)
def test_staged_problem_derives_its_expected_answers(path):
    problem = tomllib.loads(path.read_text())
    model = network_from_problem_model(problem["model"], path.parent)
    wanted = {name: control_result_name(spec) for name, spec in problem["find"].items()}
    cc = sf.control_coefficients(sf.steady_state(model.network),
                                 parameters=[p for _, p in wanted.values() if p])
    chosen = cc.select({name: result for name, (result, _) in wanted.items()})
    for name, answer in problem["expect"].items():
        assert sf.check(chosen, name, answer).equal, name
    assert chosen.validate(points=2, values=model.point()).passed


def test_unknown_find_phrase_lists_the_known_ones():
    with pytest.raises(sf.GraphError, match="flux control coefficient"):
        control_result_name("control strength of v1")
